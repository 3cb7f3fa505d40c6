//! The quantities of a world that a sweep's metrics and stop conditions observe, by the
//! names a spec writes them with.

/// One observable number. Amounts in TAO, prices in TAO per alpha, shares from 0 to 1.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Quantity {
    /// TAO emitted into pools since the start.
    EmittedTao,
    TotalIssuanceTao,
    RootStakeTao,
    /// Over the subnets alive at the block.
    MeanRootProp,
    MaxShare,
    MinShare,
    /// Emission share of the subnets registered during the run.
    RegisteredShare,
    MeanPrice,
    MinPrice,
    MaxPrice,
    /// Subnets alive.
    Subnets,
    /// Subnets that were seen at an observed block and are gone at a later one.
    Deregistered,
    AcceptedTx,
    RefusedTx,
    /// One subnet's, by netuid.
    Price(u16),
    MovingPrice(u16),
    EmissionShare(u16),
    RootProp(u16),
    TaoReserve(u16),
    /// A strategy's return in % from the start (holders' total value at spot price).
    ReturnPct(String),
}

/// The names of the quantities, for the refusal of an unknown one.
pub const QUANTITY_NAMES: &str = "emitted_tao, total_issuance_tao, root_stake_tao, mean_root_prop, max_share, min_share, \
registered_share, mean_price, min_price, max_price, subnets, deregistered, accepted_tx, refused_tx; with netuid: price, \
moving_price, emission_share, root_prop, tao_reserve; with strategy: return_pct";

/// Which of `netuid` and `strategy` a quantity needs: a problem names the key.
#[derive(Debug, PartialEq)]
pub enum QuantityProblem {
    Unknown(String),
    /// (the key, why).
    Key(&'static str, String),
}

impl Quantity {
    /// The quantity `of` names, with its `netuid` or `strategy` when it takes one.
    pub fn parse(of: &str, netuid: Option<u16>, strategy: Option<&str>) -> Result<Quantity, QuantityProblem> {
        let per_subnet: Option<fn(u16) -> Quantity> = match of {
            "price" => Some(Quantity::Price),
            "moving_price" => Some(Quantity::MovingPrice),
            "emission_share" => Some(Quantity::EmissionShare),
            "root_prop" => Some(Quantity::RootProp),
            "tao_reserve" => Some(Quantity::TaoReserve),
            _ => None,
        };
        if let Some(make) = per_subnet {
            if strategy.is_some() {
                return Err(QuantityProblem::Key("strategy", format!("`{of}` is a subnet's: give `netuid`, not `strategy`")));
            }
            return match netuid {
                Some(0) => Err(QuantityProblem::Key("netuid", "netuid 0 is root, which has no pool: give a subnet's netuid".into())),
                Some(n) => Ok(make(n)),
                None => Err(QuantityProblem::Key("netuid", format!("`{of}` is a subnet's: say which with `netuid`"))),
            };
        }
        if of == "return_pct" {
            if netuid.is_some() {
                return Err(QuantityProblem::Key("netuid", "return_pct is a strategy's: give `strategy`, not `netuid`".into()));
            }
            return match strategy {
                Some(s) if !s.trim().is_empty() => Ok(Quantity::ReturnPct(s.trim().to_string())),
                _ => Err(QuantityProblem::Key("strategy", "return_pct needs `strategy` (a strategy's name, `validator` or `holder`)".into())),
            };
        }
        let q = match of {
            "emitted_tao" => Quantity::EmittedTao,
            "total_issuance_tao" => Quantity::TotalIssuanceTao,
            "root_stake_tao" => Quantity::RootStakeTao,
            "mean_root_prop" => Quantity::MeanRootProp,
            "max_share" => Quantity::MaxShare,
            "min_share" => Quantity::MinShare,
            "registered_share" => Quantity::RegisteredShare,
            "mean_price" => Quantity::MeanPrice,
            "min_price" => Quantity::MinPrice,
            "max_price" => Quantity::MaxPrice,
            "subnets" => Quantity::Subnets,
            "deregistered" => Quantity::Deregistered,
            "accepted_tx" => Quantity::AcceptedTx,
            "refused_tx" => Quantity::RefusedTx,
            _ => return Err(QuantityProblem::Unknown(format!("unknown quantity `{of}` (known: {QUANTITY_NAMES})"))),
        };
        match (netuid, strategy) {
            (Some(_), _) => Err(QuantityProblem::Key("netuid", format!("`{of}` is the whole network's: it takes no netuid"))),
            (_, Some(_)) => Err(QuantityProblem::Key("strategy", format!("`{of}` is the whole network's: it takes no strategy"))),
            _ => Ok(q),
        }
    }

    /// Its name in a column: `min_price`, `price_sn3`, `return_momentum_pct`.
    pub fn label(&self) -> String {
        match self {
            Quantity::Price(n) => format!("price_sn{n}"),
            Quantity::MovingPrice(n) => format!("moving_price_sn{n}"),
            Quantity::EmissionShare(n) => format!("emission_share_sn{n}"),
            Quantity::RootProp(n) => format!("root_prop_sn{n}"),
            Quantity::TaoReserve(n) => format!("tao_reserve_sn{n}"),
            Quantity::ReturnPct(s) => format!("return_{s}_pct"),
            other => other.network_name().to_string(),
        }
    }

    fn network_name(&self) -> &'static str {
        match self {
            Quantity::EmittedTao => "emitted_tao",
            Quantity::TotalIssuanceTao => "total_issuance_tao",
            Quantity::RootStakeTao => "root_stake_tao",
            Quantity::MeanRootProp => "mean_root_prop",
            Quantity::MaxShare => "max_share",
            Quantity::MinShare => "min_share",
            Quantity::RegisteredShare => "registered_share",
            Quantity::MeanPrice => "mean_price",
            Quantity::MinPrice => "min_price",
            Quantity::MaxPrice => "max_price",
            Quantity::Subnets => "subnets",
            Quantity::Deregistered => "deregistered",
            Quantity::AcceptedTx => "accepted_tx",
            Quantity::RefusedTx => "refused_tx",
            _ => "",
        }
    }

    /// Whether reading it values every tracked holder (the costliest reading).
    pub fn needs_holders(&self) -> bool {
        matches!(self, Quantity::ReturnPct(_))
    }

    /// Whether it is one subnet's or an aggregate over subnets.
    pub fn needs_subnets(&self) -> bool {
        !matches!(
            self,
            Quantity::EmittedTao | Quantity::TotalIssuanceTao | Quantity::RootStakeTao | Quantity::AcceptedTx | Quantity::RefusedTx | Quantity::ReturnPct(_)
        )
    }
}

/// A threshold on a quantity: `below` (strictly) or `above` (strictly).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Threshold {
    Below(f64),
    Above(f64),
}

impl Threshold {
    pub fn holds(self, value: f64) -> bool {
        match self {
            Threshold::Below(x) => value < x,
            Threshold::Above(x) => value > x,
        }
    }

    /// `<0.5`, `>0`: as a condition is named in `runs.csv`.
    pub fn text(self) -> String {
        match self {
            Threshold::Below(x) => format!("<{x}"),
            Threshold::Above(x) => format!(">{x}"),
        }
    }
}

/// A quantity and a threshold: a stop condition, or the event a `first` metric dates.
#[derive(Clone, Debug, PartialEq)]
pub struct Condition {
    pub quantity: Quantity,
    pub threshold: Threshold,
}

impl Condition {
    /// `min_price<0.05`.
    pub fn text(&self) -> String {
        format!("{}{}", self.quantity.label(), self.threshold.text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_are_read_by_name_with_their_keys() {
        assert_eq!(Quantity::parse("min_price", None, None), Ok(Quantity::MinPrice));
        assert_eq!(Quantity::parse("price", Some(3), None).map(|q| q.label()), Ok("price_sn3".to_string()));
        assert!(matches!(Quantity::parse("price", None, None), Err(QuantityProblem::Key("netuid", _))));
        assert!(matches!(Quantity::parse("min_price", Some(2), None), Err(QuantityProblem::Key("netuid", _))));
        assert!(matches!(Quantity::parse("return_pct", None, None), Err(QuantityProblem::Key("strategy", _))));
        assert!(matches!(Quantity::parse("nonsense", None, None), Err(QuantityProblem::Unknown(_))));
        assert!(Threshold::Below(0.5).holds(0.4) && !Threshold::Below(0.5).holds(0.5));
    }
}
