//! The small business in HTML: the text equivalent of the canvas's business view
//! (the headline, the figures, each product's shelf, and every closed day as a data
//! table, which is the chart of cash over time in numbers), and what happened in
//! the business during the last choice.
//!
//! Every sentence comes from `firstshift_business::board`, the same words the
//! terminal player prints, read off the same [`Report`] the canvas draws. Text
//! nodes only.

use firstshift_business::{BusinessKind, Report, board};
use firstshift_core::{Event, Seconds};
use firstshift_sims::{Scenario, Session, Sims};
use web_sys::Element;

use crate::dom::{Build, append, clear, el, set_hidden};
use crate::i18n::tr;
use crate::sim_panel::{SimPanel, Slot, list_figures, list_sentences, sentences_of};

pub struct BusinessPanel {
    /// The business view's text equivalent (the canvas's description).
    board: Element,
    headline: Element,
    kpis: Element,
    products: Element,
    /// One row per closed day: the cash chart's data table.
    days: Element,
    days_table: Element,
    /// What happened in the business during the last choice.
    latest: Element,
    last_lines: Vec<String>,
    last_days: usize,
}

impl BusinessPanel {
    pub fn build() -> BusinessPanel {
        let headline = el("p").id("business-headline");
        let kpis = el("ul").id("business-kpis").class("line-kpis");
        let products = el("ul").id("business-products").class("line-stations");
        let days = el("tbody");
        let head = ["Day", "Served", "Walked away", "Takings", "Profit", "Cash after"]
            .iter()
            .fold(el("tr"), |row, title| {
                row.child(&el("th").attr("scope", "col").text(title))
            });
        let days_table = el("table")
            .id("business-days")
            .class("scores")
            .attr("hidden", "")
            .child(&el("caption").text(tr("Each day's figures, and the cash in the bank after it")))
            .child(&el("thead").child(&head))
            .child(&days);
        let board = el("section")
            .id("business-board")
            .class("bedside")
            .attr("aria-labelledby", "business-board-heading")
            .attr("hidden", "")
            .child(&el("h2").id("business-board-heading").text(tr("Business board")))
            .child(&headline)
            .child(&kpis)
            .child(&el("h3").text(tr("On the shelf")))
            .child(&products)
            .child(
                &el("div")
                    .class("table-scroll")
                    .attr("tabindex", "0")
                    .attr("role", "region")
                    .attr("aria-label", "Each day's figures")
                    .child(&days_table),
            );
        let latest = el("ul")
            .id("business-events")
            .class("findings")
            .attr("aria-label", "What happened in the business")
            .attr("hidden", "");
        BusinessPanel {
            board,
            headline,
            kpis,
            products,
            days,
            days_table,
            latest,
            last_lines: Vec::new(),
            last_days: usize::MAX,
        }
    }

    /// Writes the board from a report.
    fn draw(&self, r: &Report) {
        self.headline.set_text_content(Some(&board::headline(r)));
        list_figures(&self.kpis, board::kpis(r).into_iter().map(|k| (k.name, k.value)));
        clear(&self.products);
        for p in &r.products {
            let item = el("li")
                .attr("data-product", &p.id)
                .text(&board::product_line(r, p));
            if p.on_hand == 0 {
                let _ = item.class_list().add_1("sold-out");
            }
            append(&self.products, &item);
        }
    }

    /// One row per closed day; only rewritten when a day has closed.
    fn draw_days(&mut self, r: &Report) {
        if r.days.len() == self.last_days {
            return;
        }
        self.last_days = r.days.len();
        clear(&self.days);
        for day in &r.days {
            let cells = [
                format!("{}", day.tally.served),
                format!("{}", day.tally.missed_no_stock + day.tally.missed_queue),
                r.money(day.tally.takings),
                r.money(day.profit),
                r.money(day.cash_after),
            ];
            let row = cells.iter().fold(
                el("tr").child(&el("th").attr("scope", "row").text(r.days_name(day.day))),
                |row, cell| row.child(&el("td").text(cell)),
            );
            append(&self.days, &row);
        }
        set_hidden(&self.days_table, r.days.is_empty());
    }
}

impl SimPanel for BusinessPanel {
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
        self.last_days = usize::MAX;
    }

    /// The business's events in one batch, as sentences (for the list and the
    /// page's announcement).
    fn take_events(&mut self, events: &[Event<Sims>], _at: Seconds) -> Vec<String> {
        sentences_of::<BusinessKind>(events)
    }

    fn show_latest(&self, happened: &[String]) {
        list_sentences(&self.latest, happened);
    }

    /// Redraws the board if anything on it changed. Cheap when nothing did.
    fn render(&mut self, session: &Session, _now_ms: f64) {
        let Some(business) = session.sim().get::<BusinessKind>() else {
            set_hidden(&self.board, true);
            return;
        };
        set_hidden(&self.board, false);
        let report = business.report();
        let lines = board::lines(&report);
        if lines != self.last_lines {
            self.draw(&report);
            self.last_lines = lines;
        }
        self.draw_days(&report);
    }

    /// A business: the canvas draws it, and the business board describes it.
    fn canvas_description(&self, scenario: &Scenario) -> Option<(&'static str, &'static str)> {
        scenario.sim.get::<BusinessKind>().is_some().then(|| {
            (
                tr("The business: cash in the bank over the days and each product's shelf (described in the Business board section)"),
                "business-board",
            )
        })
    }
}
