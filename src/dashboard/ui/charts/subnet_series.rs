//! One series per subnet on a time axis: pool depth, root proportion.

use super::axes::{YFmt, time_plot, y_range, min_span};
use super::cache::PlotCache;
use super::input::{ChartInput, drawn_subnets};
use super::lines::{other_points, draw_lines, caption_markers};
use crate::dashboard::theme::Presentation;
use bevy_egui::egui::Ui;

/// A line per subnet of one series (pool depth, root proportion).
#[allow(clippy::too_many_arguments)]
pub(super) fn subnet_series_chart(
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
    let mut plot = min_span(time_plot(id, height, y, input.block, input.start_block), range, fraction, false);
    if from_zero {
        plot = plot.include_y(0.0);
    }
    if matches!(y, YFmt::Percent) {
        plot = plot.include_y(range.map_or(1.0, |r| r.1.max(0.01)));
    }
    let marker = ui.visuals().weak_text_color();
    plot.show(ui, |plot_ui| {
        caption_markers(plot_ui, input.captions, input.block, marker, presentation.line_width(1.5));
        draw_lines(plot_ui, input, presentation, lines, others);
    })
}
