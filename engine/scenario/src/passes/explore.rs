//! Plays the scenario every way it can be played (within a budget) and checks
//! what only running it can show: runs that get stuck because conditions hide
//! every choice, choices that are never offered, endings no run reaches, and
//! rubric levels no run can earn.
//!
//! Runs are explored with every choice made at once (no waiting), so a condition
//! that needs time to pass first (`ChoseBetween` with a start above zero, `Time`),
//! or that asks the simulation model, is not judged unreachable: the explorer
//! cannot prove it.

use std::collections::{BTreeSet, HashSet};
use std::sync::Arc;

use firstshift_core::{Compare, Condition, Session};

use super::{Ctx, choice, rubric, step, with};
use crate::diagnostic::{Code, Diagnostic};
use crate::tree::Key;
use crate::{Scenario, SimCatalog};

/// At most this many `choose` calls in one exploration.
const BUDGET: usize = 100_000;
/// With a simulation model every `choose` also runs the model for the choice's
/// time (seconds of physiology, hours of a line), so the budget is smaller: the
/// validator must stay quick in the browser, where a teacher's file is checked as it
/// loads. A scenario that needs more is explored in part, and only what was found is
/// reported.
const SIM_BUDGET: usize = 3_000;
/// Longest run explored.
const MAX_RUN: usize = 200;

/// What exploring a scenario found.
#[derive(Debug, Default)]
pub struct Exploration {
    /// Every run was explored (the budget was not exhausted).
    pub complete: bool,
    pub runs: usize,
    pub endings_reached: BTreeSet<String>,
    /// Steps where some run got stuck, with the run's choices up to there.
    pub stuck: Vec<(String, Vec<String>)>,
    pub choices_offered: HashSet<String>,
    /// (criterion index, level index) reached by some run.
    pub levels_reached: HashSet<(usize, usize)>,
    pub critical_met: HashSet<usize>,
    pub harm_done: HashSet<usize>,
}

pub fn explore<K: SimCatalog>(scenario: &Arc<Scenario<K>>) -> Exploration {
    let mut out = Exploration {
        complete: true,
        ..Exploration::default()
    };
    let Ok((session, _)) = Session::new(Arc::clone(scenario), 0) else {
        return out;
    };
    let sensitive = Sensitive::of(scenario);
    let budget = if K::setup_model(&scenario.sim).is_some() {
        SIM_BUDGET
    } else {
        BUDGET
    };
    let mut seen = HashSet::new();
    let mut stack = vec![session];
    let mut spent = 0;
    while let Some(session) = stack.pop() {
        if session.is_finished() {
            record_run(scenario, &session, &mut out);
            continue;
        }
        if session.history().choices.len() >= MAX_RUN {
            out.complete = false;
            continue;
        }
        if !seen.insert(sensitive.key(&session)) {
            continue;
        }
        for c in session.offered() {
            out.choices_offered.insert(c.id.clone());
            if spent >= budget {
                out.complete = false;
                continue;
            }
            spent += 1;
            let mut next = session.clone();
            if next.choose(&c.id, next.clock()).is_ok() {
                stack.push(next);
            }
        }
    }
    out
}

fn record_run<K: SimCatalog>(scenario: &Scenario<K>, session: &Session<K>, out: &mut Exploration) {
    out.runs += 1;
    let history = session.history();
    let sim = |q: &_| firstshift_core::SimState::holds(session.sim(), q);
    if session.ending().is_some() {
        out.endings_reached.insert(session.step_id().to_string());
    } else {
        out.stuck.push((
            session.step_id().to_string(),
            history.choices.iter().map(|r| r.choice.clone()).collect(),
        ));
    }
    for (ci, criterion) in scenario.rubric.criteria.iter().enumerate() {
        if let Some(li) = criterion
            .levels
            .iter()
            .position(|l| l.when.holds(history, &sim))
        {
            out.levels_reached.insert((ci, li));
        }
    }
    for (i, c) in scenario.rubric.critical.iter().enumerate() {
        if c.required.holds(history, &sim) {
            out.critical_met.insert(i);
        }
    }
    for (i, h) in scenario.rubric.harmful.iter().enumerate() {
        if h.when.holds(history, &sim) {
            out.harm_done.insert(i);
        }
    }
}

/// What about a run's past can change what happens next. Two runs at the same step,
/// with the same variables and the same set of choices made,
/// continue identically, as long as they also agree on the order of the choices some
/// `ChoseBefore` compares and the times of the choices some `ChoseWithin` or
/// `ChoseBetween` times. Keying on exactly that (not on the whole order) keeps a
/// checklist of n choices in any order from costing n! runs.
struct Sensitive {
    ordered: HashSet<String>,
    timed: HashSet<String>,
}

impl Sensitive {
    fn of<K: SimCatalog>(scenario: &Scenario<K>) -> Sensitive {
        let mut found = Sensitive {
            ordered: HashSet::new(),
            timed: HashSet::new(),
        };
        let mut visit = |c: &Condition<K>| {
            c.walk(&mut |c| match c {
                Condition::ChoseBefore(a, b) => {
                    found.ordered.insert(a.clone());
                    found.ordered.insert(b.clone());
                }
                Condition::ChoseWithin(a, _) | Condition::ChoseBetween(a, _, _) => {
                    found.timed.insert(a.clone());
                }
                _ => {}
            })
        };
        for st in scenario.steps.values() {
            for c in &st.choices {
                if let Some(when) = &c.when {
                    visit(when);
                }
                for b in &c.branches {
                    visit(&b.when);
                }
            }
        }
        let r = &scenario.rubric;
        for criterion in &r.criteria {
            for level in &criterion.levels {
                visit(&level.when);
            }
        }
        for c in &r.critical {
            visit(&c.required);
        }
        for h in &r.harmful {
            visit(&h.when);
        }
        found
    }

    fn key<K: SimCatalog>(&self, session: &Session<K>) -> String {
        let mut made: Vec<&str> = Vec::new();
        let mut order: Vec<&str> = Vec::new();
        let mut times: Vec<(&str, u64)> = Vec::new();
        for r in &session.history().choices {
            let id = r.choice.as_str();
            if made.contains(&id) {
                continue;
            }
            made.push(id);
            if self.ordered.contains(id) {
                order.push(id);
            }
            if self.timed.contains(id) {
                times.push((id, r.at));
            }
        }
        made.sort_unstable();
        format!(
            "{}|{made:?}|{order:?}|{times:?}|{:?}",
            session.step_id(),
            session.history().variables
        )
    }
}

/// Whether a condition may need time to pass, which the explorer does not try, or
/// asks the simulation model, whose state the explorer does not tell apart (two runs
/// that made the same choices in a different rhythm meet as one).
fn needs_waiting<K: SimCatalog>(c: &Condition<K>) -> bool {
    let mut waits = false;
    c.walk(&mut |c| match c {
        Condition::ChoseBetween(_, from, _) if *from > 0 => waits = true,
        Condition::Time(cmp) if !matches!(cmp, Compare::AtMost(_) | Compare::Below(_)) => {
            waits = true
        }
        Condition::Not(_) => waits = true, // `Not(ChoseWithin(..))` may need a slow run.
        Condition::Sim(_) => waits = true,
        _ => {}
    });
    waits
}

pub fn explore_pass<K: SimCatalog>(ctx: &mut Ctx<'_, K>) {
    // Exploring a graph with broken references or dead ends would only find the
    // same problems again; other errors (a value out of range) do not matter here.
    let graph_broken = ctx
        .diagnostics
        .iter()
        .any(|d| d.is_error() && matches!(d.code.as_str().get(..4), Some("FS03" | "FS04")));
    if graph_broken {
        return;
    }
    let found = explore(ctx.scenario);
    let s = ctx.scenario;

    let mut stuck_steps = BTreeSet::new();
    for (step_id, run) in &found.stuck {
        if !stuck_steps.insert(step_id.clone()) {
            continue;
        }
        let span = ctx.key_span(&step(step_id));
        ctx.push(
            Diagnostic::error(Code::CanGetStuck, format!("a run can reach `{step_id}` with no choice on offer"))
                .at(span, "stuck here")
                .help(format!(
                    "after the choices [{}] every choice's `when` is false; add a choice with no `when`",
                    run.join(", ")
                )),
        );
    }
    if found.complete && found.endings_reached.is_empty() {
        let span = ctx.span(&[Key::Field("start")]);
        ctx.push(
            Diagnostic::error(Code::NoEnding, "no run of this scenario reaches an ending")
                .at(span, "start")
                .help("make sure some path of choices leads to a step with `ending`"),
        );
    }
    if !found.complete {
        return; // The rest would be guesses.
    }
    for (step_id, st) in &s.steps {
        for (i, c) in st.choices.iter().enumerate() {
            if !found.choices_offered.contains(&c.id) {
                let span = ctx.span(&with(choice(step_id, i), [Key::Field("when")]));
                ctx.push(
                    Diagnostic::warning(
                        Code::ChoiceNeverOffered,
                        format!("the choice `{}` is never offered", c.id),
                    )
                    .at(span, "this is false whenever a run reaches the step")
                    .help("check its `when` condition against the choices that lead here"),
                );
            }
        }
    }
    for (ci, criterion) in s.rubric.criteria.iter().enumerate() {
        for (li, level) in criterion.levels.iter().enumerate() {
            if !found.levels_reached.contains(&(ci, li)) && !needs_waiting(&level.when) {
                let span = ctx.span(&with(
                    rubric("criteria", ci),
                    [Key::Field("levels"), Key::Index(li), Key::Field("when")],
                ));
                ctx.push(
                    Diagnostic::error(
                        Code::LevelUnreachable,
                        format!("no run can reach level `{}` of criterion `{}`", level.name, criterion.id),
                    )
                    .at(span, "never true at the end of a run (or an earlier level always wins)")
                    .help(format!(
                        "{} runs were tried; check the choices this condition names are on one path, and that a level above it does not always hold first",
                        found.runs
                    )),
                );
            }
        }
    }
    for (i, c) in s.rubric.critical.iter().enumerate() {
        if !found.critical_met.contains(&i) && !needs_waiting(&c.required) {
            let span = ctx.span(&with(rubric("critical", i), [Key::Field("required")]));
            ctx.push(
                Diagnostic::error(
                    Code::CriticalAlwaysMissed,
                    format!("no run can meet the critical action `{}`", c.id),
                )
                .at(span, "never true at the end of a run")
                .help("every student would fail; check the choices this condition names"),
            );
        }
    }
    for (i, h) in s.rubric.harmful.iter().enumerate() {
        if !found.harm_done.contains(&i) && !needs_waiting(&h.when) {
            let span = ctx.span(&with(rubric("harmful", i), [Key::Field("when")]));
            ctx.push(
                Diagnostic::warning(
                    Code::HarmNeverPossible,
                    format!("no run can do the harmful action `{}`", h.id),
                )
                .at(span, "never true at the end of a run")
                .help("check the choices this condition names; as written it never costs points"),
            );
        }
    }
}
