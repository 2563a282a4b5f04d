use std::path::PathBuf;
use std::process::ExitCode;

use firstshift_scenario::diagnostic::{self, JsonDiagnostic};
use firstshift_scenario::{Diagnostic, SourceFile, plays, translate};

use crate::ValidateFormat as Format;
use crate::files;

pub fn run(paths: &[PathBuf], format: Format) -> Result<ExitCode, String> {
    let found = files::find(paths)?;
    let mut all_json: Vec<JsonDiagnostic> = Vec::new();
    let (mut errors, mut warnings, mut checked) = (0, 0, 0);
    let mut report = |name: &str, text: &str, diagnostics: &[Diagnostic]| {
        checked += 1;
        errors += diagnostics.iter().filter(|d| d.is_error()).count();
        warnings += diagnostics.iter().filter(|d| !d.is_error()).count();
        let file = SourceFile::new(name, text);
        match format {
            Format::Text => out!("{}", diagnostic::render(&file, diagnostics)),
            Format::Short => out!("{}", diagnostic::render_short(&file, diagnostics)),
            Format::Json => all_json.extend(diagnostic::to_json(&file, diagnostics)),
        }
    };
    for f in &found {
        let (text, loaded) = files::load(&f.scenario)?;
        report(&f.scenario.to_string_lossy(), &text, &loaded.diagnostics);
        if let (Some(plays_path), Some(scenario)) = (&f.plays, &loaded.scenario) {
            let (plays_text, _) = files::read(plays_path)?;
            let (_, diagnostics) = plays::validate_plays(scenario, &plays_text);
            report(&plays_path.to_string_lossy(), &plays_text, &diagnostics);
        }
        if let Some(scenario) = &loaded.scenario {
            for (language, path) in &f.translations {
                let (text, _) = files::read(path)?;
                let (_, diagnostics) =
                    translate::check_translation(scenario, &text, Some(language));
                report(&path.to_string_lossy(), &text, &diagnostics);
            }
        }
    }
    match format {
        Format::Json => {
            outln!(
                "{}",
                serde_json::to_string_pretty(&all_json).map_err(|e| e.to_string())?
            );
        }
        Format::Text | Format::Short => {
            let verdict = if errors == 0 { "ok" } else { "FAILED" };
            outln!(
                "validate: {verdict}. {checked} files checked: {errors} errors, {warnings} warnings"
            );
        }
    }
    Ok(if errors == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
