//! Play, pause, step and speed. The simulation advances by a block budget per frame, so
//! its speed does not depend on the frame rate, and a frame never waits long for it: long
//! runs ("+1 day", jumping to a caption) go on over several frames with their progress
//! shown, and playback stops by itself at captions marked `pause` and at the scenario's end.

use super::lifecycle::{load_world, run_blocks, LoadStep, OutgoingOrders, WorldLoaded};
use super::session::Session;
use crate::scenario::spawn::ScenarioInfo;
use crate::world::Chain;
use bevy::prelude::*;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// A command from the window to the simulation.
#[derive(Message, Clone, Debug, PartialEq)]
pub enum SimCommand {
    TogglePlay,
    /// Run this many blocks (step one block, one tempo, one day); long steps go on over
    /// several frames.
    Step(u64),
    /// Blocks per second; `f64::INFINITY` runs as fast as the frame budget allows.
    SetSpeed(f64),
    /// Rebuild the world from the scenario, paused.
    Reset,
    /// Load another scenario file.
    Load(PathBuf),
    /// Reset with another seed.
    SetSeed(u64),
    /// Go to the end of this block: forward by running, back by replaying from the start
    /// (the scenario is deterministic; trades made in the window are not replayed).
    RunTo(u64),
    /// Run to the next caption, so that it is on screen.
    NextCaption,
    /// Compare mode with these rule sets (empty: off); the scenario starts again.
    SetCompare(Vec<crate::economy::RuleSet>),
}

/// A run to a given block, spread over frames.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Target {
    pub from: u64,
    pub to: u64,
}

impl Target {
    /// Done so far, 0 to 1.
    pub fn progress(&self, block: u64) -> f32 {
        if self.to <= self.from {
            return 1.0;
        }
        (block.saturating_sub(self.from) as f64 / (self.to - self.from) as f64).clamp(0.0, 1.0) as f32
    }
}

#[derive(Resource, Clone, Debug)]
pub struct Playback {
    pub playing: bool,
    /// Blocks per second.
    pub speed: f64,
    /// Fractional blocks carried to the next frame.
    carry: f64,
    /// Blocks run in the last second, measured.
    pub measured_speed: f64,
    window_start: Option<Instant>,
    window_blocks: u64,
    /// A long run in progress.
    pub target: Option<Target>,
    /// Why playback last stopped by itself (a caption, the scenario's end), for the top bar.
    pub stopped: Option<String>,
    /// Measured cost of one block, smoothed, to size the chunks run within a frame.
    seconds_per_block: f64,
}

impl Default for Playback {
    fn default() -> Self {
        Playback {
            playing: false,
            speed: 50.0,
            carry: 0.0,
            measured_speed: 0.0,
            window_start: None,
            window_blocks: 0,
            target: None,
            stopped: None,
            seconds_per_block: 1e-4,
        }
    }
}

impl Playback {
    /// Stops playing and forgets any run in progress (a reset or a new scenario).
    pub fn stop(&mut self) {
        self.playing = false;
        self.target = None;
        self.carry = 0.0;
        self.stopped = None;
    }
}

/// Steps up to this many blocks run at once; longer ones go over several frames.
const IMMEDIATE_STEP: u64 = 50;

pub fn plugin(app: &mut App) {
    app.init_resource::<Playback>()
        .add_message::<SimCommand>()
        .add_systems(WorldLoaded, stop_playing.in_set(LoadStep::React))
        .add_systems(Update, (apply_commands, advance.run_if(not(resource_exists::<ClockOff>))).chain());
}

/// While this resource exists, playback's clock is off: something else decides when blocks
/// run (`dtao-sim record` inserts it).
#[derive(Resource, Clone, Copy, Debug, Default)]
pub struct ClockOff;

/// A new world starts paused, whatever was playing before.
fn stop_playing(mut playback: ResMut<Playback>) {
    playback.stop();
}

fn start_target(world: &mut World, to: u64) {
    let from = world.resource::<Chain>().block;
    world.resource_mut::<Playback>().target = (to > from).then_some(Target { from, to });
}

fn apply_commands(world: &mut World) {
    let commands: Vec<SimCommand> = world.resource_mut::<Messages<SimCommand>>().drain().collect();
    for command in commands {
        match command {
            SimCommand::TogglePlay => {
                let mut p = world.resource_mut::<Playback>();
                p.playing = !p.playing;
                p.stopped = None;
            }
            SimCommand::Step(n) if n <= IMMEDIATE_STEP => run_blocks(world, n),
            SimCommand::Step(n) => {
                let block = world.resource::<Chain>().block;
                start_target(world, block + n);
            }
            SimCommand::SetSpeed(s) => world.resource_mut::<Playback>().speed = s.max(0.1),
            SimCommand::Reset => load_world(world),
            SimCommand::SetSeed(seed) => {
                world.resource_mut::<Session>().genesis.seed = seed;
                load_world(world);
            }
            SimCommand::Load(path) => match crate::scenario::load(&path) {
                Ok((scenario, genesis)) => {
                    let generation = world.resource::<Session>().generation;
                    *world.resource_mut::<Session>() = Session { generation, ..Session::new(path, scenario, genesis) };
                    load_world(world);
                }
                Err(e) => world.resource_mut::<Session>().status = e.to_string(),
            },
            SimCommand::RunTo(block) => {
                if block < world.resource::<Chain>().block {
                    let playing = world.resource::<Playback>().playing;
                    load_world(world);
                    world.resource_mut::<Playback>().playing = playing;
                }
                start_target(world, block);
            }
            SimCommand::SetCompare(rule_sets) => {
                world.insert_resource(super::compare_worlds::CompareSet(rule_sets));
                load_world(world);
            }
            SimCommand::NextCaption => {
                let block = world.resource::<Chain>().block;
                // A caption shows once its block has run.
                // (block 0's is on screen from the start).
                let next = world.resource::<ScenarioInfo>().captions.iter().filter(|c| c.block > 0).map(|c| c.block + 1).find(|b| *b > block);
                match next {
                    Some(to) => start_target(world, to),
                    // Said, not silent: the lesson has no caption left.
                    None => world.resource_mut::<Playback>().stopped = Some("end of the lesson: no caption after this one (R starts again)".into()),
                }
            }
        }
    }
}

/// The next block at which playing stops by itself: a caption marked `pause` comes on
/// screen, or the scenario's length is reached (once; Play goes on past it).
fn next_stop(world: &World) -> Option<(u64, String)> {
    let block = world.resource::<Chain>().block;
    let info = world.resource::<ScenarioInfo>();
    let caption = info.captions.iter().filter(|c| c.pause && c.block > 0 && c.block + 1 > block).map(|c| (c.block + 1, "paused at a caption: press Space to go on".to_string()));
    let end = (info.blocks > block).then(|| (info.blocks, format!("end of the scenario ({} blocks): press Space to go on", super::readable::thousands(info.blocks as f64, 0))));
    caption.chain(end).min_by_key(|(b, _)| *b)
}

/// The pause caption that comes on screen at `block`, if any.
fn pause_at(world: &World, block: u64) -> Option<String> {
    let info = world.resource::<ScenarioInfo>();
    info.captions.iter().any(|c| c.pause && c.block > 0 && c.block + 1 == block).then(|| "paused at a caption: press Space to go on".to_string())
}

/// Runs up to `todo` blocks within `budget`, in chunks sized from the measured cost of a
/// block; returns the blocks run.
fn run_within(world: &mut World, playback: &mut Playback, mut todo: u64, budget: Duration) -> u64 {
    let start = Instant::now();
    let mut done = 0;
    while todo > 0 {
        let left = budget.saturating_sub(start.elapsed()).as_secs_f64();
        if left <= 0.0 {
            break;
        }
        let chunk = ((left / playback.seconds_per_block.max(1e-7)) as u64).clamp(1, 200).min(todo);
        let t = Instant::now();
        run_blocks(world, chunk);
        let per_block = t.elapsed().as_secs_f64() / chunk as f64;
        playback.seconds_per_block += 0.3 * (per_block - playback.seconds_per_block);
        done += chunk;
        todo -= chunk;
    }
    done
}

fn advance(world: &mut World) {
    // Real time: the virtual clock caps a frame at 250 ms, which would slow the requested
    // speed down whenever frames are slow.
    let dt = world.resource::<Time<Real>>().delta_secs_f64();
    let mut playback = world.resource::<Playback>().clone();
    // A trade waits for no one: paused, it runs in a block of its own so that its effect
    // shows at once. A rule change waits for the next block, whenever that is: an edit
    // made while paused runs nothing ("applies from block N" stays true).
    let pending_trades = world.resource::<OutgoingOrders>().0.iter().any(|o| !matches!(o.action, crate::transactions::Action::SetParam(_)));
    // Most of a frame may go to the simulation; slow frames (software rendering, a big
    // world) get a proportionally larger share so that the speed is still met.
    let budget = Duration::from_secs_f64((dt * 0.5).clamp(0.010, 0.060));
    let block = world.resource::<Chain>().block;
    let mut done = 0;
    if let Some(target) = playback.target {
        done = run_within(world, &mut playback, target.to.saturating_sub(block), budget.max(Duration::from_millis(25)));
        if world.resource::<Chain>().block >= target.to {
            playback.target = None;
            // A jump that lands on a caption marked `pause` stops there, playing or not.
            if let Some(why) = pause_at(world, target.to) {
                playback.playing = false;
                playback.carry = 0.0;
                playback.stopped = Some(why);
            }
        }
    } else if playback.playing {
        let mut todo = if playback.speed.is_finite() {
            let wanted = playback.speed * dt + playback.carry;
            let todo = wanted.floor() as u64;
            playback.carry = wanted - todo as f64;
            todo
        } else {
            // "Max": as many blocks as the frame budget allows.
            playback.carry = 0.0;
            u64::MAX
        };
        let stop = next_stop(world);
        if let Some((at, _)) = &stop {
            todo = todo.min(at.saturating_sub(block));
        }
        done = run_within(world, &mut playback, todo, budget);
        if done < todo && playback.speed.is_finite() {
            playback.carry = 0.0; // The budget ran out: drop the backlog rather than lag behind.
        }
        if let Some((at, why)) = stop
            && world.resource::<Chain>().block >= at
        {
            playback.playing = false;
            playback.carry = 0.0;
            playback.stopped = Some(why);
        }
    } else {
        playback.measured_speed = 0.0;
        if pending_trades {
            run_blocks(world, 1);
        }
    }
    let now = Instant::now();
    let since = *playback.window_start.get_or_insert(now);
    playback.window_blocks += done;
    if now.duration_since(since) >= Duration::from_secs(1) {
        playback.measured_speed = playback.window_blocks as f64 / now.duration_since(since).as_secs_f64();
        playback.window_start = Some(now);
        playback.window_blocks = 0;
    }
    *world.resource_mut::<Playback>() = playback;
}
