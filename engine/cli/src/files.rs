//! Finding scenario and playthrough files, and loading them with their diagnostics.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use firstshift_scenario::{Diagnostic, FileKind, Loaded, file_kind, load_scenario_bytes};
use firstshift_sims::{Scenario, Sims};

pub const PLAYS_SUFFIX: &str = ".plays.ron";
/// Folders of deliberately broken files (the diagnostics corpus) are skipped when
/// a folder is searched; name such a file directly to check it.
pub const SKIPPED_FOLDER: &str = "_invalid";

/// A scenario file and, if there are any, the playthrough file and translation
/// files (`<name>.<language>.ron`) beside it.
#[derive(Debug)]
pub struct Found {
    pub scenario: PathBuf,
    pub plays: Option<PathBuf>,
    /// (language, file), sorted by language.
    pub translations: Vec<(String, PathBuf)>,
}

/// Expands files and folders into scenario files, sorted, each with its playthroughs.
pub fn find(paths: &[PathBuf]) -> Result<Vec<Found>, String> {
    let mut scenarios = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut scenarios)
                .map_err(|e| format!("cannot read folder {}: {e}", path.display()))?;
        } else if path.is_file() {
            let name = path.to_string_lossy();
            let file_name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            // A playthrough or translation file stands for its scenario.
            let suffix = match file_kind(&file_name) {
                FileKind::Plays => PLAYS_SUFFIX.to_string(),
                FileKind::Translation(language) => format!(".{language}.ron"),
                FileKind::Scenario | FileKind::Other => {
                    scenarios.push(path.clone());
                    continue;
                }
            };
            let stem = name.strip_suffix(&suffix).unwrap_or(&name);
            scenarios.push(PathBuf::from(format!("{stem}.ron")));
        } else {
            return Err(format!("{} does not exist", path.display()));
        }
    }
    scenarios.sort();
    scenarios.dedup();
    Ok(scenarios
        .into_iter()
        .map(|scenario| {
            let plays = plays_path(&scenario);
            Found {
                plays: plays.is_file().then_some(plays),
                translations: translations_of(&scenario),
                scenario,
            }
        })
        .collect())
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

/// The translation files beside a scenario: `<name>.<language>.ron`.
pub fn translations_of(scenario: &Path) -> Vec<(String, PathBuf)> {
    let (Some(dir), Some(stem)) = (
        scenario.parent(),
        scenario
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned()),
    ) else {
        return Vec::new();
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let mut out: Vec<(String, PathBuf)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let name = path.file_name()?.to_string_lossy().into_owned();
            let rest = name.strip_prefix(&format!("{stem}."))?;
            let FileKind::Translation(language) = file_kind(&name) else {
                return None;
            };
            (rest == format!("{language}.ron")).then(|| (language.to_string(), path))
        })
        .collect();
    out.sort();
    out
}

pub fn plays_path(scenario: &Path) -> PathBuf {
    let name = scenario.to_string_lossy();
    PathBuf::from(format!(
        "{}{PLAYS_SUFFIX}",
        name.strip_suffix(".ron").unwrap_or(&name)
    ))
}

/// A file's text (lossy, for showing source lines) and raw bytes.
pub fn read(path: &Path) -> Result<(String, Vec<u8>), String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    Ok((String::from_utf8_lossy(&bytes).into_owned(), bytes))
}

/// Loads a scenario file; `Err` only when the file cannot be read at all.
pub fn load(path: &Path) -> Result<(String, Loaded<Sims>), String> {
    let (text, bytes) = read(path)?;
    Ok((text, load_scenario_bytes(&bytes)))
}

/// Loads a scenario that must be usable, or says why not.
pub fn load_usable(path: &Path) -> Result<Arc<Scenario>, String> {
    let (text, loaded) = load(path)?;
    match loaded.scenario {
        Some(s) => Ok(s),
        None => {
            let file =
                firstshift_scenario::SourceFile::new(path.to_str().unwrap_or("scenario"), &text);
            let errors: Vec<Diagnostic> = loaded
                .diagnostics
                .into_iter()
                .filter(Diagnostic::is_error)
                .collect();
            Err(format!(
                "{} has errors; fix them first (`firstshift validate {}`):\n{}",
                path.display(),
                path.display(),
                firstshift_scenario::diagnostic::render(&file, &errors)
            ))
        }
    }
}
