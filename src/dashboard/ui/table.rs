//! The subnet table: sortable by any column, filtered by netuid or name, with a header that
//! stays put while the rows scroll and the "show" column next to the name, where it never
//! falls off-screen. Clicking a subnet's name focuses it in the charts.

use super::SubnetRow;
use crate::dashboard::readable::thousands;
use crate::dashboard::readable::signed_percent;
use crate::dashboard::theme::{HiddenSubnets, Presentation, SubnetColours};
use bevy::prelude::Resource;
use bevy_egui::egui::{self, Align2, Color32, RichText, Sense, Ui};

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
    ChainBuy,
    ProtocolAlpha,
    MinerBurned,
    EmissionOn,
}

/// (column, title, hover text, width in points).
const COLUMNS: [(Column, &str, &str, f32); 10] = [
    (Column::Netuid, "subnet", "netuid and name; click a name to focus it in the charts", 160.0),
    (Column::Price, "price", "TAO per alpha", 80.0),
    (Column::MarketCap, "mkt cap @spot", "spot price × all alpha, in TAO: not what the alpha would sell for", 115.0),
    (Column::Share, "emission", "share of each block's TAO", 80.0),
    (Column::TaoReserve, "TAO in pool", "the pool's TAO reserve", 105.0),
    (Column::AlphaReserve, "alpha in pool", "the pool's alpha reserve", 105.0),
    (Column::AlphaOut, "alpha outstanding", "alpha held outside the pool", 130.0),
    (Column::RootProp, "root prop", "share of validator dividends going to root", 75.0),
    (Column::Volume, "24h volume", "TAO traded in the last 7,200 blocks", 95.0),
    (Column::Change, "24h change", "price change over the last 7,200 blocks", 90.0),
];
/// mainnet-2026-08's columns, shown under that rule set only, with "emission" and "price"
/// moved in front of them: right after the name, so that they are on screen without
/// scrolling at 1280 × 720 with both side panels open.
const CHAIN_ERA_COLUMNS: [(Column, &str, &str, f32); 4] = [
    (Column::ChainBuy, "chain buy τ/blk", "TAO the chain spent buying this subnet's alpha this block: its share beyond what the injection takes", 105.0),
    (Column::ProtocolAlpha, "protocol α", "alpha bought by chain buys, which the chain keeps (SubnetProtocolAlpha)", 90.0),
    (Column::MinerBurned, "miners burned", "MinerBurned: the part of miner incentive the owner withholds; the share counts only the rest. Edit it in the left panel with the subnet focused", 95.0),
    (Column::EmissionOn, "TAO em.", "root's switch of the subnet's TAO emission (SubnetEmissionEnabled)", 60.0),
];
const SHOW_WIDTH: f32 = 44.0;
/// Width of each compare-mode column (price or share in another world).
const OTHER_WIDTH: f32 = 150.0;

/// Compare mode: another world's rule set and its subnets' (price, share) by netuid.
pub type OtherWorld = (&'static str, std::collections::BTreeMap<u16, (f64, f64)>);

/// What the rules in force add to the table.
#[derive(Clone, Copy, Debug, Default)]
pub struct Mode {
    /// Shares come from TAO flow (mainnet-2025-11): a row's hover shows its flow EMA, chain
    /// buy and root claims.
    pub tao_flow: bool,
    /// mainnet-2026-08: chain buys, protocol alpha, MinerBurned and the emission switch.
    pub chain_era: bool,
    /// mainnet-2026-08: the gate bar θ; shares below it are written in the bar's colour.
    pub gate_bar: Option<f64>,
}

/// The columns after "subnet" and "show", in order, for these rules: (column, title,
/// hover text, width in points).
pub fn columns(mode: Mode) -> Vec<(Column, &'static str, &'static str, f32)> {
    let mut columns = COLUMNS[1..].to_vec();
    if mode.chain_era {
        let share = columns.iter().position(|c| c.0 == Column::Share).map(|i| (columns.remove(i).0, "emission", "share of each block's TAO; in red below the gate bar θ", 80.0));
        let price = columns.iter().position(|c| c.0 == Column::Price).map(|i| columns.remove(i));
        columns.splice(0..0, share.into_iter().chain(price).chain(CHAIN_ERA_COLUMNS));
    }
    columns
}

#[derive(Resource, Clone, Debug, Default)]
pub struct TableState {
    pub sort: Column,
    pub descending: bool,
    /// Netuids or names containing this text (case-insensitive); empty: all.
    pub filter: String,
}

pub use super::charts::key::swatch;

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
            Column::ChainBuy => r.chain_buy_tao as f64,
            Column::ProtocolAlpha => r.protocol_alpha as f64,
            Column::MinerBurned => r.miner_burned,
            Column::EmissionOn => f64::from(u8::from(r.emission_enabled)),
        }
    }

    fn matches(&self, r: &SubnetRow) -> bool {
        let f = self.filter.trim().to_lowercase();
        f.is_empty() || r.netuid.to_string() == f || r.name.to_lowercase().contains(&f) || format!("sn{}", r.netuid) == f
    }

    /// Draws the table; `mode` says which columns and hover texts the rules in force add.
    #[allow(clippy::too_many_arguments)]
    pub fn ui(
        &mut self,
        ui: &mut Ui,
        rows: &[SubnetRow],
        block: u64,
        presentation: &mut Presentation,
        colours: &SubnetColours,
        hidden: &mut HiddenSubnets,
        mode: Mode,
        others: &[OtherWorld],
    ) {
        let columns = columns(mode);
        if !columns.iter().any(|c| c.0 == self.sort) {
            // Sorted by a column these rules do not have: back to netuids.
            self.sort = Column::Netuid;
            self.descending = false;
        }
        let mut rows: Vec<&SubnetRow> = rows.iter().filter(|r| self.matches(r)).collect();
        rows.sort_by(|a, b| self.key(a).total_cmp(&self.key(b)).then(a.netuid.cmp(&b.netuid)));
        if self.descending {
            rows.reverse();
        }
        let row_height = ui.text_style_height(&egui::TextStyle::Body).max(18.0) + 2.0;
        let shown = rows.len();
        egui::ScrollArea::horizontal().id_salt("table_h").auto_shrink([false, true]).show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = 6.0;
                // The filter sits in the first column's header, so that the rows get the
                // height a line of its own would take.
                ui.allocate_ui_with_layout(egui::vec2(COLUMNS[0].3, 20.0), egui::Layout::left_to_right(egui::Align::Center), |ui| {
                    ui.set_width(COLUMNS[0].3);
                    let hint = format!("filter {shown} subnet{}", if shown == 1 { "" } else { "s" });
                    ui.add(egui::TextEdit::singleline(&mut self.filter).hint_text(hint).desired_width(COLUMNS[0].3 - 28.0))
                        .on_hover_text("netuid or name; click a column's title to sort by it");
                    if !self.filter.is_empty() && ui.small_button("✖").clicked() {
                        self.filter.clear();
                    }
                });
                ui.add_sized([SHOW_WIDTH, row_height], egui::Label::new(RichText::new("show").strong())).on_hover_text("untick to hide a subnet from the charts");
                for column in &columns {
                    self.header_cell(ui, *column);
                }
                for (rule_set, _) in others {
                    for what in ["price", "emission"] {
                        ui.add_sized([OTHER_WIDTH, 20.0], egui::Label::new(RichText::new(format!("{what} · {rule_set}")).strong()))
                            .on_hover_text(format!("the same subnet in the world run under {rule_set}"));
                    }
                }
            });
            ui.separator();
            egui::ScrollArea::vertical().id_salt("table_v").auto_shrink([false, false]).show_rows(ui, row_height, rows.len(), |ui, range| {
                for r in &rows[range] {
                    ui.horizontal(|ui| {
                        ui.spacing_mut().item_spacing.x = 6.0;
                        ui.set_height(row_height);
                        self.row(ui, r, block, presentation, colours, hidden, row_height, mode, &columns);
                        for (_, values) in others {
                            let (price, share) = values.get(&r.netuid).map_or(("—".into(), "—".into()), |(p, s)| {
                                (format!("{p:.4}"), if block > 0 { format!("{:.2}%", s * 100.0) } else { "—".into() })
                            });
                            for text in [price, share] {
                                ui.add_sized([OTHER_WIDTH, row_height], egui::Label::new(text));
                            }
                        }
                    });
                }
            });
        });
    }

    fn header_cell(&mut self, ui: &mut Ui, (column, title, hint, width): (Column, &str, &str, f32)) {
        let arrow = if self.sort == column { if self.descending { " ⏷" } else { " ⏶" } } else { "" };
        let button = egui::Button::new(RichText::new(format!("{title}{arrow}")).strong()).frame(false);
        if ui.add_sized([width, 20.0], button).on_hover_text(hint).clicked() {
            if self.sort == column {
                self.descending = !self.descending;
            } else {
                self.sort = column;
                self.descending = column != Column::Netuid;
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn row(
        &self,
        ui: &mut Ui,
        r: &SubnetRow,
        block: u64,
        presentation: &mut Presentation,
        colours: &SubnetColours,
        hidden: &mut HiddenSubnets,
        h: f32,
        mode: Mode,
        columns: &[(Column, &str, &str, f32)],
    ) {
        ui.allocate_ui_with_layout(egui::vec2(COLUMNS[0].3, h), egui::Layout::left_to_right(egui::Align::Center), |ui| {
            ui.set_width(COLUMNS[0].3);
            let focused = presentation.focus == Some(r.netuid);
            let young = r.start_block > block.saturating_sub(7_200) && r.start_block > 0;
            let clicked = swatch(ui, r.netuid, colours.colour(r.netuid, presentation.dark), presentation.dark, 1.0).clicked();
            let name = RichText::new(format!("{}{}", r.name, if young { " (new)" } else { "" }));
            let name = if focused { name.strong().underline() } else { name };
            let label = ui.add(egui::Label::new(name).truncate().sense(Sense::click())).on_hover_text("click to focus this subnet in the charts");
            if clicked || label.clicked() {
                presentation.focus = if focused { None } else { Some(r.netuid) };
            }
        });
        ui.allocate_ui_with_layout(egui::vec2(SHOW_WIDTH, h), egui::Layout::left_to_right(egui::Align::Center), |ui| {
            ui.set_width(SHOW_WIDTH);
            let mut shown = !hidden.0.contains(&r.netuid);
            if ui.checkbox(&mut shown, "").changed() {
                if shown {
                    hidden.0.remove(&r.netuid);
                } else {
                    hidden.0.insert(r.netuid);
                }
            }
        });
        let started = block > 0;
        let text_colour = ui.visuals().text_color();
        // Coloured by the sign of what is written: a change that rounds to 0.00% is neither.
        let (change, sign) = signed_percent(r.change_24h, 2);
        let change_colour = match sign {
            std::cmp::Ordering::Greater => Color32::from_rgb(0, 150, 110),
            std::cmp::Ordering::Less => Color32::from_rgb(213, 94, 0),
            std::cmp::Ordering::Equal => text_colour,
        };
        let cell = |column: Column| -> (String, Color32) {
            let text = match column {
                Column::Netuid => r.netuid.to_string(),
                Column::Price => format!("{:.4}", r.price),
                Column::MarketCap => thousands(r.market_cap(), 0),
                Column::Share if !started => "—".into(),
                // Below the gate bar: the colour of the bar's line in the share chart.
                Column::Share if mode.gate_bar.is_some_and(|theta| r.share < theta) => return (format!("{:.2}%", r.share * 100.0), Color32::from_rgb(230, 80, 80)),
                Column::Share => format!("{:.2}%", r.share * 100.0),
                Column::TaoReserve => thousands(r.tao_reserve as f64 / 1e9, 2),
                Column::AlphaReserve => thousands(r.alpha_reserve as f64 / 1e9, 2),
                Column::AlphaOut => thousands(r.alpha_outstanding as f64 / 1e9, 2),
                Column::RootProp => if started { format!("{:.3}", r.root_prop) } else { "—".into() },
                Column::Volume => thousands(r.volume_24h, 1),
                Column::Change => return (change.clone(), change_colour),
                Column::ChainBuy => if started { thousands(r.chain_buy_tao as f64 / 1e9, 4) } else { "—".into() },
                Column::ProtocolAlpha => thousands(r.protocol_alpha as f64 / 1e9, 2),
                Column::MinerBurned => format!("{:.1}%", r.miner_burned * 100.0),
                // Off is the exception worth seeing from across the room.
                Column::EmissionOn => return if r.emission_enabled { ("on".into(), text_colour) } else { ("OFF".into(), Color32::from_rgb(213, 94, 0)) },
            };
            (text, text_colour)
        };
        // The numbers are painted into one allocation rather than laid out as a widget each:
        // at 128 subnets the table is redrawn every frame, and this is most of its cost.
        let spacing = ui.spacing().item_spacing.x;
        let width: f32 = columns.iter().map(|c| c.3 + spacing).sum();
        let (rect, response) = ui.allocate_exact_size(egui::vec2(width, h), Sense::hover());
        if mode.tao_flow {
            // Under TAO-flow shares the share comes from the flow EMA; say what moved it.
            response.on_hover_text(format!(
                "flow EMA {:+.4} TAO/block\nchain buy this block {:.4} TAO\nroot alpha claimed this block {:.4}",
                r.flow_ema / 1e9,
                r.chain_buy_tao as f64 / 1e9,
                r.root_claimed_alpha as f64 / 1e9
            ));
        }
        let font = egui::TextStyle::Body.resolve(ui.style());
        let mut x = rect.left();
        for (column, _, _, w) in columns {
            let (text, colour) = cell(*column);
            let centre = egui::pos2(x + w / 2.0, rect.center().y);
            ui.painter().with_clip_rect(egui::Rect::from_x_y_ranges(x..=x + w, rect.y_range())).text(centre, Align2::CENTER_CENTER, text, font.clone(), colour);
            x += w + spacing;
        }
    }
}
