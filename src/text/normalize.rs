//! Character normalization for matching (FRAMING.md §3.1). The normalized text is never shown to
//! users: every normalized byte maps back to the byte offset of the original character.

use std::ops::Range;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// A normalized copy of a text with a map from each normalized byte to the original offset.
#[derive(Debug, Clone)]
pub struct Normalized {
    /// The normalized text (lower-case Latin, unified Arabic letters, ASCII digits).
    pub text: String,
    /// `offsets[i]` is the original byte offset of the character that produced normalized byte
    /// `i`; the last entry is the original length. `u32`: a field is far below 4 GB (files are
    /// refused over 64 MB), and half the size keeps the map in cache.
    offsets: Vec<u32>,
}

impl Normalized {
    /// The original byte range that produced the normalized range `start..end`.
    #[must_use]
    pub fn original_range(&self, start: usize, end: usize) -> Range<usize> {
        let last = self.offsets.len().saturating_sub(1);
        let from = self.offsets[start.min(last)] as usize;
        let to = self.offsets[end.min(last)] as usize;
        from..to.max(from)
    }
}

/// Normalize `original` for matching and keep the offset map.
#[must_use]
pub fn normalize(original: &str) -> Normalized {
    let mut text = String::with_capacity(original.len());
    let mut offsets = Vec::with_capacity(original.len() + 1);
    for (at, c) in original.char_indices() {
        let before = text.len();
        push_normalized(c, &mut text);
        offsets.resize(offsets.len() + (text.len() - before), u32::try_from(at).unwrap_or(u32::MAX));
    }
    offsets.push(u32::try_from(original.len()).unwrap_or(u32::MAX));
    Normalized { text, offsets }
}

/// Normalize without keeping the offset map (lexicon forms, month names).
#[must_use]
pub fn normalize_str(original: &str) -> String {
    let mut text = String::with_capacity(original.len());
    for c in original.chars() {
        push_normalized(c, &mut text);
    }
    text
}

fn push_normalized(c: char, out: &mut String) {
    match c {
        // ASCII fast path.
        'A'..='Z' => out.push(c.to_ascii_lowercase()),
        '\0'..='\u{7f}' => out.push(c),
        // Arabic letters other than the variants below need no work.
        '\u{621}' | '\u{624}' | '\u{626}'..='\u{628}' | '\u{62a}'..='\u{63a}' | '\u{641}'..='\u{648}' | '\u{64a}' => {
            out.push(c)
        }
        // Spaces that copy-paste brings in.
        '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => out.push(' '),
        // Invisible format characters: zero-width, bidi controls, ALM, BOM, soft hyphen.
        '\u{ad}'
        | '\u{200b}'..='\u{200f}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}'
        | '\u{61c}'
        | '\u{feff}' => {}
        // Tashkeel, superscript alef, Quranic marks, tatweel.
        '\u{64b}'..='\u{65f}' | '\u{670}' | '\u{610}'..='\u{61a}' | '\u{6d6}'..='\u{6ed}' | '\u{640}' => {}
        'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
        'ى' | 'ی' => out.push('ي'),
        'ة' => out.push('ه'),
        'ک' => out.push('ك'),
        '٠'..='٩' => out.push(char::from(b'0' + (c as u32 - 0x660) as u8)),
        '۰'..='۹' => out.push(char::from(b'0' + (c as u32 - 0x6f0) as u8)),
        '٫' => out.push('.'),
        '٬' => out.push(','),
        '٪' => out.push('%'),
        // Arabic presentation forms: expand by NFKC, then normalize what comes out.
        '\u{fb50}'..='\u{fdff}' | '\u{fe70}'..='\u{feff}' => {
            for expanded in std::iter::once(c).nfkc() {
                if expanded != c {
                    push_normalized(expanded, out);
                } else {
                    out.push(c);
                }
            }
        }
        // Latin letters with diacritics: Erdoğan → erdogan.
        '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => {
            for base in std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d)) {
                out.extend(base.to_lowercase());
            }
        }
        _ if c.is_uppercase() => out.extend(c.to_lowercase()),
        _ => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unifies_arabic_letter_variants_and_strips_marks() {
        assert_eq!(normalize_str("إبريل"), "ابريل");
        assert_eq!(normalize_str("مُنيت"), "منيت");
        assert_eq!(normalize_str("الدبيبة"), "الدبيبه");
        assert_eq!(normalize_str("جمادى"), "جمادي");
        assert_eq!(normalize_str("لـ\"كامل\""), "ل\"كامل\"");
        assert_eq!(normalize_str("ﺣﻔﺘﺮ"), "حفتر");
        assert_eq!(normalize_str("٢٠٢٠ ۱۹"), "2020 19");
        assert_eq!(normalize_str("Erdoğan"), "erdogan");
        assert_eq!(normalize_str("a\u{200f}b\u{a0}c"), "ab c");
    }

    #[test]
    fn offset_map_points_back_into_the_original() {
        let original = "مُنيت ميليشيا \"حفتر\"";
        let n = normalize(original);
        let start = n.text.find("حفتر").unwrap_or(0);
        let range = n.original_range(start, start + "حفتر".len());
        assert_eq!(&original[range], "حفتر");
        let first = n.original_range(0, "منيت".len());
        assert_eq!(&original[first], "مُنيت");
    }
}
