use std::path::PathBuf;
use std::process::ExitCode;

use firstshift_scenario::plays::{run_play, validate_plays};
use firstshift_scenario::{SourceFile, diagnostic};

use crate::{Format, files};

/// Runs every playthrough like a test runner: one line per run, then a summary.
pub fn run(paths: &[PathBuf], format: Format) -> Result<ExitCode, String> {
    let found = files::find(paths)?;
    let mut json_runs = Vec::new();
    let json = format == Format::Json;
    // In JSON mode the human-readable lines go to stderr, so stdout is pure JSON.
    macro_rules! say { ($($t:tt)*) => { if json { errln!($($t)*) } else { outln!($($t)*) } } }
    let (mut passed, mut failed) = (0, 0);
    let mut without_plays = Vec::new();
    for f in &found {
        let Some(plays_path) = &f.plays else {
            without_plays.push(f.scenario.display().to_string());
            continue;
        };
        let scenario = match files::load_usable(&f.scenario) {
            Ok(s) => s,
            Err(message) => {
                say!("test {} ... FAILED\n{message}", f.scenario.display());
                failed += 1;
                continue;
            }
        };
        let (text, _) = files::read(plays_path)?;
        let (plays, diagnostics) = validate_plays(&scenario, &text);
        if diagnostics.iter().any(|d| d.is_error()) {
            let file = SourceFile::new(plays_path.to_str().unwrap_or("plays"), &text);
            say!(
                "test {} ... FAILED\n{}",
                plays_path.display(),
                diagnostic::render(&file, &diagnostics)
            );
            failed += 1;
            continue;
        }
        for play in plays.map(|p| p.plays).unwrap_or_default() {
            let result = run_play(&scenario, &play);
            if json {
                json_runs.push(serde_json::json!({
                    "scenario": scenario.id,
                    "name": play.name,
                    "actions": play.actions,
                    "percent": result.report.as_ref().map(|r| r.percent),
                    "passed": result.report.as_ref().map(|r| r.passed),
                    "ok": result.passed(),
                    // The whole report, so the browser tests compare every criterion,
                    // level, piece of evidence and named score, not only the total.
                    "report": result.report,
                    "transcript": result.transcript,
                }));
            }
            let score = result.report.as_ref().map_or(String::new(), |r| {
                format!(
                    " ({}%, {})",
                    r.percent,
                    if r.passed { "pass" } else { "fail" }
                )
            });
            if result.passed() {
                passed += 1;
                say!("test {} :: {} ... ok{score}", scenario.id, play.name);
            } else {
                failed += 1;
                say!("test {} :: {} ... FAILED{score}", scenario.id, play.name);
                for failure in &result.failures {
                    say!("    {failure}");
                }
            }
        }
    }
    for name in &without_plays {
        say!(
            "note: {name} has no playthrough file ({})",
            files::PLAYS_SUFFIX
        );
    }
    if json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&json_runs).map_err(|e| e.to_string())?
        );
    }
    say!();
    say!(
        "test result: {}. {passed} passed; {failed} failed",
        if failed == 0 { "ok" } else { "FAILED" }
    );
    Ok(if failed == 0 && passed > 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
