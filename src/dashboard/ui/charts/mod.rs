//! The charts: prices, emission shares, pools, where alpha goes, root proportion, TAO per
//! block, alpha injected against emitted, who is winning, and (mainnet-2026-08) chain buys.
//!
//! Every time chart has the same honest axes ([`axes`]): 4 to 8 labelled ticks on each
//! axis, time in blocks and days, a y range that never magnifies a small move into a crash
//! (each chart has a minimum span), values on hover, and the scenario's captions as markers
//! on the time axis (click one to go there). With many subnets only the top ones by share
//! get a colour of their own; the rest are summed as "others" ([`lines`]).
//!
//! [`catalogue`] is the chart table (one entry per chart: texts, controls, drawing); this
//! file lays the charts out; each chart draws in a file of its own.

pub mod alpha_flow;
pub mod alpha_split;
pub mod axes;
pub mod cache;
pub mod catalogue;
pub mod chain_buys;
pub mod emission;
pub mod holders;
pub mod input;
pub mod key;
pub mod lines;
pub mod price;
pub mod shares;
pub mod subnet_series;

pub use axes::nice_step;
pub use cache::PlotCache;
pub use catalogue::{available, chart as entry, Chart};
pub use crate::scenario::ChartKind;
pub use input::ChartInput;
pub use lines::world_style;

use crate::dashboard::theme::Presentation;
use bevy_egui::egui::{self, Id, RichText, Ui};

/// What a click in the charts asks for.
#[derive(Default, Debug)]
pub struct ChartActions {
    /// Go to this block (a caption marker was clicked).
    pub run_to: Option<u64>,
    /// Change the focused subnet.
    pub focus: Option<Option<u16>>,
}

/// The chart picker and the charts shown, in one or two columns filling the space.
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
    let charts: Vec<ChartKind> = charts.into_iter().filter(|k| catalogue::available(*k, input)).collect();
    if charts.is_empty() {
        ui.label("No chart selected: pick one above.");
        return actions;
    }
    // The key, once for every chart and never over data: which style is which world,
    // which colour which subnet (readable on a projector and in a video).
    if let Some(netuid) = key::key(ui, input, presentation) {
        actions.focus = Some(Some(netuid));
    }
    let width = ui.available_width();
    // A small recorded frame keeps two columns: four charts in one would each be a sliver.
    let columns = if charts.len() == 1 || width < if presentation.small_frame { 480.0 } else { 700.0 } { 1 } else { 2 };
    let rows = charts.len().div_ceil(columns);
    let title_height = 28.0;
    // Low enough that two rows of charts fit a 720-pixel projector in large text.
    let min_height = if presentation.small_frame { 60.0 } else if presentation.present { 120.0 } else { 110.0 };
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
        for kind in ChartKind::ALL.into_iter().filter(|k| catalogue::available(*k, input)) {
            let mut on = presentation.charts.contains(&kind);
            if ui.toggle_value(&mut on, catalogue::chart(kind).short).on_hover_text(catalogue::chart(kind).hint).changed() {
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
    let entry = catalogue::chart(kind);
    ui.horizontal(|ui| {
        let size = if presentation.present { (ui.ctx().content_rect().height() * 0.035).clamp(12.0, 20.0) } else { 15.0 };
        let enlarged = presentation.enlarged == Some(kind);
        let title = ui
            .add(egui::Label::new(RichText::new(entry.title).strong().size(size)).sense(egui::Sense::click()))
            .on_hover_text(format!("{}\n\nclick to {}", entry.hint, if enlarged { "show all charts again" } else { "enlarge" }));
        if title.clicked() {
            presentation.enlarged = if enlarged { None } else { Some(kind) };
        }
        if !input.others.is_empty() && !entry.all_worlds {
            // Compare mode: this chart is of one world only; say which.
            ui.label(RichText::new(format!("· {} only", input.own)).strong().size(size * 0.85)).on_hover_text("compare mode: this chart shows the window's own world; the others are in the charts drawn with dashes and dots");
        }
        // A recording's viewers cannot click: no controls in its frames.
        if !presentation.recording {
            (entry.controls)(ui, input, presentation);
        }
    });
    if input.block == 0 {
        ui.allocate_ui(egui::vec2(ui.available_width(), height), |ui| {
            ui.centered_and_justified(|ui| ui.label(RichText::new("no blocks yet: press Space or ▶ Play").weak().size(16.0)));
        });
        return;
    }
    let Some(response) = (entry.draw)(ui, input, presentation, cache, height) else { return };
    handle_clicks(ui, response, input, actions);
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
