//! A stable-compiler stand-in for the `cargo fuzz` targets in `fuzz/` (which need nightly):
//! every reader, the date parser, normalization and the lexicon loader run on thousands of
//! mutations of realistic inputs (bit flips, truncations, inserted and repeated slices). Each
//! input must return — an article or an error — without a panic or a hang.

use std::time::{Duration, Instant};

/// Mutations per seed: 300 by default; `RASD_FUZZ_ITERATIONS=N` for a longer run.
fn iterations(default: usize) -> usize {
    std::env::var("RASD_FUZZ_ITERATIONS").ok().and_then(|n| n.parse().ok()).unwrap_or(default)
}

/// xorshift64*: the same inputs on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or(0)
    }
}

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        match rng.below(5) {
            0 if !bytes.is_empty() => {
                let i = at.min(bytes.len() - 1);
                bytes[i] ^= 1 << rng.below(8);
            }
            1 => bytes.truncate(at),
            2 => {
                let junk: Vec<u8> = (0..rng.below(16)).map(|_| (rng.next() & 0xff) as u8).collect();
                bytes.splice(at..at, junk);
            }
            3 if !bytes.is_empty() => {
                let from = rng.below(bytes.len());
                let to = (from + rng.below(64)).min(bytes.len());
                let slice = bytes[from..to].repeat(1 + rng.below(8));
                bytes.splice(at..at, slice);
            }
            _ => {
                let tokens: [&[u8]; 8] =
                    [b"<", b"</div>", b"&amp;", b"\"", b"{", b"<DOC>", "ـ".as_bytes(), "أ".as_bytes()];
                bytes.splice(at..at, tokens[rng.below(tokens.len())].iter().copied());
            }
        }
    }
    bytes
}

/// Run `f` on every input, failing on an input that takes more than ten seconds (a hang).
fn each(inputs: impl Iterator<Item = Vec<u8>>, mut f: impl FnMut(&[u8])) -> usize {
    let mut count = 0;
    for input in inputs {
        let started = Instant::now();
        f(&input);
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "an input took {:?}: {:?}",
            started.elapsed(),
            String::from_utf8_lossy(&input[..input.len().min(200)])
        );
        count += 1;
    }
    count
}

fn docx_seed() -> Vec<u8> {
    let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let xml = "<w:document xmlns:w=\"w\"><w:body><w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr><w:r><w:t>عنوان</w:t></w:r></w:p><w:p><w:r><w:t>نص الخبر</w:t></w:r></w:p></w:body></w:document>";
    let _ = archive.start_file("word/document.xml", zip::write::SimpleFileOptions::default());
    let _ = std::io::Write::write_all(&mut archive, xml.as_bytes());
    archive.finish().map(std::io::Cursor::into_inner).unwrap_or_default()
}

#[test]
fn readers_survive_mutated_files() {
    let seeds: Vec<(&str, Vec<u8>)> = vec![
        ("a.txt", "ميليشيا حفتر تقصف طرابلس\n\nالأحد 5 أبريل 2020\n\nقصفت ميليشيا \"حفتر\" أحياء.\n\nالمصدر | وكالة\n".into()),
        ("a.md", b"# Haftar forces shell Tripoli\n\nApril 5, 2020\n\nBy A. Writer\n\nThe LNA shelled the city.\n\nSource: Wire\n".to_vec()),
        ("a.trec", "<DOC>\n<DOCNO>1</DOCNO>\n<TITLE>عنوان</TITLE>\n<TIME>Mon, 26 Feb 2018 02:20:10 GMT</TIME>\n<TEXT>نص & نص</TEXT>\n</DOC>\n".into()),
        ("a.html", "<html><head><meta property=\"og:title\" content=\"عنوان\"><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2020-04-05\"}</script></head><body><article><p>نص الخبر</p></article></body></html>".into()),
        ("a.json", "[{\"title\": \"عنوان\", \"date\": \"2020-04-05\", \"body\": \"<p>نص</p>\"}]".into()),
        ("a.rss", "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>W</title><item><title>T</title><pubDate>Sun, 05 Apr 2020 18:20:00 +0200</pubDate><description>&lt;p&gt;x&lt;/p&gt;</description></item></channel></rss>".into()),
        ("a.eml", "From: Desk <d@example.org>\nSubject: Alert\nDate: Sun, 05 Apr 2020 18:20:00 +0200\nContent-Type: text/plain; charset=utf-8\n\nقصفت ميليشيا حفتر\n---\nخبر ثان\nنص\n".into()),
        ("a.docx", docx_seed()),
    ];
    let mut rng = Rng(0x5eed_1234_abcd_ef01);
    let mut total = 0;
    for (name, seed) in &seeds {
        assert!(rasd::article::read_bytes(seed, name).is_ok(), "the seed {name} itself is readable");
        let inputs: Vec<Vec<u8>> = (0..iterations(300)).map(|_| mutate(&mut rng, seed)).collect();
        total += each(inputs.into_iter(), |bytes| {
            let _ = rasd::article::read_bytes(bytes, name);
        });
    }
    assert_eq!(total, 8 * iterations(300));
    eprintln!("{total} mutated files read");
}

#[test]
fn dates_and_normalization_survive_mutated_text() {
    let lines = [
        "الأحد 12 أبريل/نيسان 2020 - 09:40 ص بتوقيت مكة",
        "١٩ ربيع الآخر ١٤٤٢ هـ الموافق 4 ديسمبر 2020 م",
        "Dec. 19, 2020 10:29 PM GMT+3",
        "12/04/2020",
    ];
    let mut rng = Rng(42);
    let mut count = 0;
    for line in lines {
        let inputs: Vec<Vec<u8>> = (0..iterations(400)).map(|_| mutate(&mut rng, line.as_bytes())).collect();
        count += each(inputs.into_iter(), |bytes| {
            let text = String::from_utf8_lossy(bytes);
            for language in [rasd::text::Language::Ar, rasd::text::Language::En] {
                let _ = rasd::article::date::parse_date(
                    &text,
                    rasd::article::date::DateHints { language, month_first: None },
                );
            }
            let normalized = rasd::text::normalize(&text);
            let range = normalized.original_range(0, normalized.text.len());
            assert!(range.end <= text.len(), "the offset map stays inside the original");
            let _ = rasd::text::fts_query(&text);
        });
    }
    assert_eq!(count, 4 * iterations(400));
}

#[test]
fn the_lexicon_loader_survives_mutated_packs() {
    let pack = rasd::lexicon::builtin_sources()
        .into_iter()
        .find(|s| s.file.contains("libya"))
        .unwrap_or_else(|| panic!("no libya pack"));
    let mut rng = Rng(7);
    let inputs: Vec<Vec<u8>> = (0..iterations(150)).map(|_| mutate(&mut rng, pack.text.as_bytes())).collect();
    let mut rejected = 0;
    let count = each(inputs.into_iter(), |bytes| {
        let source = rasd::lexicon::PackSource {
            file: "mutated.ron".to_string(),
            text: String::from_utf8_lossy(bytes).into_owned(),
        };
        if let Err(errors) = rasd::lexicon::Lexicon::from_sources(rasd::lexicon::builtin_sources(), vec![source]) {
            rejected += 1;
            assert!(errors.iter().all(|e| !e.to_string().is_empty()), "every rejection says where and why");
        }
    });
    assert_eq!(count, iterations(150));
    assert!(rejected > 0, "some mutations break the pack and are reported");
}
