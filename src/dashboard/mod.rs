//! The live dashboard: a window that runs the same [`crate::SimPlugin`] and shows it.
//!
//! The dashboard only reads the world and sends commands: trades and parameter changes go
//! out as [`crate::transactions::Order`]s, playback and scenario changes as [`SimCommand`]s.
//! No economics is computed here; previews call the same quote functions the chain uses.
//!
//! - [`session`]: the loaded scenario, reset and reload, and the holders "You" and "Whale";
//! - [`playback`]: play, pause, step and speed, a block budget per frame;
//! - [`history`]: series kept for the charts (every block, decimated only for drawing);
//! - [`ui`]: the panels; [`theme`]: colours and presentation; [`screenshot`]: PNG capture.

pub mod history;
pub mod playback;
pub mod screenshot;
pub mod session;
pub mod theme;
pub mod ui;

pub use playback::{Playback, SimCommand};
pub use session::Session;

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
}

/// The dashboard's systems and resources (the simulation itself is [`crate::SimPlugin`]).
pub fn plugin(app: &mut App) {
    app.add_plugins((session::plugin, playback::plugin, history::plugin, ui::plugin, screenshot::plugin));
}

/// Opens the window on a scenario.
pub fn run_app(options: AppOptions) -> Result<ExitCode, String> {
    let (_, mut genesis) = crate::scenario::load(&options.scenario).map_err(|e| e.to_string())?;
    if let Some(seed) = options.seed {
        genesis.seed = seed;
    }
    let mut app = App::new();
    app.add_plugins(DefaultPlugins.set(WindowPlugin {
        primary_window: Some(Window {
            title: format!("dtao-sim: {}", genesis.title),
            resolution: WindowResolution::new(1600, 900),
            ..default()
        }),
        ..default()
    }))
    .add_plugins(EguiPlugin::default())
    .add_plugins(crate::SimPlugin)
    .add_plugins(plugin)
    .insert_resource(Session::new(options.scenario.clone(), genesis))
    .insert_resource(screenshot::AutoShot::from_options(&options))
    .insert_resource(theme::Presentation::new(!options.light, options.large_text))
    .add_systems(Startup, |mut commands: Commands| {
        commands.spawn(Camera2d);
    });
    session::load_session(app.world_mut());
    if let Some(blocks) = options.blocks {
        playback::run_now(app.world_mut(), blocks);
    }
    match app.run() {
        AppExit::Success => Ok(ExitCode::SUCCESS),
        AppExit::Error(code) => Ok(ExitCode::from(code.get())),
    }
}
