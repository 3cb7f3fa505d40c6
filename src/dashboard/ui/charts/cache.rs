//! Decimated series kept from frame to frame, so that a frame costs the new points only.

use crate::dashboard::history::decimate;

/// Points drawn per line at most (min and max of each bucket, so about one per two pixels
/// of a wide chart); the data itself is never cut.
pub(super) const MAX_POINTS: usize = 400;

/// Decimated series from earlier frames. A series is decimated again only when it has grown
/// by 1%; until then the new raw points are appended to the cached ones, so a frame costs
/// the tail, not the whole history.
#[derive(bevy::prelude::Resource, Default)]
pub struct PlotCache {
    entries: std::collections::HashMap<(&'static str, u16), (usize, bool, Vec<[f64; 2]>)>,
}

impl PlotCache {
    pub fn points(&mut self, key: (&'static str, u16), xs: &[u32], ys: &[f32], log: bool) -> Vec<[f64; 2]> {
        let len = xs.len().min(ys.len());
        let fresh = match self.entries.get(&key) {
            Some((at, was_log, _)) => *was_log != log || len < *at || len - *at > len / 100 + 1,
            None => true,
        };
        if fresh {
            self.entries.insert(key, (len, log, decimate(xs, ys, MAX_POINTS, log)));
        }
        let (at, _, cached) = &self.entries[&key];
        let mut points = cached.clone();
        points.extend(decimate(&xs[*at..len], &ys[*at..len], usize::MAX, log));
        points
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }
}
