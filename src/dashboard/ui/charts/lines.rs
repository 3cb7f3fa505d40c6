//! Lines and markers shared by the charts: a subnet's colour and width, compare mode's
//! world styles, caption markers. The key above the charts names them ([`super::key`]).

use super::cache::MAX_POINTS;
use super::input::{ChartInput, drawn_subnets};
use crate::dashboard::history::decimate;
use crate::dashboard::theme::{dimmed, Presentation, OTHERS};
use crate::scenario::Caption;
use bevy_egui::egui::{Color32, Id};
use egui_plot::{Line, LineStyle, MarkerShape, PlotPoints, Points, VLine};

/// How compare mode tells its worlds apart: the window's own world solid, each other world
/// in a style of its own (long dashes, dots, a thin line with diamonds), so that no two
/// look alike at a glance, on a projector or in a video.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WorldStyle {
    Solid,
    LongDash,
    Dots,
    Markers,
}

impl WorldStyle {
    pub fn line_style(self) -> LineStyle {
        match self {
            WorldStyle::Solid | WorldStyle::Markers => LineStyle::Solid,
            WorldStyle::LongDash => LineStyle::Dashed { length: 18.0 },
            WorldStyle::Dots => LineStyle::Dotted { spacing: 7.0 },
        }
    }

    /// Line width relative to a solid line's: the marked line is thin, so its diamonds stand out.
    pub fn width_factor(self) -> f32 {
        if self == WorldStyle::Markers { 0.6 } else { 1.0 }
    }
}

/// The style of the `i`-th other world in compare mode (the window's own world is solid).
pub fn world_style(i: usize) -> WorldStyle {
    [WorldStyle::LongDash, WorldStyle::Dots, WorldStyle::Markers][i % 3]
}

/// Draws a line in a world's style: its dash, or diamonds spaced along it.
pub(super) fn world_line(plot_ui: &mut egui_plot::PlotUi, style: WorldStyle, name: String, points: Vec<[f64; 2]>, colour: Color32, width: f32) {
    if style == WorldStyle::Markers && points.len() > 1 {
        let every = (points.len() / 12).max(1);
        let marks: Vec<[f64; 2]> = points.iter().step_by(every).copied().collect();
        plot_ui.points(Points::new("", PlotPoints::from(marks)).shape(MarkerShape::Diamond).filled(true).radius(width * 2.2 + 1.5).color(colour).allow_hover(false));
    }
    plot_ui.line(Line::new(name, PlotPoints::from(points)).color(colour).style(style.line_style()).width(width * style.width_factor()));
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
        other_line(plot_ui, i, netuid, points, input, presentation);
    }
}

/// A subnet's line in the `i`-th other world: its colour (dimmed like its own line when
/// another subnet has the focus), the world's style, the rule set in its name.
pub(super) fn other_line(plot_ui: &mut egui_plot::PlotUi, i: usize, netuid: u16, points: Vec<[f64; 2]>, input: &ChartInput, presentation: &Presentation) {
    let mut colour = input.colours.colour(netuid, presentation.dark).unwrap_or(OTHERS.gamma_multiply(0.5));
    if presentation.focus.is_some_and(|f| f != netuid) {
        colour = dimmed(colour, presentation.dark);
    }
    let name = format!("SN{netuid} · {}", input.others[i].0);
    world_line(plot_ui, world_style(i), name, points, colour, presentation.line_width(2.0));
}

/// One subnet's line: its own colour when it is among the top, faint grey otherwise;
/// dimmed when another subnet has the focus.
pub(super) fn subnet_line<'a>(netuid: u16, points: Vec<[f64; 2]>, input: &ChartInput, presentation: &Presentation) -> Line<'a> {
    let own = input.colours.colour(netuid, presentation.dark);
    let focused = presentation.focus == Some(netuid);
    let mut colour = own.unwrap_or(OTHERS.gamma_multiply(0.5));
    if presentation.focus.is_some() && !focused {
        colour = dimmed(colour, presentation.dark);
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

/// "You" stands out from the strategies in either theme.
pub(super) fn ui_you_colour(dark: bool) -> Color32 {
    crate::dashboard::theme::ink(dark)
}
