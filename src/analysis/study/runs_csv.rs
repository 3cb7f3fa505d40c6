//! `runs.csv`: one row per run, in run order. Rows are written as runs finish, each as one
//! whole line, so that a stopped sweep leaves a file whose complete lines are the first runs
//! of its shard, in order: [`completed`] finds them for `--resume`.

use super::definition::{RunId, Study};
use super::execute::RowResult;
use super::reproduce::reproduce_command;

/// A value as every file of a sweep writes it: the shortest text that reads back as the same
/// number (so that summaries computed from the file equal those computed from the runs), or
/// empty when there is none.
pub fn number(value: Option<f64>) -> String {
    match value {
        Some(x) if x.is_finite() => format!("{x}"),
        _ => String::new(),
    }
}

/// The header: `run,config,replicate,<parameters>,seed,<metrics>,blocks_run,stopped_by,conservation_ok,reproduce`.
pub fn header(study: &Study) -> Vec<String> {
    let mut h: Vec<String> = ["run", "config", "replicate"].map(String::from).to_vec();
    h.extend(study.params.iter().cloned());
    h.push("seed".into());
    h.extend(study.measures.metrics.iter().map(|m| m.name.clone()));
    h.extend(["blocks_run", "stopped_by", "conservation_ok", "reproduce"].map(String::from));
    h
}

/// Fields as one CSV line, `\n` included.
pub fn line(fields: &[String]) -> Result<String, String> {
    let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
    w.write_record(fields).map_err(|e| e.to_string())?;
    let bytes = w.into_inner().map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map_err(|e| e.to_string())
}

/// The row of run `id`.
pub fn row(study: &Study, id: RunId, result: &RowResult) -> Result<String, String> {
    let mut f = vec![id.run.to_string(), id.config.to_string(), id.replicate.to_string()];
    f.extend(study.configs[id.config as usize].iter().map(|s| s.text.clone()));
    f.push(id.seed.to_string());
    f.extend(result.values.iter().map(|v| number(*v)));
    f.push(result.blocks_run.to_string());
    f.push(result.stopped_by.clone().unwrap_or_default());
    f.push(if result.conservation_ok { "1" } else { "0" }.into());
    f.push(reproduce_command(study, id));
    line(&f)
}

/// The finished part of a `runs.csv` of one shard: how many of `expected` (its runs, in
/// order) its complete lines hold and where they end. A cut-off last line is not counted;
/// anything else that does not fit (another header, runs out of order) is refused.
pub fn completed(text: &str, header_line: &str, expected: &[u64]) -> Result<(usize, usize), String> {
    let Some(body) = text.strip_prefix(header_line) else {
        return Err("its runs.csv has another header: it was written by another sweep".into());
    };
    let mut end = header_line.len();
    let mut done = 0;
    // Only lines ended by a newline are whole: the last one may have been cut by the stop.
    for line in body.split_inclusive('\n').filter(|l| l.ends_with('\n')) {
        let run = line.split(',').next().and_then(|r| r.parse::<u64>().ok());
        match (run, expected.get(done)) {
            (Some(r), Some(e)) if r == *e => {}
            _ => return Err(format!("line {} of its runs.csv is not run {} of this sweep", done + 2, expected.get(done).map_or("(none left)".into(), u64::to_string))),
        }
        end += line.len();
        done += 1;
    }
    Ok((done, end))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_off_file_resumes_after_its_last_whole_line() {
        let header = "run,x\n";
        let text = "run,x\n0,1\n3,2\n6,";
        assert_eq!(completed(text, header, &[0, 3, 6, 9]), Ok((2, "run,x\n0,1\n3,2\n".len())));
        assert!(completed("run,y\n", header, &[0]).is_err());
        assert!(completed("run,x\n3,1\n", header, &[0, 3]).is_err());
        assert_eq!(number(Some(0.1)), "0.1");
        assert_eq!(number(Some(f64::NAN)), "");
        assert_eq!(number(None), "");
    }
}
