//! `dtao-sim replay`.

use crate::reference::{compare_run, replay as run_replay, RunVector};
use std::path::Path;
use std::process::ExitCode;

pub fn replay(path: &Path) -> Result<ExitCode, String> {
    let max = crate::economy::limits::MAX_FILE_BYTES;
    let size = std::fs::metadata(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?.len();
    if size > max {
        return Err(format!("{}: the file is {size} bytes, more than the limit of {max}", path.display()));
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    let vector: RunVector = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let result = run_replay(&vector.input).map_err(|e| format!("{}: {e}", path.display()))?;
    println!("{}", serde_json::to_string_pretty(&result.checkpoints).map_err(|e| e.to_string())?);
    if vector.checkpoints.is_empty() {
        eprintln!("{}: no checkpoints in the file to compare with", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    match compare_run(vector.input.trade_results_rao.as_deref(), &vector.checkpoints, &result) {
        Ok(()) => {
            eprintln!(
                "{}: all {} checkpoints and {} trade results match",
                path.display(),
                vector.checkpoints.len(),
                vector.input.trades.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(m) => {
            eprintln!("{}: first difference: {m}", path.display());
            Ok(ExitCode::FAILURE)
        }
    }
}
