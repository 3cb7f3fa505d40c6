//! Alpha injected into pools against alpha emitted to holders, per block.

use super::axes::{YFmt, time_plot, y_range};
use super::cache::PlotCache;
use super::input::ChartInput;
use super::lines::caption_markers;
use crate::dashboard::theme::{palette, Presentation};
use bevy_egui::egui::{self, Ui};
use egui_plot::{Corner, Legend, Line, LineStyle, PlotPoints};

pub(super) fn alpha_flow_chart(ui: &mut Ui, input: &ChartInput, presentation: &Presentation, cache: &mut PlotCache, height: f32) -> egui_plot::PlotResponse<()> {
    let c = &input.history.chain;
    let injected = cache.points(("alpha_in", 0), &c.blocks, &c.alpha_in, false);
    let emitted = cache.points(("alpha_out", 0), &c.blocks, &c.alpha_out, false);
    let max = y_range([&injected, &emitted]).map_or(1.0, |r| r.1);
    let marker = ui.visuals().weak_text_color();
    let plot = time_plot("alpha_flow", height, YFmt::Alpha, input.block, input.start_block)
        .include_y(0.0)
        .include_y(max * 1.1)
        .legend(Legend::default().position(Corner::LeftBottom).background_alpha(0.85).text_style(egui::TextStyle::Small));
    plot.show(ui, |plot_ui| {
        caption_markers(plot_ui, input.captions, input.block, marker, presentation.line_width(1.5));
        plot_ui.line(Line::new("injected into pools", PlotPoints::from(injected)).color(palette(0, true)).width(presentation.line_width(2.0)));
        plot_ui.line(Line::new("emitted to holders", PlotPoints::from(emitted)).color(palette(1, true)).width(presentation.line_width(2.0)).style(LineStyle::dashed_loose()));
    })
}
