//! The compact in-memory index the timeline, the list, the filters and exports work on.
//!
//! One fixed-size entry per article, kept in date order; repeated names (actors, sides, outlets,
//! tags) interned to numbers; titles and dates end to end in one text arena; every article's
//! actors in one flat array. A million articles fit in a few hundred megabytes and a filter pass
//! is a linear scan over plain data. Entries are updated in batches ([`ArticleIndex::upsert`],
//! [`ArticleIndex::remove`]), after which the date order is restored.

use rustc_hash::FxHashMap;

use super::columns::{Arena, BitSet, Interner, NO_SYM, RowidMap, Span, Sym};
use crate::analysis::{Origin, StanceLabel};
use crate::store::{ActorStance, IndexRow};
use crate::text::Language;

/// One actor's stance in one article: what filters and the timeline read (12 bytes, so a scan
/// of six million cells stays fast).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActorCell {
    /// Interned actor id.
    pub actor: Sym,
    /// Interned side id, or [`NO_SYM`].
    pub side: Sym,
    /// Outlet-voice stance (the analyst's when corrected).
    pub stance: StanceLabel,
    /// The computed outlet-voice stance.
    pub auto_stance: StanceLabel,
    /// Stance of quoted sources.
    pub quoted_stance: StanceLabel,
    /// `auto` or `human`.
    pub origin: Origin,
}

/// The numbers of an [`ActorCell`] (read by exports and the list of rows, not by filters).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct CellNumbers {
    /// Mentions.
    pub mentions: u32,
    /// Outlet-voice score.
    pub score: f32,
    /// Confidence.
    pub confidence: f32,
    /// Score of quoted sources.
    pub quoted_score: f32,
}

const REVIEWED: u8 = 1;
const STARRED: u8 = 2;
const LIVE: u8 = 4;

#[derive(Debug, Clone, Copy)]
struct Entry {
    key: u128,
    rowid: i64,
    /// Sort key: seconds since 1970 of the publication time (`i64::MIN` when undated).
    when: i64,
    outlet: Sym,
    title: Span,
    published: Span,
    cells: u32,
    cell_count: u16,
    language: Language,
    flags: u8,
}

/// An article as the store lists it at start-up (borrowed from the row being read).
#[derive(Debug, Clone, Copy)]
pub struct RowParts<'a> {
    /// Content hash.
    pub id: &'a str,
    /// The store's row id (the full-text index is keyed by it).
    pub rowid: i64,
    /// Headline.
    pub title: &'a str,
    /// ISO 8601 publication date.
    pub published: Option<&'a str>,
    /// Days since 1970.
    pub day: Option<i32>,
    /// Outlet.
    pub source: &'a str,
    /// Language.
    pub language: Language,
}

/// The positions of the live entries, oldest first (ties in position order).
fn date_order(entries: &[Entry]) -> Vec<u32> {
    use rayon::slice::ParallelSliceMut;
    let mut keyed: Vec<(i64, u32)> = entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.flags & LIVE != 0)
        .map(|(p, e)| (e.when, u32::try_from(p).unwrap_or(u32::MAX)))
        .collect();
    keyed.par_sort_unstable();
    keyed.iter().map(|&(_, p)| p).collect()
}

/// One computed actor stance as the store lists it at start-up.
#[derive(Debug, Clone, Copy)]
pub struct ActorParts<'a> {
    /// Actor id.
    pub actor_id: &'a str,
    /// Side id.
    pub side: Option<&'a str>,
    /// Mentions.
    pub mentions: u32,
    /// Outlet-voice stance.
    pub stance: StanceLabel,
    /// Outlet-voice score.
    pub score: f32,
    /// Confidence.
    pub confidence: f32,
    /// Stance of quoted sources.
    pub quoted_stance: StanceLabel,
    /// Score of quoted sources.
    pub quoted_score: f32,
}

/// The in-memory index of every article.
#[derive(Debug, Default, Clone)]
pub struct ArticleIndex {
    entries: Vec<Entry>,
    /// Per entry: days since 1970 (`i32::MIN` when undated). Kept apart from the entries, with
    /// the next column, so the timeline counts a million articles reading only these.
    days: Vec<i32>,
    /// Per entry: the side of the first actor that has one ([`NO_SYM`] when none).
    first_sides: Vec<Sym>,
    cells: Vec<ActorCell>,
    /// Parallel to `cells`.
    numbers: Vec<CellNumbers>,
    text: Arena,
    actors: Interner,
    sides: Interner,
    outlets: Interner,
    tag_names: Interner,
    tags: FxHashMap<u32, Vec<Sym>>,
    notes: FxHashMap<(u32, Sym), Box<str>>,
    by_key: FxHashMap<u128, u32>,
    by_rowid: RowidMap,
    /// Ids that are not 32 hex digits (stores written by hand or by old versions), by key.
    foreign_ids: FxHashMap<u128, Box<str>>,
    /// Positions of live entries, oldest first.
    order: Vec<u32>,
    /// Each position's place in `order` (`u32::MAX` for a removed entry).
    rank: Vec<u32>,
    live: usize,
    dead_cells: usize,
}

/// The 128-bit content hash of an id (ids are 32 hex digits; anything else is hashed).
fn key_of(id: &str) -> u128 {
    if id.len() == 32
        && let Ok(key) = u128::from_str_radix(id, 16)
    {
        return key;
    }
    let hash = blake3::hash(id.as_bytes());
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&hash.as_bytes()[..16]);
    u128::from_be_bytes(bytes)
}

/// Counts per interned name, by name, leaving out the names counted zero times.
fn named_counts(names: &Interner, counts: Vec<usize>) -> impl Iterator<Item = (String, usize)> + '_ {
    counts
        .into_iter()
        .enumerate()
        .filter(|(_, c)| *c > 0)
        .map(|(sym, c)| (names.name(Sym::try_from(sym).unwrap_or(NO_SYM)).to_string(), c))
}

/// The side of the first cell that has one.
fn side_of_first(cells: &[ActorCell]) -> Sym {
    cells.iter().find(|c| c.side != NO_SYM).map_or(NO_SYM, |c| c.side)
}

/// Seconds since 1970 for sorting: the day, plus the time of day when the ISO date has one.
fn when_of(day: Option<i32>, published: Option<&str>) -> i64 {
    let Some(day) = day else { return i64::MIN };
    let seconds = published
        .and_then(|p| p.get(11..19))
        .and_then(|t| {
            let mut parts = t.split(':').map(|x| x.parse::<i64>().ok());
            Some(parts.next()?? * 3600 + parts.next()?? * 60 + parts.next()??)
        })
        .unwrap_or(0);
    i64::from(day) * 86_400 + seconds
}

impl ArticleIndex {
    /// Add an article while loading (call [`ArticleIndex::finish_loading`] after the last).
    /// Stances are the computed ones; corrections and marks come with [`ArticleIndex::upsert`].
    pub fn push_loaded<'a>(&mut self, row: RowParts<'_>, actors: impl IntoIterator<Item = ActorParts<'a>>) {
        let key = self.key(row.id);
        let start = self.cells.len();
        for a in actors {
            self.cells.push(ActorCell {
                actor: self.actors.intern(a.actor_id),
                side: a.side.map_or(NO_SYM, |s| self.sides.intern(s)),
                stance: a.stance,
                auto_stance: a.stance,
                quoted_stance: a.quoted_stance,
                origin: Origin::Auto,
            });
            self.numbers.push(CellNumbers {
                mentions: a.mentions,
                score: a.score,
                confidence: a.confidence,
                quoted_score: a.quoted_score,
            });
        }
        let entry = Entry {
            key,
            rowid: row.rowid,
            when: when_of(row.day, row.published),
            outlet: self.outlets.intern(row.source),
            title: self.text.push(row.title),
            published: self.text.push(row.published.unwrap_or("")),
            cells: u32::try_from(start).unwrap_or(u32::MAX),
            cell_count: u16::try_from(self.cells.len() - start).unwrap_or(u16::MAX),
            language: row.language,
            flags: LIVE,
        };
        self.entries.push(entry);
        self.days.push(row.day.unwrap_or(i32::MIN));
        self.first_sides.push(side_of_first(&self.cells[start..]));
    }

    /// Make room for about `articles` articles before loading them.
    pub fn reserve(&mut self, articles: usize) {
        self.entries.reserve(articles);
        self.days.reserve(articles);
        self.first_sides.reserve(articles);
        self.cells.reserve(articles * 6);
        self.numbers.reserve(articles * 6);
    }

    /// Build the lookups and the date order of the loaded entries.
    pub fn finish_loading(&mut self) {
        let entries = &self.entries;
        // The lookups on one core while the date order is sorted on the other.
        let ((by_key, by_rowid), order) = rayon::join(
            || {
                let mut by_key = FxHashMap::with_capacity_and_hasher(entries.len(), Default::default());
                let mut by_rowid = RowidMap::default();
                by_rowid.reserve(entries.len());
                for (position, entry) in entries.iter().enumerate() {
                    let position = u32::try_from(position).unwrap_or(u32::MAX);
                    by_key.insert(entry.key, position);
                    by_rowid.insert(entry.rowid, position);
                }
                (by_key, by_rowid)
            },
            || date_order(entries),
        );
        (self.by_key, self.by_rowid, self.order) = (by_key, by_rowid, order);
        self.live = self.entries.len();
        self.rank_order();
    }

    /// Rewrite every live entry, in the same order, with no space left between cells and texts.
    fn compact(&mut self) {
        let live: Vec<u32> = (0..self.entries.len())
            .filter(|&i| self.entries[i].flags & LIVE != 0)
            .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
            .collect();
        let mut fresh = Self {
            actors: std::mem::take(&mut self.actors),
            sides: std::mem::take(&mut self.sides),
            outlets: std::mem::take(&mut self.outlets),
            tag_names: std::mem::take(&mut self.tag_names),
            foreign_ids: std::mem::take(&mut self.foreign_ids),
            ..Self::default()
        };
        fresh.entries.reserve(live.len());
        fresh.cells.reserve(self.cells.len() - self.dead_cells);
        fresh.numbers.reserve(self.cells.len() - self.dead_cells);
        fresh.by_key.reserve(live.len());
        for (new, &old) in live.iter().enumerate() {
            let new = u32::try_from(new).unwrap_or(u32::MAX);
            let mut entry = self.entries[old as usize];
            let start = entry.cells as usize;
            let range = start..start + usize::from(entry.cell_count);
            let cells = self.cells.get(range.clone()).unwrap_or(&[]);
            entry.cells = u32::try_from(fresh.cells.len()).unwrap_or(u32::MAX);
            fresh.cells.extend_from_slice(cells);
            fresh.numbers.extend_from_slice(self.numbers.get(range).unwrap_or(&[]));
            entry.title = fresh.text.push(self.text.get(entry.title));
            entry.published = fresh.text.push(self.text.get(entry.published));
            fresh.by_key.insert(entry.key, new);
            fresh.by_rowid.insert(entry.rowid, new);
            if let Some(tags) = self.tags.remove(&old) {
                fresh.tags.insert(new, tags);
            }
            for cell in cells {
                if let Some(note) = self.notes.remove(&(old, cell.actor)) {
                    fresh.notes.insert((new, cell.actor), note);
                }
            }
            fresh.entries.push(entry);
            fresh.days.push(self.days[old as usize]);
            fresh.first_sides.push(self.first_sides[old as usize]);
        }
        fresh.live = fresh.entries.len();
        *self = fresh;
        self.sort_by_date();
    }

    /// Put the entries at `changed` (added, dated anew or removed) in their place in the date
    /// order — compacting instead when most of the space is garbage. The rest of the order is
    /// kept: only the changed entries are sorted, then merged in, so an ingest batch in a
    /// million-article window costs one linear pass, not a full sort.
    fn reorder(&mut self, changed: &[u32]) {
        if self.text.is_mostly_garbage() || (self.dead_cells > 4096 && self.dead_cells * 2 > self.cells.len()) {
            self.compact();
            return;
        }
        if changed.is_empty() {
            return;
        }
        let mut moving = BitSet::with_len(self.entries.len());
        changed.iter().for_each(|&p| moving.insert(p));
        let key = |p: u32| (self.entries[p as usize].when, p);
        let mut incoming: Vec<u32> = changed.iter().copied().filter(|&p| self.is_live(p)).collect();
        incoming.sort_unstable_by_key(|&p| key(p));
        incoming.dedup();
        let mut merged = Vec::with_capacity(self.order.len() + incoming.len());
        let mut incoming = incoming.into_iter().peekable();
        for p in self.order.iter().copied().filter(|&p| !moving.contains(p)) {
            while let Some(next) = incoming.next_if(|&q| key(q) < key(p)) {
                merged.push(next);
            }
            merged.push(p);
        }
        merged.extend(incoming);
        self.order = merged;
        self.rank_order();
    }

    fn sort_by_date(&mut self) {
        self.order = date_order(&self.entries);
        self.rank_order();
    }

    /// Each position's place in the date order.
    fn rank_order(&mut self) {
        self.rank.clear();
        self.rank.resize(self.entries.len(), u32::MAX);
        for (rank, &p) in self.order.iter().enumerate() {
            self.rank[p as usize] = u32::try_from(rank).unwrap_or(u32::MAX);
        }
    }

    /// Add or replace articles (after an ingest batch, a correction or a re-analysis).
    pub fn upsert(&mut self, rows: &[IndexRow]) {
        let changed: Vec<u32> = rows.iter().filter_map(|row| self.upsert_one(row)).collect();
        self.reorder(&changed);
    }

    /// Add or replace one article; its position when it is new or its date changed.
    fn upsert_one(&mut self, row: &IndexRow) -> Option<u32> {
        let key = self.key(&row.id);
        let start = self.cells.len();
        for a in &row.actors {
            self.cells.push(ActorCell {
                actor: self.actors.intern(&a.actor_id),
                side: a.side.as_deref().map_or(NO_SYM, |s| self.sides.intern(s)),
                stance: a.stance,
                auto_stance: a.auto_stance,
                quoted_stance: a.quoted_stance,
                origin: a.origin,
            });
            self.numbers.push(CellNumbers {
                mentions: a.mentions,
                score: a.score,
                confidence: a.confidence,
                quoted_score: a.quoted_score,
            });
        }
        let mut flags = LIVE;
        if row.reviewed {
            flags |= REVIEWED;
        }
        if row.starred {
            flags |= STARRED;
        }
        let entry = Entry {
            key,
            rowid: row.rowid,
            when: when_of(row.day, row.published.as_deref()),
            outlet: self.outlets.intern(&row.source),
            title: self.text.push(&row.title),
            published: self.text.push(row.published.as_deref().unwrap_or("")),
            cells: u32::try_from(start).unwrap_or(u32::MAX),
            cell_count: u16::try_from(self.cells.len() - start).unwrap_or(u16::MAX),
            language: row.language,
            flags,
        };
        let when = entry.when;
        let (position, moved) = match self.by_key.get(&key) {
            Some(&position) => {
                let moved = self.entries[position as usize].when != when;
                self.release(position);
                self.by_rowid.remove(self.entries[position as usize].rowid);
                self.entries[position as usize] = entry;
                self.days[position as usize] = row.day.unwrap_or(i32::MIN);
                self.first_sides[position as usize] = side_of_first(&self.cells[start..]);
                (position, moved)
            }
            None => {
                let position = u32::try_from(self.entries.len()).unwrap_or(u32::MAX);
                self.entries.push(entry);
                self.days.push(row.day.unwrap_or(i32::MIN));
                self.first_sides.push(side_of_first(&self.cells[start..]));
                self.by_key.insert(key, position);
                self.live += 1;
                (position, true)
            }
        };
        self.by_rowid.insert(row.rowid, position);
        let tags: Vec<Sym> = row.tags.iter().map(|t| self.tag_names.intern(t)).collect();
        if !tags.is_empty() {
            self.tags.insert(position, tags);
        }
        for a in &row.actors {
            if let Some(note) = a.note.as_deref().filter(|n| !n.is_empty()) {
                let actor = self.actors.intern(&a.actor_id);
                self.notes.insert((position, actor), note.into());
            }
        }
        moved.then_some(position)
    }

    /// The key of `id`, remembering an id that is not 32 hex digits.
    fn key(&mut self, id: &str) -> u128 {
        let key = key_of(id);
        let canonical = id.len() == 32 && id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
        if !canonical {
            self.foreign_ids.entry(key).or_insert_with(|| id.into());
        }
        key
    }

    /// Forget what the entry at `position` held (its texts, cells, tags and notes).
    fn release(&mut self, position: u32) {
        let entry = self.entries[position as usize];
        self.text.release(entry.title);
        self.text.release(entry.published);
        self.dead_cells += usize::from(entry.cell_count);
        self.tags.remove(&position);
        let actors: Vec<Sym> = self.cells_of(position).iter().map(|c| c.actor).collect();
        for actor in actors {
            self.notes.remove(&(position, actor));
        }
    }

    /// Remove articles by id.
    pub fn remove(&mut self, ids: &[String]) {
        let mut removed = Vec::with_capacity(ids.len());
        for id in ids {
            let Some(position) = self.by_key.remove(&key_of(id)) else { continue };
            removed.push(position);
            self.release(position);
            let entry = &mut self.entries[position as usize];
            entry.flags &= !LIVE;
            self.by_rowid.remove(entry.rowid);
            self.live -= 1;
        }
        self.reorder(&removed);
    }

    /// Number of articles.
    #[must_use]
    pub fn len(&self) -> usize {
        self.live
    }

    /// Whether there is no article.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Positions of every article, oldest first (undated ones before all).
    #[must_use]
    pub fn by_date(&self) -> &[u32] {
        &self.order
    }

    /// Every position ever used (live or removed): the range [`ArticleIndex::is_live`] checks.
    #[must_use]
    pub fn positions(&self) -> u32 {
        u32::try_from(self.entries.len()).unwrap_or(u32::MAX)
    }

    /// Whether an article is at `position`.
    #[must_use]
    pub fn is_live(&self, position: u32) -> bool {
        self.entry(position).is_some_and(|e| e.flags & LIVE != 0)
    }

    /// `positions` (in any order) sorted oldest first, in linear time.
    #[must_use]
    pub fn sorted_by_date(&self, positions: &[u32]) -> Vec<u32> {
        let mut ranks = BitSet::with_len(self.order.len());
        for &p in positions {
            if let Some(&rank) = self.rank.get(p as usize).filter(|&&r| r != u32::MAX) {
                ranks.insert(rank);
            }
        }
        ranks.iter().filter_map(|rank| self.order.get(rank as usize).copied()).collect()
    }

    /// The position of an article.
    #[must_use]
    pub fn position(&self, id: &str) -> Option<u32> {
        self.by_key.get(&key_of(id)).copied()
    }

    /// Positions of the articles with these store row ids (full-text hits).
    #[must_use]
    pub fn positions_of_rowids(&self, rowids: &[i64]) -> BitSet {
        let mut set = BitSet::default();
        for rowid in rowids {
            if let Some(p) = self.by_rowid.get(*rowid) {
                set.insert(p);
            }
        }
        set
    }

    fn entry(&self, position: u32) -> Option<&Entry> {
        self.entries.get(position as usize)
    }

    /// The content hash of the article at `position`.
    #[must_use]
    pub fn id(&self, position: u32) -> String {
        let mut id = String::new();
        self.id_into(position, &mut id);
        id
    }

    /// The content hash of the article at `position`, into `id` (no allocation once it has room).
    pub fn id_into(&self, position: u32, id: &mut String) {
        use std::fmt::Write;
        id.clear();
        if let Some(e) = self.entry(position) {
            match self.foreign_ids.get(&e.key) {
                Some(foreign) => id.push_str(foreign),
                None => {
                    let _ = write!(id, "{:032x}", e.key);
                }
            }
        }
    }

    /// The store's row id of the article at `position`.
    #[must_use]
    pub fn rowid(&self, position: u32) -> i64 {
        self.entry(position).map_or(0, |e| e.rowid)
    }

    /// Headline.
    #[must_use]
    pub fn title(&self, position: u32) -> &str {
        self.entry(position).map_or("", |e| self.text.get(e.title))
    }

    /// ISO 8601 publication date (empty when unknown).
    #[must_use]
    pub fn published(&self, position: u32) -> &str {
        self.entry(position).map_or("", |e| self.text.get(e.published))
    }

    /// Days since 1970.
    #[must_use]
    pub fn day(&self, position: u32) -> Option<i32> {
        self.days.get(position as usize).copied().filter(|&d| d != i32::MIN)
    }

    /// The side of the article's first actor that has one ([`NO_SYM`] when none).
    #[must_use]
    pub fn first_side(&self, position: u32) -> Sym {
        self.first_sides.get(position as usize).copied().unwrap_or(NO_SYM)
    }

    /// Seconds since 1970 for sorting.
    #[must_use]
    pub fn when(&self, position: u32) -> i64 {
        self.entry(position).map_or(i64::MIN, |e| e.when)
    }

    /// Interned outlet.
    #[must_use]
    pub fn outlet_sym(&self, position: u32) -> Sym {
        self.entry(position).map_or(NO_SYM, |e| e.outlet)
    }

    /// Outlet.
    #[must_use]
    pub fn outlet(&self, position: u32) -> &str {
        self.outlets.name(self.outlet_sym(position))
    }

    /// Language.
    #[must_use]
    pub fn language(&self, position: u32) -> Language {
        self.entry(position).map_or(Language::Other, |e| e.language)
    }

    /// Marked reviewed.
    #[must_use]
    pub fn reviewed(&self, position: u32) -> bool {
        self.entry(position).is_some_and(|e| e.flags & REVIEWED != 0)
    }

    /// Starred.
    #[must_use]
    pub fn starred(&self, position: u32) -> bool {
        self.entry(position).is_some_and(|e| e.flags & STARRED != 0)
    }

    /// Interned tags.
    #[must_use]
    pub fn tag_syms(&self, position: u32) -> &[Sym] {
        self.tags.get(&position).map_or(&[], Vec::as_slice)
    }

    /// The article's actors, most mentioned first.
    #[must_use]
    pub fn cells_of(&self, position: u32) -> &[ActorCell] {
        self.entry(position).map_or(&[], |e| {
            let start = e.cells as usize;
            self.cells.get(start..start + usize::from(e.cell_count)).unwrap_or(&[])
        })
    }

    /// The numbers of the article's actors, parallel to [`ArticleIndex::cells_of`].
    #[must_use]
    pub fn numbers_of(&self, position: u32) -> &[CellNumbers] {
        self.entry(position).map_or(&[], |e| {
            let start = e.cells as usize;
            self.numbers.get(start..start + usize::from(e.cell_count)).unwrap_or(&[])
        })
    }

    /// The analyst's note on an actor of the article.
    #[must_use]
    pub fn note(&self, position: u32, actor: Sym) -> Option<&str> {
        self.notes.get(&(position, actor)).map(|n| &**n)
    }

    /// Actor ids.
    #[must_use]
    pub fn actor_names(&self) -> &Interner {
        &self.actors
    }

    /// Side ids.
    #[must_use]
    pub fn side_names(&self) -> &Interner {
        &self.sides
    }

    /// Outlets.
    #[must_use]
    pub fn outlet_names(&self) -> &Interner {
        &self.outlets
    }

    /// Tags.
    #[must_use]
    pub fn tag_names(&self) -> &Interner {
        &self.tag_names
    }

    /// Articles per outlet.
    #[must_use]
    pub fn outlet_counts(&self) -> std::collections::BTreeMap<String, usize> {
        let mut counts = vec![0usize; self.outlets.len()];
        for p in (0..self.positions()).filter(|&p| self.is_live(p)) {
            if let Some(c) = counts.get_mut(self.outlet_sym(p) as usize) {
                *c += 1;
            }
        }
        named_counts(&self.outlets, counts).collect()
    }

    /// Articles per actor id.
    #[must_use]
    pub fn actor_counts(&self) -> std::collections::HashMap<String, usize> {
        let mut counts = vec![0usize; self.actors.len()];
        for p in (0..self.positions()).filter(|&p| self.is_live(p)) {
            for cell in self.cells_of(p) {
                if let Some(c) = counts.get_mut(cell.actor as usize) {
                    *c += 1;
                }
            }
        }
        named_counts(&self.actors, counts).collect()
    }

    /// One actor cell in the stored form.
    #[must_use]
    pub fn actor_stance(&self, position: u32, cell: &ActorCell, numbers: &CellNumbers) -> ActorStance {
        ActorStance {
            actor_id: self.actors.name(cell.actor).to_string(),
            side: (cell.side != NO_SYM).then(|| self.sides.name(cell.side).to_string()),
            mentions: numbers.mentions,
            stance: cell.stance,
            auto_stance: cell.auto_stance,
            origin: cell.origin,
            note: self.note(position, cell.actor).map(str::to_string),
            score: numbers.score,
            confidence: numbers.confidence,
            quoted_stance: cell.quoted_stance,
            quoted_score: numbers.quoted_score,
        }
    }

    /// The article at `position` as a full row (`path` is left empty: paths are read from the
    /// store).
    #[must_use]
    pub fn row(&self, position: u32) -> Option<IndexRow> {
        let entry = self.entry(position)?;
        Some(IndexRow {
            id: self.id(position),
            rowid: entry.rowid,
            title: self.title(position).to_string(),
            published: Some(self.published(position).to_string()).filter(|p| !p.is_empty()),
            day: self.day(position),
            source: self.outlet(position).to_string(),
            language: entry.language,
            path: String::new(),
            actors: self
                .cells_of(position)
                .iter()
                .zip(self.numbers_of(position))
                .map(|(c, n)| self.actor_stance(position, c, n))
                .collect(),
            reviewed: self.reviewed(position),
            starred: self.starred(position),
            tags: self.tag_syms(position).iter().map(|&t| self.tag_names.name(t).to_string()).collect(),
        })
    }

    /// Approximate bytes held (for the benchmark's report).
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        self.entries.capacity() * std::mem::size_of::<Entry>()
            + self.cells.capacity() * std::mem::size_of::<ActorCell>()
            + self.numbers.capacity() * std::mem::size_of::<CellNumbers>()
            + self.text.bytes()
            + self.by_key.capacity() * 32
            + self.by_rowid.heap_bytes()
    }
}
