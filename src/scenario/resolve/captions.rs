//! `[[captions]]`: timed notes, their blocks made relative to the run's start.

use super::genesis::Caption;
use super::problem::{problem, Problem};
use crate::scenario::format::Scenario;

pub(super) fn captions_of(scenario: &Scenario, start: u64) -> Result<Vec<Caption>, Problem> {
    let mut captions = Vec::new();
    for (i, c) in scenario.captions.iter().enumerate() {
        let Some(block) = c.block.checked_sub(start) else {
            return problem(None, format!("captions[{i}].block"), format!("block {} is before the scenario's start_block {start}", c.block));
        };
        captions.push(Caption { block, text: c.text.clone(), pause: c.pause });
    }
    // In block order, whatever the file's order: the window shows the latest one reached.
    captions.sort_by_key(|c| c.block);
    Ok(captions)
}
