//! The FirstShift browser player.
//!
//! The page is real HTML built from Rust (`dom`, `screens`): headings, buttons,
//! lists and an `aria-live` region, with scenario text always inserted as text nodes.
//! The Bevy app runs the [`firstshift_bevy::ScenarioPlugin`] and paints the scene
//! (`view` picks it, `canvas` draws it with the browser's 2D context: no GPU, no
//! WebGL). `bridge` connects the page and the app: DOM events become commands, and
//! the runtime's events redraw the DOM.

pub mod command;
pub mod controller;
pub mod hosts;
pub mod opening;
pub mod outbox;
pub mod route;
pub mod rules;
#[cfg(test)]
mod test_data;

// The rest talks to the browser, so it is built for wasm only.
macro_rules! browser_modules {
    ($($name:ident),* $(,)?) => { $(#[cfg(target_arch = "wasm32")] mod $name;)* };
}
browser_modules!(
    bedside_panel,
    bridge,
    business_panel,
    canvas,
    catalog,
    checker,
    class_results,
    cmi5,
    dom,
    embed,
    http,
    i18n,
    inbox,
    line_panel,
    lms,
    profile,
    screens,
    server,
    sim_panel,
    sims,
    storage,
    view,
);

#[cfg(target_arch = "wasm32")]
use wasm_bindgen::prelude::*;

/// Entry point, called by the page's module script.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(start)]
pub fn start() {
    dom::mark("wasm-started");
    std::panic::set_hook(Box::new(|info| {
        let message = format!("FirstShift stopped because of a bug: {info}");
        web_sys::console::error_1(&message.clone().into());
        dom::show_fatal(&message);
    }));
    bridge::run();
}

/// Testing hook: lets `seconds` of simulated time pass at once. The browser tests use
/// it with `?clock=manual` to play a playthrough's `Wait(n)` exactly. It does
/// nothing unless the page carries the test servers' mark ([`dom::test_hooks`]).
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen(js_name = waitSeconds)]
pub fn wait_seconds(seconds: u32) {
    if dom::test_hooks() {
        inbox::push(inbox::UiCommand::Wait(u64::from(seconds)));
    }
}
