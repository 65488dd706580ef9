//! State of the Agreement window: the second coder being read on a thread, and the figures for
//! the rows shown (recomputed only when the shown rows or the second coder change).

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use crate::query::{ArticleIndex, CodingAgreement, Codings, coding_agreement, parse_codings};

/// What the Agreement window keeps between frames.
#[derive(Default)]
pub struct AgreementState {
    /// The window is open.
    pub open: bool,
    /// The second coder's folder or file, as typed.
    pub second_path: String,
    /// The second coder's corrections, with where they came from.
    pub second: Option<(String, Codings)>,
    /// A second coder being read reports here.
    pub loading: Option<Receiver<Result<(String, Codings), String>>>,
    /// Why the last second coder could not be read.
    pub error: Option<String>,
    /// The figures, and what they were computed for.
    cache: Option<(FiguresKey, CodingAgreement)>,
}

/// Row generation, second coder's size, actor filter.
type FiguresKey = (u64, usize, Option<String>);

/// Read a second coder's corrections: a data folder (its store opened read-only) or a
/// `rasd annotations` file.
fn read_second_coder(path: &Path) -> Result<(String, Codings), String> {
    let name = path.display().to_string();
    if path.is_dir() {
        let list = crate::store::Store::read_annotations(path).map_err(|e| e.to_string())?;
        if list.is_empty() {
            return Err(format!("{name}: no corrections in that data folder"));
        }
        let codings = list.into_iter().map(|a| ((a.article_id, a.actor_id), a.stance)).collect();
        return Ok((name, codings));
    }
    let text = std::fs::read_to_string(path).map_err(|e| format!("{name}: {e}"))?;
    parse_codings(&text).map(|c| (name.clone(), c)).map_err(|e| format!("{name}: {e}"))
}

impl AgreementState {
    /// Start reading a second coder on a thread.
    pub fn load(&mut self, path: PathBuf, repaint: egui::Context) {
        let (tx, rx) = channel();
        self.error = None;
        let spawned = std::thread::Builder::new().name("rasd-second-coder".into()).spawn(move || {
            let _ = tx.send(read_second_coder(&path));
            repaint.request_repaint();
        });
        match spawned {
            Ok(_) => self.loading = Some(rx),
            Err(e) => self.error = Some(format!("cannot start reading: {e}")),
        }
    }

    /// Take a finished read.
    pub fn poll(&mut self) {
        if let Some(rx) = &self.loading
            && let Ok(result) = rx.try_recv()
        {
            match result {
                Ok(second) => {
                    self.second = Some(second);
                    self.cache = None;
                }
                Err(e) => self.error = Some(e),
            }
            self.loading = None;
        }
    }

    /// The figures for the rows shown.
    pub fn figures(
        &mut self,
        index: &ArticleIndex,
        shown: &[u32],
        generation: u64,
        actor: Option<&str>,
    ) -> CodingAgreement {
        let key = (generation, self.second.as_ref().map_or(0, |(_, c)| c.len()), actor.map(str::to_string));
        if let Some((cached, figures)) = &self.cache
            && *cached == key
        {
            return figures.clone();
        }
        let figures = coding_agreement(index, shown, actor, self.second.as_ref().map(|(_, c)| c));
        self.cache = Some((key, figures.clone()));
        figures
    }
}
