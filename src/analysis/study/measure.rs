//! What a run of a study measures: its metrics (a quantity and a reducer: final, min, max,
//! mean over a window, first block where a condition holds) and its stop conditions, and
//! the [`Measurer`] that folds the observations of one run into its row.

use super::probe::Probe;
use super::quantity::{Condition, Quantity, Threshold};
use super::spec::Reduce;
use bevy::prelude::World;

/// One metric: a column of `runs.csv`.
#[derive(Clone, Debug, PartialEq)]
pub struct Metric {
    pub name: String,
    pub quantity: Quantity,
    pub reduce: Reduce,
    /// The window, in blocks from the run's first: `from` inclusive, `to` exclusive (the end
    /// of the run when `None`).
    pub from: u64,
    pub to: Option<u64>,
    /// `first`: the condition whose first block is the value.
    pub threshold: Option<Threshold>,
}

impl Metric {
    /// The value of the quantity at the run's last block.
    pub fn final_of(quantity: Quantity) -> Metric {
        Metric { name: quantity.label(), quantity, reduce: Reduce::Final, from: 0, to: None, threshold: None }
    }

    fn in_window(&self, block: u64) -> bool {
        block >= self.from && self.to.is_none_or(|to| block < to)
    }

    /// `min of min_price over blocks 100..600`, for the manifest.
    pub fn describe(&self) -> String {
        let what = match (self.reduce, self.threshold) {
            (Reduce::First, Some(t)) => format!("first block where {}{}", self.quantity.label(), t.text()),
            (r, _) => format!("{} of {}", r.name(), self.quantity.label()),
        };
        match (self.from, self.to) {
            (0, None) => what,
            (from, None) => format!("{what} from block {from}"),
            (from, Some(to)) => format!("{what} over blocks {from}..{to}"),
        }
    }
}

/// A run's metrics, its stop conditions and how often it is observed.
#[derive(Clone, Debug, PartialEq)]
pub struct Measures {
    pub metrics: Vec<Metric>,
    /// The run ends after the first observed block where any holds.
    pub stops: Vec<Condition>,
    /// Blocks between observations (the last block is always observed).
    pub observe_every: u64,
}

/// The quantities `runs.csv` shows when nothing else is asked for: the end state, as the
/// sweep of flags always wrote it, then each strategy's return.
const DEFAULT_QUANTITIES: [Quantity; 12] = [
    Quantity::EmittedTao,
    Quantity::RootStakeTao,
    Quantity::MeanRootProp,
    Quantity::MaxShare,
    Quantity::MinShare,
    Quantity::RegisteredShare,
    Quantity::MeanPrice,
    Quantity::MinPrice,
    Quantity::MaxPrice,
    Quantity::Subnets,
    Quantity::AcceptedTx,
    Quantity::RefusedTx,
];

impl Measures {
    /// The end state and the return of every strategy (or role) the scenario's tracked
    /// holders start with (read from a world of the scenario before its first block).
    pub fn default_for(genesis: &crate::scenario::Genesis) -> Measures {
        let mut sim = crate::Simulation::new(genesis);
        let strategies = Probe::new(sim.world_mut(), false, true).strategies();
        let mut metrics: Vec<Metric> = DEFAULT_QUANTITIES.iter().cloned().map(Metric::final_of).collect();
        metrics.extend(strategies.into_iter().map(|s| Metric::final_of(Quantity::ReturnPct(s))));
        Measures { metrics, stops: Vec::new(), observe_every: 1 }
    }

    /// The quantities read during the run (not only at its end), each once.
    fn during(&self) -> Vec<Quantity> {
        let mut qs: Vec<Quantity> = Vec::new();
        let during = self.metrics.iter().filter(|m| m.reduce != Reduce::Final).map(|m| &m.quantity);
        for q in during.chain(self.stops.iter().map(|c| &c.quantity)) {
            if !qs.contains(q) {
                qs.push(q.clone());
            }
        }
        qs
    }

    fn uses(&self, f: impl Fn(&Quantity) -> bool) -> bool {
        self.metrics.iter().map(|m| &m.quantity).chain(self.stops.iter().map(|c| &c.quantity)).any(f)
    }
}

/// What a metric has gathered so far.
#[derive(Clone, Copy, Debug)]
enum Gathered {
    Final,
    Extreme(Option<f64>),
    Sum { sum: f64, n: u64 },
    /// The run's block index of the first hit.
    First(Option<u64>),
}

/// The observations of one run, folded as they come.
pub struct Measurer<'a> {
    measures: &'a Measures,
    during: Vec<Quantity>,
    gathered: Vec<Gathered>,
    probe: Probe,
    /// The absolute number of the run's first block (`first` reports blocks as
    /// `subnets.csv` numbers them).
    start_block: u64,
}

impl<'a> Measurer<'a> {
    /// Starts on a freshly spawned world, before its first block.
    pub fn new(measures: &'a Measures, world: &mut World, start_block: u64) -> Self {
        let track = measures.uses(|q| *q == Quantity::Deregistered);
        let holders = measures.uses(Quantity::needs_holders);
        let gathered = measures
            .metrics
            .iter()
            .map(|m| match m.reduce {
                Reduce::Final => Gathered::Final,
                Reduce::Min | Reduce::Max => Gathered::Extreme(None),
                Reduce::Mean => Gathered::Sum { sum: 0.0, n: 0 },
                Reduce::First => Gathered::First(None),
            })
            .collect();
        Measurer { measures, during: measures.during(), gathered, probe: Probe::new(world, track, holders), start_block }
    }

    /// Whether anything is read before the last block: otherwise the run goes in one go.
    pub fn observes_during_run(&self) -> bool {
        !self.during.is_empty() || self.measures.uses(|q| *q == Quantity::Deregistered)
    }

    /// Observes the world after block `block` (counted from the run's first, 0); returns
    /// the stop condition that holds, if one does.
    pub fn observe(&mut self, world: &mut World, block: u64) -> Option<String> {
        let values = self.probe.observe(world, &self.during);
        let value_of = |q: &Quantity| self.during.iter().position(|d| d == q).and_then(|i| values[i]);
        for (m, g) in self.measures.metrics.iter().zip(self.gathered.iter_mut()) {
            if !m.in_window(block) {
                continue;
            }
            let Some(v) = value_of(&m.quantity) else { continue };
            match g {
                Gathered::Final => {}
                Gathered::Extreme(best) => {
                    let better = match (m.reduce, *best) {
                        (_, None) => true,
                        (Reduce::Min, Some(b)) => v < b,
                        (_, Some(b)) => v > b,
                    };
                    if better {
                        *best = Some(v);
                    }
                }
                Gathered::Sum { sum, n } => {
                    *sum += v;
                    *n += 1;
                }
                Gathered::First(hit) => {
                    if hit.is_none() && m.threshold.is_some_and(|t| t.holds(v)) {
                        *hit = Some(block);
                    }
                }
            }
        }
        self.measures.stops.iter().find(|c| value_of(&c.quantity).is_some_and(|v| c.threshold.holds(v))).map(Condition::text)
    }

    /// Each metric's value, after the run's last block (in the metrics' order).
    pub fn finish(mut self, world: &mut World) -> Vec<Option<f64>> {
        let finals: Vec<Quantity> = self.measures.metrics.iter().filter(|m| m.reduce == Reduce::Final).map(|m| m.quantity.clone()).collect();
        let values = self.probe.observe(world, &finals);
        let mut next_final = values.into_iter();
        self.gathered
            .iter()
            .map(|g| match *g {
                Gathered::Final => next_final.next().flatten(),
                Gathered::Extreme(v) => v,
                Gathered::Sum { sum, n } => (n > 0).then(|| sum / n as f64),
                Gathered::First(b) => b.map(|b| (self.start_block + b) as f64),
            })
            .collect()
    }
}
