//! Benchmark (criterion): building the dashboard's chart area and subnet table for one
//! frame at 128 subnets with 100,000 blocks of history, as the window does while playing
//! (the history grows by one sample per frame). Layout only, no GPU: the same work the
//! window's "panels ... ms" figure measures. Run with `cargo bench --bench panels`.

use bevy_egui::egui;
use criterion::{criterion_group, criterion_main, Criterion};
use dtao_sim::dashboard::history::{ChartHistory, SubnetSeries, ValuePoint};
use dtao_sim::dashboard::theme::{HiddenSubnets, Presentation, SubnetColours};
use dtao_sim::dashboard::ui::charts::{self, ChartInput, ChartKind, PlotCache};
use dtao_sim::dashboard::ui::table::TableState;
use dtao_sim::dashboard::ui::SubnetRow;
use dtao_sim::scenario::Caption;
use std::time::Duration;

const SUBNETS: u16 = 128;
const BLOCKS: u32 = 100_000;
/// The window samples every 4th block at 128 subnets (every `ceil(n / 32)`).
const EVERY: u32 = 4;

fn push_sample(history: &mut ChartHistory, block: u32) {
    let t = block as f32 / BLOCKS as f32;
    let mut stack = 0.0;
    for netuid in 1..=SUBNETS {
        let s: &mut SubnetSeries = history.subnets.entry(netuid).or_default();
        let wave = (t * 6.0 + netuid as f32).sin() * 0.1;
        let share = (1.0 + wave) / SUBNETS as f32;
        stack += share;
        s.blocks.push(block);
        s.price.push(1.0 + wave);
        s.moving_price.push(1.0 + wave * 0.5);
        s.share.push(share);
        s.stacked.push(stack);
        s.tao_reserve.push(5_000.0 * (1.0 + wave));
        s.alpha_reserve.push(5_000.0);
        s.alpha_outstanding.push(1_000.0 + block as f32 / 100.0);
        s.root_prop.push(0.3 + wave);
    }
    history.chain.blocks.push(block);
    history.chain.emission.push(1.0);
    history.chain.alpha_in.push(100.0);
    history.chain.alpha_out.push(128.0);
    if block % 100 == 0 {
        for strategy in ["noise", "momentum", "conservative", "You"] {
            history.strategies.entry(strategy).or_default().push(ValuePoint { block: block as f64, spot: 1_000.0, exit: 990.0 });
        }
    }
}

fn rows() -> Vec<SubnetRow> {
    (1..=SUBNETS)
        .map(|netuid| SubnetRow {
            netuid,
            name: format!("subnet {netuid}"),
            price: 1.0,
            moving_price: 1.0,
            tao_reserve: 5_000_000_000_000,
            alpha_reserve: 5_000_000_000_000,
            alpha_outstanding: 1_000_000_000_000,
            share: (1.0 + (netuid as f64).sin() * 0.1) / SUBNETS as f64,
            root_prop: 0.3,
            volume_24h: 10.0,
            change_24h: 0.01,
            start_block: 0,
            flow_ema: 0.0,
            chain_buy_tao: 0,
            root_claimed_alpha: 0,
            protocol_alpha: 0,
            miner_burned: 0.0,
            emission_enabled: true,
        })
        .collect()
}

/// The panels' state across frames, as the window keeps it.
struct Frame {
    ctx: egui::Context,
    presentation: Presentation,
    cache: PlotCache,
    table: TableState,
    hidden: HiddenSubnets,
    colours: SubnetColours,
    shares: Vec<(u16, f64)>,
    rows: Vec<SubnetRow>,
    captions: Vec<Caption>,
}

impl Frame {
    fn set_charts(&mut self, charts: Vec<ChartKind>) {
        self.presentation.charts = charts;
    }

    /// One frame at 1920x1080: the table at the bottom, the charts above it.
    fn draw(&mut self, history: &ChartHistory, block: u64) {
        let Frame { ctx, presentation, cache, table, hidden, colours, shares, rows, captions } = self;
        colours.update(shares, presentation.top_n, presentation.focus, &[]);
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1920.0, 1080.0))),
            ..Default::default()
        };
        ctx.run_ui(input, |ui| {
            egui::Panel::bottom("table").default_size(250.0).show(ui, |ui| table.ui(ui, rows, block, presentation, colours, hidden, Default::default(), &[]));
            let input = ChartInput {
                history,
                rows: &rows[..],
                captions: &captions[..],
                block,
                start_block: 0,
                ema: true,
                root_alpha_kept: false,
                gate_bar: None,
                hidden: &*hidden,
                colours: &*colours,
                own: "bit001",
                others: &[],
            };
            egui::CentralPanel::default().show(ui, |ui| {
                charts::ui(ui, &input, presentation, cache);
            });
        })
        .drop_without_applying_deltas();
    }
}

fn panels(c: &mut Criterion) {
    let mut history = ChartHistory::default();
    let mut block = 0;
    while block < BLOCKS {
        push_sample(&mut history, block);
        block += EVERY;
    }
    let rows = rows();
    let captions: Vec<Caption> = (0..10).map(|i| Caption { block: i * 10_000, text: format!("caption {i}"), pause: false, subnets: Vec::new() }).collect();
    let mut frame = Frame {
        ctx: egui::Context::default(),
        presentation: Presentation::default(),
        cache: PlotCache::default(),
        table: TableState::default(),
        hidden: HiddenSubnets::default(),
        colours: SubnetColours::default(),
        shares: rows.iter().map(|r| (r.netuid, r.share)).collect(),
        rows,
        captions,
    };
    let mut group = c.benchmark_group("panels");
    group.sample_size(30).measurement_time(Duration::from_secs(10));
    // The four charts a scenario opens on, then all eight at once.
    for (name, charts) in [("128_subnets_100k_blocks_4_charts", ChartKind::DEFAULT.to_vec()), ("128_subnets_100k_blocks_8_charts", ChartKind::ALL.to_vec())] {
        frame.set_charts(charts);
        // Warm: the first frame decimates every series; later frames only their new tail.
        frame.draw(&history, block as u64);
        group.bench_function(name, |b| {
            b.iter(|| {
                push_sample(&mut history, block);
                block += EVERY;
                frame.draw(&history, block as u64);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, panels);
criterion_main!(benches);
