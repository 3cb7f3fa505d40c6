//! The charts' key, above them and never over data: each coloured subnet as a swatch with
//! its netuid and name, and in compare mode each world's line style drawn as it is in the
//! charts. Presentation mode and recordings read it from the back of a room.

use super::input::ChartInput;
use super::lines::{world_style, WorldStyle};
use crate::dashboard::theme::{ink, others_fill, Presentation};
use bevy_egui::egui::{self, Align2, Color32, FontId, RichText, Sense, Stroke, Ui};

/// A colour swatch with the netuid written in it, so that subnets sharing a colour (or
/// none, among "others") are still told apart. The netuid is black or white, whichever
/// reads on the fill.
pub fn swatch(ui: &mut Ui, netuid: u16, colour: Option<Color32>, dark: bool, scale: f32) -> egui::Response {
    let (rect, response) = ui.allocate_exact_size(egui::vec2(34.0, 18.0) * scale, Sense::click());
    let fill = colour.unwrap_or(others_fill(dark));
    ui.painter().rect_filled(rect, 3.0, fill);
    let [r, g, b, _] = fill.to_array();
    let light = 0.299 * r as f32 + 0.587 * g as f32 + 0.114 * b as f32 > 140.0;
    let text = if light { Color32::BLACK } else { Color32::WHITE };
    ui.painter().text(rect.center(), Align2::CENTER_CENTER, netuid.to_string(), FontId::monospace(12.0 * scale), text);
    response
}

/// How a line looks, for its sample in a key.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Look {
    pub line: egui_plot::LineStyle,
    pub width_factor: f32,
    pub markers: bool,
}

impl From<WorldStyle> for Look {
    fn from(style: WorldStyle) -> Self {
        Look { line: style.line_style(), width_factor: style.width_factor(), markers: style == WorldStyle::Markers }
    }
}

impl From<egui_plot::LineStyle> for Look {
    fn from(line: egui_plot::LineStyle) -> Self {
        Look { line, width_factor: 1.0, markers: false }
    }
}

/// A short sample of a line, drawn with the same dash or markers as in the charts.
pub fn style_sample(ui: &mut Ui, look: impl Into<Look>, colour: Color32, scale: f32) {
    let look = look.into();
    let (rect, _) = ui.allocate_exact_size(egui::vec2(46.0, 14.0) * scale, Sense::hover());
    let (a, b) = (rect.left_center(), rect.right_center());
    let painter = ui.painter();
    let width = 2.0 * scale * look.width_factor;
    match look.line {
        egui_plot::LineStyle::Solid => {
            painter.line_segment([a, b], Stroke::new(width, colour));
        }
        egui_plot::LineStyle::Dotted { spacing } => {
            painter.extend(egui::Shape::dotted_line(&[a, b], colour, spacing, width));
        }
        egui_plot::LineStyle::Dashed { length } => {
            painter.extend(egui::Shape::dashed_line(&[a, b], Stroke::new(width, colour), length, length * 0.618));
        }
    }
    if look.markers {
        for t in [0.2, 0.5, 0.8] {
            let centre = a.lerp(b, t);
            let r = 4.0 * scale;
            let diamond = vec![centre + egui::vec2(0.0, -r), centre + egui::vec2(r, 0.0), centre + egui::vec2(0.0, r), centre + egui::vec2(-r, 0.0)];
            painter.add(egui::Shape::convex_polygon(diamond, colour, Stroke::NONE));
        }
    }
}

/// The key: worlds (compare mode) and the coloured subnets, wrapped over as many lines as
/// it needs. Returns the subnet clicked, to focus it.
pub fn key(ui: &mut Ui, input: &ChartInput, presentation: &Presentation) -> Option<u16> {
    let scale = if presentation.small_frame { 0.8 } else if presentation.present { 1.25 } else { 1.0 };
    let size = 13.0 * scale;
    let mut clicked = None;
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 5.0;
        if !input.others.is_empty() {
            let colour = ink(presentation.dark);
            style_sample(ui, WorldStyle::Solid, colour, scale);
            ui.label(RichText::new(input.own).strong().size(size));
            for (i, (name, _)) in input.others.iter().enumerate() {
                ui.add_space(8.0);
                style_sample(ui, world_style(i), colour, scale);
                ui.label(RichText::new(*name).strong().size(size));
            }
            ui.separator();
        }
        for netuid in &input.colours.top {
            let Some(row) = input.rows.iter().find(|r| r.netuid == *netuid) else { continue };
            if input.hidden.0.contains(netuid) {
                continue;
            }
            let colour = input.colours.colour(*netuid, presentation.dark);
            let focused = presentation.focus == Some(*netuid);
            if swatch(ui, *netuid, colour, presentation.dark, scale).on_hover_text("click to focus this subnet").clicked() {
                clicked = Some(*netuid);
            }
            let mut name = short_name(&row.name, *netuid);
            if name.is_empty() {
                name = format!("SN{netuid}");
            }
            let text = RichText::new(name).size(size);
            ui.label(if focused { text.strong().underline() } else { text });
            ui.add_space(4.0);
        }
        if input.history.subnets.len() > input.colours.top.len() {
            swatch_others(ui, presentation.dark, scale);
            ui.label(RichText::new("others").size(size));
        }
    });
    clicked
}

/// A subnet's name as the key gives it: short, and nothing when it is only "SN<n>" (the
/// swatch says the netuid).
fn short_name(name: &str, netuid: u16) -> String {
    if name == format!("SN{netuid}") {
        return String::new();
    }
    let short: String = name.chars().take(14).collect();
    if short.len() < name.len() { format!("{short}…") } else { short }
}

fn swatch_others(ui: &mut Ui, dark: bool, scale: f32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(34.0, 18.0) * scale, Sense::hover());
    ui.painter().rect_filled(rect, 3.0, others_fill(dark));
}

/// A row naming a chart's own series (not subnets) with samples of their lines, above the
/// chart; returns the height it took.
pub fn series_key(ui: &mut Ui, entries: &[(Look, Color32, &str)], presentation: &Presentation) -> f32 {
    let scale = if presentation.small_frame { 0.8 } else if presentation.present { 1.25 } else { 1.0 };
    let top = ui.cursor().top();
    ui.horizontal_wrapped(|ui| {
        for (style, colour, name) in entries {
            style_sample(ui, *style, *colour, scale);
            ui.label(RichText::new(*name).size(12.5 * scale));
            ui.add_space(6.0);
        }
    });
    ui.cursor().top() - top
}
