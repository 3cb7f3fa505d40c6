//! The charts a scenario can ask the window to open on (`focus_charts`): the one list of
//! their kinds and names. The window's chart table ([`crate::dashboard::ui::charts`]) has
//! one entry per kind; the scenario checks names against this list.

/// A chart of the window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ChartKind {
    Price,
    Shares,
    Pools,
    AlphaSplit,
    Holders,
    RootProp,
    Emission,
    AlphaFlow,
    /// `mainnet-2026-08` only: TAO spent on chain buys per block.
    ChainBuys,
}

impl ChartKind {
    /// Every chart, in the order the chart picker lists them.
    pub const ALL: [ChartKind; 9] = [
        ChartKind::Price,
        ChartKind::Shares,
        ChartKind::Pools,
        ChartKind::AlphaSplit,
        ChartKind::Holders,
        ChartKind::RootProp,
        ChartKind::Emission,
        ChartKind::AlphaFlow,
        ChartKind::ChainBuys,
    ];
    /// Shown when the scenario does not say (`focus_charts`).
    pub const DEFAULT: [ChartKind; 4] = [ChartKind::Price, ChartKind::Shares, ChartKind::Holders, ChartKind::Emission];
    /// Shown under mainnet-2026-08 when the scenario does not say.
    pub const CHAIN_ERA_DEFAULT: [ChartKind; 4] = [ChartKind::Price, ChartKind::Shares, ChartKind::Holders, ChartKind::ChainBuys];

    /// The name scenarios use in `focus_charts`.
    pub const fn name(self) -> &'static str {
        match self {
            ChartKind::Price => "price",
            ChartKind::Shares => "shares",
            ChartKind::Pools => "pools",
            ChartKind::AlphaSplit => "alpha_split",
            ChartKind::Holders => "holders",
            ChartKind::RootProp => "root_prop",
            ChartKind::Emission => "emission",
            ChartKind::AlphaFlow => "alpha_flow",
            ChartKind::ChainBuys => "chain_buys",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// The names of [`ChartKind::ALL`], in order: what `focus_charts` accepts.
pub const CHART_NAMES: [&str; ChartKind::ALL.len()] = {
    let mut names = [""; ChartKind::ALL.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = ChartKind::ALL[i].name();
        i += 1;
    }
    names
};
