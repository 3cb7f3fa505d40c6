//! Play, pause, step and speed. The simulation advances by a block budget per frame, so
//! its speed does not depend on the frame rate, and a frame never waits long for it.

use super::session::{load_session, Session};
use crate::transactions::Order;
use bevy::prelude::*;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// A command from the window to the simulation.
#[derive(Message, Clone, Debug, PartialEq)]
pub enum SimCommand {
    TogglePlay,
    /// Run this many blocks now (step one block, step one tempo).
    Step(u64),
    /// Blocks per second; `f64::INFINITY` runs as fast as the frame budget allows.
    SetSpeed(f64),
    /// Rebuild the world from the scenario.
    Reset,
    /// Load another scenario file.
    Load(PathBuf),
    /// Reset with another seed.
    SetSeed(u64),
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
}

impl Default for Playback {
    fn default() -> Self {
        Playback { playing: false, speed: 50.0, carry: 0.0, measured_speed: 0.0, window_start: None, window_blocks: 0 }
    }
}

/// Orders waiting for the next block (the window may be paused).
#[derive(Resource, Clone, Debug, Default)]
pub struct OutgoingOrders(pub Vec<Order>);

/// Most of a 60 Hz frame may go to the simulation; the rest is for drawing.
const FRAME_BUDGET: Duration = Duration::from_millis(10);

pub fn plugin(app: &mut App) {
    app.init_resource::<Playback>()
        .init_resource::<OutgoingOrders>()
        .add_message::<SimCommand>()
        .add_systems(Update, (apply_commands, advance).chain());
}

fn apply_commands(world: &mut World) {
    let commands: Vec<SimCommand> = world.resource_mut::<Messages<SimCommand>>().drain().collect();
    for command in commands {
        match command {
            SimCommand::TogglePlay => {
                let mut p = world.resource_mut::<Playback>();
                p.playing = !p.playing;
            }
            SimCommand::Step(n) => run_now(world, n),
            SimCommand::SetSpeed(s) => world.resource_mut::<Playback>().speed = s.max(0.1),
            SimCommand::Reset => load_session(world),
            SimCommand::SetSeed(seed) => {
                world.resource_mut::<Session>().genesis.seed = seed;
                load_session(world);
            }
            SimCommand::Load(path) => match crate::scenario::load(&path) {
                Ok((_, genesis)) => {
                    *world.resource_mut::<Session>() = Session::new(path, genesis);
                    load_session(world);
                }
                Err(e) => world.resource_mut::<Session>().status = e.to_string(),
            },
        }
    }
}

/// Runs `n` blocks at once, with the window's orders sent before the first, and collects
/// what they recorded.
pub fn run_now(world: &mut World, n: u64) {
    let orders = std::mem::take(&mut world.resource_mut::<OutgoingOrders>().0);
    for order in orders {
        world.write_message(order);
    }
    crate::block::run_blocks(world, n);
    super::history::collect(world);
}

fn advance(world: &mut World) {
    let dt = world.resource::<Time>().delta_secs_f64();
    let mut playback = world.resource::<Playback>().clone();
    let pending_orders = !world.resource::<OutgoingOrders>().0.is_empty();
    if !playback.playing {
        playback.measured_speed = 0.0;
        *world.resource_mut::<Playback>() = playback;
        if pending_orders {
            // A trade while paused is executed in one block, so its effect shows at once.
            run_now(world, 1);
        }
        return;
    }
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
    let start = Instant::now();
    let mut done = 0;
    while todo > 0 && start.elapsed() < FRAME_BUDGET {
        let chunk = todo.min(50);
        run_now(world, chunk);
        done += chunk;
        todo -= chunk;
    }
    if todo > 0 {
        playback.carry = 0.0; // The budget ran out: drop the backlog rather than lag behind.
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
