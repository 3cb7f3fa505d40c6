//! Mean, standard deviation and the 95% confidence interval of a mean (Student's t).

/// The 0.975 quantile of Student's t with 1 to 30 degrees of freedom.
const T975: [f64; 30] = [
    12.706_204_736, 4.302_652_730, 3.182_446_305, 2.776_445_105, 2.570_581_836, 2.446_911_851, 2.364_624_252, 2.306_004_135,
    2.262_157_163, 2.228_138_852, 2.200_985_160, 2.178_812_830, 2.160_368_656, 2.144_786_688, 2.131_449_546, 2.119_905_299,
    2.109_815_578, 2.100_922_040, 2.093_024_054, 2.085_963_447, 2.079_613_845, 2.073_873_068, 2.068_657_610, 2.063_898_562,
    2.059_538_553, 2.055_529_439, 2.051_830_516, 2.048_407_142, 2.045_229_642, 2.042_272_456,
];

/// The 0.975 quantile of Student's t with `df` degrees of freedom: a table to 30, then the
/// Cornish-Fisher expansion around the normal quantile (within 1e-6 from 30 on).
pub fn t975(df: u64) -> f64 {
    if df == 0 {
        return f64::NAN;
    }
    if let Some(t) = T975.get(df as usize - 1) {
        return *t;
    }
    let z: f64 = 1.959_963_984_540_054;
    let v = df as f64;
    let (z3, z5, z7, z9) = (z.powi(3), z.powi(5), z.powi(7), z.powi(9));
    z + (z3 + z) / (4.0 * v)
        + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * v * v)
        + (3.0 * z7 + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / (384.0 * v.powi(3))
        + (79.0 * z9 + 776.0 * z7 + 1482.0 * z5 - 1920.0 * z3 - 945.0 * z) / (92_160.0 * v.powi(4))
}

/// A sample's summary; the standard deviation and the interval need two values or more.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Summary {
    pub n: u64,
    pub mean: Option<f64>,
    pub sd: Option<f64>,
    /// The 95% confidence interval of the mean: `mean ± t(0.975, n−1) · sd / √n`.
    pub ci95: Option<(f64, f64)>,
}

/// Summarises `values` in the order given (sums in that order, so that the same values
/// give the same bits).
pub fn summarise(values: &[f64]) -> Summary {
    let n = values.len() as u64;
    if n == 0 {
        return Summary { n, mean: None, sd: None, ci95: None };
    }
    let mean = values.iter().sum::<f64>() / n as f64;
    if n < 2 {
        return Summary { n, mean: Some(mean), sd: None, ci95: None };
    }
    let sd = (values.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / (n - 1) as f64).sqrt();
    let half = t975(n - 1) * sd / (n as f64).sqrt();
    Summary { n, mean: Some(mean), sd: Some(sd), ci95: Some((mean - half, mean + half)) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn t_quantiles_match_the_tables() {
        // R's qt(0.975, df).
        for (df, t) in [(1, 12.706205), (2, 4.302653), (10, 2.228139), (30, 2.042272), (31, 2.039513), (40, 2.021075), (60, 2.000298), (120, 1.979930), (1000, 1.962339)] {
            assert!((t975(df) - t).abs() < 2e-6, "df {df}: {} against {t}", t975(df));
        }
    }

    #[test]
    fn a_sample_is_summarised() {
        let s = summarise(&[1.0, 2.0, 3.0, 4.0]);
        assert_eq!((s.n, s.mean), (4, Some(2.5)));
        assert!((s.sd.unwrap() - 1.290_994_448_7).abs() < 1e-9);
        let (lo, hi) = s.ci95.unwrap();
        assert!((hi - 2.5 - 3.182_446_305 * 1.290_994_448_7 / 2.0).abs() < 1e-9 && (2.5 - lo - (hi - 2.5)).abs() < 1e-12);
        assert_eq!(summarise(&[5.0]).ci95, None);
        assert_eq!(summarise(&[]).mean, None);
    }
}
