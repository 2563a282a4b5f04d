//! A run's timeline on the debrief and the portfolio page: the chart, painted on
//! a canvas by the same renderer as the scene (`canvas::show_still`), with its
//! text equivalents beside it (WCAG 1.1.1): the one-sentence summary, which is
//! also the canvas's name, and the chart's data as a table, a row at regular times
//! and at each choice.

use firstshift_draw::chart::{self, Timeline};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlCanvasElement};

use crate::dom::{Build, append, el};
use crate::i18n::tr;

/// The chart's section; `id` names its canvas and the parts the tests read
/// (`<id>`, `<id>-summary`, `<id>-table`). Paint it with [`paint`] once the
/// section is in the page.
pub(super) fn figure(timeline: &Timeline, id: &str) -> (Element, Option<HtmlCanvasElement>) {
    let heading_id = format!("{id}-heading");
    let summary_id = format!("{id}-summary");
    let section = el("section")
        .class("run-chart")
        .attr("aria-labelledby", &heading_id);
    append(&section, &el("h2").id(&heading_id).text(&timeline.title));
    append(
        &section,
        &el("p")
            .id(&summary_id)
            .class("chart-summary")
            .text(&timeline.summary),
    );
    let canvas = el("canvas")
        .id(id)
        .class("chart")
        .attr("role", "img")
        .attr("aria-label", &timeline.title)
        .attr("aria-describedby", &summary_id)
        // Until it is laid out and drawn for its width: the desktop's shape.
        .attr(
            "style",
            &format!("aspect-ratio: {} / {}", chart::MAX_WIDTH, timeline.height().round()),
        );
    append(&section, &canvas);
    if !timeline.marks.is_empty() {
        append(
            &section,
            &el("p").class("hint").text(tr(
                "Each numbered line is one of your choices, numbered as in “What you did”.",
            )),
        );
    }
    append(&section, &data_table(timeline, id));
    (section, canvas.dyn_into().ok())
}

/// Paints the chart into its canvas, drawn for the canvas's width, now and
/// whenever it is resized.
pub(super) fn paint(timeline: &Timeline, canvas: &HtmlCanvasElement) {
    let timeline = timeline.clone();
    crate::canvas::show_still(canvas, move |width| chart::frame(&timeline, width));
}

/// The chart's data, folded under the chart: everything it shows, in a table.
fn data_table(timeline: &Timeline, id: &str) -> Element {
    let data = timeline.table();
    let details = el("details").class("chart-data");
    append(
        &details,
        &el("summary").text(tr("The chart's data as a table")),
    );
    let table = el("table")
        .id(&format!("{id}-table"))
        .child(&el("caption").text(&timeline.title));
    let head = el("tr").child(&el("th").attr("scope", "col").text(tr("Time")));
    for column in &data.columns {
        append(&head, &el("th").attr("scope", "col").text(column));
    }
    let has_choices = !timeline.marks.is_empty();
    if has_choices {
        append(&head, &el("th").attr("scope", "col").text(tr("What you did")));
    }
    append(&table, &el("thead").child(&head));
    let body = el("tbody");
    for row in &data.rows {
        let tr_ = el("tr").child(&el("th").attr("scope", "row").text(&row.time));
        for value in &row.values {
            append(&tr_, &el("td").text(value.as_deref().unwrap_or("–")));
        }
        if has_choices {
            append(&tr_, &el("td").text(&row.did.join("; ")));
        }
        append(&body, &tr_);
    }
    append(&table, &body);
    append(
        &details,
        &el("div")
            .class("table-scroll")
            .attr("tabindex", "0")
            .attr("role", "region")
            .attr("aria-label", tr("The chart's data as a table"))
            .child(&table),
    );
    details
}
