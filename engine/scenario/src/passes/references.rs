//! Ids are well formed and unique; every name used refers to something that exists.

use std::collections::{BTreeSet, HashMap};

use firstshift_core::{Condition, Effect};

use super::{Ctx, choice, rubric, step, with};
use crate::diagnostic::{Code, Diagnostic};
use crate::tree::Key;
use crate::{Scenario, SimCatalog};

/// Lowercase letters, digits, dashes and underscores: ids, and each half of a scenario id.
pub(crate) fn well_formed(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

pub fn ids<K: SimCatalog>(ctx: &mut Ctx<'_, K>) {
    let s = ctx.scenario;
    let scenario_id_ok =
        s.id.split_once('/')
            .is_some_and(|(cluster, slug)| well_formed(cluster) && well_formed(slug));
    if !scenario_id_ok {
        let span = ctx.span(&[Key::Field("id")]);
        ctx.push(
            Diagnostic::error(Code::BadId, format!("the scenario id `{}` is not of the form `folder/name`", s.id))
                .at(span, "scenario id")
                .help("use the folder and file name in lowercase with dashes, e.g. `hospitality/front-desk-overbooked`"),
        );
    }
    for id in s.steps.keys() {
        if !well_formed(id) {
            let span = ctx.key_span(&step(id));
            ctx.push(bad_id("step", id).at(span, "step id"));
        }
    }
    for (key, span) in ctx.tree.duplicate_map_keys(&[Key::Field("steps")]) {
        ctx.push(
            Diagnostic::error(
                Code::DuplicateKey,
                format!("there are two steps called `{key}`"),
            )
            .at(Some(span), "second step with this id")
            .help("give each step its own id; the second one would silently replace the first"),
        );
    }

    let mut seen: HashMap<&str, ()> = HashMap::new();
    for (step_id, st) in &s.steps {
        for (i, c) in st.choices.iter().enumerate() {
            let path = with(choice(step_id, i), [Key::Field("id")]);
            if !well_formed(&c.id) {
                let span = ctx.span(&path);
                ctx.push(bad_id("choice", &c.id).at(span, "choice id"));
            }
            if seen.insert(&c.id, ()).is_some() {
                let span = ctx.span(&path);
                ctx.push(
                    Diagnostic::error(Code::DuplicateId, format!("there are two choices with the id `{}`", c.id))
                        .at(span, "used before")
                        .help("choice ids must be unique in the whole scenario, because the rubric refers to them"),
                );
            }
        }
    }

    let r = &s.rubric;
    let groups: [(&'static str, Vec<&str>); 4] = [
        ("scores", r.scores.iter().map(|x| x.id.as_str()).collect()),
        (
            "criteria",
            r.criteria.iter().map(|x| x.id.as_str()).collect(),
        ),
        (
            "critical",
            r.critical.iter().map(|x| x.id.as_str()).collect(),
        ),
        ("harmful", r.harmful.iter().map(|x| x.id.as_str()).collect()),
    ];
    for (part, ids) in groups {
        let mut seen = BTreeSet::new();
        for (i, id) in ids.iter().enumerate() {
            let path = with(rubric(part, i), [Key::Field("id")]);
            if !well_formed(id) {
                let span = ctx.span(&path);
                ctx.push(bad_id("rubric", id).at(span, "id"));
            } else if !seen.insert(*id) {
                let span = ctx.span(&path);
                ctx.push(
                    Diagnostic::error(
                        Code::DuplicateId,
                        format!("`{id}` is used twice in the rubric's `{part}`"),
                    )
                    .at(span, "used before")
                    .help("give each one its own id"),
                );
            }
        }
    }
}

fn bad_id(what: &str, id: &str) -> Diagnostic {
    Diagnostic::error(
        Code::BadId,
        format!("the {what} id `{id}` may only use a-z, 0-9, `-` and `_`"),
    )
    .help(format!("for example `{}`", suggest_id(id)))
}

fn suggest_id(id: &str) -> String {
    let mut out = String::new();
    for c in id.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "first-step".into()
    } else {
        out
    }
}

pub fn references<K: SimCatalog>(ctx: &mut Ctx<'_, K>) {
    let s: &Scenario<K> = ctx.scenario;
    if !s.steps.contains_key(&s.start) {
        let span = ctx.span(&[Key::Field("start")]);
        ctx.push(unknown_step(s, &s.start).at(span, "no such step"));
    }
    for (step_id, st) in &s.steps {
        for (i, c) in st.choices.iter().enumerate() {
            let base = choice(step_id, i);
            if !s.steps.contains_key(&c.next) {
                let span = ctx.span(&with(base.clone(), [Key::Field("next")]));
                ctx.push(unknown_step(s, &c.next).at(span, "no such step"));
            }
            for (b, branch) in c.branches.iter().enumerate() {
                let path = with(base.clone(), [Key::Field("branches"), Key::Index(b)]);
                if !s.steps.contains_key(&branch.next) {
                    let span = ctx.span(&with(path.clone(), [Key::Field("next")]));
                    ctx.push(unknown_step(s, &branch.next).at(span, "no such step"));
                }
                check_condition(ctx, &branch.when, &with(path, [Key::Field("when")]));
            }
            if let Some(when) = &c.when {
                check_condition(ctx, when, &with(base.clone(), [Key::Field("when")]));
            }
            for (e, effect) in c.effects.iter().enumerate() {
                if let Effect::Set(name, _) | Effect::Add(name, _) = effect
                    && !s.variables.contains_key(name)
                {
                    let span = ctx.span(&with(base.clone(), [Key::Field("do"), Key::Index(e)]));
                    ctx.push(unknown_variable(s, name).at(span, "not declared"));
                }
            }
        }
    }
    for (i, interrupt) in s.interrupts.iter().enumerate() {
        let path = vec![Key::Field("interrupts"), Key::Index(i)];
        if !s.steps.contains_key(&interrupt.next) {
            let span = ctx.span(&with(path.clone(), [Key::Field("next")]));
            ctx.push(unknown_step(s, &interrupt.next).at(span, "no such step"));
        }
        check_condition(ctx, &interrupt.when, &with(path, [Key::Field("when")]));
    }
    if let Some(limit) = &s.time_limit
        && !s.steps.contains_key(&limit.next)
    {
        let span = ctx.span(&[Key::Field("time_limit"), Key::Field("next")]);
        ctx.push(unknown_step(s, &limit.next).at(span, "no such step"));
    }
    let r = &s.rubric;
    for (i, criterion) in r.criteria.iter().enumerate() {
        if !r.scores.iter().any(|n| n.id == criterion.score) {
            let span = ctx.span(&with(rubric("criteria", i), [Key::Field("score")]));
            let names: Vec<String> = r.scores.iter().map(|n| format!("`{}`", n.id)).collect();
            ctx.push(
                Diagnostic::error(
                    Code::UnknownScore,
                    format!("there is no named score `{}`", criterion.score),
                )
                .at(span, "not in `scores`")
                .help(if names.is_empty() {
                    "add it to the rubric's `scores: [(id: ..., title: ...)]`".to_string()
                } else {
                    format!(
                        "use one of {}, or add it to the rubric's `scores`",
                        names.join(", ")
                    )
                }),
            );
        }
        for (l, level) in criterion.levels.iter().enumerate() {
            let path = with(
                rubric("criteria", i),
                [Key::Field("levels"), Key::Index(l), Key::Field("when")],
            );
            check_condition(ctx, &level.when, &path);
        }
    }
    for (i, c) in r.critical.iter().enumerate() {
        check_condition(
            ctx,
            &c.required,
            &with(rubric("critical", i), [Key::Field("required")]),
        );
    }
    for (i, h) in r.harmful.iter().enumerate() {
        check_condition(
            ctx,
            &h.when,
            &with(rubric("harmful", i), [Key::Field("when")]),
        );
    }
}

fn check_condition<K: SimCatalog>(ctx: &mut Ctx<'_, K>, condition: &Condition<K>, path: &[Key]) {
    let s = ctx.scenario;
    let mut problems = Vec::new();
    condition.walk(&mut |c| match c {
        Condition::Chose(id)
        | Condition::ChoseWithin(id, _)
        | Condition::ChoseBetween(id, _, _)
            if s.choice(id).is_none() =>
        {
            problems.push(unknown_choice(s, id));
        }
        Condition::ChoseBefore(a, b) => {
            for id in [a, b] {
                if s.choice(id).is_none() {
                    problems.push(unknown_choice(s, id));
                }
            }
        }
        Condition::Visited(step) if !s.steps.contains_key(step) => {
            problems.push(unknown_step(s, step))
        }
        Condition::Var(name, _) if !s.variables.contains_key(name) => {
            problems.push(unknown_variable(s, name))
        }
        _ => {}
    });
    for problem in problems {
        let span = ctx.span(path);
        ctx.push(problem.at(span, "in this condition"));
    }
}

/// The candidate most like `name`, if any is close.
pub(super) fn closest<'a>(
    name: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::jaro_winkler(name, c), c))
        .filter(|(score, _)| *score > 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

fn unknown_step<K: SimCatalog>(s: &Scenario<K>, id: &str) -> Diagnostic {
    let d = Diagnostic::error(Code::UnknownStep, format!("there is no step called `{id}`"));
    match closest(id, s.steps.keys().map(String::as_str)) {
        Some(near) => d.help(format!(
            "did you mean `{near}`? Or add a step `\"{id}\": (...)` to `steps`"
        )),
        None => d.help(format!(
            "add a step `\"{id}\": (text: ..., choices: [...])` to `steps`, or fix the name"
        )),
    }
}

fn unknown_choice<K: SimCatalog>(s: &Scenario<K>, id: &str) -> Diagnostic {
    let d = Diagnostic::error(
        Code::UnknownChoice,
        format!("there is no choice with the id `{id}`"),
    );
    match closest(id, s.all_choices().map(|(_, c)| c.id.as_str())) {
        Some(near) => d.help(format!("did you mean `{near}`?")),
        None => {
            d.help("conditions name choices by their `id`; check the spelling or add the choice")
        }
    }
}

fn unknown_variable<K: SimCatalog>(s: &Scenario<K>, name: &str) -> Diagnostic {
    let d = Diagnostic::error(
        Code::UnknownVariable,
        format!("the variable `{name}` is not declared"),
    );
    match closest(name, s.variables.keys().map(String::as_str)) {
        Some(near) => d.help(format!(
            "did you mean `{near}`? Or declare it: `variables: {{ \"{name}\": 0 }}`"
        )),
        None => d.help(format!(
            "declare it with a start value: `variables: {{ \"{name}\": 0 }}`"
        )),
    }
}
