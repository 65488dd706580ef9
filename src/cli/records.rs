//! The records `rasd scan` prints: one JSON object per article, or CSV rows per article and
//! actor. CSV text cells are neutralised against formula injection.

use serde::Serialize;

use crate::analysis::ActorFraming;
use crate::engine::AnalysedArticle;
use crate::query::neutralise;

/// One JSON line per article.
#[derive(Debug, Serialize)]
pub struct ArticleRecord<'a> {
    pub path: String,
    pub id: &'a str,
    pub format: crate::article::Format,
    pub title: &'a str,
    pub published: Option<String>,
    pub published_text: Option<&'a str>,
    pub date_confidence: Option<f32>,
    pub date_ambiguous: bool,
    pub source: Option<&'a str>,
    pub language: &'static str,
    pub url: Option<&'a str>,
    pub author: Option<&'a str>,
    pub category: Option<&'a str>,
    pub doc_no: Option<&'a str>,
    pub keywords: &'a [String],
    pub related: &'a [String],
    pub actors: &'a [ActorFraming],
}

impl<'a> ArticleRecord<'a> {
    pub fn new(analysed: &'a AnalysedArticle) -> Self {
        let a = &analysed.article;
        Self {
            path: analysed.path.display().to_string(),
            id: &a.id,
            format: a.format,
            title: &a.title,
            published: a.published.as_ref().map(crate::article::date::PublishedDate::iso),
            published_text: a.published_text.as_deref(),
            date_confidence: a.published.as_ref().map(|d| d.confidence),
            date_ambiguous: a.published.as_ref().is_some_and(|d| d.ambiguous),
            source: a.source.as_deref(),
            language: a.language.code(),
            url: a.url.as_deref(),
            author: a.author.as_deref(),
            category: a.category.as_deref(),
            doc_no: a.doc_no.as_deref(),
            keywords: &a.keywords,
            related: &a.related,
            actors: &analysed.actors,
        }
    }
}

/// The JSON line for a file that failed.
#[derive(Debug, Serialize)]
pub struct ErrorRecord {
    pub path: String,
    pub error: String,
}

/// One CSV row per article and actor (an article without actors gives one row).
#[derive(Debug, Clone, Serialize, Default)]
pub struct CsvRow {
    pub path: String,
    pub id: String,
    pub title: String,
    pub published: String,
    pub published_text: String,
    pub date_confidence: String,
    pub source: String,
    pub language: String,
    pub actor_id: String,
    pub actor_name: String,
    pub side: String,
    pub mentions: String,
    pub stance: String,
    pub score: String,
    pub confidence: String,
    pub quoted_stance: String,
    pub quoted_score: String,
    pub evidence: String,
    pub error: String,
}

/// The CSV rows of one analysed article.
pub fn csv_rows(analysed: &AnalysedArticle) -> Vec<CsvRow> {
    let a = &analysed.article;
    let base = CsvRow {
        path: neutralise(&analysed.path.display().to_string()).into_owned(),
        id: a.id.clone(),
        title: neutralise(&a.title).into_owned(),
        published: a.published.as_ref().map(crate::article::date::PublishedDate::iso).unwrap_or_default(),
        published_text: neutralise(a.published_text.as_deref().unwrap_or("")).into_owned(),
        date_confidence: a.published.as_ref().map(|d| format!("{:.2}", d.confidence)).unwrap_or_default(),
        source: neutralise(a.source.as_deref().unwrap_or("")).into_owned(),
        language: a.language.code().to_string(),
        ..CsvRow::default()
    };
    if analysed.actors.is_empty() {
        return vec![base];
    }
    analysed
        .actors
        .iter()
        .map(|actor| {
            let evidence = actor.evidence_summary();
            CsvRow {
                actor_id: actor.id.clone(),
                actor_name: neutralise(&actor.name).into_owned(),
                side: actor.side.clone().unwrap_or_default(),
                mentions: actor.mentions.to_string(),
                stance: actor.stance.as_str().to_string(),
                score: format!("{:.3}", actor.score),
                confidence: format!("{:.3}", actor.confidence),
                quoted_stance: actor.quoted_stance.as_str().to_string(),
                quoted_score: format!("{:.3}", actor.quoted_score),
                evidence: neutralise(&evidence).into_owned(),
                ..base.clone()
            }
        })
        .collect()
}
