//! Built-in scenarios compiled at build time.
//!
//! `cargo xtask build-web` validates every built-in scenario and writes it beside
//! its `.ron` as `<id>.scenario.ron`: the checked [`Scenario`] itself, written
//! back out compactly (no comments, no layout). Only a file that validated clean
//! is written, so the player reads it straight into a `Scenario` and skips the
//! validation passes and the exploration (which simulates every path through the
//! story): a student's first choice waits for neither. A teacher's own file still
//! goes the whole way through [`crate::load_scenario`], with every diagnostic.
//!
//! Why RON and not JSON: the player links the RON reader anyway (for teachers'
//! files), and a JSON reader for the scenario type measured +190 KB raw, +32 KB
//! brotli of wasm on every student's critical path. When the teacher's tools move
//! out of the student's download, this is the one place to change.

use std::sync::Arc;

use crate::Scenario;

/// The compiled file's extension (after the id).
pub const EXTENSION: &str = "scenario.ron";

/// The compiled form of a scenario that has validated clean.
pub fn compile(scenario: &Scenario) -> String {
    // A scenario is plain data (strings, numbers, enums); serialising it cannot fail.
    crate::load::ron_options()
        .to_string(scenario)
        .unwrap_or_default()
}

/// Reads a compiled scenario. It was validated when it was compiled, so only its
/// shape is checked here; a file that does not read says so in words for the page.
pub fn load_compiled(bytes: &[u8]) -> Result<Arc<Scenario>, String> {
    let text = std::str::from_utf8(bytes).map_err(|e| damaged(&e))?;
    crate::load::ron_options()
        .from_str::<Scenario>(text)
        .map(Arc::new)
        .map_err(|e| damaged(&e))
}

fn damaged(e: &dyn std::fmt::Display) -> String {
    format!(
        "the built-in scenario file is damaged or from another version of FirstShift ({e}); reload the page, and if it happens again, rebuild the site with `cargo xtask build-web`"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_damaged_file_is_refused_in_words() {
        let error = load_compiled(b"(title: 3").unwrap_err();
        assert!(error.contains("damaged"), "{error}");
        assert!(load_compiled(b"").is_err());
    }
}
