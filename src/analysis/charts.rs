//! Charts as files (PNG and SVG, with plotters): a run's prices, shares and holder values;
//! a sweep's metrics against each swept parameter, with the spread over seeds or the 95%
//! confidence band of the mean.

use super::palette::PALETTE;
use plotters::coord::Shift;
use plotters::prelude::*;
use std::path::Path;
use std::sync::Once;

/// One line of a chart.
pub struct Series {
    pub name: String,
    pub points: Vec<(f64, f64)>,
}

/// A point with its spread: x, mean, min, max.
pub type Spread = (f64, f64, f64, f64);

/// Means with their min-max spread over seeds, for one combination of the other parameters.
pub struct SpreadSeries {
    /// The other parameters' values ("mean over seeds" when there are none).
    pub name: String,
    pub points: Vec<Spread>,
}

/// Means with their 95% confidence interval (x, mean, low, high), for one combination of
/// the other parameters.
pub struct BandSeries {
    pub name: String,
    pub points: Vec<Spread>,
}

fn register_font() {
    static ONCE: Once = Once::new();
    // The font egui ships with, so that charts need no system fonts.
    ONCE.call_once(|| {
        let _ = plotters::style::register_font("sans-serif", FontStyle::Normal, epaint_default_fonts::UBUNTU_LIGHT);
    });
}

/// The dashboard's palette; from the ninth series on, darker shades of it.
fn colour(i: usize) -> RGBColor {
    let c = PALETTE[i % PALETTE.len()];
    let shade = |v: u8| if i < PALETTE.len() { v } else { (v as u16 * 55 / 100) as u8 };
    RGBColor(shade(c.0), shade(c.1), shade(c.2))
}

fn bounds(values: impl Iterator<Item = (f64, f64)> + Clone) -> (std::ops::Range<f64>, std::ops::Range<f64>) {
    let (mut x0, mut x1, mut y0, mut y1) = (f64::INFINITY, f64::NEG_INFINITY, f64::INFINITY, f64::NEG_INFINITY);
    for (x, y) in values.filter(|(x, y)| x.is_finite() && y.is_finite()) {
        (x0, x1, y0, y1) = (x0.min(x), x1.max(x), y0.min(y), y1.max(y));
    }
    if !x0.is_finite() {
        return (0.0..1.0, 0.0..1.0);
    }
    let pad = ((y1 - y0) * 0.05).max(y1.abs() * 1e-6).max(1e-12);
    let xpad = if x1 > x0 { 0.0 } else { 0.5 };
    (x0 - xpad..x1 + xpad, y0 - pad..y1 + pad)
}

type Fallible = Result<(), String>;
type Chart<'a, DB> = ChartContext<'a, DB, Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>>;

/// The legend box every chart uses, at `position` (plotters' default when `None`).
fn legend<'a, DB: DrawingBackend + 'a>(chart: &mut Chart<'a, DB>, position: Option<SeriesLabelPosition>) -> Fallible
where
    DB::ErrorType: 'static,
{
    let mut labels = chart.configure_series_labels();
    if let Some(position) = position {
        labels.position(position);
    }
    labels
        .background_style(WHITE.mix(0.85))
        .border_style(BLACK)
        .label_font(("sans-serif", 14))
        .draw()
        .map_err(|e| e.to_string())
}

/// A white chart with its title, axes and grid.
fn frame<'a, DB: DrawingBackend>(
    area: &'a DrawingArea<DB, Shift>,
    title: &str,
    (x_label, y_label): (&str, &str),
    (xr, yr): (std::ops::Range<f64>, std::ops::Range<f64>),
) -> Result<Chart<'a, DB>, String>
where
    DB::ErrorType: 'static,
{
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    area.fill(&WHITE).map_err(err)?;
    let mut chart = ChartBuilder::on(area)
        .caption(title, ("sans-serif", 26))
        .margin(16)
        .x_label_area_size(44)
        .y_label_area_size(80)
        .build_cartesian_2d(xr, yr)
        .map_err(err)?;
    chart.configure_mesh().x_desc(x_label).y_desc(y_label).label_style(("sans-serif", 15)).draw().map_err(err)?;
    Ok(chart)
}

fn draw_lines<DB: DrawingBackend>(area: DrawingArea<DB, Shift>, title: &str, x_label: &str, y_label: &str, series: &[Series]) -> Fallible
where
    DB::ErrorType: 'static,
{
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let mut chart = frame(&area, title, (x_label, y_label), bounds(series.iter().flat_map(|s| s.points.iter().copied())))?;
    for (i, s) in series.iter().enumerate() {
        let c = colour(i);
        chart
            .draw_series(LineSeries::new(s.points.iter().copied(), c.stroke_width(2)))
            .map_err(err)?
            .label(s.name.clone())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], c.stroke_width(3)));
    }
    if series.len() <= 16 {
        legend(&mut chart, Some(SeriesLabelPosition::UpperRight))?;
    }
    area.present().map_err(err)
}

fn draw_spread<DB: DrawingBackend>(area: DrawingArea<DB, Shift>, title: &str, x_label: &str, y_label: &str, groups: &[SpreadSeries]) -> Fallible
where
    DB::ErrorType: 'static,
{
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let all = groups.iter().flat_map(|g| g.points.iter().flat_map(|p| [(p.0, p.2), (p.0, p.3)]));
    let mut chart = frame(&area, title, (x_label, y_label), bounds(all))?;
    for (i, group) in groups.iter().enumerate() {
        let c = colour(i);
        // Groups side by side around each x, so that their spreads do not hide each other.
        let xs: Vec<f64> = group.points.iter().map(|p| p.0).collect();
        let step = xs.windows(2).map(|w| (w[1] - w[0]).abs()).fold(f64::INFINITY, f64::min);
        let offset = if groups.len() > 1 && step.is_finite() { step * 0.04 * (i as f64 - (groups.len() - 1) as f64 / 2.0) } else { 0.0 };
        chart
            .draw_series(group.points.iter().map(|p| PathElement::new(vec![(p.0 + offset, p.2), (p.0 + offset, p.3)], c.mix(0.6).stroke_width(2))))
            .map_err(err)?;
        chart
            .draw_series(LineSeries::new(group.points.iter().map(|p| (p.0 + offset, p.1)), c.stroke_width(2)))
            .map_err(err)?
            .label(group.name.clone())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], c.stroke_width(3)));
        chart.draw_series(group.points.iter().map(|p| Circle::new((p.0 + offset, p.1), 4, c.filled()))).map_err(err)?;
    }
    legend(&mut chart, None)?;
    area.present().map_err(err)
}

fn draw_band<DB: DrawingBackend>(area: DrawingArea<DB, Shift>, title: &str, labels: (&str, &str), groups: &[BandSeries], joined: bool) -> Fallible
where
    DB::ErrorType: 'static,
{
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let all = groups.iter().flat_map(|g| g.points.iter().flat_map(|p| [(p.0, p.2), (p.0, p.3)]));
    let mut chart = frame(&area, title, labels, bounds(all))?;
    for (i, group) in groups.iter().enumerate() {
        let c = colour(i);
        let mut points = group.points.clone();
        points.sort_by(|a, b| a.0.total_cmp(&b.0));
        if joined {
            // The band: along the lower bounds, then back along the upper ones.
            let outline: Vec<(f64, f64)> = points.iter().map(|p| (p.0, p.2)).chain(points.iter().rev().map(|p| (p.0, p.3))).collect();
            chart.draw_series(std::iter::once(Polygon::new(outline, c.mix(0.18).filled()))).map_err(err)?;
            chart.draw_series(LineSeries::new(points.iter().map(|p| (p.0, p.1)), c.stroke_width(2))).map_err(err)?;
        } else {
            // Scattered configurations (a hypercube): an interval per point, nothing joined.
            chart.draw_series(points.iter().map(|p| PathElement::new(vec![(p.0, p.2), (p.0, p.3)], c.mix(0.5).stroke_width(2)))).map_err(err)?;
        }
        chart
            .draw_series(points.iter().map(|p| Circle::new((p.0, p.1), 4, c.filled())))
            .map_err(err)?
            .label(group.name.clone())
            .legend(move |(x, y)| Circle::new((x + 9, y), 4, c.filled()));
    }
    if groups.len() <= 16 {
        legend(&mut chart, None)?;
    }
    area.present().map_err(err)
}

/// Writes `stem.png` and `stem.svg` of a metric's means with their confidence band against
/// a parameter; `joined`: each group's points joined by a line inside a shaded band,
/// otherwise one interval bar per point.
pub fn band_chart(stem: &Path, title: &str, x_label: &str, y_label: &str, groups: &[BandSeries], joined: bool) -> Fallible {
    register_font();
    let png = stem.with_extension("png");
    let svg = stem.with_extension("svg");
    draw_band(BitMapBackend::new(&png, (1000, 640)).into_drawing_area(), title, (x_label, y_label), groups, joined)
        .map_err(|e| format!("{}: {e}", png.display()))?;
    draw_band(SVGBackend::new(&svg, (1000, 640)).into_drawing_area(), title, (x_label, y_label), groups, joined)
        .map_err(|e| format!("{}: {e}", svg.display()))
}

/// Writes `stem.png` and `stem.svg` of a line chart.
pub fn line_chart(stem: &Path, title: &str, x_label: &str, y_label: &str, series: &[Series]) -> Fallible {
    register_font();
    let png = stem.with_extension("png");
    let svg = stem.with_extension("svg");
    draw_lines(BitMapBackend::new(&png, (1200, 700)).into_drawing_area(), title, x_label, y_label, series)
        .map_err(|e| format!("{}: {e}", png.display()))?;
    draw_lines(SVGBackend::new(&svg, (1200, 700)).into_drawing_area(), title, x_label, y_label, series)
        .map_err(|e| format!("{}: {e}", svg.display()))
}

/// Writes `stem.png` and `stem.svg` of a metric's mean and spread against a parameter.
pub fn spread_chart(stem: &Path, title: &str, x_label: &str, y_label: &str, points: &[SpreadSeries]) -> Fallible {
    register_font();
    let png = stem.with_extension("png");
    let svg = stem.with_extension("svg");
    draw_spread(BitMapBackend::new(&png, (1000, 640)).into_drawing_area(), title, x_label, y_label, points)
        .map_err(|e| format!("{}: {e}", png.display()))?;
    draw_spread(SVGBackend::new(&svg, (1000, 640)).into_drawing_area(), title, x_label, y_label, points)
        .map_err(|e| format!("{}: {e}", svg.display()))
}

/// The dash of the `i`-th group of an overlay: solid, dashed, dotted, then long dashes.
fn group_dash(i: usize) -> (u32, u32) {
    // (dash, gap) in pixels; a gap of 0 is a solid line.
    [(1, 0), (14, 6), (3, 4), (6, 6)][i % 4]
}

fn draw_overlay<DB: DrawingBackend>(area: DrawingArea<DB, Shift>, title: &str, x_label: &str, y_label: &str, groups: &[(String, Vec<Series>)]) -> Fallible
where
    DB::ErrorType: 'static,
{
    let err = |e: DrawingAreaErrorKind<DB::ErrorType>| e.to_string();
    let all = groups.iter().flat_map(|(_, lines)| lines.iter().flat_map(|s| s.points.iter().copied()));
    let mut chart = frame(&area, title, (x_label, y_label), bounds(all))?;
    // A series keeps its colour in every group: colours follow the names in order of first
    // appearance.
    let mut names: Vec<&str> = Vec::new();
    for (_, lines) in groups {
        for s in lines {
            if !names.contains(&s.name.as_str()) {
                names.push(&s.name);
            }
        }
    }
    for (g, (_, lines)) in groups.iter().enumerate() {
        let (dash, gap) = group_dash(g);
        for s in lines {
            let c = colour(names.iter().position(|n| *n == s.name).unwrap_or(0));
            if gap == 0 {
                chart.draw_series(LineSeries::new(s.points.iter().copied(), c.stroke_width(2))).map_err(err)?;
            } else {
                chart.draw_series(DashedLineSeries::new(s.points.iter().copied(), dash, gap, c.stroke_width(2))).map_err(err)?;
            }
        }
    }
    // The legend names the colours (series) and the dashes (groups) apart, so that it stays
    // short: n + m entries rather than n × m.
    if names.len() <= 12 {
        for (i, name) in names.iter().enumerate() {
            let c = colour(i);
            chart
                .draw_series(std::iter::empty::<PathElement<(f64, f64)>>())
                .map_err(err)?
                .label(name.to_string())
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], c.stroke_width(3)));
        }
    }
    for (g, (group, _)) in groups.iter().enumerate() {
        let (dash, gap) = group_dash(g);
        let grey = RGBColor(60, 60, 60);
        chart
            .draw_series(std::iter::empty::<PathElement<(f64, f64)>>())
            .map_err(err)?
            .label(group.clone())
            .legend(move |(x, y)| {
                // Three pieces of the group's dash pattern, relative to the legend's anchor.
                let piece = |k: i32| {
                    let (start, end) = if gap == 0 {
                        (k * 10, (k + 1) * 10)
                    } else {
                        let start = (k * (dash + gap) as i32).min(30);
                        (start, (start + dash as i32).min(30))
                    };
                    PathElement::new(vec![(start, 0), (end.max(start), 0)], grey.stroke_width(2))
                };
                EmptyElement::at((x, y)) + piece(0) + piece(1) + piece(2)
            });
    }
    legend(&mut chart, Some(SeriesLabelPosition::UpperRight))?;
    area.present().map_err(err)
}

/// Writes `stem.png` and `stem.svg` of several groups of the same lines on one chart (a
/// scenario under several rule sets): each line keeps its colour across groups, each group
/// has its own dash, and the legend names both.
pub fn overlay_chart(stem: &Path, title: &str, x_label: &str, y_label: &str, groups: &[(String, Vec<Series>)]) -> Fallible {
    register_font();
    let png = stem.with_extension("png");
    let svg = stem.with_extension("svg");
    draw_overlay(BitMapBackend::new(&png, (1200, 700)).into_drawing_area(), title, x_label, y_label, groups)
        .map_err(|e| format!("{}: {e}", png.display()))?;
    draw_overlay(SVGBackend::new(&svg, (1200, 700)).into_drawing_area(), title, x_label, y_label, groups)
        .map_err(|e| format!("{}: {e}", svg.display()))
}
