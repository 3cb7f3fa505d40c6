//! `dtao-sim verify SCENARIO...`: runs each scenario headless to its last claim and checks
//! every claim its captions make; exits non-zero naming `file:line:column` of each false one.

use crate::analysis::claims::claim_lines;
use crate::metrics::ClaimBook;
use crate::Simulation;
use std::path::PathBuf;
use std::process::ExitCode;

pub fn verify(paths: &[PathBuf]) -> Result<ExitCode, String> {
    let mut failed = false;
    for path in paths {
        let file = path.display().to_string();
        let (_, genesis) = match crate::scenario::load(path) {
            Ok(loaded) => loaded,
            Err(e) => {
                eprintln!("{e}");
                failed = true;
                continue;
            }
        };
        let source = std::fs::read_to_string(path).map_err(|e| format!("{file}: {e}"))?;
        if genesis.claims.claims.is_empty() {
            println!("{file}: no claims");
            continue;
        }
        // Only as far as the last claim's block: nothing after it is judged.
        let last = genesis.claims.claims.iter().map(|c| c.block).max().unwrap_or(0);
        let mut sim = Simulation::new(&genesis);
        sim.sample_every(0);
        sim.sample_holders_every(0);
        // A claim past the scenario's end is not reached, as in the window's lesson.
        sim.run((last + 1).min(genesis.blocks));
        let book = sim.world().resource::<ClaimBook>();
        let lines = claim_lines(book, &file, &source, genesis.start_block);
        let false_ones = lines.iter().filter(|l| !l.ok).count();
        for l in &lines {
            if l.ok {
                println!("{}", l.text);
            } else {
                eprintln!("{}", l.text);
            }
        }
        println!("{file}: {} of {} claims hold", lines.len() - false_ones, lines.len());
        failed |= false_ones > 0;
    }
    Ok(if failed { ExitCode::FAILURE } else { ExitCode::SUCCESS })
}
