//! The student's own records (the career profile, a run's portfolio page) and the
//! teacher's class results.

use firstshift_draw::chart::Timeline;
use firstshift_report::profile::{Check, Profile, RunRecord};
use web_sys::Element;

use crate::dom::{Build, append, button, clear, el, focus};
use crate::i18n::{self, tr, trf};
use crate::inbox::{UiCommand, push};

use super::{Screen, Ui, chart, criterion_item, home_link, view_link};

impl Ui {
    /// The student's career profile: clusters tried, interest, practices shown,
    /// the runs kept, and a way to clear it all. `checks` says, run by run, what
    /// re-scoring found (`firstshift_report::profile::Profile::checked`); an empty
    /// list means the records are not checked yet.
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
    pub fn portfolio(&mut self, run: &RunRecord, check: &Check, chart: Option<&Timeline>) {
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
        let chart = chart.map(|timeline| {
            let (section, canvas) = chart::figure(timeline, "portfolio-chart");
            append(p, &section);
            (timeline, canvas)
        });
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
        if let Some((timeline, Some(canvas))) = &chart {
            chart::paint(timeline, canvas);
        }
        focus(&heading);
    }

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
