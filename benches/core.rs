//! Benchmarks (criterion): one block at 8 and 128 subnets, 30 days at 128 subnets, a sweep of
//! 64 runs on all cores against one core, and how the cost grows with subnets and holders.
//! Run with `cargo bench`; the README quotes the figures.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use dtao_sim::agents::Strategy;
use dtao_sim::analysis::{run_sweep, Grid};
use dtao_sim::cli::bench::equal_subnets;
use dtao_sim::economy::RAO_PER_TAO;
use dtao_sim::scenario::resolve::GenesisHolder;
use dtao_sim::Simulation;
use indicatif::ProgressBar;
use std::time::Duration;

fn one_block(c: &mut Criterion) {
    let mut group = c.benchmark_group("one_block");
    for subnets in [8u16, 32, 128] {
        let mut sim = Simulation::new(&equal_subnets(subnets));
        sim.sample_every(0);
        group.bench_with_input(BenchmarkId::from_parameter(subnets), &subnets, |b, _| b.iter(|| sim.run(1)));
    }
    group.finish();
}

fn thirty_days(c: &mut Criterion) {
    let mut group = c.benchmark_group("thirty_days");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function("128_subnets", |b| {
        b.iter(|| {
            let mut sim = Simulation::new(&equal_subnets(128));
            sim.sample_every(1_000);
            sim.run(216_000);
        })
    });
    group.finish();
}

fn sweep_64(c: &mut Criterion) {
    let genesis = equal_subnets(8);
    let grid = Grid { params: vec![dtao_sim::analysis::parse_param("tao_weight=0.05,0.18,0.5,1.0").unwrap()], seeds: (1..=16).collect() };
    let mut group = c.benchmark_group("sweep_64_runs_of_8_subnets_for_7200_blocks");
    group.sample_size(10);
    for threads in [1usize, 2] {
        group.bench_with_input(BenchmarkId::new("threads", threads), &threads, |b, t| {
            b.iter(|| run_sweep(&genesis, &grid, 7_200, None, Some(*t), &ProgressBar::hidden()).unwrap())
        });
    }
    group.finish();
}

fn holders(c: &mut Criterion) {
    let mut group = c.benchmark_group("one_day_32_subnets_by_noise_traders");
    group.sample_size(10);
    for agents in [0usize, 1_000, 4_000] {
        let mut genesis = equal_subnets(32);
        genesis.holders.extend((0..agents).map(|i| GenesisHolder {
            name: format!("noise {i}"),
            free_tao: 200 * RAO_PER_TAO,
            agent: Some((Strategy::Noise { probability: 0.5, trade_fraction: 0.05 }, 360)),
            tracked: true,
            ..Default::default()
        }));
        group.bench_with_input(BenchmarkId::from_parameter(agents), &agents, |b, _| {
            b.iter(|| {
                let mut sim = Simulation::new(&genesis);
                sim.sample_every(0);
                sim.run(7_200);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, one_block, thirty_days, sweep_64, holders);
criterion_main!(benches);
