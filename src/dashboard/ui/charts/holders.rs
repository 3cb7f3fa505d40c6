//! Who is winning: each strategy's total value, and You.

use super::axes::{YFmt, time_plot, y_range, min_span};
use super::cache::MAX_POINTS;
use super::input::ChartInput;
use super::key::series_key;
use super::lines::{caption_markers, ui_you_colour};
use crate::dashboard::theme::{strategy_style, Presentation};
use bevy_egui::egui::Ui;
use egui_plot::{Line, LineStyle, PlotPoints};

pub(super) fn holders_chart(ui: &mut Ui, input: &ChartInput, presentation: &Presentation, height: f32) -> egui_plot::PlotResponse<()> {
    let relative = presentation.relative_values;
    let exit = presentation.exit_values;
    let value = |p: &crate::dashboard::history::ValuePoint| if exit { p.exit } else { p.spot };
    let lines: Vec<(String, Vec<[f64; 2]>)> = input
        .history
        .strategies
        .iter()
        .map(|(strategy, points)| {
            let stride = points.len().div_ceil(MAX_POINTS).max(1);
            // Relative to the first value above zero: a line that starts from nothing has
            // no percentage to show until it holds something.
            let base = points.iter().map(value).find(|v| *v > 1e-6);
            let scale = if relative { base.map_or(f64::NAN, |b| 100.0 / b) } else { 1.0 };
            // The values now (the samples are every 100 blocks), so that the line ends where
            // the You panel's figures are.
            let live = input.history.live.get(strategy).filter(|l| points.last().is_none_or(|p| p.block < l.block));
            let line: Vec<[f64; 2]> =
                points.iter().step_by(stride).chain(points.last()).chain(live).map(|p| [p.block, value(p) * scale]).filter(|p| p[1].is_finite()).collect();
            (strategy.to_string(), line)
        })
        .filter(|(_, line)| !line.is_empty())
        .collect();
    // Strategies in shades of the text colour with a dash each, never a subnet's colour;
    // named above the chart, not in a legend over it.
    let styles: Vec<(egui_plot::LineStyle, bevy_egui::egui::Color32, f32)> = lines
        .iter()
        .enumerate()
        .map(|(i, (strategy, _))| {
            if strategy == crate::dashboard::session::YOU {
                (LineStyle::Solid, ui_you_colour(presentation.dark), 3.5)
            } else {
                let (colour, style) = strategy_style(i, presentation.dark);
                (style, colour, 2.0)
            }
        })
        .collect();
    let entries: Vec<(super::key::Look, bevy_egui::egui::Color32, &str)> =
        lines.iter().zip(&styles).map(|((name, _), (style, colour, width))| (super::key::Look { line: *style, width_factor: width / 2.0, markers: false }, *colour, name.as_str())).collect();
    let used = series_key(ui, &entries, presentation);
    let height = (height - used).max(60.0);
    let y = if relative { YFmt::PercentOfStart } else { YFmt::Tao };
    let range = y_range(lines.iter().map(|l| &l.1));
    let plot = if relative { time_plot("holders", height, y, input.block, input.start_block).include_y(95.0).include_y(105.0) } else { min_span(time_plot("holders", height, y, input.block, input.start_block), range, 0.05, false) };
    let marker = ui.visuals().weak_text_color();
    plot.show(ui, |plot_ui| {
        caption_markers(plot_ui, input.captions, input.block, marker, presentation.line_width(1.5));
        for ((strategy, points), (style, colour, width)) in lines.into_iter().zip(styles) {
            plot_ui.line(Line::new(strategy, PlotPoints::from(points)).color(colour).style(style).width(presentation.line_width(width)));
        }
    })
}
