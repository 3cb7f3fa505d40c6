//! Colours and presentation settings.

use bevy::prelude::*;
use bevy_egui::egui::{self, Color32};
use egui_plot::LineStyle;

/// Okabe–Ito: eight colours that stay distinguishable with the common colour-vision
/// deficiencies. Subnets beyond eight repeat them with another line style.
pub const PALETTE: [Color32; 8] = [
    Color32::from_rgb(0, 114, 178),   // blue
    Color32::from_rgb(230, 159, 0),   // orange
    Color32::from_rgb(0, 158, 115),   // bluish green
    Color32::from_rgb(204, 121, 167), // reddish purple
    Color32::from_rgb(86, 180, 233),  // sky blue
    Color32::from_rgb(213, 94, 0),    // vermillion
    Color32::from_rgb(240, 228, 66),  // yellow
    Color32::from_rgb(120, 120, 120), // grey (Okabe–Ito's black, lifted for dark mode)
];

/// The colour and dash of the `i`-th series.
pub fn series_style(i: usize) -> (Color32, LineStyle) {
    let style = match (i / PALETTE.len()) % 3 {
        0 => LineStyle::Solid,
        1 => LineStyle::dashed_loose(),
        _ => LineStyle::dotted_dense(),
    };
    (PALETTE[i % PALETTE.len()], style)
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
    applied: Option<(bool, bool)>,
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
            applied: None,
        }
    }
}

impl Presentation {
    pub fn new(dark: bool, large_font: bool) -> Self {
        Presentation { dark, large_font, ..Default::default() }
    }

    /// Applies theme and font size to the context when they changed.
    pub fn apply(&mut self, ctx: &egui::Context) {
        if self.applied == Some((self.large_font, self.dark)) {
            return;
        }
        ctx.set_visuals(if self.dark { egui::Visuals::dark() } else { egui::Visuals::light() });
        ctx.set_zoom_factor(if self.large_font { 1.6 } else { 1.1 });
        self.applied = Some((self.large_font, self.dark));
    }
}

/// Subnets hidden from the charts (legend clicks for few subnets, the table's checkboxes
/// for any number).
#[derive(Resource, Clone, Debug, Default)]
pub struct HiddenSubnets(pub std::collections::BTreeSet<u16>);
