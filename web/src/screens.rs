//! The screens of the player, as real HTML: catalog, play, debrief, error panel and
//! the resume prompt. Every string from a scenario goes in as a text node.

use firstshift_core::{CareerFacts, CareerReadyPractice, Event, clock_text};
use firstshift_report::profile::{Check, CriterionRecord, Profile, RunRecord};
use firstshift_rubric::ScoreReport;
use firstshift_scenario::catalog::Catalog;
use firstshift_scenario::diagnostic::{JsonDiagnostic, Severity};
use firstshift_scenario::{Scenario, Session, Sims};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlProgressElement};

use crate::bedside_panel::BedsidePanel;
use crate::dom::{Build, append, button, clear, el, focus, on, set_hidden};
use crate::i18n::{self, tr, trf};
use crate::inbox::{UiCommand, push};
use crate::line_panel::LinePanel;

/// Which screen is showing; mirrored in `#app[data-screen]` for tests and styling.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Screen {
    Loading,
    Catalog,
    Resume,
    Play,
    Debrief,
    Errors,
    /// The student's career profile in this browser.
    Profile,
    /// A printable record of one run.
    Portfolio,
    /// Class results from dropped run files (teachers).
    Class,
}

impl Screen {
    fn name(self) -> &'static str {
        match self {
            Screen::Loading => "loading",
            Screen::Catalog => "catalog",
            Screen::Resume => "resume",
            Screen::Play => "play",
            Screen::Debrief => "debrief",
            Screen::Errors => "errors",
            Screen::Profile => "profile",
            Screen::Portfolio => "portfolio",
            Screen::Class => "class",
        }
    }
}

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
    /// The patient's bedside in text, when the scenario has a patient.
    pub bedside: BedsidePanel,
    /// The production line's board in text, when the scenario runs a line.
    pub line: LinePanel,
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
        let bedside = BedsidePanel::build();
        let line = LinePanel::build();
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
        for part in [
            &response,
            &bedside.latest,
            &line.latest,
            &step_heading,
            &step_text,
            &choices,
            &hint,
            &bedside.record,
        ] {
            append(&step_half, part);
        }
        let aside = el("div").class("play-aside");
        for part in [&bedside.monitor, &line.board, &career_intro] {
            append(&aside, part);
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
        append(&app, &bedside.alarm_live);

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
            bedside,
            line,
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

    pub fn announce(&self, text: &str) {
        self.live.set_text_content(Some(text));
    }

    pub fn loading(&mut self, what: &str) {
        clear(&self.loading);
        append(&self.loading, &el("p").text(what));
        self.switch(Screen::Loading);
    }

    pub fn catalog(&mut self, catalog: &Catalog) {
        clear(&self.catalog);
        append(&self.catalog, &el("h1").text(tr("Try a career")));
        append(
            &self.catalog,
            &el("p").class("lead").text(tr("Step into a job for a few minutes. Make the calls a professional makes, then see how you did and why.")),
        );
        let language = i18n::current().code();
        for (cluster, entries) in catalog.by_cluster() {
            let cluster = i18n::tr_dynamic(cluster);
            let group = el("section")
                .class("cluster")
                .attr("aria-label", &cluster)
                .child(&el("h2").text(&cluster));
            let list = el("ul").class("cards");
            for entry in entries {
                // The student's language when the scenario has it; the English
                // otherwise, marked as English for screen readers.
                let translated = entry.translations.get(language);
                let (title, career, summary) = translated
                    .map_or((&entry.title, &entry.career, &entry.summary), |t| {
                        (&t.title, &t.career, &t.summary)
                    });
                let href = if i18n::current() == i18n::Lang::En {
                    format!("?scenario={}", entry.id)
                } else {
                    format!("?scenario={}&lang={language}", entry.id)
                };
                let card = el("li").class("card").attr("data-scenario", &entry.id);
                if translated.is_none() && i18n::current() != i18n::Lang::En {
                    let _ = card.set_attribute("lang", "en");
                }
                append(
                    &card,
                    &el("h3").child(&el("a").attr("href", &href).text(title)),
                );
                append(&card, &el("p").class("career").text(career));
                append(
                    &card,
                    &el("p").class("meta").text(&trf(
                        "{} min · {}",
                        &[&entry.minutes, &i18n::tr_dynamic(&entry.difficulty)],
                    )),
                );
                append(&card, &el("p").text(summary));
                if i18n::current() == i18n::Lang::En && entry.translations.contains_key("es") {
                    append(
                        &card,
                        &el("p").class("also-in").child(
                            &el("a")
                                .attr("href", &format!("?scenario={}&lang=es", entry.id))
                                .attr("lang", "es")
                                .attr("hreflang", "es")
                                .text("También en español"),
                        ),
                    );
                }
                append(&list, &card);
            }
            append(&group, &list);
            append(&self.catalog, &group);
        }
        append(&self.catalog, &own_file_panel());
        self.switch(Screen::Catalog);
        self.announce(tr("Choose a scenario."));
    }

    pub fn resume_prompt(&mut self, scenario: &Scenario, choices_made: usize) {
        clear(&self.resume);
        let heading = el("h1").attr("tabindex", "-1").text(&scenario.title);
        append(&self.resume, &heading);
        append(
            &self.resume,
            &el("p").text(&trf(
                "You have a run in progress ({} choices made). Continue where you left off?",
                &[&choices_made],
            )),
        );
        let row = el("div").class("actions");
        append(
            &row,
            &button(tr("Continue"), |_| push(UiCommand::ContinueSaved))
                .id("continue")
                .class("primary"),
        );
        append(
            &row,
            &button(tr("Start over"), |_| push(UiCommand::StartOver)).id("start-over"),
        );
        append(&self.resume, &row);
        self.switch(Screen::Resume);
        focus(&heading);
    }

    /// Shows the play screen for a new (or resumed) run.
    pub fn begin_play(&mut self, scenario: &Scenario) {
        self.play_title.set_text_content(Some(&scenario.title));
        self.play_role.set_text_content(Some(&trf(
            "Your role: {}. {}",
            &[&scenario.career, &scenario.setting],
        )));
        clear(&self.career_intro);
        if let Some(facts) = &scenario.career_facts {
            append(
                &self.career_intro,
                &career_facts(facts, &scenario.career, false),
            );
        }
        self.pause.set_text_content(Some(tr("Pause")));
        let _ = self.pause.set_attribute("aria-pressed", "false");
        let _ = self.app.set_attribute("data-turn", "0");
        let _ = self.app.set_attribute("data-clock", "0");
        self.bedside.begin();
        self.line.begin();
        // The canvas draws a bedside monitor for a patient; its description then
        // points at the monitor's text equivalent.
        if let Some(canvas) = crate::dom::document().get_element_by_id(SCENE_CANVAS) {
            let (label, described_by) = if BedsidePanel::has_patient(scenario) {
                (
                    tr("The patient's bedside monitor (described in the Patient monitor section)"),
                    "bedside",
                )
            } else if LinePanel::has_line(scenario) {
                (
                    tr(
                        "The production line: stations, buffers and KPIs (described in the Production board section)",
                    ),
                    "line-board",
                )
            } else {
                (
                    tr(
                        "The scene: your role, the setting, the clock and your progress (described next to it)",
                    ),
                    "play-role status",
                )
            };
            let _ = canvas.set_attribute("aria-label", label);
            let _ = canvas.set_attribute("aria-describedby", described_by);
        }
        for e in [
            &self.play_title,
            &self.play_role,
            &self.step_text,
            &self.choices,
            &self.response,
        ] {
            if self.content_in_english {
                let _ = e.set_attribute("lang", "en");
            } else {
                let _ = e.remove_attribute("lang");
            }
        }
        self.switch(Screen::Play);
        let _ = self.app.set_attribute("data-scenario", &scenario.id);
    }

    /// Redraws the play screen after the runtime's events.
    pub fn render_events(&mut self, session: &Session, events: &[Event<Sims>]) {
        let scenario = session.scenario();
        let mut found = self.bedside.take_events(events, session.clock());
        let happened = self.line.take_events(events);
        let mut responses = Vec::new();
        let mut entered = false;
        for event in events {
            match event {
                Event::Response { text, .. } => responses.push(text.clone()),
                Event::StepEntered { .. } => entered = true,
                _ => {}
            }
        }
        if !entered {
            return;
        }
        let step_number = session.history().visits.len();
        let step = scenario.steps.get(session.step_id());
        let response = responses.join(" ");
        self.response.set_text_content(Some(&response));
        set_hidden(&self.response, response.is_empty());
        self.bedside.show_latest(&found);
        self.line.show_latest(&happened);
        found.extend(happened);
        self.step_heading
            .set_text_content(Some(&trf("Step {}", &[&step_number])));
        self.step_text
            .set_text_content(step.map(|s| s.text.as_str()));
        let _ = self.app.set_attribute("data-step", session.step_id());
        let _ = self
            .app
            .set_attribute("data-turn", &session.history().choices.len().to_string());
        self.render_choices(session);
        self.render_clock(session);
        // Screen readers read the new step from its heading; the live region says
        // what the last choice led to.
        focus(&self.step_heading);
        let step_text = step.map(|s| s.text.as_str()).unwrap_or("");
        let said: Vec<&str> = [response.as_str()]
            .into_iter()
            .chain(found.iter().map(String::as_str))
            .chain([step_text])
            .filter(|t| !t.is_empty())
            .collect();
        self.announce(&said.join(" "));
    }

    fn render_choices(&self, session: &Session) {
        clear(&self.choices);
        for (i, choice) in session.offered().iter().enumerate() {
            let id = choice.id.clone();
            let b = el("button")
                .attr("type", "button")
                .attr("data-choice", &choice.id)
                .class("choice");
            if i < 9 {
                append(
                    &b,
                    &el("kbd")
                        .attr("aria-hidden", "true")
                        .text(&(i + 1).to_string()),
                );
            }
            append(&b, &el("span").text(&choice.label));
            on(&b, "click", move |_| push(UiCommand::Choose(id.clone())));
            append(&self.choices, &el("li").child(&b));
        }
        let _ = self
            .choices
            .set_attribute("data-count", &session.offered().len().to_string());
    }

    pub fn render_clock(&self, session: &Session) {
        let percent = (firstshift_bevy::progress(session) * 100.0).round() as u32;
        let text = clock_text(session.clock());
        if self.clock.text_content().as_deref() != Some(text.as_str()) {
            self.clock.set_text_content(Some(&text));
            let _ = self
                .app
                .set_attribute("data-clock", &session.clock().to_string());
        }
        self.progress.set_value(f64::from(percent));
        self.progress_text
            .set_text_content(Some(&format!("{percent}%")));
    }

    pub fn set_paused(&self, paused: bool) {
        self.pause
            .set_text_content(Some(if paused { tr("Resume") } else { tr("Pause") }));
        let _ = self
            .pause
            .set_attribute("aria-pressed", if paused { "true" } else { "false" });
        let _ = self
            .app
            .set_attribute("data-paused", if paused { "true" } else { "false" });
        self.announce(if paused {
            tr("Paused. The clock has stopped.")
        } else {
            tr("Resumed.")
        });
    }

    /// The debrief. `record` is the run's place in the student's profile (when the
    /// browser could keep it), for the reflection and the portfolio page.
    pub fn debrief(&mut self, session: &Session, report: &ScoreReport, record: Option<usize>) {
        let scenario = session.scenario();
        let _ = self
            .app
            .set_attribute("data-turn", &session.history().choices.len().to_string());
        let d = &self.debrief;
        clear(d);
        let heading = el("h1")
            .attr("tabindex", "-1")
            .text(&trf("Debrief: {}", &[&scenario.title]));
        append(d, &heading);
        if let Some(ending) = &report.ending {
            append(
                d,
                &el("p")
                    .class("ending")
                    .text(&trf("Ending: {}", &[&ending.title])),
            );
        } else {
            append(
                d,
                &el("p")
                    .class("ending")
                    .text(tr("The run stopped before an ending.")),
            );
        }
        if let Some(step) = scenario.steps.get(session.step_id()) {
            append(d, &el("p").class("step-text").text(&step.text));
        }
        let verdict = if report.passed {
            tr("Passed")
        } else {
            tr("Not passed yet")
        };
        let score = el("p")
            .id("score")
            .class(if report.passed {
                "passed"
            } else {
                "not-passed"
            })
            .attr("data-percent", &report.percent.to_string())
            .attr("data-passed", if report.passed { "true" } else { "false" })
            .text(&trf(
                "Score: {}% — {} (pass mark {}%)",
                &[&report.percent, &verdict, &report.pass_mark],
            ));
        append(d, &score);

        if !report.critical_failures.is_empty() {
            let box_ = el("div")
                .class("critical")
                .attr("role", "note")
                .child(&el("h2").text(tr("Critical actions missed")));
            let list = el("ul");
            for c in &report.critical_failures {
                append(
                    &list,
                    &el("li")
                        .child(&el("strong").text(&c.title))
                        .child(&el("span").text(&format!(" — {}", c.feedback))),
                );
            }
            append(&box_, &list);
            append(d, &box_);
        }

        let table = el("table")
            .class("scores")
            .child(&el("caption").text(tr("Scores by area")));
        let head = el("tr")
            .child(&el("th").attr("scope", "col").text(tr("Area")))
            .child(&el("th").attr("scope", "col").text(tr("Score")));
        append(&table, &el("thead").child(&head));
        let body = el("tbody");
        for s in &report.scores {
            append(
                &body,
                &el("tr")
                    .child(&el("th").attr("scope", "row").text(&s.title))
                    .child(&el("td").text(&format!("{}%", s.percent))),
            );
        }
        append(&table, &body);
        append(d, &table);

        append(d, &el("h2").text(tr("How each part was scored")));
        let criteria = el("ul").class("criteria");
        for c in &RunRecord::new(scenario, report, "").criteria {
            append(&criteria, &criterion_item(c));
        }
        append(d, &criteria);

        if !report.harms.is_empty() {
            append(d, &el("h2").text(tr("Actions that cost points")));
            let list = el("ul").class("harms");
            for h in &report.harms {
                append(
                    &list,
                    &el("li")
                        .child(&el("strong").text(&trf("{} (−{} points)", &[&h.title, &h.penalty])))
                        .child(&el("span").text(&format!(" — {}", h.feedback))),
                );
            }
            append(d, &list);
        }

        append(d, &el("h2").text(tr("What you did")));
        let timeline = el("ol").class("timeline");
        for r in &session.history().choices {
            let label = scenario
                .choice(&r.choice)
                .map_or(r.choice.as_str(), |(_, ch)| ch.label.as_str());
            append(
                &timeline,
                &el("li")
                    .child(&el("span").class("time").text(&clock_text(r.at)))
                    .child(&el("span").text(&format!(" {label}"))),
            );
        }
        append(d, &timeline);

        if !report.practices_shown.is_empty() {
            append(d, &el("h2").text(tr("Career-Ready Practices you showed")));
            let list = el("ul");
            for p in &report.practices_shown {
                append(&list, &el("li").text(tr(p.title())));
            }
            append(d, &list);
        }

        if let Some(facts) = &scenario.career_facts {
            append(d, &career_facts(facts, &scenario.career, true));
        }
        append(d, &reflection_form(record));

        let row = el("div").class("actions");
        append(
            &row,
            &button(tr("Play again"), |_| push(UiCommand::Restart))
                .id("play-again")
                .class("primary"),
        );
        append(
            &row,
            &button(tr("Download my run"), |_| push(UiCommand::Download)).id("download"),
        );
        append(
            &row,
            &el("a")
                .attr("href", &home_link())
                .class("button-link")
                .text(tr("Choose another scenario")),
        );
        append(d, &row);
        if let Some(index) = record {
            let links = el("p").class("profile-links");
            append(
                &links,
                &el("a")
                    .id("portfolio-link")
                    .attr("href", &view_link(&format!("portfolio&run={index}")))
                    .text(tr("My portfolio page for this run (print or save as PDF)")),
            );
            append(&links, &el("span").text(" · "));
            append(
                &links,
                &el("a")
                    .id("profile-link")
                    .attr("href", &view_link("profile"))
                    .text(tr("My career profile")),
            );
            append(d, &links);
        }
        self.switch(Screen::Debrief);
        focus(&heading);
        self.announce(&trf(
            "Finished. Score {}%. {}.",
            &[&report.percent, &verdict],
        ));
    }

    /// The student's career profile: clusters tried, interest, practices shown,
    /// the runs kept, and a way to clear it all.
    /// The profile page. `checks` says, run by run, what re-scoring found
    /// (`firstshift_report::profile::Profile::checked`); an empty list means the
    /// records are not checked yet.
    pub fn profile(&mut self, profile: &Profile, checks: &[Check], damaged: Option<&str>) {
        let p = &self.profile;
        clear(p);
        let heading = el("h1")
            .attr("tabindex", "-1")
            .text(tr("My career profile"));
        append(p, &heading);
        append(
            p,
            &el("p").class("lead").text(tr(
                "The scenarios you have finished in this browser. It is kept only here, on this device; nobody else can see it, and you can clear it.",
            )),
        );
        if let Some(why) = damaged {
            append(
                p,
                &el("p").class("lms-status").attr("role", "status").text(why),
            );
        }
        let summary = profile.summary();
        if summary.runs == 0 {
            append(
                p,
                &el("p").id("profile-empty").text(tr(
                    "No finished scenarios yet. Finish one and it appears here.",
                )),
            );
        } else {
            let table = el("table")
                .id("profile-clusters")
                .class("scores")
                .child(&el("caption").text(tr("Career clusters you have tried")));
            let head = el("tr")
                .child(&el("th").attr("scope", "col").text(tr("Cluster")))
                .child(&el("th").attr("scope", "col").text(tr("Careers")))
                .child(&el("th").attr("scope", "col").text(tr("Runs")))
                .child(
                    &el("th")
                        .attr("scope", "col")
                        .text(tr("Your interest (1–5)")),
                );
            append(&table, &el("thead").child(&head));
            let body = el("tbody");
            for c in &summary.clusters {
                let interest = c
                    .mean_interest
                    .map_or_else(|| "—".to_string(), |i| format!("{i:.1}"));
                append(
                    &body,
                    &el("tr")
                        .child(
                            &el("th")
                                .attr("scope", "row")
                                .text(&i18n::tr_dynamic(&c.cluster)),
                        )
                        .child(&el("td").text(&c.careers.join(", ")))
                        .child(&el("td").text(&c.runs.to_string()))
                        .child(&el("td").text(&interest)),
                );
            }
            append(&table, &body);
            append(p, &table);
            if !summary.practices_shown.is_empty() {
                append(
                    p,
                    &el("h2").text(tr("Career-Ready Practices you have shown")),
                );
                let list = el("ul").id("profile-practices");
                for (practice, count) in &summary.practices_shown {
                    append(
                        &list,
                        &el("li").text(&trf(
                            "{} ({} runs)",
                            &[&i18n::tr_dynamic(practice.title()), count],
                        )),
                    );
                }
                append(p, &list);
            }
            if !summary.skills_wanted.is_empty() {
                append(p, &el("h2").text(tr("Skills you want to build")));
                let list = el("ul");
                for (practice, _) in &summary.skills_wanted {
                    append(&list, &el("li").text(&i18n::tr_dynamic(practice.title())));
                }
                append(p, &list);
            }
            append(p, &el("h2").text(tr("Your runs")));
            append(
                p,
                &el("p").class("check").text(tr(
                    "Each run's score is worked out again from the choices kept with it. It shows what was chosen in this browser, not who chose it; a grade comes from your teacher's LMS.",
                )),
            );
            let list = el("ol").id("profile-runs");
            for (i, run) in profile.runs.iter().enumerate() {
                let item = el("li");
                append(
                    &item,
                    &el("a")
                        .attr("href", &view_link(&format!("portfolio&run={i}")))
                        .text(&trf("{} — {}: {}%", &[&run.date, &run.title, &run.percent])),
                );
                if let Some(check) = checks.get(i) {
                    append(&item, &check_label(check));
                }
                append(&list, &item);
            }
            append(p, &list);
            let row = el("div").class("actions");
            append(
                &row,
                &button(tr("Clear my profile"), |_| push(UiCommand::ClearProfile))
                    .id("clear-profile"),
            );
            append(p, &row);
        }
        append(
            p,
            &el("p").child(
                &el("a")
                    .attr("href", &home_link())
                    .text(tr("Choose a scenario")),
            ),
        );
        self.switch(Screen::Profile);
        focus(&heading);
    }

    /// The class results page: teachers drop their students' run files.
    pub fn class_results(&mut self) {
        crate::class_results::build(&self.class);
        self.switch(Screen::Class);
    }

    /// A printable record of one run: something a student can show a counsellor or
    /// an employer. The browser's print dialog saves it as a PDF.
    pub fn portfolio(&mut self, run: &RunRecord, check: &Check) {
        let p = &self.portfolio;
        clear(p);
        let heading = el("h1")
            .attr("tabindex", "-1")
            .text(&trf("Portfolio: {}", &[&run.title]));
        append(p, &heading);
        append(
            p,
            &el("p").class("role").text(&trf(
                "Career test-drive as a {} ({}), {}",
                &[&run.career, &i18n::tr_dynamic(&run.cluster), &run.date],
            )),
        );
        let verdict = if run.passed {
            tr("Passed")
        } else {
            tr("Not passed yet")
        };
        append(
            p,
            &el("p").id("portfolio-score").class("score-line").text(&trf(
                "Score: {}% — {} (pass mark {}%)",
                &[&run.percent, &verdict, &run.pass_mark],
            )),
        );
        append(p, &check_note(check).id("portfolio-check"));
        if let Some(ending) = &run.ending {
            append(p, &el("p").text(&trf("Ending: {}", &[ending])));
        }
        if !run.critical_failures.is_empty() {
            append(p, &el("h2").text(tr("Critical actions missed")));
            let list = el("ul");
            for c in &run.critical_failures {
                append(&list, &el("li").text(c));
            }
            append(p, &list);
        }
        append(p, &el("h2").text(tr("How each part was scored")));
        let list = el("ul").class("criteria");
        for c in &run.criteria {
            append(&list, &criterion_item(c));
        }
        append(p, &list);
        if !run.practices_shown.is_empty() {
            append(p, &el("h2").text(tr("Career-Ready Practices you showed")));
            let list = el("ul");
            for practice in &run.practices_shown {
                append(&list, &el("li").text(&i18n::tr_dynamic(practice.title())));
            }
            append(p, &list);
        }
        if let Some(r) = run.reflection.as_ref().filter(|r| !r.is_empty()) {
            append(p, &el("h2").text(tr("My reflection")));
            let dl = el("dl").id("portfolio-reflection");
            if let Some(i) = r.interest {
                append(
                    &dl,
                    &el("dt").text(tr("How interested are you in this career now?")),
                );
                append(&dl, &el("dd").text(&trf("{} of 5", &[&i])));
            }
            if !r.surprised.is_empty() {
                append(&dl, &el("dt").text(tr("What surprised you?")));
                append(&dl, &el("dd").text(&r.surprised));
            }
            if let Some(skill) = r.skill {
                append(&dl, &el("dt").text(tr("Which skill do you want to build?")));
                append(&dl, &el("dd").text(&i18n::tr_dynamic(skill.title())));
            }
            append(p, &dl);
        }
        let row = el("div").class("actions").class("no-print");
        append(
            &row,
            &button(tr("Print or save as PDF"), |_| {
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
            })
            .id("print")
            .class("primary"),
        );
        append(
            &row,
            &el("a")
                .attr("href", &view_link("profile"))
                .class("button-link")
                .text(tr("My career profile")),
        );
        append(p, &row);
        self.switch(Screen::Portfolio);
        focus(&heading);
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

    /// The teacher's error panel: every diagnostic with its line, column and source line.
    pub fn errors(&mut self, file_name: &str, diagnostics: &[JsonDiagnostic]) {
        crate::embed::post(
            "error",
            serde_json::json!({
                "message": format!("{file_name} has {} problems", diagnostics.len()),
                "diagnostics": diagnostics.len(),
            }),
        );
        let e = &self.errors;
        clear(e);
        let count = diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        let heading = el("h1").attr("tabindex", "-1").text(&format!(
            "{file_name} has {count} problem{} to fix",
            if count == 1 { "" } else { "s" }
        ));
        append(e, &heading);
        append(e, &el("p").text("Fix these in your editor, save, and open the file again. Line and column numbers count from 1."));
        let list = el("ol")
            .class("diagnostics")
            .attr("data-count", &diagnostics.len().to_string());
        for d in diagnostics {
            let item = el("li")
                .class("diagnostic")
                .attr("data-code", d.code.as_str());
            let severity = if d.severity == Severity::Error {
                "Error"
            } else {
                "Warning"
            };
            let place = d.start.map_or(String::from("whole file"), |s| {
                format!("line {}, column {}", s.line, s.column)
            });
            append(
                &item,
                &el("p")
                    .class("where")
                    .text(&format!("{severity} {} at {place}", d.code.as_str())),
            );
            append(&item, &el("p").class("message").text(&d.message));
            if let (Some(line), Some(start)) = (&d.source_line, d.start) {
                let caret = format!(
                    "{}^ {}",
                    " ".repeat(start.column.saturating_sub(1)),
                    d.label
                );
                // A long line scrolls sideways, so keyboard users must be able to reach it.
                let pre = el("pre")
                    .attr("tabindex", "0")
                    .attr("aria-label", &format!("Line {} of the file", start.line));
                append(
                    &pre,
                    &el("code").text(&format!("{:>4} | {line}\n     | {caret}", start.line)),
                );
                append(&item, &pre);
            }
            if let Some(help) = &d.help {
                append(
                    &item,
                    &el("p").class("help").text(&format!("How to fix: {help}")),
                );
            }
            append(&list, &item);
        }
        append(e, &list);
        append(e, &own_file_panel());
        self.switch(Screen::Errors);
        focus(&heading);
        self.announce(&format!("{count} problems found in {file_name}."));
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

/// A run's check in a word or two, beside it in the profile's list.
fn check_label(check: &Check) -> Element {
    let (class, text) = match check {
        Check::Confirmed => ("check-confirmed", tr("(checked)")),
        Check::Corrected => (
            "check-corrected",
            tr("(corrected: the record had been changed)"),
        ),
        Check::Unchecked(_) => ("check-unchecked", tr("(not checked)")),
    };
    el("span")
        .class("check-label")
        .class(class)
        .text(&format!(" {text}"))
}

/// What re-scoring a kept run found, in words, and what it does not prove: the
/// profile is this browser's own record, not a grade.
fn check_note(check: &Check) -> Element {
    let (class, text) = match check {
        Check::Confirmed => (
            "check-confirmed",
            tr(
                "Checked: the choices kept with this run earn this score. It shows what was chosen in this browser, not who chose it; a grade comes from your teacher's LMS.",
            ),
        ),
        Check::Corrected => (
            "check-corrected",
            tr(
                "This record had been changed since the run: the score shown is the one its choices earn.",
            ),
        ),
        Check::Unchecked(_) => (
            "check-unchecked",
            tr(
                "Not checked: this record could not be scored again, so its score is only what this browser kept.",
            ),
        ),
    };
    el("p").class("check").class(class).text(text)
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
        i18n::Lang::En => format!("?view={view}"),
        other => format!("?view={view}&lang={}", other.code()),
    }
}

/// After the debrief: three short questions. Answers stay in this browser and go
/// to the LMS that launched the player, if one did; nowhere else.
/// The reflection after the debrief; `index` is the run's place in this browser's
/// profile (none in an LMS launch, where the reflection goes to the LMS only).
fn reflection_form(index: Option<usize>) -> Element {
    let form = el("section")
        .id("reflection")
        .class("reflection")
        .attr("aria-labelledby", "reflection-heading");
    if let Some(index) = index {
        let _ = form.set_attribute("data-run", &index.to_string());
    }
    append(
        &form,
        &el("h2").id("reflection-heading").text(tr("Reflect")),
    );
    append(
        &form,
        &el("p").class("hint").text(tr(
            "Your answers are kept in this browser for your career profile, and sent to your class's learning system if it started this scenario. Nobody else sees them.",
        )),
    );
    let interest = el("fieldset").class("interest");
    append(
        &interest,
        &el("legend").text(tr("How interested are you in this career now?")),
    );
    let scale = [
        tr("1 — not at all"),
        tr("2"),
        tr("3 — somewhat"),
        tr("4"),
        tr("5 — very"),
    ];
    for (i, label) in scale.iter().enumerate() {
        let id = format!("interest-{}", i + 1);
        let input = el("input")
            .id(&id)
            .attr("type", "radio")
            .attr("name", "interest")
            .attr("value", &(i + 1).to_string());
        let option = el("label").attr("for", &id).class("interest-option");
        append(&option, &input);
        append(&option, &el("span").text(label));
        append(&interest, &option);
    }
    append(&form, &interest);
    append(
        &form,
        &el("label")
            .attr("for", "surprised")
            .text(tr("What surprised you?")),
    );
    append(
        &form,
        &el("textarea")
            .id("surprised")
            .attr("rows", "3")
            .attr("maxlength", "500"),
    );
    append(
        &form,
        &el("label")
            .attr("for", "skill")
            .text(tr("Which skill do you want to build?")),
    );
    let select = el("select").id("skill");
    append(
        &select,
        &el("option").attr("value", "").text(tr("Choose one")),
    );
    for p in CareerReadyPractice::ALL {
        append(
            &select,
            &el("option")
                .attr("value", &format!("{p:?}"))
                .text(&i18n::tr_dynamic(p.title())),
        );
    }
    append(&form, &select);
    append(
        &form,
        &button(tr("Save my reflection"), |_| {
            push(UiCommand::SaveReflection)
        })
        .id("save-reflection"),
    );
    append(
        &form,
        &el("p").id("reflection-status").attr("role", "status"),
    );
    form
}

/// The catalog, in the language the student chose.
fn home_link() -> String {
    match i18n::current() {
        i18n::Lang::En => "./".to_string(),
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
