//! `dtao-sim record`: the dashboard driven frame by frame into PNG files (and an MP4 or a
//! GIF), for explainer videos. Without a display it runs itself again under `xvfb-run`.

use crate::dashboard::record::{Pace, RecordOptions};
use clap::Args;
use std::path::PathBuf;
use std::process::ExitCode;

/// Set in the environment of the run under `xvfb-run`, so that a display that still cannot
/// be found is an error rather than a loop.
const UNDER_XVFB: &str = "DTAO_SIM_RECORD_UNDER_XVFB";

#[derive(Args, Debug, Clone)]
pub struct RecordArgs {
    /// The scenario file (TOML).
    pub scenario: PathBuf,
    /// Folder for frame_000001.png… (and video.mp4, video.gif); earlier frames in it are removed.
    #[arg(long)]
    pub out: PathBuf,
    /// Blocks to record (default: the scenario's `blocks`).
    #[arg(long, value_parser = clap::value_parser!(u64).range(1..=crate::economy::limits::MAX_BLOCKS))]
    pub blocks: Option<u64>,
    /// Advance exactly K blocks between two frames.
    #[arg(long, value_name = "K", conflicts_with = "seconds")]
    pub blocks_per_frame: Option<u64>,
    /// Length of the video in seconds: --fps × S frames, spread evenly over the run.
    #[arg(long, value_name = "S")]
    pub seconds: Option<f64>,
    /// Frames per second of the video.
    #[arg(long, default_value_t = 30)]
    pub fps: u32,
    /// Frame size in pixels.
    #[arg(long, value_name = "WxH", default_value = "1280x720", value_parser = crate::dashboard::parse_window_size)]
    pub window: (u32, u32),
    /// Presentation mode: caption and charts only, large.
    #[arg(long)]
    pub present: bool,
    /// The light theme.
    #[arg(long)]
    pub light: bool,
    /// Large text.
    #[arg(long)]
    pub large_text: bool,
    /// Seed (default: the scenario's).
    #[arg(long)]
    pub seed: Option<u64>,
    /// Hold each new caption on screen this many seconds (the frame repeats, the simulation waits).
    #[arg(long, value_name = "SECONDS", default_value_t = 0.0)]
    pub hold_captions: f64,
    /// Also write an animated GIF, DIR/video.gif (pick a small --window: GIFs are large).
    #[arg(long)]
    pub gif: bool,
    /// Compare mode: the same scenario and seed under each of these rule sets, overlaid.
    #[arg(long, value_name = "RULE_SETS", value_delimiter = ',', value_parser = clap::value_parser!(crate::economy::RuleSet))]
    pub compare: Vec<crate::economy::RuleSet>,
}

impl RecordArgs {
    fn options(&self) -> Result<RecordOptions, String> {
        let pace = match (self.blocks_per_frame, self.seconds) {
            (Some(k), _) => Pace::BlocksPerFrame(k),
            (None, Some(s)) => Pace::Seconds(s),
            (None, None) => return Err("say how fast the run goes by: --blocks-per-frame K, or --seconds S (with --fps F, default 30)".into()),
        };
        Ok(RecordOptions { out: self.out.clone(), blocks: self.blocks, pace, fps: self.fps, hold_captions: self.hold_captions, gif: self.gif })
    }
}

pub fn record(args: &RecordArgs) -> Result<ExitCode, String> {
    let options = args.options()?;
    // The pace is checked here too, so that a bad one is refused before any window opens.
    let (_, genesis) = crate::scenario::load(&args.scenario).map_err(|e| e.to_string())?;
    crate::dashboard::record::RecordPlan::new(&options, genesis.blocks)?;
    let compare = if args.compare.is_empty() { genesis.compare.clone() } else { args.compare.clone() };
    if !compare.is_empty() {
        crate::scenario::variants::check_rule_sets(&compare)?;
    }
    if !has_display() {
        return under_xvfb(args.window);
    }
    crate::dashboard::run_app(crate::dashboard::AppOptions {
        scenario: args.scenario.clone(),
        seed: args.seed,
        window: Some(args.window),
        light: args.light,
        large_text: args.large_text,
        present: args.present,
        record: Some(options),
        compare,
        ..Default::default()
    })
}

fn has_display() -> bool {
    let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
    !cfg!(all(unix, not(target_os = "macos"))) || set("DISPLAY") || set("WAYLAND_DISPLAY")
}

/// Runs this same command again inside a virtual X server of the frame's size, as CI does
/// for the window's tests.
fn under_xvfb((width, height): (u32, u32)) -> Result<ExitCode, String> {
    if std::env::var_os(UNDER_XVFB).is_some() {
        return Err("xvfb-run started, but no display is set inside it".into());
    }
    if !crate::dashboard::record::encode::on_path("xvfb-run") {
        return Err("no display to record the window on (neither DISPLAY nor WAYLAND_DISPLAY is set) and xvfb-run is \
                    not installed: install it (apt-get install xvfb xauth) or run in a desktop session"
            .into());
    }
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this program to run it under xvfb-run: {e}"))?;
    let status = std::process::Command::new("xvfb-run")
        .args(["-a", "-s", &format!("-screen 0 {width}x{height}x24")])
        .arg(exe)
        .args(std::env::args_os().skip(1))
        .env(UNDER_XVFB, "1")
        .status()
        .map_err(|e| format!("cannot run xvfb-run: {e}"))?;
    Ok(match status.code() {
        Some(0) => ExitCode::SUCCESS,
        Some(code) => ExitCode::from(u8::try_from(code).unwrap_or(1)),
        None => ExitCode::FAILURE,
    })
}
