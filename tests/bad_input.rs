//! Every way a monitoring desk's file can be bad, through the real binary (`rasd scan`): each
//! fixture is written by the test beside a good article, and each gives its exact outcome — an
//! article, or an error line naming the file and the reason — while the good article is still
//! read and the scan ends.

use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const GOOD: &str =
    "ميليشيا حفتر تقصف طرابلس\n\nطرابلس - 5 أبريل 2020\n\nقصفت ميليشيا حفتر أحياء سكنية في جنوب العاصمة.\n";

struct Scan {
    records: Vec<serde_json::Value>,
    status: i32,
}

impl Scan {
    fn error_of(&self, name: &str) -> Option<String> {
        self.records
            .iter()
            .find(|r| r["path"].as_str().is_some_and(|p| p.ends_with(name)) && r.get("error").is_some())
            .and_then(|r| r["error"].as_str().map(str::to_string))
    }

    fn titles_of(&self, name: &str) -> Vec<String> {
        self.records
            .iter()
            .filter(|r| r["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .filter_map(|r| r["title"].as_str().map(str::to_string))
            .collect()
    }

    fn good_article_read(&self) -> bool {
        self.titles_of("good.txt") == ["ميليشيا حفتر تقصف طرابلس"]
    }
}

/// `rasd scan` over `paths`, failing the test if it runs for more than a minute.
fn scan(paths: &[PathBuf]) -> Scan {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rasd"))
        .arg("scan")
        .args(paths)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("{e}"));
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap_or_else(|e| panic!("{e}")) {
            break status;
        }
        if started.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("rasd scan {paths:?} did not finish in a minute");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let mut stdout = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take().unwrap_or_else(|| panic!("stdout")), &mut stdout)
        .unwrap_or_else(|e| panic!("{e}"));
    let records = stdout.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}"))).collect();
    Scan { records, status: status.code().unwrap_or(-1) }
}

/// A folder with the good article and one fixture.
fn folder_with(name: &[u8], bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.path().join("good.txt"), GOOD).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join(std::ffi::OsStr::from_bytes(name));
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{e}"));
    (dir, path)
}

/// Scan a folder holding the good article and `bytes` under `name`: the fixture's error.
fn error_for(name: &str, bytes: &[u8]) -> String {
    let (dir, _) = folder_with(name.as_bytes(), bytes);
    let result = scan(&[dir.path().to_path_buf()]);
    assert!(result.good_article_read(), "{name}: the good article was not read: {:?}", result.records);
    assert_eq!(result.status, 1, "{name}: exit status: {:?}", result.records);
    result.error_of(name).unwrap_or_else(|| panic!("{name}: no error line in {:?}", result.records))
}

/// Scan a folder holding the good article and `bytes` under `name`: the fixture's titles.
fn titles_for(name: &str, bytes: &[u8]) -> Vec<String> {
    let (dir, _) = folder_with(name.as_bytes(), bytes);
    let result = scan(&[dir.path().to_path_buf()]);
    assert!(result.good_article_read(), "{name}: {:?}", result.records);
    assert_eq!(result.status, 0, "{name}: {:?}", result.records);
    result.titles_of(name)
}

#[test]
fn empty_file() {
    assert_eq!(error_for("empty.txt", b""), "empty file");
}

#[test]
fn binary_junk_with_a_text_extension() {
    let junk: Vec<u8> = (0..4096u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8).collect();
    assert!(error_for("junk.txt", &junk).starts_with("binary data, not text"));
}

#[test]
fn truncated_xml_html_and_json() {
    let trec = error_for(
        "cut.xml",
        b"<DOC>\n<DOCNO>1</DOCNO>\n<TITLE>\xd8\xb9\xd9\x86\xd9\x88\xd8\xa7\xd9\x86</TITLE>\n<TEXT>\xd9\x86\xd8\xb5",
    );
    assert_eq!(trec, "no complete <DOC> element");
    let json =
        error_for("cut.json", "[{\"title\": \"هدنة\", \"body\": \"نص\"},\n {\"title\": \"ثانية\", \"bo".as_bytes());
    assert!(json.starts_with("invalid JSON at line 2"), "{json}");
    // The HTML parser repairs a cut page as a browser would: what arrived is read.
    let html = "<html><head><title>هدنة في طرابلس</title></head><body><article><p>أعلنت الأطراف هدنة";
    assert_eq!(titles_for("cut.html", html.as_bytes()), ["هدنة في طرابلس"]);
}

#[test]
fn invalid_utf8_in_the_middle() {
    let mut bytes = GOOD.as_bytes().to_vec();
    bytes.splice(60..60, [0xff, 0xfe, 0xfd]);
    assert_eq!(error_for("broken.txt", &bytes), "invalid UTF-8 at byte 60");
}

#[test]
fn windows_1256_and_utf16_files_are_read() {
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(GOOD);
    assert_eq!(titles_for("cp1256.txt", &cp1256), ["ميليشيا حفتر تقصف طرابلس"]);
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(GOOD.encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(titles_for("utf16.txt", &utf16), ["ميليشيا حفتر تقصف طرابلس"]);
}

#[test]
fn mixed_line_endings() {
    let mixed = "عنوان الخبر\r\n\r\nطرابلس - 5 أبريل 2020\r\rالفقرة الأولى.\nالفقرة الثانية.\r\n";
    assert_eq!(titles_for("mixed.txt", mixed.as_bytes()), ["عنوان الخبر"]);
}

#[test]
fn a_300_mb_file_is_refused_with_the_limit() {
    let (dir, path) = folder_with(b"huge.txt", b"");
    // Sparse: 300 MB long without using the disk.
    std::fs::File::options()
        .write(true)
        .open(&path)
        .and_then(|f| f.set_len(300 * 1024 * 1024))
        .unwrap_or_else(|e| panic!("{e}"));
    let result = scan(&[dir.path().to_path_buf()]);
    assert!(result.good_article_read());
    assert_eq!(result.error_of("huge.txt").as_deref(), Some("file is 314572800 bytes, over the 67108864-byte limit"));
}

#[test]
fn deeply_nested_markup() {
    let page = format!("<html><body><h1>T</h1>{}x{}</body></html>", "<div>".repeat(100_000), "</div>".repeat(100_000));
    assert!(error_for("deep.html", page.as_bytes()).starts_with("markup nested deeper than 2000 levels"));
}

#[test]
fn an_xml_entity_bomb_is_not_expanded() {
    let mut bomb = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [<!ENTITY a0 \"lol\">");
    for i in 1..12 {
        let refs = format!("&a{};", i - 1).repeat(10);
        bomb.push_str(&format!("<!ENTITY a{i} \"{refs}\">"));
    }
    bomb.push_str("]>\n<rss version=\"2.0\"><channel><title>W</title><item><title>&a11;</title><description>x</description></item></channel></rss>");
    let (dir, _) = folder_with(b"bomb.xml", bomb.as_bytes());
    let result = scan(&[dir.path().to_path_buf()]);
    assert!(result.good_article_read());
    let titles = result.titles_of("bomb.xml");
    let error = result.error_of("bomb.xml");
    assert!(titles.iter().all(|t| t.len() < 100) && (titles.len() == 1 || error.is_some()), "{titles:?} {error:?}");
}

#[test]
fn a_docx_zip_bomb_is_refused() {
    let zeros = vec![b'0'; 100 * 1024 * 1024];
    let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    archive.start_file("word/document.xml", options).unwrap_or_else(|e| panic!("{e}"));
    archive.write_all(&zeros).unwrap_or_else(|e| panic!("{e}"));
    let bytes = archive.finish().unwrap_or_else(|e| panic!("{e}")).into_inner();
    let error = error_for("bomb.docx", &bytes);
    assert!(error.contains("expands"), "{error}");
}

#[test]
fn a_file_deleted_before_it_is_read() {
    let (dir, path) = folder_with(b"gone.txt", GOOD.as_bytes());
    std::fs::remove_file(&path).unwrap_or_else(|e| panic!("{e}"));
    let result = scan(&[dir.path().join("good.txt"), path.clone()]);
    assert!(result.good_article_read());
    assert_eq!(result.error_of("gone.txt").as_deref(), Some("no such file or folder"));
}

#[test]
fn permission_denied() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = folder_with(b"secret.txt", GOOD.as_bytes());
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap_or_else(|e| panic!("{e}"));
    let result = scan(&[dir.path().to_path_buf()]);
    assert!(result.good_article_read());
    if std::fs::read(&path).is_ok() {
        // Root reads any file: the kernel gives no "permission denied" to check here.
        eprintln!("skipped the permission check: this user can read a mode-000 file (root)");
        assert_eq!(result.titles_of("secret.txt").len(), 1);
    } else {
        assert!(result.error_of("secret.txt").is_some_and(|e| e.contains("Permission denied")), "{:?}", result.records);
    }
}

#[test]
fn symlink_loops_are_reported_and_the_scan_ends() {
    let (dir, _) = folder_with(b"other.txt", GOOD.as_bytes());
    std::os::unix::fs::symlink(dir.path().join("loop-a"), dir.path().join("loop-b")).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(dir.path().join("loop-b"), dir.path().join("loop-a")).unwrap_or_else(|e| panic!("{e}"));
    std::os::unix::fs::symlink(dir.path(), dir.path().join("parent")).unwrap_or_else(|e| panic!("{e}"));
    let result = scan(&[dir.path().to_path_buf()]);
    assert!(result.good_article_read());
    assert_eq!(result.titles_of("other.txt").len(), 1, "read once, not again through the link to its folder");
    let errors: Vec<&str> = result.records.iter().filter_map(|r| r["error"].as_str()).collect();
    assert!(errors.iter().any(|e| e.contains("loop") || e.contains("symbolic links")), "{errors:?}");
}

#[test]
fn a_non_utf8_file_name() {
    let (dir, _) = folder_with(b"\xff\xfe-news.txt", GOOD.as_bytes());
    let result = scan(&[dir.path().to_path_buf()]);
    assert!(result.good_article_read());
    assert_eq!(result.titles_of("-news.txt"), ["ميليشيا حفتر تقصف طرابلس"], "named with U+FFFD, still read");
}

#[test]
fn a_fifo_is_not_read_and_does_not_block() {
    let (dir, _) = folder_with(b"other.txt", GOOD.as_bytes());
    let fifo = dir.path().join("pipe.txt");
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap_or_else(|e| panic!("mkfifo: {e}"));
    assert!(made.success());
    let result = scan(&[dir.path().join("good.txt"), fifo]);
    assert!(result.good_article_read());
    assert_eq!(result.error_of("pipe.txt").as_deref(), Some("not a regular file (a FIFO, socket or device)"));
}
