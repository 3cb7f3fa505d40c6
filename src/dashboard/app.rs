//! Opening the window: `dtao-sim gui` and `dtao-sim record` on a scenario, with the
//! simulation, the panels and, in compare mode, the other worlds.

use super::{compare_worlds, lifecycle, playback, plugin, record, screenshot, theme, Session};
use crate::scenario::variants::{check_rule_sets, genesis_per_rule_set};
use bevy::prelude::*;
use bevy::window::WindowResolution;
use bevy_egui::EguiPlugin;
use std::path::PathBuf;
use std::process::ExitCode;

/// How the window is opened.
#[derive(Clone, Debug, Default)]
pub struct AppOptions {
    pub scenario: PathBuf,
    pub seed: Option<u64>,
    /// Run this many blocks at once, before the first frame.
    pub blocks: Option<u64>,
    /// Save a screenshot here once the blocks are run, then exit.
    pub screenshot: Option<PathBuf>,
    pub light: bool,
    pub large_text: bool,
    /// Window size in pixels; by default the monitor's.
    pub window: Option<(u32, u32)>,
    /// Open full screen (borderless, on the current monitor).
    pub fullscreen: bool,
    /// Open in presentation mode.
    pub present: bool,
    /// Record frames instead of showing the window live (`dtao-sim record`).
    pub record: Option<record::RecordOptions>,
    /// Compare mode: these rule sets side by side (the first in the window's own world);
    /// when empty, the scenario's own `compare` key decides.
    pub compare: Vec<crate::economy::RuleSet>,
}

/// Parses `--window WxH` ("1280x720").
pub fn parse_window_size(text: &str) -> Result<(u32, u32), String> {
    let (w, h) = text.trim().split_once(['x', 'X']).ok_or_else(|| format!("--window {text}: expected WIDTHxHEIGHT, e.g. 1280x720"))?;
    let parse = |s: &str, what: &str| -> Result<u32, String> {
        let v: u32 = s.trim().parse().map_err(|_| format!("--window {text}: {what} \"{s}\" is not a whole number"))?;
        if !(320..=16_384).contains(&v) {
            return Err(format!("--window {text}: {what} must be between 320 and 16384 pixels"));
        }
        Ok(v)
    };
    Ok((parse(w, "width")?, parse(h, "height")?))
}

/// The window opens at the monitor's size unless `--window` said otherwise: winit only
/// reports monitors once the app runs, so this waits for the primary monitor to appear.
#[derive(Resource, Clone, Copy, Debug)]
struct FitToMonitor(bool);

fn fit_to_monitor(
    mut fit: ResMut<FitToMonitor>,
    monitors: Query<&bevy::window::Monitor, With<bevy::window::PrimaryMonitor>>,
    mut windows: Query<&mut Window, With<bevy::window::PrimaryWindow>>,
) {
    if !fit.0 {
        return;
    }
    let (Some(monitor), Ok(mut window)) = (monitors.iter().next(), windows.single_mut()) else { return };
    if monitor.physical_width > 0 && monitor.physical_height > 0 {
        window.resolution.set_physical_resolution(monitor.physical_width, monitor.physical_height);
        window.position = WindowPosition::At(IVec2::ZERO);
    }
    fit.0 = false;
}

/// Every egui input system off.
fn no_input() -> bevy_egui::EguiInputSystemSettings {
    bevy_egui::EguiInputSystemSettings {
        run_write_modifiers_keys_state_system: false,
        run_write_window_pointer_moved_messages: false,
        run_write_pointer_button_messages: false,
        run_write_window_touch_messages_system: false,
        run_write_non_window_pointer_moved_messages_system: false,
        run_write_mouse_wheel_messages_system: false,
        run_write_pinch_gesture_messages_system: false,
        run_write_non_window_touch_messages_system: false,
        run_write_keyboard_input_messages_system: false,
        run_write_ime_messages_system: false,
        run_write_file_dnd_messages_system: false,
    }
}

/// Opens the window on a scenario.
pub fn run_app(options: AppOptions) -> Result<ExitCode, String> {
    let (scenario, mut genesis) = crate::scenario::load(&options.scenario).map_err(|e| e.to_string())?;
    if let Some(seed) = options.seed {
        genesis.seed = seed;
    }
    let compare = if options.compare.is_empty() { genesis.compare.clone() } else { options.compare.clone() };
    if !compare.is_empty() {
        // The window's own world runs the file's own rule set when it is compared (its
        // captions' claims are about that world), otherwise the first; the others are built
        // beside it.
        check_rule_sets(&compare)?;
        let file = options.scenario.display().to_string();
        let own = compare.iter().find(|r| **r == genesis.params.rule_set).unwrap_or(&compare[0]);
        let first = genesis_per_rule_set(&scenario, &file, Some(genesis.seed), std::slice::from_ref(own))?;
        genesis = first.into_iter().next().ok_or("no rule set to compare")?;
    }
    // Checked before the window opens, so that a bad pace is an error message, not a window.
    let plan = options.record.as_ref().map(|r| record::RecordPlan::new(r, genesis.blocks)).transpose()?;
    let mut app = App::new();
    let (width, height) = options.window.unwrap_or((1280, 720));
    let mut resolution = WindowResolution::new(width, height);
    if plan.is_some() {
        // Frames have exactly the size asked for, whatever the screen's scale factor.
        resolution = resolution.with_scale_factor_override(1.0);
    }
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: format!("dtao-sim: {}", genesis.title),
            resolution,
            position: WindowPosition::At(IVec2::ZERO),
            resizable: plan.is_none(),
            ..default()
        }),
        ..default()
    }))
    .insert_resource(FitToMonitor(options.window.is_none() && !options.fullscreen && plan.is_none()))
    .add_systems(Update, fit_to_monitor)
    .add_plugins(EguiPlugin::default())
    .add_plugins(crate::SimPlugin)
    .add_plugins(plugin)
    .insert_resource(Session::new(options.scenario.clone(), scenario, genesis))
    .insert_resource(compare_worlds::CompareSet(compare))
    .insert_resource(screenshot::AutoShot::new(options.screenshot.clone()))
    .insert_resource({
        let mut presentation = theme::Presentation::new(!options.light, options.large_text, options.present);
        presentation.fullscreen = options.fullscreen && plan.is_none();
        presentation.recording = plan.is_some();
        presentation.small_frame = plan.is_some() && height < 540;
        presentation
    })
    .add_systems(Startup, |mut commands: Commands| {
        commands.spawn(Camera2d);
    });
    lifecycle::load_world(app.world_mut());
    if let Some(plan) = plan {
        // No pointer or keys reach the panels: a hover or a stray key press would make
        // one recording differ from the next.
        app.insert_resource(bevy_egui::EguiGlobalSettings { input_system_settings: no_input(), ..default() });
        let captions = record::captions(app.world());
        let recorder = record::Recorder::start(plan, captions)?;
        let p = recorder.plan();
        println!("recording {} frames of {} blocks into {} at {width}x{height}", p.frames, p.blocks, p.out.display());
        // The recording decides when blocks run, not playback's clock.
        app.insert_resource(recorder).insert_resource(playback::ClockOff);
    } else if let Some(blocks) = options.blocks {
        // The screenshot shows the last block run, whatever the sampling grid.
        if let Some(mut also) = app.world_mut().get_resource_mut::<crate::metrics::SampleAlso>() {
            also.0.insert(blocks.saturating_sub(1));
        }
        lifecycle::run_blocks(app.world_mut(), blocks);
    }
    match app.run() {
        AppExit::Success => Ok(ExitCode::SUCCESS),
        AppExit::Error(code) => Ok(ExitCode::from(code.get())),
    }
}
