//! Reading pack files: the shipped packs (compiled into the binary), `--lexicon DIR`, RON
//! parsing with positions, and replacing a shipped pack by a user pack with the same id.

use std::fmt;
use std::path::Path;

use super::schema::PackDef;

/// A lexicon problem with the file, line and column it is at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// The pack file.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column (characters).
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}: {}", self.file, self.line, self.column, self.message)
    }
}

impl std::error::Error for LexiconError {}

/// The text of one pack file and where it came from.
#[derive(Debug, Clone)]
pub struct PackSource {
    /// Path or `builtin:NAME.ron`.
    pub file: String,
    /// The RON text.
    pub text: String,
}

impl PackSource {
    /// An error at a byte offset of this file.
    #[must_use]
    pub fn error_at(&self, offset: usize, message: impl Into<String>) -> LexiconError {
        let before = &self.text[..offset.min(self.text.len())];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        LexiconError { file: self.file.clone(), line, column, message: message.into() }
    }

    /// Byte offset of the entry whose `id` is `id` (its `id: "…"`), or 0.
    #[must_use]
    pub fn entry_offset(&self, id: &str) -> usize {
        let quoted = format!("\"{id}\"");
        let mut from = 0;
        while let Some(found) = self.text[from..].find(&quoted) {
            let at = from + found;
            let head = self.text[..at].trim_end();
            if head.ends_with(':') && head[..head.len() - 1].trim_end().ends_with("id") {
                return at;
            }
            from = at + quoted.len();
        }
        0
    }

    /// Byte offset of `"value"` (or of `value` unquoted) at or after `from`, else `from`.
    #[must_use]
    pub fn value_offset(&self, from: usize, value: &str) -> usize {
        let rest = self.text.get(from..).unwrap_or("");
        rest.find(&format!("\"{value}\"")).or_else(|| rest.find(value)).map_or(from, |i| from + i)
    }
}

const BUILTIN: &[(&str, &str)] = &[
    ("common-ar.ron", include_str!("../../assets/lexicons/common-ar.ron")),
    ("common-en.ron", include_str!("../../assets/lexicons/common-en.ron")),
    ("states.ron", include_str!("../../assets/lexicons/states.ron")),
    ("libya.ron", include_str!("../../assets/lexicons/libya.ron")),
    ("yemen.ron", include_str!("../../assets/lexicons/yemen.ron")),
    ("sudan.ron", include_str!("../../assets/lexicons/sudan.ron")),
    ("israel-gaza.ron", include_str!("../../assets/lexicons/israel-gaza.ron")),
];

/// The packs shipped in `assets/lexicons/`.
#[must_use]
pub fn builtin_sources() -> Vec<PackSource> {
    BUILTIN
        .iter()
        .map(|(name, text)| PackSource { file: format!("assets/lexicons/{name}"), text: (*text).to_string() })
        .collect()
}

/// Every `*.ron` file in `dir`, sorted by name.
///
/// # Errors
/// One error per file that cannot be read, or for the folder itself.
pub fn dir_sources(dir: &Path) -> Result<Vec<PackSource>, Vec<LexiconError>> {
    let at_dir = |message: String| LexiconError { file: dir.display().to_string(), line: 1, column: 1, message };
    let entries = std::fs::read_dir(dir).map_err(|e| vec![at_dir(format!("cannot read lexicon folder: {e}"))])?;
    let mut paths: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")))
        .filter(|p| p.file_name().is_none_or(|n| n != super::CALIBRATION_FILE))
        .collect();
    paths.sort();
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match std::fs::read_to_string(&path) {
            Ok(text) => sources.push(PackSource { file: path.display().to_string(), text }),
            Err(e) => errors.push(LexiconError {
                file: path.display().to_string(),
                line: 1,
                column: 1,
                message: format!("cannot read: {e}"),
            }),
        }
    }
    if errors.is_empty() { Ok(sources) } else { Err(errors) }
}

/// Parse one pack, with the RON error's position on failure.
///
/// # Errors
/// The RON syntax or schema error (unknown field, wrong type) at its line and column.
pub fn parse(source: &PackSource) -> Result<PackDef, LexiconError> {
    // Optional fields take plain values (`side: "east"`, not `Some("east")`) in every pack,
    // whether or not it starts with `#![enable(implicit_some)]`.
    let options = ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    options.from_str::<PackDef>(&source.text).map_err(|e| LexiconError {
        file: source.file.clone(),
        line: e.span.start.line,
        column: e.span.start.col,
        message: e.code.to_string(),
    })
}

/// Parse the shipped packs, then the user's; a user pack replaces a shipped pack with the same
/// id. Two packs with one id in the same set are an error.
///
/// # Errors
/// Every parse error and duplicate pack id.
pub fn parse_all(
    builtin: Vec<PackSource>,
    user: Vec<PackSource>,
) -> Result<Vec<(PackSource, PackDef)>, Vec<LexiconError>> {
    let mut errors = Vec::new();
    let mut parse_set = |set: Vec<PackSource>| -> Vec<(PackSource, PackDef)> {
        let mut parsed: Vec<(PackSource, PackDef)> = Vec::new();
        for source in set {
            match parse(&source) {
                Ok(pack) => {
                    if let Some((first, _)) = parsed.iter().find(|(_, p)| p.id == pack.id) {
                        let at = source.entry_offset(&pack.id);
                        errors.push(
                            source.error_at(at, format!("pack id \"{}\" is also used by {}", pack.id, first.file)),
                        );
                    } else {
                        parsed.push((source, pack));
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        parsed
    };
    let mut packs = parse_set(builtin);
    let user = parse_set(user);
    for (source, pack) in user {
        packs.retain(|(_, p)| p.id != pack.id);
        packs.push((source, pack));
    }
    if errors.is_empty() { Ok(packs) } else { Err(errors) }
}
