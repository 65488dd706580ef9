//! Matching forms on normalized text with Aho-Corasick (leftmost-longest) and Arabic-aware
//! boundaries: bounded proclitic sets (لحفتر، والسيسي، للسيسي، بالميليشيات) before a form and, where
//! allowed, plural and pronoun suffixes after it (ميليشياته، militias). Case-sensitive forms
//! (GNA, RSF) are checked against the original text.

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};

use crate::text::{Normalized, is_word_char};

/// Proclitics before a name that does not start with the article ال.
const NAME_PLAIN: &[&str] = &["", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك"];
/// Proclitics before a form that starts with ال (ل is handled by the لل variant).
const WITH_ARTICLE: &[&str] = &["", "و", "ف", "ب", "ك", "وب", "فب", "وك", "فك"];
/// Before the لل variant of an ال form (للسيسي): the ل itself, optionally after و or ف.
const LAM: &[&str] = &["ل", "ول", "فل"];
/// Proclitics and the article before a descriptor or operator without ال.
const TERM_PLAIN: &[&str] = &[
    "", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "وك", "فك", "ال", "وال", "فال", "بال", "كال", "لل", "ولل",
    "فلل", "وبال", "فبال",
];
/// Plural, dual, nisba and pronoun endings accepted on Arabic forms that allow suffixes.
const ARABIC_SUFFIXES: &[&str] = &[
    "ت", "ات", "ون", "ين", "ان", "ه", "ها", "هم", "هما", "هن", "ك", "كم", "نا", "ي", "يه", "يات", "يين", "يون", "ته",
    "تها", "تهم", "اته", "اتها", "اتهم",
];
/// Plural endings accepted on Latin forms that allow suffixes.
const LATIN_SUFFIXES: &[&str] = &["s", "es"];

/// Whether a form is a name (aliases) or a term (descriptors, events, operators).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormClass {
    /// Actor aliases: proclitics only.
    Name,
    /// Descriptors, events, operators: proclitics and the article.
    Term,
}

/// One entry behind a form.
#[derive(Debug, Clone)]
struct Entry<T> {
    value: T,
    allow_suffixes: bool,
    exact_case: Option<String>,
}

#[derive(Debug, Clone)]
struct Pattern<T> {
    latin: bool,
    prefixes: &'static [&'static str],
    entries: Vec<Entry<T>>,
}

/// A match of a form in a normalized text.
#[derive(Debug, Clone, Copy)]
pub struct Hit<'a, T> {
    /// Start of the form (after any proclitic), in normalized bytes.
    pub start: usize,
    /// End of the form and any accepted suffix.
    pub end: usize,
    /// The value the form stands for.
    pub value: &'a T,
}

/// Many forms, with the checks that decide which raw matches count. The lexicon scans text
/// for all its sets at once through a [`SharedAutomaton`]; [`PatternSet::find`] scans for one.
#[derive(Debug, Clone)]
pub struct PatternSet<T> {
    patterns: Vec<Pattern<T>>,
    /// The normalized pattern strings, by pattern index (for a [`SharedAutomaton`]).
    strings: Vec<String>,
}

/// A raw match of a pattern: its index in its set and its normalized byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawMatch {
    /// Pattern index in its set.
    pub pattern: usize,
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
}

/// The patterns of several sets in one automaton, so a text is scanned once for all of them.
/// Each set's matches are then chosen leftmost-longest, as its own automaton would have.
#[derive(Debug, Clone, Default)]
pub struct SharedAutomaton {
    automaton: Option<AhoCorasick>,
    /// Global pattern index → (set, pattern index in the set).
    owners: Vec<(usize, usize)>,
    sets: usize,
}

impl SharedAutomaton {
    /// One automaton over the patterns of `sets` (each a set's pattern strings).
    ///
    /// # Errors
    /// The automaton builder's error (only for absurd sizes).
    pub fn build(sets: &[&[String]]) -> Result<Self, aho_corasick::BuildError> {
        let mut owners = Vec::new();
        let mut strings: Vec<&str> = Vec::new();
        for (set, patterns) in sets.iter().enumerate() {
            for (index, pattern) in patterns.iter().enumerate() {
                owners.push((set, index));
                strings.push(pattern);
            }
        }
        let automaton = if strings.is_empty() {
            None
        } else {
            Some(
                AhoCorasick::builder()
                    .match_kind(MatchKind::Standard)
                    .kind(Some(AhoCorasickKind::DFA))
                    .build(&strings)?,
            )
        };
        Ok(Self { automaton, owners, sets: sets.len() })
    }

    /// Every set's matches in `text`, leftmost-longest within each set.
    #[must_use]
    pub fn find(&self, text: &str) -> Vec<Vec<RawMatch>> {
        let mut per_set: Vec<Vec<RawMatch>> = vec![Vec::new(); self.sets];
        let Some(automaton) = &self.automaton else {
            return per_set;
        };
        for m in automaton.find_overlapping_iter(text) {
            let (set, pattern) = self.owners[m.pattern().as_usize()];
            per_set[set].push(RawMatch { pattern, start: m.start(), end: m.end() });
        }
        for matches in &mut per_set {
            // Leftmost first, then the longest there, then on from its end.
            matches.sort_unstable_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
            let mut cursor = 0;
            matches.retain(|m| {
                let keep = m.start >= cursor;
                if keep {
                    cursor = m.end;
                }
                keep
            });
        }
        per_set
    }
}

/// A form to compile: its normalized text, the value it stands for, and how it may attach.
#[derive(Debug, Clone)]
pub struct FormSpec<T> {
    /// The normalized form.
    pub normalized: String,
    /// The form as written in the lexicon, when case must match exactly.
    pub exact_case: Option<String>,
    /// What the form stands for.
    pub value: T,
    /// Name or term.
    pub class: FormClass,
    /// Whether suffixes are accepted.
    pub allow_suffixes: bool,
}

impl<T> PatternSet<T> {
    /// A set that matches nothing.
    #[must_use]
    pub fn empty() -> Self {
        Self { patterns: Vec::new(), strings: Vec::new() }
    }
}

impl<T: Clone> PatternSet<T> {
    /// Compile forms; identical forms share one pattern and keep every value.
    ///
    /// # Errors
    /// The automaton builder's error (only for absurd sizes).
    pub fn build(specs: Vec<FormSpec<T>>) -> Result<Self, aho_corasick::BuildError> {
        let mut strings: Vec<String> = Vec::new();
        let mut positions: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let mut patterns: Vec<Pattern<T>> = Vec::new();
        let mut add = |text: String, prefixes: &'static [&'static str], latin: bool, entry: Entry<T>| {
            if let Some(&i) = positions.get(&text) {
                patterns[i].entries.push(entry);
            } else {
                positions.insert(text.clone(), strings.len());
                strings.push(text);
                patterns.push(Pattern { latin, prefixes, entries: vec![entry] });
            }
        };
        for spec in specs {
            if spec.normalized.is_empty() {
                continue;
            }
            let latin = spec.normalized.starts_with(|c: char| c.is_ascii_alphanumeric());
            let entry = Entry { value: spec.value, allow_suffixes: spec.allow_suffixes, exact_case: spec.exact_case };
            if let Some(rest) = spec.normalized.strip_prefix('ا').filter(|r| r.starts_with('ل')) {
                add(rest.to_string(), LAM, false, entry.clone());
                add(spec.normalized, WITH_ARTICLE, false, entry);
            } else {
                let prefixes = match spec.class {
                    FormClass::Name => NAME_PLAIN,
                    FormClass::Term => TERM_PLAIN,
                };
                add(spec.normalized, prefixes, latin, entry);
            }
        }
        Ok(Self { patterns, strings })
    }

    /// The normalized pattern strings, by pattern index.
    #[must_use]
    pub fn strings(&self) -> &[String] {
        &self.strings
    }

    /// Every accepted match in `normalized` (whose original text is `original`).
    #[must_use]
    pub fn find<'a>(&'a self, normalized: &Normalized, original: &str) -> Vec<Hit<'a, T>> {
        let raw = SharedAutomaton::build(&[self.strings()]).map(|a| a.find(&normalized.text)).unwrap_or_default();
        raw.first().map(|raw| self.accept(raw, normalized, original)).unwrap_or_default()
    }

    /// The accepted hits among raw leftmost-longest matches of this set's patterns (from its
    /// own automaton or a [`SharedAutomaton`]): proclitics, suffixes and exact case checked.
    #[must_use]
    pub fn accept<'a>(&'a self, raw: &[RawMatch], normalized: &Normalized, original: &str) -> Vec<Hit<'a, T>> {
        let text = normalized.text.as_str();
        let mut hits = Vec::new();
        for m in raw {
            let pattern = &self.patterns[m.pattern];
            let word_start = text[..m.start]
                .char_indices()
                .rev()
                .take_while(|(_, c)| is_word_char(*c))
                .last()
                .map_or(m.start, |(i, _)| i);
            let prefix = &text[word_start..m.start];
            let prefix_ok = if pattern.latin { prefix.is_empty() } else { pattern.prefixes.contains(&prefix) };
            if !prefix_ok {
                continue;
            }
            let word_end = text[m.end..].find(|c: char| !is_word_char(c)).map_or(text.len(), |i| m.end + i);
            let suffix = &text[m.end..word_end];
            for entry in &pattern.entries {
                let suffix_ok = suffix.is_empty()
                    || (entry.allow_suffixes
                        && if pattern.latin {
                            LATIN_SUFFIXES.contains(&suffix)
                        } else {
                            ARABIC_SUFFIXES.contains(&suffix)
                        });
                if !suffix_ok {
                    continue;
                }
                if let Some(exact) = &entry.exact_case {
                    let range = normalized.original_range(m.start, m.end);
                    if original.get(range) != Some(exact.as_str()) {
                        continue;
                    }
                }
                hits.push(Hit { start: m.start, end: word_end, value: &entry.value });
            }
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{normalize, normalize_str};

    fn set(forms: &[(&str, FormClass, bool)]) -> PatternSet<String> {
        let specs = forms
            .iter()
            .map(|(f, class, suffixes)| FormSpec {
                normalized: normalize_str(f),
                exact_case: (f.chars().any(char::is_uppercase)).then(|| (*f).to_string()),
                value: (*f).to_string(),
                class: *class,
                allow_suffixes: *suffixes,
            })
            .collect();
        PatternSet::build(specs).unwrap_or_else(|e| panic!("{e}"))
    }

    fn found(set: &PatternSet<String>, text: &str) -> Vec<String> {
        let n = normalize(text);
        set.find(&n, text).iter().map(|h| format!("{}={}", h.value, &text[n.original_range(h.start, h.end)])).collect()
    }

    #[test]
    fn names_with_proclitics() {
        let names = set(&[
            ("حفتر", FormClass::Name, false),
            ("السيسي", FormClass::Name, false),
            ("خليفة حفتر", FormClass::Name, false),
        ]);
        assert_eq!(found(&names, "رسالة من السيسي لحفتر"), ["السيسي=السيسي", "حفتر=حفتر"]);
        assert_eq!(found(&names, "والسيسي وللسيسي بالسيسي"), ["السيسي=السيسي", "السيسي=لسيسي", "السيسي=السيسي"]);
        assert_eq!(found(&names, "لـ\"حفتر\" والجنرال خليفة حفتر"), ["حفتر=حفتر", "خليفة حفتر=خليفة حفتر"]);
        assert!(found(&names, "الحفتري حفترية").is_empty());
    }

    #[test]
    fn terms_take_the_article_and_suffixes_when_allowed() {
        let terms = set(&[
            ("ميليشيا", FormClass::Term, true),
            ("المشير", FormClass::Term, false),
            ("militia", FormClass::Term, true),
        ]);
        assert_eq!(found(&terms, "بالميليشيات وميليشياته"), ["ميليشيا=ميليشيات", "ميليشيا=ميليشياته"]);
        assert_eq!(found(&terms, "للمشير"), ["المشير=لمشير"]);
        assert_eq!(found(&terms, "Militias and the militia's"), ["militia=Militias", "militia=militia"]);
        assert!(found(&terms, "ميليشياوي").is_empty());
    }

    #[test]
    fn acronyms_match_case_sensitively() {
        let names = set(&[("GNA", FormClass::Name, false)]);
        assert_eq!(found(&names, "the GNA and the gna"), ["GNA=GNA"]);
    }
}
