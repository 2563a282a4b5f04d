//! The iframe embedding protocol (`docs/embedding.md`, version 1).
//!
//! A host page embeds the player with `?parent_origin=https://lms.example.edu` (one
//! origin, or several separated by commas). Only then does the player post events,
//! and only to those origins, never to `*`; and it only obeys commands whose
//! `origin` is one of them and whose source is its parent window. Anything else is
//! ignored: a hostile page cannot drive the player or read its results.

use std::cell::RefCell;

use firstshift_rubric::ScoreReport;
use serde_json::{Value, json};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{MessageEvent, Window};

use crate::dom;
use crate::inbox::{UiCommand, push};

/// The protocol's name and version, in every message both ways.
pub const PROTOCOL: &str = "firstshift";
pub const VERSION: u32 = 1;

thread_local! {
    static EMBED: RefCell<Option<Embed>> = const { RefCell::new(None) };
}

struct Embed {
    parent: Window,
    origins: Vec<String>,
    last_height: i32,
}

/// A web origin as a host gives it: `scheme://host[:port]`, nothing more.
pub fn valid_origin(origin: &str) -> bool {
    let Some((scheme, rest)) = origin.split_once("://") else {
        return false;
    };
    matches!(scheme, "http" | "https")
        && !rest.is_empty()
        && rest
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
}

/// Starts the protocol if the page is in a frame and the URL names its parent's
/// origin. Returns the origins it refused, for the page to report.
pub fn connect() -> Vec<String> {
    let Some(window) = web_sys::window() else {
        return Vec::new();
    };
    let Some(list) = dom::query("parent_origin") else {
        return Vec::new();
    };
    let Ok(Some(parent)) = window.parent() else {
        return Vec::new();
    };
    if js_sys::Object::is(&parent, &window) {
        return Vec::new(); // Not in a frame.
    }
    let (origins, refused): (Vec<String>, Vec<String>) = list
        .split(',')
        .map(|o| o.trim().trim_end_matches('/').to_string())
        .filter(|o| !o.is_empty())
        .partition(|o| valid_origin(o));
    if origins.is_empty() {
        return refused;
    }
    EMBED.with(|e| {
        *e.borrow_mut() = Some(Embed {
            parent,
            origins,
            last_height: -1,
        })
    });
    listen(&window);
    refused
}

pub fn is_embedded() -> bool {
    EMBED.with(|e| e.borrow().is_some())
}

fn listen(window: &Window) {
    let closure = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        let allowed = EMBED.with(|e| {
            e.borrow().as_ref().is_some_and(|embed| {
                let from_parent = event
                    .source()
                    .is_some_and(|s| js_sys::Object::is(&s, &embed.parent));
                from_parent && embed.origins.iter().any(|o| *o == event.origin())
            })
        });
        if !allowed {
            return; // Another origin, or another window: ignored.
        }
        let Some(text) = js_sys::JSON::stringify(&event.data())
            .ok()
            .and_then(|s| s.as_string())
        else {
            return;
        };
        let Ok(message) = serde_json::from_str::<Value>(&text) else {
            return;
        };
        if message["protocol"] != PROTOCOL || message["version"] != VERSION {
            return;
        }
        match message["type"].as_str() {
            Some("start") => push(UiCommand::StartOver),
            Some("restart") => push(UiCommand::Restart),
            _ => {}
        }
    });
    let _ = window.add_event_listener_with_callback("message", closure.as_ref().unchecked_ref());
    closure.forget();
}

/// Posts an event to the parent, to each allowed origin (the browser delivers it
/// only if the parent's origin is that one).
pub fn post(kind: &str, mut payload: Value) {
    EMBED.with(|e| {
        let e = e.borrow();
        let Some(embed) = e.as_ref() else {
            return;
        };
        payload["protocol"] = json!(PROTOCOL);
        payload["version"] = json!(VERSION);
        payload["type"] = json!(kind);
        let Ok(data) = js_sys::JSON::parse(&payload.to_string()) else {
            return;
        };
        for origin in &embed.origins {
            let _ = embed.parent.post_message(&data, origin);
        }
    });
}

/// Tells the host the page's height when it changed, so it can size the frame.
pub fn resize() {
    // Called every frame: reading the height forces a layout, so only in a frame.
    if !is_embedded() {
        return;
    }
    let Some(height) = dom::document()
        .document_element()
        .map(|d| d.scroll_height())
    else {
        return;
    };
    let changed = EMBED.with(|e| {
        let mut e = e.borrow_mut();
        match e.as_mut() {
            Some(embed) if embed.last_height != height => {
                embed.last_height = height;
                true
            }
            _ => false,
        }
    });
    if changed {
        post("resize", json!({ "height": height }));
    }
}

/// The result, as the host receives it with `complete`.
pub fn report_json(report: &ScoreReport) -> Value {
    json!({
        "percent": report.percent,
        "scaled": report.scaled,
        "passed": report.passed,
        "pass_mark": report.pass_mark,
        "ending": report.ending.as_ref().map(|e| json!({ "step": e.step, "title": e.title })),
        "criteria": report.criteria.iter().map(|c| json!({
            "id": c.id, "title": c.title, "level": c.level,
            "points": c.points, "max_points": c.max_points, "weight": c.weight,
        })).collect::<Vec<_>>(),
        "critical_failures": report.critical_failures.iter().map(|c| json!(c.id)).collect::<Vec<_>>(),
        "harms": report.harms.iter().map(|h| json!(h.id)).collect::<Vec<_>>(),
    })
}

/// The embedding page as a host: `ready`, `step`, `choice` and `complete`
/// messages (docs/embedding.md), sent only if a parent origin is allowed.
pub struct EmbedHost;

impl crate::hosts::Host for EmbedHost {
    fn began(&mut self, scenario: &firstshift_sims::Scenario, _: crate::hosts::Began) {
        post(
            "ready",
            json!({ "scenario": scenario.id, "title": scenario.title }),
        );
    }

    fn step_entered(&mut self, step: &str, at: firstshift_core::Seconds) {
        post("step", json!({ "step": step, "at": at }));
    }

    fn choice_made(
        &mut self,
        _: &firstshift_sims::Session,
        step: &str,
        choice: &str,
        label: &str,
        at: firstshift_core::Seconds,
    ) {
        post(
            "choice",
            json!({ "choice": choice, "label": label, "step": step, "at": at }),
        );
    }

    fn finished(&mut self, session: &firstshift_sims::Session, report: &ScoreReport, _: &str) {
        post(
            "complete",
            json!({
                "scenario": session.scenario().id,
                "report": report_json(report),
                "transcript": session.transcript(),
            }),
        );
        resize();
    }
}
