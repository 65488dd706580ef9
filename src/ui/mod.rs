//! The desktop window (egui/eframe): views that draw from data and return commands. No
//! parsing, analysis or file I/O here; the engine does the work on its own thread.

mod agreement;
mod app;
pub mod bidi;
pub mod fonts;
mod library;
pub mod rich_text;
mod settings;
mod views;

pub use app::{AppOptions, Command, RasdApp};
pub use settings::{Settings, SortBy};

/// The window's icon.
pub const WINDOW_ICON: &[u8] = include_bytes!("../../dist/icons/hicolor/256x256/apps/org.rasd.Rasd.png");

/// Open the window (blocks until it closes).
///
/// # Errors
/// eframe's error when no window can be opened (no display).
pub fn run(options: AppOptions) -> eframe::Result {
    let viewport = egui::ViewportBuilder::default()
        .with_title("Rasd · رصد")
        .with_app_id(crate::engine::APP_ID)
        .with_inner_size([1280.0, 800.0])
        .with_min_inner_size([800.0, 500.0])
        .with_drag_and_drop(true);
    // The same icon the desktop entry names (dist/icons), for window lists and task bars.
    let viewport = match eframe::icon_data::from_png_bytes(WINDOW_ICON) {
        Ok(icon) => viewport.with_icon(std::sync::Arc::new(icon)),
        Err(_) => viewport,
    };
    let native = eframe::NativeOptions {
        viewport,
        persistence_path: Some(options.data_dir.join("window.ron")),
        ..Default::default()
    };
    eframe::run_native(crate::engine::APP_ID, native, Box::new(move |cc| Ok(Box::new(RasdApp::new(cc, options)))))
}
