//! Refusals of a spec file at their place in it: `file:line:column: field: message`, as the
//! scenario loader writes them.

use crate::scenario::load::locate_problem;
use crate::scenario::{Problem, ScenarioError};
use std::ops::Range;

/// The text of a file being read, and its name as errors show it.
#[derive(Clone, Copy)]
pub struct Source<'t> {
    pub text: &'t str,
    pub file: &'t str,
}

impl Source<'_> {
    /// A refusal of `field` at `span` (the start of the file when the span is empty).
    pub fn at(&self, span: Range<usize>, field: impl Into<String>, message: impl Into<String>) -> ScenarioError {
        locate_problem(self.text, self.file, Problem { span: Some(span), field: field.into(), message: message.into() })
    }
}
