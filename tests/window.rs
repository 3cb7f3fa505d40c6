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
