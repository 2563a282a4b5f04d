//! The error panel: every problem in a teacher's file, with its place and a fix.

use firstshift_scenario::diagnostic::{JsonDiagnostic, Severity};

use crate::dom::{Build, append, clear, el, focus};

use super::{Screen, Ui, own_file_panel};

impl Ui {
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
