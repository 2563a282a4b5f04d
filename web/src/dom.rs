//! Small helpers for building the page from Rust. Text always goes in through
//! `set_text_content` (a text node), never as HTML.

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Document, Element, HtmlElement};

pub fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("the player runs in a page")
}

/// A new element with a tag name.
pub fn el(tag: &str) -> Element {
    document().create_element(tag).expect("valid tag name")
}

/// Builder-style helpers on elements.
pub trait Build: Sized {
    fn element(&self) -> &Element;
    fn text(self, text: &str) -> Self {
        self.element().set_text_content(Some(text));
        self
    }
    fn class(self, class: &str) -> Self {
        let _ = self.element().class_list().add_1(class);
        self
    }
    fn attr(self, name: &str, value: &str) -> Self {
        let _ = self.element().set_attribute(name, value);
        self
    }
    fn id(self, id: &str) -> Self {
        self.element().set_id(id);
        self
    }
    fn child(self, child: &Element) -> Self {
        let _ = self.element().append_child(child);
        self
    }
}

impl Build for Element {
    fn element(&self) -> &Element {
        self
    }
}

/// Removes every child.
pub fn clear(element: &Element) {
    element.set_text_content(None);
}

pub fn append(parent: &Element, child: &Element) {
    let _ = parent.append_child(child);
}

/// Shows or hides `element`. A no-op when it already is: the panels call this every
/// frame, and even an attribute set to the value it has is a change the browser's
/// style system must look at.
pub fn set_hidden(element: &Element, hidden: bool) {
    if element.has_attribute("hidden") == hidden {
        return;
    }
    if hidden {
        let _ = element.set_attribute("hidden", "");
    } else {
        let _ = element.remove_attribute("hidden");
    }
}

/// Moves the keyboard focus to `element` once this frame's changes to the page are
/// made ([`apply_focus`]): focusing lays the page out at once, and every change
/// after it would make the browser lay it out again before painting.
pub fn focus(element: &Element) {
    PENDING_FOCUS.with(|f| *f.borrow_mut() = Some(element.clone()));
}

/// Gives the focus asked for last (if any), after the frame's changes.
pub fn apply_focus() {
    let Some(element) = PENDING_FOCUS.with(|f| f.borrow_mut().take()) else {
        return;
    };
    if let Some(e) = element.dyn_ref::<HtmlElement>() {
        let _ = e.focus();
    }
}

thread_local! {
    static PENDING_FOCUS: std::cell::RefCell<Option<Element>> = const { std::cell::RefCell::new(None) };
}

/// Adds an event listener for the life of the page.
pub fn on(target: &Element, event: &str, handler: impl FnMut(web_sys::Event) + 'static) {
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}

/// A `<button type="button">` with a label and a click handler.
pub fn button(label: &str, on_click: impl FnMut(web_sys::Event) + 'static) -> Element {
    let b = el("button").attr("type", "button").text(label);
    on(&b, "click", on_click);
    b
}

/// Shows a last-resort message when the player cannot go on.
pub fn show_fatal(message: &str) {
    let doc = document();
    if let Some(body) = doc.body() {
        let p = el("p").class("fatal").attr("role", "alert").text(message);
        let _ = body.prepend_with_node_1(&p);
    }
}

/// A launch the player will not play (its LMS addresses are not allowed): the
/// reason in place of the loading line, announced, and nothing else starts.
pub fn show_launch_refused(message: &str) {
    let doc = document();
    if let Some(app) = doc.get_element_by_id("app") {
        let _ = app.set_attribute("data-screen", "refused");
        while let Some(child) = app.first_child() {
            let _ = app.remove_child(&child);
        }
        let _ = app.append_child(&el("h1").text("This launch cannot be played"));
        let _ = app.append_child(&el("p").id("refused").attr("role", "alert").text(message));
    }
}

/// Whether the page was served by the browser tests' server, which marks it with
/// `<meta name="firstshift-test-hooks" content="on">`. Only then does the player
/// obey its test hooks (`?seed=`, `?clock=manual`, `window.firstshift.waitSeconds`):
/// a link a student is given, an LMS package and the public site never have the
/// mark, so a graded launch's clock and luck cannot be chosen from the address bar.
pub fn test_hooks() -> bool {
    thread_local! {
        static ON: bool = document()
            .query_selector(r#"meta[name="firstshift-test-hooks"][content="on"]"#)
            .ok()
            .flatten()
            .is_some();
    }
    ON.with(|on| *on)
}

/// A URL query parameter that is a test hook: `None` unless [`test_hooks`].
pub fn test_query(name: &str) -> Option<String> {
    test_hooks().then(|| query(name)).flatten()
}

/// A URL query parameter.
pub fn query(name: &str) -> Option<String> {
    let search = web_sys::window()?.location().search().ok()?;
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()?
        .get(name)
}

/// Fetches a file of this site as text; `None` when it is missing or unreadable.
pub async fn fetch_text_async(url: &str) -> Option<String> {
    fetch_text_or_why(url).await.ok()
}

/// A file of this site as text, or why it could not be had, in words for the page
/// ("the server answered 404 Not Found").
pub async fn fetch_text_or_why(url: &str) -> Result<String, String> {
    let window = web_sys::window().ok_or("there is no browser window")?;
    let offline = || {
        "the network did not answer (is this computer offline?); reconnect and reload the page"
            .to_string()
    };
    let response: web_sys::Response =
        wasm_bindgen_futures::JsFuture::from(window.fetch_with_str(url))
            .await
            .map_err(|_| offline())?
            .dyn_into()
            .map_err(|_| offline())?;
    if !response.ok() {
        return Err(format!(
            "the server answered {} {}",
            response.status(),
            response.status_text()
        ));
    }
    let text = response.text().map_err(|_| offline())?;
    wasm_bindgen_futures::JsFuture::from(text)
        .await
        .map_err(|_| offline())?
        .as_string()
        .ok_or_else(|| "the file is not text".to_string())
}

/// The text `boot.js` began fetching for `path` before the player started
/// (`globalThis.firstshiftEarly`), taken once: a promise of the text, or of `null`
/// when that fetch failed. `None` when boot.js fetched nothing, or another file.
pub fn take_early_text(path: &str) -> Option<js_sys::Promise> {
    let global = js_sys::global();
    let key = wasm_bindgen::JsValue::from_str("firstshiftEarly");
    let early = js_sys::Reflect::get(&global, &key).ok()?;
    let fetched = js_sys::Reflect::get(&early, &"path".into()).ok()?.as_string()?;
    if fetched != path {
        return None;
    }
    let _ = js_sys::Reflect::delete_property(global.unchecked_ref::<js_sys::Object>(), &key);
    js_sys::Reflect::get(&early, &"text".into()).ok()?.dyn_into().ok()
}

/// Milliseconds on the page's monotonic clock (for budgets, never for a run's time).
pub fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}

/// A named moment on the page's performance timeline (`firstshift:<name>`), so
/// `cargo xtask bench-web` can say where start-up time goes. Costs nothing to read.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        let _ = performance.mark(&format!("firstshift:{name}"));
    }
}

/// Resolves on the browser's next task, after it has drawn and handled input.
pub async fn next_tick() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Offers `text` as a file download (made in the page; nothing is uploaded).
pub fn download(text: &str, mime: &str, file_name: &str) {
    let parts = js_sys::Array::of1(&text.into());
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let a: web_sys::HtmlAnchorElement = el("a").unchecked_into();
    a.set_href(&url);
    a.set_download(file_name);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// A file picker with its label, and a drop zone beside it, both handing the chosen
/// files to `take`. Returns (label, input, zone) for the caller to place.
pub fn file_picker(
    input_id: &str,
    label: &str,
    accept: &str,
    multiple: bool,
    zone_id: &str,
    zone_text: &str,
    take: impl Fn(web_sys::FileList) + Clone + 'static,
) -> (Element, Element, Element) {
    let input = el("input")
        .id(input_id)
        .attr("type", "file")
        .attr("accept", accept);
    if multiple {
        let _ = input.set_attribute("multiple", "");
    }
    let from_input = take.clone();
    on(&input, "change", move |event| {
        let files = event
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            .and_then(|i| i.files());
        if let Some(files) = files {
            from_input(files);
        }
    });
    let zone = el("div").class("drop-zone").id(zone_id).text(zone_text);
    on(&zone, "dragover", |event| event.prevent_default());
    on(&zone, "drop", move |event| {
        event.prevent_default();
        let files = event
            .dyn_ref::<web_sys::DragEvent>()
            .and_then(|d| d.data_transfer())
            .and_then(|t| t.files());
        if let Some(files) = files {
            take(files);
        }
    });
    let label = el("label").attr("for", input_id).text(label);
    (label, input, zone)
}
