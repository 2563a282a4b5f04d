//! The production line in HTML: the text equivalent of the canvas's line view (the
//! headline, the KPI board and every station's state), and what happened on the
//! line during the last choice.
//!
//! Every sentence comes from `firstshift_line::board`, the same words the terminal
//! player prints, read off the same [`Report`] the canvas draws. Text nodes only.

use firstshift_core::{Event, Seconds};
use firstshift_line::{LineKind, board};
use firstshift_line::report::Report;
use firstshift_sims::{Scenario, Session, Sims};
use web_sys::Element;

use crate::dom::{Build, append, clear, el, set_hidden};
use crate::i18n::tr;
use crate::sim_panel::{SimPanel, Slot, list_figures, list_sentences, sentences_of};

pub struct LinePanel {
    /// The line view's text equivalent (the canvas's description).
    board: Element,
    headline: Element,
    kpis: Element,
    stations: Element,
    /// What happened on the line during the last choice.
    latest: Element,
    last_lines: Vec<String>,
}

impl LinePanel {
    pub fn build() -> LinePanel {
        let headline = el("p").id("line-headline");
        let kpis = el("ul").id("line-kpis").class("line-kpis");
        let stations = el("ul").id("line-stations").class("line-stations");
        let board = el("section")
            .id("line-board")
            .class("bedside")
            .attr("aria-labelledby", "line-board-heading")
            .attr("hidden", "")
            .child(&el("h2").id("line-board-heading").text(tr("Production board")))
            .child(&headline)
            .child(&kpis)
            .child(&el("h3").text(tr("Stations, in flow order")))
            .child(&stations);
        let latest = el("ul")
            .id("line-events")
            .class("findings")
            .attr("aria-label", "What happened on the line")
            .attr("hidden", "");
        LinePanel {
            board,
            headline,
            kpis,
            stations,
            latest,
            last_lines: Vec::new(),
        }
    }


    /// Writes the board from a report.
    fn draw(&self, r: &Report) {
        self.headline.set_text_content(Some(&board::headline(r)));
        list_figures(&self.kpis, board::kpis(r).into_iter().map(|k| (k.name, k.value)));
        clear(&self.stations);
        for (i, s) in r.stations.iter().enumerate() {
            let item = el("li")
                .attr("data-station", &s.id)
                .attr("data-state", s.state.word())
                .text(&board::station_line(s, r.language));
            if r.bottleneck == Some(i) {
                let _ = item.class_list().add_1("bottleneck");
            }
            append(&self.stations, &item);
        }
    }
}

impl SimPanel for LinePanel {
    fn part(&self, slot: Slot) -> Option<&Element> {
        match slot {
            Slot::AboveStep => Some(&self.latest),
            Slot::Aside => Some(&self.board),
            Slot::BelowChoices | Slot::Page => None,
        }
    }

    /// A new run.
    fn begin(&mut self) {
        clear(&self.latest);
        set_hidden(&self.latest, true);
        self.last_lines.clear();
    }

    /// The line's events in one batch, as sentences (for the list and the page's
    /// announcement).
    fn take_events(&mut self, events: &[Event<Sims>], _at: Seconds) -> Vec<String> {
        sentences_of::<LineKind>(events)
    }

    fn show_latest(&self, happened: &[String]) {
        list_sentences(&self.latest, happened);
    }

    /// Redraws the board if anything on it changed. Cheap when nothing did.
    fn render(&mut self, session: &Session, _now_ms: f64) {
        let Some(line) = session.sim().get::<LineKind>() else {
            set_hidden(&self.board, true);
            return;
        };
        set_hidden(&self.board, false);
        let report = line.report();
        let lines = board::lines(&report);
        if lines == self.last_lines {
            return;
        }
        self.draw(&report);
        self.last_lines = lines;
    }

    /// A line: the canvas draws it, and the production board describes it.
    fn canvas_description(&self, scenario: &Scenario) -> Option<(&'static str, &'static str)> {
        scenario.sim.get::<LineKind>().is_some().then(|| {
            (
                tr("The production line: stations, buffers and KPIs (described in the Production board section)"),
                "line-board",
            )
        })
    }
}
