//! Reading a scenario file, with errors that say where.

use super::format::Scenario;
use super::resolve::{resolve, Genesis, Problem};
use std::fmt;
use std::path::Path;

/// A scenario that could not be used, located in its file.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioError {
    pub file: String,
    /// 1-based; 0 when the problem has no place in the file (e.g. it cannot be read).
    pub line: usize,
    pub column: usize,
    /// The field, as a path: `events[2].amount`.
    pub field: String,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if self.line > 0 {
            write!(f, ":{}:{}", self.line, self.column)?;
        }
        if !self.field.is_empty() {
            write!(f, ": {}", self.field)?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ScenarioError {}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// The dotted field written at byte `offset`, for errors the TOML reader finds before
/// fields have paths: the table header above it (`events[2]` for the third `[[events]]`)
/// and the key on its line.
fn field_at(text: &str, offset: usize) -> String {
    let offset = offset.min(text.len());
    let mut table = String::new();
    let mut arrays: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    for line in text[..line_start].lines() {
        let line = line.trim();
        if let Some(name) = line.strip_prefix("[[").and_then(|l| l.split("]]").next()) {
            let name = name.trim().to_string();
            let k = arrays.entry(name.clone()).or_insert(0);
            table = format!("{name}[{k}]");
            *k += 1;
        } else if let Some(name) = line.strip_prefix('[').and_then(|l| l.split(']').next()) {
            table = name.trim().to_string();
        }
    }
    let line = text[line_start..].lines().next().unwrap_or("").trim();
    let key = match line.split_once('=') {
        Some((key, _)) if !line.starts_with('[') => key.trim().trim_matches('"').chars().take(60).collect(),
        _ => String::new(),
    };
    match (table.is_empty(), key.is_empty()) {
        // A line that is not `key = value` (stray text): the table it is in.
        (true, true) => "top level".to_string(),
        (false, true) => table,
        (true, false) => key,
        (false, false) => format!("{table}.{key}"),
    }
}

/// The span of the line with the most nesting: dots in its key plus open brackets.
fn deepest_line(text: &str) -> std::ops::Range<usize> {
    let mut best = (0, 0..0);
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let key = line.split('=').next().unwrap_or("");
        let depth = key.matches('.').count() + line.matches(['[', '{']).count();
        if depth > best.0 {
            best = (depth, start..start + line.trim_end().len());
        }
        start += line.len();
    }
    best.1
}

/// Parses scenario text; `file` names it in errors.
pub fn parse(text: &str, file: &str) -> Result<Scenario, ScenarioError> {
    parse_toml(text, file)
}

/// Parses any TOML file into `T` with the errors a scenario gets (`file:line:column: field:
/// message`), so that other files the simulator reads (sweep specs) say where as well.
pub fn parse_toml<T: serde::de::DeserializeOwned>(text: &str, file: &str) -> Result<T, ScenarioError> {
    // Without a place of its own, a problem is put at the start of the file, so that every
    // refusal still has a line and column.
    let locate = |span: Option<std::ops::Range<usize>>, field: String, message: String| {
        let (line, column) = span.map_or((1, 1), |s| line_col(text, s.start));
        ScenarioError { file: file.to_string(), line, column, field, message }
    };
    let deserializer = toml::Deserializer::parse(text).map_err(|e| {
        let message = e.message().trim().to_string();
        let (span, message) = if message.contains("recursion limit") {
            // The reader gives no place for it: the most deeply nested line is the culprit.
            (e.span().or_else(|| Some(deepest_line(text))), format!("{message}: tables, arrays or dotted keys are nested too deeply"))
        } else {
            (e.span(), message)
        };
        let field = span.clone().map_or(String::new(), |s| field_at(text, s.start));
        locate(span, field, message)
    })?;
    serde_path_to_error::deserialize(deserializer).map_err(|e| {
        // Spanned values add a private segment to the path; the user wrote the field before it.
        let field = e.path().to_string().replace(".$__serde_spanned_private_value", "");
        let inner = e.into_inner();
        let message = inner.message().trim().to_string();
        let mut field = if field == "." { String::new() } else { field };
        // A missing key has no path of its own: name it after its table.
        if let Some(missing) = message.strip_prefix("missing field `").and_then(|m| m.split('`').next()) {
            field = if field.is_empty() { missing.to_string() } else { format!("{field}.{missing}") };
        }
        if field.is_empty() {
            field = inner.span().map_or(String::new(), |s| field_at(text, s.start));
        }
        locate(inner.span(), field, message)
    })
}

/// Turns a [`Problem`] found while resolving into a located error.
pub fn locate_problem(text: &str, file: &str, p: Problem) -> ScenarioError {
    let (line, column) = p.span.filter(|s| s.end > 0).map_or((1, 1), |s| line_col(text, s.start));
    ScenarioError { file: file.to_string(), line, column, field: p.field, message: p.message }
}

/// Reads a text file of at most the scenario size limit; `what` names the kind of file in
/// the refusal.
pub fn read_limited(path: &Path, what: &str) -> Result<String, ScenarioError> {
    let file = path.display().to_string();
    let unreadable = |message: String| ScenarioError { file: file.clone(), line: 0, column: 0, field: String::new(), message };
    let max = crate::economy::limits::MAX_FILE_BYTES;
    // Checked before reading, so that no file is read whole into memory beyond the limit.
    let size = std::fs::metadata(path).map_err(|e| unreadable(format!("cannot read: {e}")))?.len();
    if size > max {
        return Err(unreadable(format!("the file is {size} bytes, more than the limit of {max} for {what}")));
    }
    std::fs::read_to_string(path).map_err(|e| unreadable(format!("cannot read: {e}")))
}

/// Reads, parses and checks a scenario file.
pub fn load(path: &Path) -> Result<(Scenario, Genesis), ScenarioError> {
    let file = path.display().to_string();
    let text = read_limited(path, "a scenario")?;
    let scenario = parse(&text, &file)?;
    let genesis = resolve(&scenario).map_err(|p| locate_problem(&text, &file, p))?;
    Ok((scenario, genesis))
}
