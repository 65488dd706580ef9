//! The desktop packaging: the desktop entry, the AppStream metainfo, the icons and the `.deb`
//! assets agree with the app (its id, the files it reads) and pass the freedesktop validators.

use std::path::Path;
use std::process::Command;

use rasd::engine::APP_ID;

fn read(path: &str) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn desktop_key<'a>(entry: &'a str, key: &str) -> Option<&'a str> {
    entry.lines().find_map(|l| l.strip_prefix(key).and_then(|rest| rest.strip_prefix('=')))
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> Option<(u32, u32)> {
    if !bytes.starts_with(b"\x89PNG\r\n\x1a\n") || bytes.get(12..16) != Some(b"IHDR") {
        return None;
    }
    let number = |range: std::ops::Range<usize>| bytes.get(range)?.try_into().ok().map(u32::from_be_bytes);
    Some((number(16..20)?, number(20..24)?))
}

#[test]
fn desktop_entry_names_the_app_its_icon_and_every_format_it_reads() {
    let path = format!("dist/{APP_ID}.desktop");
    let entry = read(&path);
    assert_eq!(desktop_key(&entry, "Exec"), Some("rasd %F"), "files opened with Rasd are passed to it");
    assert_eq!(desktop_key(&entry, "Icon"), Some(APP_ID));
    assert_eq!(desktop_key(&entry, "StartupWMClass"), Some(APP_ID), "the window is matched to its entry");
    assert_eq!(desktop_key(&entry, "Name[ar]"), Some("رصد"));
    assert!(desktop_key(&entry, "Comment[ar]").is_some_and(|c| c.contains("الأخبار")));
    let mime_types = desktop_key(&entry, "MimeType").unwrap_or_default();
    for extension in rasd::article::READABLE_EXTENSIONS {
        let mime = match *extension {
            "txt" => "text/plain",
            "md" | "markdown" => "text/markdown",
            "xml" | "trec" => "application/xml",
            "sgml" | "sgm" => "application/sgml",
            "html" | "htm" => "text/html",
            "xhtml" => "application/xhtml+xml",
            "json" => "application/json",
            "jsonl" | "ndjson" => "application/x-ndjson",
            "rss" => "application/rss+xml",
            "atom" => "application/atom+xml",
            "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "eml" => "message/rfc822",
            "pdf" => "application/pdf",
            "csv" => "text/csv",
            "tsv" | "tab" => "text/tab-separated-values",
            "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsm" => "application/vnd.ms-excel.sheet.macroenabled.12",
            "xls" => "application/vnd.ms-excel",
            "ods" => "application/vnd.oasis.opendocument.spreadsheet",
            other => panic!("no MIME type known for .{other}: add it to the desktop entry and here"),
        };
        assert!(mime_types.split(';').any(|m| m == mime), ".{extension} ({mime}) missing from {mime_types}");
    }
}

#[test]
fn metainfo_launches_the_desktop_entry() {
    let metainfo = read(&format!("dist/{APP_ID}.metainfo.xml"));
    assert!(metainfo.contains(&format!("<id>{APP_ID}</id>")));
    assert!(metainfo.contains(&format!("<launchable type=\"desktop-id\">{APP_ID}.desktop</launchable>")));
    assert!(metainfo.contains("<binary>rasd</binary>"));
}

#[test]
fn icons_exist_in_every_hicolor_size_and_the_window_uses_one() {
    for size in [16, 24, 32, 48, 64, 128, 256, 512] {
        let path = format!("dist/icons/hicolor/{size}x{size}/apps/{APP_ID}.png");
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert_eq!(png_size(&bytes), Some((size, size)), "{path}");
    }
    let svg = read(&format!("dist/icons/hicolor/scalable/apps/{APP_ID}.svg"));
    assert!(svg.contains("<svg") && svg.contains("viewBox"));
    assert_eq!(png_size(rasd::ui::WINDOW_ICON), Some((256, 256)));
    let ico = std::fs::read("dist/icons/rasd.ico").unwrap_or_else(|e| panic!("rasd.ico: {e}"));
    assert!(ico.starts_with(&[0, 0, 1, 0]), "a Windows icon file");
}

#[test]
fn every_deb_asset_is_in_the_repository() {
    let manifest = read("Cargo.toml");
    let assets: Vec<&str> = manifest
        .lines()
        .filter_map(|l| l.trim().strip_prefix("[\""))
        .filter_map(|l| l.split('"').next())
        .filter(|source| !source.starts_with("target/"))
        .collect();
    assert!(assets.len() >= 12, "{assets:?}");
    for source in assets {
        assert!(Path::new(source).is_file(), "{source} is listed in [package.metadata.deb] but missing");
    }
    assert!(manifest.contains("usr/share/applications/"));
    assert!(manifest.contains(&format!("identifier = \"{APP_ID}\"")), "the macOS bundle uses the same id");
}

/// Run a validator when it is installed (`.ci/run` installs both).
fn validate(program: &str, args: &[&str]) {
    match Command::new(program).args(args).output() {
        Ok(out) => assert!(
            out.status.success(),
            "{program} {args:?}:\n{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => eprintln!("skipped: {program} is not available ({e}); .ci/run installs it"),
    }
}

#[test]
fn freedesktop_validators_accept_the_desktop_entry_and_metainfo() {
    validate("desktop-file-validate", &[&format!("dist/{APP_ID}.desktop")]);
    validate("appstreamcli", &["validate", "--no-net", &format!("dist/{APP_ID}.metainfo.xml")]);
}
