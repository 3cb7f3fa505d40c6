//! `dtao-sim check`.

use std::path::PathBuf;
use std::process::ExitCode;

pub fn check(paths: &[PathBuf]) -> Result<ExitCode, String> {
    let mut failed = false;
    for path in paths {
        match crate::scenario::load(path) {
            Ok((_, genesis)) => println!(
                "{}: ok: \"{}\", {} subnets, {} holders, {} events, rule set {}",
                path.display(),
                genesis.title,
                genesis.subnets.len(),
                genesis.holders.len(),
                genesis.events.len(),
                genesis.params.rule_set
            ),
            Err(e) => {
                eprintln!("{e}");
                failed = true;
            }
        }
    }
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
