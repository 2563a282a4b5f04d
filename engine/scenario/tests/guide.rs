//! The authoring guide's examples are part of the test suite, so the guide cannot
//! drift from the format. In `docs/authoring.md`:
//!
//! * every ```` ```ron ```` block follows a `<!-- check: KIND -->` line, and is checked
//!   as KIND: `scenario` (loads with no errors and no warnings), `plays` (its
//!   playthroughs pass against the last `scenario` block), `error FSxxxx` (a broken
//!   file that gets that code), or a fragment that must deserialize as that part of a
//!   file: `steps`, `choice`, `sim`, `rubric`, `career-facts`, `interrupts`, `time-limit`,
//!   `plays-format`; or `translation` (a
//!   translation of the last `scenario` block, with no stale or unknown strings);
//! * a `<!-- check-table: KIND -->` line before a table checks the code in each row's
//!   first column: `condition`, `effect`, `sim-question` (a condition inside
//!   `Sim(...)`), `patient-condition`;
//! * a `<!-- check-inline: effect -->` line before a paragraph checks each `Sim(...)`
//!   in it as an effect.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use firstshift_core::{CareerFacts, Choice, Condition, Effect, Interrupt, Rubric, Step, TimeLimit};
use firstshift_patient::setup::PatientCondition;
use firstshift_scenario::load::parse_ron;
use firstshift_scenario::plays::{parse_plays, run_play, validate_plays};
use firstshift_scenario::translate::check_translation;
use firstshift_scenario::{Code, load_scenario};
use firstshift_sims::{Scenario, SimSetup, Sims};
use serde::de::DeserializeOwned;

fn guide() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/authoring.md");
    std::fs::read_to_string(path).expect("docs/authoring.md exists")
}

/// Deserializes `text` as `T`, or says why not.
fn parses<T: DeserializeOwned>(text: &str) -> Result<(), String> {
    let parsed = parse_ron::<T>(text);
    if parsed.value.is_some() && parsed.diagnostics.iter().all(|d| !d.is_error()) {
        Ok(())
    } else {
        Err(format!(
            "{:?}",
            parsed
                .diagnostics
                .iter()
                .map(|d| &d.message)
                .collect::<Vec<_>>()
        ))
    }
}

/// `sim: Patient(...),` or `rubric: (...),` without the field name and the comma.
fn field_value<'a>(text: &'a str, field: &str) -> &'a str {
    let text = text.trim();
    let text = text
        .strip_prefix(field)
        .map_or(text, |t| t.trim_start().trim_start_matches(':'));
    text.trim().trim_end_matches(',')
}

struct Block {
    line: usize,
    kind: String,
    text: String,
}

fn ron_blocks(doc: &str) -> Vec<Block> {
    let lines: Vec<&str> = doc.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() == "```ron" {
            let kind = lines[..i]
                .iter()
                .rev()
                .find(|l| !l.trim().is_empty())
                .and_then(|l| l.trim().strip_prefix("<!-- check: "))
                .and_then(|l| l.strip_suffix(" -->"))
                .unwrap_or_else(|| panic!("docs/authoring.md:{}: a ```ron block without `<!-- check: KIND -->` before it", i + 1))
                .to_string();
            let end = (i + 1..lines.len())
                .find(|&j| lines[j].trim() == "```")
                .expect("an unclosed ```ron block");
            out.push(Block {
                line: i + 1,
                kind,
                text: lines[i + 1..end].join("\n"),
            });
            i = end;
        }
        i += 1;
    }
    out
}

#[test]
fn every_example_in_the_guide_is_valid() {
    let doc = guide();
    let blocks = ron_blocks(&doc);
    assert!(
        blocks.len() >= 10,
        "the guide should have examples; found {}",
        blocks.len()
    );
    let mut last_scenario: Option<Arc<Scenario>> = None;
    let mut failures = Vec::new();
    for block in &blocks {
        let at = format!("docs/authoring.md:{} ({})", block.line, block.kind);
        let result: Result<(), String> = match block.kind.as_str() {
            "scenario" => {
                let loaded = load_scenario::<Sims>(&block.text);
                if loaded.diagnostics.is_empty() {
                    last_scenario = loaded.scenario;
                    Ok(())
                } else {
                    Err(format!("{:#?}", loaded.diagnostics))
                }
            }
            "plays" => match &last_scenario {
                None => Err("no scenario block before these playthroughs".into()),
                Some(scenario) => {
                    let (plays, diagnostics) = validate_plays(scenario, &block.text);
                    let mut problems: Vec<String> =
                        diagnostics.iter().map(|d| d.message.clone()).collect();
                    for play in plays.map(|p| p.plays).unwrap_or_default() {
                        problems.extend(run_play(scenario, &play).failures);
                    }
                    if problems.is_empty() {
                        Ok(())
                    } else {
                        Err(problems.join("; "))
                    }
                }
            },
            "plays-format" => {
                let parsed = parse_plays(&block.text);
                if parsed.value.is_some() {
                    Ok(())
                } else {
                    Err(format!("{:?}", parsed.diagnostics))
                }
            }
            "steps" => parses::<BTreeMap<String, Step<Sims>>>(&format!("{{{}}}", block.text)),
            "choice" => parses::<Choice<Sims>>(block.text.trim().trim_end_matches(',')),
            "sim" => parses::<SimSetup>(field_value(&block.text, "sim")),
            "rubric" => parses::<Rubric<Sims>>(field_value(&block.text, "rubric")),
            "career-facts" => parses::<CareerFacts>(field_value(&block.text, "career_facts")),
            "interrupts" => parses::<Vec<Interrupt<Sims>>>(field_value(&block.text, "interrupts")),
            "time-limit" => parses::<TimeLimit>(field_value(&block.text, "time_limit")),
            "translation" => match &last_scenario {
                None => Err("no scenario block before this translation".into()),
                Some(scenario) => {
                    let (t, d) = check_translation(scenario, &block.text, None);
                    // A partial translation is fine in an example; errors and stale
                    // or unknown strings are not.
                    let problems: Vec<String> = d
                        .iter()
                        .filter(|d| d.code != Code::MissingTranslation)
                        .map(|d| d.message.clone())
                        .collect();
                    if t.is_some() && problems.is_empty() {
                        Ok(())
                    } else {
                        Err(problems.join("; "))
                    }
                }
            },
            kind => match kind.strip_prefix("error ") {
                Some(code) => {
                    let loaded = load_scenario::<Sims>(&block.text);
                    let codes: Vec<&str> =
                        loaded.diagnostics.iter().map(|d| d.code.as_str()).collect();
                    if codes.contains(&code) {
                        Ok(())
                    } else {
                        Err(format!("expected {code}, got {codes:?}"))
                    }
                }
                None => Err(format!("unknown check kind `{kind}`")),
            },
        };
        if let Err(why) = result {
            failures.push(format!("{at}: {why}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The backticked code in `text`, skipping placeholders like `All([...])`.
fn codes(text: &str) -> Vec<String> {
    text.split('`')
        .skip(1)
        .step_by(2)
        .filter(|c| !c.contains("...") && c.starts_with(|ch: char| ch.is_ascii_uppercase()))
        .map(str::to_string)
        .collect()
}

fn check_code(kind: &str, code: &str) -> Result<(), String> {
    match kind {
        "condition" => parses::<Condition<Sims>>(code),
        "effect" => parses::<Effect<Sims>>(code),
        "sim-question" => parses::<Condition<Sims>>(&format!("Sim({code})")),
        "patient-condition" => parses::<PatientCondition>(code),
        _ => Err(format!("unknown check kind `{kind}`")),
    }
}

#[test]
fn every_table_and_inline_example_in_the_guide_is_valid() {
    let doc = guide();
    let lines: Vec<&str> = doc.lines().collect();
    let mut failures = Vec::new();
    let mut checked = 0;
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim();
        if let Some(kind) = line
            .strip_prefix("<!-- check-table: ")
            .and_then(|l| l.strip_suffix(" -->"))
        {
            // The table's body rows: after the header and the |---| line.
            let rows = lines[i + 1..]
                .iter()
                .skip_while(|l| l.trim().is_empty())
                .take_while(|l| l.trim_start().starts_with('|'))
                .skip(2);
            for row in rows {
                let first_cell = row
                    .trim()
                    .trim_start_matches('|')
                    .split(" | ")
                    .next()
                    .unwrap_or("");
                for code in codes(first_cell) {
                    checked += 1;
                    if let Err(why) = check_code(kind, &code) {
                        failures.push(format!(
                            "docs/authoring.md:{}: `{code}` ({kind}): {why}",
                            i + 1
                        ));
                    }
                }
            }
        }
        if let Some(kind) = line
            .strip_prefix("<!-- check-inline: ")
            .and_then(|l| l.strip_suffix(" -->"))
        {
            let paragraph: Vec<&str> = lines[i + 1..]
                .iter()
                .skip_while(|l| l.trim().is_empty())
                .take_while(|l| !l.trim().is_empty())
                .copied()
                .collect();
            for code in codes(&paragraph.join(" "))
                .into_iter()
                .filter(|c| c.starts_with("Sim("))
            {
                checked += 1;
                if let Err(why) = check_code(kind, &code) {
                    failures.push(format!(
                        "docs/authoring.md:{}: `{code}` ({kind}): {why}",
                        i + 1
                    ));
                }
            }
        }
    }
    assert!(
        checked >= 60,
        "expected the guide's tables to hold many examples; checked {checked}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
