//! Built-in scenarios compiled at build time.
//!
//! `cargo xtask build-web` validates every built-in scenario and writes it beside
//! its `.ron` as `<id>.scenario.json`, and each sound translation as
//! `<id>.<lang>.scenario.json`: the checked (and translated) [`Scenario`] itself.
//! Only a file that validated clean is written, so the player reads it straight
//! into a `Scenario` and skips the RON reader, the validation passes and the
//! exploration (which simulates every path through the story): a student's first
//! choice waits for none of them, and downloads none of them. A teacher's own
//! file still goes the whole way through [`crate::load_scenario`], in the checker
//! module the player loads only when a teacher opens one.
//!
//! Why JSON: the player links serde_json anyway (the catalog, the profile, the
//! messages to an embedding page), so the compiled form costs one more type's
//! reader (+190 KB raw, +32 KB brotli measured), where RON's reader and its code
//! for the scenario types were 450 KB raw of the student's wasm.

use std::sync::Arc;

use firstshift_core::Language;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{self, JsonDiagnostic, SourceFile};
use crate::{Scenario, SimCatalog};

/// The compiled file's extension (after the id, and the language if translated).
pub const EXTENSION: &str = "scenario.json";

/// The compiled file: the scenario, and what its own serialisation leaves out.
#[derive(Serialize, Deserialize)]
struct Envelope<S> {
    /// A translated copy's original content hash ([`Scenario::translated_from`]),
    /// which the scenario's serialisation skips because the hash is made from it.
    #[serde(default)]
    translated_from: Option<u64>,
    /// The language its models speak ([`Scenario::language`]), skipped likewise.
    #[serde(default)]
    language: Language,
    scenario: S,
}

/// The compiled form of a scenario that has validated clean.
pub fn compile<K: SimCatalog>(scenario: &Scenario<K>) -> String {
    // A scenario is plain data (strings, numbers, enums, string-keyed maps) whose
    // numbers the validator has checked are finite: serialising it cannot fail.
    serde_json::to_string(&Envelope {
        translated_from: scenario.translated_from,
        language: scenario.language,
        scenario,
    })
    .unwrap_or_default()
}

/// Reads a compiled scenario. It was validated when it was compiled, so only its
/// shape is checked here; a file that does not read says so in words for the page.
pub fn load_compiled<K: SimCatalog>(text: &str) -> Result<Arc<Scenario<K>>, String> {
    let envelope: Envelope<Scenario<K>> = serde_json::from_str(text).map_err(|e| damaged(&e))?;
    let mut scenario = envelope.scenario;
    scenario.translated_from = envelope.translated_from;
    scenario.language = envelope.language;
    Ok(Arc::new(scenario))
}

/// A teacher's file, checked the whole way (by the player's checker module): the
/// compiled scenario when it has no errors, and every diagnostic either way.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CheckedFile {
    /// The compiled form ([`compile`]), read with [`load_compiled`].
    pub scenario: Option<String>,
    pub diagnostics: Vec<JsonDiagnostic>,
}

/// Checks a teacher's file named `name` (the name shown in the error panel).
pub fn check_file<K: SimCatalog>(name: &str, text: &str) -> CheckedFile {
    let loaded = crate::load_scenario::<K>(text);
    CheckedFile {
        scenario: loaded.scenario.as_deref().map(compile),
        diagnostics: diagnostic::to_json(&SourceFile::new(name, text), &loaded.diagnostics),
    }
}

fn damaged(e: &dyn std::fmt::Display) -> String {
    format!(
        "the built-in scenario file is damaged or from another version of FirstShift ({e}); reload the page, and if it happens again, rebuild the site with `cargo xtask build-web`"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use firstshift_sims::Sims;

    #[test]
    fn a_damaged_file_is_refused_in_words() {
        let error = load_compiled::<Sims>("{\"title\": 3").unwrap_err();
        assert!(error.contains("damaged"), "{error}");
        assert!(load_compiled::<Sims>("").is_err());
    }

    /// A run played in Spanish re-scores on the English original: the compiled
    /// translation keeps the original's content hash.
    #[test]
    fn a_compiled_translation_keeps_the_original_content_hash() {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scenarios/hospitality/");
        let read = |name: &str| std::fs::read_to_string(format!("{root}{name}")).unwrap();
        let original = crate::load_scenario::<Sims>(&read("front-desk-overbooked.ron"))
            .scenario
            .unwrap();
        let (translation, _) = crate::translate::check_translation(
            &original,
            &read("front-desk-overbooked.es.ron"),
            Some("es"),
        );
        let spanish = crate::translate::translate(&original, &translation.unwrap());
        let back = load_compiled(&compile(&spanish)).unwrap();
        assert_eq!(back, spanish);
        assert_ne!(back.title, original.title);
        assert_eq!(back.content_hash(), original.content_hash());
        // The original itself carries no such field.
        assert_eq!(
            load_compiled::<Sims>(&compile(&original))
                .unwrap()
                .translated_from,
            None
        );
    }

    #[test]
    fn a_checked_file_carries_its_scenario_or_its_errors() {
        let good = std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../scenarios/hospitality/front-desk-overbooked.ron"
        ))
        .unwrap();
        let checked = check_file::<Sims>("front-desk.ron", &good);
        let scenario = load_compiled::<Sims>(checked.scenario.as_deref().unwrap()).unwrap();
        assert_eq!(scenario.id, "hospitality/front-desk-overbooked");
        assert!(
            checked
                .diagnostics
                .iter()
                .all(|d| d.file == "front-desk.ron")
        );

        let broken = check_file::<Sims>("mine.ron", "(id: \"x\", title: 3)");
        assert_eq!(broken.scenario, None);
        assert!(!broken.diagnostics.is_empty());
        assert_eq!(broken.diagnostics[0].file, "mine.ron");
    }
}
