//! Points in the unit cube for the `lhs` and `random` designs, from a seed: the same seed
//! gives the same points on every machine (ChaCha8, and integers drawn as `u64`, whose
//! sampling does not depend on the platform's word size).

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// A Latin hypercube of `samples` points in `[0, 1)^dims`: along every dimension each of the
/// `samples` equal strata holds exactly one point, placed at random within it. Dimension by
/// dimension: a random permutation of the strata, then a jitter per point.
pub fn latin_hypercube(samples: usize, dims: usize, seed: u64) -> Vec<Vec<f64>> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut points = vec![vec![0.0; dims]; samples];
    for d in 0..dims {
        let mut strata: Vec<usize> = (0..samples).collect();
        // Fisher-Yates, from the top.
        for i in (1..samples).rev() {
            let j = rng.random_range(0..=i as u64) as usize;
            strata.swap(i, j);
        }
        for (point, stratum) in points.iter_mut().zip(&strata) {
            let jitter: f64 = rng.random();
            point[d] = (*stratum as f64 + jitter) / samples as f64;
        }
    }
    points
}

/// `samples` independent uniform points in `[0, 1)^dims`.
pub fn uniform(samples: usize, dims: usize, seed: u64) -> Vec<Vec<f64>> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    (0..samples).map(|_| (0..dims).map(|_| rng.random::<f64>()).collect()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_stratum_of_every_dimension_holds_one_point() {
        let points = latin_hypercube(50, 3, 7);
        for d in 0..3 {
            let mut strata: Vec<usize> = points.iter().map(|p| (p[d] * 50.0) as usize).collect();
            strata.sort();
            assert_eq!(strata, (0..50).collect::<Vec<_>>(), "dimension {d}");
        }
        assert!(points.iter().flatten().all(|x| (0.0..1.0).contains(x)));
    }

    #[test]
    fn the_seed_decides_the_points() {
        assert_eq!(latin_hypercube(20, 4, 1), latin_hypercube(20, 4, 1));
        assert_ne!(latin_hypercube(20, 4, 1), latin_hypercube(20, 4, 2));
        assert_eq!(uniform(5, 2, 3), uniform(5, 2, 3));
        assert_ne!(uniform(5, 2, 3), uniform(5, 2, 4));
    }
}
