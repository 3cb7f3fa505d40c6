//! TAO minted per block (it halves with issuance).

use super::axes::{YFmt, time_plot, y_range};
use super::cache::{MAX_POINTS, PlotCache};
use super::input::ChartInput;
use super::lines::{world_line, world_style, caption_markers, WorldStyle};
use crate::dashboard::history::decimate;
use crate::dashboard::theme::{ink, Presentation};
use bevy_egui::egui::Ui;

pub(super) fn emission_chart(ui: &mut Ui, input: &ChartInput, presentation: &Presentation, cache: &mut PlotCache, height: f32) -> egui_plot::PlotResponse<()> {
    let c = &input.history.chain;
    let points = cache.points(("emission", 0), &c.blocks, &c.emission, false);
    let max = y_range([&points]).map_or(1.0, |r| r.1);
    let marker = ui.visuals().weak_text_color();
    // The chain's own series: the text colour, never a subnet's; compare mode's worlds in
    // their styles, as the key above the charts draws them.
    let colour = ink(presentation.dark);
    time_plot("emission", height, YFmt::Tao, input.block, input.start_block).include_y(0.0).include_y(max * 1.1).show(ui, |plot_ui| {
        caption_markers(plot_ui, input.captions, input.block, marker, presentation.line_width(1.5));
        let name = if input.others.is_empty() { "TAO per block".to_string() } else { format!("TAO per block · {}", input.own) };
        world_line(plot_ui, WorldStyle::Solid, name, points, colour, presentation.line_width(2.5));
        for (i, (rule_set, history)) in input.others.iter().enumerate() {
            let c = &history.chain;
            let points = decimate(&c.blocks, &c.emission, MAX_POINTS, false);
            world_line(plot_ui, world_style(i), format!("TAO per block · {rule_set}"), points, colour, presentation.line_width(2.5));
        }
    })
}
