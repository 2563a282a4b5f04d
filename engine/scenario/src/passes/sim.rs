//! The simulation model: its setup is inside the ranges the model (and a living
//! patient, or a real line) can have, every sim action and question belongs to the
//! model the scenario runs, and the model's own checks on how its words are used
//! (a station the line has, a question the patient can answer) pass. The checks
//! themselves belong to each model ([`SimModel`](firstshift_core::SimModel)); this
//! pass names none.

use firstshift_core::sim::{SetupKey, UseProblem, UseProblemKind, path_text};
use firstshift_core::{Condition, Effect};

use super::{Ctx, choice, rubric, with};
use crate::diagnostic::{Code, Diagnostic};
use crate::tree::Key;
use crate::{Scenario, SimCatalog};

pub fn sim<K: SimCatalog>(ctx: &mut Ctx<'_, K>) {
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

fn setup_ranges<K: SimCatalog>(ctx: &mut Ctx<'_, K>) {
    for problem in K::setup_problems(&ctx.scenario.sim) {
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

fn action_here<K: SimCatalog>(ctx: &mut Ctx<'_, K>, action: &K::Action, path: &[Key]) {
    let s = ctx.scenario;
    let model = K::action_model(action);
    if K::setup_model(&s.sim) != Some(model) {
        let span = ctx.span(path);
        ctx.push(wrong_model(s, model, "action").at(span, "this action"));
        return;
    }
    for problem in K::action_problems(&s.sim, action) {
        push_use_problem(ctx, problem, path);
    }
}

fn queries<K: SimCatalog>(ctx: &mut Ctx<'_, K>, condition: &Condition<K>, path: &[Key]) {
    let s = ctx.scenario;
    let mut wrong = Vec::new();
    let mut problems = Vec::new();
    condition.walk(&mut |c| {
        if let Condition::Sim(q) = c {
            let model = K::query_model(q);
            if K::setup_model(&s.sim) != Some(model) {
                wrong.push(model);
            } else {
                problems.extend(K::query_problems(&s.sim, q));
            }
        }
    });
    for problem in problems {
        push_use_problem(ctx, problem, path);
    }
    for model in wrong {
        let span = ctx.span(path);
        ctx.push(wrong_model(s, model, "question").at(span, "in this condition"));
    }
}

/// A model's problem with one of its words, as a diagnostic on the word's place;
/// an unknown name is offered the closest of the names the setup has.
fn push_use_problem<K: SimCatalog>(ctx: &mut Ctx<'_, K>, problem: UseProblem, path: &[Key]) {
    let span = ctx.span(path);
    let (d, close) = match &problem.kind {
        UseProblemKind::UnknownName { name, known } => (
            Diagnostic::error(Code::UnknownName, problem.message),
            super::references::closest(name, known.iter().map(String::as_str)),
        ),
        UseProblemKind::NoAnswer => (Diagnostic::warning(Code::NoAnswer, problem.message), None),
    };
    let help = match close {
        Some(close) => format!("did you mean `{close}`? {}", capitalised(&problem.help)),
        None => problem.help,
    };
    ctx.push(d.at(span, problem.label).help(help));
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn wrong_model<K: SimCatalog>(s: &Scenario<K>, model: &str, what: &str) -> Diagnostic {
    let (message, help) = match K::setup_model(&s.sim) {
        None => (
            format!("this is a {model} {what}, but the scenario has no simulation (`sim: None`)"),
            format!("set `sim: {model}(...)` to run the {model} model, or remove it"),
        ),
        Some(other) => (
            format!("this is a {model} {what}, but the scenario runs the {other} model"),
            format!("use one of the {other} model's words here"),
        ),
    };
    Diagnostic::error(Code::WrongModel, message).help(help)
}
