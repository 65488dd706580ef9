//! Finding article files: explicit files as given, folders walked recursively for the readable
//! extensions, hidden files and folders skipped, results sorted for stable output.

use std::path::{Path, PathBuf};

use crate::article::READABLE_EXTENSIONS;

/// Whether a path has an extension Rasd reads when it walks a folder.
#[must_use]
pub fn is_readable_path(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| READABLE_EXTENSIONS.iter().any(|r| r.eq_ignore_ascii_case(e)))
}

fn is_hidden(entry: &walkdir::DirEntry) -> bool {
    entry.depth() > 0 && entry.file_name().to_str().is_some_and(|n| n.starts_with('.'))
}

/// Files to read under `roots`: a file is taken as given (whatever its extension); a folder is
/// walked recursively. Paths that cannot be walked are returned as errors with their reason.
#[must_use]
pub fn collect_files(roots: &[PathBuf]) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for root in roots {
        if !root.exists() {
            errors.push((root.clone(), "no such file or folder".to_string()));
            continue;
        }
        if !root.is_dir() {
            // A file named on the command line is read whatever it is; the reader says why a
            // FIFO or a device is not read.
            files.push(root.clone());
            continue;
        }
        let mut found = Vec::new();
        for entry in walkdir::WalkDir::new(root).follow_links(true).into_iter().filter_entry(|e| !is_hidden(e)) {
            match entry {
                Ok(e) if e.file_type().is_file() && is_readable_path(e.path()) => found.push(e.into_path()),
                Ok(_) => {}
                Err(e) => {
                    let path = e.path().map_or_else(|| root.clone(), Path::to_path_buf);
                    errors.push((path, e.to_string()));
                }
            }
        }
        found.sort();
        files.extend(found);
    }
    (files, errors)
}
