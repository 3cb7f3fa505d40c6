//! Lines, legends and markers shared by the charts: a subnet's colour and width, compare
//! mode's dashes, caption markers, the legend shown on hover.

use super::cache::MAX_POINTS;
use super::input::{ChartInput, drawn_subnets};
use crate::dashboard::history::decimate;
use crate::dashboard::theme::{Presentation, OTHERS};
use crate::scenario::Caption;
use bevy_egui::egui::{self, Color32, Id, Ui};
use egui_plot::{Corner, Legend, Line, LineStyle, Plot, PlotPoints, VLine};

/// The dash of the `i`-th other world in compare mode (the window's own world is solid).
pub fn world_style(i: usize) -> LineStyle {
    match i % 3 {
        0 => LineStyle::dashed_loose(),
        1 => LineStyle::dotted_dense(),
        _ => LineStyle::dashed_dense(),
    }
}

/// How [`world_style`] looks in a line of text, for the legend above the charts.
pub(super) fn world_glyph(i: usize) -> &'static str {
    ["- - -", "· · ·", "-- --"][i % 3]
}

/// Compare mode: one series of every drawn subnet in each other world, as (world, netuid,
/// points).
pub(super) fn other_points(input: &ChartInput, series: impl Fn(&crate::dashboard::history::SubnetSeries) -> &Vec<f32>, log: bool) -> Vec<(usize, u16, Vec<[f64; 2]>)> {
    let drawn = drawn_subnets(input);
    let mut out = Vec::new();
    for (i, (_, history)) in input.others.iter().enumerate() {
        for netuid in &drawn {
            if let Some(s) = history.subnets.get(netuid) {
                out.push((i, *netuid, decimate(&s.blocks, series(s), MAX_POINTS, log)));
            }
        }
    }
    out
}

/// A subnet's line in another world: its colour, the world's dash, the rule set in its name.
/// The drawn subnets' lines of this world, then the same subnets in the compared worlds.
pub(super) fn draw_lines(plot_ui: &mut egui_plot::PlotUi, input: &ChartInput, presentation: &Presentation, lines: Vec<(u16, Vec<[f64; 2]>)>, others: Vec<(usize, u16, Vec<[f64; 2]>)>) {
    for (netuid, points) in lines {
        plot_ui.line(subnet_line(netuid, points, input, presentation));
    }
    for (i, netuid, points) in others {
        plot_ui.line(other_line(i, netuid, points, input, presentation));
    }
}

pub(super) fn other_line<'a>(i: usize, netuid: u16, points: Vec<[f64; 2]>, input: &ChartInput, presentation: &Presentation) -> Line<'a> {
    let colour = input.colours.colour(netuid, presentation.dark).unwrap_or(OTHERS.gamma_multiply(0.5));
    let name = format!("SN{netuid} · {}", input.others[i].0);
    Line::new(name, PlotPoints::from(points)).color(colour).style(world_style(i)).width(presentation.line_width(2.0))
}

/// One subnet's line: its own colour when it is among the top, faint grey otherwise;
/// dimmed when another subnet has the focus.
pub(super) fn subnet_line<'a>(netuid: u16, points: Vec<[f64; 2]>, input: &ChartInput, presentation: &Presentation) -> Line<'a> {
    let own = input.colours.colour(netuid, presentation.dark);
    let focused = presentation.focus == Some(netuid);
    let mut colour = own.unwrap_or(OTHERS.gamma_multiply(0.5));
    if presentation.focus.is_some() && !focused {
        colour = colour.gamma_multiply(0.25);
    }
    let name = match (own.is_some(), input.others.is_empty()) {
        (false, _) => String::new(),
        (true, true) => format!("SN{netuid}"),
        (true, false) => format!("SN{netuid} · {}", input.own),
    };
    let width = presentation.line_width(if focused { 3.5 } else if own.is_some() { 2.0 } else { 1.0 });
    Line::new(name, PlotPoints::from(points)).color(colour).width(width).id(Id::new(("sn", netuid))).highlight(focused)
}

/// Caption markers on a time chart: a dashed line at each caption already reached.
pub(super) fn caption_markers(plot_ui: &mut egui_plot::PlotUi, captions: &[Caption], block: u64, colour: Color32, width: f32) {
    for c in captions.iter().filter(|c| c.block > 0 && c.block < block) {
        plot_ui.vline(VLine::new("", c.block as f64).color(colour).width(width).style(LineStyle::dashed_dense()).allow_hover(false));
    }
}

/// The legend appears while the pointer is over the chart (so it never covers data on a
/// projector) and only when it fits; the table's swatches are the key otherwise. A
/// recording, which has neither pointer nor table, shows it whenever it fits.
pub(super) fn with_legend<'a>(ui: &Ui, id: &str, plot: Plot<'a>, entries: usize, height: f32, recording: bool) -> Plot<'a> {
    let memory = Id::new(("legend shown", id));
    // A recording has no pointer to hover with: its viewers need the legend all the time.
    let hovered = recording || ui.ctx().data(|d| d.get_temp::<bool>(memory)).unwrap_or(false);
    if hovered && (entries as f32) * 18.0 < height * 0.8 {
        plot.legend(Legend::default().position(Corner::LeftTop).background_alpha(0.85).text_style(egui::TextStyle::Small).follow_insertion_order(true))
    } else {
        plot
    }
}

pub(super) fn remember_hover(ui: &Ui, id: &str, response: &egui::Response) {
    let inside = response.contains_pointer();
    ui.ctx().data_mut(|d| d.insert_temp(Id::new(("legend shown", id)), inside));
}

/// "You" stands out from the strategies in either theme.
pub(super) fn ui_you_colour(dark: bool) -> Color32 {
    if dark { Color32::WHITE } else { Color32::BLACK }
}
