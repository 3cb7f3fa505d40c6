//! The left panel: what the scenario is about, and the rules, changeable live.
//!
//! A number field keeps its own draft while it is being typed in or dragged; the panel
//! never rebuilds it from the world mid-edit. An edit is committed when the field loses
//! focus (Enter, Tab, a click elsewhere) or a drag ends; it is checked against the range
//! the chain accepts, and goes out as an order applied from the next block. Otherwise the
//! field shows the value in force.
//!
//! Under mainnet-2026-08 the focused subnet's own settings (`MinerBurned` and its TAO
//! emission switch) are edited the same way, in a "Subnet" section.

use super::{Outbox, SimView, SubnetRow};
use crate::dashboard::readable::{self, thousands};
use crate::dashboard::playback::SimCommand;
use crate::dashboard::session::Session;
use crate::economy::rules::MAX_BLOCK_REWARD;
use crate::economy::{block_emission, Params, RuleSet, ShareRule, RAO_PER_TAO};
use crate::transactions::{Action, Order, ParamChange};
use bevy::prelude::Resource;
use bevy_egui::egui::{self, Color32, RichText, Ui};
use std::collections::HashMap;

/// The numeric rules that can be typed or dragged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    TaoWeight,
    Fee,
    BlockReward,
    Tempo,
    OwnerCut,
}

impl Field {
    pub const ALL: [Field; 5] = [Field::TaoWeight, Field::Fee, Field::BlockReward, Field::Tempo, Field::OwnerCut];

    pub fn label(self) -> &'static str {
        match self {
            Field::TaoWeight => "tao weight",
            Field::Fee => "swap fee (RAO)",
            Field::BlockReward => "block reward (TAO)",
            Field::Tempo => "tempo (blocks)",
            Field::OwnerCut => "owner cut",
        }
    }

    /// The range the chain accepts (the panel refuses anything outside it, saying so).
    pub fn range(self) -> (f64, f64) {
        match self {
            Field::TaoWeight | Field::OwnerCut => (0.0, 1.0),
            Field::Fee => (0.0, 1e9),
            Field::BlockReward => (0.0, (MAX_BLOCK_REWARD / RAO_PER_TAO) as f64),
            Field::Tempo => (1.0, 100_000.0),
        }
    }

    fn decimals(self) -> usize {
        match self {
            Field::TaoWeight | Field::OwnerCut => 3,
            Field::BlockReward => 3,
            Field::Fee | Field::Tempo => 0,
        }
    }

    /// Change per point dragged.
    fn speed(self) -> f64 {
        match self {
            Field::TaoWeight | Field::OwnerCut => 0.005,
            Field::Fee => 1_000.0,
            Field::BlockReward => 0.01,
            Field::Tempo => 1.0,
        }
    }

    /// The value in force, in the field's unit.
    pub fn current(self, p: &Params) -> f64 {
        match self {
            Field::TaoWeight => p.tao_weight,
            Field::Fee => p.fee_rao as f64,
            Field::BlockReward => p.block_reward_rao as f64 / RAO_PER_TAO as f64,
            Field::Tempo => p.tempo as f64,
            Field::OwnerCut => p.owner_cut,
        }
    }

    /// The order for `value`, or why it is refused.
    pub fn change(self, value: f64) -> Result<ParamChange, String> {
        let (lo, hi) = self.range();
        if !value.is_finite() || value < lo || value > hi {
            let d = self.decimals();
            return Err(format!("{} must be between {} and {}; {} refused", self.label(), thousands(lo, d), thousands(hi, d), thousands(value, d.max(3))));
        }
        if self.decimals() == 0 && value.fract() != 0.0 {
            return Err(format!("{} must be a whole number; {value} refused", self.label()));
        }
        Ok(match self {
            Field::TaoWeight => ParamChange::TaoWeight(value),
            Field::Fee => ParamChange::FeeRao(value.round() as u64),
            Field::BlockReward => ParamChange::BlockRewardRao((value * RAO_PER_TAO as f64).round() as u64),
            Field::Tempo => ParamChange::Tempo(value.round() as u64),
            Field::OwnerCut => ParamChange::OwnerCut(value),
        })
    }
}

/// The rules panel's own state: drafts of fields being edited, the last message, and where
/// each field was drawn (tests click there as a person would).
#[derive(Resource, Clone, Debug, Default)]
pub struct ParamsState {
    drafts: HashMap<Field, f64>,
    /// The outcome of the last commit: (is it a refusal, text).
    pub message: Option<(bool, String)>,
    pub rects: HashMap<Field, egui::Rect>,
    /// The subnet's `MinerBurned` being typed or dragged, in percent, and whose it is (a
    /// draft of another subnet's is dropped when the focus moves).
    burned_draft: Option<(u16, f64)>,
    /// The outcome of the last change in the "Subnet" section: (is it a refusal, text).
    pub subnet_message: Option<(bool, String)>,
    /// Where the "Subnet" section's miners-burned field and emission switch were drawn.
    pub miner_burned_rect: Option<egui::Rect>,
    pub emission_rect: Option<egui::Rect>,
}

/// The order for a subnet's `MinerBurned` typed as `percent`, or why it is refused (the
/// chain takes 0 to 1; the panel shows percent).
pub fn miner_burned_change(netuid: u16, percent: f64) -> Result<ParamChange, String> {
    if !percent.is_finite() || !(0.0..=100.0).contains(&percent) {
        return Err(format!("SN{netuid} miners burned must be between 0% and 100%; {percent}% refused"));
    }
    Ok(ParamChange::MinerBurned { netuid, value: percent / 100.0 })
}

impl ParamsState {
    /// Draws the rules and returns the changes committed this frame. `issuance` gives the
    /// block reward in force after halvings.
    pub fn rules_ui(&mut self, ui: &mut Ui, p: &Params, issuance: u64, block: u64) -> Vec<ParamChange> {
        let mut changes = Vec::new();
        egui::Grid::new("params").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
            ui.label("rule set");
            egui::ComboBox::from_id_salt("rule_set").selected_text(p.rule_set.name()).show_ui(ui, |ui| {
                for rs in RuleSet::ALL {
                    if ui.selectable_label(rs == p.rule_set, rs.name()).clicked() && rs != p.rule_set {
                        changes.push(ParamChange::RuleSet(rs));
                    }
                }
            });
            ui.end_row();
            ui.label("share rule");
            egui::ComboBox::from_id_salt("share_rule").selected_text(p.share_rule.name()).show_ui(ui, |ui| {
                for rule in [ShareRule::SpotPrice, ShareRule::EmaPrice, ShareRule::TaoFlow] {
                    if ui.selectable_label(rule == p.share_rule, rule.name()).clicked() && rule != p.share_rule {
                        changes.push(ParamChange::ShareRule(rule));
                    }
                }
            });
            ui.end_row();
            for field in Field::ALL {
                ui.label(field.label());
                if let Some(change) = self.field_ui(ui, field, p, block) {
                    changes.push(change);
                }
                ui.end_row();
            }
        });
        // The halving lowers the reward without any order: show what each block pays now.
        let in_force = block_emission(issuance, p.block_reward_rao);
        let halvings = if in_force > 0 { (p.block_reward_rao / in_force).max(1).ilog2() } else { 0 };
        let text = match halvings {
            0 => format!("in force: {} TAO per block", readable::tao(in_force, 3)),
            h => format!("in force: {} TAO per block (after {h} halving{})", readable::tao(in_force, 3), if h > 1 { "s" } else { "" }),
        };
        ui.label(RichText::new(text).strong());
        if p.fee_per_65535 > 0 {
            // The Nov-2025 swap pallet's fee is a part of the input, on top of the flat fee.
            let pct = p.fee_per_65535 as f64 / 65_535.0 * 100.0;
            ui.label(format!("plus a fee of {}/65535 of each swap's input ({pct:.4}%)", p.fee_per_65535));
        }
        if let Some((refused, text)) = &self.message {
            let colour = if *refused { Color32::from_rgb(213, 94, 0) } else { ui.visuals().weak_text_color() };
            ui.add(egui::Label::new(RichText::new(text).color(colour)).wrap());
        }
        changes
    }

    fn field_ui(&mut self, ui: &mut Ui, field: Field, p: &Params, block: u64) -> Option<ParamChange> {
        let current = field.current(p);
        let mut value = self.drafts.get(&field).copied().unwrap_or(current);
        let (lo, hi) = field.range();
        let response = ui
            .add(egui::DragValue::new(&mut value).speed(field.speed()).max_decimals(field.decimals()).update_while_editing(false))
            .on_hover_text(format!("drag, or click and type; Enter applies. Range {} – {}", thousands(lo, field.decimals()), thousands(hi, field.decimals())));
        self.rects.insert(field, response.rect);
        if response.dragged() || response.has_focus() {
            self.drafts.insert(field, value);
        }
        let commit = response.drag_stopped() || response.lost_focus();
        if !commit {
            return None;
        }
        self.drafts.remove(&field);
        if value == current {
            return None;
        }
        match field.change(value) {
            Ok(change) => {
                self.message = Some((false, format!("{}: applies from block {}", change, thousands((block + 1) as f64, 0))));
                Some(change)
            }
            Err(why) => {
                self.message = Some((true, why));
                None
            }
        }
    }
}

impl ParamsState {
    /// The focused subnet's mainnet-2026-08 settings: `MinerBurned` in percent (committed on
    /// Enter, focus loss or drag end, like the rules) and the emission switch (committed
    /// when clicked). Returns the changes committed this frame.
    pub fn subnet_ui(&mut self, ui: &mut Ui, row: &SubnetRow, block: u64) -> Vec<ParamChange> {
        let netuid = row.netuid;
        let mut changes = Vec::new();
        if self.burned_draft.is_some_and(|(n, _)| n != netuid) {
            self.burned_draft = None;
        }
        egui::Grid::new("subnet_params").num_columns(2).spacing([8.0, 6.0]).show(ui, |ui| {
            ui.label("miners burned (%)");
            let current = row.miner_burned * 100.0;
            let mut value = self.burned_draft.map_or(current, |(_, v)| v);
            // Typed text that is no number would otherwise be dropped without a word: keep
            // it to say so. A trailing "%" is accepted, since the field is in percent.
            let unreadable = std::cell::RefCell::new(None::<String>);
            let parse = |text: &str| {
                let number = text.trim().trim_end_matches('%').trim().parse::<f64>().ok();
                if number.is_none() {
                    *unreadable.borrow_mut() = Some(text.trim().to_string());
                }
                number
            };
            let response = ui
                .add(egui::DragValue::new(&mut value).speed(0.5).max_decimals(2).update_while_editing(false).custom_parser(parse))
                .on_hover_text("MinerBurned: the part of miner incentive the owner withholds (burned at the epoch); the subnet's share counts only the rest.\nDrag, or click and type; Enter applies. Range 0 – 100");
            self.miner_burned_rect = Some(response.rect);
            if response.dragged() || response.has_focus() {
                self.burned_draft = Some((netuid, value));
            }
            if response.drag_stopped() || response.lost_focus() {
                self.burned_draft = None;
                if let Some(text) = unreadable.take() {
                    self.subnet_message = Some((true, format!("SN{netuid} miners burned: \"{text}\" is not a number; refused")));
                } else if value.is_nan() || (value - current).abs() > 1e-9 {
                    // The field shows two decimals: an unedited commit is no change (and NaN,
                    // equal to nothing, goes on to be refused by name).
                    match miner_burned_change(netuid, value) {
                        Ok(change) => {
                            self.subnet_message = Some((false, format!("{}: applies from block {}", change, thousands((block + 1) as f64, 0))));
                            changes.push(change);
                        }
                        Err(why) => self.subnet_message = Some((true, why)),
                    }
                }
            }
            ui.end_row();
            ui.label("TAO emission");
            let mut on = row.emission_enabled;
            let text = if on { "on" } else { "off" };
            let response = ui.checkbox(&mut on, text).on_hover_text("root's switch of the subnet's TAO emission; its alpha emission and moving price go on regardless");
            self.emission_rect = Some(response.rect);
            if response.changed() {
                let change = ParamChange::EmissionEnabled { netuid, on };
                self.subnet_message = Some((false, format!("{}: applies from block {}", change, thousands((block + 1) as f64, 0))));
                changes.push(change);
            }
            ui.end_row();
        });
        ui.label(format!("protocol alpha: {} α", thousands(row.protocol_alpha as f64 / 1e9, 2)));
        ui.label(format!("chain buy this block: {} TAO", thousands(row.chain_buy_tao as f64 / 1e9, 4)));
        if let Some((refused, text)) = &self.subnet_message {
            let colour = if *refused { Color32::from_rgb(213, 94, 0) } else { ui.visuals().weak_text_color() };
            ui.add(egui::Label::new(RichText::new(text).color(colour)).wrap());
        }
        changes
    }
}

/// The order a committed change goes out as (parameter changes need no holder).
pub fn order_for(change: ParamChange) -> Order {
    Order::new(0, Action::SetParam(change))
}

fn send(out: &mut Outbox, change: ParamChange) {
    out.orders.0.push(order_for(change));
}

/// The left panel. `rows` and `focus` give the subnet the "Subnet" section edits.
pub fn ui(ui: &mut Ui, state: &mut ParamsState, view: &SimView, session: &Session, out: &mut Outbox, rows: &[SubnetRow], focus: Option<u16>) {
    ui.heading("Scenario");
    ui.label(RichText::new(session.path.display().to_string()).weak());
    // The file's line breaks are for the file; the panel wraps to its own width.
    let description = view.info.description.split("\n\n").map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join("\n\n");
    ui.add(egui::Label::new(description).wrap());
    ui.add_space(6.0);
    egui::CollapsingHeader::new("Captions").default_open(false).show(ui, |ui| {
        for c in &view.info.captions {
            let past = c.block < view.chain.block;
            let pause = if c.pause { " ⏸" } else { "" };
            let text = RichText::new(format!("{:>7}{pause}  {}", thousands(c.block as f64, 0), c.text));
            ui.add(egui::Label::new(if past { text } else { text.weak() }).wrap());
        }
    });
    if view.chain_era() {
        // Above the rules, so that it is on screen without scrolling at 1280 × 720.
        ui.separator();
        ui.heading("Subnet");
        match focus.and_then(|n| rows.iter().find(|r| r.netuid == n)) {
            Some(row) => {
                // Scenario names are often just "SN<n>": say it once.
                let tag = format!("SN{}", row.netuid);
                ui.label(RichText::new(if row.name == tag { tag } else { format!("{tag} {}", row.name) }).strong());
                for change in state.subnet_ui(ui, row, view.chain.absolute_block()) {
                    send(out, change);
                }
            }
            None => {
                ui.add(egui::Label::new(RichText::new("Click a subnet's name in the table (or its line in a chart) to set its miners' burn and TAO emission switch here.").weak()).wrap());
            }
        }
    }
    ui.separator();
    ui.heading("Rules");
    ui.label(RichText::new("Type or drag a value; Enter applies it from the next block.").weak());
    for change in state.rules_ui(ui, &view.params, view.chain.total_issuance, view.chain.absolute_block()) {
        send(out, change);
    }
    compare_ui(ui, view, out);
    ui.separator();
    ui.heading("Transactions");
    ui.label(format!("{} accepted, {} refused", thousands(view.log.accepted as f64, 0), thousands(view.log.refused_count as f64, 0)));
    if let Some(last) = &view.log.last {
        let what = last.order.action.to_string();
        let text = match &last.reason {
            Some(reason) => format!("refused at block {}: {what}: {reason}", thousands(last.block as f64, 0)),
            None => format!("last, at block {}: {what}", thousands(last.block as f64, 0)),
        };
        let colour = if last.reason.is_some() { Color32::from_rgb(213, 94, 0) } else { ui.visuals().text_color() };
        ui.add(egui::Label::new(RichText::new(text).color(colour)).wrap());
    }
}

/// Compare mode's picker: the rule sets run beside this one, each in its own world. A change
/// starts the scenario again, so that every world starts together.
fn compare_ui(ui: &mut Ui, view: &SimView, out: &mut Outbox) {
    let own = view.params.rule_set;
    let current = &view.compare.0;
    ui.add_space(4.0);
    ui.label(RichText::new("Compare with (restarts the run)").strong())
        .on_hover_text("the same scenario and seed under other rule sets, side by side: dashed lines in every chart, columns in the table; trades go to every world");
    ui.horizontal_wrapped(|ui| {
        for rule_set in RuleSet::ALL.into_iter().filter(|r| *r != own) {
            let mut on = current.contains(&rule_set);
            if ui.checkbox(&mut on, rule_set.name()).changed() {
                // The window's own rule set first, then the others in their usual order.
                let mut wanted: Vec<RuleSet> = std::iter::once(own).chain(RuleSet::ALL.into_iter().filter(|r| *r != own && (if *r == rule_set { on } else { current.contains(r) }))).collect();
                if wanted.len() < 2 {
                    wanted.clear();
                }
                out.commands.write(SimCommand::SetCompare(wanted));
            }
        }
    });
}
