//! The dashboard's commands, without a window: the real plugins on MinimalPlugins, driven
//! by `app.update()` as the window drives them.

mod common;

use bevy::prelude::*;
use common::repo_path;
use dtao_sim::dashboard::lifecycle::{self, load_world, OutgoingOrders};
use dtao_sim::dashboard::session::Participants;
use dtao_sim::dashboard::{history, playback, session, Session, SimCommand};
use bevy_egui::egui;
use dtao_sim::dashboard::ui::params::{order_for, Field, ParamsState};
use dtao_sim::dashboard::ui::{charts, table, SubnetRow};
use dtao_sim::economy::Params;
use dtao_sim::transactions::{Action, Order, ParamChange, TxLog};
use dtao_sim::world::{Chain, Directory};

fn app(scenario: &str) -> App {
    let path = repo_path(scenario);
    let (scenario, genesis) = dtao_sim::scenario::load(&path).unwrap();
    let mut app = App::new();
    app.add_plugins(MinimalPlugins)
        .add_plugins(dtao_sim::SimPlugin)
        .add_plugins((lifecycle::plugin, session::plugin, playback::plugin, history::plugin))
        .insert_resource(Session::new(path, scenario, genesis));
    load_world(app.world_mut());
    app
}

fn block(app: &App) -> u64 {
    app.world().resource::<Chain>().block
}

#[test]
fn commands_step_reset_load_and_reseed() {
    let mut app = app("scenarios/equal_start.toml");
    app.world_mut().write_message(SimCommand::Step(361));
    // A long step goes on over frames, within each frame's budget.
    for _ in 0..1_000 {
        app.update();
        if block(&app) >= 361 {
            break;
        }
    }
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

/// Runs one egui frame of the rules panel with these events; returns the changes committed.
fn rules_frame(ctx: &egui::Context, state: &mut ParamsState, params: &Params, events: Vec<egui::Event>) -> Vec<ParamChange> {
    let input = egui::RawInput {
        events,
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(600.0, 500.0))),
        ..Default::default()
    };
    let mut changes = Vec::new();
    ctx.run_ui(input, |ui| changes = state.rules_ui(ui, params, 1_000_000 * 1_000_000_000, 0)).drop_without_applying_deltas();
    changes
}

fn click(at: egui::Pos2, pressed: bool) -> egui::Event {
    egui::Event::PointerButton { pos: at, button: egui::PointerButton::Primary, pressed, modifiers: Default::default() }
}

fn key(key: egui::Key) -> egui::Event {
    egui::Event::Key { key, physical_key: None, pressed: true, repeat: false, modifiers: Default::default() }
}

/// Clicks a field, types `text` and presses Enter, as a person would; returns the changes.
fn type_into(ctx: &egui::Context, state: &mut ParamsState, params: &Params, field: Field, text: &str) -> Vec<ParamChange> {
    let at = state.rects[&field].center();
    let mut changes = rules_frame(ctx, state, params, vec![egui::Event::PointerMoved(at), click(at, true)]);
    changes.extend(rules_frame(ctx, state, params, vec![click(at, false)]));
    changes.extend(rules_frame(ctx, state, params, vec![]));
    // Focus has moved to the field's text box, with its text selected: typing replaces it.
    changes.extend(rules_frame(ctx, state, params, vec![egui::Event::Text(text.into())]));
    changes.extend(rules_frame(ctx, state, params, vec![key(egui::Key::Enter)]));
    changes.extend(rules_frame(ctx, state, params, vec![]));
    changes
}

#[test]
fn parameters_typed_in_the_panel_are_applied_from_the_next_block() {
    let mut app = app("scenarios/equal_start.toml");
    let ctx = egui::Context::default();
    let mut state = ParamsState::default();
    let params = app.world().resource::<Params>().clone();
    assert_eq!(params.tempo, 360);
    // A first frame lays the panel out, so that the fields have a place to click.
    assert!(rules_frame(&ctx, &mut state, &params, vec![]).is_empty());

    let changes = type_into(&ctx, &mut state, &params, Field::Tempo, "100");
    assert_eq!(changes, vec![ParamChange::Tempo(100)], "typing 100 and Enter commits exactly one change");
    let changes2 = type_into(&ctx, &mut state, &params, Field::Fee, "50000");
    assert_eq!(changes2, vec![ParamChange::FeeRao(50_000)]);
    for change in changes.into_iter().chain(changes2) {
        app.world_mut().resource_mut::<OutgoingOrders>().0.push(order_for(change));
    }
    // Paused, an edit runs no block: it waits for the next one, as its message says.
    app.update();
    assert_eq!(block(&app), 0, "an edit while paused runs no block");
    assert_eq!(app.world().resource::<Params>().tempo, 360, "not in force before the next block");
    app.world_mut().write_message(SimCommand::Step(1));
    app.update();
    assert_eq!(block(&app), 1);
    let applied = app.world().resource::<Params>();
    assert_eq!(applied.tempo, 100, "the typed tempo is in force");
    assert_eq!(applied.fee_rao, 50_000);
    // An edit queued while paused and then Reset is the old world's: dropped.
    app.world_mut().resource_mut::<OutgoingOrders>().0.push(order_for(ParamChange::Tempo(50)));
    app.world_mut().write_message(SimCommand::Reset);
    app.update();
    assert!(app.world().resource::<OutgoingOrders>().0.is_empty(), "Reset drops the queued edit");
    app.world_mut().write_message(SimCommand::Step(1));
    app.update();
    assert_eq!(app.world().resource::<Params>().tempo, 360, "the reset world has the scenario's tempo");

    // Out of range: refused in the panel with the range, nothing sent.
    let params = app.world().resource::<Params>().clone();
    let changes = type_into(&ctx, &mut state, &params, Field::TaoWeight, "1.5");
    assert!(changes.is_empty(), "1.5 is outside 0–1: {changes:?}");
    let (refused, message) = state.message.clone().unwrap();
    assert!(refused && message.contains("between 0.000 and 1.000"), "{message}");

    // Dragging changes the value and commits it when the drag ends.
    let at = state.rects[&Field::BlockReward].center();
    let mut changes = rules_frame(&ctx, &mut state, &params, vec![egui::Event::PointerMoved(at), click(at, true)]);
    for dx in 1..=10 {
        changes.extend(rules_frame(&ctx, &mut state, &params, vec![egui::Event::PointerMoved(at + egui::vec2(dx as f32 * 5.0, 0.0))]));
    }
    changes.extend(rules_frame(&ctx, &mut state, &params, vec![click(at + egui::vec2(50.0, 0.0), false)]));
    assert_eq!(changes.len(), 1, "one change, when the drag ends: {changes:?}");
    let ParamChange::BlockRewardRao(reward) = changes[0] else { panic!("{changes:?}") };
    assert!(reward > 1_000_000_000, "dragging right raised the reward: {reward}");
}

#[test]
fn a_holder_that_just_bought_is_worth_no_more_than_it_paid_if_it_sold() {
    let mut app = app("scenarios/equal_start.toml");
    let you = app.world().resource::<Participants>().you;
    let paid = 2_000 * 1_000_000_000;
    app.world_mut().resource_mut::<OutgoingOrders>().0.push(Order::new(you, Action::Stake { netuid: 5, tao: paid }));
    app.update();
    assert_eq!(app.world().resource::<TxLog>().accepted, 1);
    // The block-0 point is the value before block 0's events; step on to the next sample.
    app.world_mut().resource_mut::<dtao_sim::metrics::Sampling>().holders_every = 1;
    app.world_mut().write_message(SimCommand::Step(1));
    app.update();
    let history = app.world().resource::<history::ChartHistory>();
    let point = history.strategies[session::YOU].last().copied().unwrap();
    // You started with 10,000 TAO, 2,000 of which went into the pool.
    let start = session::YOUR_TAO as f64;
    assert!(point.exit <= start, "exit value {} exceeds the {} TAO You had", point.exit, start);
    assert!(point.exit > start - 2_000.0, "selling returns most of what was paid: {}", point.exit);
    assert!(point.spot > point.exit, "spot value {} flatters the exit value {}", point.spot, point.exit);
}

#[test]
fn playback_stops_at_pause_captions_and_at_the_scenario_end() {
    let text = std::fs::read_to_string(repo_path("scenarios/equal_start.toml")).unwrap();
    let text = text.replace("blocks = 7200", "blocks = 300")
        + "\n[[captions]]\nblock = 120\ntext = \"Stop here.\"\npause = true\n";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("paused.toml");
    std::fs::write(&path, text).unwrap();
    let mut app = app("scenarios/equal_start.toml");
    app.world_mut().write_message(SimCommand::Load(path));
    app.update();
    assert_eq!(app.world().resource::<dtao_sim::scenario::spawn::ScenarioInfo>().blocks, 300);
    app.world_mut().write_message(SimCommand::SetSpeed(f64::INFINITY));
    app.world_mut().write_message(SimCommand::TogglePlay);
    for _ in 0..200 {
        app.update();
        if !app.world().resource::<playback::Playback>().playing {
            break;
        }
    }
    assert_eq!(block(&app), 121, "paused once the caption of block 120 is on screen");
    app.world_mut().write_message(SimCommand::TogglePlay);
    for _ in 0..200 {
        app.update();
        if !app.world().resource::<playback::Playback>().playing {
            break;
        }
    }
    assert_eq!(block(&app), 300, "stopped at the scenario's length");
    // Reset pauses, and N runs to the next caption.
    app.world_mut().write_message(SimCommand::TogglePlay);
    app.update();
    app.world_mut().write_message(SimCommand::Reset);
    app.update();
    assert!(!app.world().resource::<playback::Playback>().playing, "reset pauses");
    app.world_mut().write_message(SimCommand::NextCaption);
    for _ in 0..200 {
        app.update();
        if app.world().resource::<playback::Playback>().target.is_none() {
            break;
        }
    }
    assert_eq!(block(&app), 121);
}

#[test]
fn lesson_keys_are_read_and_unknown_charts_refused_with_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let base = "title = \"t\"\nfocus_charts = [\"emission\", \"root_prop\"]\n[subnets]\ncount = 2\ntao = 100\nalpha = 100\n\
                [[captions]]\nblock = 50\ntext = \"b\"\npause = true\n[[captions]]\nblock = 10\ntext = \"a\"\n";
    let good = dir.path().join("good.toml");
    std::fs::write(&good, base).unwrap();
    let (_, genesis) = dtao_sim::scenario::load(&good).unwrap();
    assert_eq!(genesis.focus_charts, ["emission", "root_prop"]);
    let blocks: Vec<(u64, bool)> = genesis.captions.iter().map(|c| (c.block, c.pause)).collect();
    assert_eq!(blocks, [(10, false), (50, true)], "captions in block order, pause kept");
    let bad = dir.path().join("bad.toml");
    std::fs::write(&bad, base.replace("\"root_prop\"", "\"rootprop\"")).unwrap();
    let err = dtao_sim::scenario::load(&bad).expect_err("an unknown chart is refused");
    assert_eq!((err.line, err.field.as_str()), (2, "focus_charts[1]"), "{err}");
    assert!(err.message.contains("root_prop"), "the known names are listed: {err}");
}

/// The equal-start world under mainnet-2026-08, written to `dir`.
fn chain_era_scenario(dir: &std::path::Path) -> std::path::PathBuf {
    let text = std::fs::read_to_string(repo_path("scenarios/equal_start.toml")).unwrap().replace("preset = \"bit001\"", "preset = \"mainnet-2026-08\"");
    let path = dir.join("chain_era.toml");
    std::fs::write(&path, text).unwrap();
    path
}

fn subnet_chain(app: &mut App, netuid: u16) -> dtao_sim::world::SubnetChain {
    let entity = app.world().resource::<Directory>().subnets[&netuid];
    *app.world().get::<dtao_sim::world::SubnetChain>(entity).unwrap()
}

/// Runs one egui frame of the "Subnet" section for this subnet; returns the changes committed.
fn subnet_frame(ctx: &egui::Context, state: &mut ParamsState, row: &SubnetRow, events: Vec<egui::Event>) -> Vec<ParamChange> {
    let input = egui::RawInput {
        events,
        screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(600.0, 500.0))),
        ..Default::default()
    };
    let mut changes = Vec::new();
    ctx.run_ui(input, |ui| changes = state.subnet_ui(ui, row, 0)).drop_without_applying_deltas();
    changes
}

/// Clicks at `at`, types `text` and presses Enter; returns the changes.
fn type_into_subnet(ctx: &egui::Context, state: &mut ParamsState, row: &SubnetRow, at: egui::Pos2, text: &str) -> Vec<ParamChange> {
    let mut changes = subnet_frame(ctx, state, row, vec![egui::Event::PointerMoved(at), click(at, true)]);
    changes.extend(subnet_frame(ctx, state, row, vec![click(at, false)]));
    changes.extend(subnet_frame(ctx, state, row, vec![]));
    changes.extend(subnet_frame(ctx, state, row, vec![egui::Event::Text(text.into())]));
    changes.extend(subnet_frame(ctx, state, row, vec![key(egui::Key::Enter)]));
    changes.extend(subnet_frame(ctx, state, row, vec![]));
    changes
}

#[test]
fn miner_burned_and_the_emission_switch_edited_in_the_panel_reach_the_subnet() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(chain_era_scenario(dir.path()).to_str().unwrap());
    assert_eq!(app.world().resource::<Params>().rule_set, dtao_sim::economy::RuleSet::Mainnet2026_08);
    let era = subnet_chain(&mut app, 3);
    assert_eq!((era.miner_burned, era.emission_enabled), (0.0, true));
    let row = |era: dtao_sim::world::SubnetChain| SubnetRow { netuid: 3, name: "SN3".into(), miner_burned: era.miner_burned, emission_enabled: era.emission_enabled, ..Default::default() };
    let ctx = egui::Context::default();
    let mut state = ParamsState::default();
    assert!(subnet_frame(&ctx, &mut state, &row(era), vec![]).is_empty());

    // 50 typed in percent is MinerBurned 0.5, in force after the next block's transactions.
    let at = state.miner_burned_rect.unwrap().center();
    let changes = type_into_subnet(&ctx, &mut state, &row(era), at, "50");
    assert_eq!(changes, vec![ParamChange::MinerBurned { netuid: 3, value: 0.5 }]);
    assert_eq!(state.subnet_message.clone().map(|m| m.0), Some(false));
    for change in changes {
        app.world_mut().resource_mut::<OutgoingOrders>().0.push(order_for(change));
    }
    app.update();
    assert_eq!(block(&app), 0, "paused, an edit waits for the next block");
    app.world_mut().write_message(SimCommand::Step(1));
    app.update();
    assert_eq!(block(&app), 1);
    assert_eq!(subnet_chain(&mut app, 3).miner_burned, 0.5, "the typed MinerBurned is in SN3's SubnetChain");
    assert_eq!(subnet_chain(&mut app, 4).miner_burned, 0.0, "and only in SN3's");

    // Outside 0–100 %: refused in the panel, saying why, and nothing sent.
    let era = subnet_chain(&mut app, 3);
    let changes = type_into_subnet(&ctx, &mut state, &row(era), at, "150");
    assert!(changes.is_empty(), "{changes:?}");
    let (refused, message) = state.subnet_message.clone().unwrap();
    assert!(refused && message.contains("between 0% and 100%"), "{message}");
    assert_eq!(dtao_sim::dashboard::ui::params::miner_burned_change(3, f64::NAN).map_err(|m| m.contains("refused")), Err(true));
    for text in ["abc", "NaN"] {
        state.subnet_message = None;
        let changes = type_into_subnet(&ctx, &mut state, &row(era), at, text);
        assert!(changes.is_empty(), "{text}: {changes:?}");
        let (refused, message) = state.subnet_message.clone().unwrap_or_default();
        assert!(refused && message.contains("refused"), "{text}: {message}");
    }

    // The emission switch: one click turns SN3's TAO emission off.
    let at = state.emission_rect.unwrap().center();
    let mut changes = subnet_frame(&ctx, &mut state, &row(era), vec![egui::Event::PointerMoved(at), click(at, true)]);
    changes.extend(subnet_frame(&ctx, &mut state, &row(era), vec![click(at, false)]));
    assert_eq!(changes, vec![ParamChange::EmissionEnabled { netuid: 3, on: false }]);
    app.world_mut().resource_mut::<OutgoingOrders>().0.push(order_for(changes[0].clone()));
    app.world_mut().write_message(SimCommand::Step(1));
    app.update();
    assert!(!subnet_chain(&mut app, 3).emission_enabled);
}

/// The texts one frame of the charts paints.
fn chart_texts(ctx: &egui::Context, history: &history::ChartHistory, block: u64, gate_bar: Option<f64>, stacked: bool) -> Vec<String> {
    let rows: Vec<SubnetRow> = history.subnets.keys().map(|n| SubnetRow { netuid: *n, ..Default::default() }).collect();
    let mut colours = dtao_sim::dashboard::theme::SubnetColours::default();
    colours.update(&rows.iter().map(|r| (r.netuid, 0.1)).collect::<Vec<_>>(), 5, None, &[]);
    let hidden = dtao_sim::dashboard::theme::HiddenSubnets::default();
    let mut presentation = dtao_sim::dashboard::theme::Presentation::default();
    presentation.charts = vec![charts::ChartKind::Shares, charts::ChartKind::ChainBuys];
    presentation.stacked_shares = stacked;
    let mut cache = charts::PlotCache::default();
    let input = charts::ChartInput { history, rows: &rows, captions: &[], block, start_block: 0, ema: true, root_alpha_kept: true, gate_bar, hidden: &hidden, colours: &colours, own: "mainnet-2026-08", others: &[] };
    let mut texts = Vec::new();
    for _ in 0..2 {
        let raw = egui::RawInput { screen_rect: Some(egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1280.0, 720.0))), ..Default::default() };
        let mut output = ctx.run_ui(raw, |ui| {
            charts::ui(ui, &input, &mut presentation, &mut cache);
        });
        texts.clear();
        fn walk(shape: &egui::Shape, texts: &mut Vec<String>) {
            match shape {
                egui::Shape::Text(t) => texts.push(t.galley.text().to_string()),
                egui::Shape::Vec(v) => v.iter().for_each(|s| walk(s, texts)),
                _ => {}
            }
        }
        output.shapes.iter().for_each(|c| walk(&c.shape, &mut texts));
        // Nothing draws the fonts' texture here.
        output.textures_delta.clear();
    }
    texts
}

#[test]
fn the_gate_bar_and_chain_buys_appear_only_under_mainnet_2026_08() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app(chain_era_scenario(dir.path()).to_str().unwrap());
    app.world_mut().write_message(SimCommand::Step(20));
    for _ in 0..100 {
        app.update();
        if block(&app) >= 20 {
            break;
        }
    }
    let theta = app.world().resource::<Chain>().gate_bar;
    assert!(theta > 0, "the first blocks set the gate bar");
    let history = app.world().resource::<history::ChartHistory>().clone();
    assert_eq!(history.chain.gate_bar.len(), 20, "θ is kept for every block");
    assert!(history.chain.gate_bar.iter().all(|t| *t > 0.0 && *t < 1.0), "{:?}", history.chain.gate_bar);
    let share = history::gate_share(theta);
    let ctx = egui::Context::default();
    let texts = chart_texts(&ctx, &history, 20, Some(share), false);
    let label = format!("gate bar θ = {:.2}%", share * 100.0);
    assert_eq!(texts.iter().filter(|t| **t == label).count(), 2, "the bar is named above the chart and on its line: {texts:?}");
    assert!(texts.iter().any(|t| t.starts_with("Chain buys")), "{texts:?}");
    // Stacked bands have no line for it; the value is still said above the chart.
    let texts = chart_texts(&ctx, &history, 20, Some(share), true);
    assert_eq!(texts.iter().filter(|t| **t == label).count(), 1, "{texts:?}");
    // The stacked axis runs exactly 0 to 100%: no "105%" from a margin above the bands.
    assert!(texts.iter().any(|t| t == "100%") && !texts.iter().any(|t| t.starts_with("10") && t.ends_with('%') && t != "100%" && t != "10%"), "{texts:?}");

    // Under another rule set: no bar, no chain-buy chart, no chain-era columns.
    let ctx = egui::Context::default();
    let texts = chart_texts(&ctx, &history, 20, None, false);
    assert!(!texts.iter().any(|t| t.contains("gate bar") || t.starts_with("Chain buys")), "{texts:?}");
    let headings = |mode| table::columns(mode).iter().map(|c| c.1).collect::<Vec<_>>();
    let era = headings(table::Mode { chain_era: true, ..Default::default() });
    assert!(["chain buy τ/blk", "protocol α", "miners burned", "TAO em."].iter().all(|h| era.contains(h)), "{era:?}");
    assert_eq!(headings(table::Mode::default()).len() + 4, era.len());
}

#[test]
fn compare_mode_runs_every_rule_set_in_lockstep_with_the_same_trades() {
    use dtao_sim::dashboard::compare_worlds::{CompareSet, CompareWorlds};
    use dtao_sim::economy::RuleSet;
    let mut app = app("scenarios/flow_era.toml");
    app.add_plugins(dtao_sim::dashboard::compare_worlds::plugin);
    app.insert_resource(CompareSet(vec![RuleSet::Mainnet2025_11, RuleSet::Bit001, RuleSet::Mainnet2025_02]));
    load_world(app.world_mut());
    // The window's world runs flow_era's own preset; the other two are beside it.
    let rule_sets: Vec<RuleSet> = app.world().resource::<CompareWorlds>().0.iter().map(|w| w.rule_set).collect();
    assert_eq!(rule_sets, [RuleSet::Bit001, RuleSet::Mainnet2025_02]);

    let you = app.world().resource::<Participants>().you;
    app.world_mut().resource_mut::<OutgoingOrders>().0.push(Order::new(you, Action::Stake { netuid: 3, tao: 100_000_000_000 }));
    app.update();
    app.world_mut().write_message(SimCommand::Step(400));
    for _ in 0..1_000 {
        app.update();
        if block(&app) >= 401 {
            break;
        }
    }
    assert_eq!(block(&app), 401);
    let accepted = app.world().resource::<TxLog>().accepted;
    assert!(accepted > 1);
    let mut worlds = app.world_mut().resource_mut::<CompareWorlds>();
    let mut shares = Vec::new();
    for other in worlds.0.iter_mut() {
        assert_eq!(other.world.resource::<Chain>().block, 401, "{} runs in lockstep", other.rule_set);
        assert_eq!(other.world.resource::<Params>().rule_set, other.rule_set);
        // Your trade and flow_era's scripted events, in every world alike.
        assert_eq!(other.world.resource::<TxLog>().accepted, accepted, "{}", other.rule_set);
        assert!(other.world.resource::<dtao_sim::world::Ledger>().holder_alpha(3, you) > 0, "your trade reached {}", other.rule_set);
        assert_eq!(other.history().subnets[&2].blocks.len(), 401, "{} keeps its own chart history", other.rule_set);
        let sn2 = other.prices_and_shares().into_iter().find(|r| r.0 == 2).unwrap();
        shares.push(sn2.2);
    }
    // flow_era's SN2 is sold every tempo: the window's Nov-2025 world gives it nothing, while
    // BIT001 pays it by its high price and Feb-2025 by its moving price.
    let own_sn2 = app.world_mut().query::<(&dtao_sim::world::Subnet, &dtao_sim::world::BlockFlow)>().iter(app.world()).find(|(s, _)| s.netuid == 2).unwrap().1.share;
    assert_eq!(own_sn2, 0.0);
    assert!(shares.iter().all(|s| *s > 0.1), "{shares:?}");

    // A reset rebuilds the other worlds at block 0.
    app.world_mut().write_message(SimCommand::Reset);
    app.update();
    assert!(app.world().resource::<CompareWorlds>().0.iter().all(|w| w.world.resource::<Chain>().block == 0));
}


#[test]
fn n_while_playing_stops_at_a_pause_caption_and_says_when_the_lesson_is_over() {
    let mut app = app("scenarios/equal_start.toml");
    app.world_mut().write_message(SimCommand::TogglePlay);
    app.update();
    assert!(app.world().resource::<playback::Playback>().playing);
    // equal_start's caption at block 1,800 is marked pause.
    app.world_mut().write_message(SimCommand::NextCaption);
    for _ in 0..1_000 {
        app.update();
        if app.world().resource::<playback::Playback>().target.is_none() {
            break;
        }
    }
    let playback = app.world().resource::<playback::Playback>();
    assert_eq!(block(&app), 1_801, "the caption of block 1,800 is on screen");
    assert!(!playback.playing, "N while playing stops at a pause caption");
    assert!(playback.stopped.as_deref().is_some_and(|s| s.contains("paused at a caption")), "{:?}", playback.stopped);
    // Past the last caption, N says so instead of doing nothing.
    app.world_mut().write_message(SimCommand::RunTo(6_000));
    for _ in 0..1_000 {
        app.update();
        if app.world().resource::<playback::Playback>().target.is_none() {
            break;
        }
    }
    app.world_mut().write_message(SimCommand::NextCaption);
    app.update();
    let stopped = app.world().resource::<playback::Playback>().stopped.clone();
    assert!(stopped.as_deref().is_some_and(|s| s.contains("end of the lesson")), "{stopped:?}");
}
