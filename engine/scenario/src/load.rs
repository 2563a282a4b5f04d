//! Loading a RON file into typed data while collecting *every* problem.
//!
//! `ron` stops at the first error. To report them all, the loader parses the file
//! with its own spanned [`tree`](crate::tree) first; if that succeeds the file is
//! syntactically sound, so each error `ron` then reports is a type error (an unknown
//! field, a misspelt name, text where a number belongs). The loader records it,
//! blanks out the smallest item around it (replacing its characters with spaces, so
//! every later line and column is unchanged) and tries again, until the file
//! deserializes or nothing is left to blank. A missing-field error caused by an
//! earlier blanking is not reported twice.

use std::ops::Range;

use firstshift_core::sim_set::ModelInfo;
use ron::error::{Error as RonError, SpannedError};
use serde::de::DeserializeOwned;

use crate::diagnostic::{Code, Diagnostic, SourceFile};
use crate::tree::{self, Node};

/// Larger files are refused before parsing (the biggest built-in scenario is ~30 KB).
pub const MAX_FILE_BYTES: usize = 1024 * 1024;
/// Rounds of recover-and-retry before giving up on finding more type errors.
const MAX_ROUNDS: usize = 64;

/// The result of reading a file: the value when it is usable, the spanned tree when
/// the syntax is sound, and everything found wrong.
#[derive(Debug)]
pub struct Parsed<T> {
    pub value: Option<T>,
    pub tree: Option<Node>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The options every FirstShift file is read with: `Some(..)` may be left out around
/// optional values, and `Patient(age: 67)` may be written for `Patient((age: 67))`.
pub fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(
        ron::extensions::Extensions::IMPLICIT_SOME
            | ron::extensions::Extensions::UNWRAP_VARIANT_NEWTYPES,
    )
}

/// Checks the raw bytes of a file: size, text encoding, emptiness.
pub fn check_bytes(bytes: &[u8]) -> Result<&str, Diagnostic> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::error(
            Code::FileTooLarge,
            format!(
                "the file is {:.1} MB; scenario files can be at most {} KB",
                bytes.len() as f64 / 1_000_000.0,
                MAX_FILE_BYTES / 1024
            ),
        )
        .help("check that this is the right file; a long scenario can be split into several"));
    }
    if bytes.contains(&0) {
        return Err(
            Diagnostic::error(Code::NotText, "the file contains binary data, not text").help(
                "scenario files are plain text (UTF-8) ending in .ron; save it from a text editor",
            ),
        );
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        Diagnostic::error(
            Code::NotText,
            format!(
                "the file is not UTF-8 text (bad byte at offset {})",
                e.valid_up_to()
            ),
        )
        .help("save the file as UTF-8 in your editor (\"Save with encoding\" → UTF-8)")
    })?;
    if text.trim().is_empty() {
        return Err(Diagnostic::error(Code::EmptyFile, "the file is empty")
            .help("start from a template: `firstshift new --template branching my-scenario.ron`"));
    }
    Ok(text)
}

/// Parses `source` as a `T`, collecting every syntax and type error.
pub fn parse_ron<T: DeserializeOwned>(source: &str) -> Parsed<T> {
    parse_ron_with(source, &[])
}

/// [`parse_ron`], for a value that holds these models' words: a model's word
/// written without its value is shown the model's example.
pub fn parse_ron_with<T: DeserializeOwned>(source: &str, models: &[ModelInfo]) -> Parsed<T> {
    let file = SourceFile::new("", source);
    let tree = match tree::parse(source) {
        Ok(tree) => tree,
        Err(tree_error) => {
            // Prefer ron's own wording for syntax errors (it is the real parser),
            // except for depth and a file cut short, which the tree explains better.
            let truncated = tree_error.message.starts_with("the file ends before");
            let diagnostic = match ron_options().from_str::<T>(source) {
                Err(e) if !tree_error.too_deep && !truncated => {
                    syntax_diagnostic(&file, source, &e)
                }
                _ => tree_diagnostic(source, &tree_error),
            };
            return Parsed {
                value: None,
                tree: None,
                diagnostics: vec![diagnostic],
            };
        }
    };

    let mut text = Blankable::new(source);
    let mut diagnostics = Vec::new();
    let mut blanked_fields: Vec<(String, Range<usize>)> = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let error = match ron_options().from_str::<T>(&text.current()) {
            Ok(value) => {
                let value = diagnostics.is_empty().then_some(value);
                return Parsed {
                    value,
                    tree: Some(tree),
                    diagnostics,
                };
            }
            Err(e) => e,
        };
        let start = skip_spaces(
            source,
            file.offset(error.span.start.line, error.span.start.col),
        );
        let mut end = file
            .offset(error.span.end.line, error.span.end.col)
            .max(start);
        if !matches!(error.code, RonError::MissingStructField { .. })
            && let Some(value) = tree.value_at(start)
        {
            end = end.max(value.span.end);
        }

        let to_blank = if let RonError::MissingStructField { field, .. } = &error.code {
            // The struct lacks a field: blank the item that holds the struct.
            let holder = tree.innermost_item(start);
            let caused_by_us = holder.as_ref().is_some_and(|h| {
                blanked_fields.iter().any(|(name, span)| {
                    name == field && h.span.start <= span.start && span.end <= h.span.end
                })
            }) || (holder.is_none()
                && blanked_fields.iter().any(|(name, _)| name == field));
            let diagnostic = type_diagnostic(&error.code, start..end);
            if !caused_by_us && !diagnostics.contains(&diagnostic) {
                diagnostics.push(diagnostic);
            }
            holder
        } else {
            let diagnostic = bare_word_diagnostic(&error.code, source, start, models)
                .unwrap_or_else(|| type_diagnostic(&error.code, start..end));
            diagnostics.push(diagnostic);
            tree.innermost_item(start)
        };
        let Some(item) = to_blank else { break };
        if !text.blank(item.span.clone()) {
            break; // No progress: stop rather than loop.
        }
        if let Some(name) = item.field {
            blanked_fields.push((name.clone(), item.span.clone()));
        }
    }
    Parsed {
        value: None,
        tree: Some(tree),
        diagnostics,
    }
}

/// The source with some byte ranges replaced by spaces (newlines kept).
struct Blankable<'a> {
    source: &'a str,
    blanked: Vec<Range<usize>>,
}

impl<'a> Blankable<'a> {
    fn new(source: &'a str) -> Self {
        Blankable {
            source,
            blanked: Vec::new(),
        }
    }

    /// Returns false when the range is already blank.
    fn blank(&mut self, range: Range<usize>) -> bool {
        if self
            .blanked
            .iter()
            .any(|b| b.start <= range.start && range.end <= b.end)
        {
            return false;
        }
        self.blanked.push(range);
        true
    }

    fn current(&self) -> String {
        let mut out = String::with_capacity(self.source.len());
        for (i, c) in self.source.char_indices() {
            let hidden = c != '\n' && self.blanked.iter().any(|b| b.start <= i && i < b.end);
            // One space per character keeps every column the same.
            out.push(if hidden { ' ' } else { c });
        }
        out
    }
}

fn skip_spaces(source: &str, offset: usize) -> usize {
    let rest = source.get(offset..).unwrap_or("");
    offset + (rest.len() - rest.trim_start_matches([' ', '\t']).len())
}

/// The one character at `offset` as a span (never splitting a multi-byte character).
fn char_span(source: &str, offset: usize) -> Range<usize> {
    let mut start = offset.min(source.len());
    while !source.is_char_boundary(start) {
        start -= 1;
    }
    let len = source[start..].chars().next().map_or(0, char::len_utf8);
    start..start + len
}

fn tree_diagnostic(source: &str, error: &tree::ParseError) -> Diagnostic {
    if error.too_deep {
        Diagnostic::error(
            Code::TooDeep,
            format!("the file nests brackets more than {} levels deep", tree::MAX_DEPTH),
        )
        .at(Some(char_span(source, error.offset)), "too deep here")
        .help("a scenario needs only a dozen levels; look for brackets that are opened but never closed")
    } else {
        let help = if error.message.starts_with("the file ends before") {
            "add the missing closing bracket(s) at the end, or restore the lost part of the file"
        } else {
            "check the brackets, commas and quotes just before this point"
        };
        Diagnostic::error(Code::Syntax, error.message.clone())
            .at(Some(char_span(source, error.offset)), "here")
            .help(help)
    }
}

fn syntax_diagnostic(file: &SourceFile<'_>, source: &str, error: &SpannedError) -> Diagnostic {
    let start = file.offset(error.span.start.line, error.span.start.col);
    if matches!(error.code, RonError::ExceededRecursionLimit) {
        return tree_diagnostic(
            source,
            &tree::ParseError {
                offset: start,
                message: String::new(),
                too_deep: true,
            },
        );
    }
    let line_text = file.line_text(error.span.start.line);
    let quotes = line_text.matches('"').count() - line_text.matches("\\\"").count();
    if quotes % 2 == 1 {
        return Diagnostic::error(Code::Syntax, "a string on this line is not closed")
            .at(Some(char_span(source, start)), "the text after the last `\"` is read as part of a string")
            .help("this line has an odd number of `\"`: add the missing closing quote (write `\\\"` for a quote inside text)");
    }
    let help = match &error.code {
        RonError::Eof => "the file ends too early: a closing `)`, `]` or `}` is probably missing",
        RonError::ExpectedComma => {
            "a comma is probably missing at the end of the item before this one"
        }
        RonError::ExpectedStringEnd => "a string is missing its closing `\"`",
        RonError::UnclosedBlockComment => "close the comment with `*/`",
        RonError::TrailingCharacters => {
            "there is text after the scenario's final `)`; remove it or move it inside"
        }
        _ => "check the brackets, commas and quotes just before this point",
    };
    Diagnostic::error(Code::Syntax, sentence(&error.code.to_string()))
        .at(Some(char_span(source, start)), "here")
        .help(help)
}

/// A name that takes a value, written without one (`Sim(Harmed)`, `Not(Chose)`): RON
/// reports the `)` after it, so the generic message would point past the mistake.
/// Names the word, points at it, and shows what goes inside.
fn bare_word_diagnostic(
    error: &RonError,
    source: &str,
    start: usize,
    models: &[ModelInfo],
) -> Option<Diagnostic> {
    if !matches!(
        error,
        RonError::ExpectedStructLike | RonError::ExpectedNamedStructLike(_)
    ) {
        return None;
    }
    let before = source.get(..start)?.trim_end();
    // The word is ASCII, but what comes before it may not be (`// café`): step past
    // the whole character that ends the search, not one byte.
    let word_start = before
        .char_indices()
        .rfind(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '_'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    let example = CORE_EXAMPLES
        .iter()
        .chain(models.iter().flat_map(|m| m.examples))
        .find(|(name, _)| *name == word)
        .map(|(_, example)| *example)?;
    Some(
        Diagnostic::error(
            Code::WrongType,
            format!("`{word}` needs a value in parentheses after it"),
        )
        .at(
            Some(word_start..before.len()),
            format!("`{word}` alone is not complete"),
        )
        .help(format!("write it with its value, for example `{example}`")),
    )
}

/// Written examples of the format's own names that take a value.
const CORE_EXAMPLES: &[(&str, &str)] = &[
    ("Chose", "Chose(\"greet\")"),
    ("ChoseWithin", "ChoseWithin(\"dispatch\", 60)"),
    ("ChoseBetween", "ChoseBetween(\"dispatch\", 60, 300)"),
    ("ChoseBefore", "ChoseBefore(\"address\", \"dispatch\")"),
    ("Visited", "Visited(\"reservation\")"),
    ("Var", "Var(\"goodwill\", AtLeast(2))"),
    ("Time", "Time(AtMost(600))"),
    ("Not", "Not(Chose(\"greet\"))"),
    ("All", "All([Chose(\"a\"), Chose(\"b\")])"),
    ("Any", "Any([Chose(\"a\"), Chose(\"b\")])"),
    ("Set", "Set(\"goodwill\", 3)"),
    ("Add", "Add(\"goodwill\", -1)"),
    ("Sim", "Sim(Given(Oxygen))"),
];

fn type_diagnostic(error: &RonError, span: Range<usize>) -> Diagnostic {
    let span = Some(span);
    match error {
        RonError::NoSuchStructField {
            expected,
            found,
            outer,
        } => {
            let place = outer
                .as_deref()
                .map_or(String::new(), |o| format!(" of {}", article(o)));
            Diagnostic::error(
                Code::UnknownField,
                format!("`{found}` is not a field{place}"),
            )
            .at(span, "unknown field")
            .help(suggest(found, expected, "fields"))
        }
        RonError::NoSuchEnumVariant {
            expected,
            found,
            outer,
        } => {
            let place = outer
                .as_deref()
                .map_or(String::new(), |o| format!(" for {}", article(o)));
            Diagnostic::error(
                Code::UnknownVariant,
                format!("`{found}` is not a valid name{place}"),
            )
            .at(span, "unknown name")
            .help(suggest(found, expected, "names"))
        }
        RonError::MissingStructField { field, outer } => {
            let place = outer.as_deref().map_or("this item".to_string(), article);
            Diagnostic::error(
                Code::MissingField,
                format!("{place} is missing the field `{field}`"),
            )
            .at(span, format!("`{field}` is needed before this `)`"))
            .help(format!("add `{field}: ...` inside the parentheses"))
        }
        RonError::DuplicateStructField { field, .. } => Diagnostic::error(
            Code::DuplicateField,
            format!("the field `{field}` is given twice"),
        )
        .at(span, "second time")
        .help("keep one of them and delete the other"),
        other => {
            let (message, help) = wrong_type(other);
            Diagnostic::error(Code::WrongType, message)
                .at(span, "wrong kind of value")
                .help(help)
        }
    }
}

fn wrong_type(error: &RonError) -> (String, String) {
    let (what, example) = match error {
        RonError::ExpectedInteger | RonError::InvalidIntegerDigit { .. } => {
            ("a whole number", "`15`")
        }
        RonError::IntegerOutOfBounds => {
            return (
                "this number is out of range (negative, or far too large)".into(),
                "use a whole number of zero or more".into(),
            );
        }
        RonError::ExpectedFloat => ("a number", "`2` or `-0.5`"),
        RonError::ExpectedString | RonError::ExpectedStringEnd => {
            ("text in double quotes", "`\"Greet the guest\"`")
        }
        RonError::ExpectedBoolean => ("`true` or `false`", "`true`"),
        RonError::ExpectedArray => ("a list in square brackets", "`[\"first\", \"second\"]`"),
        RonError::ExpectedMap => ("a map in curly braces", "`{ \"name\": 0 }`"),
        RonError::ExpectedStructLike | RonError::ExpectedNamedStructLike(_) => {
            ("a group in parentheses", "`(id: \"x\", ...)`")
        }
        RonError::ExpectedIdentifier => ("a name", "`Chose(\"greet\")`"),
        RonError::ExpectedDifferentLength { expected, found } => {
            return (
                format!("expected {expected}, but found {found} value(s)"),
                "give the number of values in the parentheses that this name takes".into(),
            );
        }
        RonError::InvalidValueForType { expected, found } => {
            return (
                format!("expected {expected}, found {found}"),
                "change the value to the kind expected".into(),
            );
        }
        other => {
            return (
                sentence(&other.to_string()),
                "check the value against docs/authoring.md (Part 2: reference)".into(),
            );
        }
    };
    (
        format!("expected {what} here"),
        format!("write {what}, for example {example}"),
    )
}

/// Words teachers write for the names the format uses.
const SYNONYMS: &[(&[&str], &str)] = &[
    (&["easy", "beginner", "basic"], "Introductory"),
    (&["medium", "moderate"], "Intermediate"),
    (&["hard", "difficult", "expert"], "Advanced"),
    (
        &[
            "it",
            "tech",
            "technology",
            "informationtechnology",
            "computing",
        ],
        "DigitalTechnology",
    ),
    (
        &[
            "health",
            "healthcare",
            "medical",
            "nursing",
            "humanservices",
        ],
        "HealthcareHumanServices",
    ),
    (&["manufacturing"], "AdvancedManufacturing"),
    (
        &["hospitality", "tourism", "events"],
        "HospitalityEventsTourism",
    ),
    (
        &[
            "publicsafety",
            "police",
            "fire",
            "lawenforcement",
            "government",
        ],
        "PublicServiceSafety",
    ),
    (
        &["logistics", "transportation", "supplychain"],
        "SupplyChainTransportation",
    ),
    (
        &["business", "management", "entrepreneurship"],
        "ManagementEntrepreneurship",
    ),
    (&["finance", "banking"], "FinancialServices"),
    (
        &["arts", "design", "entertainment"],
        "ArtsEntertainmentDesign",
    ),
    (
        &["energy", "environment", "naturalresources"],
        "EnergyNaturalResources",
    ),
    (&["marketing", "sales", "retail"], "MarketingSales"),
    (&["teaching"], "Education"),
    (&["win", "pass", "good", "passed"], "Success"),
    (&["lose", "fail", "bad", "failed"], "Failure"),
    (&["neutral", "partial", "ok"], "Mixed"),
];

/// "did you mean `Chose`?" or the list of valid names.
fn suggest(found: &str, expected: &[&str], kind: &str) -> String {
    let list = expected
        .iter()
        .map(|e| format!("`{e}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let lower = found.to_lowercase().replace(['_', '-'], "");
    let synonym = SYNONYMS
        .iter()
        .find(|(words, name)| words.contains(&lower.as_str()) && expected.contains(name))
        .map(|(_, name)| *name);
    let similar = expected
        .iter()
        .map(|e| (strsim::jaro_winkler(&lower, &e.to_lowercase()), *e))
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .filter(|(score, _)| *score > 0.8)
        .map(|(_, name)| name);
    match synonym.or(similar) {
        Some(name) => format!("did you mean `{name}`? The valid {kind} here are: {list}"),
        None => format!("the valid {kind} here are: {list}"),
    }
}

/// `Choice` → "a `Choice`"; ron names the outer type, which is what the docs use too.
fn article(name: &str) -> String {
    let vowel = name.starts_with(['A', 'E', 'I', 'O', 'U']);
    format!("{} `{name}`", if vowel { "an" } else { "a" })
}

fn sentence(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}
