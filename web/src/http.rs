//! One `fetch` for the hosts that talk to a server of their own (the cmi5 LRS, the
//! FirstShift server): the request as JSON `init`, the answer as its status and
//! body text. Each host reads the status in its own protocol's terms.

use js_sys::{Function, Promise, Reflect};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// A response: its HTTP status and its body (empty when it has none).
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub text: String,
}

impl Answer {
    pub fn ok(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// Sends `init` (the Fetch standard's `RequestInit`, as JSON) to `url`. An error
/// is a request that got no answer at all (the network, CORS), in words.
pub async fn fetch(url: &str, init: &Value) -> Result<Answer, String> {
    let method = init["method"].as_str().unwrap_or("GET");
    let window = web_sys::window().ok_or("no window")?;
    let init = js_sys::JSON::parse(&init.to_string()).map_err(|_| "bad request")?;
    let fetch: Function = Reflect::get(&window, &"fetch".into())
        .map_err(|_| "no fetch")?
        .dyn_into()
        .map_err(|_| "no fetch")?;
    let promise: Promise = fetch
        .call2(&window, &JsValue::from_str(url), &init)
        .map_err(|_| format!("{method} {url} could not be sent"))?
        .dyn_into()
        .map_err(|_| "fetch gave no promise")?;
    let response = JsFuture::from(promise)
        .await
        .map_err(|_| format!("{method} {url} failed (network or CORS)"))?;
    let status = Reflect::get(&response, &"status".into())
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0) as u16;
    let text: Function = Reflect::get(&response, &"text".into())
        .map_err(|_| "no body")?
        .dyn_into()
        .map_err(|_| "no body")?;
    let text = JsFuture::from(
        text.call0(&response)
            .map_err(|_| "no body")?
            .unchecked_into::<Promise>(),
    )
    .await
    .map_err(|_| "the body could not be read")?
    .as_string()
    .unwrap_or_default();
    Ok(Answer { status, text })
}
