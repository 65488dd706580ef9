//! Colours and names for stances and sides.

use egui::Color32;

use crate::analysis::StanceLabel;

/// The colour of a stance (chips, bars, highlights).
#[must_use]
pub fn stance_colour(stance: StanceLabel) -> Color32 {
    match stance {
        StanceLabel::Legitimizing => Color32::from_rgb(0x2e, 0x9e, 0x5b),
        StanceLabel::Delegitimizing => Color32::from_rgb(0xd1, 0x43, 0x43),
        StanceLabel::Mixed => Color32::from_rgb(0xe0, 0x8e, 0x1b),
        StanceLabel::Neutral => Color32::from_rgb(0x8a, 0x8a, 0x8a),
    }
}

/// The colour of an evidence stance.
#[must_use]
pub fn evidence_colour(stance: crate::lexicon::Stance) -> Color32 {
    match stance {
        crate::lexicon::Stance::Legitimizing => stance_colour(StanceLabel::Legitimizing),
        crate::lexicon::Stance::Delegitimizing => stance_colour(StanceLabel::Delegitimizing),
        crate::lexicon::Stance::Neutral => stance_colour(StanceLabel::Neutral),
    }
}

/// A stable colour per side id.
#[must_use]
pub fn side_colour(side: &str) -> Color32 {
    const PALETTE: [Color32; 6] = [
        Color32::from_rgb(0x4e, 0x79, 0xa7),
        Color32::from_rgb(0xf2, 0x8e, 0x2b),
        Color32::from_rgb(0x59, 0xa1, 0x4f),
        Color32::from_rgb(0xb0, 0x7a, 0xa1),
        Color32::from_rgb(0x76, 0xb7, 0xb2),
        Color32::from_rgb(0xed, 0xc9, 0x48),
    ];
    let hash = side.bytes().fold(0usize, |h, b| h.wrapping_mul(31).wrapping_add(usize::from(b)));
    PALETTE[hash % PALETTE.len()]
}

/// A small coloured chip.
pub fn chip(ui: &mut egui::Ui, text: &str, colour: Color32) -> egui::Response {
    let label = egui::RichText::new(text).color(Color32::WHITE).small();
    ui.add(egui::Button::new(label).fill(colour).corner_radius(8.0).small())
}
