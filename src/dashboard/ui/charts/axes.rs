//! The honest axes every time chart shares: 4 to 8 nice ticks, blocks with days, hover
//! text that names the value, and minimum spans so a small move is drawn small.

use crate::dashboard::readable::thousands;
use bevy_egui::egui;
use egui_plot::{AxisHints, GridInput, GridMark, HoverPosition, Plot};

/// Blocks in a day (12 s blocks).
pub(super) const DAY: f64 = 7_200.0;

/// How a y value reads.
#[derive(Clone, Copy)]
pub(super) enum YFmt {
    Price { log: bool },
    Percent,
    Tao,
    Alpha,
    PercentOfStart,
}

pub(super) fn fmt_y(f: YFmt, v: f64, step: f64) -> String {
    // Exactly as many decimals as the step has (0.025 needs 3), so that no tick label is
    // rounded to a value it is not.
    let decimals = |step: f64| if step > 0.0 { (0..9).find(|d| ((step * 10f64.powi(*d)) - (step * 10f64.powi(*d)).round()).abs() < 1e-6).unwrap_or(9) as usize } else { 3 };
    match f {
        YFmt::Price { log: true } => format!("{:.4}", 10f64.powf(v)),
        YFmt::Price { log: false } => thousands(v, decimals(step).max(2)),
        YFmt::Percent => format!("{}%", thousands(v * 100.0, decimals(step * 100.0))),
        YFmt::Tao => format!("{} τ", thousands(v, decimals(step))),
        YFmt::Alpha => format!("{} α", thousands(v, decimals(step))),
        YFmt::PercentOfStart => format!("{}%", thousands(v, decimals(step))),
    }
}

pub(super) fn fmt_hover(f: YFmt, v: f64) -> String {
    match f {
        YFmt::Price { log: true } => format!("{:.6} TAO/alpha", 10f64.powf(v)),
        YFmt::Price { log: false } => format!("{v:.6} TAO/alpha"),
        YFmt::Percent => format!("{:.3}%", v * 100.0),
        YFmt::Tao => format!("{} TAO", thousands(v, 4)),
        YFmt::Alpha => format!("{} alpha", thousands(v, 4)),
        YFmt::PercentOfStart => format!("{v:.3}% of start"),
    }
}

/// A run-relative block `x` as the chain numbers it (`start_block` + x), with the days since
/// the run's start.
pub(super) fn fmt_block(x: f64, start_block: u64) -> String {
    format!("block {} (day {:.2})", thousands(x + start_block as f64, 0), x / DAY)
}

/// The largest "nice" step (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k) that still gives at
/// least `ticks` steps over `span`; the fine set of multiples keeps the count close to
/// `ticks`, so that a short chart's labels keep their room.
pub fn nice_step(span: f64, ticks: f64) -> f64 {
    let raw = span / ticks.max(1.0);
    let magnitude = 10f64.powf(raw.log10().floor());
    [8.0, 6.0, 5.0, 4.0, 3.0, 2.5, 2.0, 1.5, 1.0].into_iter().map(|m| m * magnitude).find(|s| *s <= raw).unwrap_or(magnitude)
}

/// Grid lines below this spacing (points) are not drawn; the spacers keep them far above.
pub(super) const GRID_MIN: f32 = 8.0;

/// Ticks every `per_label` points or so, never fewer than 4 nor more than 8. On the time
/// axis (which always starts at block 0, so 4 steps give 5 ticks) a tick at the very right
/// edge is dropped, since its label would be cut in half.
pub(super) fn spacer(per_label: f64, time_axis: bool) -> impl Fn(GridInput) -> Vec<GridMark> {
    move |input: GridInput| {
        let (lo, hi) = input.bounds;
        let span = hi - lo;
        if !(span > 0.0 && span.is_finite()) || input.base_step_size <= 0.0 {
            return Vec::new();
        }
        let points = span * GRID_MIN as f64 / input.base_step_size;
        // A narrow chart numbering chain blocks ("8,805,654") has room for three steps of
        // time, not four: labels that touch read as one number.
        let fewest = if time_axis { 3.0 } else { 4.0 };
        let step = nice_step(span, (points / per_label).clamp(fewest, 8.0));
        let (first, last) = ((lo / step).ceil() as i64, (hi / step).floor() as i64);
        (first..=last)
            .map(|k| GridMark { value: k as f64 * step, step_size: step })
            .filter(|m| !time_axis || hi - m.value > span * 0.08)
            .collect()
    }
}

/// A time chart with the common axes, hover text and size. Time runs from block 0 to at
/// least `block` (and never spans less than 100 blocks, which would need fractional ticks);
/// labels number blocks as the chain does (`start_block` on), with days since the start.
pub(super) fn time_plot<'a>(id: &str, height: f32, y: YFmt, block: u64, start_block: u64) -> Plot<'a> {
    // Chain block numbers are wide: their ticks need more room to stay apart.
    let (spacing, per_label) = if start_block >= 100_000 { (80.0..=90.0, 130.0) } else { (40.0..=50.0, 120.0) };
    let x_axis = AxisHints::new_x().label_spacing(spacing).formatter(move |mark, _| {
        let days = mark.value / DAY;
        // Days are the second reading of the same tick: whole days when ticks are days
        // apart, otherwise enough decimals to tell neighbours apart.
        let day_decimals = if mark.step_size >= DAY && (mark.step_size / DAY).fract() == 0.0 { 0 } else if mark.step_size >= DAY / 100.0 { 2 } else { 3 };
        format!("{}\nday {:.*}", thousands(mark.value + start_block as f64, if mark.step_size < 1.0 { 1 } else { 0 }), day_decimals, days)
    });
    // Room for the widest tick label from the first frame on.
    let y_axis = AxisHints::new_y().label_spacing(12.0..=16.0).min_thickness(44.0).formatter(move |mark, _| fmt_y(y, mark.value, mark.step_size));
    Plot::new(id.to_string())
        .height(height)
        .allow_scroll(false)
        .include_x(0.0)
        .include_x(block.max(100) as f64)
        .grid_spacing(egui::Rangef::new(GRID_MIN, 40.0))
        .x_grid_spacer(spacer(per_label, true))
        .y_grid_spacer(spacer(40.0, false))
        .custom_x_axes(vec![x_axis])
        .custom_y_axes(vec![y_axis])
        .label_formatter(move |pos| {
            Some(match pos {
                HoverPosition::NearDataPoint { plot_name, position, .. } => {
                    format!("{plot_name}\n{}\n{}", fmt_block(position.x, start_block), fmt_hover(y, position.y))
                }
                // Away from every line the pointer's height is no value of anything: say only
                // where on the time axis it is.
                HoverPosition::Elsewhere { position } => fmt_block(position.x, start_block),
            })
        })
}

/// Smallest and largest y of the series.
pub(super) fn y_range<'p>(series: impl IntoIterator<Item = &'p Vec<[f64; 2]>>) -> Option<(f64, f64)> {
    let mut range: Option<(f64, f64)> = None;
    for s in series {
        for p in s {
            if p[1].is_finite() {
                range = Some(range.map_or((p[1], p[1]), |(lo, hi)| (lo.min(p[1]), hi.max(p[1]))));
            }
        }
    }
    range
}

/// Widens the y range to at least ±`fraction` around its middle, so that a tiny drift is
/// drawn as tiny. For log axes the fraction applies to the value, not its logarithm.
pub(super) fn min_span<'a>(plot: Plot<'a>, range: Option<(f64, f64)>, fraction: f64, log: bool) -> Plot<'a> {
    let Some((lo, hi)) = range else { return plot };
    if log {
        let mid = (lo + hi) / 2.0;
        let half = (1.0 + fraction).log10();
        return plot.include_y(mid - half).include_y(mid + half);
    }
    let mid = (lo + hi) / 2.0;
    let half = (mid.abs() * fraction).max(1e-9);
    plot.include_y(mid - half).include_y(mid + half)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_are_nice_at_least_four_and_labelled_exactly() {
        for span in [1.0, 3.0, 97.0, 1_801.0, 7_200.0, 123_456.0, 0.0007] {
            let step = nice_step(span, 4.0);
            assert!(span / step >= 4.0, "{span}: step {step}");
            assert!(span / step < 7.0, "{span}: step {step} gives too many ticks");
        }
        assert_eq!(fmt_y(YFmt::Price { log: false }, 1.025, 0.025), "1.025");
        assert_eq!(fmt_y(YFmt::Percent, 0.25, 0.25), "25%");
        assert_eq!(fmt_y(YFmt::Tao, 1_500.0, 500.0), "1,500 τ");
    }
}
