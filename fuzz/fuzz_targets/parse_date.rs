//! The date parser on any line, with both language hints.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(line) = std::str::from_utf8(data) {
        for language in [rasd::text::Language::Ar, rasd::text::Language::En] {
            let hints = rasd::article::date::DateHints { language, month_first: None };
            let _ = rasd::article::date::parse_date(line, hints);
        }
    }
});
