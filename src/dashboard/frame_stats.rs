//! Frame timing, measured by the panels and read by the top bar and `gui --screenshot`.

use bevy::prelude::*;

/// Frame timing, shown in the top bar and printed by `gui --screenshot`.
#[derive(Resource, Clone, Copy, Debug, Default)]
pub struct FrameStats {
    /// Smoothed time between frames, in ms.
    pub frame_ms: f64,
    /// Smoothed time spent building the panels, in ms.
    pub ui_ms: f64,
    pub frames: u64,
}

impl FrameStats {
    /// Takes in one frame: its length and the time spent building the panels, in seconds.
    pub fn update(&mut self, frame_s: f64, ui_s: f64) {
        let a = if self.frames < 5 { 1.0 } else { 0.1 };
        self.frame_ms += a * (frame_s * 1e3 - self.frame_ms);
        self.ui_ms += a * (ui_s * 1e3 - self.ui_ms);
        self.frames += 1;
    }
}

pub fn plugin(app: &mut App) {
    app.init_resource::<FrameStats>();
}
