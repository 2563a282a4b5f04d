//! The FirstShift scenario file format.
//!
//! * [`load_scenario`] reads a teacher's RON file and returns the scenario (when it
//!   is usable) with **every** diagnostic found: syntax, types, then the named
//!   semantic [`passes`].
//! * [`plays`] reads and runs the playthrough files that sit beside each scenario.
//! * [`diagnostic`] renders diagnostics like rustc, or as JSON for the browser.
//! * [`compiled`] is the checked form of a built-in scenario the player opens.

use std::sync::Arc;

pub mod catalog;
pub mod compiled;
pub mod diagnostic;
pub mod load;
pub mod passes;
pub mod plays;
pub mod site_path;
pub mod templates;
pub mod translate;
pub mod tree;

pub use diagnostic::{Code, Diagnostic, Severity, SourceFile};

/// The format is generic over the set of models a file may run, and names none of
/// them (the built-in set is `firstshift_sims::Sims`).
pub use firstshift_core::{Scenario, SimCatalog};

/// What a file in a folder of scenarios is, by its name: `x.ron` a scenario,
/// `x.plays.ron` its playthroughs, `x.es.ron` its Spanish translation. Every tool
/// that walks a folder of scenarios sorts its files with this one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind<'a> {
    Scenario,
    Plays,
    /// A translation, with its language code.
    Translation(&'a str),
    /// Not a `.ron` file.
    Other,
}

pub fn file_kind(file_name: &str) -> FileKind<'_> {
    if !file_name.ends_with(".ron") {
        FileKind::Other
    } else if file_name.ends_with(".plays.ron") {
        FileKind::Plays
    } else if let Some(language) = translate::language_of_file(file_name) {
        FileKind::Translation(language)
    } else {
        FileKind::Scenario
    }
}

/// A loaded scenario file.
#[derive(Debug)]
pub struct Loaded<K: SimCatalog> {
    /// Present when there are no errors (warnings allowed).
    pub scenario: Option<Arc<Scenario<K>>>,
    pub diagnostics: Vec<Diagnostic>,
}

impl<K: SimCatalog> Loaded<K> {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Loads a scenario from a file's raw bytes (checks size and encoding first).
pub fn load_scenario_bytes<K: SimCatalog>(bytes: &[u8]) -> Loaded<K> {
    match load::check_bytes(bytes) {
        Ok(text) => load_scenario(text),
        Err(d) => Loaded {
            scenario: None,
            diagnostics: vec![d],
        },
    }
}

/// Loads a scenario from text: parse, type-check, then every validation pass.
pub fn load_scenario<K: SimCatalog>(source: &str) -> Loaded<K> {
    if let Err(d) = load::check_bytes(source.as_bytes()) {
        return Loaded {
            scenario: None,
            diagnostics: vec![d],
        };
    }
    let parsed = load::parse_ron_with::<Scenario<K>>(source, K::models());
    let mut diagnostics = parsed.diagnostics;
    let scenario = match (parsed.value, parsed.tree) {
        (Some(scenario), Some(tree)) => {
            let scenario = Arc::new(scenario);
            diagnostics.extend(passes::run_all(&scenario, &tree));
            Some(scenario)
        }
        _ => None,
    };
    sort(&mut diagnostics);
    let usable = !diagnostics.iter().any(Diagnostic::is_error);
    Loaded {
        scenario: scenario.filter(|_| usable),
        diagnostics,
    }
}

/// File order, errors before warnings at the same place.
pub(crate) fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by_key(|d| (d.span.as_ref().map_or(0, |s| s.start), d.severity, d.code));
}
