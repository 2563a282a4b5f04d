//! The debrief: what the student did, each criterion's score and why, and the
//! reflection that follows.

use firstshift_core::{CareerReadyPractice, clock_text};
use firstshift_report::profile::RunRecord;
use firstshift_rubric::ScoreReport;
use firstshift_sims::Session;
use web_sys::Element;

use crate::dom::{Build, append, button, clear, el, focus};
use crate::i18n::{self, tr, trf};
use crate::inbox::{UiCommand, push};

use super::{Screen, Ui, career_facts, chart, criterion_item, home_link, view_link};

impl Ui {
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

        // The chart first: its numbered lines are the list that follows.
        let chart = crate::sims::timeline(session).map(|timeline| {
            let (section, canvas) = chart::figure(&timeline, "debrief-chart");
            append(d, &section);
            (timeline, canvas)
        });

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
        // Painted once the debrief is shown, when its canvas has a size.
        if let Some((timeline, Some(canvas))) = &chart {
            chart::paint(timeline, canvas);
        }
        focus(&heading);
        self.announce(&trf(
            "Finished. Score {}%. {}.",
            &[&report.percent, &verdict],
        ));
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
