//! Where the last block's alpha went: owner, miners, validators, root.

use super::axes::{YFmt, fmt_y, GRID_MIN, spacer};
use super::input::ChartInput;
use crate::dashboard::theme::ink;
use bevy_egui::egui::{self, Ui};
use egui_plot::{AxisHints, Bar, BarChart, GridMark, Plot};

pub(super) fn alpha_split_chart(ui: &mut Ui, input: &ChartInput, dark: bool, height: f32) {
    let s = input.history.split;
    let root = if input.root_alpha_kept { "root (kept)" } else { "root (sold)" };
    let names: [&str; 4] = ["owner", "miners", "validators", root];
    // Named on the x axis and no subnet's: shades of the text colour, not the subnet palette.
    let shade = |t: f32| ink(dark).gamma_multiply(t);
    let parts = [(names[0], s.owner, shade(0.45)), (names[1], s.miners, shade(0.65)), (names[2], s.validators, shade(0.85)), (names[3], s.root, shade(1.0))];
    let y_axis = AxisHints::new_y().label_spacing(16.0..=20.0).formatter(|mark, _| fmt_y(YFmt::Alpha, mark.value, mark.step_size));
    // The bars are named on the x axis, so no legend covers them.
    let x_axis = AxisHints::new_x().label_spacing(20.0..=30.0).formatter(move |mark, _| names.get(mark.value.round() as usize).map_or(String::new(), |n| n.to_string()));
    Plot::new("split")
        .height(height)
        .allow_scroll(false)
        .allow_drag(false)
        .allow_zoom(false)
        .grid_spacing(egui::Rangef::new(GRID_MIN, 40.0))
        .y_grid_spacer(spacer(40.0, false))
        .x_grid_spacer(|_| (0..4).map(|i| GridMark { value: i as f64, step_size: 1.0 }).collect())
        .custom_y_axes(vec![y_axis])
        .custom_x_axes(vec![x_axis])
        .include_x(-0.6)
        .include_x(3.6)
        .include_y(0.0)
        .show(ui, |plot_ui| {
            for (i, (name, value, color)) in parts.into_iter().enumerate() {
                plot_ui.bar_chart(BarChart::new(name, vec![Bar::new(i as f64, value).width(0.7).name(name)]).color(color));
            }
        });
}
