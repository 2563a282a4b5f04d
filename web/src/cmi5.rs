//! The cmi5 runtime side: reads the launch parameters, fetches the auth token,
//! reads `LMS.LaunchData` and this registration's progress from the State API, and
//! sends the statements `firstshift_lms::cmi5::Launch` builds, one batch at a time
//! and in order, to the LRS the LMS named. On `pagehide` whatever is still queued
//! goes out with `terminated` in one keep-alive request, so leaving never loses the
//! last statements. Every batch is keep-alive, so one still in flight when the tab
//! closes arrives too; `terminated` waits for it, because cmi5 requires it to be
//! the session's last statement and two requests in flight may arrive in either
//! order.
//!
//! A failure (no token, an LRS error) is shown in the page's LMS status line and
//! never stops play.

use std::cell::RefCell;
use std::collections::VecDeque;

use firstshift_lms::cmi5::{Launch, PROGRESS_STATE_ID, Progress};
use firstshift_lms::cmi5_launch;
use firstshift_lms::time::{duration_2004, timestamp_2004};
use js_sys::{Function, Reflect};
use serde_json::{Value, json};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::dom::{self, Build, el};

const XAPI_VERSION: &str = "1.0.3";

/// Below the 64 KiB that the Fetch standard allows keep-alive bodies in flight.
const KEEPALIVE_BODY_LIMIT: usize = 48 * 1024;

/// What the player asks to report, in order, before or after the launch is ready.
#[derive(Debug, Clone)]
enum Intent {
    Choice {
        step: String,
        choice: String,
        label: String,
        offered: Vec<(String, String)>,
        at_ms: f64,
    },
    Finish {
        scaled: f64,
        passed: bool,
        at_ms: f64,
    },
    Reflection {
        interest: Option<u8>,
        surprised: String,
        skill: Option<String>,
        at_ms: f64,
    },
}

#[derive(Default)]
struct State {
    endpoint: String,
    auth: String,
    launch: Option<Launch>,
    /// `activityId`, `agent` and `registration` for State API requests.
    state_query: String,
    /// What this registration has been told, as last read or stored.
    progress: Progress,
    /// The progress changed and is not yet stored.
    progress_unsaved: bool,
    /// [`cmi5_launch::registration_key`]: this registration's save in the browser.
    save_key: String,
    started_ms: f64,
    intents: VecDeque<Intent>,
    pumping: bool,
    /// The page is going away while a batch is in flight: `terminated` goes out
    /// when that batch has arrived.
    leaving: bool,
    judged: bool,
    terminated: bool,
    failed: bool,
}

thread_local! {
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
}

/// A cmi5 launch's parameters, checked.
pub struct Params {
    endpoint: String,
    fetch: String,
    actor: Value,
    registration: String,
    activity_id: String,
}

/// What the address says about cmi5.
pub enum Launched {
    /// Not a cmi5 launch.
    No,
    /// A cmi5 launch whose LRS or token address this package may not use.
    Refused(String),
    Yes(Params),
}

/// Reads and checks the launch parameters: `endpoint` and `fetch` must be https
/// (or loopback http) on this page's origin or one the package names.
pub fn launched() -> Launched {
    let (Some(actor), Some(endpoint), Some(fetch), Some(registration), Some(activity_id)) = (
        dom::query("actor"),
        dom::query("endpoint"),
        dom::query("fetch"),
        dom::query("registration"),
        dom::query("activityId"),
    ) else {
        return Launched::No;
    };
    let Ok(actor) = serde_json::from_str::<Value>(&actor) else {
        return Launched::Refused("the LMS's launch gives an `actor` that is not JSON".into());
    };
    let page = web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default();
    let allowed = dom::document()
        .query_selector(r#"meta[name="firstshift-lrs-origins"]"#)
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
        .unwrap_or_default();
    let allowed: Vec<&str> = allowed.split_whitespace().collect();
    for (what, url) in [("endpoint", &endpoint), ("fetch", &fetch)] {
        if let Err(refused) = cmi5_launch::check_lrs_url(what, url, &page, &allowed) {
            return Launched::Refused(refused.0);
        }
    }
    let mut endpoint = endpoint;
    if !endpoint.ends_with('/') {
        endpoint.push('/');
    }
    Launched::Yes(Params {
        endpoint,
        fetch,
        actor,
        registration,
        activity_id,
    })
}

/// Starts a cmi5 launch: fetches the token and reads the Learner Preferences (cmi5
/// 11.0), then carries on in the background (`LMS.LaunchData`, the registration's
/// progress, `initialized`). Returns the learner's preferred language, if the
/// player speaks one; an error is the reason to show once the page is built.
pub async fn connect(p: Params) -> Result<Option<&'static str>, String> {
    STATE.with(|s| {
        *s.borrow_mut() = Some(State {
            endpoint: p.endpoint.clone(),
            started_ms: js_sys::Date::now(),
            save_key: cmi5_launch::registration_key(&p.actor, &p.registration),
            ..State::default()
        })
    });
    on_pagehide();
    match begin(&p).await {
        Ok((auth, language)) => {
            wasm_bindgen_futures::spawn_local(async move {
                match start(p, auth).await {
                    Ok(()) => pump(),
                    Err(why) => fail(&why),
                }
            });
            Ok(language)
        }
        Err(why) => {
            STATE.with(|s| {
                if let Some(s) = s.borrow_mut().as_mut() {
                    s.failed = true;
                }
            });
            Err(why)
        }
    }
}

/// The token, then the Learner Preferences (a 403 or 404 is no preference).
async fn begin(p: &Params) -> Result<(String, Option<&'static str>), String> {
    let token = fetch_json(&p.fetch, "POST", None, None).await?;
    let token = token["auth-token"]
        .as_str()
        .ok_or("the LMS gave no auth token (the launch may have been used already)")?
        .to_string();
    let auth = format!("Basic {token}");
    let preferences = fetch_json(
        &format!(
            "{}agents/profile?agent={}&profileId={}",
            p.endpoint,
            js_sys::encode_uri_component(&p.actor.to_string()),
            cmi5_launch::LEARNER_PREFERENCES
        ),
        "GET",
        Some(&auth),
        None,
    )
    .await
    .unwrap_or(Value::Null);
    let language = cmi5_launch::preferred_language(&preferences, crate::i18n::SPOKEN);
    Ok((auth, language))
}

/// Where this registration's run is saved in the browser, when cmi5 launched it.
pub fn save_key() -> Option<String> {
    STATE.with(|s| s.borrow().as_ref().map(|s| s.save_key.clone()))
}

pub fn is_active() -> bool {
    STATE.with(|s| s.borrow().is_some())
}

async fn start(p: Params, auth: String) -> Result<(), String> {
    let state_query = format!(
        "activityId={}&agent={}&registration={}",
        js_sys::encode_uri_component(&p.activity_id),
        js_sys::encode_uri_component(&p.actor.to_string()),
        js_sys::encode_uri_component(&p.registration),
    );
    let launch_data = fetch_json(
        &state_url(&p.endpoint, "LMS.LaunchData", &state_query),
        "GET",
        Some(&auth),
        None,
    )
    .await?;
    if !launch_data.is_object() {
        return Err("the LMS gave no LMS.LaunchData".into());
    }
    // No document yet (404) is a registration's first session.
    let progress = Progress::from_state(
        &fetch_json(
            &state_url(&p.endpoint, PROGRESS_STATE_ID, &state_query),
            "GET",
            Some(&auth),
            None,
        )
        .await?,
    );
    let launch = Launch::new(p.actor, &p.registration, &p.activity_id, &launch_data);
    let now = js_sys::Date::now();
    let initialized = launch.initialized(&uuid(), &timestamp_2004(now));
    send(&p.endpoint, &auth, &json!([initialized]), false).await?;
    STATE.with(|s| {
        if let Some(s) = s.borrow_mut().as_mut() {
            s.auth = auth;
            s.launch = Some(launch);
            s.state_query = state_query;
            s.progress = progress;
        }
    });
    Ok(())
}

/// Queues a choice.
pub fn choice(step: &str, choice: &str, label: &str, offered: Vec<(String, String)>) {
    queue(Intent::Choice {
        step: step.into(),
        choice: choice.into(),
        label: label.into(),
        offered,
        at_ms: js_sys::Date::now(),
    });
}

/// Queues the student's reflection (a cmi5 launch only).
pub fn reflect(interest: Option<u8>, surprised: &str, skill: Option<&str>) {
    if !is_active() {
        return;
    }
    queue(Intent::Reflection {
        interest,
        surprised: surprised.to_string(),
        skill: skill.map(str::to_string),
        at_ms: js_sys::Date::now(),
    });
}

/// Queues the result of a finished run.
pub fn finish(scaled: f64, passed: bool) {
    queue(Intent::Finish {
        scaled,
        passed,
        at_ms: js_sys::Date::now(),
    });
}

fn queue(intent: Intent) {
    STATE.with(|s| {
        if let Some(s) = s.borrow_mut().as_mut() {
            s.intents.push_back(intent);
        }
    });
    pump();
}

/// Turns queued intents into statements, for a launch that is ready.
fn statements(state: &mut State, intents: Vec<Intent>) -> Vec<Value> {
    let Some(launch) = state.launch.as_ref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for intent in intents {
        match intent {
            Intent::Choice {
                step,
                choice,
                label,
                offered,
                at_ms,
            } => out.push(launch.choice(
                &uuid(),
                &timestamp_2004(at_ms),
                &step,
                &choice,
                &label,
                &offered,
            )),
            Intent::Reflection {
                interest,
                surprised,
                skill,
                at_ms,
            } => out.extend(launch.reflection(
                uuid,
                &timestamp_2004(at_ms),
                interest,
                &surprised,
                skill.as_deref(),
            )),
            Intent::Finish {
                scaled,
                passed,
                at_ms,
            } => {
                if state.judged {
                    continue;
                }
                let (ending, progress) = launch.ending(
                    uuid,
                    &timestamp_2004(at_ms),
                    &duration_2004((at_ms - state.started_ms) / 1000.0),
                    scaled,
                    passed,
                    state.progress,
                );
                out.extend(ending);
                state.progress_unsaved |= progress != state.progress;
                state.progress = progress;
                state.judged = true;
            }
        }
    }
    out
}

/// One request's worth of work: statements to send, then the progress to store.
struct Batch {
    endpoint: String,
    auth: String,
    statements: Vec<Value>,
    /// The State API URL and document, when the progress changed.
    progress: Option<(String, Value)>,
}

impl Batch {
    fn take(s: &mut State, intents: Vec<Intent>) -> Batch {
        let statements = statements(s, intents);
        let progress = std::mem::take(&mut s.progress_unsaved).then(|| {
            (
                state_url(&s.endpoint, PROGRESS_STATE_ID, &s.state_query),
                s.progress.to_state(),
            )
        });
        Batch {
            endpoint: s.endpoint.clone(),
            auth: s.auth.clone(),
            statements,
            progress,
        }
    }

    async fn send(self, keepalive: bool) -> Result<(), String> {
        if !self.statements.is_empty() {
            send(
                &self.endpoint,
                &self.auth,
                &Value::Array(self.statements),
                keepalive,
            )
            .await?;
        }
        if let Some((url, document)) = self.progress {
            fetch_json(&url, "PUT", Some(&self.auth), Some((&document, keepalive))).await?;
        }
        Ok(())
    }
}

fn state_url(endpoint: &str, state_id: &str, query: &str) -> String {
    format!(
        "{endpoint}activities/state?stateId={}&{query}",
        js_sys::encode_uri_component(state_id)
    )
}

/// Sends the queue one batch at a time, in order.
fn pump() {
    let batch = STATE.with(|s| {
        let mut s = s.borrow_mut();
        let s = s.as_mut()?;
        if s.pumping || s.leaving || s.launch.is_none() || s.terminated || s.failed || s.intents.is_empty() {
            return None;
        }
        s.pumping = true;
        let intents: Vec<Intent> = s.intents.drain(..).collect();
        Some(Batch::take(s, intents))
    });
    let Some(batch) = batch else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let result = batch.send(true).await;
        let leaving = STATE.with(|s| {
            let mut s = s.borrow_mut();
            let s = s.as_mut()?;
            s.pumping = false;
            Some(std::mem::take(&mut s.leaving))
        });
        if let Err(why) = &result {
            fail(why);
        }
        if leaving == Some(true) {
            leave();
        } else if result.is_ok() {
            pump();
        }
    });
}

/// Leaving: everything still queued, then `terminated`, in one request that the
/// browser finishes even as the page goes away.
fn leave() {
    let batch = STATE.with(|s| {
        let mut s = s.borrow_mut();
        let s = s.as_mut()?;
        if s.terminated || s.launch.is_none() {
            return None;
        }
        if s.pumping {
            s.leaving = true;
            return None;
        }
        s.terminated = true;
        let intents: Vec<Intent> = s.intents.drain(..).collect();
        let mut batch = Batch::take(s, intents);
        let now = js_sys::Date::now();
        let launch = s.launch.as_ref()?;
        batch.statements.push(launch.terminated(
            &uuid(),
            &timestamp_2004(now),
            &duration_2004((now - s.started_ms) / 1000.0),
        ));
        Some(batch)
    });
    if let Some(batch) = batch {
        wasm_bindgen_futures::spawn_local(async move {
            let _ = batch.send(true).await;
        });
    }
}

fn on_pagehide() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let closure = Closure::<dyn FnMut()>::new(leave);
    let _ = window.add_event_listener_with_callback("pagehide", closure.as_ref().unchecked_ref());
    closure.forget();
}

pub fn fail(why: &str) {
    STATE.with(|s| {
        if let Some(s) = s.borrow_mut().as_mut() {
            s.failed = true;
        }
    });
    let doc = dom::document();
    let note = doc.get_element_by_id("lms-status").unwrap_or_else(|| {
        let note = el("p")
            .id("lms-status")
            .class("lms-status")
            .attr("role", "status");
        if let Some(app) = doc.get_element_by_id("app") {
            let _ = app.append_child(&note);
        }
        note
    });
    note.set_text_content(Some(&format!(
        "The gradebook could not be reached: {why}. You can keep playing; ask your teacher if your score does not appear."
    )));
}

async fn send(
    endpoint: &str,
    auth: &str,
    statements: &Value,
    keepalive: bool,
) -> Result<(), String> {
    fetch_json(
        &format!("{endpoint}statements"),
        "POST",
        Some(auth),
        Some((statements, keepalive)),
    )
    .await
    .map(|_| ())
}

/// `fetch`, with the xAPI headers when `auth` is given; the response as JSON (or
/// `null` when it has no body).
async fn fetch_json(
    url: &str,
    method: &str,
    auth: Option<&str>,
    body: Option<(&Value, bool)>,
) -> Result<Value, String> {
    let mut headers = json!({});
    if let Some(auth) = auth {
        headers["Authorization"] = json!(auth);
        headers["X-Experience-API-Version"] = json!(XAPI_VERSION);
    }
    let mut init = json!({ "method": method, "headers": headers });
    if let Some((body, keepalive)) = body {
        init["headers"]["Content-Type"] = json!("application/json");
        let body = body.to_string();
        // Browsers refuse a keep-alive request once the keep-alive bodies in
        // flight pass 64 KiB; a larger one goes as an ordinary request.
        init["keepalive"] = json!(keepalive && body.len() < KEEPALIVE_BODY_LIMIT);
        init["body"] = json!(body);
    }
    let answer = crate::http::fetch(url, &init).await?;
    let status = answer.status;
    // The State API answers 404 for a document never stored; an Agent Profile the
    // LMS does not keep (or will not show) is a 403 or a 404, which is no error.
    if method == "GET"
        && ((status == 404 && url.contains("activities/state"))
            || ((status == 403 || status == 404) && url.contains("agents/profile")))
    {
        return Ok(Value::Null);
    }
    if !answer.ok() {
        return Err(format!("{method} {url} answered {status}"));
    }
    if answer.text.trim().is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_str(&answer.text).map_err(|_| format!("{url} did not answer JSON"))
}

/// A random statement id (UUID v4) from the browser's `crypto.randomUUID`.
fn uuid() -> String {
    web_sys::window()
        .and_then(|w| Reflect::get(&w, &"crypto".into()).ok())
        .and_then(|c| {
            let f: Function = Reflect::get(&c, &"randomUUID".into())
                .ok()?
                .dyn_into()
                .ok()?;
            f.call0(&c).ok()?.as_string()
        })
        .unwrap_or_default()
}

/// The cmi5 LMS as a host (when it launched the player): each choice with the
/// choices on offer, the result, the reflection, as xAPI statements.
pub struct Cmi5Host;

impl crate::hosts::Host for Cmi5Host {
    fn choice_made(
        &mut self,
        session: &firstshift_sims::Session,
        step: &str,
        choice_id: &str,
        label: &str,
        _: firstshift_core::Seconds,
    ) {
        if !is_active() {
            return;
        }
        let offered = session
            .scenario()
            .steps
            .get(step)
            .map(|s| {
                s.choices
                    .iter()
                    .map(|c| (c.id.clone(), c.label.clone()))
                    .collect()
            })
            .unwrap_or_default();
        choice(step, choice_id, label, offered);
    }

    fn finished(&mut self, _: &firstshift_sims::Session, report: &firstshift_rubric::ScoreReport, _: &str) {
        if is_active() {
            finish(report.scaled, report.passed);
        }
    }

    fn reflected(&mut self, interest: Option<u8>, surprised: &str, skill: Option<&str>) {
        reflect(interest, surprised, skill);
    }
}
