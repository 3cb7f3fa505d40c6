//! Alpha injected into pools against alpha emitted to holders, per block.

use super::axes::{YFmt, time_plot, y_range};
use super::cache::PlotCache;
use super::input::ChartInput;
use super::key::series_key;
use super::lines::{caption_markers, world_line, WorldStyle};
use crate::dashboard::theme::{ink, Presentation};
use bevy_egui::egui::Ui;

pub(super) fn alpha_flow_chart(ui: &mut Ui, input: &ChartInput, presentation: &Presentation, cache: &mut PlotCache, height: f32) -> egui_plot::PlotResponse<()> {
    let c = &input.history.chain;
    let injected = cache.points(("alpha_in", 0), &c.blocks, &c.alpha_in, false);
    let emitted = cache.points(("alpha_out", 0), &c.blocks, &c.alpha_out, false);
    let max = y_range([&injected, &emitted]).map_or(1.0, |r| r.1);
    let marker = ui.visuals().weak_text_color();
    // Chain totals, not subnets: the text colour, told apart by their dash, named above the
    // chart rather than in a legend over it.
    let colour = ink(presentation.dark);
    let used = series_key(ui, &[(WorldStyle::Solid.into(), colour, "injected into pools"), (WorldStyle::LongDash.into(), colour, "emitted to holders")], presentation);
    let plot = time_plot("alpha_flow", (height - used).max(60.0), YFmt::Alpha, input.block, input.start_block).include_y(0.0).include_y(max * 1.1);
    plot.show(ui, |plot_ui| {
        caption_markers(plot_ui, input.captions, input.block, marker, presentation.line_width(1.5));
        world_line(plot_ui, WorldStyle::Solid, "injected into pools".into(), injected, colour, presentation.line_width(2.0));
        world_line(plot_ui, WorldStyle::LongDash, "emitted to holders".into(), emitted, colour, presentation.line_width(2.0));
    })
}
