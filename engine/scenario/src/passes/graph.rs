//! The story graph, ignoring conditions: every step reachable from `start` (or
//! from an interrupt or the time limit, which can fire anywhere), every step
//! either an ending or a step with choices, at least one ending, and no loop of
//! choices that nothing but the student's patience ends.

use std::collections::{BTreeSet, VecDeque};

use super::{Ctx, choice, step, with};
use crate::SimCatalog;
use crate::diagnostic::{Code, Diagnostic};
use crate::tree::Key;

pub fn graph<K: SimCatalog>(ctx: &mut Ctx<'_, K>) {
    let s = ctx.scenario;
    let mut reached = BTreeSet::new();
    let mut queue = VecDeque::from([s.start.as_str()]);
    queue.extend(s.rule_targets().map(|(_, next)| next));
    while let Some(id) = queue.pop_front() {
        let Some(st) = s.steps.get(id) else { continue };
        if !reached.insert(id) {
            continue;
        }
        queue.extend(successors(st));
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
    endless_loops(ctx);
    if !s.steps.values().any(|st| st.ending.is_some()) {
        let span = ctx.span(&[Key::Field("steps")]);
        ctx.push(
            Diagnostic::error(Code::NoEnding, "the scenario has no ending step")
                .at(span, "steps")
                .help("add a step with `ending: (title: \"...\", outcome: Success)` and lead a choice to it"),
        );
    }
}

fn successors<K: SimCatalog>(st: &firstshift_core::Step<K>) -> impl Iterator<Item = &str> {
    st.choices.iter().flat_map(|c| {
        c.branches
            .iter()
            .map(|b| b.next.as_str())
            .chain([c.next.as_str()])
    })
}

/// `when: Not(Chose("<its own id>"))` (alone or in an `All`): offered until it
/// is taken, so it cannot go round a loop twice.
fn taken_once<K: SimCatalog>(c: &firstshift_core::Choice<K>) -> bool {
    use firstshift_core::Condition;
    let once = |w: &Condition<K>| matches!(w, Condition::Not(inner) if **inner == Condition::Chose(c.id.clone()));
    match &c.when {
        Some(Condition::All(all)) => all.iter().any(once),
        Some(w) => once(w),
        None => false,
    }
}

/// A choice that leads back to where it was made from (through any number of
/// steps) can be taken for ever: a student who keeps pressing "Recheck" never
/// reaches an ending. A choice offered only until it is taken cannot go round
/// twice; an interrupt or a time limit can end any loop; otherwise the loop is
/// reported, once a step, at the choice that closes it, as a warning (a loop can
/// be the point, as long as something ends it).
fn endless_loops<K: SimCatalog>(ctx: &mut Ctx<'_, K>) {
    let s = ctx.scenario;
    // With no ending at all every loop is endless; FS0404 says the real problem.
    if s.has_rules() || !s.steps.values().any(|st| st.ending.is_some()) {
        return;
    }
    let reaches = |from: &str, to: &str| {
        let mut seen = BTreeSet::new();
        let mut queue = VecDeque::from([from]);
        while let Some(id) = queue.pop_front() {
            if id == to {
                return true;
            }
            // A run stops at an ending, so no loop goes through one.
            if let Some(st) = s.steps.get(id).filter(|st| st.ending.is_none())
                && seen.insert(id)
            {
                queue.extend(successors(st));
            }
        }
        false
    };
    let mut reported = BTreeSet::new();
    for (step_id, st) in s.steps.iter().filter(|(_, st)| st.ending.is_none()) {
        for (i, c) in st.choices.iter().enumerate() {
            if taken_once(c) {
                continue;
            }
            let closes = c
                .branches
                .iter()
                .map(|b| b.next.as_str())
                .chain([c.next.as_str()])
                .any(|next| reaches(next, step_id));
            // One loop, one warning: the steps it runs through are reported once.
            if !closes || !reported.insert(step_id.as_str()) {
                continue;
            }
            let span = ctx.span(&with(choice(step_id, i), [Key::Field("next")]));
            ctx.push(
                Diagnostic::warning(
                    Code::EndlessLoop,
                    format!("`{}` leads back to `{step_id}`, and nothing ends the loop", c.id),
                )
                .at(span, "a run can go round this loop for ever")
                .help("add a `time_limit: (seconds: ..., next: \"...\")`, or an `interrupts: [(when: ..., next: \"...\")]` rule that ends it (the patient arrests, the shift ends)"),
            );
        }
    }
}
