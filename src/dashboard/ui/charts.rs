//! The charts: prices, emission shares, pools, where alpha goes, and who is winning.

use super::{SimView, SubnetRow};
use crate::dashboard::history::{decimate, ChartHistory};

use crate::dashboard::theme::{series_style, HiddenSubnets, Presentation, PALETTE};
use bevy_egui::egui::{self, RichText, Ui};
use egui_plot::{Bar, BarChart, Corner, Legend, Line, LineStyle, Plot, PlotPoints};

/// Points drawn per line at most; the data itself is never cut.
const MAX_POINTS: usize = 500;

/// Decimated series from earlier frames. A series is decimated again only when it has grown
/// by 1%; until then the new raw points are appended to the cached ones, so a frame costs
/// the tail, not the whole history.
#[derive(bevy::prelude::Resource, Default)]
pub struct PlotCache {
    entries: std::collections::HashMap<(&'static str, u16), (usize, bool, Vec<[f64; 2]>)>,
}

impl PlotCache {
    pub fn points(&mut self, key: (&'static str, u16), xs: &[u32], ys: &[f32], log: bool) -> Vec<[f64; 2]> {
        let len = xs.len().min(ys.len());
        let fresh = match self.entries.get(&key) {
            Some((at, was_log, _)) => *was_log != log || len < *at || len - *at > len / 100 + 1,
            None => true,
        };
        if fresh {
            self.entries.insert(key, (len, log, decimate(xs, ys, MAX_POINTS, log)));
        }
        let (at, _, cached) = &self.entries[&key];
        let mut points = cached.clone();
        points.extend(decimate(&xs[*at..len], &ys[*at..len], usize::MAX, log));
        points
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

/// Shows a chart with the common settings. Its legend (click a name to hide that line)
/// appears while the pointer is over the chart, so that it never covers the data on a
/// projector; the table's colour swatches are the key otherwise. Charts without such a key
/// elsewhere (strategies) always show theirs.
fn show_plot<'a, R>(
    ui: &mut Ui,
    id: &str,
    always_legend: bool,
    height: f32,
    configure: impl FnOnce(Plot<'a>) -> Plot<'a>,
    build: impl FnOnce(&mut egui_plot::PlotUi<'a>) -> R + 'a,
) -> R {
    let memory = egui::Id::new(("legend shown", id));
    let hovered = ui.ctx().data(|d| d.get_temp::<bool>(memory)).unwrap_or(false);
    let mut plot = Plot::new(id.to_string()).height(height).x_axis_label("block").allow_scroll(false);
    if hovered || always_legend {
        plot = plot.legend(
            Legend::default()
                .position(Corner::LeftTop)
                .background_alpha(0.85)
                .text_style(egui::TextStyle::Small)
                .follow_insertion_order(true),
        );
    }
    let response = configure(plot).show(ui, build);
    let inside = response.response.contains_pointer();
    ui.ctx().data_mut(|d| d.insert_temp(memory, inside));
    response.inner
}

pub fn ui(ui: &mut Ui, view: &SimView, rows: &[SubnetRow], presentation: &mut Presentation, cache: &mut PlotCache, hidden: &HiddenSubnets) {
    let history = &view.history;
    if history.subnets.values().next().is_none_or(|s| s.blocks.is_empty()) {
        cache.clear();
    }
    ui.label(RichText::new("Hover a chart for its legend (click a name to hide it); the table shows each subnet's colour.").weak().small());
    let row_height = ((ui.available_height() - 3.0 * 40.0 - 20.0) / 3.0).max(150.0);
    ui.columns(2, |cols| {
        price_chart(&mut cols[0], history, view, presentation, cache, hidden, row_height);
        share_chart(&mut cols[1], history, presentation, cache, hidden, row_height);
    });
    ui.columns(2, |cols| {
        pool_chart(&mut cols[0], history, rows, cache, hidden, row_height);
        alpha_chart(&mut cols[1], history, rows, row_height);
    });
    holders_chart(ui, history, presentation, row_height);
}

fn title(ui: &mut Ui, text: &str, hint: &str) {
    ui.label(RichText::new(text).strong().size(15.0)).on_hover_text(hint);
}

#[allow(clippy::too_many_arguments)]
fn price_chart(
    ui: &mut Ui,
    history: &ChartHistory,
    view: &SimView,
    presentation: &mut Presentation,
    cache: &mut PlotCache,
    hidden: &HiddenSubnets,
    height: f32,
) {
    ui.horizontal(|ui| {
        title(ui, "Alpha price", "TAO per alpha = TAO reserve / alpha reserve; only trading moves it");
        ui.checkbox(&mut presentation.log_price, "log");
    });
    let log = presentation.log_price;
    let ema = view.params.share_rule.uses_moving_price();
    show_plot(ui, "price", false, height, |p| if log { p.y_axis_formatter(|mark, _| format!("{:.3}", 10f64.powf(mark.value))) } else { p }, |plot_ui| {
        for (i, (netuid, s)) in history.subnets.iter().enumerate().filter(|(_, (n, _))| !hidden.0.contains(n)) {
            let (color, style) = series_style(i);
            let name = format!("SN{netuid}");
            plot_ui.line(Line::new(name.clone(), PlotPoints::from(cache.points(("price", *netuid), &s.blocks, &s.price, log))).color(color).style(style).width(2.0));
            if ema {
                let points = cache.points(("ema", *netuid), &s.blocks, &s.moving_price, log);
                plot_ui.line(Line::new(name, PlotPoints::from(points)).color(color.gamma_multiply(0.6)).style(LineStyle::dotted_loose()).width(1.5));
            }
        }
    });
}

fn share_chart(ui: &mut Ui, history: &ChartHistory, presentation: &mut Presentation, cache: &mut PlotCache, hidden: &HiddenSubnets, height: f32) {
    ui.horizontal(|ui| {
        title(ui, "Emission share", "each subnet's share of every block's TAO (BIT001: in proportion to price)");
        ui.checkbox(&mut presentation.stacked_shares, "stacked");
    });
    let stacked = presentation.stacked_shares;
    show_plot(ui, "shares", false, height, |p| p.include_y(0.0).y_axis_formatter(|m, _| format!("{:.0}%", m.value * 100.0)), |plot_ui| {
        if !stacked {
            for (i, (netuid, s)) in history.subnets.iter().enumerate().filter(|(_, (n, _))| !hidden.0.contains(n)) {
                let (color, style) = series_style(i);
                let points = cache.points(("share", *netuid), &s.blocks, &s.share, false);
                plot_ui.line(Line::new(format!("SN{netuid}"), PlotPoints::from(points)).color(color).style(style).width(2.0));
            }
            return;
        }
        // Stacked: each band's top edge is the running sum of shares up to that subnet,
        // drawn top first and filled down to 0, so the top edge is 100%.
        for (i, (netuid, s)) in history.subnets.iter().enumerate().rev().filter(|(_, (n, _))| !hidden.0.contains(n)) {
            let (color, _) = series_style(i);
            let points = cache.points(("stacked", *netuid), &s.blocks, &s.stacked, false);
            plot_ui.line(Line::new(format!("SN{netuid}"), PlotPoints::from(points)).color(color).fill(0.0).fill_alpha(1.0).width(1.0));
        }
    });
}

fn pool_chart(ui: &mut Ui, history: &ChartHistory, rows: &[SubnetRow], cache: &mut PlotCache, hidden: &HiddenSubnets, height: f32) {
    title(ui, "Pools", "left: TAO reserve (deeper pools move less per trade); right: alpha in the pool against alpha outstanding");
    ui.columns(2, |cols| {
        show_plot(&mut cols[0], "depth", false, height, |p| p.include_y(0.0), |plot_ui| {
            for (i, (netuid, s)) in history.subnets.iter().enumerate().filter(|(_, (n, _))| !hidden.0.contains(n)) {
                let (color, style) = series_style(i);
                let points = cache.points(("depth", *netuid), &s.blocks, &s.tao_reserve, false);
                plot_ui.line(Line::new(format!("SN{netuid}"), PlotPoints::from(points)).color(color).style(style).width(2.0));
            }
        });
        let in_pool: Vec<Bar> = rows.iter().map(|r| Bar::new(r.netuid as f64 - 0.2, r.alpha_reserve as f64 / 1e9).width(0.4).name(format!("SN{} in pool", r.netuid))).collect();
        let outside: Vec<Bar> = rows.iter().map(|r| Bar::new(r.netuid as f64 + 0.2, r.alpha_outstanding.max(0) as f64 / 1e9).width(0.4).name(format!("SN{} outstanding", r.netuid))).collect();
        Plot::new("alpha_split_pool")
            .height(height)
            .legend(Legend::default().position(Corner::LeftTop))
            .x_axis_label("netuid")
            .allow_scroll(false)
            .show(&mut cols[1], |plot_ui| {
                plot_ui.bar_chart(BarChart::new("alpha in pool", in_pool).color(PALETTE[0]));
                plot_ui.bar_chart(BarChart::new("alpha outstanding", outside).color(PALETTE[1]));
            });
    });
}

fn alpha_chart(ui: &mut Ui, history: &ChartHistory, rows: &[SubnetRow], height: f32) {
    title(ui, "Alpha emission", "left: where the last block's alpha went (owner 18%, miners 41%, validators 41%, of which the root share is sold for TAO); right: the root proportion of each subnet");
    ui.columns(2, |cols| {
        let s = history.split;
        let parts = [("owner", s.owner, PALETTE[3]), ("miners", s.miners, PALETTE[2]), ("validators", s.validators, PALETTE[0]), ("root (sold)", s.root, PALETTE[1])];
        Plot::new("split").height(height).legend(Legend::default().position(Corner::RightTop)).allow_scroll(false).allow_drag(false).show_x(false).show(&mut cols[0], |plot_ui| {
            for (i, (name, value, color)) in parts.into_iter().enumerate() {
                plot_ui.bar_chart(BarChart::new(name, vec![Bar::new(i as f64, value).width(0.7).name(name)]).color(color));
            }
        });
        let bars: Vec<Bar> = rows.iter().map(|r| Bar::new(r.netuid as f64, r.root_prop).width(0.7).name(format!("SN{}", r.netuid))).collect();
        Plot::new("root_prop")
            .height(height)
            .include_y(0.0)
            .include_y(1.0)
            .x_axis_label("netuid")
            .allow_scroll(false)
            .show(&mut cols[1], |plot_ui| plot_ui.bar_chart(BarChart::new("root proportion", bars).color(PALETTE[4])));
    });
}

fn holders_chart(ui: &mut Ui, history: &ChartHistory, presentation: &mut Presentation, height: f32) {
    ui.horizontal(|ui| {
        title(
            ui,
            "Who is winning: value by strategy",
            "free TAO + root stake + alpha at pool price, summed over each strategy's holders",
        );
        ui.checkbox(&mut presentation.relative_values, "% of start");
    });
    let relative = presentation.relative_values;
    let unit = if relative { "%" } else { " TAO" };
    show_plot(ui, "holders", true, height, |p| p.y_axis_formatter(move |m, _| format!("{:.0}{unit}", m.value)), |plot_ui| {
        for (i, (strategy, points)) in history.strategies.iter().enumerate() {
            let (color, style) = series_style(i);
            let stride = points.len().div_ceil(MAX_POINTS).max(1);
            let scale = if relative { 100.0 / points.first().map_or(1.0, |p| p[1]).max(1e-9) } else { 1.0 };
            let pts: Vec<[f64; 2]> = points.iter().step_by(stride).map(|p| [p[0], p[1] * scale]).collect();
            plot_ui.line(Line::new(strategy.to_string(), PlotPoints::from(pts)).color(color).style(style).width(2.0));
        }
    });
}
