//! mainnet-2026-08: TAO spent on chain buys per block, per subnet and in all.

use super::axes::{YFmt, time_plot, y_range};
use super::cache::PlotCache;
use super::input::{ChartInput, drawn_subnets};
use super::lines::{subnet_line, caption_markers, ui_you_colour};
use crate::dashboard::theme::Presentation;
use bevy_egui::egui::Ui;
use egui_plot::{Line, PlotPoints};

/// Chain buys: TAO per block, all subnets together (thick) and each drawn subnet.
pub(super) fn chain_buys_chart(ui: &mut Ui, input: &ChartInput, presentation: &Presentation, cache: &mut PlotCache, height: f32) -> egui_plot::PlotResponse<()> {
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
    let plot = time_plot("chain_buys", height, YFmt::Tao, input.block, input.start_block).include_y(0.0).include_y((max * 1.1).max(1e-3));
    plot.show(ui, |plot_ui| {
        caption_markers(plot_ui, input.captions, input.block, marker, presentation.line_width(1.5));
        for (netuid, points) in lines {
            plot_ui.line(subnet_line(netuid, points, input, presentation));
        }
        plot_ui.line(Line::new("all subnets", PlotPoints::from(total)).color(ui_you_colour(presentation.dark)).width(presentation.line_width(3.0)));
    })
}
