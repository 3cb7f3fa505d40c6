//! The left panel: what the scenario is about, and the rules, changeable live.

use super::{Outbox, SimView};
use crate::dashboard::session::Session;
use crate::economy::{RuleSet, ShareRule, RAO_PER_TAO};
use crate::transactions::{Action, Order, ParamChange};
use bevy_egui::egui::{self, RichText, Ui};

fn send(out: &mut Outbox, change: ParamChange) {
    out.orders.0.push(Order::new(0, Action::SetParam(change)));
}

pub fn ui(ui: &mut Ui, view: &SimView, session: &Session, out: &mut Outbox) {
    ui.heading("Scenario");
    ui.label(RichText::new(session.path.display().to_string()).weak());
    ui.label(&view.info.description);
    ui.add_space(6.0);
    egui::CollapsingHeader::new("Captions").default_open(false).show(ui, |ui| {
        for c in &view.info.captions {
            let past = c.block < view.chain.block;
            let text = RichText::new(format!("{:>7}  {}", c.block, c.text));
            ui.label(if past { text } else { text.weak() });
        }
    });
    ui.separator();
    ui.heading("Rules");
    ui.label(RichText::new("Changes apply from the next block.").weak());
    let p = view.params.clone();
    egui::Grid::new("params").num_columns(2).show(ui, |ui| {
        ui.label("rule set");
        egui::ComboBox::from_id_salt("rule_set").selected_text(p.rule_set.name()).show_ui(ui, |ui| {
            for rs in RuleSet::ALL {
                if ui.selectable_label(rs == p.rule_set, rs.name()).clicked() && rs != p.rule_set {
                    send(out, ParamChange::RuleSet(rs));
                }
            }
        });
        ui.end_row();
        ui.label("share rule");
        egui::ComboBox::from_id_salt("share_rule").selected_text(p.share_rule.name()).show_ui(ui, |ui| {
            for rule in [ShareRule::SpotPrice, ShareRule::EmaPrice, ShareRule::TaoFlow] {
                if ui.selectable_label(rule == p.share_rule, rule.name()).clicked() && rule != p.share_rule {
                    send(out, ParamChange::ShareRule(rule));
                }
            }
        });
        ui.end_row();
        ui.label("tao weight");
        let mut w = p.tao_weight;
        if ui.add(egui::Slider::new(&mut w, 0.0..=1.0)).on_hover_text("root_prop = w·R / (w·R + alpha issuance)").drag_stopped() {
            send(out, ParamChange::TaoWeight(w));
        }
        ui.end_row();
        ui.label("swap fee (RAO)");
        let mut fee = p.fee_rao;
        if ui.add(egui::DragValue::new(&mut fee).speed(1000.0)).lost_focus() && fee != p.fee_rao {
            send(out, ParamChange::FeeRao(fee));
        }
        ui.end_row();
        ui.label("block reward (TAO)");
        let mut reward = p.block_reward_rao as f64 / RAO_PER_TAO as f64;
        if ui.add(egui::DragValue::new(&mut reward).speed(0.01).range(0.0..=10.0)).lost_focus() {
            send(out, ParamChange::BlockRewardRao((reward * RAO_PER_TAO as f64) as u64));
        }
        ui.end_row();
        ui.label("tempo (blocks)");
        let mut tempo = p.tempo;
        if ui.add(egui::DragValue::new(&mut tempo).range(1..=100_000)).lost_focus() && tempo != p.tempo {
            send(out, ParamChange::Tempo(tempo));
        }
        ui.end_row();
        ui.label("owner cut");
        ui.label(format!("{:.4}", p.owner_cut));
        ui.end_row();
    });
    ui.separator();
    ui.heading("Transactions");
    ui.label(format!("{} accepted, {} refused", view.log.accepted, view.log.refused_count));
    if let Some(last) = &view.log.last {
        let what = format!("{:?}", last.order.action);
        match &last.reason {
            Some(reason) => ui.colored_label(egui::Color32::from_rgb(213, 94, 0), format!("refused at block {}: {what}: {reason}", last.block)),
            None => ui.label(format!("last at block {}: {what}", last.block)),
        };
    }
}
