//! The screens of the player, as real HTML: catalog, play, debrief, error panel and
//! the resume prompt. Every string from a scenario goes in as a text node.
//!
//! One module per screen, each an `impl Ui` block that draws it and only pushes
//! `UiCommand`s (the app, `bridge`, decides what they do): `catalog`, `play`
//! (the resume prompt, the step, its choices and the clock), `debrief` (with the
//! reflection), `records` (the career profile, the portfolio page, the class
//! results), `errors` (the error panel); `chart` draws a run's timeline on the
//! debrief and the portfolio page. Here: the page's frame, the parts the
//! screens share, and loading and failure.

mod catalog;
mod chart;
mod debrief;
mod errors;
mod play;
mod records;

use firstshift_core::CareerFacts;
use firstshift_report::profile::CriterionRecord;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlProgressElement};

use crate::dom::{Build, append, button, clear, el, focus, set_hidden};
use crate::i18n::{self, tr, trf};
use crate::inbox::{UiCommand, push};
use crate::sim_panel::{SimPanel, Slot};

pub use crate::controller::Screen;


/// The id of the canvas the scene is painted on (`canvas::CanvasPlugin`).
pub const SCENE_CANVAS: &str = "bevy-canvas";

/// Handles to the parts of the page that change.
pub struct Ui {
    app: Element,
    live: Element,
    loading: Element,
    catalog: Element,
    resume: Element,
    play: Element,
    debrief: Element,
    errors: Element,
    profile: Element,
    portfolio: Element,
    class: Element,
    // Parts of the play screen.
    play_title: Element,
    play_role: Element,
    clock: Element,
    progress: HtmlProgressElement,
    progress_text: Element,
    pause: Element,
    response: Element,
    step_heading: Element,
    step_text: Element,
    choices: Element,
    /// Each model's panel (`sims.rs`): the bedside in text when the scenario has a
    /// patient, the production board when it runs a line.
    sim_panels: Vec<Box<dyn SimPanel>>,
    /// The scenario is shown in English although the player speaks another
    /// language (it has no translation): its text is marked `lang="en"`.
    pub content_in_english: bool,
    /// "About this career" before play (folded), from the scenario's career facts.
    career_intro: Element,
    pub screen: Screen,
}

fn section(id: &str, label: &str) -> Element {
    el("section")
        .id(id)
        .attr("aria-label", label)
        .attr("hidden", "")
}

impl Ui {
    /// Builds the page inside `#app`. `canvas` says whether the Bevy canvas is used.
    pub fn build(canvas: bool) -> Ui {
        let doc = crate::dom::document();
        let app = doc.get_element_by_id("app").unwrap_or_else(|| {
            let app = el("div").id("app");
            if let Some(body) = doc.body() {
                append(&body, &app);
            }
            app
        });
        clear(&app);

        let header = el("header").class("site-header").child(
            &el("a")
                .attr("href", &home_link())
                .class("brand")
                .text("FirstShift"),
        );
        let main = el("main").id("main");
        let live = el("div")
            .id("announcer")
            .class("visually-hidden")
            .attr("aria-live", "polite")
            .attr("role", "status");

        let loading = section("loading", tr("Loading")).child(&el("p").text(tr("Loading…")));
        let catalog = section("catalog", tr("Choose a scenario"));
        let resume = section("resume", tr("Continue"));
        let debrief = section("debrief", tr("Debrief"));
        let errors = section("errors", "Problems in the scenario file");
        let profile = section("profile", tr("My career profile"));
        let portfolio = section("portfolio", tr("Portfolio page"));
        let class = section("class", "Class results");

        // The play screen: the stage (canvas and its text equivalent), then the step.
        let play = section("play", tr("Scenario"));
        let play_title = el("h1").id("play-title");
        let play_role = el("p").id("play-role").class("role");
        let career_intro = el("div").id("career-intro");
        let clock = el("span").id("clock").text("0:00");
        let progress: HtmlProgressElement = el("progress")
            .id("progress")
            .attr("max", "100")
            .attr("value", "0")
            .attr("aria-label", tr("Progress"))
            .unchecked_into();
        let progress_text = el("span").id("progress-text").text("0%");
        let pause = button(tr("Pause"), |_| push(UiCommand::TogglePause)).id("pause");
        let restart = button(tr("Restart"), |_| push(UiCommand::Restart)).id("restart");
        let status = el("div")
            .id("status")
            .class("status")
            .attr("role", "group")
            .attr("aria-label", tr("Status"))
            .child(&el("span").text(tr("Clock ")).child(&clock))
            .child(
                &el("span")
                    .class("progress-wrap")
                    .child(&el("span").class("progress-label").text(tr("Progress ")))
                    .child(&progress)
                    .child(&progress_text),
            )
            .child(&pause)
            .child(&restart);
        let stage = el("div").class("stage");
        if canvas {
            // The canvas fills this box, so the box must have its own size.
            let _ = stage.class_list().add_1("has-canvas");
            let canvas = el("canvas")
                .id(SCENE_CANVAS)
                .attr("role", "img")
                .attr("aria-label", tr("The scene: your role, the setting, the clock and your progress (described next to it)"))
                .attr("aria-describedby", "play-role status");
            append(&stage, &canvas);
        } else {
            append(
                &stage,
                &el("p").class("text-mode").text(tr(
                    "Text mode: the scene is left out, and everything is shown as text.",
                )),
            );
        }
        let response = el("p").id("response").class("response").attr("hidden", "");
        let step_heading = el("h2").id("step-heading").attr("tabindex", "-1");
        let step_text = el("p").id("step-text").class("step-text");
        let choices = el("ol")
            .id("choices")
            .class("choices")
            .attr("aria-label", tr("Your choices"));
        let hint = el("p")
            .class("hint")
            .text(tr("Tip: press the number of a choice on your keyboard."));
        let sim_panels = crate::sims::panels();
        let parts = |slot: Slot| -> Vec<Element> {
            sim_panels.iter().filter_map(|p| p.part(slot).cloned()).collect()
        };
        // Three parts (style.css places them). On a wide screen the scene and the
        // step sit side by side, with the scene's text equivalent and the career
        // facts under the scene. On a narrow one they stack in page order: the scene
        // compact, then the step and its choices (in view without scrolling), then
        // the readings. Page order is reading and tab order at every width, so no
        // CSS reordering is used.
        let scene_half = el("div").class("play-scene");
        for part in [&stage, &status] {
            append(&scene_half, part);
        }
        let step_half = el("div").class("play-step");
        let step_parts = [response.clone()]
            .into_iter()
            .chain(parts(Slot::AboveStep))
            .chain([step_heading.clone(), step_text.clone(), choices.clone(), hint])
            .chain(parts(Slot::BelowChoices));
        for part in step_parts {
            append(&step_half, &part);
        }
        let aside = el("div").class("play-aside");
        for part in parts(Slot::Aside).into_iter().chain([career_intro.clone()]) {
            append(&aside, &part);
        }
        let body = el("div").class("play-body");
        for part in [&scene_half, &step_half, &aside] {
            append(&body, part);
        }
        for part in [&play_title, &play_role, &body] {
            append(&play, part);
        }
        for part in [
            &loading, &catalog, &resume, &play, &debrief, &errors, &profile, &portfolio, &class,
        ] {
            append(&main, part);
        }
        append(&app, &header);
        append(&app, &main);
        append(&app, &live);
        for part in parts(Slot::Page) {
            append(&app, &part);
        }

        let ui = Ui {
            app,
            live,
            loading,
            catalog,
            resume,
            play,
            debrief,
            errors,
            profile,
            portfolio,
            class,
            play_title,
            play_role,
            clock,
            progress,
            progress_text,
            pause,
            response,
            step_heading,
            step_text,
            choices,
            sim_panels,
            career_intro,
            content_in_english: false,
            screen: Screen::Loading,
        };
        ui.show(Screen::Loading);
        ui
    }

    fn show(&self, screen: Screen) {
        for (s, e) in [
            (Screen::Loading, &self.loading),
            (Screen::Catalog, &self.catalog),
            (Screen::Resume, &self.resume),
            (Screen::Play, &self.play),
            (Screen::Debrief, &self.debrief),
            (Screen::Errors, &self.errors),
            (Screen::Profile, &self.profile),
            (Screen::Portfolio, &self.portfolio),
            (Screen::Class, &self.class),
        ] {
            set_hidden(e, s != screen);
        }
        let _ = self.app.set_attribute("data-screen", screen.name());
    }

    fn switch(&mut self, screen: Screen) {
        self.screen = screen;
        self.show(screen);
    }

    /// The sims' panels, in the order the canvas's views are asked.
    pub fn sim_panels(&mut self) -> impl Iterator<Item = &mut dyn SimPanel> {
        self.sim_panels.iter_mut().map(|p| &mut **p as &mut dyn SimPanel)
    }

    pub fn announce(&self, text: &str) {
        self.live.set_text_content(Some(text));
    }

    pub fn loading(&mut self, what: &str) {
        clear(&self.loading);
        append(&self.loading, &el("p").text(what));
        self.switch(Screen::Loading);
    }

    /// A file or the catalog could not be loaded at all.
    pub fn load_failed(&mut self, what: &str, reason: &str) {
        crate::embed::post(
            "error",
            serde_json::json!({ "message": format!("{what}: {reason}") }),
        );
        let e = &self.errors;
        clear(e);
        let heading = el("h1")
            .attr("tabindex", "-1")
            .text(&format!("Could not open {what}"));
        append(e, &heading);
        append(e, &el("p").class("message").text(reason));
        append(
            e,
            &el("p").child(
                &el("a")
                    .attr("href", "./")
                    .text("Back to the list of scenarios"),
            ),
        );
        append(e, &own_file_panel());
        self.switch(Screen::Errors);
        focus(&heading);
        self.announce(&format!("Could not open {what}."));
    }

}

/// "About this career": what the job is, its tasks, the way in, related careers,
/// and figures with their source and year. Folded before play (the scenario comes
/// first), open in the debrief.
fn career_facts(facts: &CareerFacts, career: &str, open: bool) -> Element {
    let details = el("details").class("career-facts");
    if open {
        let _ = details.set_attribute("open", "");
    }
    append(
        &details,
        &el("summary").text(&trf("About this career: {}", &[&career])),
    );
    append(&details, &el("p").text(&facts.about));
    if !facts.tasks.is_empty() {
        append(&details, &el("h3").text(tr("Typical tasks")));
        let list = el("ul");
        for task in &facts.tasks {
            append(&list, &el("li").text(task));
        }
        append(&details, &list);
    }
    append(&details, &el("h3").text(tr("How people get into it")));
    append(&details, &el("p").text(&facts.pathway));
    if !facts.related.is_empty() {
        append(&details, &el("h3").text(tr("Related careers")));
        let list = el("ul").class("related");
        for r in &facts.related {
            append(&list, &el("li").text(r));
        }
        append(&details, &list);
    }
    if !facts.figures.is_empty() {
        let table = el("table")
            .class("figures")
            .child(&el("caption").text(tr("In figures")));
        let head = el("tr")
            .child(&el("th").attr("scope", "col").text(tr("What")))
            .child(&el("th").attr("scope", "col").text(tr("Figure")))
            .child(&el("th").attr("scope", "col").text(tr("Source and year")));
        append(&table, &el("thead").child(&head));
        let body = el("tbody");
        for f in &facts.figures {
            append(
                &body,
                &el("tr")
                    .child(&el("th").attr("scope", "row").text(&f.label))
                    .child(&el("td").text(&f.value))
                    .child(&el("td").text(&format!("{}, {}", f.source, f.year))),
            );
        }
        append(&table, &body);
        append(&details, &table);
    }
    details
}

/// A criterion as scored: its level and points, the feedback, and the choices that
/// earned it (the debrief and the portfolio page show the same).
fn criterion_item(c: &CriterionRecord) -> Element {
    let item = el("li").class("criterion").attr("data-criterion", &c.id);
    append(&item, &el("h3").text(&c.title));
    let level = c.level.as_deref().unwrap_or(tr("Not shown"));
    append(
        &item,
        &el("p").class("level").text(&trf(
            "{} — {} of {} points",
            &[&level, &c.points, &c.max_points],
        )),
    );
    append(&item, &el("p").text(&c.feedback));
    if !c.evidence.is_empty() {
        let ev = el("ul")
            .class("evidence")
            .attr("aria-label", tr("What counted"));
        for (at, label) in &c.evidence {
            append(&ev, &el("li").text(&trf("At {}: {}", &[at, label])));
        }
        append(&item, &ev);
    }
    item
}

/// `?view=<view>`, keeping the student's language.
fn view_link(view: &str) -> String {
    match i18n::current() {
        i18n::Lang::English => format!("?view={view}"),
        other => format!("?view={view}&lang={}", other.code()),
    }
}

/// The catalog, in the language the student chose.
fn home_link() -> String {
    match i18n::current() {
        i18n::Lang::English => "./".to_string(),
        other => format!("./?lang={}", other.code()),
    }
}

/// "Try your own file": a file picker and a drop zone, for teachers.
fn own_file_panel() -> Element {
    let panel = el("section")
        .class("own-file")
        .attr("aria-label", "Open your own scenario file");
    append(&panel, &el("h2").text("Test your own scenario file"));
    let (label, input, zone) = crate::dom::file_picker(
        "file-input",
        "Choose a .ron file",
        ".ron,text/plain",
        false,
        "drop-zone",
        "…or drop it here.",
        |files| {
            if let Some(file) = files.get(0) {
                crate::inbox::read_file(file);
            }
        },
    );
    append(&panel, &label);
    append(&panel, &input);
    append(&panel, &zone);
    let guide = el("p").class("guide-link");
    append(&guide, &el("span").text("Writing your own? "));
    append(
        &guide,
        &el("a")
            .id("guide-link")
            .attr("href", "docs/authoring.html")
            .text("Read the guide to writing a scenario"),
    );
    append(&panel, &guide);
    let class = el("p").class("guide-link");
    append(&class, &el("span").text("Your students' runs? "));
    append(
        &class,
        &el("a")
            .id("class-link")
            .attr("href", "?view=class")
            .text("See the class's results"),
    );
    append(&panel, &class);
    panel
}
