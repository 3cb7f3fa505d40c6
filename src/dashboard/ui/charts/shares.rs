//! Emission shares: one line per subnet, or stacked bands; the gate bar under
//! mainnet-2026-08.

use super::axes::{fmt_block, fmt_hover, time_plot, y_range, YFmt};
use super::cache::{MAX_POINTS, PlotCache};
use super::input::{ChartInput, drawn_subnets};
use super::lines::{other_points, draw_lines, caption_markers};
use crate::dashboard::theme::{dimmed, others_fill, Presentation};
use bevy_egui::egui::{self, Color32, Id, RichText, Ui};
use egui_plot::{HoverPosition, Line, LineStyle, PlotPoint, PlotPoints, Text};

/// One band of the stacked chart: its subnet (`None`: others), its top edge (the running
/// sum) and, at the same blocks, its own share, which hovering reads.
pub(super) type Band = (Option<u16>, Vec<[f64; 2]>, Vec<f64>);

/// Stacked bands of the top subnets' shares over "others", computed from the raw share
/// series at a common stride (subnets registered later are aligned on their blocks).
pub(super) fn stacked_bands(input: &ChartInput) -> Vec<Band> {
    let history = input.history;
    let Some(longest) = history.subnets.values().max_by_key(|s| s.blocks.len()) else { return Vec::new() };
    let len = longest.blocks.len();
    if len == 0 {
        return Vec::new();
    }
    let stride = len.div_ceil(MAX_POINTS).max(1);
    let mut indices: Vec<usize> = (0..len).step_by(stride).collect();
    if indices.last() != Some(&(len - 1)) {
        indices.push(len - 1);
    }
    let top: Vec<u16> = input.colours.top.iter().copied().filter(|n| !input.hidden.0.contains(n)).collect();
    // Each series aligned on the longest: a subnet registered later has no share before.
    fn aligned(s: &crate::dashboard::history::SubnetSeries, len: usize) -> (usize, &[f32]) {
        let n = s.share.len().min(len);
        (len - n, &s.share[..n])
    }
    let share_at = |(offset, share): (usize, &[f32]), i: usize| -> f64 { if i < offset { 0.0 } else { share[i - offset] as f64 } };
    let mut bands = Vec::with_capacity(top.len() + 1);
    let mut cumulative = vec![0f64; indices.len()];
    let others: Vec<(usize, &[f32])> = history.subnets.iter().filter(|(n, _)| !top.contains(n) && !input.hidden.0.contains(n)).map(|(_, s)| aligned(s, len)).collect();
    if !others.is_empty() {
        let mut own = vec![0f64; indices.len()];
        for s in &others {
            for (k, i) in indices.iter().enumerate() {
                own[k] += share_at(*s, *i);
            }
        }
        for (c, o) in cumulative.iter_mut().zip(&own) {
            *c += o;
        }
        bands.push((None, indices.iter().zip(&cumulative).map(|(i, c)| [longest.blocks[*i] as f64, *c]).collect(), own));
    }
    for netuid in top.iter().rev() {
        let Some(series) = history.subnets.get(netuid) else { continue };
        let s = aligned(series, len);
        let own: Vec<f64> = indices.iter().map(|i| share_at(s, *i)).collect();
        for (c, o) in cumulative.iter_mut().zip(&own) {
            *c += o;
        }
        bands.push((Some(*netuid), indices.iter().zip(&cumulative).map(|(i, c)| [longest.blocks[*i] as f64, *c]).collect(), own));
    }
    bands
}

pub(super) fn share_chart(ui: &mut Ui, input: &ChartInput, presentation: &Presentation, cache: &mut PlotCache, height: f32) -> egui_plot::PlotResponse<()> {
    // Stacked bands of several worlds would hide each other: compare mode draws lines.
    let stacked = presentation.stacked_shares && input.others.is_empty();
    let plot = time_plot("shares", height, YFmt::Percent, input.block, input.start_block).include_y(0.0);
    let marker = ui.visuals().weak_text_color();
    if stacked {
        let bands = stacked_bands(input);
        // Exactly 0 to 100%: the bands fill it, and a margin above would read as "105%".
        let plot = plot.default_y_bounds(0.0, 1.0).label_formatter(own_share_on_hover(&bands, input.start_block));
        return plot.show(ui, |plot_ui| {
            // Each band's top edge is the running sum up to it, drawn top first and filled
            // down to 0, so the top edge is 100%.
            for (netuid, points, _) in bands.into_iter().rev() {
                // Every band but the focused one fades, "others" too, as lines do elsewhere.
                let colour = netuid.and_then(|n| input.colours.colour(n, presentation.dark)).unwrap_or(others_fill(presentation.dark));
                let colour = if presentation.focus.is_some() && presentation.focus != netuid { dimmed(colour, presentation.dark) } else { colour };
                let line = match netuid {
                    Some(n) => Line::new(format!("SN{n}"), PlotPoints::from(points)).color(colour).id(Id::new(("sn", n))),
                    None => Line::new("others", PlotPoints::from(points)).color(colour),
                };
                plot_ui.line(line.fill(0.0).fill_alpha(1.0).width(presentation.line_width(1.0)));
            }
            caption_markers(plot_ui, input.captions, input.block, marker, presentation.line_width(1.5));
        });
    }
    let lines: Vec<(u16, Vec<[f64; 2]>)> = drawn_subnets(input)
        .into_iter()
        .map(|n| {
            let s = &input.history.subnets[&n];
            (n, cache.points(("share", n), &s.blocks, &s.share, false))
        })
        .collect();
    // The gate bar over time (it moves with the 32nd-largest share each block).
    let gate = input.gate_bar.map(|theta| (theta, cache.points(("gate_bar", 0), &input.history.chain.blocks, &input.history.chain.gate_bar, false)));
    let others = other_points(input, |s| &s.share, false);
    let max = y_range(lines.iter().map(|l| &l.1).chain(others.iter().map(|o| &o.2)).chain(gate.as_ref().map(|g| &g.1))).map_or(0.1, |r| r.1);
    let plot = plot.include_y(max.max(0.01));
    let colour = gate_colour(presentation.dark);
    plot.show(ui, |plot_ui| {
        caption_markers(plot_ui, input.captions, input.block, marker, presentation.line_width(1.5));
        draw_lines(plot_ui, input, presentation, lines, others);
        if let Some((theta, points)) = gate {
            // Drawn last, over the subnets, so that which side of it each line is on reads
            // at a glance; labelled just above its right end with the value in force. The
            // label sits on the line's own last point: a point taken from the plot's bounds
            // would widen the bounds it was taken from, frame after frame.
            let label = gate_label(theta);
            let end = points.last().copied();
            plot_ui.line(Line::new(label.clone(), PlotPoints::from(points)).color(colour).width(presentation.line_width(2.0)).style(LineStyle::dashed_loose()));
            if let Some([x, _]) = end {
                plot_ui.text(Text::new("", PlotPoint::new(x, theta), RichText::new(label).color(colour).strong()).anchor(egui::Align2::RIGHT_BOTTOM).allow_hover(false));
            }
        }
    })
}

/// Hovering a band reads that subnet's own share at the nearest block, not the height of
/// the stack under the pointer.
fn own_share_on_hover(bands: &[Band], start_block: u64) -> impl Fn(&HoverPosition) -> Option<String> + 'static {
    let own: Vec<(String, Vec<f64>, Vec<f64>)> = bands
        .iter()
        .map(|(n, points, own)| (n.map_or("others".to_string(), |n| format!("SN{n}")), points.iter().map(|p| p[0]).collect(), own.clone()))
        .collect();
    move |pos| {
        Some(match pos {
            HoverPosition::NearDataPoint { plot_name, position, .. } => match own.iter().find(|(name, ..)| name == plot_name) {
                Some((_, xs, shares)) if !xs.is_empty() => {
                    let i = xs.partition_point(|x| *x < position.x).min(xs.len() - 1);
                    let i = if i > 0 && (xs[i] - position.x).abs() > (position.x - xs[i - 1]).abs() { i - 1 } else { i };
                    format!("{plot_name}\n{}\n{} of the block's TAO", fmt_block(xs[i], start_block), fmt_hover(YFmt::Percent, shares[i]))
                }
                _ => format!("{plot_name}\n{}", fmt_block(position.x, start_block)),
            },
            HoverPosition::Elsewhere { position } => fmt_block(position.x, start_block),
        })
    }
}

/// How the gate bar is drawn and named.
pub(super) const GATE_HINT: &str = "mainnet-2026-08: a subnet's share passes through the gate s/(1 + (θ/s)³), so shares well below the bar θ (set by the 32nd-largest) get almost nothing";

pub(super) fn gate_label(theta: f64) -> String {
    format!("gate bar θ = {:.2}%", theta * 100.0)
}

/// Apart from the subnet palette (which never uses pure red), in either theme.
pub(super) fn gate_colour(dark: bool) -> Color32 {
    if dark { Color32::from_rgb(255, 90, 90) } else { Color32::from_rgb(200, 0, 0) }
}
