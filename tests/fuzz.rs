//! Property tests that generate scenario files: valid ones built from the format, and
//! mutations of the shipped scenarios (values replaced by negatives, zeros, huge numbers,
//! NaN and infinities, wrong types; keys deleted, duplicated, renamed; names dangling or
//! shadowed; events at 0, at u64::MAX, unsorted). For every file:
//! - `check` (scenario::load) accepts it, or refuses it naming file, line, column and field;
//! - an accepted file runs a few hundred blocks with exact conservation after every block,
//!   finite prices and shares, `total_value = free + root + alpha value` (at spot) and
//!   `exit_value = free + root + alpha exit value` (what selling would return, never above the
//!   supply) for every holder;
//! - no single allocation exceeds 1 GiB, and neither checking nor running holds more than
//!   1 GiB at once: limits are checked before anything is built.
//!
//! CI runs a few dozen cases; the long campaign is
//! `PROPTEST_CASES=100000 cargo test --release --test fuzz` (see the README).

mod common;

use common::repo_path;
use dtao_sim::economy::emission_curve::SUPPLY_CAP;
use dtao_sim::metrics::Conservation;
use dtao_sim::scenario::load;
use dtao_sim::Simulation;
use proptest::prelude::*;
use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::path::Path;

/// The most memory one allocation, or one thread at once, may take.
const MEMORY_LIMIT: usize = 1 << 30;

/// Counts the bytes each thread holds, and refuses (aborting the test) any single
/// allocation over [`MEMORY_LIMIT`].
struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn track(delta: isize) {
    let _ = LIVE.try_with(|live| {
        let now = live.get() + delta;
        live.set(now);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(now)));
    });
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if layout.size() > MEMORY_LIMIT {
            return std::ptr::null_mut();
        }
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            track(layout.size() as isize);
        }
        p
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if layout.size() > MEMORY_LIMIT {
            return std::ptr::null_mut();
        }
        let p = unsafe { System.alloc_zeroed(layout) };
        if !p.is_null() {
            track(layout.size() as isize);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        track(-(layout.size() as isize));
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > MEMORY_LIMIT {
            return std::ptr::null_mut();
        }
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            track(new_size as isize - layout.size() as isize);
        }
        p
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Runs `f` and returns what it returned and the most bytes this thread held meanwhile,
/// beyond what it held before.
fn peak_of<T>(f: impl FnOnce() -> T) -> (T, isize) {
    let start = LIVE.with(|l| l.get());
    PEAK.with(|p| p.set(start));
    let out = f();
    (out, PEAK.with(|p| p.get()) - start)
}

fn config() -> ProptestConfig {
    // A modest default for CI (debug build, two cores); PROPTEST_CASES sets the campaign.
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64);
    // Inputs are seeds of a generator: shrinking a seed gives an unrelated file.
    ProptestConfig { cases, max_shrink_iters: 0, failure_persistence: None, ..ProptestConfig::default() }
}

/// Blocks each accepted file runs.
const BLOCKS: u64 = 300;

/// Checks `text` as `dtao-sim check` does and, when accepted, runs it; panics (failing the
/// case, with the file in the message) when a property does not hold. Returns whether it
/// was accepted.
fn check_and_run(dir: &Path, text: &str) -> bool {
    let path = dir.join("case.toml");
    std::fs::write(&path, text).unwrap();
    let (result, checked_bytes) = peak_of(|| load(&path));
    assert!(checked_bytes < MEMORY_LIMIT as isize, "check held {checked_bytes} bytes for:\n{text}");
    let verbose = std::env::var_os("FUZZ_VERBOSE").is_some();
    let genesis = match result {
        Ok((_, genesis)) => genesis,
        Err(err) => {
            let shown = err.to_string();
            if verbose {
                eprintln!("refused: {shown}");
            }
            assert!(
                err.line > 0 && err.column > 0 && !err.field.is_empty() && shown.starts_with(&format!("{}:{}:{}: ", path.display(), err.line, err.column)),
                "a refusal without file, line, column or field: {shown}\n--- file:\n{text}"
            );
            return false;
        }
    };
    let ((), run_bytes) = peak_of(|| {
        let mut sim = Simulation::new(&genesis);
        sim.world_mut().resource_mut::<Conservation>().every_block = true;
        sim.sample_every(10);
        sim.sample_holders_every(50);
        sim.run(BLOCKS.min(genesis.blocks.max(1)));
        let conservation = sim.world().resource::<Conservation>();
        assert_eq!(conservation.violation, None, "conservation broken for:\n{text}");
        if let Err(e) = sim.audit() {
            panic!("conservation broken at the end: {e}\n--- file:\n{text}");
        }
        let samples = sim.take_samples();
        for s in &samples.subnets {
            let finite = [s.price, s.moving_price, s.emission_share, s.root_prop].iter().all(|x| x.is_finite());
            assert!(finite, "non-finite output {s:?} for:\n{text}");
        }
        for h in sim.take_holder_samples() {
            assert_eq!(h.total_value, h.free_tao as u128 + h.root_stake as u128 + h.alpha_value, "{h:?} for:\n{text}");
            let sum = h.free_tao.checked_add(h.root_stake).and_then(|x| x.checked_add(h.alpha_exit_value));
            assert_eq!(Some(h.exit_value), sum, "{h:?} for:\n{text}");
            assert!(h.exit_value <= SUPPLY_CAP, "{h:?} could cash out more than the supply, for:\n{text}");
        }
    });
    assert!(run_bytes < MEMORY_LIMIT as isize, "the run held {run_bytes} bytes for:\n{text}");
    if verbose {
        eprintln!("accepted: {} subnets, {} holders, {} events, ran {} blocks", genesis.subnets.len(), genesis.holders.len(), genesis.events.len(), BLOCKS.min(genesis.blocks.max(1)));
    }
    true
}

// ---------------------------------------------------------------- valid files from the format

fn amount(rng: &mut ChaCha8Rng, max: u64) -> String {
    match rng.random_range(0..4) {
        0 => rng.random_range(0..=max).to_string(),
        1 => format!("{:.3}", rng.random_range(0.0..max as f64)),
        2 => format!("\"{}.{:09}\"", rng.random_range(0..=max), rng.random_range(0..1_000_000_000u64)),
        _ => format!("{}_000", rng.random_range(1..=max / 1000 + 1)),
    }
}

fn event_amount(rng: &mut ChaCha8Rng, max: u64) -> String {
    match rng.random_range(0..6) {
        0 => "\"all\"".into(),
        1 => format!("\"{}%\"", rng.random_range(1..=100)),
        2 => format!("\"{:.2}%\"", rng.random_range(0.01..100.0)),
        _ => amount(rng, max).replace("= 0", "= 1"),
    }
}

const STRATEGIES: [&str; 7] = ["conservative", "moderate", "growth", "sniper", "momentum", "downtrend", "noise"];

/// A scenario written from the format's keys, with every name and netuid valid.
fn valid_scenario(seed: u64) -> String {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let r = &mut rng;
    let count: u16 = r.random_range(1..=8);
    let mut t = format!("title = \"generated {seed}\"\nseed = {}\nblocks = {}\n", r.random::<u32>(), r.random_range(1..=400));
    t += "[rules]\n";
    t += &format!("preset = \"{}\"\n", ["bit001", "mainnet-2025-02"].choose(r).unwrap());
    if r.random_bool(0.5) {
        t += &format!("share_rule = \"{}\"\n", ["spot_price", "ema_price"].choose(r).unwrap());
    }
    if r.random_bool(0.5) {
        t += &format!("tempo = {}\n", r.random_range(1..=400));
    }
    if r.random_bool(0.3) {
        t += &format!("tao_weight = {}\n", r.random_range(0.0..=1.0));
    }
    if r.random_bool(0.3) {
        t += &format!("fee_rao = {}\n", r.random_range(0..1_000_000));
    }
    let limit = count + r.random_range(0..3);
    t += &format!("subnet_limit = {limit}\nimmunity_period = {}\n", r.random_range(0..500));
    if r.random_bool(0.5) {
        t += &format!("lock_cost = {}\n", r.random_range(1..2_000));
    }
    t += &format!("[chain]\nissuance = {}\nroot_stake = {}\n", amount(r, 15_000_000), amount(r, 1_000_000));
    t += &format!(
        "[subnets]\ncount = {count}\ntao = {}\nalpha = {}\nminers = {}\nowners = {}\n",
        r.random_range(1..20_000),
        r.random_range(1..20_000),
        r.random_range(0..5),
        r.random_bool(0.5)
    );
    for netuid in 1..=count {
        if r.random_bool(0.3) {
            t += &format!("[[subnets.override]]\nnetuid = {netuid}\ntao = {}\nalpha = {}\n", r.random_range(1..5_000), amount(r, 5_000).replace("= 0", "= 1"));
            if r.random_bool(0.5) {
                let w: Vec<String> = (0..r.random_range(1..4)).map(|_| format!("{:.2}", r.random_range(0.1..5.0))).collect();
                t += &format!("miner_weights = [{}]\n", w.join(", "));
            }
            if r.random_bool(0.3) {
                t += "owner = \"h0\"\n";
            }
        }
    }
    let validators = r.random_range(0..3);
    for v in 0..validators {
        t += &format!("[[validators]]\nname = \"V{v}\"\ntake = {}\nroot_stake = {}\n", r.random_range(0.0..=1.0), amount(r, 50_000));
        if r.random_bool(0.3) {
            t += &format!("subnets = [{}]\n", r.random_range(1..=count));
        }
    }
    let holders = r.random_range(1..5);
    for h in 0..holders {
        t += &format!("[[holders]]\nname = \"h{h}\"\nfree_tao = {}\nroot_stake = {}\n", amount(r, 20_000), amount(r, 5_000));
        if r.random_bool(0.4) {
            t += &format!("alpha = [{{ netuid = {}, amount = {} }}]\n", r.random_range(1..=count), r.random_range(0..500));
        }
    }
    for a in 0..r.random_range(0..4) {
        let strategy = STRATEGIES.choose(r).unwrap();
        t += &format!(
            "[[agents]]\nstrategy = \"{strategy}\"\nname = \"agent{a}\"\ncount = {}\nfree_tao = {}\ninterval = {}\n",
            r.random_range(1..4),
            amount(r, 2_000),
            r.random_range(1..400)
        );
    }
    if r.random_bool(0.5) {
        t += &format!("[emission_sellers]\nminers = {}\nowners = {}\nvalidators = {}\n", r.random_range(0.0..=1.0), r.random_range(0.0..=1.0), r.random_range(0.0..=1.0));
    }
    let mut registrations = 0u16;
    for _ in 0..r.random_range(0..10) {
        let block = r.random_range(0..BLOCKS);
        let holder = format!("h{}", r.random_range(0..holders));
        let netuid = r.random_range(1..=count + registrations);
        t += &format!("[[events]]\nblock = {block}\n");
        let kind = r.random_range(0..6);
        if kind < 2 && r.random_bool(0.2) {
            t += &format!("limit_price = {}\n", r.random_range(0.01..10.0));
        }
        t += &match kind {
            0 => format!("kind = \"stake\"\nholder = \"{holder}\"\nnetuid = {netuid}\namount = {}\n", event_amount(r, 5_000)),
            1 => format!("kind = \"unstake\"\nholder = \"{holder}\"\nnetuid = {netuid}\namount = {}\n", event_amount(r, 500)),
            2 => format!("kind = \"root_stake\"\nholder = \"{holder}\"\namount = {}\n", event_amount(r, 5_000)),
            3 => format!("kind = \"root_unstake\"\nholder = \"{holder}\"\namount = {}\n", event_amount(r, 5_000)),
            4 => {
                registrations += 1;
                format!("kind = \"register\"\nholder = \"{holder}\"\nminers = {}\namount = {}\n", r.random_range(0..4), r.random_range(1..3_000))
            }
            _ => match r.random_range(0..5) {
                0 => format!("kind = \"set\"\nparam = \"tao_weight\"\nvalue = {}\n", r.random_range(0.0..=1.0)),
                1 => format!("kind = \"set\"\nparam = \"tempo\"\nvalue = {}\n", r.random_range(1..500)),
                2 => format!("kind = \"set\"\nparam = \"rule_set\"\nvalue = \"{}\"\n", ["bit001", "mainnet-2025-02"].choose(r).unwrap()),
                3 => format!("kind = \"set\"\nparam = \"share_rule\"\nvalue = \"{}\"\n", ["spot_price", "ema_price"].choose(r).unwrap()),
                _ => format!("kind = \"set\"\nparam = \"block_reward\"\nvalue = {}\n", r.random_range(0.0..1000.0)),
            },
        };
        if r.random_bool(0.2) {
            t += &format!("every = {}\ntimes = {}\n", r.random_range(1..100), r.random_range(1..5));
        }
    }
    t
}

// ---------------------------------------------------------------- mutations of shipped files

fn shipped() -> Vec<String> {
    let mut files: Vec<_> = std::fs::read_dir(repo_path("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    files.iter().map(|f| std::fs::read_to_string(f).unwrap()).collect()
}

const VALUES: [&str; 34] = [
    "-1", "0", "-0.5", "nan", "inf", "-inf", "18446744073709551615", "18446744073709551616", "9223372036854775807",
    "4294967295", "65535", "65536", "1e30", "1e-12", "0.0000000001", "100000001", "\"x\"", "\"\"", "true", "[]", "{}",
    "\"all\"", "\"50%\"", "\"150%\"", "\"0%\"", "\"-5\"", "\"SN1 owner\"", "\"SN1 miner 1\"", "\"rest of network\"",
    "[1e308, 1e308]", "[0]", "1", "2", "\"1e3\"",
];

const KEYS: [&str; 24] = [
    "tempo", "every", "times", "netuid", "holder", "validator", "amount", "miners", "count", "interval", "name", "param",
    "value", "external", "limit_price", "lock_cost", "immunity_period", "subnet_limit", "max_hold", "lookback", "block",
    "root_validator", "owner", "issuance",
];

/// Splits the text into `[[events]]` tables (and what comes before them) and shuffles the events.
fn shuffle_events(text: &str, r: &mut ChaCha8Rng) -> String {
    let mut parts: Vec<String> = text.split("[[events]]").map(|s| s.to_string()).collect();
    if parts.len() < 3 {
        return text.to_string();
    }
    let head = parts.remove(0);
    // Each event runs until the next table header of another kind; keep that tail in place.
    let (i, j) = (r.random_range(0..parts.len()), r.random_range(0..parts.len()));
    parts.swap(i, j);
    head + "[[events]]" + &parts.join("[[events]]")
}

/// One to four random edits of a shipped scenario's lines.
fn mutated_scenario(seed: u64) -> String {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let r = &mut rng;
    let files = shipped();
    let mut text = files.choose(r).unwrap().clone();
    // Bring the events within the blocks a case runs, half of the time.
    if r.random_bool(0.5) {
        text = text
            .lines()
            .map(|l| match l.strip_prefix("block = ").and_then(|v| v.replace('_', "").trim().parse::<u64>().ok()) {
                Some(b) => format!("block = {}", b / 20),
                None => l.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n";
    }
    // Mostly one edit, so that many files stay valid and run.
    let edits = if r.random_bool(0.6) { 1 } else { r.random_range(2..=4) };
    for _ in 0..edits {
        let mut lines: Vec<String> = text.lines().map(|l| l.to_string()).collect();
        let assignments: Vec<usize> = (0..lines.len()).filter(|i| lines[*i].contains(" = ") && !lines[*i].starts_with('"')).collect();
        let Some(&i) = assignments.choose(r) else { break };
        let (key, value) = lines[i].split_once(" = ").map(|(k, v)| (k.to_string(), v.to_string())).unwrap();
        match r.random_range(0..9) {
            0..=2 => lines[i] = format!("{key} = {}", VALUES.choose(r).unwrap()),
            3 => {
                lines.remove(i);
            }
            4 => {
                let copy = lines[i].clone();
                lines.insert(i, copy);
            }
            5 => lines[i] = format!("{} = {value}", KEYS.choose(r).unwrap()),
            6 => {
                // Shadow or dangle: another line's value, or a name nobody has.
                let j = *assignments.choose(r).unwrap();
                let other = lines[j].split_once(" = ").map(|(_, v)| v.to_string()).unwrap();
                lines[i] = format!("{key} = {}", if r.random_bool(0.5) { other } else { "\"nobody\"".into() });
            }
            7 => lines[i] = format!("{key} = {}", ["0", "18446744073709551615", "100000000", "1"].choose(r).unwrap()),
            _ => {
                // A new key in the same table: a field the table may not use.
                lines.insert(i + 1, format!("{} = {}", KEYS.choose(r).unwrap(), VALUES.choose(r).unwrap()));
            }
        }
        text = lines.join("\n") + "\n";
        if r.random_bool(0.15) {
            text = shuffle_events(&text, r);
        }
    }
    text
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn generated_scenarios_are_checked_and_run_exactly(seed in any::<u64>()) {
        let dir = tempfile::tempdir().unwrap();
        check_and_run(dir.path(), &valid_scenario(seed));
    }

    #[test]
    fn mutated_shipped_scenarios_are_refused_with_a_place_or_run_exactly(seed in any::<u64>()) {
        let dir = tempfile::tempdir().unwrap();
        check_and_run(dir.path(), &mutated_scenario(seed));
    }
}

#[test]
fn most_generated_scenarios_are_accepted() {
    // The generator must exercise runs, not only refusals.
    let dir = tempfile::tempdir().unwrap();
    let accepted = (0..8u64).filter(|seed| check_and_run(dir.path(), &valid_scenario(*seed))).count();
    assert!(accepted >= 4, "only {accepted} of 8 generated scenarios were accepted");
}
