use std::path::Path;
use std::process::ExitCode;

use firstshift_core::Transcript;
use firstshift_rubric::score_session;

use crate::{Format, debrief, files};

pub fn run(
    scenario_path: &Path,
    transcript_path: &Path,
    format: Format,
) -> Result<ExitCode, String> {
    let scenario = files::load_usable(scenario_path)?;
    let (text, _) = files::read(transcript_path)?;
    let transcript: Transcript = serde_json::from_str(&text).map_err(|e| {
        format!(
            "{} is not a FirstShift transcript: {e} (download it again from the player's debrief)",
            transcript_path.display()
        )
    })?;
    let (session, _) = transcript
        .replay(scenario.clone())
        .map_err(|e| format!("{}: {e}", transcript_path.display()))?;
    let report = score_session(&session);
    match format {
        Format::Json => outln!(
            "{}",
            serde_json::to_string_pretty(&report).map_err(|e| e.to_string())?
        ),
        Format::Text => out!("{}", debrief::render(&scenario, session.history(), &report)),
    }
    Ok(ExitCode::SUCCESS)
}
