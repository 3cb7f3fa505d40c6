//! Screenshots: a key saves a PNG; `dtao-sim gui --screenshot FILE` saves one and exits.

use bevy::prelude::*;
use bevy::render::view::screenshot::{save_to_disk, Screenshot, ScreenshotCaptured};
use std::path::PathBuf;

/// The screenshot of `--screenshot`: taken after a few frames (so the layout has settled).
#[derive(Resource, Clone, Debug, Default)]
pub struct AutoShot {
    pub path: Option<PathBuf>,
    frames: u32,
    taken: bool,
}

impl AutoShot {
    /// A screenshot to `path` once the layout has settled (none when `None`).
    pub fn new(path: Option<PathBuf>) -> Self {
        AutoShot { path, frames: 0, taken: false }
    }
}

/// Asks for a screenshot saved as `screenshots/dtao-sim-<scenario>-<block>.png` (the
/// chain's block number; `-2`, `-3`… for more at the same block), sent by the key or the
/// button.
#[derive(Message, Clone, Debug)]
pub struct TakeScreenshot;

/// Where key and button screenshots go, relative to the working directory.
pub const SCREENSHOT_DIR: &str = "screenshots";

/// A short message in the window's corner (where a screenshot went), until `until`
/// seconds of real time.
#[derive(Resource, Clone, Debug, Default)]
pub struct Toast {
    pub text: String,
    pub until: f64,
}

impl Toast {
    pub fn visible(&self, now: f64) -> Option<&str> {
        (now < self.until && !self.text.is_empty()).then_some(self.text.as_str())
    }
}

pub fn plugin(app: &mut App) {
    app.init_resource::<AutoShot>()
        .init_resource::<Toast>()
        .add_message::<TakeScreenshot>()
        .add_systems(Update, (take_on_request, auto_shot));
}

/// Frames to wait before the automatic screenshot: egui lays out and plots fit their bounds
/// over the first frames.
const SETTLE_FRAMES: u32 = 30;

fn take_on_request(
    mut commands: Commands,
    mut requests: MessageReader<TakeScreenshot>,
    chain: Res<crate::world::Chain>,
    session: Res<super::Session>,
    mut toast: ResMut<Toast>,
    time: Res<Time<Real>>,
    mut asked: Local<std::collections::HashSet<PathBuf>>,
) {
    for _ in requests.read() {
        let scenario = session.path.file_stem().map_or("scenario".into(), |s| s.to_string_lossy().into_owned());
        let dir = std::path::Path::new(SCREENSHOT_DIR);
        // A file asked for a frame ago may not be written yet: its name is taken too.
        let path = free_name(dir, &format!("dtao-sim-{scenario}-{}", chain.absolute_block()), &asked);
        asked.insert(path.clone());
        let shown = std::fs::create_dir_all(dir).map(|_| std::path::absolute(&path).unwrap_or(path.clone()));
        toast.until = time.elapsed_secs_f64() + 4.0;
        match shown {
            Ok(full) => {
                toast.text = format!("screenshot saved to {}", full.display());
                commands.spawn(Screenshot::primary_window()).observe(save_to_disk(path));
            }
            Err(e) => toast.text = format!("cannot save a screenshot in {}: {e}", dir.display()),
        }
    }
}

/// `dir/stem.png`, or `dir/stem-2.png`, `-3`… when that is taken: a second screenshot at
/// the same block (after a trade, in the other theme) never overwrites the first.
pub fn free_name(dir: &std::path::Path, stem: &str, taken: &std::collections::HashSet<PathBuf>) -> PathBuf {
    let free = |p: &PathBuf| !p.exists() && !taken.contains(p);
    std::iter::once(dir.join(format!("{stem}.png"))).chain((2u32..).map(|n| dir.join(format!("{stem}-{n}.png")))).find(free).unwrap_or_else(|| dir.join(format!("{stem}.png")))
}

fn auto_shot(mut commands: Commands, mut shot: ResMut<AutoShot>, stats: Res<super::frame_stats::FrameStats>) {
    let Some(path) = shot.path.clone() else { return };
    shot.frames += 1;
    if shot.taken || shot.frames < SETTLE_FRAMES {
        return;
    }
    shot.taken = true;
    println!("after {} frames: {:.1} ms per frame, {:.2} ms of it building the panels", stats.frames, stats.frame_ms, stats.ui_ms);
    let mut save = save_to_disk(path.clone());
    commands.spawn(Screenshot::primary_window()).observe(
        move |captured: On<ScreenshotCaptured>, mut exit: MessageWriter<AppExit>| {
            save(captured);
            if path.exists() {
                println!("screenshot saved to {}", path.display());
                exit.write(AppExit::Success);
            } else {
                eprintln!("could not save the screenshot to {}", path.display());
                exit.write(AppExit::error());
            }
        },
    );
}
