//! The charts: prices, emission shares, pools, where alpha goes, root proportion, TAO per
//! block, alpha injected against emitted, who is winning, and (mainnet-2026-08) chain buys.
//!
//! Every time chart has the same honest axes: 4 to 8 labelled ticks on each axis, time in
//! blocks and days, a y range that never magnifies a small move into a crash (each chart
//! has a minimum span), values on hover, and the scenario's captions as markers on the
//! time axis (click one to go there). With many subnets only the top ones by share get a
//! colour of their own; the rest are summed as "others".

use super::SubnetRow;
use crate::dashboard::format::thousands;
use crate::dashboard::history::{decimate, ChartHistory};
use crate::dashboard::theme::{palette, series_style, HiddenSubnets, Presentation, SubnetColours, OTHERS};
use crate::scenario::Caption;
use bevy_egui::egui::{self, Color32, Id, RichText, Ui};
use egui_plot::{AxisHints, Bar, BarChart, Corner, GridInput, GridMark, HoverPosition, Legend, Line, LineStyle, Plot, PlotPoint, PlotPoints, Text, VLine};

/// Points drawn per line at most (min and max of each bucket, so about one per two pixels
/// of a wide chart); the data itself is never cut.
const MAX_POINTS: usize = 400;
/// Blocks in a day (12 s blocks).
const DAY: f64 = 7_200.0;

/// The charts the window can show.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChartKind {
    Price,
    Shares,
    Pools,
    AlphaSplit,
    Holders,
    RootProp,
    Emission,
    AlphaFlow,
    /// `mainnet-2026-08` only: TAO spent on chain buys per block.
    ChainBuys,
}

impl ChartKind {
    pub const ALL: [ChartKind; 9] = [
        ChartKind::Price,
        ChartKind::Shares,
        ChartKind::Pools,
        ChartKind::AlphaSplit,
        ChartKind::Holders,
        ChartKind::RootProp,
        ChartKind::Emission,
        ChartKind::AlphaFlow,
        ChartKind::ChainBuys,
    ];
    /// Shown when the scenario does not say (`focus_charts`).
    pub const DEFAULT: [ChartKind; 4] = [ChartKind::Price, ChartKind::Shares, ChartKind::Holders, ChartKind::Emission];
    /// Shown under mainnet-2026-08 when the scenario does not say.
    pub const CHAIN_ERA_DEFAULT: [ChartKind; 4] = [ChartKind::Price, ChartKind::Shares, ChartKind::Holders, ChartKind::ChainBuys];

    /// The name scenarios use (`crate::scenario::format::CHART_NAMES`).
    pub fn name(self) -> &'static str {
        match self {
            ChartKind::Price => "price",
            ChartKind::Shares => "shares",
            ChartKind::Pools => "pools",
            ChartKind::AlphaSplit => "alpha_split",
            ChartKind::Holders => "holders",
            ChartKind::RootProp => "root_prop",
            ChartKind::Emission => "emission",
            ChartKind::AlphaFlow => "alpha_flow",
            ChartKind::ChainBuys => "chain_buys",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Short label for the chart picker.
    pub fn short(self) -> &'static str {
        match self {
            ChartKind::Price => "price",
            ChartKind::Shares => "shares",
            ChartKind::Pools => "pools",
            ChartKind::AlphaSplit => "alpha split",
            ChartKind::Holders => "who wins",
            ChartKind::RootProp => "root prop",
            ChartKind::Emission => "TAO/block",
            ChartKind::AlphaFlow => "alpha in/out",
            ChartKind::ChainBuys => "chain buys",
        }
    }

    fn title(self) -> &'static str {
        match self {
            ChartKind::Price => "Alpha price (TAO per alpha)",
            ChartKind::Shares => "Emission share",
            ChartKind::Pools => "TAO in each pool",
            ChartKind::AlphaSplit => "Where the last block's alpha went",
            ChartKind::Holders => "Who is winning",
            ChartKind::RootProp => "Root proportion",
            ChartKind::Emission => "TAO emitted per block",
            ChartKind::AlphaFlow => "Alpha injected vs emitted, per block",
            ChartKind::ChainBuys => "Chain buys (TAO per block)",
        }
    }

    fn hint(self) -> &'static str {
        match self {
            ChartKind::Price => "TAO reserve / alpha reserve; only trading moves it. Dotted: the moving price (EMA rules)",
            ChartKind::Shares => "each subnet's share of every block's TAO (BIT001: in proportion to price)",
            ChartKind::Pools => "the pool's TAO reserve: deeper pools move less per trade",
            ChartKind::AlphaSplit => "owner 18%, miners 41%, validators 41% (of which the root proportion is sold for TAO)",
            ChartKind::Holders => "free TAO + root stake + alpha, summed over each strategy's holders; You on your own line",
            ChartKind::RootProp => "share of validator dividends going to root stakers: w·R / (w·R + alpha issuance)",
            ChartKind::Emission => "TAO minted each block; halves when issuance crosses each halving threshold",
            ChartKind::AlphaFlow => "alpha added to pools with the injected TAO, against alpha emitted to owners, miners and validators",
            ChartKind::ChainBuys => "TAO of a subnet's share beyond what its injection takes, spent buying its alpha, which the chain keeps as protocol alpha; thick: all subnets together",
        }
    }

    /// Whether the rules in force have this chart: chain buys kept as protocol alpha exist
    /// only under mainnet-2026-08 (another rule set's dashboard stays as it was).
    pub fn available(self, input: &ChartInput) -> bool {
        self != ChartKind::ChainBuys || input.gate_bar.is_some()
    }
}

/// Decimated series from earlier frames. A series is decimated again only when it has grown
/// by 1%; until then the new raw points are appended to the cached ones, so a frame costs
/// the tail, not the whole history.
#[derive(bevy::prelude::Resource, Default)]
pub struct PlotCache {
    entries: std::collections::HashMap<(&'static str, u16), (usize, bool, Vec<[f64; 2]>)>,
}

impl PlotCache {
    pub fn points(&mut self, key: (&'static str, u16), xs: &[u32], ys: &[f32], log: bool) -> Vec<[f64; 2]> {
        let len = xs.len().min(ys.len());
        let fresh = match self.entries.get(&key) {
            Some((at, was_log, _)) => *was_log != log || len < *at || len - *at > len / 100 + 1,
            None => true,
        };
        if fresh {
            self.entries.insert(key, (len, log, decimate(xs, ys, MAX_POINTS, log)));
        }
        let (at, _, cached) = &self.entries[&key];
        let mut points = cached.clone();
        points.extend(decimate(&xs[*at..len], &ys[*at..len], usize::MAX, log));
        points
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

/// What the charts read.
pub struct ChartInput<'v> {
    pub history: &'v ChartHistory,
    pub rows: &'v [SubnetRow],
    pub captions: &'v [Caption],
    pub block: u64,
    /// The share rule follows the moving price: draw it.
    pub ema: bool,
    /// Root dividends stay alpha until claimed (Nov 2025) instead of being sold each block.
    pub root_alpha_kept: bool,
    /// `mainnet-2026-08`: the gate bar θ in force (a share), drawn on the share chart; `None`
    /// under rules without the gate.
    pub gate_bar: Option<f64>,
    pub hidden: &'v HiddenSubnets,
    pub colours: &'v SubnetColours,
    /// Compare mode: the window's own rule set, and the other worlds' rule sets and
    /// histories (empty when compare mode is off).
    pub own: &'static str,
    pub others: &'v [(&'static str, &'v ChartHistory)],
}

/// The dash of the `i`-th other world in compare mode (the window's own world is solid).
pub fn world_style(i: usize) -> LineStyle {
    match i % 3 {
        0 => LineStyle::dashed_loose(),
        1 => LineStyle::dotted_dense(),
        _ => LineStyle::dashed_dense(),
    }
}

/// How [`world_style`] looks in a line of text, for the legend above the charts.
fn world_glyph(i: usize) -> &'static str {
    ["- - -", "· · ·", "-- --"][i % 3]
}

/// Compare mode: one series of every drawn subnet in each other world, as (world, netuid,
/// points).
fn other_points(input: &ChartInput, series: impl Fn(&crate::dashboard::history::SubnetSeries) -> &Vec<f32>, log: bool) -> Vec<(usize, u16, Vec<[f64; 2]>)> {
    let drawn = drawn_subnets(input);
    let mut out = Vec::new();
    for (i, (_, history)) in input.others.iter().enumerate() {
        for netuid in &drawn {
            if let Some(s) = history.subnets.get(netuid) {
                out.push((i, *netuid, decimate(&s.blocks, series(s), MAX_POINTS, log)));
            }
        }
    }
    out
}

/// A subnet's line in another world: its colour, the world's dash, the rule set in its name.
/// The drawn subnets' lines of this world, then the same subnets in the compared worlds.
fn draw_lines(plot_ui: &mut egui_plot::PlotUi, input: &ChartInput, presentation: &Presentation, lines: Vec<(u16, Vec<[f64; 2]>)>, others: Vec<(usize, u16, Vec<[f64; 2]>)>) {
    for (netuid, points) in lines {
        plot_ui.line(subnet_line(netuid, points, input, presentation));
    }
    for (i, netuid, points) in others {
        plot_ui.line(other_line(i, netuid, points, input, presentation));
    }
}

fn other_line<'a>(i: usize, netuid: u16, points: Vec<[f64; 2]>, input: &ChartInput, presentation: &Presentation) -> Line<'a> {
    let colour = input.colours.colour(netuid, presentation.dark).unwrap_or(OTHERS.gamma_multiply(0.5));
    let name = format!("SN{netuid} · {}", input.others[i].0);
    Line::new(name, PlotPoints::from(points)).color(colour).style(world_style(i)).width(presentation.line_width(2.0))
}

/// What a click in the charts asks for.
#[derive(Default, Debug)]
pub struct ChartActions {
    /// Go to this block (a caption marker was clicked).
    pub run_to: Option<u64>,
    /// Change the focused subnet.
    pub focus: Option<Option<u16>>,
}

/// How a y value reads.
#[derive(Clone, Copy)]
enum YFmt {
    Price { log: bool },
    Percent,
    Tao,
    Alpha,
    PercentOfStart,
}

fn fmt_y(f: YFmt, v: f64, step: f64) -> String {
    // Exactly as many decimals as the step has (0.025 needs 3), so that no tick label is
    // rounded to a value it is not.
    let decimals = |step: f64| if step > 0.0 { (0..9).find(|d| ((step * 10f64.powi(*d)) - (step * 10f64.powi(*d)).round()).abs() < 1e-6).unwrap_or(9) as usize } else { 3 };
    match f {
        YFmt::Price { log: true } => format!("{:.4}", 10f64.powf(v)),
        YFmt::Price { log: false } => thousands(v, decimals(step).max(2)),
        YFmt::Percent => format!("{}%", thousands(v * 100.0, decimals(step * 100.0))),
        YFmt::Tao => format!("{} τ", thousands(v, decimals(step))),
        YFmt::Alpha => format!("{} α", thousands(v, decimals(step))),
        YFmt::PercentOfStart => format!("{}%", thousands(v, decimals(step))),
    }
}

fn fmt_hover(f: YFmt, v: f64) -> String {
    match f {
        YFmt::Price { log: true } => format!("{:.6} TAO/alpha", 10f64.powf(v)),
        YFmt::Price { log: false } => format!("{v:.6} TAO/alpha"),
        YFmt::Percent => format!("{:.3}%", v * 100.0),
        YFmt::Tao => format!("{} TAO", thousands(v, 4)),
        YFmt::Alpha => format!("{} alpha", thousands(v, 4)),
        YFmt::PercentOfStart => format!("{v:.3}% of start"),
    }
}

fn fmt_block(x: f64) -> String {
    format!("block {} (day {:.2})", thousands(x, 0), x / DAY)
}

/// The largest "nice" step (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k) that still gives at
/// least `ticks` steps over `span`; the fine set of multiples keeps the count close to
/// `ticks`, so that a short chart's labels keep their room.
pub fn nice_step(span: f64, ticks: f64) -> f64 {
    let raw = span / ticks.max(1.0);
    let magnitude = 10f64.powf(raw.log10().floor());
    [8.0, 6.0, 5.0, 4.0, 3.0, 2.5, 2.0, 1.5, 1.0].into_iter().map(|m| m * magnitude).find(|s| *s <= raw).unwrap_or(magnitude)
}

/// Grid lines below this spacing (points) are not drawn; the spacers keep them far above.
const GRID_MIN: f32 = 8.0;

/// Ticks every `per_label` points or so, never fewer than 4 nor more than 8. On the time
/// axis (which always starts at block 0, so 4 steps give 5 ticks) a tick at the very right
/// edge is dropped, since its label would be cut in half.
fn spacer(per_label: f64, time_axis: bool) -> impl Fn(GridInput) -> Vec<GridMark> {
    move |input: GridInput| {
        let (lo, hi) = input.bounds;
        let span = hi - lo;
        if !(span > 0.0 && span.is_finite()) || input.base_step_size <= 0.0 {
            return Vec::new();
        }
        let points = span * GRID_MIN as f64 / input.base_step_size;
        let step = nice_step(span, (points / per_label).clamp(4.0, 8.0));
        let (first, last) = ((lo / step).ceil() as i64, (hi / step).floor() as i64);
        (first..=last)
            .map(|k| GridMark { value: k as f64 * step, step_size: step })
            .filter(|m| !time_axis || hi - m.value > span * 0.08)
            .collect()
    }
}

/// A time chart with the common axes, hover text and size. Time runs from block 0 to at
/// least `block` (and never spans less than 100 blocks, which would need fractional ticks).
fn time_plot<'a>(id: &str, height: f32, y: YFmt, block: u64) -> Plot<'a> {
    let x_axis = AxisHints::new_x().label_spacing(40.0..=50.0).formatter(|mark, _| {
        let days = mark.value / DAY;
        // Days are the second reading of the same tick: whole days when ticks are days
        // apart, otherwise enough decimals to tell neighbours apart.
        let day_decimals = if mark.step_size >= DAY && (mark.step_size / DAY).fract() == 0.0 { 0 } else if mark.step_size >= DAY / 100.0 { 2 } else { 3 };
        format!("{}\nday {:.*}", thousands(mark.value, if mark.step_size < 1.0 { 1 } else { 0 }), day_decimals, days)
    });
    // Room for the widest tick label from the first frame on.
    let y_axis = AxisHints::new_y().label_spacing(12.0..=16.0).min_thickness(44.0).formatter(move |mark, _| fmt_y(y, mark.value, mark.step_size));
    Plot::new(id.to_string())
        .height(height)
        .allow_scroll(false)
        .include_x(0.0)
        .include_x(block.max(100) as f64)
        .grid_spacing(egui::Rangef::new(GRID_MIN, 40.0))
        .x_grid_spacer(spacer(120.0, true))
        .y_grid_spacer(spacer(40.0, false))
        .custom_x_axes(vec![x_axis])
        .custom_y_axes(vec![y_axis])
        .label_formatter(move |pos| {
            Some(match pos {
                HoverPosition::NearDataPoint { plot_name, position, .. } => {
                    format!("{plot_name}\n{}\n{}", fmt_block(position.x), fmt_hover(y, position.y))
                }
                // Away from every line the pointer's height is no value of anything: say only
                // where on the time axis it is.
                HoverPosition::Elsewhere { position } => fmt_block(position.x),
            })
        })
}

/// Smallest and largest y of the series.
fn y_range<'p>(series: impl IntoIterator<Item = &'p Vec<[f64; 2]>>) -> Option<(f64, f64)> {
    let mut range: Option<(f64, f64)> = None;
    for s in series {
        for p in s {
            if p[1].is_finite() {
                range = Some(range.map_or((p[1], p[1]), |(lo, hi)| (lo.min(p[1]), hi.max(p[1]))));
            }
        }
    }
    range
}

/// Widens the y range to at least ±`fraction` around its middle, so that a tiny drift is
/// drawn as tiny. For log axes the fraction applies to the value, not its logarithm.
fn min_span<'a>(plot: Plot<'a>, range: Option<(f64, f64)>, fraction: f64, log: bool) -> Plot<'a> {
    let Some((lo, hi)) = range else { return plot };
    if log {
        let mid = (lo + hi) / 2.0;
        let half = (1.0 + fraction).log10();
        return plot.include_y(mid - half).include_y(mid + half);
    }
    let mid = (lo + hi) / 2.0;
    let half = (mid.abs() * fraction).max(1e-9);
    plot.include_y(mid - half).include_y(mid + half)
}

/// One subnet's line: its own colour when it is among the top, faint grey otherwise;
/// dimmed when another subnet has the focus.
fn subnet_line<'a>(netuid: u16, points: Vec<[f64; 2]>, input: &ChartInput, presentation: &Presentation) -> Line<'a> {
    let own = input.colours.colour(netuid, presentation.dark);
    let focused = presentation.focus == Some(netuid);
    let mut colour = own.unwrap_or(OTHERS.gamma_multiply(0.5));
    if presentation.focus.is_some() && !focused {
        colour = colour.gamma_multiply(0.25);
    }
    let name = match (own.is_some(), input.others.is_empty()) {
        (false, _) => String::new(),
        (true, true) => format!("SN{netuid}"),
        (true, false) => format!("SN{netuid} · {}", input.own),
    };
    let width = presentation.line_width(if focused { 3.5 } else if own.is_some() { 2.0 } else { 1.0 });
    Line::new(name, PlotPoints::from(points)).color(colour).width(width).id(Id::new(("sn", netuid))).highlight(focused)
}

/// The subnets drawn one line each: the top ones, plus the rest in faint grey when there
/// are few enough to stay cheap and legible.
fn drawn_subnets(input: &ChartInput) -> Vec<u16> {
    let many = input.history.subnets.len() > 32;
    input
        .history
        .subnets
        .keys()
        .copied()
        .filter(|n| !input.hidden.0.contains(n))
        .filter(|n| !many || input.colours.is_top(*n))
        .collect()
}

pub fn ui(ui: &mut Ui, input: &ChartInput, presentation: &mut Presentation, cache: &mut PlotCache) -> ChartActions {
    let mut actions = ChartActions::default();
    if input.history.subnets.values().next().is_none_or(|s| s.blocks.is_empty()) {
        cache.clear();
    }
    if !presentation.present {
        chart_picker(ui, presentation, input);
    }
    let charts: Vec<ChartKind> = match presentation.enlarged {
        Some(kind) => vec![kind],
        None => presentation.charts.clone(),
    };
    // A chart the rules in force lack (chain buys after a switch away from 2026-08) is kept
    // in the selection but not drawn.
    let charts: Vec<ChartKind> = charts.into_iter().filter(|k| k.available(input)).collect();
    if charts.is_empty() {
        ui.label("No chart selected: pick one above.");
        return actions;
    }
    if !input.others.is_empty() {
        // Which dash is which rule set, once for every chart (and readable on a video).
        ui.horizontal_wrapped(|ui| {
            let size = if presentation.present { 18.0 } else { 14.0 };
            ui.label(RichText::new(format!("——— {}", input.own)).strong().size(size));
            for (i, (name, _)) in input.others.iter().enumerate() {
                ui.add_space(16.0);
                ui.label(RichText::new(format!("{} {name}", world_glyph(i))).strong().size(size));
            }
        });
    }
    let width = ui.available_width();
    let columns = if charts.len() == 1 || width < 700.0 { 1 } else { 2 };
    let rows = charts.len().div_ceil(columns);
    let title_height = 28.0;
    // Low enough that two rows of charts fit a 720-pixel projector in large text.
    let min_height = if presentation.present { 120.0 } else { 140.0 };
    let height = ((ui.available_height() - rows as f32 * (title_height + 10.0)) / rows as f32).max(min_height);
    egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| {
        for row in charts.chunks(columns) {
            if columns == 1 {
                chart(ui, row[0], input, presentation, cache, height, &mut actions);
            } else {
                ui.columns(columns, |cols| {
                    for (col, kind) in cols.iter_mut().zip(row) {
                        chart(col, *kind, input, presentation, cache, height, &mut actions);
                    }
                });
            }
        }
    });
    actions
}

/// Toggles for which charts are shown, and how many subnets get a colour.
fn chart_picker(ui: &mut Ui, presentation: &mut Presentation, input: &ChartInput) {
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new("Charts:").strong());
        for kind in ChartKind::ALL.into_iter().filter(|k| k.available(input)) {
            let mut on = presentation.charts.contains(&kind);
            if ui.toggle_value(&mut on, kind.short()).on_hover_text(kind.hint()).changed() {
                if on {
                    presentation.charts.push(kind);
                } else {
                    presentation.charts.retain(|k| *k != kind);
                    if presentation.enlarged == Some(kind) {
                        presentation.enlarged = None;
                    }
                }
            }
        }
        if input.history.subnets.len() > crate::dashboard::theme::PALETTE.len() {
            ui.separator();
            ui.label("top");
            ui.add(egui::DragValue::new(&mut presentation.top_n).range(1..=9)).on_hover_text("subnets with a colour of their own, by emission share; the rest are \"others\"");
        }
        if let Some(f) = presentation.focus
            && ui.button(format!("✖ focus SN{f}")).on_hover_text("Esc").clicked()
        {
            presentation.focus = None;
        }
    });
}

#[allow(clippy::too_many_arguments)]
fn chart(ui: &mut Ui, kind: ChartKind, input: &ChartInput, presentation: &mut Presentation, cache: &mut PlotCache, height: f32, actions: &mut ChartActions) {
    ui.horizontal(|ui| {
        let size = if presentation.present { 20.0 } else { 15.0 };
        let enlarged = presentation.enlarged == Some(kind);
        let title = ui
            .add(egui::Label::new(RichText::new(kind.title()).strong().size(size)).sense(egui::Sense::click()))
            .on_hover_text(format!("{}\n\nclick to {}", kind.hint(), if enlarged { "show all charts again" } else { "enlarge" }));
        if title.clicked() {
            presentation.enlarged = if enlarged { None } else { Some(kind) };
        }
        match kind {
            ChartKind::Price => {
                ui.checkbox(&mut presentation.log_price, "log");
            }
            ChartKind::Shares => {
                if input.others.is_empty() {
                    ui.checkbox(&mut presentation.stacked_shares, "stacked");
                }
                if let Some(theta) = input.gate_bar {
                    // Said in words too: in the stacked view the bar is not drawn (a band's
                    // edge is a running sum, not a share).
                    ui.label(RichText::new(gate_label(theta)).color(gate_colour(presentation.dark))).on_hover_text(GATE_HINT);
                }
            }
            ChartKind::Holders => {
                ui.selectable_value(&mut presentation.exit_values, true, "if sold").on_hover_text("alpha valued at what selling it now would pay, with fee and slippage");
                ui.selectable_value(&mut presentation.exit_values, false, "at spot").on_hover_text("alpha valued at the pool's spot price (paper value)");
                ui.checkbox(&mut presentation.relative_values, "% of start");
            }
            _ => {}
        }
    });
    if input.block == 0 {
        ui.allocate_ui(egui::vec2(ui.available_width(), height), |ui| {
            ui.centered_and_justified(|ui| ui.label(RichText::new("no blocks yet: press Space or ▶ Play").weak().size(16.0)));
        });
        return;
    }
    let response = match kind {
        ChartKind::Price => price_chart(ui, input, presentation, cache, height),
        ChartKind::Shares => share_chart(ui, input, presentation, cache, height),
        ChartKind::Pools => subnet_series_chart(ui, "depth", input, presentation, cache, height, YFmt::Tao, |s| &s.tao_reserve, 0.05, true),
        ChartKind::RootProp => subnet_series_chart(ui, "root_prop", input, presentation, cache, height, YFmt::Percent, |s| &s.root_prop, 0.0, true),
        ChartKind::Emission => emission_chart(ui, input, presentation, cache, height),
        ChartKind::AlphaFlow => alpha_flow_chart(ui, input, presentation, cache, height),
        ChartKind::ChainBuys => chain_buys_chart(ui, input, presentation, cache, height),
        ChartKind::Holders => holders_chart(ui, input, presentation, height),
        ChartKind::AlphaSplit => {
            alpha_split_chart(ui, input, height);
            return;
        }
    };
    handle_clicks(ui, response, input, actions);
}

/// Caption markers on a time chart: a dashed line at each caption already reached.
fn caption_markers(plot_ui: &mut egui_plot::PlotUi, captions: &[Caption], block: u64, colour: Color32, width: f32) {
    for c in captions.iter().filter(|c| c.block > 0 && c.block < block) {
        plot_ui.vline(VLine::new("", c.block as f64).color(colour).width(width).style(LineStyle::dashed_dense()).allow_hover(false));
    }
}

/// A click near a caption marker goes there; a click on a subnet's line focuses it (again:
/// unfocuses).
fn handle_clicks(ui: &Ui, response: egui_plot::PlotResponse<()>, input: &ChartInput, actions: &mut ChartActions) {
    if !response.response.clicked() {
        return;
    }
    let Some(pointer) = ui.ctx().pointer_interact_pos() else { return };
    let near = input.captions.iter().filter(|c| c.block > 0 && c.block < input.block).find(|c| {
        let x = response.transform.position_from_point_x(c.block as f64);
        (x - pointer.x).abs() < 8.0
    });
    if let Some(c) = near {
        actions.run_to = Some(c.block + 1);
        return;
    }
    if let Some(id) = response.hovered_plot_item
        && let Some(r) = input.rows.iter().find(|r| Id::new(("sn", r.netuid)) == id)
    {
        actions.focus = Some(Some(r.netuid));
    }
}

/// The legend appears while the pointer is over the chart (so it never covers data on a
/// projector) and only when it fits; the table's swatches are the key otherwise. A
/// recording, which has neither pointer nor table, shows it whenever it fits.
fn with_legend<'a>(ui: &Ui, id: &str, plot: Plot<'a>, entries: usize, height: f32, recording: bool) -> Plot<'a> {
    let memory = Id::new(("legend shown", id));
    // A recording has no pointer to hover with: its viewers need the legend all the time.
    let hovered = recording || ui.ctx().data(|d| d.get_temp::<bool>(memory)).unwrap_or(false);
    if hovered && (entries as f32) * 18.0 < height * 0.8 {
        plot.legend(Legend::default().position(Corner::LeftTop).background_alpha(0.85).text_style(egui::TextStyle::Small).follow_insertion_order(true))
    } else {
        plot
    }
}

fn remember_hover(ui: &Ui, id: &str, response: &egui::Response) {
    let inside = response.contains_pointer();
    ui.ctx().data_mut(|d| d.insert_temp(Id::new(("legend shown", id)), inside));
}

fn price_chart(ui: &mut Ui, input: &ChartInput, presentation: &Presentation, cache: &mut PlotCache, height: f32) -> egui_plot::PlotResponse<()> {
    let log = presentation.log_price;
    let subnets = drawn_subnets(input);
    let mut lines: Vec<(u16, Vec<[f64; 2]>, Option<Vec<[f64; 2]>>)> = Vec::new();
    for netuid in &subnets {
        let s = &input.history.subnets[netuid];
        let price = cache.points(("price", *netuid), &s.blocks, &s.price, log);
        let ema = input.ema.then(|| cache.points(("ema", *netuid), &s.blocks, &s.moving_price, log));
        lines.push((*netuid, price, ema));
    }
    let others = other_points(input, |s| &s.price, log);
    let range = y_range(lines.iter().map(|l| &l.1).chain(others.iter().map(|o| &o.2)));
    let plot = min_span(time_plot("price", height, YFmt::Price { log }, input.block), range, 0.05, log);
    let plot = with_legend(ui, "price", plot, input.colours.top.len() * (1 + input.others.len()), height, presentation.recording);
    let marker = ui.visuals().weak_text_color();
    let response = plot.show(ui, |plot_ui| {
        caption_markers(plot_ui, input.captions, input.block, marker, presentation.line_width(1.5));
        for (netuid, price, ema) in lines {
            let line = subnet_line(netuid, price, input, presentation);
            if let Some(ema) = ema {
                let colour = input.colours.colour(netuid, presentation.dark).unwrap_or(OTHERS).gamma_multiply(0.6);
                plot_ui.line(Line::new("", PlotPoints::from(ema)).color(colour).style(LineStyle::dotted_loose()).width(presentation.line_width(1.5)).allow_hover(false));
            }
            plot_ui.line(line);
        }
        for (i, netuid, points) in others {
            plot_ui.line(other_line(i, netuid, points, input, presentation));
        }
    });
    remember_hover(ui, "price", &response.response);
    response
}

/// A line per subnet of one series (pool depth, root proportion).
#[allow(clippy::too_many_arguments)]
fn subnet_series_chart(
    ui: &mut Ui,
    id: &'static str,
    input: &ChartInput,
    presentation: &Presentation,
    cache: &mut PlotCache,
    height: f32,
    y: YFmt,
    series: impl Fn(&crate::dashboard::history::SubnetSeries) -> &Vec<f32>,
    fraction: f64,
    from_zero: bool,
) -> egui_plot::PlotResponse<()> {
    let lines: Vec<(u16, Vec<[f64; 2]>)> = drawn_subnets(input)
        .into_iter()
        .map(|n| {
            let s = &input.history.subnets[&n];
            (n, cache.points((id, n), &s.blocks, series(s), false))
        })
        .collect();
    let others = other_points(input, &series, false);
    let range = y_range(lines.iter().map(|l| &l.1).chain(others.iter().map(|o| &o.2)));
    let mut plot = min_span(time_plot(id, height, y, input.block), range, fraction, false);
    if from_zero {
        plot = plot.include_y(0.0);
    }
    if matches!(y, YFmt::Percent) {
        plot = plot.include_y(range.map_or(1.0, |r| r.1.max(0.01)));
    }
    let plot = with_legend(ui, id, plot, input.colours.top.len() * (1 + input.others.len()), height, presentation.recording);
    let marker = ui.visuals().weak_text_color();
    let response = plot.show(ui, |plot_ui| {
        caption_markers(plot_ui, input.captions, input.block, marker, presentation.line_width(1.5));
        draw_lines(plot_ui, input, presentation, lines, others);
    });
    remember_hover(ui, id, &response.response);
    response
}

/// Stacked bands of the top subnets' shares over "others", computed from the raw share
/// series at a common stride (subnets registered later are aligned on their blocks).
fn stacked_bands(input: &ChartInput) -> Vec<(Option<u16>, Vec<[f64; 2]>)> {
    let history = input.history;
    let Some(longest) = history.subnets.values().max_by_key(|s| s.blocks.len()) else { return Vec::new() };
    let len = longest.blocks.len();
    if len == 0 {
        return Vec::new();
    }
    let stride = len.div_ceil(MAX_POINTS).max(1);
    let mut indices: Vec<usize> = (0..len).step_by(stride).collect();
    if indices.last() != Some(&(len - 1)) {
        indices.push(len - 1);
    }
    let top: Vec<u16> = input.colours.top.iter().copied().filter(|n| !input.hidden.0.contains(n)).collect();
    // Each series aligned on the longest: a subnet registered later has no share before.
    fn aligned(s: &crate::dashboard::history::SubnetSeries, len: usize) -> (usize, &[f32]) {
        let n = s.share.len().min(len);
        (len - n, &s.share[..n])
    }
    let share_at = |(offset, share): (usize, &[f32]), i: usize| -> f64 { if i < offset { 0.0 } else { share[i - offset] as f64 } };
    let mut bands = Vec::with_capacity(top.len() + 1);
    let mut cumulative = vec![0f64; indices.len()];
    let others: Vec<(usize, &[f32])> = history.subnets.iter().filter(|(n, _)| !top.contains(n) && !input.hidden.0.contains(n)).map(|(_, s)| aligned(s, len)).collect();
    if !others.is_empty() {
        for s in &others {
            for (k, i) in indices.iter().enumerate() {
                cumulative[k] += share_at(*s, *i);
            }
        }
        bands.push((None, indices.iter().zip(&cumulative).map(|(i, c)| [longest.blocks[*i] as f64, *c]).collect()));
    }
    for netuid in top.iter().rev() {
        let Some(series) = history.subnets.get(netuid) else { continue };
        let s = aligned(series, len);
        for (k, i) in indices.iter().enumerate() {
            cumulative[k] += share_at(s, *i);
        }
        bands.push((Some(*netuid), indices.iter().zip(&cumulative).map(|(i, c)| [longest.blocks[*i] as f64, *c]).collect()));
    }
    bands
}

fn share_chart(ui: &mut Ui, input: &ChartInput, presentation: &Presentation, cache: &mut PlotCache, height: f32) -> egui_plot::PlotResponse<()> {
    // Stacked bands of several worlds would hide each other: compare mode draws lines.
    let stacked = presentation.stacked_shares && input.others.is_empty();
    let plot = time_plot("shares", height, YFmt::Percent, input.block).include_y(0.0);
    let marker = ui.visuals().weak_text_color();
    if stacked {
        let bands = stacked_bands(input);
        let plot = with_legend(ui, "shares", plot.include_y(1.0), bands.len(), height, presentation.recording);
        let response = plot.show(ui, |plot_ui| {
            // Each band's top edge is the running sum up to it, drawn top first and filled
            // down to 0, so the top edge is 100%.
            for (netuid, points) in bands.into_iter().rev() {
                let line = match netuid {
                    Some(n) => {
                        let mut colour = input.colours.colour(n, presentation.dark).unwrap_or(OTHERS);
                        if presentation.focus.is_some_and(|f| f != n) {
                            colour = colour.gamma_multiply(0.35);
                        }
                        Line::new(format!("SN{n}"), PlotPoints::from(points)).color(colour).id(Id::new(("sn", n)))
                    }
                    None => Line::new("others", PlotPoints::from(points)).color(OTHERS.gamma_multiply(0.6)),
                };
                plot_ui.line(line.fill(0.0).fill_alpha(1.0).width(presentation.line_width(1.0)));
            }
            caption_markers(plot_ui, input.captions, input.block, marker, presentation.line_width(1.5));
        });
        remember_hover(ui, "shares", &response.response);
        return response;
    }
    let lines: Vec<(u16, Vec<[f64; 2]>)> = drawn_subnets(input)
        .into_iter()
        .map(|n| {
            let s = &input.history.subnets[&n];
            (n, cache.points(("share", n), &s.blocks, &s.share, false))
        })
        .collect();
    // The gate bar over time (it moves with the 32nd-largest share each block).
    let gate = input.gate_bar.map(|theta| (theta, cache.points(("gate_bar", 0), &input.history.chain.blocks, &input.history.chain.gate_bar, false)));
    let others = other_points(input, |s| &s.share, false);
    let max = y_range(lines.iter().map(|l| &l.1).chain(others.iter().map(|o| &o.2)).chain(gate.as_ref().map(|g| &g.1))).map_or(0.1, |r| r.1);
    let entries = input.colours.top.len() * (1 + input.others.len()) + usize::from(gate.is_some());
    let plot = with_legend(ui, "shares", plot.include_y(max.max(0.01)), entries, height, presentation.recording);
    let colour = gate_colour(presentation.dark);
    let response = plot.show(ui, |plot_ui| {
        caption_markers(plot_ui, input.captions, input.block, marker, presentation.line_width(1.5));
        draw_lines(plot_ui, input, presentation, lines, others);
        if let Some((theta, points)) = gate {
            // Drawn last, over the subnets, so that which side of it each line is on reads
            // at a glance; labelled just above its right end with the value in force. The
            // label sits on the line's own last point: a point taken from the plot's bounds
            // would widen the bounds it was taken from, frame after frame.
            let label = gate_label(theta);
            let end = points.last().copied();
            plot_ui.line(Line::new(label.clone(), PlotPoints::from(points)).color(colour).width(presentation.line_width(2.0)).style(LineStyle::dashed_loose()));
            if let Some([x, _]) = end {
                plot_ui.text(Text::new("", PlotPoint::new(x, theta), RichText::new(label).color(colour).strong()).anchor(egui::Align2::RIGHT_BOTTOM).allow_hover(false));
            }
        }
    });
    remember_hover(ui, "shares", &response.response);
    response
}

/// How the gate bar is drawn and named.
const GATE_HINT: &str = "mainnet-2026-08: a subnet's share passes through the gate s/(1 + (θ/s)³), so shares well below the bar θ (set by the 32nd-largest) get almost nothing";

fn gate_label(theta: f64) -> String {
    format!("gate bar θ = {:.2}%", theta * 100.0)
}

/// Apart from the subnet palette (which never uses pure red), in either theme.
fn gate_colour(dark: bool) -> Color32 {
    if dark { Color32::from_rgb(255, 90, 90) } else { Color32::from_rgb(200, 0, 0) }
}

/// Chain buys: TAO per block, all subnets together (thick) and each drawn subnet.
fn chain_buys_chart(ui: &mut Ui, input: &ChartInput, presentation: &Presentation, cache: &mut PlotCache, height: f32) -> egui_plot::PlotResponse<()> {
    let c = &input.history.chain;
    let total = cache.points(("chain_buy_total", 0), &c.blocks, &c.chain_buy_tao, false);
    let lines: Vec<(u16, Vec<[f64; 2]>)> = drawn_subnets(input)
        .into_iter()
        .map(|n| {
            let s = &input.history.subnets[&n];
            (n, cache.points(("chain_buy", n), &s.blocks, &s.chain_buy_tao, false))
        })
        .collect();
    let max = y_range(lines.iter().map(|l| &l.1).chain([&total])).map_or(1.0, |r| r.1);
    let marker = ui.visuals().weak_text_color();
    let plot = time_plot("chain_buys", height, YFmt::Tao, input.block).include_y(0.0).include_y((max * 1.1).max(1e-3));
    let plot = with_legend(ui, "chain_buys", plot, input.colours.top.len() + 1, height, presentation.recording);
    let response = plot.show(ui, |plot_ui| {
        caption_markers(plot_ui, input.captions, input.block, marker, presentation.line_width(1.5));
        for (netuid, points) in lines {
            plot_ui.line(subnet_line(netuid, points, input, presentation));
        }
        plot_ui.line(Line::new("all subnets", PlotPoints::from(total)).color(ui_you_colour(presentation.dark)).width(presentation.line_width(3.0)));
    });
    remember_hover(ui, "chain_buys", &response.response);
    response
}

fn emission_chart(ui: &mut Ui, input: &ChartInput, presentation: &Presentation, cache: &mut PlotCache, height: f32) -> egui_plot::PlotResponse<()> {
    let c = &input.history.chain;
    let points = cache.points(("emission", 0), &c.blocks, &c.emission, false);
    let max = y_range([&points]).map_or(1.0, |r| r.1);
    let marker = ui.visuals().weak_text_color();
    time_plot("emission", height, YFmt::Tao, input.block).include_y(0.0).include_y(max * 1.1).show(ui, |plot_ui| {
        caption_markers(plot_ui, input.captions, input.block, marker, presentation.line_width(1.5));
        let name = if input.others.is_empty() { "TAO per block".to_string() } else { format!("TAO per block · {}", input.own) };
        plot_ui.line(Line::new(name, PlotPoints::from(points)).color(palette(0, true)).width(presentation.line_width(2.5)));
        for (i, (rule_set, history)) in input.others.iter().enumerate() {
            let c = &history.chain;
            let points = decimate(&c.blocks, &c.emission, MAX_POINTS, false);
            plot_ui.line(Line::new(format!("TAO per block · {rule_set}"), PlotPoints::from(points)).color(palette(i + 1, true)).style(world_style(i)).width(presentation.line_width(2.5)));
        }
    })
}

fn alpha_flow_chart(ui: &mut Ui, input: &ChartInput, presentation: &Presentation, cache: &mut PlotCache, height: f32) -> egui_plot::PlotResponse<()> {
    let c = &input.history.chain;
    let injected = cache.points(("alpha_in", 0), &c.blocks, &c.alpha_in, false);
    let emitted = cache.points(("alpha_out", 0), &c.blocks, &c.alpha_out, false);
    let max = y_range([&injected, &emitted]).map_or(1.0, |r| r.1);
    let marker = ui.visuals().weak_text_color();
    let plot = time_plot("alpha_flow", height, YFmt::Alpha, input.block)
        .include_y(0.0)
        .include_y(max * 1.1)
        .legend(Legend::default().position(Corner::LeftBottom).background_alpha(0.85).text_style(egui::TextStyle::Small));
    plot.show(ui, |plot_ui| {
        caption_markers(plot_ui, input.captions, input.block, marker, presentation.line_width(1.5));
        plot_ui.line(Line::new("injected into pools", PlotPoints::from(injected)).color(palette(0, true)).width(presentation.line_width(2.0)));
        plot_ui.line(Line::new("emitted to holders", PlotPoints::from(emitted)).color(palette(1, true)).width(presentation.line_width(2.0)).style(LineStyle::dashed_loose()));
    })
}

fn alpha_split_chart(ui: &mut Ui, input: &ChartInput, height: f32) {
    let s = input.history.split;
    let root = if input.root_alpha_kept { "root (kept)" } else { "root (sold)" };
    let names: [&str; 4] = ["owner", "miners", "validators", root];
    let parts = [(names[0], s.owner, palette(3, true)), (names[1], s.miners, palette(2, true)), (names[2], s.validators, palette(0, true)), (names[3], s.root, palette(1, true))];
    let y_axis = AxisHints::new_y().label_spacing(16.0..=20.0).formatter(|mark, _| fmt_y(YFmt::Alpha, mark.value, mark.step_size));
    // The bars are named on the x axis, so no legend covers them.
    let x_axis = AxisHints::new_x().label_spacing(20.0..=30.0).formatter(move |mark, _| names.get(mark.value.round() as usize).map_or(String::new(), |n| n.to_string()));
    Plot::new("split")
        .height(height)
        .allow_scroll(false)
        .allow_drag(false)
        .allow_zoom(false)
        .grid_spacing(egui::Rangef::new(GRID_MIN, 40.0))
        .y_grid_spacer(spacer(40.0, false))
        .x_grid_spacer(|_| (0..4).map(|i| GridMark { value: i as f64, step_size: 1.0 }).collect())
        .custom_y_axes(vec![y_axis])
        .custom_x_axes(vec![x_axis])
        .include_x(-0.6)
        .include_x(3.6)
        .include_y(0.0)
        .show(ui, |plot_ui| {
            for (i, (name, value, color)) in parts.into_iter().enumerate() {
                plot_ui.bar_chart(BarChart::new(name, vec![Bar::new(i as f64, value).width(0.7).name(name)]).color(color));
            }
        });
}

fn holders_chart(ui: &mut Ui, input: &ChartInput, presentation: &Presentation, height: f32) -> egui_plot::PlotResponse<()> {
    let relative = presentation.relative_values;
    let exit = presentation.exit_values;
    let lines: Vec<(String, Vec<[f64; 2]>)> = input
        .history
        .strategies
        .iter()
        .map(|(strategy, points)| {
            let value = |p: &crate::dashboard::history::ValuePoint| if exit { p.exit } else { p.spot };
            let stride = points.len().div_ceil(MAX_POINTS).max(1);
            // Relative to the first value above zero: a line that starts from nothing has
            // no percentage to show until it holds something.
            let base = points.iter().map(value).find(|v| *v > 1e-6);
            let scale = if relative { base.map_or(f64::NAN, |b| 100.0 / b) } else { 1.0 };
            let line: Vec<[f64; 2]> = points.iter().step_by(stride).chain(points.last()).map(|p| [p.block, value(p) * scale]).filter(|p| p[1].is_finite()).collect();
            (strategy.to_string(), line)
        })
        .filter(|(_, line)| !line.is_empty())
        .collect();
    let y = if relative { YFmt::PercentOfStart } else { YFmt::Tao };
    let range = y_range(lines.iter().map(|l| &l.1));
    let plot = if relative { time_plot("holders", height, y, input.block).include_y(95.0).include_y(105.0) } else { min_span(time_plot("holders", height, y, input.block), range, 0.05, false) };
    let plot = plot.legend(Legend::default().position(Corner::LeftTop).background_alpha(0.85).text_style(egui::TextStyle::Small).follow_insertion_order(true));
    let marker = ui.visuals().weak_text_color();
    plot.show(ui, |plot_ui| {
        caption_markers(plot_ui, input.captions, input.block, marker, presentation.line_width(1.5));
        for (i, (strategy, points)) in lines.into_iter().enumerate() {
            let (colour, style) = series_style(i);
            let you = strategy == crate::dashboard::session::YOU;
            let colour = if you { ui_you_colour(presentation.dark) } else { colour };
            plot_ui.line(Line::new(strategy, PlotPoints::from(points)).color(colour).style(style).width(presentation.line_width(if you { 3.5 } else { 2.0 })));
        }
    })
}

/// "You" stands out from the strategies in either theme.
fn ui_you_colour(dark: bool) -> Color32 {
    if dark { Color32::WHITE } else { Color32::BLACK }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_nice_at_least_four_and_labelled_exactly() {
        for span in [1.0, 3.0, 97.0, 1_801.0, 7_200.0, 123_456.0, 0.0007] {
            let step = nice_step(span, 4.0);
            assert!(span / step >= 4.0, "{span}: step {step}");
            assert!(span / step < 7.0, "{span}: step {step} gives too many ticks");
        }
        assert_eq!(fmt_y(YFmt::Price { log: false }, 1.025, 0.025), "1.025");
        assert_eq!(fmt_y(YFmt::Percent, 0.25, 0.25), "25%");
        assert_eq!(fmt_y(YFmt::Tao, 1_500.0, 500.0), "1,500 τ");
    }
}
