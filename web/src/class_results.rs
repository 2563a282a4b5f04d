//! The class results page (`?view=class`), for teachers: drop the run files students
//! downloaded and see the class's results, with no server. Each file is re-scored
//! in the browser against its built-in scenario (`firstshift_report`), so the score
//! in a file is never read (what a file proves: docs/careers.md); files that do not
//! fit are listed with the reason and the rest still count. Nothing is uploaded
//! anywhere; the CSV is made in the page.

use std::collections::BTreeMap;
use std::sync::Arc;

use firstshift_report::{ClassBuilder, ClassReport, RunFile, to_csv};
use firstshift_sims::Scenario;
use wasm_bindgen_futures::JsFuture;
use web_sys::Element;

use crate::dom::{self, Build, append, button, clear, el};

/// Fills the section with the file picker and an empty result.
pub fn build(section: &Element) {
    clear(section);
    append(
        section,
        &el("h1").attr("tabindex", "-1").text("Class results"),
    );
    append(
        section,
        &el("p").class("lead").text(
            "Choose or drop the run files your students downloaded from the debrief (firstshift-…-run.json). Each run is scored again here, in your browser; nothing is uploaded.",
        ),
    );
    let (label, input, zone) = dom::file_picker(
        "class-files",
        "Run files",
        ".json,application/json",
        true,
        "class-drop",
        "…or drop them here.",
        read_and_report,
    );
    append(section, &label);
    append(section, &input);
    append(section, &zone);
    append(
        section,
        &el("div").id("class-report").attr("aria-live", "polite"),
    );
}

fn read_and_report(files: web_sys::FileList) {
    let files: Vec<web_sys::File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
    wasm_bindgen_futures::spawn_local(async move {
        let mut runs = Vec::new();
        for file in files {
            let text = JsFuture::from(file.text())
                .await
                .ok()
                .and_then(|t| t.as_string())
                .unwrap_or_default();
            runs.push(RunFile {
                name: file.name(),
                text,
            });
        }
        // The scenarios the files name, fetched once each from this site.
        let library = crate::catalog::fetch_builtin(
            runs.iter()
                .filter_map(|r| serde_json::from_str::<serde_json::Value>(&r.text).ok())
                .filter_map(|v| v["scenario"].as_str().map(str::to_string)),
        )
        .await;
        show(&rescore_one_at_a_time(&runs, &library).await);
    });
}

/// How long one file may take to re-score before it is listed as not counted. A
/// real run takes milliseconds; only a made-up one could take this long.
const BUDGET_MS_PER_FILE: f64 = 10_000.0;
/// Simulated time replayed per slice.
const SLICE_SECONDS: firstshift_core::Seconds = 600;
/// How long the page works before it lets the browser draw and take input.
const WORK_MS_BEFORE_YIELDING: f64 = 40.0;

/// Re-scores the files one at a time, a slice of each at a time, yielding to the
/// browser between slices so that the page never freezes, and gives up on a file
/// that takes longer than its budget: it is listed as not counted and the rest are
/// counted.
async fn rescore_one_at_a_time(
    runs: &[RunFile],
    library: &BTreeMap<String, Arc<Scenario>>,
) -> ClassReport {
    let progress = dom::document().get_element_by_id("class-report");
    let mut class = ClassBuilder::default();
    let mut since_yield = dom::now_ms();
    for (i, run) in runs.iter().enumerate() {
        if let Some(p) = &progress {
            p.set_text_content(Some(&format!("Scoring file {} of {}…", i + 1, runs.len())));
        }
        let Some(mut rescoring) = class.start(run, |id| library.get(id).cloned()) else {
            continue;
        };
        let started = dom::now_ms();
        loop {
            if rescoring.step(SLICE_SECONDS) {
                class.finish(rescoring);
                break;
            }
            let now = dom::now_ms();
            if now - started > BUDGET_MS_PER_FILE {
                class.reject(
                    &run.name,
                    format!(
                        "re-scoring it took longer than {} s, which no real run does; the file may be damaged",
                        BUDGET_MS_PER_FILE / 1000.0
                    ),
                );
                break;
            }
            if now - since_yield > WORK_MS_BEFORE_YIELDING {
                dom::next_tick().await;
                since_yield = dom::now_ms();
            }
        }
        dom::next_tick().await;
        since_yield = dom::now_ms();
    }
    class.build()
}

fn show(report: &ClassReport) {
    let Some(out) = dom::document().get_element_by_id("class-report") else {
        return;
    };
    clear(&out);
    let counted: usize = report.scenarios.iter().map(|s| s.runs).sum();
    append(
        &out,
        &el("p").id("class-summary").text(&format!(
            "{counted} runs counted, {} files not counted.",
            report.rejected.len()
        )),
    );
    for s in &report.scenarios {
        let part = el("section")
            .class("class-scenario")
            .attr("data-scenario", &s.id)
            .attr("aria-label", &s.title);
        append(&part, &el("h2").text(&s.title));
        append(&part, &el("p").class("class-line").text(&s.headline()));
        // Levels per criterion: one row each, a column per level reached.
        let table = el("table")
            .class("scores")
            .class("class-levels")
            .child(&el("caption").text("Levels reached, by criterion"));
        let head = el("tr")
            .child(&el("th").attr("scope", "col").text("Criterion"))
            .child(&el("th").attr("scope", "col").text("Levels (runs)"))
            .child(&el("th").attr("scope", "col").text("Standards"));
        append(&table, &el("thead").child(&head));
        let body = el("tbody");
        for c in &s.criteria {
            append(
                &body,
                &el("tr")
                    .attr("data-criterion", &c.id)
                    .child(&el("th").attr("scope", "row").text(&c.title))
                    .child(&el("td").text(&c.levels_line()))
                    .child(&el("td").text(&c.standards.join(", "))),
            );
        }
        append(&table, &body);
        append(&part, &table);
        if !s.critical_failures.is_empty() {
            append(&part, &el("h3").text("Critical actions most often missed"));
            let list = el("ul").class("class-critical");
            for c in &s.critical_failures {
                append(&list, &el("li").text(&c.runs_line()));
            }
            append(&part, &list);
        }
        append(
            &part,
            &el("h3").text("Choices most often taken at each step"),
        );
        let list = el("ul").class("class-choices");
        for step in &s.choices_by_step {
            append(
                &list,
                &el("li").attr("data-step", &step.step).text(&step.line()),
            );
        }
        append(&part, &list);
        if !s.by_tag.is_empty() {
            append(
                &part,
                &el("h3").text("By standard and Career-Ready Practice"),
            );
            let list = el("ul").class("class-tags");
            for t in &s.by_tag {
                append(&list, &el("li").text(&format!("{} of points", t.line())));
            }
            append(&part, &list);
        }
        append(&out, &part);
    }
    if !report.rejected.is_empty() {
        append(&out, &el("h2").text("Files not counted"));
        let list = el("ul").id("class-rejected");
        for r in &report.rejected {
            append(&list, &el("li").text(&r.line()));
        }
        append(&out, &list);
    }
    if counted > 0 {
        let csv = to_csv(report);
        append(
            &out,
            &button("Download the results as CSV", move |_| {
                dom::download(&csv, "text/csv", "firstshift-class-results.csv")
            })
            .id("class-csv"),
        );
    }
}
