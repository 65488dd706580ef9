//! The window's in-memory index: every article's compact row, the rows the filter keeps in the
//! chosen order, and the outlets and counts the filter menus show. Updated from engine events;
//! re-filtered only when the rows or the filter change.

use std::collections::{BTreeMap, HashMap};

use super::settings::SortBy;
use crate::query::Filter;
use crate::store::IndexRow;

/// Rows, filter result and derived lists.
#[derive(Default)]
pub struct Library {
    rows: Vec<IndexRow>,
    position: HashMap<String, usize>,
    shown: Vec<usize>,
    dirty: bool,
    generation: u64,
    /// Bumped whenever rows are added, changed or removed.
    row_generation: u64,
    hits: Option<std::collections::HashSet<String>>,
    filter: Filter,
    sort: SortBy,
    outlets: BTreeMap<String, usize>,
}

impl Library {
    /// Replace everything (the stored index at start).
    pub fn load(&mut self, rows: Vec<IndexRow>) {
        self.rows = rows;
        self.reindex();
    }

    fn reindex(&mut self) {
        self.position = self.rows.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
        self.outlets.clear();
        for row in &self.rows {
            *self.outlets.entry(row.source.clone()).or_default() += 1;
        }
        self.dirty = true;
        self.row_generation += 1;
    }

    /// Add or update rows (incrementally: a scan sends many small batches).
    pub fn upsert(&mut self, rows: Vec<IndexRow>) {
        for row in rows {
            *self.outlets.entry(row.source.clone()).or_default() += 1;
            match self.position.get(&row.id) {
                Some(&i) => {
                    let old = std::mem::replace(&mut self.rows[i], row);
                    if let Some(count) = self.outlets.get_mut(&old.source) {
                        *count -= 1;
                        if *count == 0 {
                            self.outlets.remove(&old.source);
                        }
                    }
                }
                None => {
                    self.position.insert(row.id.clone(), self.rows.len());
                    self.rows.push(row);
                }
            }
        }
        self.dirty = true;
        self.row_generation += 1;
    }

    /// The ids the full-text search gives for the filter's text (`None` when there is no text).
    pub fn set_hits(&mut self, hits: Option<std::collections::HashSet<String>>) {
        self.hits = hits;
        self.dirty = true;
    }

    /// Changes whenever rows are added, changed or removed.
    #[must_use]
    pub fn row_generation(&self) -> u64 {
        self.row_generation
    }

    /// Remove rows by id.
    pub fn remove(&mut self, ids: &[String]) {
        self.rows.retain(|r| !ids.contains(&r.id));
        self.reindex();
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
        let mut shown = self.filter.apply(&self.rows, self.hits.as_ref());
        let rows = &self.rows;
        match self.sort {
            SortBy::DateDescending => shown.sort_by(|&a, &b| {
                rows[b].day.cmp(&rows[a].day).then_with(|| rows[b].published.cmp(&rows[a].published))
            }),
            SortBy::DateAscending => shown.sort_by(|&a, &b| {
                rows[a].day.cmp(&rows[b].day).then_with(|| rows[a].published.cmp(&rows[b].published))
            }),
            SortBy::Outlet => {
                shown.sort_by(|&a, &b| rows[a].source.cmp(&rows[b].source).then_with(|| rows[b].day.cmp(&rows[a].day)))
            }
        }
        self.shown = shown;
    }

    /// Changes whenever the shown rows may have changed (for caches of derived views).
    #[must_use]
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// Every row.
    #[must_use]
    pub fn rows(&self) -> &[IndexRow] {
        &self.rows
    }

    /// Indexes (into [`Library::rows`]) of the rows shown, in order.
    #[must_use]
    pub fn shown(&self) -> &[usize] {
        &self.shown
    }

    /// Outlets with their article counts.
    #[must_use]
    pub fn outlets(&self) -> &BTreeMap<String, usize> {
        &self.outlets
    }

    /// Position of `id` among the shown rows.
    #[must_use]
    pub fn shown_position(&self, id: &str) -> Option<usize> {
        let index = *self.position.get(id)?;
        self.shown.iter().position(|&i| i == index)
    }
}
