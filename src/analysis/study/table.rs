//! The `table` design: configurations listed one per row, in the spec (`columns` and
//! `rows`) or in a CSV file whose header names the parameters. A bad cell is refused at its
//! line and column, in whichever file it is.

use super::definition::{DesignInfo, Setting};
use super::design::{param_name, setting, Drawn};
use super::located::Source;
use super::spec::SpecFile;
use crate::economy::limits::MAX_SWEEP_RUNS;
use crate::scenario::format::{ParamName, ParamValue};
use crate::scenario::ScenarioError;
use std::path::Path;

fn names_of(columns: &[(String, std::ops::Range<usize>)], src: &Source, field: &str) -> Result<Vec<ParamName>, ScenarioError> {
    let mut out = Vec::new();
    for (i, (name, span)) in columns.iter().enumerate() {
        out.push(param_name(name).map_err(|e| src.at(span.clone(), format!("{field}[{i}]"), e))?);
        if columns[..i].iter().any(|(n, _)| n.trim() == name.trim()) {
            return Err(src.at(span.clone(), format!("{field}[{i}]"), format!("`{name}` is a column twice")));
        }
    }
    if out.is_empty() {
        return Err(src.at(0..0, field, "a table design needs at least one column"));
    }
    Ok(out)
}

/// A CSV cell: a number when it reads as one, else a name.
fn cell_value(text: &str) -> ParamValue {
    match text.trim().parse::<f64>() {
        Ok(x) if x.is_finite() => ParamValue::Number(x),
        _ => ParamValue::Text(text.trim().to_string()),
    }
}

/// The configurations of a `table` design.
pub fn draw_table(spec: &SpecFile, src: &Source, spec_dir: &Path) -> Result<Drawn, ScenarioError> {
    let d = &spec.design;
    if let Some(p) = spec.params.first() {
        return Err(src.at(p.name.span(), "param", "a table design lists its parameters in `design.columns` (or the CSV header), not as [[param]]"));
    }
    if let Some(s) = &d.samples {
        return Err(src.at(s.span(), "design.samples", "`samples` is for lhs and random designs, not table"));
    }
    if d.seed.is_some() {
        return Err(src.at(0..0, "design.seed", "`seed` is for lhs and random designs, not table"));
    }
    let (names, configs, from) = match (&d.rows, &d.file) {
        (Some(_), Some(f)) => return Err(src.at(f.span(), "design.file", "give `rows` or `file`, not both")),
        (None, None) => return Err(src.at(0..0, "design.rows", "a table design needs `rows` (with `columns`) or a CSV `file`")),
        (Some(rows), None) => {
            let columns: Vec<(String, std::ops::Range<usize>)> =
                d.columns.iter().flatten().map(|c| (c.get_ref().trim().to_string(), c.span())).collect();
            let params = names_of(&columns, src, "design.columns")?;
            let mut configs = Vec::new();
            for (i, row) in rows.iter().enumerate() {
                let field = format!("design.rows[{i}]");
                if row.get_ref().len() != params.len() {
                    return Err(src.at(row.span(), field, format!("{} values for {} columns", row.get_ref().len(), params.len())));
                }
                let mut config = Vec::new();
                for (j, (cell, param)) in row.get_ref().iter().zip(&params).enumerate() {
                    if matches!(cell.get_ref(), ParamValue::Number(x) if !x.is_finite()) {
                        return Err(src.at(cell.span(), format!("{field}[{j}]"), "must be a finite number"));
                    }
                    config.push(setting(*param, cell.get_ref()).map_err(|e| src.at(cell.span(), format!("{field}[{j}]"), e))?);
                }
                configs.push(config);
            }
            (columns.into_iter().map(|c| c.0).collect(), configs, "rows in the spec".to_string())
        }
        (None, Some(file)) => {
            if d.columns.is_some() {
                return Err(src.at(file.span(), "design.columns", "with a CSV `file` the header names the columns"));
            }
            let path = spec_dir.join(file.get_ref());
            let (names, configs) = read_csv(&path).map_err(|e| match e {
                CsvProblem::Unreadable(m) => src.at(file.span(), "design.file", format!("{}: {m}", path.display())),
                CsvProblem::At(e) => e,
            })?;
            (names, configs, format!("rows of {}", path.display()))
        }
    };
    if configs.is_empty() {
        return Err(src.at(0..0, "design.rows", "a table design needs at least one row"));
    }
    if configs.len() as u64 > MAX_SWEEP_RUNS {
        return Err(src.at(0..0, "design.rows", format!("{} rows is more than the limit of {MAX_SWEEP_RUNS} runs", configs.len())));
    }
    Ok(Drawn { names, configs, info: DesignInfo { kind: "table".into(), seed: None, params: vec![from] } })
}

enum CsvProblem {
    Unreadable(String),
    At(ScenarioError),
}

type Table = (Vec<String>, Vec<Vec<Setting>>);

fn read_csv(path: &Path) -> Result<Table, CsvProblem> {
    let text = crate::scenario::load::read_limited(path, "a table").map_err(|e| CsvProblem::Unreadable(e.message))?;
    let file = path.display().to_string();
    let src = Source { text: &text, file: &file };
    let mut reader = csv::ReaderBuilder::new().has_headers(true).trim(csv::Trim::All).from_reader(text.as_bytes());
    let header = reader.headers().map_err(|e| CsvProblem::At(src.at(0..0, "header", e.to_string())))?.clone();
    // Columns are located by their byte offsets: the header's fields start where the line does.
    let columns: Vec<(String, std::ops::Range<usize>)> = {
        let mut offset = 0;
        header
            .iter()
            .map(|h| {
                let span = offset..offset + h.len().max(1);
                offset += h.len() + 1;
                (h.to_string(), span)
            })
            .collect()
    };
    let params = names_of(&columns, &src, "header").map_err(CsvProblem::At)?;
    let mut configs = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let offset = e.position().map_or(0, |p| p.byte() as usize);
            CsvProblem::At(src.at(offset..offset + 1, "row", e.to_string()))
        })?;
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let mut config = Vec::new();
        let mut offset = start;
        for (j, (cell, param)) in record.iter().zip(&params).enumerate() {
            let span = offset..offset + cell.len().max(1);
            offset += cell.len() + 1;
            config.push(setting(*param, &cell_value(cell)).map_err(|e| CsvProblem::At(src.at(span, columns[j].0.clone(), e)))?);
        }
        if record.len() != params.len() {
            return Err(CsvProblem::At(src.at(start..start + 1, "row", format!("{} values for {} columns", record.len(), params.len()))));
        }
        configs.push(config);
    }
    Ok((columns.into_iter().map(|c| c.0).collect(), configs))
}
