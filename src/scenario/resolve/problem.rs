//! `Problem`, what every check returns: the first one found ends resolving.

use std::ops::Range;

/// Something wrong in a scenario: the field, its place in the text when known, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub span: Option<Range<usize>>,
    pub field: String,
    pub message: String,
}

/// The `Err` of a [`Problem`], so that a check reads `return problem(span, field, why)`.
pub(super) fn problem<T>(span: Option<Range<usize>>, field: impl Into<String>, message: impl Into<String>) -> Result<T, Problem> {
    Err(Problem { span, field: field.into(), message: message.into() })
}
