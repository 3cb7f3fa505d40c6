//! The `dtao-sim run ...` command that rebuilds one row of `runs.csv`: the row's scenario,
//! seed, blocks and settings, measured as the sweep measured it (`--measure`).

use super::definition::{RunId, Study};

/// A word as a POSIX shell reads it back: unquoted when it is plain, else in single quotes.
pub fn shell_word(word: &str) -> String {
    let plain = !word.is_empty() && word.chars().all(|c| c.is_ascii_alphanumeric() || "_./=:,+-%@".contains(c));
    if plain { word.to_string() } else { format!("'{}'", word.replace('\'', r"'\''")) }
}

/// The command that runs row `id` alone and writes its values to `out/run-<n>/row.csv`.
pub fn reproduce_command(study: &Study, id: RunId) -> String {
    let mut words = vec!["dtao-sim".to_string(), "run".into(), shell_word(&study.scenario_file)];
    words.extend(["--seed".into(), id.seed.to_string(), "--blocks".into(), study.blocks.to_string()]);
    for (name, setting) in study.params.iter().zip(&study.configs[id.config as usize]) {
        words.push("--set".into());
        words.push(shell_word(&format!("{name}={}", setting.text)));
    }
    words.extend(["--out".into(), format!("out/run-{}", id.run), "--measure".into()]);
    // Without a spec, `--measure` alone: the end state the flag form measures.
    if let Some(spec) = &study.spec_file {
        words.push(shell_word(spec));
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn words_are_quoted_only_when_they_need_it() {
        assert_eq!(super::shell_word("scenarios/a.toml"), "scenarios/a.toml");
        assert_eq!(super::shell_word("my file.toml"), "'my file.toml'");
        assert_eq!(super::shell_word("it's"), r"'it'\''s'");
    }
}
