//! The window's view of the in-memory index: the articles the filter keeps in the chosen order.
//! Updated from engine events; re-filtered only when the articles, the hits or the filter change.

use std::sync::Arc;

use super::settings::SortBy;
use crate::query::{ArticleIndex, BitSet, Filter};
use crate::store::IndexRow;

/// The index, the filter's result and the full-text hits.
#[derive(Default)]
pub struct Library {
    /// Shared with an export running on its own thread.
    index: Arc<ArticleIndex>,
    shown: Vec<u32>,
    /// The same articles in the index's own order (fastest to count for the timeline).
    matched: Vec<u32>,
    dirty: bool,
    generation: u64,
    /// Bumped whenever articles are added, changed or removed.
    row_generation: u64,
    /// Store row ids the full-text search gave, and their positions in the index.
    hits: Option<(Vec<i64>, BitSet, u64)>,
    filter: Filter,
    sort: SortBy,
    /// The last [`Library::shown_position`] answer, for its article and generation: the list asks
    /// every frame, and finding it is a scan of the shown articles.
    last_position: std::cell::Cell<Option<(u32, u64, Option<usize>)>>,
}

impl Library {
    /// Replace everything (the stored index at start).
    pub fn load(&mut self, index: ArticleIndex) {
        self.index = Arc::new(index);
        self.changed();
    }

    fn changed(&mut self) {
        self.dirty = true;
        self.row_generation += 1;
    }

    /// Add or update articles (incrementally: a scan sends many small batches).
    pub fn upsert(&mut self, rows: &[IndexRow]) {
        Arc::make_mut(&mut self.index).upsert(rows);
        self.changed();
    }

    /// Remove articles by id.
    pub fn remove(&mut self, ids: &[String]) {
        Arc::make_mut(&mut self.index).remove(ids);
        self.changed();
    }

    /// The row ids the full-text search gives for the filter's text (`None` when there is no
    /// text).
    pub fn set_hits(&mut self, rowids: Option<Vec<i64>>) {
        self.hits = rowids.map(|r| {
            let positions = self.index.positions_of_rowids(&r);
            (r, positions, self.row_generation)
        });
        self.dirty = true;
    }

    /// Changes whenever articles are added, changed or removed.
    #[must_use]
    pub fn row_generation(&self) -> u64 {
        self.row_generation
    }

    /// Set the filter and order; re-filters on the next [`Library::refresh`] if they changed.
    pub fn set_view(&mut self, filter: &Filter, sort: SortBy) {
        if self.filter != *filter || self.sort != sort {
            self.filter = filter.clone();
            self.sort = sort;
            self.dirty = true;
        }
    }

    /// Re-filter and re-sort if anything changed.
    pub fn refresh(&mut self) {
        if !self.dirty {
            return;
        }
        self.dirty = false;
        self.generation += 1;
        // Positions move when the index is compacted: find the hits again.
        if let Some((rowids, positions, generation)) = &mut self.hits
            && *generation != self.row_generation
        {
            *positions = self.index.positions_of_rowids(rowids);
            *generation = self.row_generation;
        }
        let index = &*self.index;
        let matched = self.filter.matching(index, self.hits.as_ref().map(|(_, positions, _)| positions));
        let mut shown = index.sorted_by_date(&matched);
        match self.sort {
            SortBy::DateAscending => {}
            SortBy::DateDescending => shown.reverse(),
            SortBy::Outlet => {
                let mut names: Vec<(&str, u32)> = (0..index.outlet_names().len())
                    .filter_map(|i| u32::try_from(i).ok())
                    .map(|sym| (index.outlet_names().name(sym), sym))
                    .collect();
                names.sort_unstable();
                let mut rank = vec![0u32; names.len()];
                for (r, (_, sym)) in names.iter().enumerate() {
                    rank[*sym as usize] = u32::try_from(r).unwrap_or(u32::MAX);
                }
                shown.reverse();
                shown.sort_by_key(|&p| rank.get(index.outlet_sym(p) as usize).copied().unwrap_or(u32::MAX));
            }
        }
        self.shown = shown;
        self.matched = matched;
    }

    /// Changes whenever the shown articles may have changed (for caches of derived views).
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Every article.
    #[must_use]
    pub fn index(&self) -> &ArticleIndex {
        &self.index
    }

    /// The index, shared (for an export on its own thread).
    #[must_use]
    pub fn shared_index(&self) -> Arc<ArticleIndex> {
        Arc::clone(&self.index)
    }

    /// Positions (in [`Library::index`]) of the articles shown, in order.
    #[must_use]
    pub fn shown(&self) -> &[u32] {
        &self.shown
    }

    /// The shown articles in the index's own order.
    #[must_use]
    pub fn matched(&self) -> &[u32] {
        &self.matched
    }

    /// Position of `id` among the shown articles.
    #[must_use]
    pub fn shown_position(&self, id: &str) -> Option<usize> {
        let position = self.index.position(id)?;
        if let Some((p, generation, found)) = self.last_position.get()
            && p == position
            && generation == self.generation
        {
            return found;
        }
        let found = self.shown.iter().position(|&p| p == position);
        self.last_position.set(Some((position, self.generation, found)));
        found
    }
}
