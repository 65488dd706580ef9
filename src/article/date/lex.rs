//! A date line cut into numbers, words and separators, after normalization (so Arabic-Indic
//! digits are ASCII and letter variants are unified).

/// One piece of a normalized date line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// A run of ASCII digits with its value and digit count.
    Number {
        /// The value (saturating).
        value: u32,
        /// How many digits were printed.
        digits: usize,
    },
    /// A run of letters.
    Word(String),
    /// Any other non-space character.
    Sep(char),
}

impl Piece {
    /// The value of a number with at most `max_digits` digits.
    #[must_use]
    pub fn number(&self, max_digits: usize) -> Option<u32> {
        match self {
            Self::Number { value, digits } if *digits <= max_digits => Some(*value),
            _ => None,
        }
    }

    /// The value of a number with exactly `digits` digits.
    #[must_use]
    pub fn number_of(&self, exact: usize) -> Option<u32> {
        match self {
            Self::Number { value, digits } if *digits == exact => Some(*value),
            _ => None,
        }
    }

    /// The text of a word.
    #[must_use]
    pub fn word(&self) -> Option<&str> {
        match self {
            Self::Word(w) => Some(w),
            _ => None,
        }
    }

    /// Whether this is the separator `c`.
    #[must_use]
    pub fn is_sep(&self, c: char) -> bool {
        matches!(self, Self::Sep(s) if *s == c)
    }
}

/// Cut a normalized line into pieces; whitespace only separates.
#[must_use]
pub fn lex(normalized: &str) -> Vec<Piece> {
    let mut pieces = Vec::new();
    let mut chars = normalized.chars().peekable();
    while let Some(c) = chars.next() {
        if c.is_ascii_digit() {
            let (mut value, mut digits) = (c.to_digit(10).unwrap_or(0), 1usize);
            while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                value = value.saturating_mul(10).saturating_add(d);
                digits += 1;
                chars.next();
            }
            pieces.push(Piece::Number { value, digits });
        } else if c.is_alphabetic() {
            let mut word = String::from(c);
            while let Some(&n) = chars.peek() {
                if !n.is_alphabetic() {
                    break;
                }
                word.push(n);
                chars.next();
            }
            pieces.push(Piece::Word(word));
        } else if !c.is_whitespace() {
            pieces.push(Piece::Sep(c));
        }
    }
    pieces
}
