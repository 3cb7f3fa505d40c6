//! `dtao-sim record`: the real dashboard driven frame by frame. The simulation advances only
//! between captures, by the blocks the [`plan::RecordPlan`] says, never by wall-clock time;
//! each frame is saved as `DIR/frame_000001.png`…, and the same command gives the same bytes.
//!
//! A frame's life: the world is advanced to the frame's block, the window draws it, and
//! draws it again while a screenshot of that second drawing is taken (egui's layout reads
//! some sizes from the frame before); nothing moves until the screenshot is captured and
//! handed to the [`encode::FrameWriter`].

pub mod encode;
pub mod plan;

pub use plan::{Pace, RecordOptions, RecordPlan};

use crate::scenario::spawn::ScenarioInfo;
use crate::world::Chain;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};
use indicatif::{ProgressBar, ProgressStyle};

/// Frames drawn before the first capture: fonts are loaded and panels sized over the first
/// frames.
const SETTLE_FRAMES: u32 = 30;

/// Frames drawn with a new state before the frame that is captured: egui sizes some things
/// (wrapped rows, grids) from the frame before, so the second drawing is the settled one.
const PASSES_BEFORE_CAPTURE: u32 = 1;

/// Where a recording is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Phase {
    /// Drawing this many more frames of the first state before capturing it.
    Settle(u32),
    /// Drawing this many more frames before asking for the screenshot.
    Draw(u32),
    /// A screenshot was asked for; waiting for it.
    Waiting,
    /// Every frame is captured: finish the files and leave.
    Done,
}

/// The recording in progress; while it exists, playback's own clock is off.
#[derive(Resource)]
pub struct Recorder {
    plan: RecordPlan,
    /// The frame being made (from 0).
    frame: u64,
    /// The number of the next file to write (from 1).
    next_file: u64,
    phase: Phase,
    captions: Vec<crate::scenario::Caption>,
    captured: Option<Image>,
    writer: encode::FrameWriter,
    bar: ProgressBar,
}

impl Recorder {
    /// Prepares `plan.out` (old frames removed) and the writer.
    pub fn start(plan: RecordPlan, captions: Vec<crate::scenario::Caption>) -> Result<Self, String> {
        std::fs::create_dir_all(&plan.out).map_err(|e| format!("{}: {e}", plan.out.display()))?;
        let removed = encode::remove_old_frames(&plan.out)?;
        if removed > 0 {
            println!("removed {removed} frames of an earlier recording from {}", plan.out.display());
        }
        let total = plan.total_files(&captions);
        let bar = ProgressBar::new(total);
        bar.set_style(ProgressStyle::with_template("{bar:40} {pos}/{len} frames  eta {eta}").unwrap_or_else(|_| ProgressStyle::default_bar()));
        let writer = encode::FrameWriter::start(plan.out.clone(), plan.fps, plan.gif);
        Ok(Recorder { plan, frame: 0, next_file: 1, phase: Phase::Settle(SETTLE_FRAMES), captions, captured: None, writer, bar })
    }

    pub fn plan(&self) -> &RecordPlan {
        &self.plan
    }
}

pub fn plugin(app: &mut App) {
    app.add_systems(Update, step.run_if(resource_exists::<Recorder>));
}

/// Advances the recording by one window frame.
fn step(world: &mut World) {
    let phase = world.resource::<Recorder>().phase;
    match phase {
        Phase::Settle(0) => {
            advance_to_frame(world, 0);
            request_capture(world);
        }
        Phase::Settle(n) => {
            if n == SETTLE_FRAMES {
                advance_to_frame(world, 0);
            }
            world.resource_mut::<Recorder>().phase = Phase::Settle(n - 1);
        }
        Phase::Draw(0) => request_capture(world),
        Phase::Draw(n) => world.resource_mut::<Recorder>().phase = Phase::Draw(n - 1),
        Phase::Waiting => {
            let Some(image) = world.resource_mut::<Recorder>().captured.take() else { return };
            if let Err(message) = hand_over(world, image) {
                fail(world, message);
                return;
            }
            let mut recorder = world.resource_mut::<Recorder>();
            recorder.frame += 1;
            if recorder.frame == recorder.plan.frames {
                recorder.phase = Phase::Done;
                return;
            }
            let frame = recorder.frame;
            advance_to_frame(world, frame);
            world.resource_mut::<Recorder>().phase = Phase::Draw(PASSES_BEFORE_CAPTURE - 1);
        }
        Phase::Done => finish(world),
    }
}

/// Runs the world to the block of frame `j` (nothing when it is there already).
fn advance_to_frame(world: &mut World, j: u64) {
    let target = world.resource::<Recorder>().plan.block_at(j);
    let block = world.resource::<Chain>().block;
    if target > block {
        super::playback::run_now(world, target - block);
    }
}

fn request_capture(world: &mut World) {
    world.resource_mut::<Recorder>().phase = Phase::Waiting;
    world.spawn(Screenshot::primary_window()).observe(|captured: On<ScreenshotCaptured>, mut recorder: ResMut<Recorder>| {
        recorder.captured = Some(captured.image.clone());
    });
}

/// Sends a captured frame to the writer, as many files as its caption hold asks.
fn hand_over(world: &mut World, image: Image) -> Result<(), String> {
    let mut recorder = world.resource_mut::<Recorder>();
    let copies = recorder.plan.copies_of(recorder.frame, &recorder.captions);
    let job = encode::Job { image, first: recorder.next_file, copies };
    if recorder.writer.send(job).is_err() {
        // The writer stopped on an error: its message says which.
        return Err(recorder.writer.finish().err().unwrap_or_else(|| "the frame writer stopped".into()));
    }
    recorder.next_file += copies;
    recorder.bar.inc(copies);
    Ok(())
}

/// Waits for the files, makes the videos and leaves.
fn finish(world: &mut World) {
    let mut recorder = world.resource_mut::<Recorder>();
    let written = recorder.writer.finish();
    recorder.bar.finish_and_clear();
    let plan = recorder.plan.clone();
    let result = written.and_then(|files| {
        println!("{files} frames in {} ({} blocks, {} fps)", plan.out.display(), plan.blocks, plan.fps);
        if plan.gif {
            println!("gif: {}", plan.out.join("video.gif").display());
        }
        encode::make_video(&plan.out, plan.fps)
    });
    world.remove_resource::<Recorder>();
    match result {
        Ok(()) => {
            world.write_message(AppExit::Success);
        }
        Err(message) => fail(world, message),
    }
}

fn fail(world: &mut World, message: String) {
    if let Some(recorder) = world.get_resource::<Recorder>() {
        recorder.bar.abandon();
    }
    world.remove_resource::<Recorder>();
    eprintln!("error: {message}");
    world.write_message(AppExit::error());
}

/// The captions the recording holds on: the scenario's.
pub fn captions(world: &World) -> Vec<crate::scenario::Caption> {
    world.resource::<ScenarioInfo>().captions.clone()
}
