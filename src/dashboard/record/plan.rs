//! What a recording shows: which block each frame is taken at, and how long each caption is
//! held. Pure arithmetic, decided before the window opens, so that the same command always
//! gives the same frames whatever the machine's speed.

use crate::scenario::Caption;
use std::path::PathBuf;

/// The most frames one recording may make (about 55 minutes at 30 fps), so that a typo in
/// `--seconds` does not fill the disk.
pub const MAX_FRAMES: u64 = 100_000;

/// How the simulation advances between frames.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Pace {
    /// Exactly this many blocks between two frames (`--blocks-per-frame K`).
    BlocksPerFrame(u64),
    /// This many seconds of video (`--seconds S`): `S × fps` frames spread over the run.
    Seconds(f64),
}

/// What `dtao-sim record` was asked for.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordOptions {
    /// The folder that receives `frame_000001.png`… (and `video.mp4`, `video.gif`).
    pub out: PathBuf,
    /// Blocks to record; the scenario's `blocks` when `None`.
    pub blocks: Option<u64>,
    pub pace: Pace,
    /// Frames per second of the video (and of the caption holds).
    pub fps: u32,
    /// Seconds each new caption stays on screen with the simulation stopped (0: no hold).
    pub hold_captions: f64,
    /// Also write an animated GIF.
    pub gif: bool,
}

/// The frames of one recording.
#[derive(Clone, Debug, PartialEq)]
pub struct RecordPlan {
    pub out: PathBuf,
    /// Blocks the recording runs in all.
    pub blocks: u64,
    /// Distinct frames, one per simulated state (captions held add repeats on top).
    pub frames: u64,
    pace: Pace,
    pub fps: u32,
    /// Files each caption's first frame is written as (1: no hold).
    pub hold_frames: u64,
    pub gif: bool,
}

impl RecordPlan {
    /// Checks the options against the scenario's length; every refusal says what to change.
    pub fn new(options: &RecordOptions, scenario_blocks: u64) -> Result<Self, String> {
        let blocks = options.blocks.unwrap_or(scenario_blocks);
        if blocks == 0 {
            return Err("nothing to record: the run has 0 blocks (give --blocks N)".into());
        }
        if !(1..=240).contains(&options.fps) {
            return Err(format!("--fps {}: must be from 1 to 240", options.fps));
        }
        if !options.hold_captions.is_finite() || !(0.0..=600.0).contains(&options.hold_captions) {
            return Err(format!("--hold-captions {}: must be from 0 to 600 seconds", options.hold_captions));
        }
        let frames = match options.pace {
            Pace::BlocksPerFrame(0) => return Err("--blocks-per-frame must be at least 1".into()),
            Pace::BlocksPerFrame(k) => blocks.div_ceil(k),
            Pace::Seconds(s) => {
                if !s.is_finite() || s <= 0.0 {
                    return Err(format!("--seconds {s}: must be more than 0"));
                }
                let frames = (s * options.fps as f64).round();
                if frames < 1.0 {
                    return Err(format!("--seconds {s} at {} fps is less than one frame", options.fps));
                }
                if frames > MAX_FRAMES as f64 {
                    return Err(format!("--seconds {s} at {} fps makes {frames} frames; at most {MAX_FRAMES}", options.fps));
                }
                let frames = frames as u64;
                if frames > blocks {
                    return Err(format!(
                        "--seconds {s} at {} fps makes {frames} frames but the run has only {blocks} blocks: \
                         every frame must advance at least one block (fewer seconds, a lower --fps or more --blocks)",
                        options.fps
                    ));
                }
                frames
            }
        };
        if frames > MAX_FRAMES {
            return Err(format!("{frames} frames ({blocks} blocks at this pace); at most {MAX_FRAMES}: raise --blocks-per-frame"));
        }
        let hold_frames = ((options.hold_captions * options.fps as f64).round() as u64).max(1);
        Ok(RecordPlan { out: options.out.clone(), blocks, frames, pace: options.pace, fps: options.fps, hold_frames, gif: options.gif })
    }

    /// The block the world has reached when frame `j` (from 0) is taken. Frames start one
    /// step in (block 0 has no history to draw) and the last one is at the end of the run.
    /// With `--blocks-per-frame K` the steps are exactly K (the last one shorter when K does
    /// not divide the run); with `--seconds` the run is spread evenly, steps differing by at
    /// most one block when the frames do not divide it.
    pub fn block_at(&self, j: u64) -> u64 {
        match self.pace {
            Pace::BlocksPerFrame(k) => (j + 1).saturating_mul(k).min(self.blocks),
            Pace::Seconds(_) => ((j as u128 + 1) * self.blocks as u128 / self.frames as u128) as u64,
        }
    }

    /// How many files frame `j` is written as: `hold_frames` when a caption comes on screen
    /// with it (the first frame counts when it shows one), otherwise 1.
    pub fn copies_of(&self, j: u64, captions: &[Caption]) -> u64 {
        let now = current_caption(captions, self.block_at(j));
        let before = if j == 0 { None } else { current_caption(captions, self.block_at(j - 1)) };
        if now.is_some() && now != before { self.hold_frames } else { 1 }
    }

    /// Files written in all, holds included.
    pub fn total_files(&self, captions: &[Caption]) -> u64 {
        (0..self.frames).map(|j| self.copies_of(j, captions)).sum()
    }
}

/// The caption on screen once the world has reached `block` (its index): the latest whose
/// block has run, block 0's from the start. The window shows the same one.
pub fn current_caption(captions: &[Caption], block: u64) -> Option<usize> {
    captions.iter().enumerate().rev().find(|(_, c)| c.block < block || c.block == 0).map(|(i, _)| i)
}

/// `frame_000001.png`: the name of the `n`-th file (from 1), as ffmpeg's `frame_%06d.png`
/// reads them.
pub fn frame_name(n: u64) -> String {
    format!("frame_{n:06}.png")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(pace: Pace) -> RecordOptions {
        RecordOptions { out: "out".into(), blocks: None, pace, fps: 30, hold_captions: 0.0, gif: false }
    }

    fn caption(block: u64) -> Caption {
        Caption { block, text: format!("at {block}"), pause: false, subnets: Vec::new() }
    }

    #[test]
    fn seconds_spread_the_run_evenly_and_end_on_its_last_block() {
        let plan = RecordPlan::new(&options(Pace::Seconds(20.0)), 21_600).unwrap();
        assert_eq!(plan.frames, 600);
        assert_eq!(plan.block_at(0), 36);
        assert_eq!(plan.block_at(599), 21_600);
        assert!((1..600).all(|j| plan.block_at(j) - plan.block_at(j - 1) == 36));
        let uneven = RecordPlan::new(&options(Pace::Seconds(1.0)), 100).unwrap();
        let steps: Vec<u64> = (1..30).map(|j| uneven.block_at(j) - uneven.block_at(j - 1)).collect();
        assert!(steps.iter().all(|s| *s == 3 || *s == 4), "{steps:?}");
        assert_eq!(uneven.block_at(29), 100);
    }

    #[test]
    fn blocks_per_frame_steps_exactly() {
        let plan = RecordPlan::new(&RecordOptions { blocks: Some(1_000), ..options(Pace::BlocksPerFrame(300)) }, 7_200).unwrap();
        assert_eq!(plan.frames, 4);
        assert_eq!((0..4).map(|j| plan.block_at(j)).collect::<Vec<_>>(), [300, 600, 900, 1_000]);
    }

    #[test]
    fn bad_paces_are_refused_with_what_to_change() {
        let err = RecordPlan::new(&options(Pace::Seconds(20.0)), 100).unwrap_err();
        assert!(err.contains("only 100 blocks"), "{err}");
        assert!(RecordPlan::new(&options(Pace::BlocksPerFrame(0)), 100).unwrap_err().contains("at least 1"));
        assert!(RecordPlan::new(&options(Pace::Seconds(-1.0)), 100).is_err());
        assert!(RecordPlan::new(&options(Pace::Seconds(f64::NAN)), 100).is_err());
        assert!(RecordPlan::new(&RecordOptions { fps: 0, ..options(Pace::Seconds(1.0)) }, 100).is_err());
        assert!(RecordPlan::new(&options(Pace::Seconds(1e9)), u64::MAX).unwrap_err().contains("at most"));
        assert!(RecordPlan::new(&options(Pace::BlocksPerFrame(1)), 1_000_000).unwrap_err().contains("--blocks-per-frame"));
    }

    #[test]
    fn each_new_caption_is_held() {
        let plan = RecordPlan::new(&RecordOptions { hold_captions: 2.0, ..options(Pace::BlocksPerFrame(100)) }, 1_000).unwrap();
        assert_eq!(plan.hold_frames, 60);
        let captions = [caption(0), caption(150), caption(160), caption(900)];
        // Frame 0 (block 100) shows block 0's caption; frame 1 (block 200) jumps to the third;
        // the last one shows once block 900 has run, at frame 9 (block 1,000).
        let copies: Vec<u64> = (0..plan.frames).map(|j| plan.copies_of(j, &captions)).collect();
        assert_eq!(copies, [60, 60, 1, 1, 1, 1, 1, 1, 1, 60]);
        assert_eq!(plan.total_files(&captions), 187);
        assert_eq!(frame_name(1), "frame_000001.png");
    }
}
