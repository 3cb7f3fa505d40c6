//! The colours of every chart, in the window and in files: plain RGB, so that headless PNG
//! and SVG charts need nothing of the window's toolkit.
//!
//! Okabe–Ito's seven colours (distinguishable with the common colour-vision deficiencies)
//! and three of Paul Tol's muted ones: enough for the top subnets plus some slack, so that
//! a subnet keeps its colour while it moves around the top.

/// A colour as red, green and blue bytes.
pub type Rgb = (u8, u8, u8);

/// Series colours, in the order they are handed out.
pub const PALETTE: [Rgb; 10] = [
    (0, 114, 178),   // blue
    (230, 159, 0),   // orange
    (0, 158, 115),   // bluish green
    (204, 121, 167), // reddish purple
    (86, 180, 233),  // sky blue
    (213, 94, 0),    // vermillion
    (240, 228, 66),  // yellow
    (136, 34, 85),   // wine
    (68, 170, 153),  // teal
    (153, 153, 51),  // olive
];

/// The colour of everything outside the top subnets ("others").
pub const OTHERS: Rgb = (128, 128, 128);
