//! The analyst's work: a stance set by hand per article × actor (with a note), review marks,
//! stars and tags. Keyed by the article's content hash, so it applies to every copy of the
//! article and survives renames, moves and the file's removal. Each change is one committed
//! transaction before the call returns.

use rusqlite::{Connection, OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::rows::{ActorStance, IndexRow};
use crate::analysis::{ActorFraming, Origin, StanceLabel};

/// A stance set by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    /// Content hash of the article.
    pub article_id: String,
    /// Actor id.
    pub actor_id: String,
    /// The analyst's stance for the outlet's own voice.
    pub stance: StanceLabel,
    /// Why.
    pub note: String,
    /// When (nanoseconds since the epoch).
    pub updated_ns: i64,
}

/// Review marks of an article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marks {
    /// Reviewed by the analyst.
    pub reviewed: bool,
    /// Starred.
    pub starred: bool,
    /// Free tags.
    pub tags: Vec<String>,
}

pub fn set_annotation(
    connection: &mut Connection,
    article_id: &str,
    actor_id: &str,
    value: Option<(StanceLabel, &str)>,
    now_ns: i64,
) -> rusqlite::Result<Option<Annotation>> {
    let tx = connection.transaction()?;
    let previous = annotation(&tx, article_id, actor_id)?;
    match value {
        Some((stance, note)) => {
            tx.execute(
                "INSERT INTO annotations (article_id, actor_id, stance, note, updated_ns) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (article_id, actor_id) DO UPDATE SET stance = ?3, note = ?4, updated_ns = ?5",
                params![article_id, actor_id, stance.as_str(), note, now_ns],
            )?;
        }
        None => {
            tx.execute(
                "DELETE FROM annotations WHERE article_id = ?1 AND actor_id = ?2",
                params![article_id, actor_id],
            )?;
        }
    }
    tx.commit()?;
    Ok(previous)
}

fn annotation(connection: &Connection, article_id: &str, actor_id: &str) -> rusqlite::Result<Option<Annotation>> {
    connection
        .query_row(
            "SELECT article_id, actor_id, stance, note, updated_ns FROM annotations WHERE article_id = ?1 AND actor_id = ?2",
            params![article_id, actor_id],
            annotation_from,
        )
        .optional()
}

fn annotation_from(r: &rusqlite::Row<'_>) -> rusqlite::Result<Annotation> {
    Ok(Annotation {
        article_id: r.get(0)?,
        actor_id: r.get(1)?,
        stance: StanceLabel::parse(&r.get::<_, String>(2)?),
        note: r.get(3)?,
        updated_ns: r.get(4)?,
    })
}

pub fn all_annotations(connection: &Connection) -> rusqlite::Result<Vec<Annotation>> {
    let mut statement = connection.prepare(
        "SELECT article_id, actor_id, stance, note, updated_ns FROM annotations ORDER BY updated_ns, article_id, actor_id",
    )?;
    statement.query_map([], annotation_from)?.collect()
}

pub fn set_marks(connection: &mut Connection, article_id: &str, marks: &Marks, now_ns: i64) -> rusqlite::Result<Marks> {
    let tx = connection.transaction()?;
    let previous = marks_of(&tx, article_id)?;
    let tags = serde_json::to_string(&marks.tags).unwrap_or_else(|_| "[]".to_string());
    tx.execute(
        "INSERT INTO article_marks (article_id, reviewed, starred, tags, updated_ns) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (article_id) DO UPDATE SET reviewed = ?2, starred = ?3, tags = ?4, updated_ns = ?5",
        params![article_id, marks.reviewed, marks.starred, tags, now_ns],
    )?;
    tx.commit()?;
    Ok(previous)
}

pub fn marks_of(connection: &Connection, article_id: &str) -> rusqlite::Result<Marks> {
    Ok(connection
        .query_row(
            "SELECT reviewed, starred, tags FROM article_marks WHERE article_id = ?1",
            params![article_id],
            |r| {
                Ok(Marks {
                    reviewed: r.get(0)?,
                    starred: r.get(1)?,
                    tags: serde_json::from_str(&r.get::<_, String>(2)?).unwrap_or_default(),
                })
            },
        )
        .optional()?
        .unwrap_or_default())
}

/// Apply corrections and marks to index rows (all of them, or the few just changed).
pub fn overlay_rows(connection: &Connection, rows: &mut [IndexRow]) -> rusqlite::Result<()> {
    if rows.is_empty() {
        return Ok(());
    }
    let position: std::collections::HashMap<String, usize> =
        rows.iter().enumerate().map(|(i, r)| (r.id.clone(), i)).collect();
    let few = rows.len() < 64;
    let annotations = if few {
        let mut all = Vec::new();
        for row in rows.iter() {
            let mut statement = connection.prepare_cached(
                "SELECT article_id, actor_id, stance, note, updated_ns FROM annotations WHERE article_id = ?1",
            )?;
            all.extend(statement.query_map(params![row.id], annotation_from)?.filter_map(Result::ok));
        }
        all
    } else {
        all_annotations(connection)?
    };
    for a in annotations {
        if let Some(&i) = position.get(&a.article_id) {
            apply_to_row(&mut rows[i], &a);
        }
    }
    for (id, marks) in all_marks(connection)? {
        if let Some(&i) = position.get(&id) {
            apply_marks(&mut rows[i], marks);
        }
    }
    Ok(())
}

/// Apply every correction and mark to the in-memory index (at start-up).
pub fn overlay_index(connection: &Connection, index: &mut crate::query::ArticleIndex) -> rusqlite::Result<()> {
    let mut changed = std::collections::BTreeMap::new();
    for a in all_annotations(connection)? {
        if let Some(row) = row_in(index, &mut changed, &a.article_id) {
            apply_to_row(row, &a);
        }
    }
    for (id, marks) in all_marks(connection)? {
        if let Some(row) = row_in(index, &mut changed, &id) {
            apply_marks(row, marks);
        }
    }
    let rows: Vec<IndexRow> = changed.into_values().collect();
    index.upsert(&rows);
    Ok(())
}

/// Every article's marks.
fn all_marks(connection: &Connection) -> rusqlite::Result<Vec<(String, Marks)>> {
    let mut statement = connection.prepare_cached("SELECT article_id, reviewed, starred, tags FROM article_marks")?;
    statement
        .query_map([], |r| {
            let tags: String = r.get(3)?;
            let marks = Marks {
                reviewed: r.get(1)?,
                starred: r.get(2)?,
                tags: serde_json::from_str(&tags).unwrap_or_default(),
            };
            Ok((r.get(0)?, marks))
        })?
        .collect()
}

fn apply_marks(row: &mut IndexRow, marks: Marks) {
    row.reviewed = marks.reviewed;
    row.starred = marks.starred;
    row.tags = marks.tags;
}

/// The row of `id`, taken from the index the first time it is asked for.
fn row_in<'m>(
    index: &crate::query::ArticleIndex,
    changed: &'m mut std::collections::BTreeMap<u32, IndexRow>,
    id: &str,
) -> Option<&'m mut IndexRow> {
    let position = index.position(id)?;
    if let std::collections::btree_map::Entry::Vacant(slot) = changed.entry(position) {
        slot.insert(index.row(position)?);
    }
    changed.get_mut(&position)
}

fn apply_to_row(row: &mut IndexRow, a: &Annotation) {
    match row.actors.iter_mut().find(|s| s.actor_id == a.actor_id) {
        Some(actor) => {
            actor.stance = a.stance;
            actor.origin = Origin::Human;
            actor.note = Some(a.note.clone()).filter(|n| !n.is_empty());
        }
        None => row.actors.push(ActorStance {
            actor_id: a.actor_id.clone(),
            side: None,
            mentions: 0,
            stance: a.stance,
            auto_stance: StanceLabel::Neutral,
            origin: Origin::Human,
            note: Some(a.note.clone()).filter(|n| !n.is_empty()),
            score: 0.0,
            confidence: 0.0,
            quoted_stance: StanceLabel::Neutral,
            quoted_score: 0.0,
        }),
    }
}

/// Apply corrections to a full analysis (the reader, `rasd list`).
pub fn overlay_framing(
    connection: &Connection,
    article_id: &str,
    actors: &mut Vec<ActorFraming>,
) -> rusqlite::Result<()> {
    let mut statement = connection.prepare_cached(
        "SELECT article_id, actor_id, stance, note, updated_ns FROM annotations WHERE article_id = ?1",
    )?;
    for a in statement.query_map(params![article_id], annotation_from)?.filter_map(Result::ok) {
        let note = Some(a.note.clone()).filter(|n| !n.is_empty());
        match actors.iter_mut().find(|f| f.id == a.actor_id) {
            Some(f) => {
                f.auto_stance = Some(f.stance);
                f.stance = a.stance;
                f.origin = Origin::Human;
                f.note = note;
            }
            None => actors.push(ActorFraming {
                id: a.actor_id.clone(),
                name: a.actor_id.clone(),
                side: None,
                mentions: 0,
                stance: a.stance,
                origin: Origin::Human,
                note,
                auto_stance: None,
                score: 0.0,
                confidence: 0.0,
                quoted_stance: StanceLabel::Neutral,
                quoted_score: 0.0,
                performance: 0.0,
                quoted_mentions: 0,
                conflict: None,
                evidence: Vec::new(),
            }),
        }
    }
    Ok(())
}
