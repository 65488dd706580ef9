//! Every reader (seed text, Markdown, TREC, HTML, JSON, feeds, DOCX, e-mail): the file name's
//! extension is taken from the first byte so each reader is reached.
#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let names = ["a.txt", "a.md", "a.trec", "a.html", "a.json", "a.rss", "a.docx", "a.eml", "a.xml"];
    let (name, bytes) = match data.split_first() {
        Some((first, rest)) => (names[usize::from(*first) % names.len()], rest),
        None => ("a.txt", data),
    };
    let _ = rasd::article::read_bytes(bytes, name);
});
