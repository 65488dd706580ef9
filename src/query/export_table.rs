//! The export's pipeline: a chunk of articles is read from the store and made ready on the
//! calling thread (every cell that is text from the store or the index escaped into CSV once)
//! while another thread puts the previous chunk's rows together from those pieces and writes
//! them out. Six million rows take a few seconds, most of it the two threads side by side.

use std::io::Write;

use super::Filter;
use super::csv_out::{CsvBuffer, Decimal, WRITE_AT};
use super::export::{HEADER, neutralised};
use super::filter::Resolved;
use super::index::ArticleIndex;
use crate::store::{ExportActors, Store};

/// Exports of this many articles or more read the store through a memory map.
const MAPPED_FROM: usize = 100_000;

/// Articles read from the store at a time.
const CHUNK: usize = 16_384;

/// A chunk of articles made ready on the reading thread, in one buffer: for each article the
/// cells its rows start with (date, outlet, language, title, first file) already in CSV form,
/// its id, and for each actor the filter keeps, the actor's name and evidence cells.
struct Chunk {
    text: CsvBuffer,
    articles: Vec<ArticleSpan>,
    /// `(start, name cell length, evidence cell length)` per kept actor, article after article.
    actors: Vec<(usize, usize, usize)>,
}

/// Where an article's parts are in [`Chunk::text`] and [`Chunk::actors`].
#[derive(Debug, Clone, Copy, Default)]
struct ArticleSpan {
    start: usize,
    prefix: usize,
    id: usize,
    first_actor: usize,
}

/// One article's parts, ready for its rows.
struct Ready<'c> {
    /// Cells every row starts with, each followed by a delimiter.
    prefix: &'c [u8],
    /// The last cell.
    id: &'c [u8],
    /// Each kept actor's name and evidence cells, each followed by a delimiter.
    actors: &'c [(usize, usize, usize)],
    text: &'c [u8],
}

impl Ready<'_> {
    /// The name and evidence cells of the `k`th kept actor.
    fn actor(&self, k: usize) -> (&[u8], &[u8]) {
        let part = |from: usize, len: usize| self.text.get(from..from + len).unwrap_or(b",");
        // Both threads keep the same actors, so there is one; empty cells otherwise.
        self.actors
            .get(k)
            .map_or((b",", b","), |&(start, name, evidence)| (part(start, name), part(start + name, evidence)))
    }
}

impl Chunk {
    fn new() -> Self {
        Self { text: CsvBuffer::new(WRITE_AT), articles: Vec::new(), actors: Vec::new() }
    }

    /// Read the store's cells of the articles at `positions` and escape every text cell their
    /// rows need. The store is read in row-id order, so the lookups walk its table front to back
    /// instead of jumping around a large file.
    fn read(
        &mut self,
        store: &Store,
        index: &ArticleIndex,
        resolved: &Resolved<'_>,
        positions: &[u32],
    ) -> Result<(), String> {
        let mut order: Vec<(i64, usize)> = positions.iter().enumerate().map(|(i, &p)| (index.rowid(p), i)).collect();
        order.sort_unstable();
        let rowids: Vec<i64> = order.iter().map(|&(rowid, _)| rowid).collect();
        self.text.clear();
        self.articles.clear();
        self.articles.resize(positions.len(), ArticleSpan::default());
        self.actors.clear();
        let mut id = String::new();
        store
            .export_cells(&rowids, |k, path, stored| {
                let Some((&(_, i), &p)) = order.get(k).and_then(|o| Some((o, positions.get(o.1)?))) else { return };
                let text = &mut self.text;
                let start = text.written();
                text.cell(index.published(p).as_bytes());
                text.cell(&neutralised(index.outlet(p).as_bytes()));
                text.plain_cell(index.language(p).code());
                text.cell(&neutralised(index.title(p).as_bytes()));
                text.cell(&neutralised(path));
                let prefix = text.written() - start;
                index.id_into(p, &mut id);
                text.raw(id.as_bytes());
                let first_actor = self.actors.len();
                // Packed in the index's order: usually the next one, else a search.
                let mut packed = ExportActors::new(stored);
                for cell in index.cells_of(p).iter().filter(|c| resolved.keeps(c)) {
                    let actor_id = index.actor_names().name(cell.actor).as_bytes();
                    let found = packed
                        .next()
                        .filter(|(id, _, _)| *id == actor_id)
                        .or_else(|| ExportActors::new(stored).find(|(id, _, _)| *id == actor_id));
                    let (name, evidence) = found.map_or((actor_id, &[][..]), |(_, name, evidence)| {
                        (if name.is_empty() { actor_id } else { name }, evidence)
                    });
                    let at = text.written();
                    text.cell(&neutralised(name));
                    let name = text.written() - at;
                    text.cell(&neutralised(evidence));
                    self.actors.push((at, name, text.written() - at - name));
                }
                if let Some(span) = self.articles.get_mut(i) {
                    *span = ArticleSpan { start, prefix, id: id.len(), first_actor };
                }
            })
            .map_err(|e| e.to_string())
    }

    /// The parts of the `i`th article.
    fn get(&self, i: usize) -> Ready<'_> {
        let span = self.articles.get(i).copied().unwrap_or_default();
        let text = self.text.filled();
        let part = |from: usize, len: usize| text.get(from..from + len).unwrap_or(&[]);
        Ready {
            prefix: part(span.start, span.prefix),
            id: part(span.start + span.prefix, span.id),
            actors: self.actors.get(span.first_actor..).unwrap_or(&[]),
            text,
        }
    }
}

/// Puts rows together from the parts the reading thread made ready.
struct RowWriter<'a> {
    index: &'a ArticleIndex,
    resolved: &'a Resolved<'a>,
    /// Each actor's id and each side's name as a cell with its delimiter, by symbol.
    actor_cells: Vec<Vec<u8>>,
    side_cells: Vec<Vec<u8>>,
    out: CsvBuffer,
}

/// The cell of a symbol (an empty cell for none).
fn symbol_cell(cells: &[Vec<u8>], sym: u32) -> &[u8] {
    cells.get(sym as usize).map_or(b",", Vec::as_slice)
}

/// Every name of an interner as a CSV cell with its delimiter, by symbol.
fn escaped_names(names: &super::Interner) -> Vec<Vec<u8>> {
    (0..names.len())
        .map(|sym| {
            let mut cell = CsvBuffer::new(64);
            cell.cell(names.name(u32::try_from(sym).unwrap_or(super::NO_SYM)).as_bytes());
            cell.filled().to_vec()
        })
        .collect()
}

impl<'a> RowWriter<'a> {
    fn new(index: &'a ArticleIndex, resolved: &'a Resolved<'a>) -> Self {
        Self {
            index,
            resolved,
            actor_cells: escaped_names(index.actor_names()),
            side_cells: escaped_names(index.side_names()),
            out: CsvBuffer::new(WRITE_AT + WRITE_AT / 4),
        }
    }

    /// The rows of the article at `p`: one per actor the filter keeps, or one without an actor.
    /// Returns how many.
    fn article(&mut self, p: u32, ready: &Ready<'_>) -> usize {
        let index = self.index;
        let voice = self.resolved.filter().voice.as_str();
        let out = &mut self.out;
        let mut count = 0;
        let kept = index.cells_of(p).iter().zip(index.numbers_of(p)).filter(|(c, _)| self.resolved.keeps(c));
        for (k, (cell, numbers)) in kept.enumerate() {
            let (name, evidence) = ready.actor(k);
            out.raw(ready.prefix);
            out.raw(symbol_cell(&self.actor_cells, cell.actor));
            out.raw(name);
            out.raw(symbol_cell(&self.side_cells, cell.side));
            out.plain_cell(cell.stance.as_str());
            out.plain_cell(cell.origin.as_str());
            match index.note(p, cell.actor) {
                Some(note) => out.cell(&neutralised(note.as_bytes())),
                None => out.plain_cell(""),
            }
            out.plain_cell(Decimal::new(numbers.score));
            out.plain_cell(Decimal::new(numbers.confidence));
            out.plain_cell(voice);
            out.plain_cell(cell.quoted_stance.as_str());
            out.plain_cell(Decimal::new(numbers.quoted_score));
            out.raw(evidence);
            out.last_cell(ready.id);
            count += 1;
        }
        if count == 0 {
            out.raw(ready.prefix);
            (0..8).for_each(|_| out.plain_cell(""));
            out.plain_cell(voice);
            (0..3).for_each(|_| out.plain_cell(""));
            out.last_cell(ready.id);
            count = 1;
        }
        count
    }
}

/// Write the CSV header and the rows of the articles at `selected` (in that order) under
/// `filter` to `out`: one row per article × actor the filter is about, or one row for an
/// article with none. Returns the number of rows. The store is read on one snapshot.
///
/// # Errors
/// Store errors while reading files and evidence, or `out`'s.
pub fn write_table(
    store: &Store,
    index: &ArticleIndex,
    selected: &[u32],
    filter: &Filter,
    out: &mut (impl Write + Send),
) -> Result<usize, String> {
    let resolved = filter.resolve(index);
    store.snapshot(selected.len() >= MAPPED_FROM, |store| {
        std::thread::scope(|scope| {
            let (full, filled) = std::sync::mpsc::sync_channel::<(&[u32], Chunk)>(1);
            let (empty, emptied) = std::sync::mpsc::channel::<Chunk>();
            let resolved = &resolved;
            let writer = scope.spawn(move || -> Result<usize, String> {
                let mut rows = RowWriter::new(index, resolved);
                let fail = |e: std::io::Error| e.to_string();
                HEADER.split_last().into_iter().for_each(|(last, rest)| {
                    rest.iter().for_each(|h| rows.out.plain_cell(h));
                    rows.out.last_cell(last.as_bytes());
                });
                let mut count = 0;
                for (chunk, ready) in filled {
                    for (i, &p) in chunk.iter().enumerate() {
                        count += rows.article(p, &ready.get(i));
                        rows.out.write_when_full(out).map_err(fail)?;
                    }
                    // The reader may have stopped: the buffer is then simply dropped.
                    let _ = empty.send(ready);
                }
                rows.out.write_out(out).map_err(fail)?;
                out.flush().map_err(fail)?;
                Ok(count)
            });
            let read = selected.chunks(CHUNK).try_for_each(|chunk| {
                let mut ready = emptied.try_recv().unwrap_or_else(|_| Chunk::new());
                ready.read(store, index, resolved, chunk)?;
                // A closed channel means the writer stopped: its error is reported below.
                full.send((chunk, ready)).or(Ok(()))
            });
            drop(full);
            let written = writer.join().unwrap_or_else(|_| Err("the export writer stopped".to_string()));
            read.and(written)
        })
    })
}
