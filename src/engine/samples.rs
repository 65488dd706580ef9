//! The sample articles that fill a new inbox on first run (written for Rasd; see
//! `assets/README.md`), compiled into the binary.

use std::path::Path;

const SAMPLES: &[(&str, &str)] = &[
    ("001_tripoli_gna_ar.txt", include_str!("../../assets/samples/001_tripoli_gna_ar.txt")),
    ("002_tripoli_lna_ar.txt", include_str!("../../assets/samples/002_tripoli_lna_ar.txt")),
    ("003_tripoli_en.md", include_str!("../../assets/samples/003_tripoli_en.md")),
    ("004_hodeidah_ar.txt", include_str!("../../assets/samples/004_hodeidah_ar.txt")),
    ("005_khartoum_en.txt", include_str!("../../assets/samples/005_khartoum_en.txt")),
    ("006_wire_digest.trec", include_str!("../../assets/samples/006_wire_digest.trec")),
];

/// Create `inbox` and write the samples into it, unless it already holds files. Returns how
/// many were written.
///
/// # Errors
/// The folder or a file cannot be written.
pub fn fill_inbox(inbox: &Path) -> std::io::Result<usize> {
    std::fs::create_dir_all(inbox)?;
    if std::fs::read_dir(inbox)?.next().is_some() {
        return Ok(0);
    }
    for (name, text) in SAMPLES {
        std::fs::write(inbox.join(name), text)?;
    }
    Ok(SAMPLES.len())
}
