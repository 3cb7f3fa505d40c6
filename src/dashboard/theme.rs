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

/// Which subnets get a colour of their own, and which. Colours follow a fixed order taken
/// from the scenario ([`SubnetColours::set_order`]: its spotlight, then the subnets its
/// captions name, then the deepest pools at the start): the first ten of that order keep
/// their own colour for the whole run. A subnet further down the order, when it is
/// coloured, takes the colour of its place modulo ten, or when a subnet on screen has that
/// one the next colour free, so that no two subnets on screen share one. Everything is a function of the scenario and the block, so colours
/// are the same in every chart and frame however the block was reached (a recording and
/// the live window agree). Which subnets are coloured changes with the block: the top `n`
/// by share, the focused one, those the current caption names and the spotlight.
#[derive(Resource, Clone, Debug, Default)]
pub struct SubnetColours {
    /// Netuids in the order their colours are handed out.
    order: Vec<u16>,
    /// Netuids with a colour now: by share, highest first, then the ones added.
    pub top: Vec<u16>,
    /// The palette slot of each coloured subnet.
    slots: std::collections::BTreeMap<u16, usize>,
}

impl SubnetColours {
    /// The order colours are handed out in, for a new world.
    pub fn set_order(&mut self, order: Vec<u16>) {
        self.order = order;
        self.top.clear();
        self.slots.clear();
    }

    /// The palette slot of `netuid`: its place in the order (a subnet registered later comes
    /// after them all, by netuid, whenever it is first seen).
    fn place(&self, netuid: u16) -> usize {
        self.order.iter().position(|n| *n == netuid).unwrap_or(self.order.len() + netuid as usize)
    }

    /// Slots for the coloured subnets: the first ten of the order their own, the others
    /// (in order) the slot of their place modulo ten, or the next one free.
    fn assign(&mut self) {
        let mut coloured: Vec<(usize, u16)> = self.top.iter().map(|n| (self.place(*n), *n)).collect();
        coloured.sort();
        self.slots.clear();
        for (place, netuid) in &coloured {
            if *place < PALETTE.len() {
                self.slots.insert(*netuid, *place);
            }
        }
        for (place, netuid) in coloured.into_iter().filter(|(p, _)| *p >= PALETTE.len()) {
            let used: std::collections::BTreeSet<usize> = self.slots.values().copied().collect();
            // Its own place's colour when that subnet is not on screen, else the next free.
            let own = place % PALETTE.len();
            let slot = (own..PALETTE.len()).chain(0..own).find(|s| !used.contains(s)).unwrap_or(own);
            self.slots.insert(netuid, slot);
        }
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
        if top != self.top || self.slots.len() != top.len() {
            self.top = top;
            self.assign();
        }
    }

    /// The subnet's own colour, or `None` when it is among "others".
    pub fn colour(&self, netuid: u16, dark: bool) -> Option<Color32> {
        self.slots.get(&netuid).map(|slot| palette(*slot, dark))
    }

    pub fn is_top(&self, netuid: u16) -> bool {
        self.top.contains(&netuid)
    }
}

/// The subnets a caption is about, for colouring: those it names, unless it names more
/// than a few (a caption measuring every pool is about the market, not about them).
pub fn caption_subnets(caption: &crate::scenario::Caption) -> &[u16] {
    if caption.subnets.len() <= 6 { &caption.subnets } else { &[] }
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
    for netuid in spotlight.iter().chain(captions.iter().flat_map(|c| caption_subnets(c).iter())) {
        // Also a subnet registered later (a launch the story is about): it is named in the file.
        if !order.contains(netuid) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn shares(n: u16, big: u16) -> Vec<(u16, f64)> {
        (1..=n).map(|k| (k, if k == big { 0.5 } else { 0.01 * k as f64 })).collect()
    }

    #[test]
    fn colours_depend_on_the_block_not_on_how_it_was_reached() {
        let pools: Vec<(u16, u64)> = (1..=20).map(|k| (k, 1_000 * k as u64)).collect();
        let caption = crate::scenario::Caption { block: 10, text: "SN3".into(), pause: false, subnets: vec![3] };
        let order = colour_order(&[], std::slice::from_ref(&caption), &pools);
        assert_eq!(order[0], 3, "a caption's subnet comes first");
        // Live: every frame; recording: only the last. Same colours at the end.
        let mut live = SubnetColours::default();
        live.set_order(order.clone());
        for big in 1..=20 {
            live.update(&shares(20, big), 8, None, &[]);
        }
        let mut jump = SubnetColours::default();
        jump.set_order(order);
        jump.update(&shares(20, 20), 8, None, &[]);
        for n in 1..=20 {
            assert_eq!(live.colour(n, true), jump.colour(n, true), "SN{n}");
        }
        // The caption's subnet is coloured however small, and no two coloured share a colour.
        jump.update(&shares(20, 20), 8, Some(1), &[3]);
        assert!(jump.is_top(3) && jump.is_top(1));
        let colours: std::collections::BTreeSet<[u8; 4]> = jump.top.iter().map(|n| jump.colour(*n, true).unwrap().to_array()).collect();
        assert_eq!(colours.len(), jump.top.len());
    }
}
