//! The window renders: `dtao-sim gui ... --screenshot` runs blocks in the real window and
//! saves a PNG (under Xvfb with software rendering when there is no display).

mod common;

use common::repo_path;
use std::process::Command;

fn has_display() -> bool {
    std::env::var_os("DISPLAY").is_some() || std::env::var_os("WAYLAND_DISPLAY").is_some()
}

#[test]
fn the_window_renders_a_scenario_and_saves_a_screenshot() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("window.png");
    let bin = env!("CARGO_BIN_EXE_dtao-sim");
    let args = ["gui", "scenarios/new_subnet_launch.toml", "--blocks", "5000", "--screenshot", png.to_str().unwrap()];
    let mut command = if has_display() {
        let mut c = Command::new(bin);
        c.args(args);
        c
    } else {
        // No display: run it under Xvfb, as CI does (xvfb-run comes with the `xvfb` package).
        let mut c = Command::new("xvfb-run");
        c.args(["-a", "-s", "-screen 0 1600x900x24", bin]).args(args);
        c
    };
    let out = command.current_dir(repo_path("")).output().expect("needs a display, or xvfb-run (apt-get install xvfb)");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "the window failed: {stderr}");
    let bytes = std::fs::read(&png).expect("the screenshot was saved");
    assert_eq!(&bytes[1..4], b"PNG");
    // A real render of charts and panels compresses to far more than a blank window would.
    assert!(bytes.len() > 50_000, "the screenshot is nearly empty: {} bytes", bytes.len());
}

#[test]
fn the_window_fits_a_projector_in_presentation_mode() {
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("present.png");
    let bin = env!("CARGO_BIN_EXE_dtao-sim");
    let args = [
        "gui",
        "scenarios/halving.toml",
        "--blocks",
        "4000",
        "--window",
        "1280x720",
        "--large-text",
        "--present",
        "--screenshot",
        png.to_str().unwrap(),
    ];
    let mut command = if has_display() {
        let mut c = Command::new(bin);
        c.args(args);
        c
    } else {
        let mut c = Command::new("xvfb-run");
        c.args(["-a", "-s", "-screen 0 1920x1080x24", bin]).args(args);
        c
    };
    let out = command.current_dir(repo_path("")).output().expect("needs a display, or xvfb-run (apt-get install xvfb)");
    assert!(out.status.success(), "the window failed: {}", String::from_utf8_lossy(&out.stderr));
    let bytes = std::fs::read(&png).expect("the screenshot was saved");
    // The PNG header's width and height: the window has the size asked for.
    let size = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    assert_eq!((size(16), size(20)), (1280, 720));

    let bad = Command::new(bin).args(["gui", "--window", "1280by720"]).output().unwrap();
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("WIDTHxHEIGHT"), "{}", String::from_utf8_lossy(&bad.stderr));
}
