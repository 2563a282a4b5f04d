//! Career facts: every figure carries a source and a year, and figures live only in
//! `figures`, where they have one. A wage or a growth rate in free text would reach
//! students with nothing to tell them where it came from or how old it is.

use super::Ctx;
use crate::SimCatalog;
use crate::diagnostic::{Code, Diagnostic};
use crate::tree::Key;

/// Figures older than this, or later than next year, are most likely a typo.
const FIRST_YEAR: u32 = 1990;
const LAST_YEAR: u32 = 2100;

pub fn career<K: SimCatalog>(ctx: &mut Ctx<'_, K>) {
    let Some(facts) = &ctx.scenario.career_facts else {
        return;
    };
    let at = |more: &[Key]| {
        let mut path = vec![Key::Field("career_facts")];
        path.extend_from_slice(more);
        path
    };
    let mut found = Vec::new();
    for (field, text) in [("about", &facts.about), ("pathway", &facts.pathway)] {
        if text.trim().is_empty() {
            found.push(
                Diagnostic::error(Code::EmptyText, format!("the career's `{field}` is empty"))
                    .at(ctx.span(&at(&[Key::Field(field)])), "empty")
                    .help("students read this before and after playing: say what the job is, and how people get into it"),
            );
        }
    }
    let mut free_text: Vec<(Vec<Key>, &String)> = vec![
        (at(&[Key::Field("about")]), &facts.about),
        (at(&[Key::Field("pathway")]), &facts.pathway),
    ];
    for (i, t) in facts.tasks.iter().enumerate() {
        free_text.push((at(&[Key::Field("tasks"), Key::Index(i)]), t));
    }
    for (i, t) in facts.related.iter().enumerate() {
        free_text.push((at(&[Key::Field("related"), Key::Index(i)]), t));
    }
    for (path, text) in free_text {
        if text.contains('$') || text.contains('%') {
            found.push(
                Diagnostic::error(Code::FigureWithoutSource, "this text gives a figure (`$` or `%`) with no source")
                    .at(ctx.span(&path), "a figure")
                    .help("move it into `figures`, with its `source` and `year`: (label: \"Median pay\", value: \"$36,060 a year\", source: \"U.S. Bureau of Labor Statistics\", year: 2024)"),
            );
        }
    }
    for (i, figure) in facts.figures.iter().enumerate() {
        let path = at(&[Key::Field("figures"), Key::Index(i)]);
        if figure.source.trim().is_empty() {
            let mut source = path.clone();
            source.push(Key::Field("source"));
            found.push(
                Diagnostic::error(
                    Code::FigureWithoutSource,
                    format!("the figure `{}` has no source", figure.label),
                )
                .at(ctx.span(&source), "no source")
                .help("name who published it, e.g. \"U.S. Bureau of Labor Statistics, Occupational Outlook Handbook\""),
            );
        }
        if !(FIRST_YEAR..=LAST_YEAR).contains(&figure.year) {
            let mut year = path.clone();
            year.push(Key::Field("year"));
            found.push(
                Diagnostic::error(
                    Code::OutOfRange,
                    format!("the figure `{}` has the year {}", figure.label, figure.year),
                )
                .at(ctx.span(&year), "out of range")
                .help(format!(
                    "give the year the figure is for, {FIRST_YEAR}–{LAST_YEAR}"
                )),
            );
        }
        for (field, text) in [("label", &figure.label), ("value", &figure.value)] {
            if text.trim().is_empty() {
                let mut p = path.clone();
                p.push(Key::Field(field));
                found.push(
                    Diagnostic::error(Code::EmptyText, format!("a figure's `{field}` is empty"))
                        .at(ctx.span(&p), "empty")
                        .help("a figure has a label (what it measures) and a value"),
                );
            }
        }
    }
    for d in found {
        ctx.push(d);
    }
}
