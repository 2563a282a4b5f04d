//! `firstshift report`: class results from the run files students downloaded.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use firstshift_report::{RunFile, class_report, to_csv, to_text};
use firstshift_sims::Scenario;

use crate::{Format, files};

pub fn run(
    inputs: &[PathBuf],
    scenarios: &Path,
    csv: Option<&Path>,
    format: Format,
) -> Result<ExitCode, String> {
    // Every scenario under the folder, by id; broken ones are skipped (their runs
    // are then reported as not found, with the reason to fix it).
    let mut library: BTreeMap<String, Arc<Scenario>> = BTreeMap::new();
    for found in files::find(&[scenarios.to_path_buf()])? {
        if let Ok((_, loaded)) = files::load(&found.scenario)
            && let Some(s) = loaded.scenario
        {
            library.insert(s.id.clone(), s);
        }
    }
    let mut runs = Vec::new();
    for input in inputs {
        let paths: Vec<PathBuf> = if input.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(input)
                .map_err(|e| format!("cannot read folder {}: {e}", input.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.is_file())
                .collect();
            found.sort();
            found
        } else {
            vec![input.clone()]
        };
        for path in paths {
            let text = std::fs::read(&path)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            runs.push(RunFile {
                name: path.to_string_lossy().into_owned(),
                text,
            });
        }
    }
    if runs.is_empty() {
        return Err("no run files given; name the files or folders students' runs are in".into());
    }
    let report = class_report(|id| library.get(id).cloned(), &runs);
    if let Some(csv_path) = csv {
        std::fs::write(csv_path, to_csv(&report))
            .map_err(|e| format!("cannot write {}: {e}", csv_path.display()))?;
    }
    match format {
        Format::Text => {
            out!("{}", to_text(&report));
            if let Some(csv_path) = csv {
                outln!(
                    "Wrote {} (one row per run and criterion).",
                    csv_path.display()
                );
            }
        }
        Format::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
        ),
    }
    let counted: usize = report.scenarios.iter().map(|s| s.runs).sum();
    Ok(if counted == 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
