//! `rasd scan` and `rasd lexicon` run as a user runs them: the real binary in a child process.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SAMPLES: &str = "assets/samples";

fn rasd(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rasd"))
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("cannot run rasd {args:?}: {e}"))
}

fn describe(args: &[&str], output: &Output) -> String {
    format!(
        "rasd {args:?}\nstatus: {:?}\nstdout:\n{}\nstderr:\n{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn json_lines(output: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l}: {e}")))
        .collect()
}

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"))
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    path
}

#[test]
fn scan_of_the_sample_folder_gives_one_line_per_article_with_the_documented_fields() {
    let args = ["scan", SAMPLES];
    let output = rasd(&args);
    assert_eq!(output.status.code(), Some(0), "{}", describe(&args, &output));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 7, "6 files, one of them with two <DOC>s: {}", describe(&args, &output));
    for line in &lines {
        for field in [
            "path",
            "id",
            "title",
            "published",
            "published_text",
            "date_confidence",
            "source",
            "language",
            "keywords",
            "related",
            "actors",
        ] {
            assert!(line.get(field).is_some(), "missing {field} in {line}");
        }
    }
    let gna_side = &lines[0];
    assert_eq!(gna_side["published"], "2020-04-12T09:40:00");
    assert_eq!(gna_side["related"].as_array().map(Vec::len), Some(2));
    let haftar =
        gna_side["actors"].as_array().and_then(|a| a.iter().find(|x| x["id"] == "haftar")).cloned().unwrap_or_default();
    assert_eq!(haftar["stance"], "delegitimizing");
    let evidence = &haftar["evidence"][0];
    for field in ["text", "stance", "rule", "voice", "start", "end"] {
        assert!(evidence.get(field).is_some(), "evidence lacks {field}: {evidence}");
    }
    let lna_side = &lines[1];
    let lna =
        lna_side["actors"].as_array().and_then(|a| a.iter().find(|x| x["id"] == "lna")).cloned().unwrap_or_default();
    assert_eq!(lna["stance"], "legitimizing", "the two camps' outlets frame the LNA oppositely");
    let trec: Vec<&serde_json::Value> =
        lines.iter().filter(|l| l["path"].as_str().is_some_and(|p| p.ends_with(".trec"))).collect();
    assert_eq!(trec.len(), 2);
    assert_eq!(trec[1]["published"], "2020-04-12T16:30:00+02:00");
}

#[test]
fn a_broken_file_gives_an_error_line_and_exit_1_and_the_rest_is_still_read() {
    let dir = temp();
    write(dir.path(), "a_good.txt", "عنوان\n\nالسبت 19 ديسمبر 2020\n\nنص عن ميليشيا حفتر.\n".as_bytes());
    write(dir.path(), "b_binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00");
    write(dir.path(), "c_empty.md", b"");
    let root = dir.path().display().to_string();
    let args = ["scan", root.as_str()];
    let output = rasd(&args);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&args, &output));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 3, "{}", describe(&args, &output));
    assert_eq!(lines[0]["title"], "عنوان");
    assert!(lines[1]["path"].as_str().is_some_and(|p| p.ends_with("b_binary.txt")));
    assert!(lines[1]["error"].as_str().is_some_and(|e| e.contains("binary")), "{}", lines[1]);
    assert_eq!(lines[2]["error"], "empty file");
    let missing = ["scan", "/nonexistent/rasd-folder"];
    let output = rasd(&missing);
    assert_eq!(output.status.code(), Some(1), "{}", describe(&missing, &output));
    assert!(json_lines(&output)[0]["error"].as_str().is_some_and(|e| e.contains("no such")));
}

#[test]
fn usage_errors_exit_2() {
    for args in [vec!["scan"], vec!["scan", "--format", "xml", SAMPLES], vec!["scan", "--bogus", SAMPLES]] {
        let output = rasd(&args);
        assert_eq!(output.status.code(), Some(2), "{}", describe(&args, &output));
    }
}

#[test]
fn a_broken_lexicon_names_file_line_and_column() {
    let dir = temp();
    let pack = "(\n    schema_version: 1,\n    id: \"broken\",\n    actors: [(id: \"x\", kind: Person, colour: 1, names: {})],\n)\n";
    let path = write(dir.path(), "broken.ron", pack.as_bytes());
    let lexicon = dir.path().display().to_string();
    let args = ["scan", "--lexicon", lexicon.as_str(), SAMPLES];
    let output = rasd(&args);
    assert_eq!(output.status.code(), Some(2), "{}", describe(&args, &output));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains(&format!("{}:4:", path.display())), "{}", describe(&args, &output));
    assert!(stderr.contains("colour"), "{stderr}");
    assert!(output.stdout.is_empty());
}

#[test]
fn a_lexicon_folder_adds_a_conflict() {
    let dir = temp();
    let pack = r#"(
    schema_version: 1,
    id: "syria",
    languages: ["ar"],
    sides: [(id: "syria_gov")],
    actors: [(id: "assad_gov", kind: Government, side: "syria_gov",
              names: { "ar": [(text: "الحكومة السورية"), (text: "نظام الأسد", frame: (Delegitimizing, 0.7))] })],
)"#;
    write(dir.path(), "syria.ron", pack.as_bytes());
    let article = write(dir.path(), "article.txt", "خبر\n\nقصفت قوات نظام الأسد ريف إدلب.\n".as_bytes());
    let (lexicon, article) = (dir.path().display().to_string(), article.display().to_string());
    let args = ["scan", "--lexicon", lexicon.as_str(), article.as_str()];
    let output = rasd(&args);
    assert_eq!(output.status.code(), Some(0), "{}", describe(&args, &output));
    let actors = &json_lines(&output)[0]["actors"];
    assert_eq!(actors[0]["id"], "assad_gov");
    assert_eq!(actors[0]["stance"], "delegitimizing");
    let check = ["lexicon", "--lexicon", lexicon.as_str()];
    let output = rasd(&check);
    assert_eq!(output.status.code(), Some(0), "{}", describe(&check, &output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("actor assad_gov"));
}

#[test]
fn the_same_article_in_every_encoding_has_the_same_id() {
    let text = "ميليشيا حفتر تقصف طرابلس\n\nالأحد 5 أبريل 2020\n\nقصفت ميليشيا حفتر أحياء في جنوب العاصمة الليبية.\n\nالمصدر | وكالة\n";
    let dir = temp();
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(text);
    let (iso, _, _) = encoding_rs::ISO_8859_6.encode(text);
    let mut utf16 = vec![0xff, 0xfe];
    utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    let mut bom = vec![0xef, 0xbb, 0xbf];
    bom.extend_from_slice(text.as_bytes());
    write(dir.path(), "1_utf8.txt", text.as_bytes());
    write(dir.path(), "2_bom.txt", &bom);
    write(dir.path(), "3_utf16.txt", &utf16);
    write(dir.path(), "4_cp1256.txt", &cp1256);
    write(dir.path(), "5_iso.txt", &iso);
    write(dir.path(), "6_crlf.txt", text.replace('\n', "\r\n").as_bytes());
    let root = dir.path().display().to_string();
    let args = ["scan", root.as_str()];
    let output = rasd(&args);
    assert_eq!(output.status.code(), Some(0), "{}", describe(&args, &output));
    let lines = json_lines(&output);
    assert_eq!(lines.len(), 6);
    for line in &lines {
        assert_eq!(line["id"], lines[0]["id"], "{}", line["path"]);
        assert_eq!(line["title"], "ميليشيا حفتر تقصف طرابلس");
        assert_eq!(line["source"], "وكالة");
    }
}

#[test]
fn csv_output_has_one_row_per_article_and_actor_and_neutralises_formulas() {
    let dir = temp();
    let article = write(
        dir.path(),
        "f.txt",
        "=HYPERLINK(\"http://x\") ميليشيا حفتر\n\nنص عن الجيش الوطني الليبي وحكومة الوفاق الوطني.\n".as_bytes(),
    );
    let path = article.display().to_string();
    let args = ["scan", "--format", "csv", path.as_str()];
    let output = rasd(&args);
    assert_eq!(output.status.code(), Some(0), "{}", describe(&args, &output));
    let mut reader = csv::Reader::from_reader(output.stdout.as_slice());
    let headers = reader.headers().cloned().unwrap_or_default();
    assert_eq!(&headers[0], "path");
    assert!(headers.iter().any(|h| h == "actor_id") && headers.iter().any(|h| h == "evidence"));
    let rows: Vec<csv::StringRecord> = reader.records().filter_map(Result::ok).collect();
    let actor_column = headers.iter().position(|h| h == "actor_id").unwrap_or(0);
    let actors: Vec<&str> = rows.iter().map(|r| &r[actor_column]).collect();
    assert_eq!(actors, ["lna", "gna", "haftar"]);
    let title_column = headers.iter().position(|h| h == "title").unwrap_or(0);
    assert!(rows[0][title_column].starts_with("'=HYPERLINK"), "{:?}", &rows[0]);
}

#[test]
fn one_worker_and_all_workers_print_the_same() {
    let one = rasd(&["scan", "--jobs", "1", SAMPLES]);
    let all = rasd(&["scan", SAMPLES]);
    assert_eq!(one.stdout, all.stdout);
    assert!(!one.stdout.is_empty());
}

/// The example pack in the README is what a user copies to start a new conflict: it must load
/// beside the shipped packs and find its actor, with its designation, in an English article.
#[test]
fn the_readme_example_pack_loads_and_finds_its_actor() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/README.md");
    let readme = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let Some(example) = readme.split("```ron\n").nth(1).and_then(|rest| rest.split("```").next()) else {
        panic!("README has no ```ron example");
    };
    let dir = temp();
    write(dir.path(), "syria.ron", example.as_bytes());
    let article = write(
        dir.path(),
        "article.txt",
        b"Shelling near Aleppo\n\nThe government in Damascus said on Sunday its forces had shelled rebel positions near Aleppo.\n",
    );
    let (lexicon, article) = (dir.path().display().to_string(), article.display().to_string());
    let check = ["lexicon", "--lexicon", lexicon.as_str()];
    let output = rasd(&check);
    assert_eq!(output.status.code(), Some(0), "{}", describe(&check, &output));
    let args = ["scan", "--lexicon", lexicon.as_str(), article.as_str()];
    let output = rasd(&args);
    assert_eq!(output.status.code(), Some(0), "{}", describe(&args, &output));
    let actors = &json_lines(&output)[0]["actors"];
    assert_eq!(actors[0]["id"], "assad_gov", "{actors}");
}
