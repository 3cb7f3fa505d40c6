//! Writing the frames: PNG files on a worker thread (encoding a full-HD PNG takes longer
//! than rendering it), an optional animated GIF, and the MP4 through ffmpeg at the end.

use super::plan::frame_name;
use bevy::image::Image;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::thread::JoinHandle;

/// One captured frame, to be written as `copies` consecutive files from number `first`.
pub struct Job {
    pub image: Image,
    pub first: u64,
    pub copies: u64,
}

/// Frames waiting to be encoded at most; the window waits when the writer falls behind,
/// so memory stays bounded (a 4K frame is 33 MB).
const QUEUE: usize = 4;

/// The worker that writes frames, in the order they were captured.
pub struct FrameWriter {
    sender: Option<SyncSender<Job>>,
    worker: Option<JoinHandle<Result<u64, String>>>,
}

impl FrameWriter {
    /// Starts the worker; with `gif`, frames also go into `dir/video.gif` at `fps`.
    pub fn start(dir: PathBuf, fps: u32, gif: bool) -> Self {
        let (sender, receiver) = sync_channel(QUEUE);
        let worker = std::thread::spawn(move || write_all(&dir, receiver, fps, gif));
        FrameWriter { sender: Some(sender), worker: Some(worker) }
    }

    /// Queues a frame; an error means the worker stopped (its error comes from `finish`).
    pub fn send(&self, job: Job) -> Result<(), ()> {
        self.sender.as_ref().ok_or(())?.send(job).map_err(|_| ())
    }

    /// Waits for every queued frame; returns the files written, or the first error.
    pub fn finish(&mut self) -> Result<u64, String> {
        self.sender = None;
        match self.worker.take() {
            Some(worker) => worker.join().map_err(|_| "the frame writer crashed".to_string())?,
            None => Err("the frame writer was already finished".into()),
        }
    }
}

fn write_all(dir: &Path, jobs: Receiver<Job>, fps: u32, gif: bool) -> Result<u64, String> {
    let mut animation: Option<Gif> = None;
    let mut written = 0;
    for job in jobs {
        let rgb = job.image.try_into_dynamic().map_err(|e| format!("cannot read a captured frame: {e}"))?.to_rgb8();
        let first = dir.join(frame_name(job.first));
        rgb.save(&first).map_err(|e| format!("{}: {e}", first.display()))?;
        // A held frame is the same picture: copy the file rather than encode it again.
        for n in job.first + 1..job.first + job.copies {
            let copy = dir.join(frame_name(n));
            std::fs::copy(&first, &copy).map_err(|e| format!("{}: {e}", copy.display()))?;
        }
        written += job.copies;
        if gif {
            let (width, height) = rgb.dimensions();
            if animation.is_none() {
                animation = Some(Gif::create(&dir.join("video.gif"), width, height)?);
            }
            if let Some(animation) = &mut animation {
                animation.add(rgb.as_raw(), width, height, job.copies, fps)?;
            }
        }
    }
    Ok(written)
}

/// An animated GIF written frame by frame. A held frame is one GIF frame with a longer
/// delay, not many copies.
struct Gif {
    encoder: gif::Encoder<std::io::BufWriter<std::fs::File>>,
    path: PathBuf,
    /// Time owed to the next frame's delay, in 1/100 s: GIF delays are whole hundredths, so
    /// the remainders are carried to keep the animation's length right.
    carry: f64,
}

impl Gif {
    fn create(path: &Path, width: u32, height: u32) -> Result<Self, String> {
        let file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut encoder =
            gif::Encoder::new(std::io::BufWriter::new(file), width as u16, height as u16, &[]).map_err(|e| format!("{}: {e}", path.display()))?;
        encoder.set_repeat(gif::Repeat::Infinite).map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(Gif { encoder, path: path.to_owned(), carry: 0.0 })
    }

    fn add(&mut self, rgb: &[u8], width: u32, height: u32, copies: u64, fps: u32) -> Result<(), String> {
        // Speed 10: gif's default trade-off between quantisation quality and time.
        let mut frame = gif::Frame::from_rgb_speed(width as u16, height as u16, rgb, 10);
        let wanted = copies as f64 * 100.0 / fps as f64 + self.carry;
        let delay = wanted.round().clamp(1.0, u16::MAX as f64);
        self.carry = wanted - delay;
        frame.delay = delay as u16;
        self.encoder.write_frame(&frame).map_err(|e| format!("{}: {e}", self.path.display()))
    }
}

/// The ffmpeg command that turns the frames into `dir/video.mp4` (H.264, yuv420p, `fps`).
/// yuv420p needs even sides, so an odd width or height gets one black pixel of padding.
pub fn ffmpeg_args(dir: &Path, fps: u32) -> Vec<String> {
    [
        "-y",
        "-loglevel",
        "error",
        "-framerate",
        &fps.to_string(),
        "-i",
        &dir.join("frame_%06d.png").to_string_lossy(),
        "-c:v",
        "libx264",
        "-pix_fmt",
        "yuv420p",
        "-vf",
        "pad=ceil(iw/2)*2:ceil(ih/2)*2",
        "-r",
        &fps.to_string(),
        &dir.join("video.mp4").to_string_lossy(),
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

/// The command as a shell line, quoted, for the user to run.
pub fn shell_line(program: &str, args: &[String]) -> String {
    let quote = |s: &str| {
        if !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:%".contains(c)) {
            s.to_string()
        } else {
            format!("'{}'", s.replace('\'', r"'\''"))
        }
    };
    std::iter::once(program).chain(args.iter().map(String::as_str)).map(quote).collect::<Vec<_>>().join(" ")
}

/// Whether `program` is on PATH.
pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

/// Makes `dir/video.mp4` when ffmpeg is installed; otherwise prints the command to run.
pub fn make_video(dir: &Path, fps: u32) -> Result<(), String> {
    let args = ffmpeg_args(dir, fps);
    if !on_path("ffmpeg") {
        println!("ffmpeg is not installed; to make the video, install it and run:\n  {}", shell_line("ffmpeg", &args));
        return Ok(());
    }
    let status = std::process::Command::new("ffmpeg").args(&args).status().map_err(|e| format!("cannot run ffmpeg: {e}"))?;
    if !status.success() {
        return Err(format!("ffmpeg failed ({status}); the frames are in {}; the command was:\n  {}", dir.display(), shell_line("ffmpeg", &args)));
    }
    println!("video: {}", dir.join("video.mp4").display());
    Ok(())
}

/// Removes the `frame_NNNNNN.png` files of an earlier recording, so that ffmpeg does not
/// pick up the tail of a longer one. Nothing else in the folder is touched.
pub fn remove_old_frames(dir: &Path) -> Result<usize, String> {
    let mut removed = 0;
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let digits = name.strip_prefix("frame_").and_then(|s| s.strip_suffix(".png"));
        if digits.is_some_and(|d| d.len() == 6 && d.bytes().all(|b| b.is_ascii_digit())) {
            std::fs::remove_file(entry.path()).map_err(|e| format!("{}: {e}", entry.path().display()))?;
            removed += 1;
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ffmpeg_line_is_quoted_for_a_shell() {
        let line = shell_line("ffmpeg", &ffmpeg_args(Path::new("out/my video"), 30));
        assert!(line.contains("-framerate 30"), "{line}");
        assert!(line.contains("'out/my video/frame_%06d.png'"), "{line}");
        assert!(line.contains("-pix_fmt yuv420p"), "{line}");
        assert!(line.ends_with("'out/my video/video.mp4'"), "{line}");
    }

    #[test]
    fn only_old_frames_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        for name in ["frame_000001.png", "frame_000002.png", "frame_1.png", "notes.txt", "video.mp4"] {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        assert_eq!(remove_old_frames(dir.path()).unwrap(), 2);
        let mut left: Vec<String> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into()).collect();
        left.sort();
        assert_eq!(left, ["frame_1.png", "notes.txt", "video.mp4"]);
    }
}
