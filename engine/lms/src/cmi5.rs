//! cmi5: the xAPI 1.0.3 statements an assignable unit sends, and `cmi5.xml`.
//!
//! The player (`web/src/cmi5.rs`) sends them. Its page may connect only to its own
//! origin and to the LRS origins the package names (`cargo xtask package --format
//! cmi5 --lrs-origin ...`).
//!
//! The LMS launches the player with `endpoint`, `fetch`, `actor`, `registration` and
//! `activityId`; the player fetches its token, reads `LMS.LaunchData` from the State
//! API, then sends these statements in this order: `initialized`, one `answered`
//! (a `cmi.interaction`) per choice, then at the ending `completed` and `passed` or
//! `failed` (only in `Normal` launch mode, as `moveOn` needs them), and `terminated`
//! when the student leaves. This module builds the statements; the player sends them.

use serde_json::{Value, json};

use crate::manifest::{PackageItem, xml_escape};

pub const VERB_INITIALIZED: &str = "http://adlnet.gov/expapi/verbs/initialized";
pub const VERB_ANSWERED: &str = "http://adlnet.gov/expapi/verbs/answered";
pub const VERB_COMPLETED: &str = "http://adlnet.gov/expapi/verbs/completed";
pub const VERB_PASSED: &str = "http://adlnet.gov/expapi/verbs/passed";
pub const VERB_FAILED: &str = "http://adlnet.gov/expapi/verbs/failed";
pub const VERB_TERMINATED: &str = "http://adlnet.gov/expapi/verbs/terminated";
pub const CATEGORY_CMI5: &str = "https://w3id.org/xapi/cmi5/context/categories/cmi5";
pub const CATEGORY_MOVEON: &str = "https://w3id.org/xapi/cmi5/context/categories/moveon";
pub const EXT_MASTERY: &str = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore";
pub const INTERACTION: &str = "http://adlnet.gov/expapi/activities/cmi.interaction";

/// What the LMS gave at launch and in `LMS.LaunchData`.
#[derive(Debug, Clone, PartialEq)]
pub struct Launch {
    pub actor: Value,
    pub registration: String,
    pub activity_id: String,
    /// `LaunchData.contextTemplate`: carries the session id and the AU's grouping.
    pub context_template: Value,
    pub launch_mode: String,
    pub move_on: String,
    /// 0–1, when the LMS sets one: it decides passed or failed instead of the
    /// scenario's own pass mark.
    pub mastery_score: Option<f64>,
}

impl Launch {
    /// Reads `LMS.LaunchData` (as JSON) with the launch parameters.
    pub fn new(actor: Value, registration: &str, activity_id: &str, launch_data: &Value) -> Launch {
        Launch {
            actor,
            registration: registration.to_string(),
            activity_id: activity_id.to_string(),
            context_template: launch_data
                .get("contextTemplate")
                .cloned()
                .unwrap_or_else(|| json!({})),
            launch_mode: launch_data
                .get("launchMode")
                .and_then(Value::as_str)
                .unwrap_or("Normal")
                .to_string(),
            move_on: launch_data
                .get("moveOn")
                .and_then(Value::as_str)
                .unwrap_or("NotApplicable")
                .to_string(),
            mastery_score: launch_data.get("masteryScore").and_then(Value::as_f64),
        }
    }

    /// Only a `Normal` launch may send completed, passed or failed.
    pub fn may_judge(&self) -> bool {
        self.launch_mode == "Normal"
    }

    fn statement(&self, id: &str, timestamp: &str, verb: &str, defined: bool) -> Value {
        let mut context = self.context_template.clone();
        if !context.is_object() {
            context = json!({});
        }
        context["registration"] = json!(self.registration);
        if defined {
            let categories = context["contextActivities"]["category"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let mut categories: Vec<Value> = categories
                .into_iter()
                .filter(|c| c["id"] != CATEGORY_CMI5)
                .collect();
            categories.push(json!({ "id": CATEGORY_CMI5 }));
            context["contextActivities"]["category"] = json!(categories);
        }
        json!({
            "id": id,
            "actor": self.actor,
            "verb": { "id": verb, "display": { "en-US": verb.rsplit('/').next().unwrap_or(verb) } },
            "object": { "id": self.activity_id, "objectType": "Activity" },
            "context": context,
            "timestamp": timestamp,
        })
    }

    pub fn initialized(&self, id: &str, timestamp: &str) -> Value {
        self.statement(id, timestamp, VERB_INITIALIZED, true)
    }

    /// A choice, as a `cmi.interaction` of type `choice` (a cmi5 "allowed"
    /// statement: it carries the session's context but not the cmi5 category).
    pub fn choice(
        &self,
        id: &str,
        timestamp: &str,
        step: &str,
        choice: &str,
        label: &str,
        offered: &[(String, String)],
    ) -> Value {
        let mut s = self.statement(id, timestamp, VERB_ANSWERED, false);
        s["object"] = json!({
            "id": format!("{}/steps/{}", self.activity_id, step),
            "objectType": "Activity",
            "definition": {
                "type": INTERACTION,
                "interactionType": "choice",
                "name": { "en-US": step },
                "choices": offered.iter().map(|(id, label)| json!({
                    "id": id, "description": { "en-US": label },
                })).collect::<Vec<_>>(),
            },
        });
        s["result"] = json!({ "response": choice });
        s["context"]["contextActivities"]["parent"] =
            json!([{ "id": self.activity_id, "objectType": "Activity" }]);
        if !label.is_empty() {
            s["object"]["definition"]["description"] = json!({ "en-US": label });
        }
        s
    }

    /// The student's reflection after the debrief: one `answered` statement (a
    /// `cmi.interaction`, allowed by cmi5 between `initialized` and `terminated`)
    /// per answer given.
    pub fn reflection(
        &self,
        mut new_id: impl FnMut() -> String,
        timestamp: &str,
        interest: Option<u8>,
        surprised: &str,
        skill: Option<&str>,
    ) -> Vec<Value> {
        let mut answers: Vec<(&str, &str, &str, String)> = Vec::new();
        if let Some(i) = interest {
            answers.push((
                "interest",
                "likert",
                "How interested are you in this career now? (1-5)",
                i.to_string(),
            ));
        }
        if !surprised.trim().is_empty() {
            answers.push((
                "surprised",
                "long-fill-in",
                "What surprised you?",
                surprised.trim().to_string(),
            ));
        }
        if let Some(skill) = skill {
            answers.push((
                "skill",
                "fill-in",
                "Which skill do you want to build?",
                skill.to_string(),
            ));
        }
        answers
            .into_iter()
            .map(|(id, kind, question, response)| {
                let mut s = self.statement(&new_id(), timestamp, VERB_ANSWERED, false);
                s["object"] = json!({
                    "id": format!("{}/reflection/{id}", self.activity_id),
                    "objectType": "Activity",
                    "definition": {
                        "type": INTERACTION,
                        "interactionType": kind,
                        "name": { "en-US": question },
                    },
                });
                s["result"] = json!({ "response": response });
                s["context"]["contextActivities"]["parent"] =
                    json!([{ "id": self.activity_id, "objectType": "Activity" }]);
                s
            })
            .collect()
    }

    /// `completed`, with how long the session has lasted.
    pub fn completed(&self, id: &str, timestamp: &str, duration: &str) -> Value {
        let mut s = self.statement(id, timestamp, VERB_COMPLETED, true);
        add_moveon(&mut s);
        s["result"] = json!({ "completion": true, "duration": duration });
        s
    }

    /// `passed` or `failed`: against the LMS's `masteryScore` when it gave one,
    /// otherwise against the scenario's pass mark. The score is rounded to two
    /// places first and judged as rounded, so the verb never contradicts it.
    pub fn judged(
        &self,
        id: &str,
        timestamp: &str,
        scaled: f64,
        passed_by_rubric: bool,
        duration: &str,
    ) -> (Value, bool) {
        let scaled = (scaled.clamp(0.0, 1.0) * 100.0).round() / 100.0;
        let passed = match self.mastery_score {
            Some(m) => scaled >= m,
            None => passed_by_rubric,
        };
        let verb = if passed { VERB_PASSED } else { VERB_FAILED };
        let mut s = self.statement(id, timestamp, verb, true);
        add_moveon(&mut s);
        s["result"] = json!({
            "score": { "scaled": scaled },
            "success": passed,
            "duration": duration,
        });
        if let Some(m) = self.mastery_score {
            s["context"]["extensions"][EXT_MASTERY] = json!(m);
        }
        (s, passed)
    }

    /// The statements that end a run, given what this registration was already
    /// told: cmi5 allows one `completed` and one `passed` per registration and no
    /// `failed` after `passed`, and only a `Normal` launch may send any of them.
    /// `new_id` gives each statement its id. Returns the statements and the
    /// progress to store for the next session.
    pub fn ending(
        &self,
        mut new_id: impl FnMut() -> String,
        timestamp: &str,
        duration: &str,
        scaled: f64,
        passed_by_rubric: bool,
        prior: Progress,
    ) -> (Vec<Value>, Progress) {
        if !self.may_judge() {
            return (Vec::new(), prior);
        }
        let mut out = Vec::new();
        if !prior.completed {
            out.push(self.completed(&new_id(), timestamp, duration));
        }
        let mut passed = prior.passed;
        if !prior.passed {
            let (statement, now_passed) =
                self.judged(&new_id(), timestamp, scaled, passed_by_rubric, duration);
            out.push(statement);
            passed = now_passed;
        }
        (
            out,
            Progress {
                completed: true,
                passed,
            },
        )
    }

    pub fn terminated(&self, id: &str, timestamp: &str, duration: &str) -> Value {
        let mut s = self.statement(id, timestamp, VERB_TERMINATED, true);
        s["result"] = json!({ "duration": duration });
        s
    }
}

/// The State API document (`stateId` [`PROGRESS_STATE_ID`], per registration) in
/// which the player keeps what it has told the LMS, so a relaunch in the same
/// registration does not repeat `completed` or follow `passed` with `failed`.
pub const PROGRESS_STATE_ID: &str = "https://firstshift.dev/state/progress";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub completed: bool,
    pub passed: bool,
}

impl Progress {
    /// Reads the stored document; anything unreadable counts as nothing sent,
    /// which at worst repeats a statement the LMS ignores.
    pub fn from_state(document: &Value) -> Progress {
        Progress {
            completed: document["completed"].as_bool().unwrap_or(false),
            passed: document["passed"].as_bool().unwrap_or(false),
        }
    }

    pub fn to_state(self) -> Value {
        json!({ "completed": self.completed, "passed": self.passed })
    }
}

fn add_moveon(statement: &mut Value) {
    if let Some(categories) = statement["context"]["contextActivities"]["category"].as_array_mut() {
        categories.push(json!({ "id": CATEGORY_MOVEON }));
    }
}

/// `cmi5.xml`: one assignable unit per scenario, each launching the player.
pub fn course_structure(course_id: &str, title: &str, items: &[PackageItem]) -> String {
    let e = xml_escape;
    let mut aus = String::new();
    for item in items {
        aus.push_str(&format!(
            "  <au id=\"{}\" moveOn=\"CompletedAndPassed\" masteryScore=\"{:.2}\" launchMethod=\"AnyWindow\">\n    <title><langstring lang=\"en-US\">{}</langstring></title>\n    <description><langstring lang=\"en-US\">{}</langstring></description>\n    <url>index.html?scenario={}</url>\n  </au>\n",
            e(&format!("{course_id}/{}", item.scenario)),
            f64::from(item.pass_mark) / 100.0,
            e(&item.title),
            e(&format!("A FirstShift career scenario: {}", item.title)),
            e(&item.scenario),
        ));
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<courseStructure xmlns=\"https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd\">\n  <course id=\"{}\">\n    <title><langstring lang=\"en-US\">{}</langstring></title>\n    <description><langstring lang=\"en-US\">{}</langstring></description>\n  </course>\n{aus}</courseStructure>\n",
        e(course_id),
        e(title),
        e("Career test-drive scenarios played in the browser, scored by a rubric."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn launch(mastery: Option<f64>, mode: &str) -> Launch {
        let mut data = json!({
            "contextTemplate": {
                "contextActivities": { "grouping": [{ "id": "https://lms.example/au/1" }] },
                "extensions": { "https://w3id.org/xapi/cmi5/context/extensions/sessionid": "s-1" },
            },
            "launchMode": mode,
            "moveOn": "CompletedAndPassed",
        });
        if let Some(m) = mastery {
            data["masteryScore"] = json!(m);
        }
        Launch::new(
            json!({ "objectType": "Agent", "account": { "homePage": "https://lms.example", "name": "42" } }),
            "3c8e0f6e-1b2a-4d7c-9f1e-2a3b4c5d6e7f",
            "https://lms.example/au/1",
            &data,
        )
    }

    #[test]
    fn defined_statements_carry_the_cmi5_category_session_and_registration() {
        let l = launch(None, "Normal");
        let s = l.initialized("id-1", "2026-11-30T09:00:00Z");
        assert_eq!(s["verb"]["id"], VERB_INITIALIZED);
        assert_eq!(s["context"]["registration"], l.registration);
        assert_eq!(
            s["context"]["contextActivities"]["category"][0]["id"],
            CATEGORY_CMI5
        );
        assert_eq!(
            s["context"]["extensions"]["https://w3id.org/xapi/cmi5/context/extensions/sessionid"],
            "s-1"
        );
        let c = l.completed("id-2", "2026-11-30T09:10:00Z", "PT10M");
        let cats: Vec<&str> = c["context"]["contextActivities"]["category"]
            .as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].as_str().unwrap())
            .collect();
        assert_eq!(cats, vec![CATEGORY_CMI5, CATEGORY_MOVEON]);
        assert_eq!(c["result"]["completion"], true);
    }

    #[test]
    fn a_choice_is_an_allowed_statement_without_the_cmi5_category() {
        let l = launch(None, "Normal");
        let offered = vec![
            ("a".to_string(), "Ask".to_string()),
            ("b".to_string(), "Tell".to_string()),
        ];
        let s = l.choice("id", "2026-11-30T09:00:00Z", "intake", "a", "Ask", &offered);
        assert_eq!(s["verb"]["id"], VERB_ANSWERED);
        assert_eq!(s["object"]["definition"]["type"], INTERACTION);
        assert_eq!(s["object"]["definition"]["interactionType"], "choice");
        assert_eq!(s["result"]["response"], "a");
        assert!(s["context"]["contextActivities"]["category"].is_null());
        assert_eq!(
            s["context"]["contextActivities"]["grouping"][0]["id"],
            "https://lms.example/au/1"
        );
    }

    #[test]
    fn the_lms_mastery_score_decides_passed_or_failed() {
        let (s, passed) = launch(Some(0.8), "Normal").judged("i", "t", 0.75, true, "PT1M");
        assert!(!passed);
        assert_eq!(s["verb"]["id"], VERB_FAILED);
        assert_eq!(s["context"]["extensions"][EXT_MASTERY], 0.8);
        assert_eq!(s["result"]["success"], false);
        let (s, passed) = launch(None, "Normal").judged("i", "t", 0.75, true, "PT1M");
        assert!(passed);
        assert_eq!(s["verb"]["id"], VERB_PASSED);
        assert_eq!(s["result"]["score"]["scaled"], 0.75);
        assert!(!launch(None, "Browse").may_judge());
    }

    #[test]
    fn a_reflection_is_an_answered_statement_per_answer() {
        let l = launch(None, "Normal");
        let mut n = 0;
        let s = l.reflection(
            || {
                n += 1;
                format!("r{n}")
            },
            "t",
            Some(5),
            "",
            Some("Teamwork"),
        );
        assert_eq!(s.len(), 2);
        assert_eq!(s[0]["verb"]["id"], VERB_ANSWERED);
        assert_eq!(s[0]["object"]["definition"]["interactionType"], "likert");
        assert_eq!(s[0]["result"]["response"], "5");
        assert_eq!(
            s[1]["object"]["id"],
            "https://lms.example/au/1/reflection/skill"
        );
        assert!(
            s[1]["context"]["contextActivities"]["category"].is_null(),
            "an allowed statement"
        );
    }

    #[test]
    fn the_verb_agrees_with_the_rounded_score() {
        let (s, passed) = launch(Some(0.95), "Normal").judged("i", "t", 0.947, false, "PT1M");
        assert!(passed, "0.947 is reported as 0.95, which meets 0.95");
        assert_eq!(s["result"]["score"]["scaled"], 0.95);
        assert_eq!(s["verb"]["id"], VERB_PASSED);
    }

    #[test]
    fn a_registration_is_told_completed_and_passed_once() {
        let l = launch(Some(0.8), "Normal");
        let mut n = 0;
        let mut id = || {
            n += 1;
            format!("id-{n}")
        };
        let verbs = |statements: &[Value]| -> Vec<String> {
            statements
                .iter()
                .map(|s| {
                    s["verb"]["id"]
                        .as_str()
                        .unwrap()
                        .rsplit('/')
                        .next()
                        .unwrap()
                        .to_string()
                })
                .collect()
        };
        // First session fails: completed and failed.
        let (first, progress) = l.ending(&mut id, "t", "PT1M", 0.5, false, Progress::default());
        assert_eq!(verbs(&first), ["completed", "failed"]);
        assert_eq!(
            progress,
            Progress {
                completed: true,
                passed: false
            }
        );
        assert_eq!(Progress::from_state(&progress.to_state()), progress);
        // Second session passes: no second completed.
        let (second, progress) = l.ending(&mut id, "t", "PT1M", 0.9, true, progress);
        assert_eq!(verbs(&second), ["passed"]);
        assert_eq!(
            progress,
            Progress {
                completed: true,
                passed: true
            }
        );
        // Third session does worse: nothing, never failed after passed.
        let (third, progress) = l.ending(&mut id, "t", "PT1M", 0.1, false, progress);
        assert!(third.is_empty());
        assert!(progress.passed);
        // Browse mode judges nothing and stores nothing new.
        let (browse, kept) =
            launch(None, "Browse").ending(&mut id, "t", "PT1M", 1.0, true, Progress::default());
        assert!(browse.is_empty());
        assert_eq!(kept, Progress::default());
        assert_eq!(Progress::from_state(&json!("garbage")), Progress::default());
    }

    #[test]
    fn course_structure_has_an_au_per_scenario() {
        let xml = course_structure(
            "urn:firstshift:course:test",
            "Test & course",
            &[PackageItem {
                scenario: "healthcare/night-shift-opioid".into(),
                title: "Night shift".into(),
                pass_mark: 70,
            }],
        );
        assert!(xml.contains(
            "<courseStructure xmlns=\"https://w3id.org/xapi/profiles/cmi5/v1/CourseStructure.xsd\">"
        ));
        assert!(xml.contains("<au id=\"urn:firstshift:course:test/healthcare/night-shift-opioid\" moveOn=\"CompletedAndPassed\" masteryScore=\"0.70\""));
        assert!(xml.contains("<url>index.html?scenario=healthcare/night-shift-opioid</url>"));
        assert!(xml.contains("Test &amp; course"));
    }
}
