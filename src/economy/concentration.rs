//! How concentrated a distribution is (of emission among subnets, of stake among pools):
//! the measures rule proposals argue about. Each takes the amounts in any order and any
//! unit; negative amounts are not amounts and count as zero. An empty or all-zero
//! distribution is not concentrated: every measure of it is 0.

/// The amounts as non-negative numbers, largest first, and their total.
fn sorted_desc(values: &[f64]) -> (Vec<f64>, f64) {
    let mut v: Vec<f64> = values.iter().map(|x| if x.is_finite() && *x > 0.0 { *x } else { 0.0 }).collect();
    v.sort_by(|a, b| b.total_cmp(a));
    let total = v.iter().sum();
    (v, total)
}

/// Herfindahl–Hirschman index `Σ (xᵢ/Σx)²`: 1 when one holds everything, `1/n` when `n`
/// hold equal parts.
pub fn hhi(values: &[f64]) -> f64 {
    let (v, total) = sorted_desc(values);
    if total <= 0.0 {
        return 0.0;
    }
    v.iter().map(|x| (x / total) * (x / total)).sum()
}

/// Gini coefficient `Σᵢ Σⱼ |xᵢ − xⱼ| / (2 n Σx)` over all `n` values (zeros included): 0 when
/// all are equal, `1 − 1/n` when one holds everything.
pub fn gini(values: &[f64]) -> f64 {
    let (mut v, total) = sorted_desc(values);
    let n = v.len() as f64;
    if total <= 0.0 {
        return 0.0;
    }
    // Ascending order: G = (2 Σ i·xᵢ)/(n Σx) − (n + 1)/n with i from 1, the pairwise sum
    // without its n² terms.
    v.reverse();
    let weighted: f64 = v.iter().enumerate().map(|(i, x)| (i + 1) as f64 * x).sum();
    (2.0 * weighted / (n * total) - (n + 1.0) / n).max(0.0)
}

/// Nakamoto coefficient: the fewest holders whose amounts together exceed `fraction` of the
/// total (0.5: a majority). 0 for an empty or all-zero distribution.
pub fn nakamoto(values: &[f64], fraction: f64) -> usize {
    let (v, total) = sorted_desc(values);
    if total <= 0.0 {
        return 0;
    }
    let mut sum = 0.0;
    for (i, x) in v.iter().enumerate() {
        sum += x;
        if sum > fraction * total {
            return i + 1;
        }
    }
    v.len()
}

/// The part of the total that the `k` largest hold (1 when there are `k` or fewer).
pub fn top_share(values: &[f64], k: usize) -> f64 {
    let (v, total) = sorted_desc(values);
    if total <= 0.0 {
        return 0.0;
    }
    v.iter().take(k).sum::<f64>() / total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn equal_parts_are_as_spread_as_n_can_be() {
        let equal = [2.0; 4];
        assert!(close(hhi(&equal), 0.25));
        assert!(close(gini(&equal), 0.0));
        assert_eq!(nakamoto(&equal, 0.5), 3, "two of four hold exactly half, not more");
        assert!(close(top_share(&equal, 2), 0.5));
    }

    #[test]
    fn one_holding_everything_is_as_concentrated_as_n_can_be() {
        let one = [0.0, 7.0, 0.0, 0.0];
        assert!(close(hhi(&one), 1.0));
        assert!(close(gini(&one), 0.75), "1 − 1/n");
        assert_eq!(nakamoto(&one, 0.5), 1);
        assert!(close(top_share(&one, 1), 1.0));
    }

    #[test]
    fn a_small_case_by_hand() {
        // Shares 0.5, 0.3, 0.2: HHI 0.25 + 0.09 + 0.04; Gini Σ|xi − xj| = 2·(0.2 + 0.3 + 0.1)
        // = 1.2 over 2·3·1.
        let v = [3.0, 5.0, 2.0];
        assert!(close(hhi(&v), 0.38));
        assert!(close(gini(&v), 0.2));
        assert_eq!(nakamoto(&v, 0.5), 2, "the largest holds exactly half");
        assert!(close(top_share(&v, 2), 0.8));
        assert!(close(top_share(&v, 64), 1.0));
    }

    #[test]
    fn nothing_and_nonsense_are_not_concentrated() {
        for v in [&[][..], &[0.0, 0.0], &[-1.0, f64::NAN]] {
            assert_eq!((hhi(v), gini(v), nakamoto(v, 0.5), top_share(v, 1)), (0.0, 0.0, 0, 0.0));
        }
    }
}
