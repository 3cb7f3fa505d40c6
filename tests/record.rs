//! `dtao-sim record`: the real window, driven frame by frame, gives the frames asked for, at
//! the size asked for, and the same bytes on a second run. Without a display the command
//! runs itself under `xvfb-run` (CI installs xvfb and mesa).

mod common;

use common::repo_path;
use std::path::Path;
use std::process::Command;

/// One recording at a time: each starts its own `xvfb-run -a`, and two starting together
/// can pick the same display number.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn record(out: &Path, extra: &[&str]) -> std::process::Output {
    let args = [
        "record",
        "scenarios/virtuous_cycle.toml",
        "--out",
        out.to_str().unwrap(),
        "--blocks",
        "800",
        "--blocks-per-frame",
        "200",
        "--window",
        "640x360",
        "--present",
    ];
    Command::new(env!("CARGO_BIN_EXE_dtao-sim")).args(args).args(extra).current_dir(repo_path("")).output().unwrap()
}

/// The files of a folder, sorted by name, with their bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut all: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .map(|e| (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap()))
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

fn ffmpeg_installed() -> bool {
    std::env::var_os("PATH").is_some_and(|p| std::env::split_paths(&p).any(|d| d.join("ffmpeg").is_file()))
}

#[test]
fn a_short_recording_has_its_frames_at_its_size_and_is_the_same_twice() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    // 800 blocks at 200 per frame: 4 frames (blocks 200, 400, 600, 800). Block 0's caption
    // is on the first frame and the block-720 caption comes on with the last: at 20 fps a
    // 0.1 s hold writes each of them twice, so 6 files.
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let hold = ["--hold-captions", "0.1", "--fps", "20", "--gif"];
    for out in [&a, &b] {
        let run = record(out, &hold);
        let (stdout, stderr) = (String::from_utf8_lossy(&run.stdout), String::from_utf8_lossy(&run.stderr));
        assert!(run.status.success(), "record failed: {stdout}\n{stderr}");
        assert!(stdout.contains("6 frames in"), "{stdout}");
        if !ffmpeg_installed() {
            assert!(stdout.contains("ffmpeg -y") && stdout.contains("libx264"), "the ffmpeg command is printed: {stdout}");
        }
    }
    let first = files(&a);
    let frames: Vec<&(String, Vec<u8>)> = first.iter().filter(|(name, _)| name.ends_with(".png")).collect();
    let names: Vec<&str> = frames.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["frame_000001.png", "frame_000002.png", "frame_000003.png", "frame_000004.png", "frame_000005.png", "frame_000006.png"]);
    for (name, bytes) in &frames {
        assert_eq!(&bytes[1..4], b"PNG", "{name}");
        // The PNG header's width and height.
        let size = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
        assert_eq!((size(16), size(20)), (640, 360), "{name}");
        assert!(bytes.len() > 10_000, "{name} is nearly empty: {} bytes", bytes.len());
    }
    // Held frames repeat; frames of different blocks differ.
    assert_eq!(frames[0].1, frames[1].1, "block 0's caption is held");
    assert_eq!(frames[4].1, frames[5].1, "the block-720 caption is held");
    assert_ne!(frames[1].1, frames[2].1, "the charts move between blocks 200 and 400");
    assert_ne!(frames[3].1, frames[4].1, "the charts move between blocks 600 and 800");
    let gif = &first.iter().find(|(n, _)| n == "video.gif").expect("--gif writes video.gif").1;
    assert_eq!(&gif[..6], b"GIF89a");
    if ffmpeg_installed() {
        let mp4 = &first.iter().find(|(n, _)| n == "video.mp4").expect("ffmpeg is installed: video.mp4 is written").1;
        assert_eq!(&mp4[4..8], b"ftyp");
    }
    // Byte-identical frames and GIF (an MP4 carries no clock, but its bytes are the
    // encoder's business, so only the frames and the GIF are compared).
    let second = files(&b);
    let keep = |all: &[(String, Vec<u8>)]| -> Vec<(String, Vec<u8>)> { all.iter().filter(|(n, _)| n != "video.mp4").cloned().collect() };
    let (x, y) = (keep(&first), keep(&second));
    assert_eq!(x.len(), y.len());
    for ((name, one), (_, two)) in x.iter().zip(&y) {
        assert!(one == two, "{name} differs between two runs of the same command");
    }
}

#[test]
fn bad_paces_are_refused_before_any_window_opens() {
    let dir = tempfile::tempdir().unwrap();
    let run = |extra: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_dtao-sim"))
            .args(["record", "scenarios/virtuous_cycle.toml", "--out", dir.path().to_str().unwrap()])
            .args(extra)
            .current_dir(repo_path(""))
            .output()
            .unwrap();
        assert!(!out.status.success(), "{extra:?} was accepted");
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let err = run(&["--blocks", "100", "--seconds", "20"]);
    assert!(err.contains("600 frames") && err.contains("only 100 blocks"), "{err}");
    assert!(run(&["--blocks-per-frame", "0"]).contains("at least 1"));
    assert!(run(&["--seconds", "5", "--fps", "0"]).contains("--fps 0"));
    assert!(run(&["--seconds", "5", "--hold-captions=-1"]).contains("--hold-captions"));
    assert!(run(&[]).contains("--seconds"), "one of the paces is required");
    assert!(run(&["--seconds", "5", "--window", "640"]).contains("WIDTHxHEIGHT"));
    assert!(run(&["--seconds", "5", "--blocks-per-frame", "3"]).contains("cannot be used with"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "nothing is written");
}

#[test]
fn record_films_compare_mode() {
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let args = [
        "record",
        "scenarios/what_changed.toml",
        "--out",
        dir.path().to_str().unwrap(),
        "--blocks",
        "2400",
        "--blocks-per-frame",
        "1200",
        "--window",
        "640x360",
        "--present",
        "--compare",
        "bit001,mainnet-2025-11",
    ];
    let run = Command::new(env!("CARGO_BIN_EXE_dtao-sim")).args(args).current_dir(repo_path("")).output().unwrap();
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let frames: Vec<(String, Vec<u8>)> = files(dir.path()).into_iter().filter(|(n, _)| n.ends_with(".png")).collect();
    assert_eq!(frames.len(), 2);
    let size = |b: &[u8], at: usize| u32::from_be_bytes(b[at..at + 4].try_into().unwrap());
    assert!(frames.iter().all(|(_, b)| (size(b, 16), size(b, 20)) == (640, 360)));

    let bad = Command::new(env!("CARGO_BIN_EXE_dtao-sim"))
        .args(["record", "scenarios/what_changed.toml", "--out", dir.path().to_str().unwrap(), "--seconds", "1", "--compare", "bit001"])
        .current_dir(repo_path(""))
        .output()
        .unwrap();
    assert!(!bad.status.success() && String::from_utf8_lossy(&bad.stderr).contains("two or more"));
}
