//! Drawing bidi paragraphs in egui: each visual line is a row of tokens shaped one by one,
//! right-aligned for a right-to-left paragraph; spans of the logical text can be highlighted;
//! the widget reports which logical byte the pointer is over; AccessKit gets the logical text.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use egui::text::{LayoutJob, TextFormat};
use egui::{Color32, FontId, Galley, Pos2, Rect, Sense, Ui, Vec2};

use super::bidi::analyse;

/// A highlighted logical byte range.
#[derive(Debug, Clone, PartialEq)]
pub struct Highlight {
    /// Byte range in the logical paragraph.
    pub range: Range<usize>,
    /// Background colour.
    pub background: Color32,
    /// Underline instead of (or with) a background.
    pub underline: bool,
}

/// One laid-out visual line: its galley and each token's x extent with its logical range.
struct Line {
    galley: Arc<Galley>,
    extents: Vec<(f32, f32, Range<usize>)>,
}

/// A paragraph laid out for one width and font.
pub struct Laid {
    lines: Vec<Line>,
    line_height: f32,
    rtl: bool,
}

/// How a paragraph looks: font, colour, direction.
#[derive(Clone, Copy)]
pub struct Look<'f> {
    /// The font.
    pub font: &'f FontId,
    /// Text colour.
    pub color: Color32,
    /// Right to left.
    pub rtl: bool,
}

/// Cache of laid-out paragraphs (egui drops galleys not drawn in a frame; this keeps ours).
#[derive(Default)]
pub struct TextCache {
    entries: HashMap<(u64, u32, u32, usize), Arc<Laid>>,
}

const MAX_CACHED: usize = 4096;
/// Space kept free at the right of a paragraph for a floating scroll bar.
const SCROLL_BAR_ROOM: f32 = 12.0;

fn key_of(text: &str, width: f32, size: f32, rtl: bool, highlights: &[Highlight]) -> (u64, u32, u32, usize) {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    rtl.hash(&mut hasher);
    for h in highlights {
        h.range.hash(&mut hasher);
        h.background.to_array().hash(&mut hasher);
        h.underline.hash(&mut hasher);
    }
    (hasher.finish(), width.to_bits(), size.to_bits(), text.len())
}

impl TextCache {
    /// Lay out `text` (one paragraph) for `width`, or take it from the cache.
    pub fn layout(&mut self, ui: &Ui, text: &str, look: Look<'_>, width: f32, highlights: &[Highlight]) -> Arc<Laid> {
        let key = key_of(text, width.floor(), look.font.size, look.rtl, highlights);
        if let Some(laid) = self.entries.get(&key) {
            return laid.clone();
        }
        if self.entries.len() > MAX_CACHED {
            self.entries.clear();
        }
        let laid = Arc::new(lay_out(ui, text, look, width, highlights));
        self.entries.insert(key, laid.clone());
        laid
    }
}

fn format_for(font: &FontId, color: Color32, range: &Range<usize>, highlights: &[Highlight]) -> TextFormat {
    let mut format = TextFormat::simple(font.clone(), color);
    for h in highlights.iter().filter(|h| h.range.start < range.end && range.start < h.range.end) {
        if h.background != Color32::TRANSPARENT {
            format.background = h.background;
        }
        if h.underline {
            format.underline = egui::Stroke::new(1.5, color);
        }
    }
    format
}

fn lay_out(ui: &Ui, text: &str, look: Look<'_>, width: f32, highlights: &[Highlight]) -> Laid {
    let Look { font, color, rtl } = look;
    let analysed = analyse(text, rtl);
    let mut widths: HashMap<Range<usize>, f32> = HashMap::new();
    let mut measure = |range: &Range<usize>, shown: &str| -> f32 {
        *widths.entry(range.clone()).or_insert_with(|| {
            ui.ctx().fonts_mut(|f| f.layout_no_wrap(shown.to_string(), font.clone(), color).size().x)
        })
    };
    let lines = analysed.break_lines(width, |t| {
        let shown = analysed.display_text(text, t);
        measure(&t.range, &shown)
    });
    let line_height =
        font.size * if rtl || text.chars().any(|c| ('\u{600}'..='\u{6ff}').contains(&c)) { 1.7 } else { 1.35 };
    let lines = lines
        .into_iter()
        .map(|line| {
            let mut job = LayoutJob::default();
            job.wrap.max_width = f32::INFINITY;
            let mut extents = Vec::new();
            let mut x = 0.0;
            for index in analysed.visual_line(line) {
                let token = &analysed.tokens[index];
                let shown = analysed.display_text(text, token);
                let w = measure(&token.range, &shown);
                job.append(&shown, 0.0, format_for(font, color, &token.range, highlights));
                extents.push((x, x + w, token.range.clone()));
                x += w;
            }
            let galley = ui.ctx().fonts_mut(|f| f.layout_job(job));
            Line { galley, extents }
        })
        .collect();
    Laid { lines, line_height, rtl }
}

/// What a drawn paragraph reports.
pub struct ParagraphResponse {
    /// The widget's response (hover, click, context menu).
    pub response: egui::Response,
    /// The logical byte under the pointer, if any.
    pub hovered_byte: Option<usize>,
}

impl Laid {
    /// Total height.
    #[must_use]
    pub fn height(&self) -> f32 {
        self.line_height * self.lines.len().max(1) as f32
    }

    /// The widest line.
    #[must_use]
    pub fn width(&self) -> f32 {
        self.lines.iter().map(|l| l.galley.size().x).fold(0.0, f32::max)
    }

    fn line_origin(&self, rect: Rect, index: usize, line: &Line) -> Pos2 {
        let y = rect.top() + self.line_height * index as f32 + (self.line_height - line.galley.size().y) / 2.0;
        let x = if self.rtl { rect.right() - line.galley.size().x } else { rect.left() };
        Pos2::new(x, y)
    }

    /// Paint in `rect` and find the logical byte under `pointer`.
    pub fn paint(&self, ui: &Ui, rect: Rect, pointer: Option<Pos2>) -> Option<usize> {
        let painter = ui.painter_at(rect.expand(2.0));
        let mut hovered = None;
        for (index, line) in self.lines.iter().enumerate() {
            let origin = self.line_origin(rect, index, line);
            painter.galley(origin, line.galley.clone(), Color32::PLACEHOLDER);
            let Some(p) = pointer else { continue };
            let local = p - origin;
            if local.y < 0.0 || local.y > self.line_height || local.x < 0.0 || local.x > line.galley.size().x {
                continue;
            }
            hovered =
                line.extents.iter().find(|(from, to, _)| local.x >= *from && local.x <= *to).map(|(_, _, r)| r.start);
        }
        hovered
    }
}

/// Draw a paragraph filling the available width; `sense` adds clicks (e.g. a list row).
pub fn paragraph_ui(
    ui: &mut Ui,
    cache: &mut TextCache,
    text: &str,
    rtl: bool,
    font: &FontId,
    highlights: &[Highlight],
    sense: Sense,
) -> ParagraphResponse {
    let full = ui.available_width().max(40.0);
    // Leave room for a scroll bar floating over the right edge.
    let width = (full - SCROLL_BAR_ROOM).max(40.0);
    let color = ui.visuals().text_color();
    let laid = cache.layout(ui, text, Look { font, color, rtl }, width, highlights);
    let (full_rect, response) = ui.allocate_exact_size(Vec2::new(full, laid.height()), sense);
    let rect = Rect::from_min_size(full_rect.min, Vec2::new(width, full_rect.height()));
    let logical = text.to_string();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, logical.clone()));
    let pointer = response.hover_pos();
    let hovered_byte = if ui.is_rect_visible(rect) { laid.paint(ui, rect, pointer) } else { None };
    ParagraphResponse { response, hovered_byte }
}

/// One line of text without wrapping: a list cell (`fill`: takes the whole width, clipped,
/// right-aligned when right to left) or an inline label (takes only the width it needs).
fn line_ui(ui: &mut Ui, cache: &mut TextCache, text: &str, rtl: bool, font: &FontId, fill: bool) -> egui::Response {
    let color = ui.visuals().text_color();
    let laid = cache.layout(ui, text, Look { font, color, rtl }, f32::INFINITY, &[]);
    let width = if fill { ui.available_width().max(20.0) } else { laid.width() };
    let height = font.size * 1.5;
    let (rect, response) = ui.allocate_exact_size(Vec2::new(width, height), Sense::hover());
    let logical = text.to_string();
    response.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, logical.clone()));
    if ui.is_rect_visible(rect)
        && let Some(line) = laid.lines.first()
    {
        let y = rect.top() + (height - line.galley.size().y) / 2.0;
        let x = if rtl && fill { rect.right() - line.galley.size().x } else { rect.left() };
        ui.painter_at(rect.expand(1.0)).galley(Pos2::new(x, y), line.galley.clone(), Color32::PLACEHOLDER);
    }
    response
}

/// A list cell: one line, clipped, right-aligned when right to left.
pub fn single_line_ui(ui: &mut Ui, cache: &mut TextCache, text: &str, rtl: bool, font: &FontId) -> egui::Response {
    line_ui(ui, cache, text, rtl, font, true)
}

/// A short piece of text inline (a name, an outlet, a date as printed) in its own direction.
pub fn bidi_label(ui: &mut Ui, cache: &mut TextCache, text: &str, font: &FontId) -> egui::Response {
    let rtl = crate::text::detect_language(text) == crate::text::Language::Ar;
    line_ui(ui, cache, text, rtl, font, false)
}
