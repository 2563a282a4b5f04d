//! Lints: warnings about a scenario that works but may not be what the teacher
//! meant, or may not read well where students play it (a phone, a student reading
//! below the text's level).

use firstshift_core::Audience;

use super::{Ctx, choice, step, with};
use crate::SimCatalog;
use crate::diagnostic::{Code, Diagnostic};
use crate::tree::Key;

/// A phone shows about 35 characters a line; past these lengths a step's text or a
/// choice's button fills the screen before the student sees what to do.
pub const MAX_STEP_TEXT: usize = 500;
pub const MAX_LABEL: usize = 180;
pub const MAX_RESPONSE: usize = 400;

/// Readability formulas are noisy on short text; below this many words a step is
/// not judged.
const MIN_WORDS_FOR_READING_LEVEL: usize = 40;
/// "Well above" the audience: this many grades over its top grade.
const READING_GRADE_MARGIN: f64 = 2.0;

pub fn style<K: SimCatalog>(ctx: &mut Ctx<'_, K>) {
    weights(ctx);
    lengths(ctx);
    reading_level(ctx);
}

/// Criterion weights are relative, so any total works; but uneven weights that do
/// not add up to 100 usually mean one was forgotten or mistyped. (One criterion, or
/// equal weights such as 1, 1, 1, are clearly meant as they are.)
fn weights<K: SimCatalog>(ctx: &mut Ctx<'_, K>) {
    let criteria = &ctx.scenario.rubric.criteria;
    let all_equal = criteria.windows(2).all(|w| w[0].weight == w[1].weight);
    if all_equal {
        return;
    }
    let total: u32 = criteria.iter().map(|c| c.weight).sum();
    if total != 100 {
        let listed = criteria
            .iter()
            .map(|c| format!("{} {}", c.id, c.weight))
            .collect::<Vec<_>>()
            .join(", ");
        let span = ctx.key_span(&[Key::Field("rubric"), Key::Field("criteria")]);
        ctx.push(
            Diagnostic::warning(
                Code::WeightsNot100,
                format!("the criteria's weights add up to {total}, not 100 ({listed})"),
            )
            .at(span, "criteria")
            .help(
                "weights are shares of the score; make them add up to 100 so each reads as a percentage (the score is the same either way)",
            ),
        );
    }
}

fn lengths<K: SimCatalog>(ctx: &mut Ctx<'_, K>) {
    let mut found = Vec::new();
    for (id, s) in &ctx.scenario.steps {
        let chars = s.text.chars().count();
        if chars > MAX_STEP_TEXT {
            found.push((
                with(step(id), [Key::Field("text")]),
                format!("step `{id}`'s text is {chars} characters"),
                MAX_STEP_TEXT,
                "split it into two steps, or move detail into a choice's `response`",
            ));
        }
        for (i, c) in s.choices.iter().enumerate() {
            let chars = c.label.chars().count();
            if chars > MAX_LABEL {
                found.push((
                    with(choice(id, i), [Key::Field("label")]),
                    format!("choice `{}`'s label is {chars} characters", c.id),
                    MAX_LABEL,
                    "a button should say what the student does; put the rest in `response`",
                ));
            }
            let chars = c.response.as_deref().map_or(0, |r| r.chars().count());
            if chars > MAX_RESPONSE {
                found.push((
                    with(choice(id, i), [Key::Field("response")]),
                    format!("choice `{}`'s response is {chars} characters", c.id),
                    MAX_RESPONSE,
                    "put what happens next in the next step's text",
                ));
            }
        }
    }
    for (path, message, limit, help) in found {
        let span = ctx.span(&path);
        ctx.push(
            Diagnostic::warning(
                Code::TooLongForPhone,
                format!("{message}; over {limit} is more than a phone screen"),
            )
            .at(span, "long text")
            .help(help),
        );
    }
}

/// Each step's words (its text, its choices and their responses), as a student
/// reads them together, against the scenario's audience.
fn reading_level<K: SimCatalog>(ctx: &mut Ctx<'_, K>) {
    let audience = ctx.scenario.audience.unwrap_or(Audience::HighSchool);
    let limit = f64::from(audience.top_grade()) + READING_GRADE_MARGIN;
    let mut found = Vec::new();
    for (id, s) in &ctx.scenario.steps {
        let mut words = vec![s.text.as_str()];
        for c in &s.choices {
            words.push(&c.label);
            words.extend(c.response.as_deref());
        }
        // Labels are phrases without a full stop; end each so it counts as a sentence.
        let text = words
            .iter()
            .map(|w| w.trim_end_matches(['.', '!', '?']))
            .collect::<Vec<_>>()
            .join(". ");
        if textstat::lexicon_count(&text) < MIN_WORDS_FOR_READING_LEVEL {
            continue;
        }
        let grade = textstat::flesch_kincaid_grade(&text);
        if grade > limit {
            found.push((id.clone(), grade));
        }
    }
    for (id, grade) in found {
        let span = ctx.key_span(&step(&id));
        ctx.push(
            Diagnostic::warning(
                Code::ReadingLevel,
                format!(
                    "step `{id}` reads at about grade {grade:.0} (Flesch-Kincaid), well above {}",
                    audience.describe()
                ),
            )
            .at(span, "this step's text and choices")
            .help(
                "use shorter sentences and everyday words, and explain a technical term the first time; or set `audience: PostSecondary` if that is who it is for",
            ),
        );
    }
}
