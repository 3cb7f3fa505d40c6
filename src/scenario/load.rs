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
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Parses scenario text; `file` names it in errors.
pub fn parse(text: &str, file: &str) -> Result<Scenario, ScenarioError> {
    let locate = |span: Option<std::ops::Range<usize>>, field: String, message: String| {
        let (line, column) = span.map_or((0, 0), |s| line_col(text, s.start));
        ScenarioError { file: file.to_string(), line, column, field, message }
    };
    let deserializer =
        toml::Deserializer::parse(text).map_err(|e| locate(e.span(), String::new(), e.message().trim().to_string()))?;
    serde_path_to_error::deserialize(deserializer).map_err(|e| {
        // Spanned values add a private segment to the path; the user wrote the field before it.
        let field = e.path().to_string().replace(".$__serde_spanned_private_value", "");
        let inner = e.into_inner();
        let field = if field == "." { String::new() } else { field };
        locate(inner.span(), field, inner.message().trim().to_string())
    })
}

/// Turns a [`Problem`] found while resolving into a located error.
pub fn locate_problem(text: &str, file: &str, p: Problem) -> ScenarioError {
    let (line, column) = p.span.filter(|s| s.end > 0).map_or((0, 0), |s| line_col(text, s.start));
    ScenarioError { file: file.to_string(), line, column, field: p.field, message: p.message }
}

/// Reads, parses and checks a scenario file.
pub fn load(path: &Path) -> Result<(Scenario, Genesis), ScenarioError> {
    let file = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| ScenarioError {
        file: file.clone(),
        line: 0,
        column: 0,
        field: String::new(),
        message: format!("cannot read: {e}"),
    })?;
    let scenario = parse(&text, &file)?;
    let genesis = resolve(&scenario).map_err(|p| locate_problem(&text, &file, p))?;
    Ok((scenario, genesis))
}
