//! Colours and presentation settings.

use bevy::prelude::*;
use bevy_egui::egui::{self, Color32};
use egui_plot::LineStyle;

/// The charts' palette ([`crate::analysis::palette::PALETTE`]) as egui colours; grey is
/// kept for "others".
pub const PALETTE: [Color32; 10] = {
    let mut out = [Color32::BLACK; 10];
    let mut i = 0;
    while i < out.len() {
        let (r, g, b) = crate::analysis::palette::PALETTE[i];
        out[i] = Color32::from_rgb(r, g, b);
        i += 1;
    }
    out
};

/// The colour of everything outside the top subnets.
pub const OTHERS: Color32 = {
    let (r, g, b) = crate::analysis::palette::OTHERS;
    Color32::from_rgb(r, g, b)
};

/// Palette colour `i`, darkened where it would be unreadable on a light background.
pub fn palette(i: usize, dark: bool) -> Color32 {
    let c = PALETTE[i % PALETTE.len()];
    if dark {
        return c;
    }
    match i % PALETTE.len() {
        6 => Color32::from_rgb(170, 150, 0), // yellow on white
        4 => Color32::from_rgb(30, 140, 200), // sky blue on white
        _ => c,
    }
}

/// The text colour of the theme, for the series that are no subnet's (the chain's totals,
/// "You"): no palette colour, so that none of them reads as a subnet.
pub fn ink(dark: bool) -> Color32 {
    if dark { Color32::from_gray(235) } else { Color32::from_gray(20) }
}

/// `colour` faded towards the chart background (a dimmed line or band when another subnet
/// has the focus): the same hue, lighter in the light theme and darker in the dark one.
pub fn dimmed(colour: Color32, dark: bool) -> Color32 {
    let background = if dark { Color32::from_gray(10) } else { Color32::from_gray(255) };
    colour.lerp_to_gamma(background, 0.72)
}

/// The colour and dash of the `i`-th strategy in "Who is winning": shades of the text
/// colour, each with its own dash (and named at the end of its line), never a subnet's
/// palette colour, so that no colour means a strategy in one chart and a subnet in the next.
pub fn strategy_style(i: usize, dark: bool) -> (Color32, LineStyle) {
    let style = match i % 4 {
        0 => LineStyle::Solid,
        1 => LineStyle::Dashed { length: 12.0 },
        2 => LineStyle::Dotted { spacing: 6.0 },
        _ => LineStyle::Dashed { length: 4.0 },
    };
    let shades: [u8; 3] = if dark { [200, 150, 110] } else { [60, 110, 150] };
    (Color32::from_gray(shades[(i / 4) % 3]), style)
}

/// The greys of "others" (a band, a swatch), opaque so that text on them reads.
pub fn others_fill(dark: bool) -> Color32 {
    if dark { Color32::from_gray(85) } else { Color32::from_gray(200) }
}

/// Which subnets get a colour of their own, and which. Each subnet's colour is fixed for
/// the whole run ([`SubnetColours::set_order`], from the scenario: its spotlight, then the
/// subnets its captions name, then the deepest pools at the start), so that it is the same
/// in every chart and frame however the block was reached (a recording and the live window
/// agree). Which subnets are coloured changes with the block: the top `n` by share, the
/// focused one, those the current caption names and the spotlight.
#[derive(Resource, Clone, Debug, Default)]
pub struct SubnetColours {
    /// Netuids in the order their colours are handed out.
    order: Vec<u16>,
    /// Netuids with a colour now: by share, highest first, then the ones added.
    pub top: Vec<u16>,
}

impl SubnetColours {
    /// The order colours are handed out in, for a new world.
    pub fn set_order(&mut self, order: Vec<u16>) {
        self.order = order;
        self.top.clear();
    }

    /// The palette slot of `netuid`: its place in the order (a subnet registered later comes
    /// after them all, by netuid, whenever it is first seen).
    fn slot(&self, netuid: u16) -> usize {
        self.order.iter().position(|n| *n == netuid).unwrap_or(self.order.len() + netuid as usize) % PALETTE.len()
    }

    /// Recomputes the coloured subnets from (netuid, share) pairs: the top `n`, `focus` and
    /// `named` (the caption's subnets and the spotlight). With no more subnets than
    /// colours, all of them.
    pub fn update(&mut self, shares: &[(u16, f64)], n: usize, focus: Option<u16>, named: &[u16]) {
        let mut ranked: Vec<(u16, f64)> = shares.to_vec();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut top: Vec<u16> = if shares.len() <= PALETTE.len() {
            ranked.iter().map(|s| s.0).collect()
        } else {
            ranked.iter().take(n.min(PALETTE.len() - 1)).map(|s| s.0).collect()
        };
        for netuid in focus.into_iter().chain(named.iter().copied()) {
            if !top.contains(&netuid) && shares.iter().any(|s| s.0 == netuid) {
                top.push(netuid);
            }
        }
        self.top = top;
    }

    /// The subnet's own colour, or `None` when it is among "others".
    pub fn colour(&self, netuid: u16, dark: bool) -> Option<Color32> {
        self.is_top(netuid).then(|| palette(self.slot(netuid), dark))
    }

    pub fn is_top(&self, netuid: u16) -> bool {
        self.top.contains(&netuid)
    }
}

/// The order subnet colours are handed out in for a world: the spotlight, then the subnets
/// the captions name (in caption order), then the rest by their pool's TAO at the start
/// (deepest first), then by netuid. Scenario data only, so the same for every run of it.
pub fn colour_order(spotlight: &[u16], captions: &[crate::scenario::Caption], pools: &[(u16, u64)]) -> Vec<u16> {
    if pools.len() <= PALETTE.len() {
        // Few subnets, all coloured: netuid order, as the table lists them.
        let mut all: Vec<u16> = pools.iter().map(|p| p.0).collect();
        all.sort();
        return all;
    }
    let mut order: Vec<u16> = Vec::new();
    for netuid in spotlight.iter().chain(captions.iter().flat_map(|c| c.subnets.iter())) {
        if !order.contains(netuid) && pools.iter().any(|p| p.0 == *netuid) {
            order.push(*netuid);
        }
    }
    let mut rest: Vec<(u16, u64)> = pools.iter().filter(|p| !order.contains(&p.0)).copied().collect();
    rest.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    order.extend(rest.into_iter().map(|p| p.0));
    order
}

/// A new world: its colour order, from the scenario and the pools at the start.
pub fn order_colours(info: Res<crate::scenario::spawn::ScenarioInfo>, pools: Query<(&crate::world::Subnet, &crate::world::Pool)>, mut colours: ResMut<SubnetColours>) {
    let pools: Vec<(u16, u64)> = pools.iter().map(|(s, p)| (s.netuid, p.tao_reserve)).collect();
    colours.set_order(colour_order(&info.spotlight, &info.captions, &pools));
}

/// Presentation settings, changed from the top bar or by hotkeys.
#[derive(Resource, Clone, Debug)]
pub struct Presentation {
    pub large_font: bool,
    pub dark: bool,
    pub show_left: bool,
    pub show_right: bool,
    pub show_table: bool,
    pub log_price: bool,
    pub stacked_shares: bool,
    /// Holder values as % of their start (otherwise in TAO).
    pub relative_values: bool,
    pub fullscreen: bool,
    /// Presentation mode: caption and charts only, large, with a small block counter.
    pub present: bool,
    /// The hotkey help overlay.
    pub help: bool,
    /// The chart shown alone, filling the chart area (click a chart's title).
    pub enlarged: Option<crate::scenario::ChartKind>,
    /// The charts shown, in order.
    pub charts: Vec<crate::scenario::ChartKind>,
    /// "Who is winning" values alpha at what selling it would pay (otherwise at spot).
    pub exit_values: bool,
    /// Subnets with a colour of their own in charts and legends; the rest are "others".
    pub top_n: usize,
    /// The highlighted subnet; the others are dimmed.
    pub focus: Option<u16>,
    /// Frames are being recorded (`dtao-sim record`): nothing that depends on wall-clock
    /// time is drawn (frame rate, measured speed, toasts) and nothing animates, so that the
    /// same command gives the same frames.
    pub recording: bool,
    /// A recording of a small frame (under 540 pixels high, a GIF for a web page): it is
    /// watched at its own size, not from the back of a room, so presentation mode does not
    /// enlarge it, and the charts keep the room.
    pub small_frame: bool,
    applied: Option<(bool, bool, bool)>,
}

impl Default for Presentation {
    fn default() -> Self {
        Presentation {
            large_font: false,
            dark: true,
            show_left: true,
            show_right: true,
            show_table: true,
            log_price: false,
            stacked_shares: true,
            relative_values: true,
            fullscreen: false,
            present: false,
            help: false,
            enlarged: None,
            charts: crate::scenario::ChartKind::DEFAULT.to_vec(),
            exit_values: true,
            top_n: 8,
            focus: None,
            recording: false,
            small_frame: false,
            applied: None,
        }
    }
}

impl Presentation {
    pub fn new(dark: bool, large_font: bool, present: bool) -> Self {
        Presentation { dark, large_font, present, ..Default::default() }
    }

    /// Pixels per point: text and widgets scale together. Presentation mode is read from
    /// the back of a room, so it is never smaller than 1.3.
    pub fn zoom(&self) -> f32 {
        if self.large_font {
            1.45
        } else if self.present && !self.small_frame {
            1.3
        } else {
            1.0
        }
    }

    /// Applies theme and font size to the context when they changed.
    pub fn apply(&mut self, ctx: &egui::Context) {
        if self.applied == Some((self.large_font, self.dark, self.present)) {
            return;
        }
        ctx.set_visuals(if self.dark { egui::Visuals::dark() } else { egui::Visuals::light() });
        ctx.set_zoom_factor(self.zoom());
        if self.recording {
            // Animations run on wall-clock time: a recorded frame would catch them midway.
            ctx.all_styles_mut(|style| style.animation_time = 0.0);
        }
        self.applied = Some((self.large_font, self.dark, self.present));
    }
}

impl Presentation {
    /// The width of a data line of nominal width `points`. In presentation mode lines are
    /// at least 2.5 points (over 3 pixels at its zoom) so that they survive a projector and
    /// video compression, which smears 1-pixel lines into the background.
    pub fn line_width(&self, points: f32) -> f32 {
        if self.present { (points * 1.4).max(2.5) } else { points }
    }
}

/// Subnets hidden from the charts (legend clicks for few subnets, the table's checkboxes
/// for any number).
#[derive(Resource, Clone, Debug, Default)]
pub struct HiddenSubnets(pub std::collections::BTreeSet<u16>);
