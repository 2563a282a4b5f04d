//! The scenarios this server runs: every sound scenario in a folder, by id.
//!
//! The server re-scores each run on the scenario it was played on, so it needs the
//! same files the player was built from (`scenarios/` in this repository). A file
//! with errors is named at start-up and left out; it never stops the server.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use firstshift_scenario::{FileKind, file_kind, load_scenario_bytes};
use firstshift_sims::{Scenario, Sims};

/// The deliberately broken files of the diagnostics corpus, never a scenario to run.
const SKIPPED_FOLDER: &str = "_invalid";

#[derive(Debug, Default)]
pub struct Library {
    scenarios: BTreeMap<String, Arc<Scenario>>,
}

/// What loading a folder found: the library, and each file left out with why.
#[derive(Debug)]
pub struct Loaded {
    pub library: Library,
    pub left_out: Vec<(PathBuf, String)>,
}

impl Library {
    /// Loads every scenario under `dir` (translations and playthroughs are not
    /// scenarios; a translation never changes a run, so the English is what a run
    /// of any language is scored on).
    pub fn load(dir: &Path) -> Result<Loaded, String> {
        let mut files = Vec::new();
        walk(dir, &mut files).map_err(|e| {
            format!(
                "cannot read the scenarios folder {}: {e}. Point --scenarios at the folder of .ron files (the repository's `scenarios`).",
                dir.display()
            )
        })?;
        files.sort();
        let mut library = Library::default();
        let mut left_out = Vec::new();
        for path in files {
            let bytes = match std::fs::read(&path) {
                Ok(bytes) => bytes,
                Err(e) => {
                    left_out.push((path, e.to_string()));
                    continue;
                }
            };
            let loaded = load_scenario_bytes::<Sims>(&bytes);
            match loaded.scenario {
                Some(scenario) if !library.scenarios.contains_key(&scenario.id) => {
                    library.add(scenario);
                }
                Some(scenario) => left_out.push((
                    path,
                    format!("another file already has the id `{}`", scenario.id),
                )),
                None => left_out.push((
                    path,
                    "it has errors; run `firstshift validate` on it".to_string(),
                )),
            }
        }
        if library.scenarios.is_empty() {
            return Err(format!(
                "{} holds no scenario this server can run. Point --scenarios at the folder of .ron files (the repository's `scenarios`).",
                dir.display()
            ));
        }
        Ok(Loaded { library, left_out })
    }

    pub fn add(&mut self, scenario: Arc<Scenario>) {
        self.scenarios.insert(scenario.id.clone(), scenario);
    }

    pub fn get(&self, id: &str) -> Option<&Arc<Scenario>> {
        self.scenarios.get(id)
    }

    pub fn len(&self) -> usize {
        self.scenarios.len()
    }

    pub fn is_empty(&self) -> bool {
        self.scenarios.is_empty()
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if path.is_dir() {
            if name != SKIPPED_FOLDER && !name.starts_with('.') {
                walk(&path, out)?;
            }
        } else if file_kind(&name) == FileKind::Scenario {
            out.push(path);
        }
    }
    Ok(())
}
