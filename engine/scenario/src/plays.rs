//! Playthrough files: `<slug>.plays.ron` beside each scenario, named runs with the
//! result each must produce. `firstshift test` runs them; the validator checks
//! that they fit their scenario.

use std::collections::BTreeMap;
use std::sync::Arc;

use firstshift_core::{Seconds, Session, Transcript};
use firstshift_rubric::{ScoreReport, score_session};
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Code, Diagnostic};
use crate::load::{self, Parsed};
use crate::tree::Key;
use crate::{Scenario, SimCatalog};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Playthroughs {
    /// The id of the scenario these runs are for.
    pub scenario: String,
    pub plays: Vec<Play>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Play {
    pub name: String,
    #[serde(default)]
    pub seed: u64,
    /// What the student does, in order.
    pub actions: Vec<Action>,
    pub expect: Expect,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    /// Make the choice with this id.
    Choose(String),
    /// Let this many simulated seconds pass first.
    Wait(Seconds),
}

/// What the run must produce. Everything but `percent` and `passed` is optional.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// The ending step's id.
    #[serde(default)]
    pub ending: Option<String>,
    pub percent: u32,
    pub passed: bool,
    /// Criterion id → the name of the level reached, or `"none"`.
    #[serde(default)]
    pub levels: BTreeMap<String, String>,
    /// Ids of the critical actions missed (all of them, when given).
    #[serde(default)]
    pub critical_failures: Option<Vec<String>>,
    /// Ids of the harmful actions done (all of them, when given).
    #[serde(default)]
    pub harms: Option<Vec<String>>,
}

/// The outcome of running one playthrough.
#[derive(Debug, Clone)]
pub struct PlayResult {
    pub name: String,
    /// Why the run did not match; empty when it passed.
    pub failures: Vec<String>,
    pub report: Option<ScoreReport>,
    pub transcript: Option<Transcript>,
}

impl PlayResult {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

pub fn parse_plays(source: &str) -> Parsed<Playthroughs> {
    match load::check_bytes(source.as_bytes()) {
        Ok(text) => load::parse_ron(text),
        Err(d) => Parsed {
            value: None,
            tree: None,
            diagnostics: vec![d],
        },
    }
}

/// Plays the actions; `Err((action index, message))` when one cannot be done.
pub fn perform<K: SimCatalog>(
    scenario: &Arc<Scenario<K>>,
    play: &Play,
) -> Result<Session<K>, (usize, String)> {
    let (mut session, _) =
        Session::new(Arc::clone(scenario), play.seed).map_err(|e| (0, e.to_string()))?;
    for (i, action) in play.actions.iter().enumerate() {
        match action {
            // The time passes now (an interrupt may move the story meanwhile), so a
            // refused choice is told against the run as it then stands.
            Action::Wait(seconds) => {
                if !session.is_finished() {
                    let at = session
                        .clock()
                        .saturating_add(*seconds)
                        .min(session.horizon());
                    session.wait_until(at).map_err(|e| (i, e.to_string()))?;
                }
            }
            Action::Choose(id) => {
                let at = session.clock();
                if let Err(e) = session.choose(id, at) {
                    let offered: Vec<String> = session
                        .offered()
                        .iter()
                        .map(|c| format!("`{}`", c.id))
                        .collect();
                    let on_offer = if offered.is_empty() {
                        "nothing".to_string()
                    } else {
                        offered.join(", ")
                    };
                    return Err((
                        i,
                        format!("{e} (on offer at `{}`: {on_offer})", session.step_id()),
                    ));
                }
            }
        }
    }
    Ok(session)
}

/// Runs one playthrough and compares the result with its expectations.
pub fn run_play<K: SimCatalog>(scenario: &Arc<Scenario<K>>, play: &Play) -> PlayResult {
    let mut result = PlayResult {
        name: play.name.clone(),
        failures: Vec::new(),
        report: None,
        transcript: None,
    };
    let session = match perform(scenario, play) {
        Ok(session) => session,
        Err((i, message)) => {
            result
                .failures
                .push(format!("action #{}: {message}", i + 1));
            return result;
        }
    };
    let report = score_session(&session);
    let expect = &play.expect;
    let ending = session.ending().map(|_| session.step_id().to_string());
    if ending.is_none() {
        result.failures.push(format!(
            "the run did not reach an ending (it stopped at `{}`)",
            session.step_id()
        ));
    }
    if let Some(want) = &expect.ending
        && ending.as_ref() != Some(want)
    {
        result.failures.push(format!(
            "ending: expected `{want}`, got `{}`",
            ending.as_deref().unwrap_or("none")
        ));
    }
    if report.percent != expect.percent {
        result.failures.push(format!(
            "percent: expected {}, got {}",
            expect.percent, report.percent
        ));
    }
    if report.passed != expect.passed {
        result.failures.push(format!(
            "passed: expected {}, got {}",
            expect.passed, report.passed
        ));
    }
    for (criterion, want) in &expect.levels {
        match report.criteria.iter().find(|c| &c.id == criterion) {
            None => result
                .failures
                .push(format!("levels: there is no criterion `{criterion}`")),
            Some(c) => {
                let got = c.level.as_deref().unwrap_or("none");
                if got != want {
                    result.failures.push(format!(
                        "level of `{criterion}`: expected `{want}`, got `{got}`"
                    ));
                }
            }
        }
    }
    if let Some(want) = &expect.critical_failures {
        let got: Vec<String> = report
            .critical_failures
            .iter()
            .map(|c| c.id.clone())
            .collect();
        if !same_ids(&got, want) {
            result
                .failures
                .push(format!("critical_failures: expected {want:?}, got {got:?}"));
        }
    }
    if let Some(want) = &expect.harms {
        let got: Vec<String> = report.harms.iter().map(|h| h.id.clone()).collect();
        if !same_ids(&got, want) {
            result
                .failures
                .push(format!("harms: expected {want:?}, got {got:?}"));
        }
    }
    result.transcript = Some(session.transcript());
    result.report = Some(report);
    result
}

/// Whether two lists hold the same ids, in any order.
fn same_ids(a: &[String], b: &[String]) -> bool {
    let (mut a, mut b) = (a.to_vec(), b.to_vec());
    a.sort();
    b.sort();
    a == b
}

/// Validates a playthrough file against its scenario: the right scenario, every
/// action possible, every criterion named in `levels` real.
pub fn validate_plays<K: SimCatalog>(
    scenario: &Arc<Scenario<K>>,
    source: &str,
) -> (Option<Playthroughs>, Vec<Diagnostic>) {
    let parsed = parse_plays(source);
    let mut diagnostics = parsed.diagnostics;
    let (Some(plays), Some(tree)) = (parsed.value, parsed.tree) else {
        return (None, diagnostics);
    };
    if plays.scenario != scenario.id {
        let span = tree
            .lookup(&[Key::Field("scenario")])
            .map(|n| n.span.clone());
        diagnostics.push(
            Diagnostic::error(
                Code::PlaysOtherScenario,
                format!(
                    "these playthroughs are for `{}`, but the scenario beside them is `{}`",
                    plays.scenario, scenario.id
                ),
            )
            .at(span, "scenario id")
            .help(format!(
                "write `scenario: \"{}\"`, or move the file next to its scenario",
                scenario.id
            )),
        );
        return (Some(plays), diagnostics);
    }
    let mut reached = std::collections::BTreeSet::new();
    for (p, play) in plays.plays.iter().enumerate() {
        let play_path = [Key::Field("plays"), Key::Index(p)];
        let performed = perform(scenario, play);
        if let Ok(session) = &performed {
            reached.extend(session.history().visits.iter().map(|v| v.step.clone()));
        }
        if let Err((i, message)) = performed {
            let path = [
                play_path[0].clone(),
                play_path[1].clone(),
                Key::Field("actions"),
                Key::Index(i),
            ];
            let span = tree
                .lookup(&path)
                .or_else(|| tree.lookup(&play_path))
                .map(|n| n.span.clone());
            diagnostics.push(
                Diagnostic::error(
                    Code::PlaysBadChoice,
                    format!("playthrough `{}` cannot be played: {message}", play.name),
                )
                .at(span, "this action")
                .help("fix the choice id, or the choices before it so that this one is on offer"),
            );
        }
        for criterion in play.expect.levels.keys() {
            if !scenario.rubric.criteria.iter().any(|c| &c.id == criterion) {
                let path = [
                    play_path[0].clone(),
                    play_path[1].clone(),
                    Key::Field("expect"),
                    Key::Field("levels"),
                    Key::Entry(criterion.clone()),
                ];
                let span = tree.key_span(&path);
                diagnostics.push(
                    Diagnostic::error(
                        Code::PlaysUnknownExpectation,
                        format!("the rubric has no criterion `{criterion}`"),
                    )
                    .at(span, "unknown criterion")
                    .help("use the `id` of one of the rubric's criteria"),
                );
            }
        }
    }
    let untested: Vec<&String> = scenario
        .steps
        .keys()
        .filter(|id| !reached.contains(*id))
        .collect();
    // Coverage is judged only once every playthrough can be played.
    if !untested.is_empty() && !diagnostics.iter().any(Diagnostic::is_error) {
        let span = tree.key_span(&[Key::Field("plays")]);
        let names = untested
            .iter()
            .map(|id| format!("`{id}`"))
            .collect::<Vec<_>>()
            .join(", ");
        diagnostics.push(
            Diagnostic::warning(
                Code::PlaysLeaveStepUntested,
                format!(
                    "no playthrough reaches {} of the scenario's steps: {names}",
                    untested.len()
                ),
            )
            .at(span, "these playthroughs")
            .help("add a playthrough whose choices lead there, so a change that breaks that path shows up in `firstshift test`"),
        );
    }
    crate::sort(&mut diagnostics);
    (Some(plays), diagnostics)
}
