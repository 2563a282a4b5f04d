//! The debrief as plain text: what the student did, how each criterion scored, and why.

use std::fmt::Write as _;

pub use firstshift_core::clock_text as clock;
use firstshift_core::condition::History;
use firstshift_rubric::ScoreReport;
use firstshift_sims::Scenario;

pub fn render(scenario: &Scenario, history: &History, report: &ScoreReport) -> String {
    let mut out = String::new();
    let verdict = if report.passed {
        "PASSED"
    } else {
        "NOT PASSED"
    };
    let _ = writeln!(out, "\n== Debrief: {} ==", scenario.title);
    if let Some(ending) = &report.ending {
        let _ = writeln!(out, "Ending: {} ({:?})", ending.title, ending.outcome);
    }
    let _ = writeln!(
        out,
        "Score: {}% — {verdict} (pass mark {}%)",
        report.percent, report.pass_mark
    );
    for failure in &report.critical_failures {
        let _ = writeln!(
            out,
            "\n!! Critical action missed: {}\n   {}",
            failure.title, failure.feedback
        );
    }
    for score in &report.scores {
        let _ = writeln!(out, "  {:<20} {:>3}%", score.title, score.percent);
    }
    let _ = writeln!(out, "\nCriteria:");
    for c in &report.criteria {
        let level = c.level.as_deref().unwrap_or("Not shown");
        let _ = writeln!(
            out,
            "- {} — {level} ({}/{} points, weight {})",
            c.title, c.points, c.max_points, c.weight
        );
        let _ = writeln!(out, "  {}", c.feedback);
        for e in &c.evidence {
            let _ = writeln!(
                out,
                "  · evidence: choice #{} `{}` at {}",
                e.index + 1,
                e.choice,
                clock(e.at)
            );
        }
    }
    if !report.harms.is_empty() {
        let _ = writeln!(out, "\nActions that cost points:");
        for h in &report.harms {
            let _ = writeln!(out, "- {} (−{} points): {}", h.title, h.penalty, h.feedback);
        }
    }
    let _ = writeln!(out, "\nTimeline:");
    for (i, r) in history.choices.iter().enumerate() {
        let label = scenario
            .choice(&r.choice)
            .map_or(r.choice.as_str(), |(_, c)| c.label.as_str());
        let _ = writeln!(out, "  {:>2}. {}  {label}", i + 1, clock(r.at));
    }
    if !report.practices_shown.is_empty() {
        let _ = writeln!(out, "\nCareer-Ready Practices shown:");
        for p in &report.practices_shown {
            let _ = writeln!(out, "- {}", p.title());
        }
    }
    out
}
