//! The subnet table, sortable by any column.

use super::{SimView, SubnetRow};
use crate::dashboard::theme::{series_style, HiddenSubnets};
use bevy::prelude::Resource;
use bevy_egui::egui::{self, RichText, Ui};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Column {
    #[default]
    Netuid,
    Price,
    MarketCap,
    Share,
    TaoReserve,
    AlphaReserve,
    AlphaOut,
    RootProp,
    Volume,
    Change,
}

const COLUMNS: [(Column, &str, &str); 10] = [
    (Column::Netuid, "SN", "netuid"),
    (Column::Price, "price", "TAO per alpha"),
    (Column::MarketCap, "market cap", "price × all alpha, in TAO"),
    (Column::Share, "emission", "share of each block's TAO"),
    (Column::TaoReserve, "TAO in pool", "the pool's TAO reserve"),
    (Column::AlphaReserve, "alpha in pool", "the pool's alpha reserve"),
    (Column::AlphaOut, "alpha outstanding", "alpha held outside the pool"),
    (Column::RootProp, "root prop", "share of validator dividends going to root"),
    (Column::Volume, "24h volume", "TAO traded in the last 7,200 blocks"),
    (Column::Change, "24h change", "price change over the last 7,200 blocks"),
];

#[derive(Resource, Clone, Debug, Default)]
pub struct TableState {
    pub sort: Column,
    pub descending: bool,
}

impl TableState {
    fn key(&self, r: &SubnetRow) -> f64 {
        match self.sort {
            Column::Netuid => r.netuid as f64,
            Column::Price => r.price,
            Column::MarketCap => r.market_cap(),
            Column::Share => r.share,
            Column::TaoReserve => r.tao_reserve as f64,
            Column::AlphaReserve => r.alpha_reserve as f64,
            Column::AlphaOut => r.alpha_outstanding as f64,
            Column::RootProp => r.root_prop,
            Column::Volume => r.volume_24h,
            Column::Change => r.change_24h,
        }
    }

    pub fn ui(&mut self, ui: &mut Ui, rows: &[SubnetRow], view: &SimView, hidden: &mut HiddenSubnets) {
        let mut rows: Vec<&SubnetRow> = rows.iter().collect();
        rows.sort_by(|a, b| self.key(a).total_cmp(&self.key(b)).then(a.netuid.cmp(&b.netuid)));
        if self.descending {
            rows.reverse();
        }
        let tao = |rao: f64| format!("{:.2}", rao / 1e9);
        egui::ScrollArea::vertical().show(ui, |ui| {
            egui::Grid::new("subnets").striped(true).min_col_width(50.0).show(ui, |ui| {
                for (column, title, hint) in COLUMNS {
                    let arrow = if self.sort == column { if self.descending { " ⏷" } else { " ⏶" } } else { "" };
                    if ui.button(RichText::new(format!("{title}{arrow}")).strong()).on_hover_text(hint).clicked() {
                        if self.sort == column {
                            self.descending = !self.descending;
                        } else {
                            self.sort = column;
                            self.descending = column != Column::Netuid;
                        }
                    }
                }
                ui.label(RichText::new("show").strong()).on_hover_text("untick to hide a subnet from the charts");
                ui.end_row();
                for r in rows {
                    let colour = view.history.subnets.keys().position(|n| *n == r.netuid).map(|i| series_style(i).0);
                    let young = r.start_block > view.chain.block.saturating_sub(7_200) && r.start_block > 0;
                    ui.horizontal(|ui| {
                        if let Some(c) = colour {
                            ui.label(RichText::new("■").color(c).size(16.0));
                        }
                        ui.label(format!("{} {}{}", r.netuid, r.name, if young { " (new)" } else { "" }));
                    });
                    ui.label(format!("{:.4}", r.price));
                    ui.label(format!("{:.0}", r.market_cap()));
                    let share = ui.label(format!("{:.2}%", r.share * 100.0));
                    if view.params.share_rule == crate::economy::ShareRule::TaoFlow {
                        share.on_hover_text(format!(
                            "flow EMA {:+.4} TAO/block\nchain buy this block {:.4} TAO\nroot alpha claimed this block {:.4}",
                            r.flow_ema / 1e9,
                            r.chain_buy_tao as f64 / 1e9,
                            r.root_claimed_alpha as f64 / 1e9
                        ));
                    }
                    ui.label(tao(r.tao_reserve as f64));
                    ui.label(tao(r.alpha_reserve as f64));
                    ui.label(tao(r.alpha_outstanding as f64));
                    ui.label(format!("{:.3}", r.root_prop));
                    ui.label(format!("{:.1}", r.volume_24h));
                    let change = r.change_24h * 100.0;
                    let color = if change >= 0.0 { egui::Color32::from_rgb(0, 158, 115) } else { egui::Color32::from_rgb(213, 94, 0) };
                    ui.colored_label(color, format!("{change:+.2}%"));
                    let mut shown = !hidden.0.contains(&r.netuid);
                    if ui.checkbox(&mut shown, "").changed() {
                        if shown {
                            hidden.0.remove(&r.netuid);
                        } else {
                            hidden.0.insert(r.netuid);
                        }
                    }
                    ui.end_row();
                }
            });
        });
    }
}
