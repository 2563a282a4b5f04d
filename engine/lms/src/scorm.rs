//! The SCORM run-time data model values for a FirstShift run, for SCORM 1.2 and
//! SCORM 2004 4th edition.
//!
//! Each function returns `(element, value)` pairs in the order to set them. The
//! player sets them through the LMS's API (`LMSSetValue` / `SetValue`) and commits at
//! the checkpoints named here; nothing in this module talks to an LMS.
//!
//! Choices are recorded as interactions of type `choice` with result `neutral`: a
//! choice is judged by the rubric as part of the whole run, not on its own, and the
//! score carries that judgement.

use firstshift_rubric::ScoreReport;

use crate::time;

/// The SCORM version the LMS speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    V12,
    V2004,
}

/// A function of the LMS's API object; its name differs between the versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    Initialize,
    GetValue,
    SetValue,
    Commit,
    GetLastError,
    GetErrorString,
    Terminate,
}

/// Element–value pairs to set, in order.
pub type Values = Vec<(String, String)>;

/// SCORM 1.2's limit on `cmi.suspend_data`; 2004's is 64 000.
pub const SUSPEND_LIMIT_12: usize = 4096;
pub const SUSPEND_LIMIT_2004: usize = 64_000;

/// One choice the student made, as the LMS records it.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceRecord<'a> {
    /// The choice's position in the run, from 0.
    pub index: usize,
    pub step: &'a str,
    pub choice: &'a str,
    pub label: &'a str,
    /// When it was made, in milliseconds since the Unix epoch (the browser's clock).
    pub wall_ms: f64,
    /// Real seconds the student took to decide.
    pub latency_seconds: f64,
}

/// The data model for one version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scorm(pub Version);

fn pairs<const N: usize>(items: [(&str, String); N]) -> Values {
    items.into_iter().map(|(k, v)| (k.to_string(), v)).collect()
}

/// Letters, digits and dashes only, so an id fits every identifier type of both
/// versions.
fn identifier(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((cut, _)) => text[..cut].to_string(),
        None => text.to_string(),
    }
}

impl Scorm {
    /// The name of the API object the LMS puts on a window.
    pub fn api_name(self) -> &'static str {
        match self.0 {
            Version::V12 => "API",
            Version::V2004 => "API_1484_11",
        }
    }

    /// The name of `call` on the API object.
    pub fn function(self, call: Call) -> &'static str {
        match (self.0, call) {
            (Version::V12, Call::Initialize) => "LMSInitialize",
            (Version::V12, Call::GetValue) => "LMSGetValue",
            (Version::V12, Call::SetValue) => "LMSSetValue",
            (Version::V12, Call::Commit) => "LMSCommit",
            (Version::V12, Call::GetLastError) => "LMSGetLastError",
            (Version::V12, Call::GetErrorString) => "LMSGetErrorString",
            (Version::V12, Call::Terminate) => "LMSFinish",
            (Version::V2004, Call::Initialize) => "Initialize",
            (Version::V2004, Call::GetValue) => "GetValue",
            (Version::V2004, Call::SetValue) => "SetValue",
            (Version::V2004, Call::Commit) => "Commit",
            (Version::V2004, Call::GetLastError) => "GetLastError",
            (Version::V2004, Call::GetErrorString) => "GetErrorString",
            (Version::V2004, Call::Terminate) => "Terminate",
        }
    }

    /// Where the LMS says whether this is a new attempt or a return to one.
    pub fn entry_element(self) -> &'static str {
        match self.0 {
            Version::V12 => "cmi.core.entry",
            Version::V2004 => "cmi.entry",
        }
    }

    pub fn suspend_element(self) -> &'static str {
        "cmi.suspend_data"
    }

    pub fn suspend_limit(self) -> usize {
        match self.0 {
            Version::V12 => SUSPEND_LIMIT_12,
            Version::V2004 => SUSPEND_LIMIT_2004,
        }
    }

    /// The element holding whether the attempt is complete.
    pub fn status_element(self) -> &'static str {
        match self.0 {
            Version::V12 => "cmi.core.lesson_status",
            Version::V2004 => "cmi.completion_status",
        }
    }

    /// At the start of a session. `status_now` is what the LMS holds: an attempt
    /// that is already complete is not set back to incomplete.
    pub fn start(self, status_now: &str) -> Values {
        let fresh = matches!(status_now, "" | "not attempted" | "unknown");
        match self.0 {
            Version::V12 => {
                let mut v = pairs([
                    ("cmi.core.score.min", "0".into()),
                    ("cmi.core.score.max", "100".into()),
                ]);
                if fresh {
                    v.push(("cmi.core.lesson_status".into(), "incomplete".into()));
                }
                v
            }
            Version::V2004 => {
                let mut v = pairs([
                    ("cmi.score.min", "0".into()),
                    ("cmi.score.max", "100".into()),
                ]);
                if fresh {
                    v.push(("cmi.completion_status".into(), "incomplete".into()));
                }
                v
            }
        }
    }

    /// One choice, as interaction `n` (the next free slot: interactions from earlier
    /// sessions of the attempt come first).
    pub fn interaction(self, n: usize, record: &ChoiceRecord<'_>) -> Values {
        let id = identifier(&format!(
            "choice-{}-{}-{}",
            record.index + 1,
            record.step,
            record.choice
        ));
        let response = identifier(record.choice);
        let key = |field: &str| format!("cmi.interactions.{n}.{field}");
        match self.0 {
            Version::V12 => vec![
                (key("id"), truncate(&id, 255)),
                (key("type"), "choice".into()),
                (key("student_response"), truncate(&response, 255)),
                (key("result"), "neutral".into()),
                (key("time"), time::time_of_day_12(record.wall_ms)),
                (key("latency"), time::timespan_12(record.latency_seconds)),
            ],
            Version::V2004 => vec![
                (key("id"), truncate(&id, 4000)),
                (key("type"), "choice".into()),
                (key("timestamp"), time::timestamp_2004(record.wall_ms)),
                (key("learner_response"), truncate(&response, 250)),
                (key("result"), "neutral".into()),
                (key("latency"), time::duration_2004(record.latency_seconds)),
                (key("description"), truncate(record.label, 250)),
            ],
        }
    }

    /// The student's reflection after the debrief, as interactions from slot
    /// `first` on: `reflection-interest` (likert, 1–5), `reflection-surprised`
    /// (free text) and `reflection-skill` (the Career-Ready Practice they want to
    /// build). Only the answers given are sent. The LMS that launched the player is
    /// the only place they go.
    pub fn reflection(
        self,
        first: usize,
        interest: Option<u8>,
        surprised: &str,
        skill: Option<&str>,
        wall_ms: f64,
    ) -> Values {
        let mut answers: Vec<(&str, &str, String)> = Vec::new();
        if let Some(i) = interest {
            answers.push(("reflection-interest", "likert", i.to_string()));
        }
        if !surprised.trim().is_empty() {
            let kind = match self.0 {
                Version::V12 => "fill-in",
                Version::V2004 => "long-fill-in",
            };
            answers.push(("reflection-surprised", kind, surprised.trim().to_string()));
        }
        if let Some(skill) = skill {
            answers.push(("reflection-skill", "fill-in", skill.to_string()));
        }
        let mut values = Vec::new();
        for (offset, (id, kind, response)) in answers.into_iter().enumerate() {
            let key = |field: &str| format!("cmi.interactions.{}.{field}", first + offset);
            values.extend(match self.0 {
                Version::V12 => vec![
                    (key("id"), id.to_string()),
                    (key("type"), kind.to_string()),
                    (key("student_response"), truncate(&response, 255)),
                    (key("result"), "neutral".into()),
                    (key("time"), time::time_of_day_12(wall_ms)),
                ],
                Version::V2004 => vec![
                    (key("id"), id.to_string()),
                    (key("type"), kind.to_string()),
                    (key("timestamp"), time::timestamp_2004(wall_ms)),
                    (key("learner_response"), truncate(&response, 4000)),
                    (key("result"), "neutral".into()),
                ],
            });
        }
        values
    }

    /// The save, after every choice: a returning student resumes from it.
    pub fn suspend(self, save: &str) -> Values {
        vec![("cmi.suspend_data".into(), save.to_string())]
    }

    /// The result, when the run reaches its ending.
    pub fn result(self, report: &ScoreReport) -> Values {
        let raw = report.percent.to_string();
        let success = if report.passed { "passed" } else { "failed" };
        match self.0 {
            Version::V12 => pairs([
                ("cmi.core.score.raw", raw),
                ("cmi.core.lesson_status", success.into()),
            ]),
            Version::V2004 => pairs([
                ("cmi.score.raw", raw),
                (
                    "cmi.score.scaled",
                    format!("{:.2}", f64::from(report.percent) / 100.0),
                ),
                ("cmi.completion_status", "completed".into()),
                ("cmi.success_status", success.into()),
            ]),
        }
    }

    /// When the student leaves: how long this session lasted, and whether the
    /// attempt is suspended (to resume) or over.
    pub fn leave(self, session_seconds: f64, finished: bool) -> Values {
        match self.0 {
            Version::V12 => pairs([
                ("cmi.core.session_time", time::timespan_12(session_seconds)),
                (
                    "cmi.core.exit",
                    if finished { "" } else { "suspend" }.into(),
                ),
            ]),
            Version::V2004 => pairs([
                ("cmi.session_time", time::duration_2004(session_seconds)),
                (
                    "cmi.exit",
                    if finished { "normal" } else { "suspend" }.into(),
                ),
            ]),
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn a_reflection_is_three_interactions_with_only_the_answers_given() {
        let v = Scorm(Version::V12).reflection(
            7,
            Some(4),
            "  More talking than I thought  ",
            Some("Communicate clearly, effectively and with reason"),
            0.0,
        );
        let get = |k: &str| v.iter().find(|(key, _)| key == k).map(|(_, v)| v.as_str());
        assert_eq!(get("cmi.interactions.7.id"), Some("reflection-interest"));
        assert_eq!(get("cmi.interactions.7.type"), Some("likert"));
        assert_eq!(get("cmi.interactions.7.student_response"), Some("4"));
        assert_eq!(get("cmi.interactions.8.type"), Some("fill-in"));
        assert_eq!(
            get("cmi.interactions.8.student_response"),
            Some("More talking than I thought")
        );
        assert_eq!(get("cmi.interactions.9.id"), Some("reflection-skill"));
        let v = Scorm(Version::V2004).reflection(0, None, "x", None, 0.0);
        assert_eq!(v.iter().filter(|(k, _)| k.ends_with(".id")).count(), 1);
        assert!(v.contains(&("cmi.interactions.0.type".into(), "long-fill-in".into())));
        assert!(
            Scorm(Version::V2004)
                .reflection(0, None, "  ", None, 0.0)
                .is_empty()
        );
    }
    use super::*;

    fn record() -> ChoiceRecord<'static> {
        ChoiceRecord {
            index: 2,
            step: "intake",
            choice: "fingerstick",
            label: "Fingerstick blood glucose with the clinic meter",
            wall_ms: 1_796_028_743_000.0,
            latency_seconds: 12.5,
        }
    }

    #[test]
    fn a_choice_is_an_interaction_of_type_choice() {
        let v = Scorm(Version::V12).interaction(2, &record());
        assert_eq!(
            v[0],
            (
                "cmi.interactions.2.id".into(),
                "choice-3-intake-fingerstick".into()
            )
        );
        assert!(v.contains(&("cmi.interactions.2.type".into(), "choice".into())));
        assert!(v.contains(&(
            "cmi.interactions.2.student_response".into(),
            "fingerstick".into()
        )));
        assert!(v.contains(&("cmi.interactions.2.time".into(), "08:52:23".into())));
        assert!(v.contains(&("cmi.interactions.2.latency".into(), "00:00:12.50".into())));
        let v = Scorm(Version::V2004).interaction(7, &record());
        assert!(v.contains(&(
            "cmi.interactions.7.learner_response".into(),
            "fingerstick".into()
        )));
        assert!(v.contains(&(
            "cmi.interactions.7.timestamp".into(),
            "2026-11-30T08:52:23.00Z".into()
        )));
        assert!(v.contains(&("cmi.interactions.7.latency".into(), "PT12.50S".into())));
        assert!(v.iter().any(|(k, d)| k == "cmi.interactions.7.description" && d.starts_with("Fingerstick")));
    }

    #[test]
    fn ids_keep_to_identifier_characters_and_lengths() {
        let mut r = record();
        r.step = "step with spaces/and é";
        r.choice = "x";
        let v = Scorm(Version::V12).interaction(0, &r);
        assert_eq!(v[0].1, "choice-3-step-with-spaces-and---x");
        let long = "y".repeat(600);
        r.label = &long;
        let v = Scorm(Version::V2004).interaction(0, &r);
        let description = &v
            .iter()
            .find(|(k, _)| k.ends_with("description"))
            .unwrap()
            .1;
        assert_eq!(description.chars().count(), 250);
    }

    #[test]
    fn a_completed_attempt_is_not_set_back_to_incomplete() {
        let s = Scorm(Version::V12);
        assert!(
            s.start("not attempted")
                .iter()
                .any(|(_, v)| v == "incomplete")
        );
        assert!(!s.start("passed").iter().any(|(_, v)| v == "incomplete"));
        let s = Scorm(Version::V2004);
        assert!(
            s.start("unknown")
                .contains(&("cmi.completion_status".into(), "incomplete".into()))
        );
        assert!(!s.start("completed").iter().any(|(_, v)| v == "incomplete"));
    }

    #[test]
    fn leaving_suspends_an_unfinished_attempt() {
        assert_eq!(
            Scorm(Version::V12).leave(75.0, false),
            vec![
                ("cmi.core.session_time".into(), "00:01:15.00".into()),
                ("cmi.core.exit".into(), "suspend".into())
            ]
        );
        assert_eq!(
            Scorm(Version::V2004).leave(75.0, true),
            vec![
                ("cmi.session_time".into(), "PT1M15S".into()),
                ("cmi.exit".into(), "normal".into())
            ]
        );
    }
}
