//! The trade panel: buy or sell alpha as "You" with a preview, stake to root, the whale,
//! and registering a subnet.

use super::{Outbox, SimView, SubnetRow};
use crate::dashboard::readable::thousands;
use crate::dashboard::session::{YOU, YOUR_TAO};
use crate::metrics::{exit_value, spot_value};
use crate::economy::RAO_PER_TAO;
use crate::transactions::{Action, Order};
use bevy::prelude::Resource;
use bevy_egui::egui::{self, RichText, Ui};

#[derive(Resource, Clone, Debug)]
pub struct TradeState {
    pub netuid: u16,
    pub buy: bool,
    /// TAO to spend (buy) or alpha to sell (sell).
    pub amount: f64,
    pub root_amount: f64,
    pub whale_amount: f64,
    /// "All" was pressed: sell the whole holding, whatever its last digits.
    pub all: bool,
}

impl Default for TradeState {
    fn default() -> Self {
        TradeState { netuid: 1, buy: true, amount: 100.0, root_amount: 100.0, whale_amount: 20_000.0, all: false }
    }
}

impl TradeState {
    pub fn ui(&mut self, ui: &mut Ui, view: &SimView, rows: &[SubnetRow], out: &mut Outbox) {
        let you = view.participants.you;
        let free = you_panel(ui, view, rows);
        ui.separator();
        ui.heading("Trade");
        if !rows.iter().any(|r| r.netuid == self.netuid) {
            self.netuid = rows.first().map_or(1, |r| r.netuid);
        }
        let label = |r: &SubnetRow| if r.name == format!("SN{}", r.netuid) || r.name.is_empty() { r.name.clone() } else { format!("SN{} {}", r.netuid, r.name) };
        let selected = rows.iter().find(|r| r.netuid == self.netuid).map_or(format!("SN{}", self.netuid), label);
        egui::ComboBox::from_id_salt("trade_subnet").selected_text(selected).show_ui(ui, |ui| {
            for r in rows {
                ui.selectable_value(&mut self.netuid, r.netuid, label(r));
            }
        });
        ui.horizontal(|ui| {
            ui.selectable_value(&mut self.buy, true, "Buy alpha");
            ui.selectable_value(&mut self.buy, false, "Sell alpha");
        });
        let held = view.ledger.holder_alpha(self.netuid, you);
        ui.horizontal(|ui| {
            if ui.add(egui::DragValue::new(&mut self.amount).speed(1.0).range(0.0..=1e9).max_decimals(9)).changed() {
                self.all = false;
            }
            ui.label(if self.buy { "TAO" } else { "alpha" });
            if !self.buy && ui.add_enabled(held > 0, egui::Button::new("all")).on_hover_text("sell every alpha you hold on this subnet, to the last RAO").clicked() {
                self.all = true;
            }
        });
        // "All" sells the holding itself, not the amount shown (which is rounded): no dust.
        if self.all && !self.buy {
            self.amount = held as f64 / RAO_PER_TAO as f64;
        }
        let amount = if self.all && !self.buy { held } else { (self.amount.max(0.0) * RAO_PER_TAO as f64).round() as u64 };
        let Some(pool) = view.pool(self.netuid) else { return };
        // The rule set's own swap, so the preview is what the trade will do.
        let quote = if self.buy {
            view.params.quote_stake(pool.reserves(), amount).map(|(swap, _)| swap)
        } else {
            view.params.quote_unstake(pool.reserves(), amount)
        };
        let have = if self.buy { free } else { view.ledger.holder_alpha(self.netuid, you) };
        match quote {
            Ok(swap) => {
                let spot = pool.price();
                let after = swap.after.price();
                let (out_unit, ideal) = if self.buy { ("alpha", amount as f64 / spot) } else { ("TAO", amount as f64 * spot) };
                ui.label(RichText::new(format!("you get {} {out_unit}", thousands(swap.out as f64 / 1e9, 4))).strong());
                ui.label(format!("price {spot:.4} -> {after:.4} ({:+.2}%)", (after / spot - 1.0) * 100.0))
                    .on_hover_text("price impact: the pool's price after your trade");
                ui.label(format!("slippage {:.2}%", (1.0 - swap.out as f64 / ideal.max(1.0)) * 100.0))
                    .on_hover_text("how much less you get than at the spot price");
                if have < amount {
                    ui.colored_label(egui::Color32::from_rgb(213, 94, 0), "you do not have that much");
                }
            }
            Err(reason) => {
                ui.colored_label(egui::Color32::from_rgb(213, 94, 0), format!("would be refused: {reason}"));
            }
        }
        let verb = if self.buy { "Confirm buy" } else { "Confirm sell" };
        if ui.add_enabled(quote.is_ok() && have >= amount, egui::Button::new(verb)).clicked() {
            let action = if self.buy {
                Action::Stake { netuid: self.netuid, tao: amount }
            } else {
                Action::Unstake { netuid: self.netuid, alpha: amount }
            };
            out.orders.0.push(Order::new(you, action));
            self.all = false;
        }
        ui.separator();
        ui.heading("Root");
        ui.horizontal(|ui| {
            ui.add(egui::DragValue::new(&mut self.root_amount).speed(1.0).range(0.0..=1e9));
            ui.label("TAO");
        });
        let root = (self.root_amount.max(0.0) * RAO_PER_TAO as f64) as u64;
        ui.horizontal(|ui| {
            if ui.add_enabled(root > 0 && root <= free, egui::Button::new("Stake to root")).clicked() {
                out.orders.0.push(Order::new(you, Action::RootStake { tao: root }));
            }
            let staked = view.ledger.root.holder_total(you);
            if ui.add_enabled(root > 0 && root <= staked, egui::Button::new("Unstake")).clicked() {
                out.orders.0.push(Order::new(you, Action::RootUnstake { tao: root }));
            }
        });
        ui.separator();
        ui.heading("Whale");
        ui.horizontal(|ui| {
            ui.add(egui::DragValue::new(&mut self.whale_amount).speed(100.0).range(0.0..=1e6));
            ui.label("TAO");
        });
        if ui.button(RichText::new(format!("🐋 Whale buys SN{}", self.netuid)).strong()).clicked() {
            let tao = (self.whale_amount * RAO_PER_TAO as f64) as u64;
            out.orders.0.push(Order::new(view.participants.whale, Action::Stake { netuid: self.netuid, tao }));
        }
        let whale_alpha = view.ledger.holder_alpha(self.netuid, view.participants.whale);
        if ui.add_enabled(whale_alpha > 0, egui::Button::new(format!("🐋 Whale sells its SN{}", self.netuid))).clicked() {
            out.orders.0.push(Order::new(view.participants.whale, Action::Unstake { netuid: self.netuid, alpha: whale_alpha }));
        }
        ui.separator();
        ui.heading("New subnet");
        let lock = view.params.registration_lock(view.chain.last_lock, view.chain.absolute_block(), view.chain.total_issuance);
        ui.label(format!("lock cost {} TAO, paid by you", thousands(lock as f64 / 1e9, 0)));
        if ui.add_enabled(free >= lock, egui::Button::new("Register a subnet")).clicked() {
            out.orders.0.push(Order::new(you, Action::RegisterSubnet { name: Some("Yours".into()), lock: None, miners: 4 }));
        }
    }
}

/// "You": free TAO, root stake, each position if sold and at spot, and the P&L; returns the
/// free TAO.
fn you_panel(ui: &mut Ui, view: &SimView, rows: &[SubnetRow]) -> u64 {
    let you = view.participants.you;
    if view.compare.0.is_empty() {
        ui.heading("You");
    } else {
        // Compare mode: these figures are of the window's own world only.
        ui.heading(format!("You · {} world", view.params.rule_set.name())).on_hover_text("compare mode: your holdings in the window's own world; your trades go to every world");
    }
    let free = view.free_tao(you);
    let root = view.ledger.root.holder_total(you);
    ui.label(format!("free TAO: {}", thousands(free as f64 / 1e9, 4)));
    ui.label(format!("root stake: {} TAO", thousands(root as f64 / 1e9, 4)));
    // Each subnet's holding sold alone into its pool (what selling it would pay), and at
    // spot for comparison; the values come from the metrics' exit-value quote.
    let (mut exit_total, mut spot_total) = (free + root, (free + root) as u128);
    for r in rows {
        let alpha = view.ledger.holder_alpha(r.netuid, you);
        if alpha == 0 {
            continue;
        }
        let Some(pool) = view.pool(r.netuid) else { continue };
        let exit = exit_value(&view.params, pool.reserves(), alpha);
        let spot = spot_value(pool.reserves(), alpha);
        exit_total += exit;
        spot_total += spot;
        ui.add(
            egui::Label::new(format!(
                "SN{}: {} alpha, if sold {} TAO (at spot {})",
                r.netuid,
                thousands(alpha as f64 / 1e9, 2),
                thousands(exit as f64 / 1e9, 2),
                thousands(spot as f64 / 1e9, 2)
            ))
            .wrap(),
        );
    }
    let start = view.history.strategies.get(YOU).and_then(|p| p.first()).map_or(YOUR_TAO as f64, |p| p.exit);
    let exit_tao = exit_total as f64 / 1e9;
    let pnl = exit_tao - start;
    // Coloured by the sign of what is written: a P&L that rounds to 0.00% is neither.
    let (percent, sign) = crate::dashboard::readable::signed_percent(pnl / start.max(1e-9), 2);
    let colour = match sign {
        std::cmp::Ordering::Greater => egui::Color32::from_rgb(0, 150, 110),
        std::cmp::Ordering::Less => egui::Color32::from_rgb(213, 94, 0),
        std::cmp::Ordering::Equal => ui.visuals().text_color(),
    };
    let tao = if (pnl * 100.0).round() == 0.0 { "0.00".to_string() } else { format!("{}{}", if pnl > 0.0 { "+" } else { "" }, thousands(pnl, 2)) };
    ui.label(RichText::new(format!("value if sold now: {} TAO", thousands(exit_tao, 2))).strong())
        .on_hover_text("free TAO + root stake + what selling each subnet's alpha now would pay, after fee and slippage");
    ui.colored_label(colour, format!("P&L if sold: {tao} TAO ({percent})"));
    ui.label(RichText::new(format!("at spot price: {} TAO", thousands(spot_total as f64 / 1e9, 2))).weak())
        .on_hover_text("paper value: alpha at the pool's spot price, which selling would not pay");
    free
}
