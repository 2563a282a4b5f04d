//! The story graph, ignoring conditions: every step reachable from `start`, every
//! step either an ending or a step with choices, and at least one ending.

use std::collections::{BTreeSet, VecDeque};

use super::{Ctx, step, with};
use crate::diagnostic::{Code, Diagnostic};
use crate::tree::Key;

pub fn graph(ctx: &mut Ctx<'_>) {
    let s = ctx.scenario;
    let mut reached = BTreeSet::new();
    let mut queue = VecDeque::from([s.start.as_str()]);
    while let Some(id) = queue.pop_front() {
        let Some(st) = s.steps.get(id) else { continue };
        if !reached.insert(id) {
            continue;
        }
        for c in &st.choices {
            queue.extend(
                c.branches
                    .iter()
                    .map(|b| b.next.as_str())
                    .chain([c.next.as_str()]),
            );
        }
    }
    let start_exists = s.steps.contains_key(&s.start);
    for (id, st) in &s.steps {
        let path = step(id);
        if start_exists && !reached.contains(id.as_str()) {
            let span = ctx.key_span(&path);
            ctx.push(
                Diagnostic::error(
                    Code::Unreachable,
                    format!("no choice leads to the step `{id}`"),
                )
                .at(span, "unreachable")
                .help(format!(
                    "point a choice's `next` at \"{id}\", or delete the step"
                )),
            );
        }
        match (&st.ending, st.choices.is_empty()) {
            (None, true) => {
                let span = ctx.key_span(&path);
                ctx.push(
                    Diagnostic::error(Code::DeadEnd, format!("the step `{id}` has no choices and is not an ending"))
                        .at(span, "no way forward")
                        .help("add choices, or make it an ending: `ending: (title: \"...\", outcome: Success)`"),
                );
            }
            (Some(_), false) => {
                let span = ctx.span(&with(path, [Key::Field("choices")]));
                ctx.push(
                    Diagnostic::error(
                        Code::EndingWithChoices,
                        format!("the ending `{id}` also has choices"),
                    )
                    .at(span, "a run stops at an ending, so these are never offered")
                    .help("remove the choices, or remove `ending` to make it an ordinary step"),
                );
            }
            _ => {}
        }
    }
    if !s.steps.values().any(|st| st.ending.is_some()) {
        let span = ctx.span(&[Key::Field("steps")]);
        ctx.push(
            Diagnostic::error(Code::NoEnding, "the scenario has no ending step")
                .at(span, "steps")
                .help("add a step with `ending: (title: \"...\", outcome: Success)` and lead a choice to it"),
        );
    }
}
