//! The play screen: the resume prompt, the step with its choices, the clock.

use firstshift_core::{Event, Rule, clock_text};
use firstshift_sims::{Scenario, Session, Sims};

use crate::dom::{Build, append, button, clear, el, focus, on, set_hidden};
use crate::i18n::{tr, trf};
use crate::inbox::{UiCommand, push};

use super::{SCENE_CANVAS, Screen, Ui, career_facts};

impl Ui {
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
        for panel in self.sim_panels() {
            panel.begin();
        }
        // The canvas draws a sim's view when the scenario runs one; its description
        // then points at that sim's text equivalent.
        if let Some(canvas) = crate::dom::document().get_element_by_id(SCENE_CANVAS) {
            let described = self
                .sim_panels()
                .into_iter()
                .find_map(|panel| panel.canvas_description(scenario));
            let (label, described_by) = described.unwrap_or((
                tr("The scene: your role, the setting, the clock and your progress (described next to it)"),
                "play-role status",
            ));
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
        let at = session.clock();
        let per_panel: Vec<Vec<String>> = self
            .sim_panels()

            .map(|panel| panel.take_events(events, at))
            .collect();
        let mut responses = Vec::new();
        let mut entered = false;
        for event in events {
            match event {
                Event::Response { text, .. } => responses.push(text.clone()),
                Event::StepEntered { .. } => entered = true,
                // The story moved without a choice (the clock ran on while the
                // student read, or the simulation changed): say so, so the new
                // step does not seem to answer something the student did.
                Event::Interrupted { rule, at, .. } => responses.push(match rule {
                    Rule::Interrupt(_) => {
                        trf("Meanwhile, at {}, things moved on without you:", &[&clock_text(*at)])
                    }
                    Rule::TimeLimit => trf("Time is up ({}).", &[&clock_text(*at)]),
                }),
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
        for (panel, sentences) in self.sim_panels().zip(&per_panel) {
            panel.show_latest(sentences);
        }
        let found: Vec<String> = per_panel.into_iter().flatten().collect();
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

}
