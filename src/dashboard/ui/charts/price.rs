//! The alpha price of each subnet (and its moving price under EMA rules).

use super::axes::{YFmt, time_plot, y_range, min_span};
use super::cache::PlotCache;
use super::input::{ChartInput, drawn_subnets};
use super::lines::{other_points, other_line, subnet_line, caption_markers};
use crate::dashboard::theme::{dimmed, Presentation, OTHERS};
use bevy_egui::egui::Ui;
use egui_plot::{Line, LineStyle, PlotPoints};

pub(super) fn price_chart(ui: &mut Ui, input: &ChartInput, presentation: &Presentation, cache: &mut PlotCache, height: f32) -> egui_plot::PlotResponse<()> {
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
    let plot = min_span(time_plot("price", height, YFmt::Price { log }, input.block, input.start_block), range, 0.05, log);
    let marker = ui.visuals().weak_text_color();
    plot.show(ui, |plot_ui| {
        caption_markers(plot_ui, input.captions, input.block, marker, presentation.line_width(1.5));
        for (netuid, price, ema) in lines {
            let line = subnet_line(netuid, price, input, presentation);
            if let Some(ema) = ema {
                let mut colour = input.colours.colour(netuid, presentation.dark).unwrap_or(OTHERS).gamma_multiply(0.6);
                if presentation.focus.is_some_and(|f| f != netuid) {
                    colour = dimmed(colour, presentation.dark);
                }
                plot_ui.line(Line::new("", PlotPoints::from(ema)).color(colour).style(LineStyle::dotted_loose()).width(presentation.line_width(1.5)).allow_hover(false));
            }
            plot_ui.line(line);
        }
        for (i, netuid, points) in others {
            other_line(plot_ui, i, netuid, points, input, presentation);
        }
    })
}
