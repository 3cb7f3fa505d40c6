//! The three speed figures of the README, measured in one run on one machine:
//!
//! - the BIT001 core (`dtao-sim bench`: 128 equal subnets, nobody trading) against its
//!   arithmetic floor: [`Floor`], the same integer and float operations in a plain loop over
//!   arrays, with no ECS, no schedule and no sampling;
//! - `mainnet-2026-08` against BIT001 on the same subnets;
//! - `scenarios/mainnet_scale.toml` (30 days, 4,000 agents, ~20 M transactions).
//!
//! `cargo bench --bench floor` runs 216,000 blocks of each, interleaved, 5 times, and prints
//! the medians and the ratios (`-- --quick` once each, `-- --no-scale` without mainnet_scale).
//! Under `cargo test` it runs a few hundred blocks and checks that the floor ends in exactly
//! the state the core does, so that the floor stays the core's arithmetic and nothing less.

use dtao_sim::cli::bench::equal_subnets;
use dtao_sim::economy::{block_emission, quote_unstake, Params, RuleSet, RAO_PER_TAO};
use dtao_sim::economy::dividends::{agreeing_dividends, dividend_weights, pro_rata, root_prop, take_of, ValidatorStake};
use dtao_sim::world::{Chain, Hotkey, Ledger, MovingPrice, Pending, Pool, Subnet, SubnetTotals};
use dtao_sim::Simulation;
use std::time::Instant;

/// BIT001 on `n` equal subnets with one validator everywhere, as struct-of-arrays.
struct Floor {
    params: Params,
    block: u64,
    total_issuance: u64,
    netuid: Vec<u64>,
    tao: Vec<u64>,
    alpha: Vec<u64>,
    outstanding: Vec<i64>,
    ema: Vec<f64>,
    owner: Vec<u64>,
    miner: Vec<u64>,
    validator: Vec<u64>,
    root_tao: Vec<u64>,
    unclaimed: Vec<u64>,
    minted: Vec<u64>,
    tao_in: Vec<u64>,
    weight: Vec<f64>,
    /// The one validator's alpha stake on each subnet, and its (and its nominator's) root stake.
    stake: Vec<u64>,
    root: u64,
    take: f64,
}

impl Floor {
    /// The state of a freshly spawned core world (not timed).
    fn of(sim: &mut Simulation) -> Self {
        let world = sim.world_mut();
        let params = world.resource::<Params>().clone();
        let chain = world.resource::<Chain>().clone();
        let ledger = world.resource::<Ledger>().clone();
        let mut rows: Vec<(u16, Pool, f64, Pending, SubnetTotals)> = world
            .query::<(&Subnet, &Pool, &MovingPrice, &Pending, &SubnetTotals)>()
            .iter(world)
            .map(|(s, p, m, pe, t)| (s.netuid, *p, m.0, *pe, *t))
            .collect();
        rows.sort_by_key(|r| r.0);
        let n = rows.len();
        let v = Hotkey::Validator(0);
        Floor {
            params,
            block: chain.block,
            total_issuance: chain.total_issuance,
            netuid: rows.iter().map(|r| r.0 as u64).collect(),
            tao: rows.iter().map(|r| r.1.tao_reserve).collect(),
            alpha: rows.iter().map(|r| r.1.alpha_reserve).collect(),
            outstanding: rows.iter().map(|r| r.1.alpha_outstanding).collect(),
            ema: rows.iter().map(|r| r.2).collect(),
            owner: rows.iter().map(|r| r.3.owner_alpha).collect(),
            miner: rows.iter().map(|r| r.3.miner_alpha).collect(),
            validator: rows.iter().map(|r| r.3.validator_alpha).collect(),
            root_tao: rows.iter().map(|r| r.3.root_tao).collect(),
            unclaimed: rows.iter().map(|r| r.4.unclaimed_alpha).collect(),
            minted: rows.iter().map(|r| r.4.minted_alpha).collect(),
            tao_in: vec![0; n],
            weight: vec![0.0; n],
            stake: rows.iter().map(|r| ledger.subnet_ref(r.0).map_or(0, |b| b.hotkey_total(v))).collect(),
            root: ledger.root.total(),
            take: 0.18,
        }
    }

    fn run(&mut self, blocks: u64) {
        for _ in 0..blocks {
            self.block_once();
        }
    }

    fn block_once(&mut self) {
        let p = &self.params;
        let n = self.tao.len();
        let e = block_emission(self.total_issuance, p.block_reward_rao);
        // Shares by spot price.
        let mut total = 0.0;
        for i in 0..n {
            self.weight[i] = self.tao[i] as f64 / self.alpha[i] as f64;
            total += self.weight[i];
        }
        let mut injected = 0;
        for i in 0..n {
            let share = if total > 0.0 { self.weight[i] / total } else { 0.0 };
            let tao_in = (e as f64 * share) as u64;
            // Injection at an unchanged price, capped at the alpha emission.
            let issuance = (self.alpha[i] as i128 + self.outstanding[i] as i128).max(0) as u64;
            let alpha_em = block_emission(issuance, RAO_PER_TAO);
            let neutral = (tao_in as u128 * self.alpha[i] as u128 / self.tao[i] as u128) as u64;
            let alpha_in = neutral.min(alpha_em);
            self.tao[i] += tao_in;
            self.alpha[i] += alpha_in;
            self.outstanding[i] += alpha_em as i64;
            self.minted[i] += alpha_in + alpha_em;
            self.tao_in[i] = alpha_em;
            injected += tao_in;
        }
        self.total_issuance += injected;
        // The split, with root_prop after every injection, and the root share's sale.
        for i in 0..n {
            let alpha_em = self.tao_in[i];
            let issuance = (self.alpha[i] as i128 + self.outstanding[i] as i128).max(0) as u64;
            let rp = root_prop(p.tao_weight, self.root, issuance);
            if alpha_em == 0 {
                continue;
            }
            let owner = (alpha_em as f64 * p.owner_cut) as u64;
            let rest = alpha_em - owner;
            let miners = rest / 2;
            let validators = rest - miners;
            let mut root = (validators as f64 * rp) as u64;
            let mut root_tao = 0;
            if root > 0 {
                match quote_unstake(dtao_sim::economy::Reserves::new(self.tao[i], self.alpha[i]), root, 0) {
                    Ok(sale) => {
                        self.tao[i] = sale.after.tao;
                        self.alpha[i] = sale.after.alpha;
                        self.outstanding[i] -= root as i64;
                        root_tao = sale.out;
                    }
                    Err(_) => root = 0,
                }
            }
            self.owner[i] += owner;
            self.miner[i] += miners;
            self.validator[i] += validators - root;
            self.root_tao[i] += root_tao;
        }
        // The moving price (mature subnets: the constant factor).
        let a = p.moving_alpha;
        for i in 0..n {
            let price = self.tao[i] as f64 / self.alpha[i] as f64;
            self.ema[i] = a * price.min(1.0) + (1.0 - a) * self.ema[i];
        }
        // Epochs, staggered by netuid.
        let phase = self.params.epoch_phase(self.block);
        for i in 0..n {
            if self.params.is_epoch_in_phase(self.netuid[i] as u16, phase) {
                self.epoch(i);
            }
        }
        self.block += 1;
    }

    /// One subnet's epoch: no owner and no miners, so the validator is paid everything it can be.
    fn epoch(&mut self, i: usize) {
        let w = self.params.tao_weight;
        self.unclaimed[i] += std::mem::take(&mut self.owner[i]);
        self.validator[i] += std::mem::take(&mut self.miner[i]);
        let stakes = [ValidatorStake { alpha: self.stake[i], root: self.root }];
        let divs = dividend_weights(&agreeing_dividends(&stakes, w), &stakes, w);
        match pro_rata(self.validator[i], &[divs[0].0]) {
            Some((parts, left)) => {
                self.stake[i] += pay_hotkey(parts[0], self.stake[i], self.take);
                self.validator[i] = left;
            }
            None => self.unclaimed[i] += std::mem::take(&mut self.validator[i]),
        }
        if let Some((parts, left)) = pro_rata(self.root_tao[i], &[divs[0].1]) {
            self.root += pay_hotkey(parts[0], self.root, self.take);
            self.root_tao[i] = left;
        }
    }

    /// Panics unless the floor's state is the core's.
    fn check_against(&self, sim: &mut Simulation) {
        let fresh = Floor::of(sim);
        assert_eq!(fresh.block, self.block, "block");
        assert_eq!(fresh.total_issuance, self.total_issuance, "total issuance");
        assert_eq!(fresh.tao, self.tao, "TAO reserves");
        assert_eq!(fresh.alpha, self.alpha, "alpha reserves");
        assert_eq!(fresh.outstanding, self.outstanding, "alpha outstanding");
        assert_eq!(fresh.ema, self.ema, "moving prices");
        assert_eq!(fresh.validator, self.validator, "pending validator alpha");
        assert_eq!(fresh.root_tao, self.root_tao, "pending root TAO");
        assert_eq!(fresh.unclaimed, self.unclaimed, "unclaimed alpha");
        assert_eq!(fresh.minted, self.minted, "minted alpha");
        assert_eq!(fresh.stake, self.stake, "validator alpha stake");
        assert_eq!(fresh.root, self.root, "root stake");
    }
}

/// What `pay_hotkey` does for a hotkey whose one nominator is the validator itself: its take,
/// and the nominators' part pro rata (the same division); returns what the hotkey gained.
fn pay_hotkey(amount: u64, nominated: u64, take: f64) -> u64 {
    if amount == 0 {
        return 0;
    }
    let shared = amount - take_of(amount, take);
    let mut paid = 0;
    if nominated > 0 && shared > 0 {
        paid = (shared as u128 * nominated as u128 / nominated as u128) as u64;
    }
    paid + (amount - paid)
}

fn core(rules: RuleSet, subnets: u16) -> Simulation {
    let mut genesis = equal_subnets(subnets);
    genesis.params = Params::preset(rules);
    let mut sim = Simulation::new(&genesis);
    // As `dtao-sim bench` samples.
    sim.sample_every(1_000);
    sim
}

fn scale() -> Simulation {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios/mainnet_scale.toml");
    let (_, genesis) = dtao_sim::scenario::load(&path).expect("mainnet_scale.toml loads");
    let mut sim = Simulation::new(&genesis);
    // As `run` samples by default.
    sim.sample_every(100);
    sim
}

/// CPU time of this thread in seconds (Linux: `/proc/thread-self/schedstat`, in ns), so that
/// other processes on a shared machine do not count; `None` elsewhere.
fn thread_cpu() -> Option<f64> {
    let text = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    Some(text.split_whitespace().next()?.parse::<u64>().ok()? as f64 / 1e9)
}

/// The CPU time `f` takes on this thread (the schedule runs single-threaded on it), or its
/// wall-clock time where CPU time cannot be read.
fn seconds(f: impl FnOnce()) -> f64 {
    let (cpu, started) = (thread_cpu(), Instant::now());
    f();
    match (cpu, thread_cpu()) {
        (Some(a), Some(b)) => b - a,
        _ => started.elapsed().as_secs_f64(),
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let has = |flag: &str| args.iter().any(|a| a == flag);
    let (subnets, blocks) = (128u16, 216_000u64);
    if !has("--bench") {
        // `cargo test`: the floor is the core's arithmetic, checked on a few epochs' worth.
        let mut sim = core(RuleSet::Bit001, 16);
        let mut floor = Floor::of(&mut sim);
        sim.run(1_500);
        floor.run(1_500);
        floor.check_against(&mut sim);
        let mut mainnet = core(RuleSet::Mainnet2026_08, 16);
        mainnet.run(100);
        println!("floor: the floor agrees with the core after 1,500 blocks of 16 subnets");
        return;
    }
    let repeats = if has("--quick") { 1 } else { 5 };
    let with_scale = !has("--no-scale");
    let (mut f, mut b, mut m, mut s) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for round in 0..repeats {
        let mut sim = core(RuleSet::Bit001, subnets);
        let mut floor = Floor::of(&mut sim);
        f.push(seconds(|| floor.run(blocks)));
        b.push(seconds(|| sim.run(blocks)));
        if round == 0 {
            floor.check_against(&mut sim);
        }
        let mut sim = core(RuleSet::Mainnet2026_08, subnets);
        m.push(seconds(|| sim.run(blocks)));
        if with_scale {
            let mut sim = scale();
            s.push(seconds(|| sim.run(blocks)));
        }
        eprintln!("round {}: floor {:.3} s, bit001 {:.3} s, mainnet-2026-08 {:.3} s{}", round + 1, f[round], b[round], m[round], s.get(round).map_or(String::new(), |x| format!(", mainnet_scale {x:.3} s")));
    }
    let (f, b, m) = (median(f), median(b), median(m));
    println!("{subnets} subnets x {blocks} blocks, CPU seconds of this thread, medians of {repeats}:");
    println!("  floor (plain loops over arrays)   {f:.3} s");
    println!("  core, bit001                      {b:.3} s   core/floor = {:.2}", b / f);
    println!("  core, mainnet-2026-08             {m:.3} s   mainnet-2026-08/bit001 = {:.2}", m / b);
    if with_scale {
        println!("  mainnet_scale.toml, 216,000 blocks {:.3} s (the core alone: no files written)", median(s));
    }
}
