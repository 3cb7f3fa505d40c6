//! The code's layout, checked from the sources themselves (README, "How the code is laid
//! out"): the floors of `src/` only import downwards, no two files import each other in a
//! circle, no file is over 600 lines and no function over 150.
//!
//! Imports are read from every `crate::…` and `super::…` path (in `use` lines and inline),
//! comments removed. A file may use its own folder's `mod.rs` (a child reads its parent);
//! every other import counts.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The floors, lowest first: a folder may import only folders before it.
const FLOORS: [&str; 11] = ["economy", "world", "block", "transactions", "agents", "metrics", "scenario", "reference", "analysis", "dashboard", "cli"];

const MAX_FILE_LINES: usize = 600;
const MAX_FN_LINES: usize = 150;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// `src/a/b/mod.rs` → `a::b`; `src/a/c.rs` → `a::c`; `src/lib.rs` → `` (the crate root).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap().with_extension("");
    let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts.join("::")
}

fn without_comments(text: &str) -> String {
    text.lines().map(|l| l.find("//").map_or(l, |i| &l[..i])).collect::<Vec<_>>().join("\n")
}

/// Every path after `prefix` (`crate::` or `super::`), braces expanded one level:
/// `a::{b, c::d}` gives `a::b` and `a::c::d`.
fn paths_after(text: &str, prefix: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find(prefix) {
        let before = rest[..i].chars().last();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            // Part of a longer path (`super::super::x` is read from its first `super::`).
            continue;
        }
        let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':')).unwrap_or(rest.len());
        let base = rest[..end].trim_end_matches(':').to_string();
        if rest[end..].starts_with('{') && rest[..end].ends_with("::") {
            let close = rest[end..].find('}').map_or(rest.len(), |j| end + j);
            for item in rest[end + 1..close].split(',') {
                let item = item.trim().trim_start_matches('{').split([' ', '{']).next().unwrap_or("");
                if !item.is_empty() && item != "self" {
                    out.push(format!("{base}::{item}"));
                }
            }
        }
        out.push(base);
    }
    out
}

struct Source {
    module: String,
    file: PathBuf,
    text: String,
}

fn sources() -> Vec<Source> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|file| Source { module: module_of(&src, &file), text: std::fs::read_to_string(&file).unwrap(), file })
        .collect()
}

/// The module a path names: its longest prefix that is a module of the crate.
fn resolve(path: &str, modules: &BTreeSet<String>) -> Option<String> {
    let parts: Vec<&str> = path.split("::").filter(|p| !p.is_empty()).collect();
    (1..=parts.len()).rev().map(|n| parts[..n].join("::")).find(|m| modules.contains(m))
}

fn is_ancestor(ancestor: &str, module: &str) -> bool {
    ancestor.is_empty() || module.starts_with(&format!("{ancestor}::"))
}

/// Module → the modules it imports (its ancestors and the crate root left out).
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let sources = sources();
    let modules: BTreeSet<String> = sources.iter().map(|s| s.module.clone()).collect();
    let mut graph = BTreeMap::new();
    for s in &sources {
        let code = without_comments(&s.text);
        let parent = s.module.rsplit_once("::").map_or(String::new(), |(p, _)| p.to_string());
        let mut targets = BTreeSet::new();
        for p in paths_after(&code, "crate::") {
            targets.extend(resolve(&p, &modules));
        }
        for p in paths_after(&code, "super::") {
            // Each further `super::` goes one folder up.
            let (mut base, mut p) = (parent.clone(), p.as_str());
            while let Some(rest) = p.strip_prefix("super::") {
                base = base.rsplit_once("::").map_or(String::new(), |(b, _)| b.to_string());
                p = rest;
            }
            let full = if base.is_empty() { p.to_string() } else { format!("{base}::{p}") };
            targets.extend(resolve(&full, &modules));
        }
        targets.retain(|t| t != &s.module && !is_ancestor(t, &s.module));
        graph.insert(s.module.clone(), targets);
    }
    graph
}

fn floor(module: &str) -> Option<usize> {
    let top = module.split("::").next()?;
    FLOORS.iter().position(|f| *f == top)
}

#[test]
fn floors_only_import_downwards() {
    let mut upward = Vec::new();
    for (from, targets) in imports() {
        for to in targets {
            if let (Some(a), Some(b)) = (floor(&from), floor(&to))
                && b > a
            {
                upward.push(format!("{from} imports {to}"));
            }
        }
    }
    assert!(upward.is_empty(), "upward imports:\n{}", upward.join("\n"));
}

/// Tarjan's strongly connected components of more than one module.
fn circles(graph: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'g> {
        graph: &'g BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'g str, usize>,
        low: BTreeMap<&'g str, usize>,
        stack: Vec<&'g str>,
        on_stack: BTreeSet<&'g str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'g>(v: &'g str, s: &mut State<'g>) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.graph.get(v).into_iter().flatten() {
            let w = w.as_str();
            if !s.index.contains_key(w) {
                visit(w, s);
                let lw = s.low[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if s.on_stack.contains(w) {
                let iw = s.index[w];
                let lv = s.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut state = State { graph, index: BTreeMap::new(), low: BTreeMap::new(), stack: Vec::new(), on_stack: BTreeSet::new(), found: Vec::new() };
    for v in graph.keys() {
        if !state.index.contains_key(v.as_str()) {
            visit(v, &mut state);
        }
    }
    state.found
}

#[test]
fn no_two_files_import_each_other_in_a_circle() {
    let found = circles(&imports());
    assert!(found.is_empty(), "import circles:\n{}", found.iter().map(|c| c.join(" <-> ")).collect::<Vec<_>>().join("\n"));
}

#[test]
fn the_checker_sees_a_circle_and_an_upward_import() {
    let graph: BTreeMap<String, BTreeSet<String>> = [
        ("economy::a".to_string(), ["cli::b".to_string()].into()),
        ("cli::b".to_string(), ["economy::a".to_string()].into()),
    ]
    .into();
    assert_eq!(circles(&graph), vec![vec!["cli::b".to_string(), "economy::a".to_string()]]);
    assert!(floor("cli::b") > floor("economy::a"));
    assert_eq!(paths_after("use crate::a::{b, c::d};", "crate::"), ["a::b", "a::c::d", "a"]);
}

/// Functions longer than [`MAX_FN_LINES`], from their `fn` line to the closing brace at the
/// same indentation.
fn long_functions(text: &str) -> Vec<(usize, String, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut long = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let words: Vec<&str> = trimmed.split_whitespace().collect();
        let Some(at) = words.iter().position(|w| *w == "fn") else { continue };
        if !words[..at].iter().all(|w| w.starts_with("pub") || matches!(*w, "const" | "async" | "unsafe" | "extern")) {
            continue;
        }
        let name = words.get(at + 1).map_or("", |w| w.split(['(', '<']).next().unwrap_or(""));
        let close = format!("{}}}", " ".repeat(indent));
        if let Some(end) = lines[i..].iter().position(|l| *l == close || l.starts_with(&format!("{close} "))) {
            // A declaration without a body ends with `;` before any closing brace.
            if lines[i..i + end].iter().any(|l| l.trim_end().ends_with(';') && !l.contains('{')) && !lines[i..i + end].iter().any(|l| l.contains('{')) {
                continue;
            }
            if end + 1 > MAX_FN_LINES {
                long.push((i + 1, name.to_string(), end + 1));
            }
        }
    }
    long
}

#[test]
fn no_file_over_600_lines_and_no_function_over_150() {
    let mut problems = Vec::new();
    for s in sources() {
        let n = s.text.lines().count();
        if n > MAX_FILE_LINES {
            problems.push(format!("{}: {n} lines", s.file.display()));
        }
        for (line, name, len) in long_functions(&s.text) {
            problems.push(format!("{}:{line}: fn {name} is {len} lines", s.file.display()));
        }
    }
    assert!(problems.is_empty(), "too long:\n{}", problems.join("\n"));
}
