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

/// The colour and dash of the `i`-th series (strategies, and the few-subnet case).
pub fn series_style(i: usize) -> (Color32, LineStyle) {
    let style = match (i / PALETTE.len()) % 3 {
        0 => LineStyle::Solid,
        1 => LineStyle::dashed_loose(),
        _ => LineStyle::dotted_dense(),
    };
    (PALETTE[i % PALETTE.len()], style)
}

/// Which subnets get a colour of their own: the top `n` by emission share (and the focused
/// one). A subnet keeps its palette slot while it stays in the top, so colours do not
/// shuffle as ranks change; one that leaves frees its slot for the next newcomer.
#[derive(Resource, Clone, Debug, Default)]
pub struct SubnetColours {
    slots: std::collections::BTreeMap<u16, usize>,
    /// Netuids of the top subnets, highest share first.
    pub top: Vec<u16>,
}

impl SubnetColours {
    /// Recomputes the top `n` from (netuid, share) pairs, plus `focus`.
    pub fn update(&mut self, shares: &[(u16, f64)], n: usize, focus: Option<u16>) {
        let mut ranked: Vec<(u16, f64)> = shares.to_vec();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        // Few subnets: all of them, in netuid order, so that colours never change.
        let mut top: Vec<u16> = if shares.len() <= PALETTE.len() {
            let mut all: Vec<u16> = shares.iter().map(|s| s.0).collect();
            all.sort();
            all
        } else {
            ranked.iter().take(n.min(PALETTE.len() - 1)).map(|s| s.0).collect()
        };
        if let Some(f) = focus
            && !top.contains(&f)
            && shares.iter().any(|s| s.0 == f)
        {
            top.push(f);
        }
        self.slots.retain(|netuid, _| top.contains(netuid));
        for netuid in &top {
            if !self.slots.contains_key(netuid) {
                let used: std::collections::BTreeSet<usize> = self.slots.values().copied().collect();
                // Few subnets: slot = rank in netuid order; many: the first free slot.
                let wanted = if shares.len() <= PALETTE.len() { top.iter().position(|t| t == netuid).unwrap_or(0) } else { 0 };
                let slot = (wanted..PALETTE.len()).chain(0..wanted).find(|s| !used.contains(s)).unwrap_or(0);
                self.slots.insert(*netuid, slot);
            }
        }
        self.top = top;
    }

    /// The subnet's own colour, or `None` when it is among "others".
    pub fn colour(&self, netuid: u16, dark: bool) -> Option<Color32> {
        self.slots.get(&netuid).map(|slot| palette(*slot, dark))
    }

    pub fn is_top(&self, netuid: u16) -> bool {
        self.slots.contains_key(&netuid)
    }
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
        } else if self.present {
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
