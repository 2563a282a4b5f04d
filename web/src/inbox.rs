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

/// Fetches `file`; its text (or why not) arrives in the inbox.
pub fn fetch(file: SiteFile) {
    wasm_bindgen_futures::spawn_local(async move {
        let text = crate::dom::fetch_text_or_why(file.path()).await;
        push(UiCommand::FileArrived { file, text });
    });
}

thread_local! {
    static INBOX: RefCell<VecDeque<UiCommand>> = const { RefCell::new(VecDeque::new()) };
}

pub fn push(command: UiCommand) {
    INBOX.with(|i| i.borrow_mut().push_back(command));
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
