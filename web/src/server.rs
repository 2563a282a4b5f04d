//! A launch by the FirstShift server (`?server-run=ID#token=…`, where the server's
//! LTI launch sends the browser): the run is fetched from the server (its seed, and
//! any choices it holds, which the run goes on from), and each choice made is
//! posted to it in order through the [`Outbox`], retried while the network is
//! down. The server scores the run itself; nothing here claims a score.
//!
//! The token is in the URL's fragment, which the browser never sends to a server,
//! and requests carry it as a bearer token: no cookie, so it works inside an LMS's
//! iframe where third-party cookies are blocked. A failure is shown in the page's
//! status line and never stops play.

use std::cell::RefCell;

use firstshift_core::Transcript;
use serde_json::{Value, json};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use crate::dom::{self, Build, el};
use crate::hosts::{Began, Host};
use crate::outbox::{Answer, Outbox};

/// A server launch's run and the token to post to it with.
#[derive(Debug, Clone)]
pub struct Params {
    run: String,
    token: String,
}

struct State {
    params: Params,
    outbox: Outbox,
    sending: bool,
}

thread_local! {
    static STATE: RefCell<Option<State>> = const { RefCell::new(None) };
}

/// The launch's parameters, if the server launched the player.
pub fn launched() -> Option<Params> {
    let run = dom::query("server-run")?;
    let hash = web_sys::window()?.location().hash().ok()?;
    let token = hash
        .trim_start_matches('#')
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))?
        .to_string();
    Some(Params { run, token })
}

/// Fetches the run as the server holds it, and keeps the launch for the host.
pub async fn connect(params: Params) -> Result<Transcript, String> {
    let (status, text) = request(&params, "", "GET", None).await?;
    if status != 200 {
        return Err(refusal(&parsed(&text), status));
    }
    // Read straight from the text (as a profile's transcripts are), so the
    // player carries one transcript reader, not a second one for `Value`s.
    #[derive(serde::Deserialize)]
    struct Held {
        transcript: Transcript,
    }
    let Held { transcript } = serde_json::from_str(&text)
        .map_err(|e| format!("the server's answer is not a run ({e})"))?;
    STATE.with(|s| {
        *s.borrow_mut() = Some(State {
            params,
            outbox: Outbox::default(),
            sending: false,
        });
    });
    Ok(transcript)
}

pub fn is_active() -> bool {
    STATE.with(|s| s.borrow().is_some())
}

/// The words of a refusal (`{"error": {"message": …}}`), or its status.
fn refusal(body: &Value, status: u16) -> String {
    body["error"]["message"]
        .as_str()
        .map(str::to_string)
        .unwrap_or_else(|| format!("the server answered {status}"))
}

/// Sends the next choice (or the ending's clock) unless a send is in flight;
/// each answer sends the next, after a wait if the last one failed.
fn pump() {
    let next = STATE.with(|s| {
        let mut s = s.borrow_mut();
        let s = s.as_mut()?;
        if s.sending {
            return None;
        }
        let body = if let Some(c) = s.outbox.next() {
            ("/choices", json!({"position": c.position, "step": c.step, "choice": c.choice, "at": c.at}))
        } else {
            ("/clock", json!({ "at": s.outbox.clock_report()? }))
        };
        s.sending = true;
        Some((s.params.clone(), body))
    });
    let Some((params, (path, body))) = next else {
        return;
    };
    wasm_bindgen_futures::spawn_local(async move {
        let answer = match request(&params, path, "POST", Some(&body))
            .await
            .map(|(status, text)| (status, parsed(&text)))
        {
            Ok((200, body)) => Answer::Holds(body["choices"].as_u64().unwrap_or(0)),
            Ok((409, body)) if body["error"]["code"] == "out-of-order" => {
                Answer::Expects(body["error"]["expected"].as_u64().unwrap_or(0))
            }
            Ok((status, _)) if status == 0 || status >= 500 => Answer::TryLater,
            Ok((status, body)) => Answer::Refused(refusal(&body, status)),
            Err(_) => Answer::TryLater,
        };
        let clock_done = path == "/clock" && matches!(answer, Answer::Holds(_));
        let (wait, stopped) = STATE.with(|s| {
            let mut s = s.borrow_mut();
            let Some(s) = s.as_mut() else { return (0, None) };
            s.sending = false;
            if clock_done {
                s.outbox.clock_reported();
            } else if path == "/clock" {
                // A clock report is answered like a choice; only its failure matters.
                if let Answer::Refused(why) = &answer {
                    s.outbox.answered(Answer::Refused(why.clone()));
                } else {
                    s.outbox.answered(Answer::TryLater);
                }
            } else {
                s.outbox.answered(answer);
            }
            (s.outbox.wait_ms(), s.outbox.stopped().map(str::to_string))
        });
        show_status(stopped.as_deref(), wait > 0);
        if stopped.is_none() {
            later(wait, pump);
        }
    });
}

fn later(ms: u32, f: fn()) {
    if ms == 0 {
        f();
        return;
    }
    let closure = Closure::once_into_js(f);
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
            closure.unchecked_ref(),
            ms as i32,
        );
    }
}

/// The status line: nothing while choices arrive, a note while the server
/// cannot be reached (play goes on; they are sent when it can), the server's
/// words if it refused.
fn show_status(stopped: Option<&str>, retrying: bool) {
    let doc = dom::document();
    let text = match (stopped, retrying) {
        // The server's own words stay as it wrote them (English).
        (Some(why), _) => crate::i18n::trf(
            "Your choices are no longer reaching your teacher's server: {}.",
            &[&why],
        ),
        (None, true) => crate::i18n::tr(
            "The server cannot be reached just now. Keep playing: your choices are kept and sent when it can.",
        )
        .to_string(),
        (None, false) => {
            if let Some(note) = doc.get_element_by_id("server-status") {
                note.remove();
            }
            return;
        }
    };
    let note = doc.get_element_by_id("server-status").unwrap_or_else(|| {
        let note = el("p")
            .id("server-status")
            .class("lms-status")
            .attr("role", "status");
        if let Some(app) = doc.get_element_by_id("app") {
            let _ = app.append_child(&note);
        }
        note
    });
    note.set_text_content(Some(&text));
}

fn parsed(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or(Value::Null)
}

/// One request to the run: its status and body.
async fn request(
    params: &Params,
    path: &str,
    method: &str,
    body: Option<&Value>,
) -> Result<(u16, String), String> {
    let url = format!("api/runs/{}{path}", params.run);
    let mut init = json!({
        "method": method,
        "headers": { "Authorization": format!("Bearer {}", params.token) },
        "keepalive": true,
    });
    if let Some(body) = body {
        init["headers"]["Content-Type"] = json!("application/json");
        init["body"] = json!(body.to_string());
    }
    let answer = crate::http::fetch(&url, &init).await?;
    Ok((answer.status, answer.text))
}

/// The server as one of the run's hosts.
pub struct ServerHost;

impl Host for ServerHost {
    fn began(&mut self, _scenario: &firstshift_sims::Scenario, how: Began) {
        let held = match how {
            Began::ResumedFromLms { choices } | Began::Continued { choices } => choices as u64,
            Began::Fresh | Began::Restarted => 0,
        };
        STATE.with(|s| {
            if let Some(s) = s.borrow_mut().as_mut() {
                s.outbox.began(held);
            }
        });
    }

    fn choice_made(
        &mut self,
        _session: &firstshift_sims::Session,
        step: &str,
        choice: &str,
        _label: &str,
        at: firstshift_core::Seconds,
    ) {
        STATE.with(|s| {
            if let Some(s) = s.borrow_mut().as_mut() {
                s.outbox.push(step, choice, at);
            }
        });
        pump();
    }

    fn finished(
        &mut self,
        session: &firstshift_sims::Session,
        _report: &firstshift_rubric::ScoreReport,
        _save: &str,
    ) {
        STATE.with(|s| {
            if let Some(s) = s.borrow_mut().as_mut() {
                s.outbox.ended(session.clock());
            }
        });
        pump();
    }
}
