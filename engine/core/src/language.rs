//! The language a model speaks in.
//!
//! A scenario's own words come translated from its `<name>.<lang>.ron` file; the
//! sentences a model makes up as it runs ("Oxygen by non-rebreather mask.", "The
//! capper broke down.") cannot, because they hold numbers and names only the run
//! knows. So each model keeps its sentences in English at the place it says them,
//! through a [`Phrasebook`], and gives the phrasebook its Spanish once, in one table
//! per crate. The session tells the running model which language its (translated)
//! scenario is in ([`crate::SimState::set_language`]).
//!
//! The language never changes a number: a run in Spanish is the same run as in
//! English, and re-scores against the English original.

use std::fmt::Display;

use serde::{Deserialize, Serialize};

/// The languages the built-in models and the player speak. A translation into any
/// other language still translates the scenario's own words; its models speak
/// English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum Language {
    #[default]
    English,
    Spanish,
}

impl Language {
    /// `es`, `es-MX`, `ES` → Spanish; a code no model speaks → `None`.
    pub fn from_code(code: &str) -> Option<Language> {
        let primary = code.split('-').next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Language::English),
            "es" => Some(Language::Spanish),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Spanish => "es",
        }
    }
}

/// A model's sentences: the English, written where the model says it, and one
/// table giving each English phrase's Spanish. Phrases take `{}` slots, filled in
/// order; a phrase with no entry is said in English.
#[derive(Debug, Clone, Copy)]
pub struct Phrasebook {
    /// English → Spanish, each phrase once.
    pub spanish: &'static [(&'static str, &'static str)],
}

impl Phrasebook {
    /// The phrase in `language`.
    pub fn say(&self, language: Language, english: &'static str) -> &'static str {
        match language {
            Language::English => english,
            Language::Spanish => self
                .spanish
                .iter()
                .find(|(en, _)| *en == english)
                .map_or(english, |(_, es)| es),
        }
    }

    /// The phrase in `language`, its `{}` slots filled with `args` in order.
    pub fn fill(&self, language: Language, english: &'static str, args: &[&dyn Display]) -> String {
        fill_slots(self.say(language, english), args)
    }

    /// Problems with the table against the phrases a crate says: every `say(…)`
    /// and `fill(…)` call's literal in `sources`, and `said_elsewhere` (phrases
    /// said through a lookup, such as a vital sign's label). It finds phrases with
    /// no Spanish, entries nothing says, entries whose `{}` slots do not match and
    /// entries given twice. For each model's own test, so a new sentence never
    /// ships in English by accident.
    pub fn check(&self, sources: &[&str], said_elsewhere: &[&str]) -> Vec<String> {
        let mut said = phrases_said(sources);
        for phrase in said_elsewhere {
            if !said.iter().any(|p| p == phrase) {
                said.push((*phrase).to_owned());
            }
        }
        let mut problems = Vec::new();
        for phrase in &said {
            if !self.spanish.iter().any(|(en, _)| en == phrase) {
                problems.push(format!("no Spanish for {phrase:?}"));
            }
        }
        for (i, (en, es)) in self.spanish.iter().enumerate() {
            if !said.iter().any(|p| p == en) {
                problems.push(format!("nothing says {en:?}: remove it from the table"));
            }
            if en.matches("{}").count() != es.matches("{}").count() {
                problems.push(format!(
                    "{en:?} and its Spanish have different `{{}}` slots"
                ));
            }
            if self.spanish[..i].iter().any(|(earlier, _)| earlier == en) {
                problems.push(format!("{en:?} is in the table twice"));
            }
        }
        problems
    }
}

/// `phrase` with its `{}` slots filled with `args` in order (the player's own
/// words fill theirs the same way).
pub fn fill_slots(phrase: &str, args: &[&dyn Display]) -> String {
    let mut out = String::new();
    let mut args = args.iter();
    let mut parts = phrase.split("{}");
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for part in parts {
        if let Some(arg) = args.next() {
            out.push_str(&arg.to_string());
        }
        out.push_str(part);
    }
    out
}

/// The first string literal among the arguments of each `say(` and `fill(` call in
/// `sources` (the phrase; the language comes before or after it), unescaped.
fn phrases_said(sources: &[&str]) -> Vec<String> {
    let mut said = Vec::new();
    for text in sources {
        for call in ["say(", "fill("] {
            for (i, _) in text.match_indices(call) {
                let before = text[..i].chars().last();
                // `say(` inside another name (`essay(`) is not a call.
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                if let Some(phrase) = first_literal_argument(&text[i + call.len()..])
                    && !said.contains(&phrase)
                {
                    said.push(phrase);
                }
            }
        }
    }
    said
}

/// In `args` (the text after a call's `(`), the first string literal before the
/// call's own `)`, skipping nested calls such as `self.language()`.
fn first_literal_argument(args: &str) -> Option<String> {
    let mut depth = 0_u32;
    for (i, c) in args.char_indices() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' if depth == 0 => return None,
            ')' | ']' => depth -= 1,
            '"' if depth == 0 => return literal_at(&args[i..]),
            _ => {}
        }
    }
    None
}

fn literal_at(text: &str) -> Option<String> {
    let rest = text.trim_start().strip_prefix('"')?;
    let mut out = String::new();
    let mut chars = rest.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next()? {
                'n' => out.push('\n'),
                'u' => {
                    // `\u{201c}`
                    let code: String = chars.by_ref().skip(1).take_while(|c| *c != '}').collect();
                    out.push(char::from_u32(u32::from_str_radix(&code, 16).ok()?)?);
                }
                other => out.push(other),
            },
            '"' => return Some(out),
            c => out.push(c),
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const BOOK: Phrasebook = Phrasebook {
        spanish: &[
            ("Oxygen by {}.", "Oxígeno con {}."),
            ("Pupils equal.", "Pupilas iguales."),
        ],
    };

    #[test]
    fn a_phrase_is_said_in_the_language_and_falls_back_to_english() {
        assert_eq!(
            BOOK.say(Language::Spanish, "Pupils equal."),
            "Pupilas iguales."
        );
        assert_eq!(
            BOOK.say(Language::English, "Pupils equal."),
            "Pupils equal."
        );
        assert_eq!(
            BOOK.say(Language::Spanish, "Not in the table."),
            "Not in the table."
        );
        assert_eq!(
            BOOK.fill(Language::Spanish, "Oxygen by {}.", &[&"mascarilla"]),
            "Oxígeno con mascarilla."
        );
        assert_eq!(Language::from_code("es-MX"), Some(Language::Spanish));
        assert_eq!(Language::from_code("fr"), None);
    }

    #[test]
    fn the_check_finds_missing_unused_and_mismatched_phrases() {
        let source = r#"book.say(lang, "Pupils equal.");
            book.fill(self.language, "Oxygen by {}.", &[&d]);
            BOOK.say(language, "Brand new \"sentence\".");"#;
        assert_eq!(
            BOOK.check(&[source], &[]),
            ["no Spanish for \"Brand new \\\"sentence\\\".\""]
        );
        let unused = BOOK.check(&["book.say(l, \"Pupils equal.\")"], &[]);
        assert_eq!(unused.len(), 1, "{unused:?}");
        assert!(unused[0].contains("nothing says"));
        let bad = Phrasebook {
            spanish: &[("A {}.", "Una."), ("A {}.", "Un {}.")],
        };
        let problems = bad.check(&["say(l, \"A {}.\")"], &[]);
        assert!(problems.iter().any(|p| p.contains("slots")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("twice")), "{problems:?}");
        // A phrase said through a lookup counts as said.
        let looked_up = BOOK.check(&["say(l, \"Pupils equal.\")"], &["Oxygen by {}."]);
        assert!(looked_up.is_empty(), "{looked_up:?}");
    }
}
