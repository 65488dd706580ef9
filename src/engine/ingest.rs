//! Reading one file and analysing every article in it.

use std::path::{Path, PathBuf};

use crate::analysis::{ActorFraming, analyze};
use crate::article::{Article, ReadError, TableKind, read_bytes_with_columns};
use crate::lexicon::Lexicon;

/// Files larger than this are refused before reading (a clipping is never this big).
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// An article with its analysis and the file it came from.
#[derive(Debug, Clone)]
pub struct AnalysedArticle {
    /// The file.
    pub path: PathBuf,
    /// The article.
    pub article: Article,
    /// Per-actor framing.
    pub actors: Vec<ActorFraming>,
}

/// Why a file gave no article.
#[derive(Debug, Clone, thiserror::Error)]
pub enum FileError {
    /// The file could not be opened or read.
    #[error("cannot read: {0}")]
    Io(String),
    /// A FIFO, socket or device: reading it could block for ever.
    #[error("not a regular file ({0})")]
    NotAFile(&'static str),
    /// The file is larger than [`MAX_FILE_BYTES`].
    #[error("file is {size} bytes, over the {limit}-byte limit")]
    TooLarge {
        /// Its size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// The bytes hold no readable article.
    #[error(transparent)]
    Read(#[from] ReadError),
}

/// Read and analyse the file at `path`.
///
/// # Errors
/// A [`FileError`] naming why the file gave no article.
pub fn ingest_file(path: &Path, lexicon: &Lexicon) -> Result<Vec<AnalysedArticle>, FileError> {
    use std::io::Read;
    let metadata = std::fs::metadata(path).map_err(|e| FileError::Io(e.to_string()))?;
    if !metadata.is_file() {
        let kind = if metadata.is_dir() { "a folder" } else { "a FIFO, socket or device" };
        return Err(FileError::NotAFile(kind));
    }
    let size = metadata.len();
    if size > MAX_FILE_BYTES {
        return Err(FileError::TooLarge { size, limit: MAX_FILE_BYTES });
    }
    // Read at most one byte past the limit: a file that grows while it is read cannot take all
    // the memory.
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    let file = std::fs::File::open(path).map_err(|e| FileError::Io(e.to_string()))?;
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes).map_err(|e| FileError::Io(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(FileError::TooLarge { size: bytes.len() as u64, limit: MAX_FILE_BYTES });
    }
    let columns = columns_sidecar(path);
    analyse_read(path, read_bytes_with_columns(&bytes, &file_name(path), columns.as_deref())?, lexicon)
}

fn file_name(path: &Path) -> String {
    path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string()
}

/// The column mapping beside a table (`sheet.csv.columns`), when there is one.
fn columns_sidecar(path: &Path) -> Option<String> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    TableKind::from_extension(&extension)?;
    let mut sidecar = path.as_os_str().to_owned();
    sidecar.push(".columns");
    std::fs::read_to_string(PathBuf::from(sidecar)).ok()
}

fn analyse_read(path: &Path, articles: Vec<Article>, lexicon: &Lexicon) -> Result<Vec<AnalysedArticle>, FileError> {
    Ok(articles
        .into_iter()
        .map(|article| {
            let actors = analyze(&article, lexicon);
            AnalysedArticle { path: path.to_path_buf(), article, actors }
        })
        .collect())
}

/// Analyse a file's bytes already in memory.
///
/// # Errors
/// [`FileError::Read`] when the bytes hold no readable article.
pub fn ingest_bytes(path: &Path, bytes: &[u8], lexicon: &Lexicon) -> Result<Vec<AnalysedArticle>, FileError> {
    analyse_read(path, read_bytes_with_columns(bytes, &file_name(path), None)?, lexicon)
}
