//! `firstshift translate`: writes (or brings up to date) a scenario's translation
//! file, with every string's English beside an empty translation to fill in.

use std::path::Path;
use std::process::ExitCode;

use firstshift_scenario::translate::{check_translation, is_language_code, template};

use crate::files;

pub fn run(language: &str, scenario_path: &Path) -> Result<ExitCode, String> {
    if !is_language_code(language) {
        return Err(format!(
            "`{language}` is not a language code; use one such as `es`, `fr` or `pt-BR`"
        ));
    }
    let (_, loaded) = files::load(scenario_path)?;
    let Some(scenario) = loaded.scenario else {
        return Err(format!(
            "{} has errors; run `firstshift validate {}` first",
            scenario_path.display(),
            scenario_path.display()
        ));
    };
    let name = scenario_path.to_string_lossy();
    let out = format!(
        "{}.{language}.ron",
        name.strip_suffix(".ron").unwrap_or(&name)
    );
    let existing = match std::fs::read_to_string(&out) {
        Ok(text) => {
            let (translation, diagnostics) = check_translation(&scenario, &text, Some(language));
            if diagnostics.iter().any(|d| d.is_error()) || translation.is_none() {
                return Err(format!(
                    "{out} has errors; fix them first (`firstshift validate {}`)",
                    scenario_path.display()
                ));
            }
            translation
        }
        Err(_) => None,
    };
    let text = template(&scenario, language, existing.as_ref());
    std::fs::write(&out, &text).map_err(|e| format!("cannot write {out}: {e}"))?;
    let (_, diagnostics) = check_translation(&scenario, &text, Some(language));
    let verb = if existing.is_some() {
        "Updated"
    } else {
        "Wrote"
    };
    outln!("{verb} {out}.");
    for d in &diagnostics {
        outln!("  {}: {}", d.code, d.message);
    }
    outln!(
        "Fill in each `text`, then check it with `firstshift validate {}`.",
        scenario_path.display()
    );
    outln!("The player shows it with ?lang={language}, or to students whose browser prefers it.");
    Ok(ExitCode::SUCCESS)
}
