//! The dashboard's commands, without a window: the real plugins on MinimalPlugins, driven
//! by `app.update()` as the window drives them.

mod common;

use bevy::prelude::*;
use common::repo_path;
use dtao_sim::dashboard::playback::OutgoingOrders;
use dtao_sim::dashboard::session::{load_session, Participants};
use dtao_sim::dashboard::{history, playback, session, Session, SimCommand};
use dtao_sim::transactions::{Action, Order, TxLog};
use dtao_sim::world::{Chain, Directory};

fn app(scenario: &str) -> App {
    let path = repo_path(scenario);
    let (_, genesis) = dtao_sim::scenario::load(&path).unwrap();
    let mut app = App::new();
    app.add_plugins(MinimalPlugins)
        .add_plugins(dtao_sim::SimPlugin)
        .add_plugins((session::plugin, playback::plugin, history::plugin))
        .insert_resource(Session::new(path, genesis));
    load_session(app.world_mut());
    app
}

fn block(app: &App) -> u64 {
    app.world().resource::<Chain>().block
}

#[test]
fn commands_step_reset_load_and_reseed() {
    let mut app = app("scenarios/equal_start.toml");
    app.world_mut().write_message(SimCommand::Step(361));
    app.update();
    assert_eq!(block(&app), 361);
    let history = app.world().resource::<history::ChartHistory>();
    assert_eq!(history.subnets.len(), 8);
    assert_eq!(history.subnets[&1].blocks.len(), 361, "every block is kept for the charts");

    app.world_mut().write_message(SimCommand::Reset);
    app.update();
    assert_eq!(block(&app), 0);
    assert!(app.world().resource::<history::ChartHistory>().subnets.is_empty());

    app.world_mut().write_message(SimCommand::Load(repo_path("scenarios/halving.toml")));
    app.update();
    assert_eq!(app.world().resource::<Directory>().subnets.len(), 16);

    app.world_mut().write_message(SimCommand::Load(repo_path("scenarios/missing.toml")));
    app.update();
    assert!(app.world().resource::<Session>().status.contains("cannot read"), "a bad file is reported, the world kept");
    assert_eq!(app.world().resource::<Directory>().subnets.len(), 16);

    app.world_mut().write_message(SimCommand::SetSeed(99));
    app.update();
    assert_eq!(app.world().resource::<Session>().genesis.seed, 99);
}

#[test]
fn a_trade_from_the_window_runs_in_the_next_block_even_when_paused() {
    let mut app = app("scenarios/equal_start.toml");
    let you = app.world().resource::<Participants>().you;
    let order = Order::new(you, Action::Stake { netuid: 3, tao: 100_000_000_000 });
    app.world_mut().resource_mut::<OutgoingOrders>().0.push(order);
    app.update();
    assert_eq!(block(&app), 1, "one block runs to execute it");
    let log = app.world().resource::<TxLog>();
    assert_eq!(log.accepted, 1);
    assert!(app.world().resource::<dtao_sim::world::Ledger>().holder_alpha(3, you) > 0);

    // Playing: the block budget advances the simulation by itself.
    app.world_mut().write_message(SimCommand::SetSpeed(f64::INFINITY));
    app.world_mut().write_message(SimCommand::TogglePlay);
    for _ in 0..5 {
        app.update();
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(block(&app) > 1);
}
