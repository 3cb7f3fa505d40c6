//! Who is winning: each strategy's total value, and You.

use super::axes::{YFmt, time_plot, y_range, min_span};
use super::cache::MAX_POINTS;
use super::input::ChartInput;
use super::lines::{caption_markers, ui_you_colour};
use crate::dashboard::theme::{series_style, Presentation};
use bevy_egui::egui::{self, Ui};
use egui_plot::{Corner, Legend, Line, PlotPoints};

pub(super) fn holders_chart(ui: &mut Ui, input: &ChartInput, presentation: &Presentation, height: f32) -> egui_plot::PlotResponse<()> {
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
    let plot = if relative { time_plot("holders", height, y, input.block, input.start_block).include_y(95.0).include_y(105.0) } else { min_span(time_plot("holders", height, y, input.block, input.start_block), range, 0.05, false) };
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
