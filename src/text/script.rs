//! Language by script: Arabic letters against Latin letters.

use serde::{Deserialize, Serialize};

/// The language of an article, decided by the script of its letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// Mostly Arabic script.
    Ar,
    /// Mostly Latin script.
    En,
    /// Anything else, or no letters at all.
    #[default]
    Other,
}

impl Language {
    /// The short code used in output (`ar`, `en`, `other`).
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Ar => "ar",
            Self::En => "en",
            Self::Other => "other",
        }
    }

    /// The language of a [`Language::code`]; anything else is `Other`.
    #[must_use]
    pub fn from_code(code: &str) -> Self {
        match code {
            "ar" => Self::Ar,
            "en" => Self::En,
            _ => Self::Other,
        }
    }
}

/// Letters counted at most: far more than a decision needs, and a long text is not read to
/// its end twice.
const MAX_LETTERS: usize = 1024;

/// Decide the language of `text` by counting Arabic-script and Latin letters.
#[must_use]
pub fn detect_language(text: &str) -> Language {
    detect_language_of(&[text])
}

/// [`detect_language`] over several parts (a title and a body) without joining them.
#[must_use]
pub fn detect_language_of(parts: &[&str]) -> Language {
    let (mut arabic, mut latin, mut other) = (0usize, 0usize, 0usize);
    for c in parts
        .iter()
        .flat_map(|p| p.chars())
        .filter(|&c| crate::text::is_word_char(c) && !c.is_ascii_digit() && !('\u{660}'..='\u{669}').contains(&c))
        .take(MAX_LETTERS)
    {
        match c {
            '\u{600}'..='\u{6ff}'
            | '\u{750}'..='\u{77f}'
            | '\u{8a0}'..='\u{8ff}'
            | '\u{fb50}'..='\u{fdff}'
            | '\u{fe70}'..='\u{feff}' => arabic += 1,
            'a'..='z' | 'A'..='Z' | '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}' => latin += 1,
            _ => other += 1,
        }
    }
    let total = arabic + latin + other;
    if total == 0 {
        Language::Other
    } else if arabic * 2 >= total {
        Language::Ar
    } else if latin * 2 >= total {
        Language::En
    } else {
        Language::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_with_latin_acronyms_is_arabic() {
        assert_eq!(detect_language("قالت وكالة AFP إن حفتر وصل"), Language::Ar);
        assert_eq!(detect_language("Haftar's forces (قوات حفتر) advanced"), Language::En);
        assert_eq!(detect_language("Хафтар наступает"), Language::Other);
        assert_eq!(detect_language("12345 --"), Language::Other);
    }
}
