//! The panels. Each is a small state struct or function drawing one part of the window;
//! [`draw`] lays them out. Controls live apart from charts.

pub mod charts;
pub mod controls;
pub mod params;
pub mod table;
pub mod trade;

use super::history::ChartHistory;
use super::playback::{OutgoingOrders, Playback, SimCommand};
use super::screenshot::TakeScreenshot;
use super::session::{Participants, Session};
use super::theme::Presentation;
use crate::economy::Params;
use crate::scenario::spawn::ScenarioInfo;
use crate::transactions::TxLog;
use crate::world::{BlockFlow, Chain, History, Ledger, MovingPrice, Pool, Subnet, SubnetTotals, Wallet};
use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy::window::{MonitorSelection, WindowMode};
use bevy_egui::egui::{self, LayerId, Ui, UiBuilder};
use bevy_egui::{EguiContexts, EguiPrimaryContextPass};

/// Frame timing, shown in the top bar and printed by `gui --screenshot`.
#[derive(Resource, Clone, Copy, Debug, Default)]
pub struct FrameStats {
    /// Smoothed time between frames, in ms.
    pub frame_ms: f64,
    /// Smoothed time spent building the panels, in ms.
    pub ui_ms: f64,
    pub frames: u64,
}

impl FrameStats {
    fn update(&mut self, frame_s: f64, ui_s: f64) {
        let a = if self.frames < 5 { 1.0 } else { 0.1 };
        self.frame_ms += a * (frame_s * 1e3 - self.frame_ms);
        self.ui_ms += a * (ui_s * 1e3 - self.ui_ms);
        self.frames += 1;
    }
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Presentation>()
        .init_resource::<FrameStats>()
        .init_resource::<controls::ControlsState>()
        .init_resource::<table::TableState>()
        .init_resource::<trade::TradeState>()
        .init_resource::<charts::PlotCache>()
        .init_resource::<super::theme::HiddenSubnets>()
        .add_systems(EguiPrimaryContextPass, draw);
}

/// One subnet as the panels show it.
#[derive(Clone, Debug)]
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
}

impl SubnetRow {
    /// Price times all alpha in existence, in TAO.
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
    pub log: Res<'w, TxLog>,
    pub ledger: Res<'w, Ledger>,
    pub history: Res<'w, ChartHistory>,
    pub participants: Res<'w, Participants>,
    pub directory: Res<'w, crate::world::Directory>,
    subnets: Query<'w, 's, (&'static Subnet, &'static Pool, &'static MovingPrice, &'static BlockFlow, &'static SubnetTotals, &'static History)>,
    wallets: Query<'w, 's, &'static Wallet>,
}

impl SimView<'_, '_> {
    pub fn rows(&self) -> Vec<SubnetRow> {
        let day = 7_200;
        let mut rows: Vec<SubnetRow> = self
            .subnets
            .iter()
            .map(|(s, pool, ema, flow, totals, history)| {
                let ago = history.ago(day);
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

#[allow(clippy::too_many_arguments)]
fn draw(
    mut contexts: EguiContexts,
    mut presentation: ResMut<Presentation>,
    mut controls: ResMut<controls::ControlsState>,
    mut table: ResMut<table::TableState>,
    mut trade: ResMut<trade::TradeState>,
    playback: Res<Playback>,
    session: Res<Session>,
    view: SimView,
    mut out: Outbox,
    mut windows: Query<&mut Window>,
    mut cache: ResMut<charts::PlotCache>,
    mut hidden: ResMut<super::theme::HiddenSubnets>,
    (time, mut stats): (Res<Time<Real>>, ResMut<FrameStats>),
) -> Result {
    let started = std::time::Instant::now();
    let ctx = contexts.ctx_mut()?.clone();
    presentation.apply(&ctx);
    hotkeys(&ctx, &mut presentation, &view, &mut out);
    if let Ok(mut window) = windows.single_mut() {
        let wanted = if presentation.fullscreen { WindowMode::BorderlessFullscreen(MonitorSelection::Current) } else { WindowMode::Windowed };
        if window.mode != wanted {
            window.mode = wanted;
        }
    }
    let rows = view.rows();
    let mut root = Ui::new(ctx.clone(), "root".into(), UiBuilder::new().layer_id(LayerId::background()).max_rect(ctx.viewport_rect()));

    egui::Panel::top("controls").show(&mut root, |ui| {
        controls.ui(ui, &mut presentation, &playback, &session, &view, &mut out, &stats);
    });
    egui::Panel::top("caption").show(&mut root, |ui| caption(ui, &view, &presentation));
    if presentation.show_left {
        egui::Panel::left("scenario").resizable(true).default_size(300.0).show(&mut root, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| params::ui(ui, &view, &session, &mut out));
        });
    }
    if presentation.show_right {
        egui::Panel::right("trade").resizable(true).default_size(300.0).show(&mut root, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| trade.ui(ui, &view, &rows, &mut out));
        });
    }
    if presentation.show_table {
        egui::Panel::bottom("table").resizable(true).default_size(210.0).show(&mut root, |ui| table.ui(ui, &rows, &view, &mut hidden));
    }
    egui::CentralPanel::default().show(&mut root, |ui| {
        // When the window is too small for the charts (large text, small screen) they scroll
        // rather than overlap.
        egui::ScrollArea::vertical().auto_shrink(false).show(ui, |ui| charts::ui(ui, &view, &rows, &mut presentation, &mut cache, &hidden));
    });
    stats.update(time.delta_secs_f64(), started.elapsed().as_secs_f64());
    Ok(())
}

/// Space: play/pause; right arrow: one block; T: one tempo; L: large font; D: theme;
/// F: full screen; P (or F12): screenshot. Ignored while a text field has the keyboard.
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
        if input.key_pressed(egui::Key::L) {
            presentation.large_font = !presentation.large_font;
        }
        if input.key_pressed(egui::Key::D) {
            presentation.dark = !presentation.dark;
        }
        if input.key_pressed(egui::Key::F) {
            presentation.fullscreen = !presentation.fullscreen;
        }
        if input.key_pressed(egui::Key::P) || input.key_pressed(egui::Key::F12) {
            out.screenshots.write(TakeScreenshot);
        }
    });
}

/// The scenario's latest caption, large enough for the back of a room.
fn caption(ui: &mut Ui, view: &SimView, presentation: &Presentation) {
    let block = view.chain.block;
    let current = view.info.captions.iter().rev().find(|c| c.block < block || c.block == 0);
    let size = if presentation.large_font { 22.0 } else { 20.0 };
    ui.horizontal(|ui| {
        match current {
            Some(c) => {
                ui.label(egui::RichText::new(format!("block {}", c.block)).size(size * 0.7).weak());
                ui.label(egui::RichText::new(&c.text).size(size).strong());
            }
            None => {
                ui.label(egui::RichText::new(&view.info.title).size(size).strong());
            }
        }
    });
}
