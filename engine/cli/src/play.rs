//! Plays a scenario in the terminal: numbered choices on standard input.

use std::io::{BufRead, Write};
use std::path::Path;
use std::process::ExitCode;

use firstshift_core::Event;
use firstshift_rubric::score_session;
use firstshift_sims::{Session, Sims};

use crate::debrief::{self, clock};
use crate::files;

pub fn run(path: &Path, seed: u64, transcript_out: Option<&Path>) -> Result<ExitCode, String> {
    let scenario = files::load_usable(path)?;
    outln!(
        "{}\n{} — {}\n{}\n",
        scenario.title,
        scenario.career,
        scenario.cluster.title(),
        scenario.setting
    );
    let (mut session, events) = Session::new(scenario.clone(), seed).map_err(|e| e.to_string())?;
    show(&scenario, &events);
    show_sim_status(&session);
    let stdin = std::io::stdin();
    let mut lines = stdin.lock().lines();
    while !session.is_finished() {
        let offered: Vec<(String, String)> = session
            .offered()
            .iter()
            .map(|c| (c.id.clone(), c.label.clone()))
            .collect();
        outln!();
        for (i, (_, label)) in offered.iter().enumerate() {
            outln!("  {}. {label}", i + 1);
        }
        out!(
            "[{}] choose 1-{} (q to quit): ",
            clock(session.clock()),
            offered.len()
        );
        std::io::stdout().flush().map_err(|e| e.to_string())?;
        let Some(line) = lines.next() else { break };
        let line = line.map_err(|e| e.to_string())?;
        let answer = line.trim();
        if answer.eq_ignore_ascii_case("q") {
            break;
        }
        match answer
            .parse::<usize>()
            .ok()
            .and_then(|n| n.checked_sub(1))
            .and_then(|i| offered.get(i))
        {
            Some((id, _)) => {
                let events = session
                    .choose(id, session.clock())
                    .map_err(|e| e.to_string())?;
                show(&scenario, &events);
                show_sim_status(&session);
            }
            None => outln!("Type a number from 1 to {}.", offered.len()),
        }
    }
    let report = score_session(&session);
    out!("{}", debrief::render(&scenario, session.history(), &report));
    if let Some(out) = transcript_out {
        let json =
            serde_json::to_string_pretty(&session.transcript()).map_err(|e| e.to_string())?;
        std::fs::write(out, json).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
        outln!(
            "\nTranscript written to {} (re-score it with `firstshift replay`).",
            out.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn show(scenario: &firstshift_sims::Scenario, events: &[Event<Sims>]) {
    for event in events {
        match event {
            Event::Response { text, .. } => outln!("\n> {text}"),
            Event::StepEntered { step, .. } => {
                if let Some(s) = scenario.steps.get(step) {
                    outln!("\n{}", s.text);
                }
            }
            Event::Sim(e) => outln!("  · {}", e.text()),
            // The next step's text says what happened; this says why the story moved.
            Event::Interrupted {
                rule: firstshift_core::Rule::TimeLimit,
                at,
                ..
            } => outln!("\n(Time is up: {}.)", firstshift_core::clock_text(*at)),
            Event::Interrupted { at, .. } => {
                outln!("\n(Meanwhile, at {}:)", firstshift_core::clock_text(*at))
            }
            Event::Ended { title, .. } => outln!("\n*** {title} ***"),
            Event::Stuck { step, .. } => {
                outln!("\n(The scenario has no choices at `{step}`; the run stops here.)")
            }
            _ => {}
        }
    }
}

/// The model's board (a production line's KPIs, a business's figures), after
/// every choice.
fn show_sim_status(session: &Session) {
    let lines = session.sim().status_lines();
    if !lines.is_empty() {
        outln!();
        for text in lines {
            outln!("  | {text}");
        }
    }
}
