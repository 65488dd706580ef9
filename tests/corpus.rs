//! Every article file of the ANT corpus v2.1 (../shared/corpora/ant-v2.1; Chouigui, Ben Khiroun
//! and Elayeb, AICCSA 2017 and AJSE 2021) is read without error, with a title, a body and the
//! date its file name carries, and analysed without a panic; every article that names حفتر has
//! the actor. Skips with a printed reason when the corpus is absent.

use std::path::{Path, PathBuf};

use rasd::analysis::analyze;
use rasd::article::read_bytes;
use rasd::lexicon::Lexicon;
use rayon::prelude::*;

const CORPUS: &str = "../shared/corpora/ant-v2.1";
/// The corpus holds 31,525 article files (`*.txt`) and its README.md.
const ARTICLE_FILES: usize = 31_525;

#[derive(Default)]
struct Tally {
    problems: Vec<String>,
    naming_haftar: usize,
    haftar_found: usize,
}

impl Tally {
    fn merge(mut self, other: Self) -> Self {
        self.problems.extend(other.problems);
        self.naming_haftar += other.naming_haftar;
        self.haftar_found += other.haftar_found;
        self
    }
}

/// `AL-culture-189-20171226.txt` → `2017-12-26`.
fn date_in_name(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    let digits = stem.rsplit('-').next().filter(|d| d.len() == 8)?;
    Some(format!("{}-{}-{}", &digits[..4], &digits[4..6], &digits[6..]))
}

fn raw_text_is_empty(path: &Path) -> bool {
    let raw = std::fs::read_to_string(path).unwrap_or_default();
    let inner = |tag: &str| {
        let open = format!("<{tag}>");
        let close = format!("</{tag}>");
        raw.split_once(&open)
            .and_then(|(_, rest)| rest.split_once(&close))
            .is_some_and(|(inside, _)| inside.trim().is_empty())
    };
    inner("TEXT") && inner("ABSTRACT")
}

fn check(path: &Path, lexicon: &Lexicon) -> Tally {
    let name = path.display().to_string();
    let mut tally = Tally::default();
    let articles = match std::fs::read(path)
        .map_err(|e| e.to_string())
        .and_then(|b| read_bytes(&b, &name).map_err(|e| e.to_string()))
    {
        Ok(articles) => articles,
        Err(e) => {
            tally.problems.push(format!("{name}: {e}"));
            return tally;
        }
    };
    let [article] = articles.as_slice() else {
        tally.problems.push(format!("{name}: {} articles", articles.len()));
        return tally;
    };
    if article.title.trim().is_empty() {
        tally.problems.push(format!("{name}: empty title"));
    }
    // A few France24 files carry an empty <TEXT> and <ABSTRACT>: only those may have no body.
    if article.body.trim().is_empty() && !raw_text_is_empty(path) {
        tally.problems.push(format!("{name}: body lost"));
    }
    let printed = article.published.as_ref().map(|d| d.date.to_string());
    if printed.is_none() || printed != date_in_name(path) {
        tally.problems.push(format!("{name}: date {printed:?} from {:?}", article.published_text));
    }
    let actors = analyze(article, lexicon);
    if article.title.contains("حفتر") || article.body.contains("حفتر") {
        tally.naming_haftar += 1;
        tally.haftar_found += usize::from(actors.iter().any(|a| a.id == "haftar"));
    }
    tally
}

#[test]
fn every_ant_article_is_read_dated_and_analysed() {
    if !Path::new(CORPUS).is_dir() {
        eprintln!("skipping: {CORPUS} is absent (run from a checkout beside ../shared)");
        return;
    }
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(CORPUS)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "txt"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    files.sort();
    assert_eq!(files.len(), ARTICLE_FILES);
    let lexicon = Lexicon::load(None).unwrap_or_else(|e| panic!("{e:?}"));
    let tally = files.par_iter().map(|p| check(p, &lexicon)).reduce(Tally::default, Tally::merge);
    let problems = &tally.problems;
    assert!(problems.is_empty(), "{} problems, first: {:?}", problems.len(), &problems[..problems.len().min(10)]);
    assert!(tally.naming_haftar >= 80, "the corpus README says 87 files mention حفتر; found {}", tally.naming_haftar);
    assert_eq!(tally.haftar_found, tally.naming_haftar, "every article naming حفتر has the actor");
}
