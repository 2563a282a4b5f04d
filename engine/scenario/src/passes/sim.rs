//! The simulation model: its setup is inside the ranges the model (and a living
//! patient, or a real line) can have, every sim action and query belongs to the
//! model the scenario runs, every station named exists, and every history question
//! has an answer.

use firstshift_core::sim::{SetupKey, path_text};
use firstshift_core::{Condition, Effect};
use firstshift_patient::{PatientAction, Topic};

use super::{Ctx, choice, rubric, with};
use crate::diagnostic::{Code, Diagnostic};
use crate::sims::{SimAction, SimQuery, SimSetup};
use crate::tree::Key;
use crate::{Scenario, Sims};
use firstshift_line::LineSetup;

pub fn sim(ctx: &mut Ctx<'_>) {
    setup_ranges(ctx);
    let s = ctx.scenario;
    for (step_id, st) in &s.steps {
        for (i, c) in st.choices.iter().enumerate() {
            let base = choice(step_id, i);
            for (j, effect) in c.effects.iter().enumerate() {
                if let Effect::Sim(action) = effect {
                    action_here(
                        ctx,
                        action,
                        &with(base.clone(), [Key::Field("do"), Key::Index(j)]),
                    );
                }
            }
            if let Some(when) = &c.when {
                queries(ctx, when, &with(base.clone(), [Key::Field("when")]));
            }
            for (b, branch) in c.branches.iter().enumerate() {
                queries(
                    ctx,
                    &branch.when,
                    &with(base.clone(), [Key::Field("branches"), Key::Index(b)]),
                );
            }
        }
    }
    for (i, interrupt) in s.interrupts.iter().enumerate() {
        queries(
            ctx,
            &interrupt.when,
            &[Key::Field("interrupts"), Key::Index(i), Key::Field("when")],
        );
    }
    let r = &s.rubric;
    for (i, criterion) in r.criteria.iter().enumerate() {
        for (l, level) in criterion.levels.iter().enumerate() {
            queries(
                ctx,
                &level.when,
                &with(rubric("criteria", i), [Key::Field("levels"), Key::Index(l)]),
            );
        }
    }
    for (i, c) in r.critical.iter().enumerate() {
        queries(ctx, &c.required, &rubric("critical", i));
    }
    for (i, h) in r.harmful.iter().enumerate() {
        queries(ctx, &h.when, &rubric("harmful", i));
    }
}

fn setup_ranges(ctx: &mut Ctx<'_>) {
    let problems = match &ctx.scenario.sim {
        SimSetup::None => return,
        SimSetup::Patient(setup) => setup.problems(),
        SimSetup::Line(setup) => setup.problems(),
    };
    for problem in problems {
        // `sim: Patient(name: ..., ...)`: the variant's fields sit right under `sim`.
        let mut path = vec![Key::Field("sim")];
        path.extend(problem.path.iter().map(|k| match *k {
            SetupKey::Field(name) => Key::Field(name),
            SetupKey::Index(i) => Key::Index(i),
        }));
        let span = ctx.span(&path);
        ctx.push(
            Diagnostic::error(Code::OutOfRange, problem.message)
                .at(span, format!("`{}`", path_text(&problem.path)))
                .help(problem.help),
        );
    }
}

fn action_here(ctx: &mut Ctx<'_>, action: &SimAction, path: &[Key]) {
    let s = ctx.scenario;
    let model = action.model();
    if s.sim.model() != Some(model) {
        let span = ctx.span(path);
        ctx.push(wrong_model(s, model.name(), "action").at(span, "this action"));
        return;
    }
    if let (SimAction::Line(a), SimSetup::Line(setup)) = (action, &s.sim) {
        unknown_stations(ctx, setup, &a.stations(), path);
    }
    let (SimAction::Patient(PatientAction::Ask(topic)), SimSetup::Patient(setup)) =
        (action, &s.sim)
    else {
        return;
    };
    if !setup.answers.contains_key(topic) {
        let span = ctx.span(path);
        ctx.push(
            Diagnostic::warning(
                Code::NoAnswer,
                format!("the patient has no answer about `{topic:?}`"),
            )
            .at(span, "asked here")
            .help(no_answer_help(*topic)),
        );
    }
}

fn no_answer_help(topic: Topic) -> String {
    format!(
        "add it to the patient's answers: `answers: {{ {topic:?}: \"what they say\" }}`; \
         without one they say they are not sure"
    )
}

fn queries(ctx: &mut Ctx<'_>, condition: &Condition<Sims>, path: &[Key]) {
    let s = ctx.scenario;
    let mut wrong = Vec::new();
    let mut stations = Vec::new();
    condition.walk(&mut |c| {
        if let Condition::Sim(q) = c {
            if s.sim.model() != Some(q.model()) {
                wrong.push(q.model().name());
            } else if let SimQuery::Line(q) = q {
                stations.extend(q.stations().into_iter().map(str::to_string));
            }
        }
    });
    if let SimSetup::Line(setup) = &s.sim {
        let names: Vec<&str> = stations.iter().map(String::as_str).collect();
        unknown_stations(ctx, setup, &names, path);
    }
    for model in wrong {
        let span = ctx.span(path);
        ctx.push(wrong_model(s, model, "question").at(span, "in this condition"));
    }
}

fn unknown_stations(ctx: &mut Ctx<'_>, setup: &LineSetup, ids: &[&str], path: &[Key]) {
    for id in ids {
        if setup.station_index(id).is_some() {
            continue;
        }
        let known: Vec<&str> = setup.stations.iter().map(|s| s.id.as_str()).collect();
        let span = ctx.span(path);
        let mut d = Diagnostic::error(
            Code::UnknownStation,
            format!("the line has no station `{id}`"),
        )
        .at(span, "named here");
        d = match super::references::closest(id, known.iter().copied()) {
            Some(close) => d.help(format!(
                "did you mean `{close}`? The stations are: {}",
                known.join(", ")
            )),
            None => d.help(format!("the stations are: {}", known.join(", "))),
        };
        ctx.push(d);
    }
}

fn wrong_model(s: &Scenario, model: &str, what: &str) -> Diagnostic {
    let (message, help) = match s.sim.model() {
        None => (
            format!("this is a {model} {what}, but the scenario has no simulation (`sim: None`)"),
            format!("set `sim: {model}(...)` to run the {model} model, or remove it"),
        ),
        Some(other) => (
            format!(
                "this is a {model} {what}, but the scenario runs the {} model",
                other.name()
            ),
            format!("use one of the {} model's words here", other.name()),
        ),
    };
    Diagnostic::error(Code::WrongModel, message).help(help)
}
