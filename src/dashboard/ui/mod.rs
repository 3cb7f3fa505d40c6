//! The panels. Each is a small state struct or function drawing one part of the window;
//! [`draw`] lays them out. Controls live apart from charts.

pub mod charts;
pub mod controls;
pub mod params;
pub mod table;
pub mod trade;

use super::frame_stats::FrameStats;
use super::readable;
use super::history::ChartHistory;
use super::lifecycle::OutgoingOrders;
use super::playback::{Playback, SimCommand};
use super::screenshot::TakeScreenshot;
use super::session::{Participants, Session};
use super::theme::Presentation;
use crate::economy::Params;
use crate::scenario::spawn::ScenarioInfo;
use crate::transactions::TxLog;
use crate::world::{BlockFlow, Chain, History, Ledger, MovingPrice, Pool, Subnet, SubnetChain, SubnetTotals, Wallet};
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy::window::{MonitorSelection, WindowMode};
use bevy_egui::egui::{self, LayerId, RichText, Ui, UiBuilder};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

pub fn plugin(app: &mut App) {
    app.init_resource::<Presentation>()
        .init_resource::<controls::ControlsState>()
        .init_resource::<table::TableState>()
        .init_resource::<trade::TradeState>()
        .init_resource::<charts::PlotCache>()
        .init_resource::<params::ParamsState>()
        .init_resource::<LayoutClass>()
        .init_resource::<super::theme::SubnetColours>()
        .init_resource::<super::theme::HiddenSubnets>()
        .add_systems(super::lifecycle::WorldLoaded, super::theme::order_colours.in_set(super::lifecycle::LoadStep::React))
        .add_systems(EguiPrimaryContextPass, draw);
}

/// One subnet as the panels show it.
#[derive(Clone, Debug, Default)]
pub struct SubnetRow {
    pub netuid: u16,
    pub name: String,
    pub price: f64,
    pub moving_price: f64,
    pub tao_reserve: u64,
    pub alpha_reserve: u64,
    pub alpha_outstanding: i64,
    pub share: f64,
    pub root_prop: f64,
    /// TAO traded in the last 7,200 blocks.
    pub volume_24h: f64,
    /// Price change over the last 7,200 blocks.
    pub change_24h: f64,
    pub start_block: u64,
    /// Nov-2025 rules: the flow EMA (TAO per block), this block's chain buy (TAO) and root
    /// alpha claimed this block.
    pub flow_ema: f64,
    pub chain_buy_tao: u64,
    pub root_claimed_alpha: u64,
    /// `mainnet-2026-08` (from [`SubnetChain`]): alpha the chain bought and keeps,
    /// `MinerBurned` (0 to 1) and the root switch of the subnet's TAO emission.
    pub protocol_alpha: u64,
    pub miner_burned: f64,
    pub emission_enabled: bool,
}

impl SubnetRow {
    /// Spot price times all alpha in existence, in TAO: a paper figure, labelled "at spot"
    /// wherever it is shown, since selling that alpha would pay far less.
    pub fn market_cap(&self) -> f64 {
        self.price * (self.alpha_reserve as f64 + self.alpha_outstanding.max(0) as f64) / 1e9
    }
}

/// What the panels read from the simulation.
#[derive(SystemParam)]
pub struct SimView<'w, 's> {
    pub chain: Res<'w, Chain>,
    pub params: Res<'w, Params>,
    pub info: Res<'w, ScenarioInfo>,
    /// The captions' claims and their texts with placeholders filled in.
    pub claims: Res<'w, crate::metrics::ClaimBook>,
    pub log: Res<'w, TxLog>,
    pub ledger: Res<'w, Ledger>,
    pub history: Res<'w, ChartHistory>,
    pub participants: Res<'w, Participants>,
    pub directory: Res<'w, crate::world::Directory>,
    /// The rule sets of compare mode (empty: off).
    pub compare: Res<'w, super::compare_worlds::CompareSet>,
    subnets: Query<
        'w,
        's,
        (&'static Subnet, &'static Pool, &'static MovingPrice, &'static BlockFlow, &'static SubnetTotals, &'static History, Option<&'static SubnetChain>),
    >,
    wallets: Query<'w, 's, &'static Wallet>,
}

impl SimView<'_, '_> {
    /// Whether the spec-443 engine is in force (`mainnet-2026-08` and later): the gate bar,
    /// chain buys kept as protocol alpha and the per-subnet `MinerBurned` and emission switch
    /// exist only there, so the panels show them only then.
    pub fn chain_era(&self) -> bool {
        self.params.engine == crate::economy::Engine::Spec443
    }

    pub fn rows(&self) -> Vec<SubnetRow> {
        let day = 7_200;
        let mut rows: Vec<SubnetRow> = self
            .subnets
            .iter()
            .map(|(s, pool, ema, flow, totals, history, era)| {
                let ago = history.ago(day);
                let era = era.copied().unwrap_or_default();
                SubnetRow {
                    netuid: s.netuid,
                    name: s.name.clone(),
                    price: pool.price(),
                    moving_price: ema.0,
                    tao_reserve: pool.tao_reserve,
                    alpha_reserve: pool.alpha_reserve,
                    alpha_outstanding: pool.alpha_outstanding,
                    share: flow.share,
                    root_prop: flow.root_prop,
                    volume_24h: (totals.volume_tao - ago.map_or(0, |p| p.volume_tao)) as f64 / 1e9,
                    change_24h: history.momentum(day, pool.price()),
                    start_block: s.start_block,
                    flow_ema: totals.flow_ema,
                    chain_buy_tao: flow.chain_buy_tao,
                    root_claimed_alpha: flow.root_claimed_alpha,
                    protocol_alpha: era.protocol_alpha,
                    miner_burned: era.miner_burned,
                    emission_enabled: era.emission_enabled,
                }
            })
            .collect();
        rows.sort_by_key(|r| r.netuid);
        rows
    }

    pub fn free_tao(&self, holder: crate::world::HolderId) -> u64 {
        self.directory.holder(holder).and_then(|e| self.wallets.get(e).ok()).map_or(0, |w| w.free_tao)
    }

    pub fn pool(&self, netuid: u16) -> Option<Pool> {
        let entity = self.directory.subnets.get(&netuid)?;
        self.subnets.get(*entity).ok().map(|(_, p, ..)| *p)
    }
}

/// Where commands go.
#[derive(SystemParam)]
pub struct Outbox<'w> {
    pub commands: MessageWriter<'w, SimCommand>,
    pub orders: ResMut<'w, OutgoingOrders>,
    pub screenshots: MessageWriter<'w, TakeScreenshot>,
}

/// Screen-size classes the layout adapts to (in points, so large text counts as a
/// smaller screen).
#[derive(Resource, Clone, Copy, Debug, Default, PartialEq)]
pub struct LayoutClass {
    /// Too narrow for both side panels beside two columns of charts.
    pub narrow: bool,
    /// Too short for the table under two rows of charts.
    pub short: bool,
    seen: bool,
}

impl LayoutClass {
    pub fn of(size: egui::Vec2) -> Self {
        LayoutClass { narrow: size.x < 1_100.0, short: size.y < 600.0, seen: true }
    }
}

/// The panels' own state, grouped to keep the system's parameter list short.
#[derive(SystemParam)]
pub struct PanelState<'w, 's> {
    pub controls: ResMut<'w, controls::ControlsState>,
    pub table: ResMut<'w, table::TableState>,
    pub trade: ResMut<'w, trade::TradeState>,
    pub params: ResMut<'w, params::ParamsState>,
    pub cache: ResMut<'w, charts::PlotCache>,
    pub hidden: ResMut<'w, super::theme::HiddenSubnets>,
    pub colours: ResMut<'w, super::theme::SubnetColours>,
    pub layout: ResMut<'w, LayoutClass>,
    pub toast: Res<'w, super::screenshot::Toast>,
    /// The session generation the chart selection was taken from.
    pub seen_generation: Local<'s, u64>,
}

#[allow(clippy::too_many_arguments)]
fn draw(
    mut contexts: EguiContexts,
    mut presentation: ResMut<Presentation>,
    mut panels: PanelState,
    playback: Res<Playback>,
    session: Res<Session>,
    view: SimView,
    mut out: Outbox,
    mut windows: Query<&mut Window>,
    (time, mut stats): (Res<Time<Real>>, ResMut<FrameStats>),
    compare: Res<super::compare_worlds::CompareWorlds>,
) -> Result {
    let started = std::time::Instant::now();
    let ctx = contexts.ctx_mut()?.clone();
    presentation.apply(&ctx);
    if *panels.seen_generation != session.generation {
        // A new world: open on the charts its story needs, nothing focused or enlarged.
        *panels.seen_generation = session.generation;
        let focus: Vec<charts::ChartKind> = view.info.focus_charts.iter().filter_map(|n| charts::ChartKind::from_name(n)).collect();
        presentation.charts = if focus.is_empty() { charts::ChartKind::DEFAULT.to_vec() } else { focus };
        if view.chain_era() {
            // mainnet-2026-08's story is the gate: shares as lines, so that each can be seen
            // above or below the bar (a stacked band's edge is a running sum, not a share),
            // and chain buys in place of the steady TAO-per-block line.
            presentation.stacked_shares = false;
            if view.info.focus_charts.is_empty() {
                presentation.charts = charts::ChartKind::CHAIN_ERA_DEFAULT.to_vec();
            }
        }
        presentation.enlarged = None;
        presentation.focus = None;
        panels.hidden.0.clear();
        // "applies from block N" was about the old world.
        panels.params.message = None;
        panels.params.subnet_message = None;
    }
    hotkeys(&ctx, &mut presentation, &view, &mut out);
    if let Ok(mut window) = windows.single_mut() {
        let wanted = if presentation.fullscreen { WindowMode::BorderlessFullscreen(MonitorSelection::Current) } else { WindowMode::Windowed };
        if window.mode != wanted {
            window.mode = wanted;
        }
    }
    let rows = view.rows();
    let shares: Vec<(u16, f64)> = rows.iter().map(|r| (r.netuid, r.share)).collect();
    // The caption on screen and the scenario's spotlight keep their subnets coloured.
    let caption_now = super::record::plan::current_caption(&view.info.captions, view.chain.block);
    let named: Vec<u16> = caption_now.map(|i| super::theme::caption_subnets(&view.info.captions[i]).to_vec()).unwrap_or_default().into_iter().chain(view.info.spotlight.iter().copied()).collect();
    panels.colours.update(&shares, presentation.top_n, presentation.focus, &named);
    let screen = ctx.content_rect();
    // Panels collapse before the charts become unreadable: when the screen class changes,
    // side panels and table default to what fits (the buttons still bring them back).
    let class = LayoutClass::of(screen.size());
    if *panels.layout != class {
        presentation.show_left = !class.narrow;
        presentation.show_right = !class.narrow;
        presentation.show_table = !class.short;
        *panels.layout = class;
    }
    let mut root = Ui::new(ctx.clone(), "root".into(), UiBuilder::new().layer_id(LayerId::background()).max_rect(ctx.viewport_rect()));
    let present = presentation.present;
    if present {
        egui::Panel::top("present_bar").show(&mut root, |ui| presentation_bar(ui, &view, &playback, presentation.recording));
    } else {
        egui::Panel::top("controls").show(&mut root, |ui| {
            panels.controls.ui(ui, &mut presentation, &playback, &session, &view, &mut out, &stats);
        });
    }
    egui::Panel::top("caption").show(&mut root, |ui| caption(ui, &view, &presentation, &playback));
    if !present && presentation.show_left {
        egui::Panel::left("scenario").resizable(true).default_size(270.0).show(&mut root, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| params::ui(ui, &mut panels.params, &view, &session, &mut out, &rows, presentation.focus));
        });
    }
    if !present && presentation.show_right {
        egui::Panel::right("trade").resizable(true).default_size(270.0).show(&mut root, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| panels.trade.ui(ui, &view, &rows, &mut out));
        });
    }
    if !present && presentation.show_table {
        let height = (screen.height() * 0.29).clamp(130.0, 290.0);
        egui::Panel::bottom("table").resizable(true).default_size(height).show(&mut root, |ui| {
            let PanelState { table, colours, hidden, .. } = &mut panels;
            let mode = table::Mode {
                tao_flow: view.params.share_rule == crate::economy::ShareRule::TaoFlow,
                chain_era: view.chain_era(),
                gate_bar: view.chain_era().then(|| super::history::gate_share(view.chain.gate_bar)),
            };
            let others: Vec<table::OtherWorld> =
                compare.0.iter().map(|w| (w.rule_set.name(), w.prices_and_shares().into_iter().map(|(n, p, s)| (n, (p, s))).collect())).collect();
            table.ui(ui, &rows, view.chain.block, &mut presentation, colours, hidden, mode, &others);
        });
    }
    let others: Vec<(&'static str, &ChartHistory)> = compare.0.iter().map(|w| (w.rule_set.name(), w.history())).collect();
    let input = charts::ChartInput {
        history: &view.history,
        rows: &rows,
        captions: &view.info.captions,
        block: view.chain.block,
        start_block: view.chain.start_block,
        ema: view.params.share_rule.uses_moving_price(),
        root_alpha_kept: view.params.root_alpha_claimed,
        gate_bar: view.chain_era().then(|| super::history::gate_share(view.chain.gate_bar)),
        hidden: &panels.hidden,
        colours: &panels.colours,
        own: view.params.rule_set.name(),
        others: &others,
    };
    let mut actions = charts::ChartActions::default();
    egui::CentralPanel::default().show(&mut root, |ui| {
        actions = charts::ui(ui, &input, &mut presentation, &mut panels.cache);
    });
    if let Some(block) = actions.run_to {
        out.commands.write(SimCommand::RunTo(block));
    }
    if let Some(focus) = actions.focus {
        presentation.focus = if presentation.focus == focus { None } else { focus };
    }
    if presentation.help {
        help_overlay(&ctx, &mut presentation);
    }
    if let Some(text) = panels.toast.visible(time.elapsed_secs_f64()).filter(|_| !presentation.recording) {
        egui::Area::new(egui::Id::new("toast")).anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-16.0, -16.0)).show(&ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| ui.label(RichText::new(text).strong()));
        });
    }
    stats.update(time.delta_secs_f64(), started.elapsed().as_secs_f64());
    Ok(())
}

/// Presentation mode's only bar: the scenario, a block and day counter, and play state.
/// A recording shows the counter larger and strong (a viewer reads it on a video), and no
/// key hint (nobody can press it).
fn presentation_bar(ui: &mut Ui, view: &SimView, playback: &Playback, recording: bool) {
    // Sized to the frame: a small GIF's bar stays one thin line.
    let scale = (ui.ctx().content_rect().height() / 550.0).clamp(0.7, 1.0);
    ui.horizontal(|ui| {
        ui.label(RichText::new(&view.info.title).strong().size(18.0 * scale));
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            if !recording {
                ui.label(RichText::new("F5 / Esc: leave").weak().small());
            }
            let state = if playback.playing || recording { "▶" } else { "⏸" };
            // The chain's own block number (`[chain] start_block`), and days since the start.
            let (block, day) = (view.chain.absolute_block(), view.chain.block as f64 / 7_200.0);
            let counter = RichText::new(format!("{state}  block {}  ·  day {day:.2}", readable::thousands(block as f64, 0))).monospace();
            ui.label(if recording { counter.size(20.0 * scale).strong() } else { counter.size(16.0 * scale) });
        });
    });
}

/// The keys, on request (?).
fn help_overlay(ctx: &egui::Context, presentation: &mut Presentation) {
    let mut open = true;
    egui::Window::new("Keyboard").open(&mut open).collapsible(false).resizable(false).anchor(egui::Align2::CENTER_CENTER, egui::Vec2::ZERO).show(ctx, |ui| {
        egui::Grid::new("keys").num_columns(2).spacing([24.0, 6.0]).show(ui, |ui| {
            for (key, what) in HOTKEYS {
                ui.label(RichText::new(*key).monospace().strong());
                ui.label(*what);
                ui.end_row();
            }
        });
        ui.add_space(6.0);
        ui.label(RichText::new("Click a chart's title to enlarge it; click a line or a table row to focus that subnet; click a dashed caption marker to go there.").weak());
    });
    if !open {
        presentation.help = false;
    }
}

/// The hotkeys, as the help overlay and the README list them.
pub const HOTKEYS: &[(&str, &str)] = &[
    ("Space", "play / pause"),
    ("→", "one block"),
    ("T", "one tempo"),
    ("N", "run to the next caption"),
    ("R", "reset (paused)"),
    ("F5", "presentation mode"),
    ("Esc", "leave presentation mode, an enlarged chart, the focus"),
    ("L", "large text"),
    ("D", "dark / light theme"),
    ("F", "full screen"),
    ("P or F12", "screenshot (saved in ./screenshots)"),
    ("? or H or F1", "this help"),
];

/// The hotkeys above. Ignored while a text field has the keyboard.
fn hotkeys(ctx: &egui::Context, presentation: &mut Presentation, view: &SimView, out: &mut Outbox) {
    if ctx.egui_wants_keyboard_input() {
        return;
    }
    ctx.input(|input| {
        if input.key_pressed(egui::Key::Space) {
            out.commands.write(SimCommand::TogglePlay);
        }
        if input.key_pressed(egui::Key::ArrowRight) {
            out.commands.write(SimCommand::Step(1));
        }
        if input.key_pressed(egui::Key::T) {
            out.commands.write(SimCommand::Step(view.params.tempo + 1));
        }
        if input.key_pressed(egui::Key::N) {
            out.commands.write(SimCommand::NextCaption);
        }
        if input.key_pressed(egui::Key::R) {
            out.commands.write(SimCommand::Reset);
        }
        if input.key_pressed(egui::Key::L) {
            presentation.large_font = !presentation.large_font;
        }
        if input.key_pressed(egui::Key::D) {
            presentation.dark = !presentation.dark;
        }
        if input.key_pressed(egui::Key::F) {
            presentation.fullscreen = !presentation.fullscreen;
        }
        if input.key_pressed(egui::Key::F5) {
            presentation.present = !presentation.present;
        }
        if input.key_pressed(egui::Key::Escape) {
            // One step back at a time: help, enlarged chart, focus, presentation mode.
            if presentation.help {
                presentation.help = false;
            } else if presentation.enlarged.is_some() {
                presentation.enlarged = None;
            } else if presentation.focus.is_some() {
                presentation.focus = None;
            } else {
                presentation.present = false;
            }
        }
        if input.key_pressed(egui::Key::Questionmark) || input.key_pressed(egui::Key::H) || input.key_pressed(egui::Key::F1) {
            presentation.help = !presentation.help;
        }
        if input.key_pressed(egui::Key::P) || input.key_pressed(egui::Key::F12) {
            out.screenshots.write(TakeScreenshot);
        }
    });
}

/// The scenario's latest caption, wrapped, large enough for the back of a room (larger
/// still in presentation mode, and sized to the frame when recorded). Above it, one line
/// that is always there (so that nothing below moves when it changes): which caption, and
/// what playback is doing (how to start, a run in progress, why it stopped).
fn caption(ui: &mut Ui, view: &SimView, presentation: &Presentation, playback: &Playback) {
    let block = view.chain.block;
    // A caption shows once its block has run (block 0's from the start).
    let current = super::record::plan::current_caption(&view.info.captions, block).map(|i| (i, &view.info.captions[i]));
    let height = ui.ctx().content_rect().height();
    // The caption's size follows the frame's height, so that a long caption takes about the
    // same part of a 640x360 GIF as of a 1080p video (a fifth, at most about a quarter).
    let size = if presentation.present || presentation.recording { (height * 0.04).clamp(12.0, 30.0) } else { (height * 0.034).clamp(14.0, 20.0) };
    let label = current.map(|(i, c)| {
        // The chain's block numbers, as the counter shows them (imported scenarios start
        // at a real block).
        let at = readable::thousands((c.block + view.chain.start_block) as f64, 0);
        format!("caption {} of {}, block {at}", i + 1, view.info.captions.len())
    });
    let status = if presentation.recording { None } else { status_line(view, playback) };
    if label.is_some() || !presentation.recording {
        ui.horizontal(|ui| {
            ui.label(RichText::new(label.unwrap_or_default()).size((size * 0.6).max(11.0)).weak());
            if let Some((text, colour)) = status {
                ui.label(RichText::new(text).size((size * 0.6).max(12.0)).strong().color(colour));
            }
        });
    }
    match current {
        Some((i, c)) => {
            let text = view.claims.text(i).unwrap_or(&c.text);
            ui.add(egui::Label::new(RichText::new(text).size(size).strong()).wrap());
            let false_claims = view.claims.claims.iter().zip(&view.claims.verdicts).filter(|(claim, v)| claim.block == c.block && v.as_ref().is_some_and(|v| !v.ok)).count();
            if false_claims > 0 {
                ui.label(RichText::new(format!("⚠ {false_claims} claim(s) of this caption do not hold in this run (dtao-sim verify says which)")).size(size * 0.55).color(egui::Color32::from_rgb(213, 94, 0)));
            }
        }
        None => {
            ui.add(egui::Label::new(RichText::new(&view.info.title).size(size).strong()).wrap());
        }
    }
}

/// What playback is doing, for the line above the caption: how to start at block 0, a run
/// in progress, or why playing stopped.
fn status_line(view: &SimView, playback: &Playback) -> Option<(String, egui::Color32)> {
    let amber = egui::Color32::from_rgb(230, 159, 0);
    if let Some(target) = playback.target {
        let progress = target.progress(view.chain.block) * 100.0;
        return Some((format!("⏩ running to block {}: {progress:.0}%", readable::thousands((target.to + view.chain.start_block) as f64, 0)), amber));
    }
    if let Some(why) = &playback.stopped {
        return Some((format!("⏸ {why}"), amber));
    }
    (view.chain.block == 0 && !playback.playing).then(|| ("Press Space (or ▶ Play) to start · N: next caption · ?: keys".to_string(), amber))
}
