//! Numbers inside their sensible ranges; no empty text where a student would see it.

use firstshift_core::{Compare, Condition, Consequence};

use super::{Ctx, choice, rubric, step, with};
use crate::SimCatalog;
use crate::diagnostic::{Code, Diagnostic};
use crate::tree::Key;

/// The longest a scenario may claim to take, and one action may last (simulated).
const MAX_MINUTES: u32 = 240;
const MAX_ACTION_SECONDS: u64 = 7 * 24 * 3600;

pub fn values<K: SimCatalog>(ctx: &mut Ctx<'_, K>) {
    let s = ctx.scenario;
    for (field, text) in [
        ("title", &s.title),
        ("career", &s.career),
        ("summary", &s.summary),
        ("setting", &s.setting),
    ] {
        empty(ctx, text, vec![Key::Field(field)], field);
    }
    if s.objectives.is_empty() {
        let span = ctx.span(&[Key::Field("objectives")]);
        ctx.push(
            Diagnostic::error(Code::EmptyText, "the scenario has no learning objectives")
                .at(span, "empty list")
                .help("add at least one: `objectives: [\"Recognise when to escalate\"]`"),
        );
    }
    if !(1..=MAX_MINUTES).contains(&s.minutes) {
        range(
            ctx,
            vec![Key::Field("minutes")],
            format!("`minutes` must be between 1 and {MAX_MINUTES}"),
        );
    }

    for (step_id, st) in &s.steps {
        empty(
            ctx,
            &st.text,
            with(step(step_id), [Key::Field("text")]),
            "step text",
        );
        if let Some(ending) = &st.ending {
            empty(
                ctx,
                &ending.title,
                with(step(step_id), [Key::Field("ending"), Key::Field("title")]),
                "ending title",
            );
        }
        for (i, c) in st.choices.iter().enumerate() {
            let base = choice(step_id, i);
            empty(
                ctx,
                &c.label,
                with(base.clone(), [Key::Field("label")]),
                "choice label",
            );
            if c.takes_seconds > MAX_ACTION_SECONDS {
                range(
                    ctx,
                    with(base.clone(), [Key::Field("takes_seconds")]),
                    format!("`takes_seconds` of {} is more than a week", c.takes_seconds),
                );
            }
            if let Some(when) = &c.when {
                condition(ctx, when, &with(base.clone(), [Key::Field("when")]));
            }
            for (b, branch) in c.branches.iter().enumerate() {
                condition(
                    ctx,
                    &branch.when,
                    &with(base.clone(), [Key::Field("branches"), Key::Index(b)]),
                );
            }
        }
    }

    let r = &s.rubric;
    if r.pass_mark > 100 {
        range(
            ctx,
            vec![Key::Field("rubric"), Key::Field("pass_mark")],
            "`pass_mark` is a percentage: 0 to 100".into(),
        );
    }
    if r.criteria.is_empty() {
        let span = ctx.span(&[Key::Field("rubric"), Key::Field("criteria")]);
        ctx.push(
            Diagnostic::error(
                Code::NoCriteria,
                "the rubric has no criteria, so every run would score 0",
            )
            .at(span, "empty")
            .help("add at least one criterion with levels"),
        );
    }
    for (i, c) in r.criteria.iter().enumerate() {
        let base = rubric("criteria", i);
        empty(
            ctx,
            &c.title,
            with(base.clone(), [Key::Field("title")]),
            "criterion title",
        );
        if c.weight == 0 {
            range(
                ctx,
                with(base.clone(), [Key::Field("weight")]),
                "a criterion's `weight` must be at least 1".into(),
            );
        }
        if c.levels.is_empty() || c.levels.iter().all(|l| l.points == 0) {
            let span = ctx.span(&with(base.clone(), [Key::Field("levels")]));
            ctx.push(
                Diagnostic::error(
                    Code::OutOfRange,
                    format!("criterion `{}` has no level worth any points", c.id),
                )
                .at(span, "levels")
                .help("give the best level one or more points"),
            );
        }
        for (l, level) in c.levels.iter().enumerate() {
            let path = with(base.clone(), [Key::Field("levels"), Key::Index(l)]);
            empty(
                ctx,
                &level.feedback,
                with(path.clone(), [Key::Field("feedback")]),
                "feedback",
            );
            condition(ctx, &level.when, &with(path.clone(), [Key::Field("when")]));
            if l > 0 && level.points > c.levels[l - 1].points {
                let span = ctx.span(&with(path, [Key::Field("points")]));
                ctx.push(
                    Diagnostic::warning(
                        Code::LevelOrder,
                        format!("level `{}` is worth more than the level before it", level.name),
                    )
                    .at(span, "more points than the level above")
                    .help("levels are tried in order and the first that holds counts, so list the best first"),
                );
            }
        }
    }
    for (i, c) in r.critical.iter().enumerate() {
        if let Consequence::CapAt(cap) | Consequence::FailAndCapAt(cap) = c.if_missed
            && cap > 100
        {
            range(
                ctx,
                with(rubric("critical", i), [Key::Field("if_missed")]),
                "a cap is a percentage: 0 to 100".into(),
            );
        }
        condition(
            ctx,
            &c.required,
            &with(rubric("critical", i), [Key::Field("required")]),
        );
    }
    for (i, h) in r.harmful.iter().enumerate() {
        if h.penalty == 0 || h.penalty > 100 {
            range(
                ctx,
                with(rubric("harmful", i), [Key::Field("penalty")]),
                "a harmful action's `penalty` is 1 to 100 percentage points".into(),
            );
        }
        condition(
            ctx,
            &h.when,
            &with(rubric("harmful", i), [Key::Field("when")]),
        );
    }
}

fn condition<K: SimCatalog>(ctx: &mut Ctx<'_, K>, c: &Condition<K>, path: &[Key]) {
    let mut bad = Vec::new();
    c.walk(&mut |c| match c {
        Condition::ChoseBetween(_, from, to) if from > to => {
            bad.push(format!(
                "the time window {from}–{to} s ends before it starts"
            ));
        }
        Condition::Var(_, Compare::Between(lo, hi)) | Condition::Time(Compare::Between(lo, hi))
            if lo > hi =>
        {
            bad.push(format!(
                "`Between({lo}, {hi})` has its low end above its high end"
            ));
        }
        Condition::Var(_, cmp) | Condition::Time(cmp) if !finite(*cmp) => {
            bad.push("a comparison uses a number that is not finite".to_string());
        }
        Condition::All(list) | Condition::Any(list) if list.is_empty() => {
            bad.push("`All([])` and `Any([])` need at least one condition inside".to_string());
        }
        _ => {}
    });
    for message in bad {
        let span = ctx.span(path);
        ctx.push(
            Diagnostic::error(Code::OutOfRange, message)
                .at(span, "in this condition")
                .help("swap the two numbers, or fix the one that is wrong"),
        );
    }
}

fn finite(c: Compare) -> bool {
    match c {
        Compare::AtLeast(x)
        | Compare::AtMost(x)
        | Compare::Above(x)
        | Compare::Below(x)
        | Compare::Equals(x) => x.is_finite(),
        Compare::Between(a, b) => a.is_finite() && b.is_finite(),
    }
}

fn empty<K: SimCatalog>(ctx: &mut Ctx<'_, K>, text: &str, path: Vec<Key>, what: &str) {
    if text.trim().is_empty() {
        let span = ctx.span(&path);
        ctx.push(
            Diagnostic::error(Code::EmptyText, format!("the {what} is empty"))
                .at(span, "empty")
                .help("students see this text: write what they should read here"),
        );
    }
}

fn range<K: SimCatalog>(ctx: &mut Ctx<'_, K>, path: Vec<Key>, message: String) {
    let span = ctx.span(&path);
    ctx.push(
        Diagnostic::error(Code::OutOfRange, message)
            .at(span, "out of range")
            .help("see docs/authoring.md (Part 2: reference) for the allowed values"),
    );
}
