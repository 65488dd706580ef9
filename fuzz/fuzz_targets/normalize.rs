//! Normalization, its offset map, and the search form.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let normalized = rasd::text::normalize(text);
        let _ = normalized.original_range(0, normalized.text.len());
        let _ = rasd::text::search_text(text);
        let _ = rasd::text::fts_query(text);
    }
});
