//! Coverage as spreadsheets, read through the real binary: one article per row, columns found by
//! name or mapped by a sidecar, dates and outlets kept, and broken tables refused with the row.

use std::path::Path;
use std::process::Command;

fn scan(path: &Path) -> (Vec<serde_json::Value>, i32) {
    let out = Command::new(env!("CARGO_BIN_EXE_rasd")).arg("scan").arg(path).output().unwrap_or_else(|e| panic!("{e}"));
    let records = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect();
    (records, out.status.code().unwrap_or(-1))
}

fn actor_stance<'a>(record: &'a serde_json::Value, id: &str) -> Option<&'a str> {
    record["actors"].as_array()?.iter().find(|a| a["id"] == id)?["stance"].as_str()
}

#[test]
fn an_xlsx_export_gives_one_article_per_row_with_its_date_and_outlet() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let path = dir.path().join("coverage.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    for (col, head) in ["Headline", "Body", "Publish Date", "Media Name"].iter().enumerate() {
        sheet.write_string(0, u16::try_from(col).unwrap_or(0), *head).unwrap_or_else(|e| panic!("{e}"));
    }
    let rows = [
        ("ميليشيا حفتر تقصف طرابلس", "قصفت ميليشيا حفتر أحياء في جنوب طرابلس.", "Wire A"),
        (
            "GNA forces repel attack",
            "Forces of the internationally recognised Government of National Accord repelled an attack.",
            "Wire B",
        ),
    ];
    for (i, (title, body, outlet)) in rows.iter().enumerate() {
        let row = u32::try_from(i + 1).unwrap_or(1);
        sheet.write_string(row, 0, *title).unwrap_or_else(|e| panic!("{e}"));
        sheet.write_string(row, 1, *body).unwrap_or_else(|e| panic!("{e}"));
        let day = rust_xlsxwriter::ExcelDateTime::from_ymd(2020, 4, 12).unwrap_or_else(|e| panic!("{e}"));
        sheet.write_datetime_with_format(row, 2, &day, &date).unwrap_or_else(|e| panic!("{e}"));
        sheet.write_string(row, 3, *outlet).unwrap_or_else(|e| panic!("{e}"));
    }
    book.save(&path).unwrap_or_else(|e| panic!("{e}"));
    let (records, code) = scan(&path);
    assert_eq!(code, 0);
    assert_eq!(records.len(), 2, "{records:?}");
    assert_eq!(records[0]["title"], "ميليشيا حفتر تقصف طرابلس");
    assert_eq!(records[0]["format"], "table");
    assert_eq!(records[0]["source"], "Wire A");
    assert!(
        records[0]["published"].as_str().is_some_and(|d| d.starts_with("2020-04-12")),
        "{}",
        records[0]["published"]
    );
    assert_eq!(actor_stance(&records[0], "lna"), Some("delegitimizing"));
    assert_eq!(actor_stance(&records[1], "gna"), Some("legitimizing"));
}

#[test]
fn a_sidecar_names_the_columns_and_a_broken_row_is_refused_with_its_number() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let table = dir.path().join("export.csv");
    std::fs::write(&table, "Kicker,Story,When\n\"Truce holds\",\"The truce held, officials said.\",2020-05-01\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let (unmapped, code) = scan(&table);
    assert_eq!(code, 1, "no text column without the mapping");
    assert!(
        unmapped[0]["error"].as_str().is_some_and(|e| e.contains("no text") && e.contains("Kicker")),
        "{unmapped:?}"
    );
    std::fs::write(dir.path().join("export.csv.columns"), "title = Kicker\ntext = Story\ndate = When\n")
        .unwrap_or_else(|e| panic!("{e}"));
    let (mapped, code) = scan(&table);
    assert_eq!(code, 0, "{mapped:?}");
    assert_eq!(mapped[0]["title"], "Truce holds");
    assert_eq!(mapped[0]["published"], "2020-05-01");

    let broken = dir.path().join("broken.csv");
    std::fs::write(&broken, "title,text\nA,one\nB,two,three\nC,four\n").unwrap_or_else(|e| panic!("{e}"));
    let (records, code) = scan(&broken);
    assert_eq!(code, 1);
    assert_eq!(records.len(), 1, "the whole file is refused, never read as text: {records:?}");
    assert!(records[0]["error"].as_str().is_some_and(|e| e.contains("row 3")), "{records:?}");
}

#[test]
fn the_fignews_tsv_reads_directly() {
    let path = Path::new("../shared/corpora/fignews-2024/fignews-2024-iaa-dev.tsv");
    if !path.exists() {
        eprintln!("skipping: {} is absent (run from a checkout beside ../shared)", path.display());
        return;
    }
    let (records, code) = scan(path);
    assert_eq!(code, 0);
    assert_eq!(records.len(), 700, "one article per post");
    let arabic = records.iter().filter(|r| r["language"] == "ar").count();
    assert!(arabic >= 140, "{arabic} Arabic posts (the Arabic originals and none fewer)");
    assert!(records.iter().any(|r| actor_stance(r, "hamas").is_some()), "the israel-gaza pack finds Hamas");
}
