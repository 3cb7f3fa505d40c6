//! The invariants of MODEL.md, checked exactly in RAO.

use crate::world::{Chain, Ledger, Pending, Pool, Subnet, SubnetChain, SubnetTotals, Wallet};
use bevy::ecs::system::SystemState;
use bevy::prelude::*;

/// The run-time conservation check and its result so far.
#[derive(Resource, Clone, Debug, Default)]
pub struct Conservation {
    /// Check after every block (otherwise only at sampled blocks and on demand).
    pub every_block: bool,
    pub checks: u64,
    /// The first violation found, with its block.
    pub violation: Option<String>,
}

type AuditParams<'w, 's> = (
    Res<'w, Chain>,
    Res<'w, Ledger>,
    Query<'w, 's, (&'static Subnet, &'static Pool, &'static Pending, &'static SubnetTotals, Option<&'static SubnetChain>)>,
    Query<'w, 's, &'static Wallet>,
);

/// Checks TAO conservation and each subnet's alpha conservation; the error names the first
/// broken invariant with both sides.
pub fn check_invariants(
    chain: &Chain,
    ledger: &Ledger,
    subnets: &Query<(&Subnet, &Pool, &Pending, &SubnetTotals, Option<&SubnetChain>)>,
    wallets: &Query<&Wallet>,
) -> Result<(), String> {
    let free: u128 = wallets.iter().map(|w| w.free_tao as u128).sum();
    // Reservoirs are TAO the pool holds outside its price-active reserve.
    let pools: u128 = subnets.iter().map(|(_, p, ..)| p.tao_reserve as u128 + p.reservoir_tao as u128).sum();
    let pending: u128 = subnets.iter().map(|(_, _, p, ..)| p.root_tao as u128).sum();
    let held = (free
        + ledger.root.total() as u128
        + pools
        + pending
        + chain.recycled_tao
        + chain.burned_tao
        + chain.author_tao
        + chain.escrow_tao) as i128
        - chain.external_tao;
    let minted = chain.initial_tao as i128 + chain.issued_tao as i128;
    if held != minted {
        return Err(format!(
            "TAO: free {free} + root {} + pools {pools} + pending {pending} + recycled {} + burned {} + block authors {} \
             + escrow {} - outside {} = {held} RAO, but initial {} + issued {} = {minted} RAO",
            ledger.root.total(),
            chain.recycled_tao,
            chain.burned_tao,
            chain.author_tao,
            chain.escrow_tao,
            chain.external_tao,
            chain.initial_tao,
            chain.issued_tao
        ));
    }
    for (subnet, pool, pend, totals, era) in subnets.iter() {
        let n = subnet.netuid;
        let supply = pool.alpha_reserve as i128 + pool.alpha_outstanding as i128 + pool.reservoir_alpha as i128;
        if supply != totals.minted_alpha as i128 {
            return Err(format!(
                "SN{n} alpha: reserve {} + outstanding {} + reservoir {} = {supply}, but minted {}",
                pool.alpha_reserve, pool.alpha_outstanding, pool.reservoir_alpha, totals.minted_alpha
            ));
        }
        let protocol = era.map_or(0, |e| e.protocol_alpha) as i128;
        let staked = ledger.subnet_ref(n).map_or(0, |b| b.total()) as i128;
        let accounted = staked
            + pend.alpha() as i128
            + totals.unclaimed_alpha as i128
            + totals.external_alpha as i128
            + totals.claimable_alpha as i128
            + protocol;
        if accounted != pool.alpha_outstanding as i128 {
            return Err(format!(
                "SN{n} alpha outstanding {} != staked {staked} + pending {} + unclaimed {} + outside {} + claimable {} + protocol {protocol}",
                pool.alpha_outstanding,
                pend.alpha(),
                totals.unclaimed_alpha,
                totals.external_alpha,
                totals.claimable_alpha
            ));
        }
    }
    Ok(())
}

pub fn check_conservation(
    mut result: ResMut<Conservation>,
    sampling: Res<super::Sampling>,
    chain: Res<Chain>,
    ledger: Res<Ledger>,
    subnets: Query<(&Subnet, &Pool, &Pending, &SubnetTotals, Option<&SubnetChain>)>,
    wallets: Query<&Wallet>,
) {
    if result.violation.is_some() || !(result.every_block || sampling.is_sample_block(chain.block)) {
        return;
    }
    result.checks += 1;
    if let Err(e) = check_invariants(&chain, &ledger, &subnets, &wallets) {
        result.violation = Some(format!("block {}: {e}", chain.block));
    }
}

/// Checks the invariants of a world now (for tests and the end of a run).
pub fn audit(world: &mut World) -> Result<(), String> {
    let mut state: SystemState<AuditParams> = SystemState::new(world);
    let (chain, ledger, subnets, wallets) = state.get(world).map_err(|e| e.to_string())?;
    check_invariants(&chain, &ledger, &subnets, &wallets)
}
