//! The page's inbox: DOM events (buttons, keys, files, the embedding page) push
//! [`UiCommand`]s here, and the app drains them once a frame (`bridge`). The screens
//! and the hosts depend on this module only, never on the app, so no module that
//! draws the page imports the one that runs it.

use std::cell::RefCell;
use std::collections::VecDeque;

pub use crate::command::UiCommand;
use crate::route::SiteFile;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

/// Fetches `file`; its text (or why not) arrives in the inbox. The scenario the
/// page's URL names was fetched by `boot.js` before the player started: its text
/// is taken from there when it came, and fetched again (to say why) when not.
pub fn fetch(file: SiteFile) {
    let early = crate::dom::take_early_text(file.path());
    wasm_bindgen_futures::spawn_local(async move {
        let early = match early {
            Some(promise) => wasm_bindgen_futures::JsFuture::from(promise)
                .await
                .ok()
                .and_then(|text| text.as_string()),
            None => None,
        };
        let text = match early {
            Some(text) => Ok(text),
            None => crate::dom::fetch_text_or_why(file.path()).await,
        };
        push(UiCommand::FileArrived { file, text });
    });
}

thread_local! {
    static INBOX: RefCell<VecDeque<UiCommand>> = const { RefCell::new(VecDeque::new()) };
    /// Resolves the promise [`arrival`] waits on.
    static WAITING: RefCell<Option<js_sys::Function>> = const { RefCell::new(None) };
}

pub fn push(command: UiCommand) {
    INBOX.with(|i| i.borrow_mut().push_back(command));
    if let Some(wake) = WAITING.with(|w| w.borrow_mut().take()) {
        let _ = wake.call0(&wasm_bindgen::JsValue::NULL);
    }
}

/// The oldest command that `wanted` picks, taken out; the others stay, in order.
pub fn take_first(wanted: impl Fn(&UiCommand) -> bool) -> Option<UiCommand> {
    INBOX.with(|i| {
        let mut inbox = i.borrow_mut();
        let at = inbox.iter().position(wanted)?;
        inbox.remove(at)
    })
}

/// Resolves when the next command is pushed.
pub async fn arrival() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        WAITING.with(|w| *w.borrow_mut() = Some(resolve));
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Reads a picked or dropped file's text, then opens it.
pub fn read_file(file: web_sys::File) {
    let Ok(reader) = web_sys::FileReader::new() else {
        return;
    };
    let name = file.name();
    let reader2 = reader.clone();
    let onload = Closure::<dyn FnMut()>::new(move || {
        let text = reader2
            .result()
            .ok()
            .and_then(|r| r.as_string())
            .unwrap_or_default();
        push(UiCommand::OpenText {
            name: name.clone(),
            text,
        });
    });
    reader.set_onload(Some(onload.as_ref().unchecked_ref()));
    onload.forget();
    let _ = reader.read_as_text(&file);
}

/// Every command pushed since the last drain, oldest first.
pub fn drain() -> Vec<UiCommand> {
    INBOX.with(|i| i.borrow_mut().drain(..).collect())
}
