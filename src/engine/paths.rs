//! Where Rasd keeps its state: the data folder (store, inbox, settings), by default the user's
//! data folder (`~/.local/share/rasd` on Linux), or the folder given with `--data-dir`.

use std::path::{Path, PathBuf};

/// The application id: window class, `.desktop` file name, settings key.
pub const APP_ID: &str = "org.rasd.Rasd";

/// The user's data folder for Rasd, or `./rasd-data` when the system has none.
#[must_use]
pub fn default_data_dir() -> PathBuf {
    directories::ProjectDirs::from("org", "rasd", "rasd")
        .map_or_else(|| PathBuf::from("rasd-data"), |dirs| dirs.data_dir().to_path_buf())
}

/// The default inbox inside a data folder.
#[must_use]
pub fn inbox_of(data_dir: &Path) -> PathBuf {
    data_dir.join("inbox")
}
