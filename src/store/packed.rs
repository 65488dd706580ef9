//! The `article_index` table: one narrow row per article with everything the in-memory index
//! needs (no body, the actors packed in one blob), so start-up reads a million articles in one
//! sequential scan instead of walking the articles' text and six million actor rows.

use rusqlite::{Connection, params};
use serde::{Deserialize, Serialize};

use super::rows::ActorStance;
use crate::analysis::{ActorFraming, Origin, StanceLabel};
use crate::query::ActorParts;

/// One actor of an article, as packed in `article_index.actors` (postcard).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
struct PackedActor<'a> {
    #[serde(borrow)]
    actor_id: &'a str,
    #[serde(borrow)]
    side: Option<&'a str>,
    mentions: u32,
    stance: StanceLabel,
    score: f32,
    confidence: f32,
    quoted_stance: StanceLabel,
    quoted_score: f32,
}

impl<'a> From<&PackedActor<'a>> for ActorParts<'a> {
    fn from(a: &PackedActor<'a>) -> Self {
        ActorParts {
            actor_id: a.actor_id,
            side: a.side,
            mentions: a.mentions,
            stance: a.stance,
            score: a.score,
            confidence: a.confidence,
            quoted_stance: a.quoted_stance,
            quoted_score: a.quoted_score,
        }
    }
}

/// The packed actors, most mentioned first.
fn pack<'a>(mut actors: Vec<PackedActor<'a>>) -> Vec<u8> {
    actors.sort_by(|a, b| b.mentions.cmp(&a.mentions).then_with(|| a.actor_id.cmp(b.actor_id)));
    postcard::to_allocvec(&actors).unwrap_or_default()
}

/// Pack an analysis.
#[must_use]
pub fn pack_framings(actors: &[ActorFraming]) -> Vec<u8> {
    pack(
        actors
            .iter()
            .map(|a| PackedActor {
                actor_id: &a.id,
                side: a.side.as_deref(),
                mentions: u32::try_from(a.mentions).unwrap_or(u32::MAX),
                stance: a.stance,
                score: a.score,
                confidence: a.confidence,
                quoted_stance: a.quoted_stance,
                quoted_score: a.quoted_score,
            })
            .collect(),
    )
}

/// The fields of `article_index` besides the packed actors.
pub struct IndexFields<'a> {
    pub rowid: i64,
    pub id: &'a str,
    pub title: &'a str,
    pub published: Option<&'a str>,
    pub day: Option<i32>,
    pub source: &'a str,
    pub language: &'a str,
}

/// Write (or replace) an article's index row.
pub fn write(connection: &Connection, fields: &IndexFields<'_>, actors: &[u8]) -> rusqlite::Result<()> {
    connection
        .prepare_cached(
            "INSERT OR REPLACE INTO article_index (article_rowid, id, title, published, published_day, source, language, actors)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        )?
        .execute(params![
            fields.rowid,
            fields.id,
            fields.title,
            fields.published,
            fields.day,
            fields.source,
            fields.language,
            actors
        ])?;
    Ok(())
}

/// The actors of a packed blob, read one after the other without collecting them (a blob that
/// cannot be read yields what could be read).
pub fn unpack(bytes: &[u8]) -> impl Iterator<Item = ActorParts<'_>> {
    let (count, mut rest) = postcard::take_from_bytes::<usize>(bytes).unwrap_or((0, &[]));
    (0..count).map_while(move |_| {
        let (actor, next) = postcard::take_from_bytes::<PackedActor<'_>>(rest).ok()?;
        rest = next;
        Some(ActorParts::from(&actor))
    })
}

/// The stances of one article (computed: the caller overlays the analyst's corrections).
pub fn actors_of(connection: &Connection, rowid: i64) -> rusqlite::Result<Vec<ActorStance>> {
    let mut statement = connection.prepare_cached("SELECT actors FROM article_index WHERE article_rowid = ?1")?;
    let mut rows = statement.query(params![rowid])?;
    let Some(row) = rows.next()? else { return Ok(Vec::new()) };
    let actors: Vec<PackedActor<'_>> =
        postcard::from_bytes(row.get_ref(0)?.as_blob().unwrap_or(&[])).unwrap_or_default();
    Ok(actors
        .iter()
        .map(|a| ActorStance {
            actor_id: a.actor_id.to_string(),
            side: a.side.map(str::to_string),
            mentions: a.mentions,
            stance: a.stance,
            auto_stance: a.stance,
            origin: Origin::Auto,
            note: None,
            score: a.score,
            confidence: a.confidence,
            quoted_stance: a.quoted_stance,
            quoted_score: a.quoted_score,
        })
        .collect())
}

/// Fill `article_index` from the articles already stored (a store from before version 5).
pub fn fill_existing(connection: &Connection) -> rusqlite::Result<()> {
    let mut select = connection
        .prepare("SELECT rowid, id, title, published, published_day, source, language, analysis FROM articles")?;
    let mut rows = select.query([])?;
    while let Some(r) = rows.next()? {
        let analysis = super::rows::stored_bytes(r, 7)?;
        let actors = super::rows::decode_analysis(&analysis).unwrap_or_default();
        let id: String = r.get(1)?;
        let title: String = r.get(2)?;
        let published: Option<String> = r.get(3)?;
        let source: String = r.get(5)?;
        let language: String = r.get(6)?;
        let fields = IndexFields {
            rowid: r.get(0)?,
            id: &id,
            title: &title,
            published: published.as_deref(),
            day: r.get(4)?,
            source: &source,
            language: &language,
        };
        write(connection, &fields, &pack_framings(&actors))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_actors_come_back_most_mentioned_first() {
        let actor = |id: &'static str, mentions| PackedActor {
            actor_id: id,
            side: Some("east"),
            mentions,
            stance: StanceLabel::Delegitimizing,
            score: -0.5,
            confidence: 0.8,
            quoted_stance: StanceLabel::Neutral,
            quoted_score: 0.0,
        };
        let bytes = pack(vec![actor("lna", 1), actor("haftar", 4)]);
        let back: Vec<PackedActor<'_>> = postcard::from_bytes(&bytes).unwrap_or_default();
        assert_eq!(back, vec![actor("haftar", 4), actor("lna", 1)]);
    }
}
