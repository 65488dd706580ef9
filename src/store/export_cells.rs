//! The `article_export` table: per article, what an export needs besides the in-memory index —
//! the first file (smallest path) and each actor's display name and evidence line — in one row
//! keyed by the article's row id. An export of a million articles makes one lookup per article
//! instead of a range scan over six million article × actor rows plus a scan of every file.

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use crate::analysis::ActorFraming;

/// One actor's export cells, as packed (postcard) in `article_export.actors`.
#[derive(Debug, Clone, Copy, Serialize)]
struct ExportActor<'a> {
    actor_id: &'a str,
    name: &'a str,
    evidence: &'a str,
}

/// The actors' cells, most mentioned first (the order of the packed index row, so an export
/// usually finds an actor at the same place).
#[must_use]
pub fn pack(actors: &[ActorFraming]) -> Vec<u8> {
    let summaries: Vec<String> = actors.iter().map(ActorFraming::evidence_summary).collect();
    let mut packed: Vec<(usize, ExportActor<'_>)> = actors
        .iter()
        .zip(&summaries)
        .map(|(a, evidence)| (a.mentions, ExportActor { actor_id: &a.id, name: &a.name, evidence }))
        .collect();
    packed.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.actor_id.cmp(b.1.actor_id)));
    let packed: Vec<ExportActor<'_>> = packed.into_iter().map(|(_, a)| a).collect();
    postcard::to_allocvec(&packed).unwrap_or_default()
}

/// [`ExportActor`] read as bytes (the same encoding), so reading millions of evidence lines does
/// not check their UTF-8 again: they go to a CSV file as they are.
#[derive(Debug, Clone, Copy, Deserialize)]
struct ExportActorBytes<'a> {
    actor_id: &'a [u8],
    name: &'a [u8],
    evidence: &'a [u8],
}

/// The packed cells of one article, read without allocating or checking: `(actor id, name,
/// evidence)` as UTF-8 bytes.
#[derive(Debug, Clone)]
pub struct ExportActors<'a> {
    rest: &'a [u8],
    left: usize,
}

impl<'a> ExportActors<'a> {
    /// Read `bytes` as written by [`pack`]; anything unreadable reads as no actors.
    #[must_use]
    pub fn new(bytes: &'a [u8]) -> Self {
        match postcard::take_from_bytes::<usize>(bytes) {
            Ok((left, rest)) => Self { rest, left },
            Err(_) => Self { rest: &[], left: 0 },
        }
    }
}

impl<'a> Iterator for ExportActors<'a> {
    type Item = (&'a [u8], &'a [u8], &'a [u8]);

    fn next(&mut self) -> Option<Self::Item> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let (actor, rest) = postcard::take_from_bytes::<ExportActorBytes<'a>>(self.rest).ok()?;
        self.rest = rest;
        Some((actor.actor_id, actor.name, actor.evidence))
    }
}

/// Write (or replace) an article's export row. `path` is the file being recorded: the row keeps
/// the smallest of it and the files already holding the article.
pub fn write(connection: &Connection, rowid: i64, article_id: &str, path: &str, actors: &[u8]) -> rusqlite::Result<()> {
    connection
        .prepare_cached(
            "INSERT OR REPLACE INTO article_export (article_rowid, path, actors)
             VALUES (?1, MIN(?3, COALESCE((SELECT MIN(path) FROM files WHERE article_id = ?2), ?3)), ?4)",
        )?
        .execute(params![rowid, article_id, path, actors])?;
    Ok(())
}

/// Recompute an article's first file after files holding it were forgotten or replaced.
pub fn refresh_path(connection: &Connection, article_id: &str) -> rusqlite::Result<()> {
    connection
        .prepare_cached(
            "UPDATE article_export SET path = COALESCE((SELECT MIN(path) FROM files WHERE article_id = ?1), '')
             WHERE article_rowid = (SELECT rowid FROM articles WHERE id = ?1)",
        )?
        .execute(params![article_id])?;
    Ok(())
}

/// Forget an article's export row.
pub fn delete(connection: &Connection, article_id: &str) -> rusqlite::Result<()> {
    connection
        .prepare_cached("DELETE FROM article_export WHERE article_rowid = (SELECT rowid FROM articles WHERE id = ?1)")?
        .execute(params![article_id])?;
    Ok(())
}

/// Call `each(i, path, packed actors)` for every `rowids[i]`, in the given order (give them
/// sorted and the lookups walk the table front to back); an article the store does not hold
/// has an empty path and no actors. The path is the stored UTF-8, unchecked.
pub fn each(
    connection: &Connection,
    rowids: &[i64],
    mut each: impl FnMut(usize, &[u8], &[u8]),
) -> rusqlite::Result<()> {
    let mut statement =
        connection.prepare_cached("SELECT path, actors FROM article_export WHERE article_rowid = ?1")?;
    for (i, &rowid) in rowids.iter().enumerate() {
        let mut rows = statement.query(params![rowid])?;
        match rows.next()? {
            Some(row) => each(i, row.get_ref(0)?.as_bytes().unwrap_or(&[]), row.get_ref(1)?.as_bytes().unwrap_or(&[])),
            None => each(i, &[], &[]),
        }
    }
    Ok(())
}

/// Version 7: fill `article_export` from the stores's files and its article × actor rows (which
/// it replaces).
pub fn fill_existing(connection: &Connection) -> rusqlite::Result<()> {
    let empty = postcard::to_allocvec::<[ExportActor<'_>]>(&[]).unwrap_or_default();
    connection.execute(
        "INSERT OR REPLACE INTO article_export (article_rowid, path, actors)
         SELECT a.rowid, COALESCE((SELECT MIN(path) FROM files f WHERE f.article_id = a.id), ''), ?1 FROM articles a",
        params![empty],
    )?;
    let mut select = connection.prepare(
        "SELECT article_rowid, actor_id, name, evidence FROM article_actors
         ORDER BY article_rowid, mentions DESC, actor_id",
    )?;
    let mut update = connection.prepare("UPDATE article_export SET actors = ?2 WHERE article_rowid = ?1")?;
    let mut rows = select.query([])?;
    let mut current: Option<i64> = None;
    let mut actors: Vec<(String, String, String)> = Vec::new();
    let mut flush = |rowid: Option<i64>, actors: &mut Vec<(String, String, String)>| -> rusqlite::Result<()> {
        if let Some(rowid) = rowid {
            let packed: Vec<ExportActor<'_>> =
                actors.iter().map(|(actor_id, name, evidence)| ExportActor { actor_id, name, evidence }).collect();
            update.execute(params![rowid, postcard::to_allocvec(&packed).unwrap_or_default()])?;
        }
        actors.clear();
        Ok(())
    };
    while let Some(r) = rows.next()? {
        let rowid: i64 = r.get(0)?;
        if current != Some(rowid) {
            flush(current, &mut actors)?;
            current = Some(rowid);
        }
        actors.push((r.get(1)?, r.get(2)?, r.get(3)?));
    }
    flush(current, &mut actors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_cells_read_back_most_mentioned_first() {
        let actor = |id: &str, name: &str, mentions| ActorFraming {
            id: id.into(),
            name: name.into(),
            side: None,
            mentions,
            stance: crate::analysis::StanceLabel::Neutral,
            origin: crate::analysis::Origin::Auto,
            note: None,
            auto_stance: None,
            score: 0.0,
            confidence: 0.0,
            quoted_stance: crate::analysis::StanceLabel::Neutral,
            quoted_score: 0.0,
            performance: 0.0,
            quoted_mentions: 0,
            conflict: None,
            evidence: Vec::new(),
        };
        let packed = pack(&[actor("lna", "الجيش الوطني", 1), actor("haftar", "حفتر", 4), actor("gna", "الوفاق", 4)]);
        let back: Vec<(&[u8], &[u8], &[u8])> = ExportActors::new(&packed).collect();
        let expected: [(&str, &str, &str); 3] =
            [("gna", "الوفاق", ""), ("haftar", "حفتر", ""), ("lna", "الجيش الوطني", "")];
        let expected: Vec<(&[u8], &[u8], &[u8])> =
            expected.iter().map(|(a, n, e)| (a.as_bytes(), n.as_bytes(), e.as_bytes())).collect();
        assert_eq!(back, expected);
        assert_eq!(ExportActors::new(&[]).count(), 0);
        assert_eq!(ExportActors::new(&packed[..packed.len() - 3]).count(), 2, "a cut blob reads what it can");
    }
}
