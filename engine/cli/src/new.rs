//! `firstshift new`: writes a template scenario and its playthroughs, then says what
//! to do next.

use std::path::Path;
use std::process::ExitCode;

use clap::builder::{PossibleValue, PossibleValuesParser};
use firstshift_scenario::templates::{cluster_named, new_scenario, templates};
use firstshift_sims::Sims;

/// `--template`'s values: the branching template and one per built-in model.
pub fn template_names() -> PossibleValuesParser {
    PossibleValuesParser::new(
        templates::<Sims>()
            .into_iter()
            .map(|t| PossibleValue::new(t.name).help(t.summary)),
    )
}

pub fn run(cluster: &str, template: &str, path: &Path) -> Result<ExitCode, String> {
    let cluster = cluster_named(cluster)?;
    let template = templates::<Sims>()
        .into_iter()
        .find(|t| t.name == template)
        .ok_or_else(|| format!("there is no `{template}` template"))?;
    let file = path.to_string_lossy().replace('\\', "/");
    let new = new_scenario(&template, cluster, &file)?;
    let plays_path = path.with_extension("plays.ron");
    for existing in [path, plays_path.as_path()] {
        if existing.exists() {
            return Err(format!(
                "{} already exists; choose another name (nothing was written)",
                existing.display()
            ));
        }
    }
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(path, &new.scenario)
        .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    std::fs::write(&plays_path, &new.plays)
        .map_err(|e| format!("cannot write {}: {e}", plays_path.display()))?;
    outln!(
        "Wrote {} (scenario `{}`, a {} template) and {}.",
        path.display(),
        new.id,
        template.name,
        plays_path.display()
    );
    outln!("Next:");
    outln!("  1. Change the title, career, text, choices and rubric to your own job.");
    outln!(
        "  2. firstshift validate {}   (every problem, with line and column)",
        path.display()
    );
    outln!(
        "  3. firstshift test {}   (your playthroughs)",
        plays_path.display()
    );
    outln!(
        "  4. firstshift play {}   or drop the file on the player page",
        path.display()
    );
    outln!("The guide: docs/authoring.md");
    Ok(ExitCode::SUCCESS)
}
