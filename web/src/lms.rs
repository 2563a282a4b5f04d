//! The SCORM runtime side: finds the LMS's API in a parent or opener window, and
//! reports the run to it (status, each choice as an interaction, the save for
//! resuming, the score, session time). What to set is computed by
//! `firstshift_lms::Scorm`; this module only finds the API and calls it.
//!
//! An LMS error is shown in a small status line and never stops play. With no LMS
//! the player runs standalone, exactly as before.

use std::cell::RefCell;

use firstshift_lms::scorm::{Call, ChoiceRecord, Scorm, Values, Version};
use firstshift_rubric::ScoreReport;
use firstshift_sims::Session;
use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, Window};

use crate::dom::{self, Build, el};

/// How many windows up (parents, then the opener's parents) to look for the API:
/// the SCORM run-time's discovery algorithm uses 7; LMS frame sets are rarely deeper.
const MAX_HOPS: usize = 10;

thread_local! {
    static LMS: RefCell<Option<Lms>> = const { RefCell::new(None) };
}

/// Runs `f` with the connected LMS, if there is one.
pub fn with<T>(f: impl FnOnce(&mut Lms) -> T) -> Option<T> {
    LMS.with(|l| l.borrow_mut().as_mut().map(f))
}

pub struct Lms {
    api: JsValue,
    scorm: Scorm,
    /// A small status line for LMS errors.
    note: Element,
    started_ms: f64,
    last_choice_ms: f64,
    /// Interactions the LMS held when this session began.
    interactions_at_start: usize,
    /// Choices of the run already known to the LMS (recorded, or resumed from).
    choices_known: usize,
    /// Choices recorded in this session.
    recorded: usize,
    /// The latest save, set again when the student leaves.
    save: String,
    finished: bool,
    terminated: bool,
}

/// Looks for the SCORM API and initializes it. Returns the saved run the LMS holds
/// for this attempt, if it is a return to it.
pub fn connect() -> Option<String> {
    let window = web_sys::window()?;
    let (api, version) = find_api(&window)?;
    let note = el("p")
        .id("lms-status")
        .class("lms-status")
        .attr("role", "status");
    if let Some(app) = dom::document().get_element_by_id("app") {
        let _ = app.append_child(&note);
    }
    let now = js_sys::Date::now();
    let mut lms = Lms {
        api,
        scorm: Scorm(version),
        note,
        started_ms: now,
        last_choice_ms: now,
        interactions_at_start: 0,
        choices_known: 0,
        recorded: 0,
        save: String::new(),
        finished: false,
        terminated: false,
    };
    lms.call(Call::Initialize, &[JsValue::from_str("")]);
    lms.check(lms.scorm.function(Call::Initialize));
    let status = lms.get(lms.scorm.status_element());
    let start = lms.scorm.start(&status);
    lms.set_all(&start);
    lms.interactions_at_start = lms.get("cmi.interactions._count").parse().unwrap_or(0);
    let resuming = lms.get(lms.scorm.entry_element()) == "resume";
    let saved = lms.get(lms.scorm.suspend_element());
    lms.commit();
    let _ = dom::document()
        .get_element_by_id("app")
        .map(|a| a.set_attribute("data-lms", lms.scorm.api_name()));
    LMS.with(|l| *l.borrow_mut() = Some(lms));
    on_pagehide();
    (resuming && !saved.is_empty()).then_some(saved)
}

fn find_api(window: &Window) -> Option<(JsValue, Version)> {
    let mut starts = vec![window.clone()];
    if let Ok(opener) = window.opener()
        && let Ok(opener) = opener.dyn_into::<Window>()
    {
        starts.push(opener);
    }
    for start in starts {
        let mut current = start;
        for _ in 0..MAX_HOPS {
            for version in [Version::V2004, Version::V12] {
                let name = Scorm(version).api_name();
                // Reading a property of a window on another origin throws: skip it.
                if let Ok(api) = Reflect::get(&current, &JsValue::from_str(name))
                    && api.is_object()
                {
                    return Some((api, version));
                }
            }
            let Ok(Some(parent)) = current.parent() else {
                break;
            };
            if js_sys::Object::is(&parent, &current) {
                break;
            }
            current = parent;
        }
    }
    None
}

impl Lms {
    fn call(&self, call: Call, args: &[JsValue]) -> Option<JsValue> {
        let name = self.scorm.function(call);
        let f: Function = Reflect::get(&self.api, &JsValue::from_str(name))
            .ok()?
            .dyn_into()
            .ok()?;
        let args: js_sys::Array = args.iter().collect();
        f.apply(&self.api, &args).ok()
    }

    fn get(&self, element: &str) -> String {
        self.call(Call::GetValue, &[JsValue::from_str(element)])
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    }

    fn set_all(&self, values: &Values) {
        for (element, value) in values {
            self.call(
                Call::SetValue,
                &[JsValue::from_str(element), JsValue::from_str(value)],
            );
            self.check(element);
        }
    }

    fn commit(&self) {
        self.call(Call::Commit, &[JsValue::from_str("")]);
        self.check(self.scorm.function(Call::Commit));
    }

    /// Shows the LMS's last error, if there is one, without stopping anything.
    fn check(&self, what: &str) {
        let code = self
            .call(Call::GetLastError, &[])
            .and_then(|v| v.as_string().or_else(|| v.as_f64().map(|n| n.to_string())))
            .unwrap_or_else(|| "0".into());
        if code == "0" || code.is_empty() {
            return;
        }
        let message = self
            .call(Call::GetErrorString, &[JsValue::from_str(&code)])
            .and_then(|v| v.as_string())
            .unwrap_or_default();
        self.note.set_text_content(Some(&format!(
            "The gradebook reported a problem with {what} (error {code}: {message}). You can keep playing; ask your teacher if your score does not appear."
        )));
    }

    /// A run starts or resumes: its first `known` choices are already in the LMS.
    pub fn begin_run(&mut self, known: usize) {
        self.choices_known = known;
        self.finished = false;
    }

    /// Records the run's new choices as interactions and saves it (a checkpoint).
    pub fn record(&mut self, session: &Session, save: &str) {
        let now = js_sys::Date::now();
        let choices = &session.history().choices;
        let scenario = session.scenario();
        let mut values = Vec::new();
        for (index, c) in choices.iter().enumerate().skip(self.choices_known) {
            let label = scenario
                .steps
                .get(&c.step)
                .and_then(|s| s.choices.iter().find(|x| x.id == c.choice))
                .map_or("", |x| x.label.as_str());
            let record = ChoiceRecord {
                index,
                step: &c.step,
                choice: &c.choice,
                label,
                wall_ms: now,
                latency_seconds: (now - self.last_choice_ms) / 1000.0,
            };
            let slot = self.interactions_at_start + self.recorded;
            values.extend(self.scorm.interaction(slot, &record));
            self.recorded += 1;
            self.last_choice_ms = now;
        }
        self.choices_known = choices.len();
        if save.len() <= self.scorm.suspend_limit() {
            self.save = save.to_string();
            values.extend(self.scorm.suspend(save));
        }
        self.set_all(&values);
        self.commit();
    }

    /// The student's reflection after the debrief, as interactions after the run's.
    pub fn reflect(&mut self, interest: Option<u8>, surprised: &str, skill: Option<&str>) {
        let slot = self.interactions_at_start + self.recorded;
        let values = self
            .scorm
            .reflection(slot, interest, surprised, skill, js_sys::Date::now());
        self.recorded += values.iter().filter(|(k, _)| k.ends_with(".id")).count();
        self.set_all(&values);
        self.commit();
    }

    /// The run reached its ending: the score and the statuses.
    pub fn finish(&mut self, session: &Session, report: &ScoreReport, save: &str) {
        self.record(session, save);
        self.finished = true;
        let mut values = self.scorm.result(report);
        values.extend(self.scorm.leave(self.session_seconds(), true));
        self.set_all(&values);
        self.commit();
    }

    fn session_seconds(&self) -> f64 {
        (js_sys::Date::now() - self.started_ms) / 1000.0
    }

    /// The student leaves the page: session time, suspend or not, and terminate.
    pub fn leave(&mut self) {
        if self.terminated {
            return;
        }
        let mut values = self.scorm.leave(self.session_seconds(), self.finished);
        if !self.finished && !self.save.is_empty() {
            values.extend(self.scorm.suspend(&self.save));
        }
        self.set_all(&values);
        self.commit();
        self.call(Call::Terminate, &[JsValue::from_str("")]);
        self.terminated = true;
    }
}

fn on_pagehide() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let closure = wasm_bindgen::closure::Closure::<dyn FnMut()>::new(|| {
        with(Lms::leave);
    });
    let _ = window.add_event_listener_with_callback("pagehide", closure.as_ref().unchecked_ref());
    closure.forget();
}

/// The SCORM LMS as a host (when one launched the player): the run's start, each
/// change with its save, the result, the reflection.
pub struct ScormHost;

impl crate::hosts::Host for ScormHost {
    fn began(&mut self, _: &firstshift_sims::Scenario, how: crate::hosts::Began) {
        use crate::hosts::Began;
        // The interactions the LMS holds: none for a fresh run, the saved ones for
        // its own resume. A restart keeps appending to the same attempt.
        match how {
            Began::Fresh => {
                with(|l| l.begin_run(0));
            }
            Began::ResumedFromLms { choices } => {
                with(|l| l.begin_run(choices));
            }
            Began::Continued { .. } | Began::Restarted => {}
        }
    }

    fn progressed(&mut self, session: &Session, save: &str) {
        with(|l| l.record(session, save));
    }

    fn finished(&mut self, session: &Session, report: &ScoreReport, save: &str) {
        with(|l| l.finish(session, report, save));
    }

    fn reflected(&mut self, interest: Option<u8>, surprised: &str, skill: Option<&str>) {
        with(|l| l.reflect(interest, surprised, skill));
    }
}
