//! The exported CSV opened by LibreOffice (headless): Arabic titles and every column come back
//! intact, and a title starting with `=` stays text instead of running as a formula.
//! `.ci/run` installs LibreOffice Calc; without `soffice` the test says so and checks nothing.

use std::path::Path;
use std::process::Command;

const FORMULA_TITLE: &str = "=HYPERLINK(\"http://evil.example\",\"اضغط هنا\")";

fn rasd(args: &[&str]) {
    let out = Command::new(env!("CARGO_BIN_EXE_rasd")).args(args).output().unwrap_or_else(|e| panic!("{e}"));
    assert!(out.status.success(), "rasd {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// Whether LibreOffice is installed (say so when it is not).
fn soffice_available() -> bool {
    let found = Command::new("soffice").arg("--version").output().is_ok();
    if !found {
        eprintln!("skipped: LibreOffice (soffice) is not installed; .ci/run installs it");
    }
    found
}

/// Convert `file` (read as UTF-8 CSV) with LibreOffice into `format`, beside it.
fn convert(dir: &Path, file: &Path, format: &str) {
    let profile = format!("-env:UserInstallation=file://{}", dir.join("lo-profile").display());
    let converted = Command::new("soffice")
        .args([&profile, "--headless", "--norestore", "--infilter=CSV:44,34,76,1", "--convert-to", format, "--outdir"])
        .arg(dir)
        .arg(file)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(converted.status.success(), "{}", String::from_utf8_lossy(&converted.stderr));
}

/// The text of every cell of the first sheet of an `.ods`, row by row, and whether any cell
/// holds a formula.
fn ods_cells(path: &Path) -> (Vec<Vec<String>>, bool) {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut archive = zip::ZipArchive::new(file).unwrap_or_else(|e| panic!("{e}"));
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("content.xml").unwrap_or_else(|e| panic!("{e}")), &mut xml)
        .unwrap_or_else(|e| panic!("{e}"));
    let formula = xml.contains("table:formula=");
    let mut rows = Vec::new();
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut row, mut cell, mut in_cell, mut repeat) = (Vec::new(), String::new(), false, 1usize);
    // Empty cells side by side are one element with `table:number-columns-repeated`.
    let repeated = |e: &quick_xml::events::BytesStart<'_>| {
        e.attributes()
            .filter_map(Result::ok)
            .find(|a| a.key.as_ref() == "table:number-columns-repeated")
            .and_then(|a| a.value.parse::<usize>().ok())
            .unwrap_or(1)
            .min(64)
    };
    loop {
        match reader.read_event().unwrap_or_else(|e| panic!("{e}")) {
            quick_xml::events::Event::Start(e) if e.name().as_ref() == "table:table-cell" => {
                in_cell = true;
                repeat = repeated(&e);
                cell.clear();
            }
            quick_xml::events::Event::Empty(e) if e.name().as_ref() == "table:table-cell" => {
                row.extend(std::iter::repeat_n(String::new(), repeated(&e)));
            }
            quick_xml::events::Event::Text(t) if in_cell => cell.push_str(&t.xml10_content()),
            quick_xml::events::Event::GeneralRef(r) if in_cell => {
                let name = r.xml10_content();
                cell.push_str(quick_xml::escape::resolve_predefined_entity(&name).unwrap_or(""));
            }
            quick_xml::events::Event::End(e) if e.name().as_ref() == "table:table-cell" => {
                in_cell = false;
                row.extend(std::iter::repeat_n(std::mem::take(&mut cell), repeat));
            }
            quick_xml::events::Event::End(e) if e.name().as_ref() == "table:table-row" => {
                rows.push(std::mem::take(&mut row));
            }
            quick_xml::events::Event::Eof => break,
            _ => {}
        }
    }
    (rows, formula)
}

#[test]
fn libreoffice_reads_the_export_as_written() {
    if !soffice_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let inbox = dir.path().join("inbox");
    std::fs::create_dir_all(&inbox).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        inbox.join("a.txt"),
        "ميليشيا حفتر تقصف طرابلس\n\nطرابلس - 5 أبريل 2020\n\nقصفت ميليشيا حفتر أحياء سكنية، \"وفق\" مصادر محلية.\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(inbox.join("b.txt"), format!("{FORMULA_TITLE}\n\n6 April 2020\n\nA body, with a comma.\n"))
        .unwrap_or_else(|e| panic!("{e}"));
    let data = dir.path().join("data");
    let (data_arg, inbox_arg) = (data.display().to_string(), inbox.display().to_string());
    rasd(&["index", "--data-dir", &data_arg, &inbox_arg]);
    let csv = dir.path().join("export.csv");
    rasd(&["export", "--data-dir", &data_arg, "--csv", &csv.display().to_string()]);

    convert(dir.path(), &csv, "ods");
    let (rows, formula) = ods_cells(&dir.path().join("export.ods"));
    assert!(!formula, "no cell became a formula");

    let mut written = csv::Reader::from_path(&csv).unwrap_or_else(|e| panic!("{e}"));
    let header: Vec<String> = written.headers().unwrap_or_else(|e| panic!("{e}")).iter().map(str::to_string).collect();
    let header_read: Vec<String> =
        rows[0].iter().take(header.len()).map(|c| c.trim_start_matches('\u{feff}').to_string()).collect();
    assert_eq!(header_read, header, "every column, in order");
    let records: Vec<csv::StringRecord> = written.records().collect::<Result<_, _>>().unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(rows.iter().filter(|r| r.iter().any(|c| !c.is_empty())).count(), records.len() + 1);
    for (record, row) in records.iter().zip(&rows[1..]) {
        for (i, value) in record.iter().enumerate() {
            let shown = row.get(i).map_or("", String::as_str);
            // Calc shows numbers in its own way (0.300 as 0.3); text comes back as written.
            let same = shown == value
                || value.parse::<f64>().ok().zip(shown.parse::<f64>().ok()).is_some_and(|(a, b)| (a - b).abs() < 1e-9);
            assert!(same, "column {} ({}): wrote {value:?}, LibreOffice shows {shown:?}", i, header[i]);
        }
    }
    let title = header.iter().position(|h| h == "title").unwrap_or(0);
    assert!(
        rows.iter().any(|r| r.get(title).is_some_and(|t| t == "ميليشيا حفتر تقصف طرابلس")),
        "the Arabic title is intact"
    );
    assert!(
        rows.iter().any(|r| r.get(title).is_some_and(|t| *t == format!("'{FORMULA_TITLE}"))),
        "the formula-like title is text"
    );
}

#[test]
fn a_pdf_clipping_made_by_libreoffice_reads_in_logical_order() {
    if !soffice_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let csv = dir.path().join("clipping.csv");
    std::fs::write(&csv, "ميليشيا حفتر تقصف طرابلس\nقصفت ميليشيا حفتر أحياء سكنية في جنوب العاصمة.\nوقالت حكومة الوفاق إن القصف استهدف المدنيين.\n")
        .unwrap_or_else(|e| panic!("{e}"));
    convert(dir.path(), &csv, "pdf");
    let bytes = std::fs::read(dir.path().join("clipping.pdf")).unwrap_or_else(|e| panic!("{e}"));
    let articles = rasd::article::read_bytes(&bytes, "clipping.pdf").unwrap_or_else(|e| panic!("{e}"));
    let text = format!("{}\n{}", articles[0].title, articles[0].body);
    // LibreOffice draws Arabic right to left; the extractor gives it back in visual order.
    assert!(text.contains("قصفت ميليشيا حفتر أحياء سكنية في جنوب العاصمة."), "{text}");
    assert!(text.contains("ميليشيا حفتر تقصف طرابلس"), "{text}");
    assert!(!text.contains("سلبارط"), "nothing is left backwards: {text}");
    assert_eq!(articles[0].format, rasd::article::Format::Pdf);
}

#[test]
fn spreadsheets_saved_by_libreoffice_read_one_article_per_row() {
    if !soffice_available() {
        return;
    }
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let csv = dir.path().join("desk.csv");
    std::fs::write(
        &csv,
        "title,text,outlet\nميليشيا حفتر تقصف طرابلس,قصفت ميليشيا حفتر أحياء في جنوب طرابلس.,وكالة أ\nTruce holds,The internationally recognised government said the truce held.,Wire B\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    for format in ["ods", "xlsx"] {
        convert(dir.path(), &csv, format);
        let path = dir.path().join(format!("desk.{format}"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{e}"));
        let articles =
            rasd::article::read_bytes(&bytes, &format!("desk.{format}")).unwrap_or_else(|e| panic!("{format}: {e}"));
        assert_eq!(articles.len(), 2, "{format}");
        assert_eq!(articles[0].title, "ميليشيا حفتر تقصف طرابلس", "{format}");
        assert_eq!(articles[1].source.as_deref(), Some("Wire B"), "{format}");
        assert_eq!(articles[0].format, rasd::article::Format::Table);
    }
}
