//! Building blocks of the compact index: interned names, one text arena, row-id lookups and bit
//! sets.

use rustc_hash::FxHashMap;

/// An interned name.
pub type Sym = u32;

/// No name (an actor without a side).
pub const NO_SYM: Sym = Sym::MAX;

/// Positions by the store's row id: a plain array while row ids stay near the number of
/// articles (SQLite gives them in sequence, so that is the rule), a hash map beyond. A
/// full-text search hands back hundreds of thousands of row ids in ascending order; looking them
/// up in the array walks it front to back.
#[derive(Debug, Default, Clone)]
pub struct RowidMap {
    dense: Vec<u32>,
    sparse: FxHashMap<i64, u32>,
}

/// No position in [`RowidMap::dense`].
const ABSENT: u32 = u32::MAX;

impl RowidMap {
    /// Make room for row ids up to about `rowids`.
    pub fn reserve(&mut self, rowids: usize) {
        self.dense.reserve(rowids.saturating_sub(self.dense.len()));
    }

    /// The array's slot for `rowid`, grown when the row id is within reach.
    fn slot(&mut self, rowid: i64) -> Option<&mut u32> {
        let i = usize::try_from(rowid).ok()?;
        // Within twice what the array holds (and the first million): row ids in sequence.
        if i >= self.dense.len() && i < (2 * self.dense.len()).max(1 << 20) {
            self.dense.resize(i + 1, ABSENT);
        }
        self.dense.get_mut(i)
    }

    /// Record `position` for `rowid`.
    pub fn insert(&mut self, rowid: i64, position: u32) {
        match self.slot(rowid) {
            Some(slot) => {
                *slot = position;
                // It may have been kept in the map before the array reached it.
                if !self.sparse.is_empty() {
                    self.sparse.remove(&rowid);
                }
            }
            None => {
                self.sparse.insert(rowid, position);
            }
        }
    }

    /// Forget `rowid`.
    pub fn remove(&mut self, rowid: i64) {
        if let Some(slot) = usize::try_from(rowid).ok().and_then(|i| self.dense.get_mut(i)) {
            *slot = ABSENT;
        }
        self.sparse.remove(&rowid);
    }

    /// The position of `rowid`.
    #[must_use]
    pub fn get(&self, rowid: i64) -> Option<u32> {
        match usize::try_from(rowid).ok().and_then(|i| self.dense.get(i)) {
            Some(&position) if position != ABSENT => Some(position),
            _ => self.sparse.get(&rowid).copied(),
        }
    }

    /// Approximate bytes held.
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        self.dense.capacity() * 4 + self.sparse.capacity() * 16
    }
}

/// Names stored once, referred to by number.
#[derive(Debug, Default, Clone)]
pub struct Interner {
    names: Vec<Box<str>>,
    lookup: FxHashMap<Box<str>, Sym>,
}

impl Interner {
    /// The number of `name`, adding it when new.
    pub fn intern(&mut self, name: &str) -> Sym {
        if let Some(&sym) = self.lookup.get(name) {
            return sym;
        }
        // More than four billion distinct names cannot occur (actors, sides, outlets, tags).
        let sym = Sym::try_from(self.names.len()).unwrap_or(NO_SYM - 1);
        self.names.push(name.into());
        self.lookup.insert(name.into(), sym);
        sym
    }

    /// The number of `name`, if it was ever interned.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<Sym> {
        self.lookup.get(name).copied()
    }

    /// The name of `sym` (empty for [`NO_SYM`]).
    #[must_use]
    pub fn name(&self, sym: Sym) -> &str {
        self.names.get(sym as usize).map_or("", |n| n)
    }

    /// How many names.
    #[must_use]
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether no name was interned.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// Where a text lives in an [`Arena`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span {
    start: usize,
    len: u32,
}

/// Many short texts end to end in one buffer (titles, dates): no allocation per text.
#[derive(Debug, Default, Clone)]
pub struct Arena {
    text: String,
    /// Bytes no span refers to any more (replaced texts).
    garbage: usize,
}

impl Arena {
    /// Store `text`.
    pub fn push(&mut self, text: &str) -> Span {
        // A single title longer than 4 GB is cut rather than mis-indexed.
        let len = u32::try_from(text.len()).unwrap_or(u32::MAX);
        let start = self.text.len();
        self.text.push_str(text.get(..len as usize).unwrap_or(""));
        Span { start, len: u32::try_from(self.text.len() - start).unwrap_or(0) }
    }

    /// The text at `span`.
    #[must_use]
    pub fn get(&self, span: Span) -> &str {
        self.text.get(span.start..span.start + span.len as usize).unwrap_or("")
    }

    /// Note that `span` is no longer used.
    pub fn release(&mut self, span: Span) {
        self.garbage += span.len as usize;
    }

    /// Whether more than half the buffer is unused.
    #[must_use]
    pub fn is_mostly_garbage(&self) -> bool {
        self.garbage > 4096 && self.garbage * 2 > self.text.len()
    }

    /// Bytes held.
    #[must_use]
    pub fn bytes(&self) -> usize {
        self.text.capacity()
    }
}

/// A set of entry positions (the full-text hits), one bit each.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BitSet {
    words: Vec<u64>,
    count: usize,
}

impl BitSet {
    /// An empty set for positions below `len`.
    #[must_use]
    pub fn with_len(len: usize) -> Self {
        Self { words: vec![0; len.div_ceil(64)], count: 0 }
    }

    /// The positions in the set, smallest first.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.words.iter().enumerate().flat_map(|(i, &word)| {
            let base = u32::try_from(i * 64).unwrap_or(u32::MAX);
            let mut rest = word;
            std::iter::from_fn(move || {
                if rest == 0 {
                    return None;
                }
                let bit = rest.trailing_zeros();
                rest &= rest - 1;
                Some(base + bit)
            })
        })
    }

    /// Add `position`.
    pub fn insert(&mut self, position: u32) {
        let (word, bit) = (position as usize / 64, position % 64);
        if word >= self.words.len() {
            self.words.resize(word + 1, 0);
        }
        if self.words[word] & (1 << bit) == 0 {
            self.words[word] |= 1 << bit;
            self.count += 1;
        }
    }

    /// Whether `position` is in the set.
    #[must_use]
    pub fn contains(&self, position: u32) -> bool {
        self.words.get(position as usize / 64).is_some_and(|w| w & (1 << (position % 64)) != 0)
    }

    /// How many positions.
    #[must_use]
    pub fn len(&self) -> usize {
        self.count
    }

    /// Whether the set is empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interned_names_come_back_and_repeat_numbers() {
        let mut names = Interner::default();
        let haftar = names.intern("haftar");
        let gna = names.intern("gna");
        assert_eq!(names.intern("haftar"), haftar);
        assert_ne!(haftar, gna);
        assert_eq!(names.name(gna), "gna");
        assert_eq!(names.get("sisi"), None);
        assert_eq!(names.name(NO_SYM), "");
    }

    #[test]
    fn arena_keeps_arabic_titles_intact() {
        let mut arena = Arena::default();
        let a = arena.push("ميليشيا حفتر تقصف طرابلس");
        let b = arena.push("GNA forces advance");
        assert_eq!(arena.get(a), "ميليشيا حفتر تقصف طرابلس");
        assert_eq!(arena.get(b), "GNA forces advance");
    }

    #[test]
    fn bitset_counts_each_position_once() {
        let mut set = BitSet::default();
        set.insert(3);
        set.insert(3);
        set.insert(200);
        assert_eq!(set.len(), 2);
        assert!(set.contains(200) && set.contains(3) && !set.contains(4) && !set.contains(10_000));
        assert_eq!(set.iter().collect::<Vec<_>>(), [3, 200]);
        let mut full = BitSet::with_len(130);
        (0..130).for_each(|p| full.insert(p));
        assert_eq!(full.iter().count(), 130);
        assert_eq!(full.iter().last(), Some(129));
    }

    #[test]
    fn row_ids_map_to_positions_in_sequence_far_apart_and_after_removal() {
        let mut map = RowidMap::default();
        map.insert(5_000_000, 7);
        for rowid in 1..=3_000_000 {
            map.insert(rowid, u32::try_from(rowid).unwrap_or(0) + 10);
        }
        map.insert(-4, 1);
        assert_eq!(map.get(5_000_000), Some(7), "kept apart before the array reached it");
        assert_eq!(map.get(2_999_999), Some(3_000_009));
        assert_eq!(map.get(-4), Some(1));
        assert_eq!(map.get(0), None);
        map.insert(5_000_000, 8);
        assert_eq!(map.get(5_000_000), Some(8), "moved, not duplicated");
        map.remove(5_000_000);
        map.remove(12);
        assert_eq!((map.get(5_000_000), map.get(12), map.get(13)), (None, None, Some(23)));
    }
}
