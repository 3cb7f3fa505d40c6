//! The live dashboard: a window that runs the same [`crate::SimPlugin`] and shows it.
//!
//! The dashboard only reads the world and sends commands: trades and parameter changes go
//! out as [`crate::transactions::Order`]s, playback and scenario changes as [`SimCommand`]s.
//! No economics is computed here; previews call the same quote functions the chain uses.
//!
//! Where things live:
//! - [`app`]: opening the window (`dtao-sim gui`, `record`) from the command line's options;
//! - [`lifecycle`]: the two moments every module reacts to, a world loaded and blocks run;
//!   no module calls another to keep it in step;
//! - [`session`]: the loaded scenario and the holders "You" and "Whale";
//! - [`playback`]: play, pause, step and speed, a block budget per frame;
//! - [`history`]: series kept for the charts (every block, decimated only for drawing);
//! - [`compare_worlds`]: compare mode, the other rule sets' worlds beside the window's own;
//! - [`ui`]: the panels; [`theme`]: colours and presentation; [`readable`]: numbers as
//!   people read them; [`frame_stats`]: frame timing; [`screenshot`]: PNG capture;
//! - [`record`]: `dtao-sim record`, the window driven frame by frame into PNG files.

pub mod app;
pub mod compare_worlds;
pub mod frame_stats;
pub mod history;
pub mod lifecycle;
pub mod playback;
pub mod readable;
pub mod record;
pub mod screenshot;
pub mod session;
pub mod theme;
pub mod ui;

pub use app::{parse_window_size, run_app, AppOptions};
pub use playback::{Playback, SimCommand};
pub use session::Session;

use bevy::prelude::*;

/// The dashboard's systems and resources (the simulation itself is [`crate::SimPlugin`]).
pub fn plugin(app: &mut App) {
    app.add_plugins((lifecycle::plugin, session::plugin, playback::plugin, history::plugin, ui::plugin, frame_stats::plugin, screenshot::plugin, record::plugin, compare_worlds::plugin));
}

