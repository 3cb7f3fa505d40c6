//! The top bar: playback, scenario, seed, presentation.

use super::{Outbox, SimView};
use crate::dashboard::playback::{Playback, SimCommand};
use crate::dashboard::screenshot::TakeScreenshot;
use crate::dashboard::session::{shipped_scenarios, Session};
use crate::dashboard::theme::Presentation;
use crate::dashboard::readable::thousands;
use crate::economy::block_emission;
use bevy::prelude::Resource;
use bevy_egui::egui::{self, RichText, Ui};

#[derive(Resource, Clone, Debug)]
pub struct ControlsState {
    /// Speed in blocks per second, on the slider's log scale.
    pub speed: f64,
    pub max_speed: bool,
    /// The seed box: the seed in force, unless the user is typing a new one.
    pub seed: u64,
    pub path: String,
    /// The session generation the seed box was filled from.
    generation: u64,
    /// The shipped scenarios with their titles, read once when the menu first opens.
    scenarios: Option<Vec<(std::path::PathBuf, String)>>,
}

impl Default for ControlsState {
    fn default() -> Self {
        ControlsState { speed: 50.0, max_speed: false, seed: 0, path: String::new(), generation: u64::MAX, scenarios: None }
    }
}

impl ControlsState {
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        presentation: &mut Presentation,
        playback: &Playback,
        session: &Session,
        view: &SimView,
        out: &mut Outbox,
        stats: &super::FrameStats,
    ) {
        if self.generation != session.generation {
            self.generation = session.generation;
            self.seed = session.genesis.seed;
        }
        ui.horizontal_wrapped(|ui| {
            ui.heading(RichText::new(&view.info.title).strong());
            ui.separator();
            ui.label(RichText::new(format!("block {}", thousands(view.chain.absolute_block() as f64, 0))).monospace().size(16.0));
            ui.label(RichText::new(format!("day {:.2}", view.chain.block as f64 / 7_200.0)).monospace());
            if !view.compare.0.is_empty() {
                // Compare mode: the figures of this bar are the window's own world's.
                ui.label(RichText::new(format!("{} world:", view.params.rule_set.name())).strong())
                    .on_hover_text("compare mode: issuance, emission and rules here are the window's own world's; the charts overlay every world");
            }
            ui.label(format!("issuance {} TAO", thousands(view.chain.total_issuance as f64 / 1e9, 0)));
            // Before the first block the chain has not computed an emission yet: show the
            // one the first block will pay.
            let emission = block_emission(view.chain.total_issuance, view.params.block_reward_rao);
            ui.label(format!("emission {} TAO/block", thousands(emission as f64 / 1e9, 3)));
            ui.label(format!("rules {} ({})", view.params.rule_set, view.params.share_rule.name()));
            // Wall-clock figures would differ between two recordings of the same command.
            if !presentation.recording {
                ui.label(RichText::new(format!("{:.0} fps, panels {:.1} ms", 1000.0 / stats.frame_ms.max(0.1), stats.ui_ms)).weak())
                    .on_hover_text("frame rate, and the time spent building the panels each frame");
            }
        });
        ui.horizontal_wrapped(|ui| {
            let label = if playback.playing { "⏸ Pause" } else { "▶ Play" };
            // Fixed widths, so that nothing moves when the label changes.
            let h = ui.spacing().interact_size.y;
            if ui.add_sized([80.0, h], egui::Button::new(RichText::new(label).strong())).on_hover_text("Space").clicked() {
                out.commands.write(SimCommand::TogglePlay);
            }
            if ui.button("+1 block").on_hover_text("Right arrow").clicked() {
                out.commands.write(SimCommand::Step(1));
            }
            if ui.button("+1 tempo").on_hover_text(format!("T: {} blocks", view.params.tempo + 1)).clicked() {
                out.commands.write(SimCommand::Step(view.params.tempo + 1));
            }
            if ui.button("+1 day").on_hover_text("7,200 blocks, run over several frames").clicked() {
                out.commands.write(SimCommand::Step(7_200));
            }
            if ui.add_enabled(!view.info.captions.is_empty(), egui::Button::new("next caption ⏭")).on_hover_text("N: run to the next caption").clicked() {
                out.commands.write(SimCommand::NextCaption);
            }
            ui.separator();
            let before = (self.speed, self.max_speed);
            ui.add_enabled(!self.max_speed, egui::Slider::new(&mut self.speed, 1.0..=20_000.0).logarithmic(true).text("blocks/s"));
            ui.checkbox(&mut self.max_speed, "max");
            if before != (self.speed, self.max_speed) {
                out.commands.write(SimCommand::SetSpeed(if self.max_speed { f64::INFINITY } else { self.speed }));
            }
            let measured = if (playback.playing || playback.target.is_some()) && !presentation.recording { format!("{:>6.0} blocks/s", playback.measured_speed) } else { String::new() };
            ui.add_sized([110.0, h], egui::Label::new(RichText::new(measured).weak().monospace()));
        });
        // On a narrow screen (or in large text) the toggles go into a menu, so that
        // nothing is cut at the right edge.
        let narrow = ui.available_width() < 1_100.0;
        ui.horizontal_wrapped(|ui| {
            if ui.button("⟲ Reset").on_hover_text("R: back to block 0, paused").clicked() {
                out.commands.write(SimCommand::Reset);
            }
            // By title, as the window's heading names the scenario; the file on hover.
            egui::ComboBox::from_id_salt("scenario").selected_text("Open a scenario…").width(170.0).show_ui(ui, |ui| {
                for (path, title) in self.scenarios.get_or_insert_with(scenario_titles).iter() {
                    let same = path.file_name() == session.path.file_name();
                    if ui.selectable_label(same, title).on_hover_text(path.display().to_string()).clicked() {
                        out.commands.write(SimCommand::Load(path.clone()));
                    }
                }
            });
            if !narrow {
                let open = ui.add(egui::TextEdit::singleline(&mut self.path).hint_text("path/to/scenario.toml").desired_width(160.0));
                if ui.button("Open").clicked() || (open.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))) {
                    out.commands.write(SimCommand::Load(self.path.clone().into()));
                }
            }
            ui.label("seed");
            ui.add(egui::DragValue::new(&mut self.seed)).on_hover_text(format!("seed in force: {}", session.genesis.seed));
            if ui.add_enabled(self.seed != session.genesis.seed, egui::Button::new("Apply seed")).clicked() {
                out.commands.write(SimCommand::SetSeed(self.seed));
            }
            if narrow {
                // Large text or a small screen: the view toggles and the file field in a
                // menu, so that the bar keeps to three lines and the charts keep the room.
                ui.menu_button("View ⏷", |ui| {
                    toggles(ui, presentation, out);
                    ui.separator();
                    let open = ui.add(egui::TextEdit::singleline(&mut self.path).hint_text("path/to/scenario.toml").desired_width(200.0));
                    if ui.button("Open file").clicked() || (open.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))) {
                        out.commands.write(SimCommand::Load(self.path.clone().into()));
                    }
                });
                if ui.button("Screenshot").on_hover_text("P or F12").clicked() {
                    out.screenshots.write(TakeScreenshot);
                }
                ui.toggle_value(&mut presentation.help, "?").on_hover_text("?: the keyboard shortcuts");
            } else {
                ui.separator();
                toggles(ui, presentation, out);
            }
        });
        // A run in progress and why playback stopped are said on the line above the
        // caption, which is always there: nothing here comes and goes to move the charts.
        if !session.status.is_empty() {
            ui.colored_label(egui::Color32::from_rgb(213, 94, 0), &session.status);
        }
    }
}

/// The shipped scenarios and their titles (the file's name when it has none or does not
/// parse; loading it then says why).
fn scenario_titles() -> Vec<(std::path::PathBuf, String)> {
    shipped_scenarios()
        .into_iter()
        .map(|path| {
            let title = std::fs::read_to_string(&path)
                .ok()
                .and_then(|text| text.parse::<toml::Table>().ok())
                .and_then(|t| t.get("title").and_then(|v| v.as_str()).map(str::to_string))
                .unwrap_or_else(|| path.file_stem().map_or(String::new(), |s| s.to_string_lossy().into_owned()));
            (path, title)
        })
        .collect()
}

/// Theme, panels, presentation, screenshot and help toggles.
fn toggles(ui: &mut Ui, presentation: &mut Presentation, out: &mut Outbox) {
    ui.toggle_value(&mut presentation.large_font, "Large text").on_hover_text("L");
    if ui.button(if presentation.dark { "☀ Light" } else { "☾ Dark" }).on_hover_text("D").clicked() {
        presentation.dark = !presentation.dark;
    }
    ui.toggle_value(&mut presentation.show_left, "Scenario");
    ui.toggle_value(&mut presentation.show_right, "Trade");
    ui.toggle_value(&mut presentation.show_table, "Table");
    ui.toggle_value(&mut presentation.fullscreen, "Full").on_hover_text("F: full screen");
    ui.toggle_value(&mut presentation.present, "Present").on_hover_text("F5: caption and charts only, large; Esc leaves");
    if ui.button("Screenshot").on_hover_text("P or F12: a screenshot, saved in the screenshots folder").clicked() {
        out.screenshots.write(TakeScreenshot);
    }
    ui.toggle_value(&mut presentation.help, "?").on_hover_text("?: the keyboard shortcuts");
}
