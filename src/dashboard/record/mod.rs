//! `dtao-sim record`: the real dashboard driven frame by frame. The simulation advances only
//! between captures, by the blocks the [`plan::RecordPlan`] says, never by wall-clock time;
//! each frame is saved as `DIR/frame_000001.png`…, and the same command gives the same bytes.
//!
//! A frame's life: the world is advanced to the frame's block, the window draws it, and
//! draws it again while a screenshot of that second drawing is taken (egui's layout reads
//! some sizes from the frame before). The screenshot's pixels arrive a frame or two later,
//! but what it shows was fixed when the frame was handed to the renderer, so the next
//! state is drawn meanwhile; images are written in frame order whatever order they come in.

pub mod encode;
pub mod plan;

pub use plan::{Pace, RecordOptions, RecordPlan};

use crate::scenario::spawn::ScenarioInfo;
use crate::world::Chain;
use bevy::prelude::*;
use bevy::render::view::screenshot::{Screenshot, ScreenshotCaptured};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::BTreeMap;

/// Frames drawn before the first capture: fonts are loaded and panels sized over the first
/// frames.
const SETTLE_FRAMES: u32 = 30;

/// Where a recording is.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Phase {
    /// Drawing this many more frames of the first state before capturing it.
    Settle(u32),
    /// A screenshot was taken last frame: the world may move on.
    Captured,
    /// The new state was drawn once; capture its second drawing now.
    Redraw,
    /// Every frame is asked for; waiting for the last images.
    Draining,
}

/// The recording in progress; while it exists, playback's own clock is off.
#[derive(Resource)]
pub struct Recorder {
    plan: RecordPlan,
    /// Frames whose screenshot was asked for.
    requested: u64,
    /// Frames handed to the writer.
    handed: u64,
    /// The number of the next file to write (from 1).
    next_file: u64,
    phase: Phase,
    captions: Vec<crate::scenario::Caption>,
    /// Captured images not yet handed over, by frame.
    arrived: BTreeMap<u64, Image>,
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
        Ok(Recorder {
            plan,
            requested: 0,
            handed: 0,
            next_file: 1,
            phase: Phase::Settle(SETTLE_FRAMES),
            captions,
            arrived: BTreeMap::new(),
            writer,
            bar,
        })
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
    if let Err(message) = hand_over(world) {
        fail(world, message);
        return;
    }
    let recorder = world.resource::<Recorder>();
    match recorder.phase {
        Phase::Settle(n) => {
            if n == SETTLE_FRAMES {
                advance_to_frame(world, 0);
            }
            if n == 0 {
                request_capture(world);
            } else {
                world.resource_mut::<Recorder>().phase = Phase::Settle(n - 1);
            }
        }
        Phase::Captured if recorder.requested == recorder.plan.frames => world.resource_mut::<Recorder>().phase = Phase::Draining,
        Phase::Captured => {
            let next = recorder.requested;
            advance_to_frame(world, next);
            world.resource_mut::<Recorder>().phase = Phase::Redraw;
        }
        Phase::Redraw => request_capture(world),
        Phase::Draining if recorder.handed == recorder.plan.frames => finish(world),
        Phase::Draining => {}
    }
}

/// Runs the world to the block of frame `j` (nothing when it is there already).
fn advance_to_frame(world: &mut World, j: u64) {
    let target = world.resource::<Recorder>().plan.block_at(j);
    let block = world.resource::<Chain>().block;
    if target > block {
        // The frame shows its last block, whatever the sampling grid.
        if let Some(mut also) = world.get_resource_mut::<crate::metrics::SampleAlso>() {
            also.0.insert(target - 1);
        }
        super::lifecycle::run_blocks(world, target - block);
    }
}

/// Asks for a screenshot of this frame, filed as the next frame of the recording.
fn request_capture(world: &mut World) {
    let mut recorder = world.resource_mut::<Recorder>();
    let frame = recorder.requested;
    recorder.requested += 1;
    recorder.phase = Phase::Captured;
    world.spawn(Screenshot::primary_window()).observe(move |captured: On<ScreenshotCaptured>, mut recorder: ResMut<Recorder>| {
        recorder.arrived.insert(frame, captured.image.clone());
    });
}

/// Sends the captured frames that are next in order to the writer, each as many files as
/// its caption hold asks.
fn hand_over(world: &mut World) -> Result<(), String> {
    let mut recorder = world.resource_mut::<Recorder>();
    loop {
        let frame = recorder.handed;
        let Some(image) = recorder.arrived.remove(&frame) else { return Ok(()) };
        let copies = recorder.plan.copies_of(frame, &recorder.captions);
        let job = encode::Job { image, first: recorder.next_file, copies };
        if recorder.writer.send(job).is_err() {
            // The writer stopped on an error: its message says which.
            return Err(recorder.writer.finish().err().unwrap_or_else(|| "the frame writer stopped".into()));
        }
        recorder.handed += 1;
        recorder.next_file += copies;
        recorder.bar.inc(copies);
    }
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
