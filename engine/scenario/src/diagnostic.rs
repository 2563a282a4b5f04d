//! Diagnostics: what is wrong, where, and how to fix it.
//!
//! Every diagnostic has a stable [`Code`] (documented with a broken example and its
//! fix in `docs/diagnostics.md`), a severity, a byte span into the file, a message,
//! a short label for the span and a help line. [`render`] prints them like rustc;
//! [`to_json`] gives the same data to the browser and to tools.

use std::ops::Range;

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::{Files, SimpleFile};
use codespan_reporting::term;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $title:literal;)*) => {
        /// Stable diagnostic codes. Never renumber one: teachers search for them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $($variant,)* }

        impl Code {
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as printed, e.g. `FS0301`.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// A few words on what the code is about (the heading in the docs).
            pub fn title(self) -> &'static str {
                match self { $(Code::$variant => $title,)* }
            }
        }
    };
}

codes! {
    // The file as a whole.
    FileTooLarge = "FS0001", "file too large";
    NotText = "FS0002", "not a text file";
    EmptyFile = "FS0003", "empty file";
    // RON syntax.
    Syntax = "FS0101", "RON syntax error";
    TooDeep = "FS0102", "nested too deeply";
    // Shape and types.
    UnknownField = "FS0201", "unknown field";
    UnknownVariant = "FS0202", "unknown name";
    WrongType = "FS0203", "wrong kind of value";
    MissingField = "FS0204", "missing field";
    DuplicateField = "FS0205", "field given twice";
    DuplicateKey = "FS0206", "step id given twice";
    // References between parts of the file.
    UnknownStep = "FS0301", "unknown step";
    UnknownChoice = "FS0302", "unknown choice";
    DuplicateId = "FS0303", "duplicate id";
    UnknownVariable = "FS0304", "unknown variable";
    UnknownScore = "FS0305", "unknown named score";
    BadId = "FS0306", "badly formed id";
    WrongModel = "FS0307", "word of another simulation model";
    NoAnswer = "FS0308", "question the simulation has no answer to";
    UnknownName = "FS0309", "name the simulation's setup does not have";
    // The story graph.
    Unreachable = "FS0401", "unreachable step";
    DeadEnd = "FS0402", "step with no way forward";
    EndingWithChoices = "FS0403", "ending with choices";
    NoEnding = "FS0404", "no reachable ending";
    CanGetStuck = "FS0405", "a run can get stuck";
    ChoiceNeverOffered = "FS0406", "choice never offered";
    EndlessLoop = "FS0407", "a loop nothing ends";
    // The rubric.
    LevelUnreachable = "FS0501", "rubric level no run can reach";
    LevelOrder = "FS0502", "levels not best first";
    CriticalAlwaysMissed = "FS0503", "critical action no run can meet";
    NoCriteria = "FS0504", "rubric without criteria";
    HarmNeverPossible = "FS0505", "harmful action no run can do";
    // Values.
    OutOfRange = "FS0601", "value out of range";
    EmptyText = "FS0602", "empty text";
    FigureWithoutSource = "FS0603", "figure without a source";
    // Playthrough files.
    PlaysOtherScenario = "FS0701", "playthrough of another scenario";
    PlaysBadChoice = "FS0702", "playthrough choice not on offer";
    PlaysUnknownExpectation = "FS0703", "expectation names unknown criterion";
    PlaysLeaveStepUntested = "FS0704", "step no playthrough reaches";
    // Style: works, but may not be what was meant or may read badly.
    WeightsNot100 = "FS0801", "criterion weights do not add up to 100";
    TooLongForPhone = "FS0802", "text too long for a phone screen";
    ReadingLevel = "FS0803", "reading level above the audience";
    // Translation files.
    TranslationOtherScenario = "FS0901", "translation of another scenario";
    BadLanguage = "FS0902", "bad language code";
    MissingTranslation = "FS0903", "strings not translated";
    StaleTranslation = "FS0904", "stale translation";
    UnknownString = "FS0905", "unknown string id";
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// Read back from the JSON form (the player gets teachers' diagnostics that way
/// from the checker module); a code this version does not know is refused.
impl<'de> serde::Deserialize<'de> for Code {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Code::ALL
            .iter()
            .copied()
            .find(|code| code.as_str() == text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown diagnostic code {text}")))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    /// Byte range in the file; `None` for problems with the file as a whole.
    pub span: Option<Range<usize>>,
    /// A few words shown under the span.
    pub label: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            span: None,
            label: String::new(),
            help: None,
        }
    }

    pub fn warning(code: Code, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message)
        }
    }

    pub fn at(mut self, span: Option<Range<usize>>, label: impl Into<String>) -> Self {
        self.span = span;
        self.label = label.into();
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// A one-based line and column (columns count characters, as editors do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Converts byte offsets to lines and columns for one file.
#[derive(Debug)]
pub struct SourceFile<'a> {
    file: SimpleFile<&'a str, &'a str>,
}

impl<'a> SourceFile<'a> {
    pub fn new(name: &'a str, source: &'a str) -> Self {
        SourceFile {
            file: SimpleFile::new(name, source),
        }
    }

    pub fn name(&self) -> &'a str {
        self.file.name()
    }

    pub fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.file.source().len());
        match self.file.location((), offset) {
            Ok(loc) => LineCol {
                line: loc.line_number,
                column: loc.column_number,
            },
            Err(_) => LineCol { line: 1, column: 1 },
        }
    }

    /// The byte offset of a one-based line and character column.
    pub fn offset(&self, line: usize, column: usize) -> usize {
        let source = self.file.source();
        let Ok(range) = self.file.line_range((), line.saturating_sub(1)) else {
            return source.len();
        };
        source[range.clone()]
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(range.end, |(i, _)| range.start + i)
    }

    /// The text of a one-based line, without its line break.
    pub fn line_text(&self, line: usize) -> &'a str {
        let source: &'a str = self.file.source();
        self.file
            .line_range((), line.saturating_sub(1))
            .map(|r| source[r].trim_end_matches(['\n', '\r']))
            .unwrap_or("")
    }
}

fn to_codespan(d: &Diagnostic) -> CsDiagnostic<()> {
    let severity = match d.severity {
        Severity::Error => CsSeverity::Error,
        Severity::Warning => CsSeverity::Warning,
    };
    let mut out = CsDiagnostic::new(severity)
        .with_code(d.code.as_str())
        .with_message(&d.message);
    if let Some(span) = &d.span {
        out = out.with_labels(vec![
            Label::primary((), span.clone()).with_message(&d.label),
        ]);
    }
    if let Some(help) = &d.help {
        out = out.with_notes(vec![format!("help: {help}")]);
    }
    out
}

/// Renders diagnostics like rustc, without colour (for files, tests and the browser).
pub fn render(file: &SourceFile<'_>, diagnostics: &[Diagnostic]) -> String {
    let config = term::Config::default();
    let mut out = String::new();
    for d in diagnostics {
        match term::emit_into_string(&config, &file.file, &to_codespan(d)) {
            Ok(text) => out.push_str(&text),
            // A span past the end of the file cannot be drawn; still say what is wrong.
            Err(_) => out.push_str(&format!(
                "{}[{}]: {}\n",
                severity_word(d),
                d.code,
                d.message
            )),
        }
    }
    out
}

/// Renders diagnostics with colour to a terminal stream.
pub fn render_to_terminal(
    file: &SourceFile<'_>,
    diagnostics: &[Diagnostic],
    stream: &mut dyn term::WriteStyle,
) {
    let config = term::Config::default();
    for d in diagnostics {
        if term::emit_to_write_style(stream, &config, &file.file, &to_codespan(d)).is_err() {
            let _ = writeln!(stream, "{}[{}]: {}", severity_word(d), d.code, d.message);
        }
    }
}

fn severity_word(d: &Diagnostic) -> &'static str {
    match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// One line per diagnostic, `file:line:col: error[CODE]: message` (for editors' problem matchers).
pub fn render_short(file: &SourceFile<'_>, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let at = d
            .span
            .as_ref()
            .map_or(LineCol { line: 1, column: 1 }, |s| file.line_col(s.start));
        out.push_str(&format!(
            "{}:{}:{}: {}[{}]: {}\n",
            file.name(),
            at.line,
            at.column,
            severity_word(d),
            d.code,
            d.message
        ));
    }
    out
}

/// The JSON form of a diagnostic, for the browser's error panel and for tools.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct JsonDiagnostic {
    pub file: String,
    pub code: Code,
    pub title: String,
    pub severity: Severity,
    pub message: String,
    pub label: String,
    pub help: Option<String>,
    pub start: Option<LineCol>,
    pub end: Option<LineCol>,
    /// The text of the line where the problem starts.
    pub source_line: Option<String>,
}

pub fn to_json(file: &SourceFile<'_>, diagnostics: &[Diagnostic]) -> Vec<JsonDiagnostic> {
    diagnostics
        .iter()
        .map(|d| {
            let start = d.span.as_ref().map(|s| file.line_col(s.start));
            JsonDiagnostic {
                file: file.name().to_string(),
                code: d.code,
                title: d.code.title().to_string(),
                severity: d.severity,
                message: d.message.clone(),
                label: d.label.clone(),
                help: d.help.clone(),
                start,
                end: d.span.as_ref().map(|s| file.line_col(s.end)),
                source_line: start.map(|s| file.line_text(s.line).to_string()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The checker module hands the player its diagnostics as JSON: every field
    /// comes back, and a code this version does not know is refused.
    #[test]
    fn the_json_form_reads_back_and_refuses_unknown_codes() {
        let text = "(\n  title: 3,\n)";
        let file = SourceFile::new("clinic.ron", text);
        let diagnostics = [Diagnostic::error(Code::ALL[0], "a number where text goes")
            .at(Some(11..12), "this")
            .help("put the title in quotes")];
        let json = to_json(&file, &diagnostics);
        let written = serde_json::to_string(&json).unwrap();
        let back: Vec<JsonDiagnostic> = serde_json::from_str(&written).unwrap();
        assert_eq!(back, json);
        assert_eq!(
            back[0].start,
            Some(LineCol {
                line: 2,
                column: 10
            })
        );
        let unknown = written.replace(Code::ALL[0].as_str(), "FS9999");
        let error = serde_json::from_str::<Vec<JsonDiagnostic>>(&unknown).unwrap_err();
        assert!(
            error.to_string().contains("unknown diagnostic code FS9999"),
            "{error}"
        );
    }
}
