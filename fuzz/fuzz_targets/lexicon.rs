//! The lexicon loader on any pack text (parse, validate, build the matchers).
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let source = rasd::lexicon::PackSource { file: "fuzz.ron".to_string(), text: text.to_string() };
        let _ = rasd::lexicon::Lexicon::from_sources(Vec::new(), vec![source]);
    }
});
