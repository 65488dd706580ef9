//! Importing dropped files: each is copied into the inbox under a name that never overwrites
//! another file.

use std::path::{Path, PathBuf};

/// A free name in `dir` for `file_name`: `name.txt`, then `name (2).txt`, `name (3).txt`, …
#[must_use]
pub fn free_name(dir: &Path, file_name: &str) -> PathBuf {
    let candidate = dir.join(file_name);
    if !candidate.exists() {
        return candidate;
    }
    let (stem, extension) = match file_name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, format!(".{ext}")),
        _ => (file_name, String::new()),
    };
    (2..).map(|n| dir.join(format!("{stem} ({n}){extension}"))).find(|p| !p.exists()).unwrap_or(candidate)
}

/// Copy `source` into `inbox` under a free name; returns the new path.
///
/// # Errors
/// The copy's I/O error, with both paths.
pub fn import_into(inbox: &Path, source: &Path) -> Result<PathBuf, String> {
    let name = source.file_name().map_or_else(|| "article.txt".to_string(), |n| n.to_string_lossy().into_owned());
    std::fs::create_dir_all(inbox).map_err(|e| format!("{}: {e}", inbox.display()))?;
    let target = free_name(inbox, &name);
    // Copy to a hidden temporary name first so the watcher never sees half a file.
    let temporary = inbox.join(format!(".{name}.importing"));
    std::fs::copy(source, &temporary).map_err(|e| format!("{} → {}: {e}", source.display(), target.display()))?;
    std::fs::rename(&temporary, &target).map_err(|e| format!("{}: {e}", target.display()))?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_never_overwrite() -> Result<(), String> {
        let inbox = tempfile::tempdir().map_err(|e| e.to_string())?;
        let source_dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let source = source_dir.path().join("خبر.txt");
        std::fs::write(&source, "عنوان\n\nنص").map_err(|e| e.to_string())?;
        let first = import_into(inbox.path(), &source)?;
        let second = import_into(inbox.path(), &source)?;
        let third = import_into(inbox.path(), &source)?;
        assert_eq!(first.file_name().map(|n| n.to_string_lossy().into_owned()).as_deref(), Some("خبر.txt"));
        assert_eq!(second.file_name().map(|n| n.to_string_lossy().into_owned()).as_deref(), Some("خبر (2).txt"));
        assert_eq!(third.file_name().map(|n| n.to_string_lossy().into_owned()).as_deref(), Some("خبر (3).txt"));
        assert_eq!(std::fs::read_dir(inbox.path()).map_err(|e| e.to_string())?.count(), 3);
        Ok(())
    }
}
