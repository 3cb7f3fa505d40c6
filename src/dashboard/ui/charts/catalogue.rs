//! The chart table: one entry per [`ChartKind`], in the style of egui's demo registry. The
//! picker, the chart frame, presentation mode and the scenario's `focus_charts` all read
//! it; the match below is exhaustive, so a new kind cannot be left out.

use super::axes::YFmt;
use super::cache::PlotCache;
use super::input::ChartInput;
use super::{alpha_flow, alpha_split, chain_buys, emission, holders, price, shares, subnet_series};
use crate::dashboard::theme::Presentation;
use crate::scenario::ChartKind;
use bevy_egui::egui::{RichText, Ui};
use egui_plot::PlotResponse;

/// Draws a chart into `height` points; `None` for a chart without a time axis (nothing to
/// click on).
pub type Draw = fn(&mut Ui, &ChartInput, &Presentation, &mut PlotCache, f32) -> Option<PlotResponse<()>>;

/// Widgets beside a chart's title (log scale, stacked, "if sold" …).
pub type Controls = fn(&mut Ui, &ChartInput, &mut Presentation);

/// One chart of the window.
#[derive(Clone, Copy)]
pub struct Chart {
    pub kind: ChartKind,
    /// Label in the chart picker.
    pub short: &'static str,
    /// Title above the chart.
    pub title: &'static str,
    /// What it shows, on hovering the title or the picker.
    pub hint: &'static str,
    pub controls: Controls,
    pub draw: Draw,
    /// Compare mode draws every world in it; otherwise it shows the window's own world,
    /// and its title says which.
    pub all_worlds: bool,
}

fn no_controls(_: &mut Ui, _: &ChartInput, _: &mut Presentation) {}

/// The entry of `kind`.
pub fn chart(kind: ChartKind) -> Chart {
    match kind {
        ChartKind::Price => Chart {
            kind,
            all_worlds: true,
            short: "price",
            title: "Alpha price (TAO per alpha)",
            hint: "TAO reserve / alpha reserve; only trading moves it. Dotted: the moving price (EMA rules)",
            controls: |ui, _, p| {
                ui.checkbox(&mut p.log_price, "log");
            },
            draw: |ui, input, p, cache, h| Some(price::price_chart(ui, input, p, cache, h)),
        },
        ChartKind::Shares => Chart {
            kind,
            all_worlds: true,
            short: "shares",
            title: "Emission share",
            hint: "each subnet's share of every block's TAO (BIT001: in proportion to price)",
            controls: |ui, input, p| {
                if input.others.is_empty() {
                    ui.checkbox(&mut p.stacked_shares, "stacked");
                }
                if let Some(theta) = input.gate_bar {
                    // Said in words too: in the stacked view the bar is not drawn (a band's
                    // edge is a running sum, not a share).
                    ui.label(RichText::new(shares::gate_label(theta)).color(shares::gate_colour(p.dark))).on_hover_text(shares::GATE_HINT);
                }
            },
            draw: |ui, input, p, cache, h| Some(shares::share_chart(ui, input, p, cache, h)),
        },
        ChartKind::Pools => Chart {
            kind,
            all_worlds: true,
            short: "pools",
            title: "TAO in each pool",
            hint: "the pool's TAO reserve: deeper pools move less per trade",
            controls: no_controls,
            draw: |ui, input, p, cache, h| Some(subnet_series::subnet_series_chart(ui, "depth", input, p, cache, h, YFmt::Tao, |s| &s.tao_reserve, 0.05, true)),
        },
        ChartKind::AlphaSplit => Chart {
            kind,
            all_worlds: false,
            short: "alpha split",
            title: "Where the last block's alpha went",
            hint: "owner 18%, miners 41%, validators 41% (of which the root proportion is sold for TAO)",
            controls: no_controls,
            draw: |ui, input, p, _, h| {
                alpha_split::alpha_split_chart(ui, input, p.dark, h);
                None
            },
        },
        ChartKind::Holders => Chart {
            kind,
            all_worlds: false,
            short: "who wins",
            title: "Who is winning",
            hint: "free TAO + root stake + alpha, summed over each strategy's holders; You on your own line",
            controls: |ui, _, p| {
                ui.selectable_value(&mut p.exit_values, true, "if sold").on_hover_text("alpha valued at what selling it now would pay, with fee and slippage");
                ui.selectable_value(&mut p.exit_values, false, "at spot").on_hover_text("alpha valued at the pool's spot price (paper value)");
                ui.checkbox(&mut p.relative_values, "% of start");
            },
            draw: |ui, input, p, _, h| Some(holders::holders_chart(ui, input, p, h)),
        },
        ChartKind::RootProp => Chart {
            kind,
            all_worlds: true,
            short: "root prop",
            title: "Root proportion",
            hint: "share of validator dividends going to root stakers: w·R / (w·R + alpha issuance)",
            controls: no_controls,
            draw: |ui, input, p, cache, h| Some(subnet_series::subnet_series_chart(ui, "root_prop", input, p, cache, h, YFmt::Percent, |s| &s.root_prop, 0.0, true)),
        },
        ChartKind::Emission => Chart {
            kind,
            all_worlds: true,
            short: "TAO/block",
            title: "TAO emitted per block",
            hint: "TAO minted each block; halves when issuance crosses each halving threshold",
            controls: no_controls,
            draw: |ui, input, p, cache, h| Some(emission::emission_chart(ui, input, p, cache, h)),
        },
        ChartKind::AlphaFlow => Chart {
            kind,
            all_worlds: false,
            short: "alpha in/out",
            title: "Alpha injected vs emitted, per block",
            hint: "alpha added to pools with the injected TAO, against alpha emitted to owners, miners and validators",
            controls: no_controls,
            draw: |ui, input, p, cache, h| Some(alpha_flow::alpha_flow_chart(ui, input, p, cache, h)),
        },
        ChartKind::ChainBuys => Chart {
            kind,
            all_worlds: false,
            short: "chain buys",
            title: "Chain buys (TAO per block)",
            hint: "TAO of a subnet's share beyond what its injection takes, spent buying its alpha, which the chain keeps as protocol alpha; thick: all subnets together",
            controls: no_controls,
            draw: |ui, input, p, cache, h| Some(chain_buys::chain_buys_chart(ui, input, p, cache, h)),
        },
    }
}

/// Whether the rules in force have this chart: chain buys kept as protocol alpha exist only
/// under mainnet-2026-08 (another rule set's dashboard stays as it was).
pub fn available(kind: ChartKind, input: &ChartInput) -> bool {
    kind != ChartKind::ChainBuys || input.gate_bar.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_entry() {
        for kind in ChartKind::ALL {
            let entry = chart(kind);
            assert_eq!(entry.kind, kind);
            assert!(!entry.short.is_empty() && !entry.title.is_empty() && !entry.hint.is_empty());
        }
        let titles: std::collections::BTreeSet<&str> = ChartKind::ALL.iter().map(|k| chart(*k).title).collect();
        assert_eq!(titles.len(), ChartKind::ALL.len());
    }
}
