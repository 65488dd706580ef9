//! The bundled Arabic face, installed as a fallback after egui's own Latin font (Arabic first
//! would move Latin letters and digits onto the Arabic baseline).

use std::sync::Arc;

/// Name of the Arabic face in egui's font definitions.
pub const ARABIC: &str = "noto-naskh-arabic";

const NOTO_NASKH: &[u8] = include_bytes!("../../fonts/NotoNaskhArabic-Regular.ttf");

/// Install the fonts on a context (the app's constructor calls this; so do the UI tests).
pub fn install(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(ARABIC.to_string(), Arc::new(egui::FontData::from_static(NOTO_NASKH)));
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts.families.entry(family).or_default().push(ARABIC.to_string());
    }
    ctx.set_fonts(fonts);
}
