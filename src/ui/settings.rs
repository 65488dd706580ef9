//! What the window remembers between runs (eframe persistence under the app id). Runtime
//! handles are never stored here; a settings file that cannot be read gives the defaults.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::query::Filter;

/// How the list is sorted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum SortBy {
    /// Newest first.
    #[default]
    DateDescending,
    /// Oldest first.
    DateAscending,
    /// By outlet name, then newest first.
    Outlet,
}

/// Persisted settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    /// Folders watched (the inbox included).
    pub watched: Vec<PathBuf>,
    /// The filters last used.
    pub filter: Filter,
    /// List order.
    pub sort: SortBy,
    /// Write a UTF-8 byte-order mark in CSV exports.
    pub export_bom: bool,
    /// Poll watched folders instead of native notifications.
    pub polling: bool,
    /// The welcome was shown and closed.
    pub welcomed: bool,
    /// Last export path typed.
    pub export_path: String,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            watched: Vec::new(),
            filter: Filter::default(),
            sort: SortBy::default(),
            export_bom: true,
            polling: false,
            welcomed: false,
            export_path: String::new(),
        }
    }
}
