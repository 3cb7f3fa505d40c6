//! The captions' claims as a run judged them, in the words `run` and `verify` print:
//! `file:line:column: captions[i].expect[j]: SN2 share above 0.4: 0.213: false`.

use crate::metrics::ClaimBook;

/// One claim's line, and whether it held (`false` too when its block was never reached).
pub struct ClaimLine {
    pub ok: bool,
    pub text: String,
}

/// Every claim of `book`, located in `file` (whose text is `source`); `start_block` numbers
/// blocks as the file does.
pub fn claim_lines(book: &ClaimBook, file: &str, source: &str, start_block: u64) -> Vec<ClaimLine> {
    book.claims
        .iter()
        .zip(&book.verdicts)
        .map(|(claim, verdict)| {
            let (line, column) = crate::scenario::load::line_col(source, claim.offset);
            let place = format!("{file}:{line}:{column}: {} (block {})", claim.field, claim.block + start_block);
            let what = claim.describe(start_block);
            match verdict {
                None => ClaimLine { ok: false, text: format!("{place}: {what}: not reached (the run ended before its block)") },
                Some(v) => {
                    let seen = match v.reference {
                        Some(r) => format!("{} (against {})", fmt(v.value), fmt(r)),
                        None => fmt(v.value),
                    };
                    ClaimLine { ok: v.ok, text: format!("{place}: {what}: {seen}: {}", if v.ok { "holds" } else { "FALSE" }) }
                }
            }
        })
        .collect()
}

/// Enough digits to compare with the claim's own numbers.
fn fmt(v: f64) -> String {
    if v.abs() >= 1_000.0 { format!("{v:.1}") } else { format!("{v:.6}") }
}
