//! The bedside in HTML: the text equivalent of the canvas monitor, what the last
//! action found, the running record of findings, and alarm announcements.
//!
//! Everything here reads the patient model's [`Bedside`] (the same data the canvas
//! monitor draws) and the model's events, and writes text nodes only. Alarms go to
//! their own live region through the rate-limited [`AlarmAnnouncer`], so a burst
//! of alarms never drowns the scenario's text for a screen-reader user.

use firstshift_core::{Event, Seconds, clock_text};
use firstshift_patient::{PatientEvent, PatientKind};
use firstshift_patient::announce::AlarmAnnouncer;
use firstshift_patient::bedside::{Bedside, Source};
use firstshift_sims::{Scenario, Session, Sims};
use web_sys::Element;

use crate::dom::{Build, append, clear, el, set_hidden};
use crate::i18n::{tr, trf};
use crate::sim_panel::{SimPanel, Slot, list_sentences, sim_event};

pub struct BedsidePanel {
    /// The monitor's text equivalent (the canvas's description).
    monitor: Element,
    status: Element,
    values: Element,
    news2: Element,
    /// What the last choice found, shown under the response.
    latest: Element,
    /// Everything found so far, oldest first.
    record: Element,
    record_list: Element,
    record_count: Element,
    /// `aria-live="assertive"`, for alarms only.
    alarm_live: Element,
    announcer: AlarmAnnouncer,
    last: Option<Bedside>,
    found: usize,
}

impl BedsidePanel {
    pub fn build() -> BedsidePanel {
        let status = el("p").id("bedside-status");
        let values = el("ul").id("bedside-values").class("bedside-values");
        let news2 = el("p").id("bedside-news2");
        let monitor = el("section")
            .id("bedside")
            .class("bedside")
            .attr("aria-labelledby", "bedside-heading")
            .attr("hidden", "")
            .child(&el("h2").id("bedside-heading").text(tr("Patient monitor")))
            .child(&status)
            .child(&values)
            .child(&news2);
        let latest = el("ul")
            .id("latest-findings")
            .class("findings")
            .attr("aria-label", tr("What you found"))
            .attr("hidden", "");
        let record_list = el("ol").id("findings-record").class("findings");
        let record_count = el("span").text(&trf("Everything you have found ({})", &[&0]));
        let record = el("details")
            .id("findings")
            .attr("hidden", "")
            .child(&el("summary").child(&record_count))
            .child(&record_list);
        let alarm_live = el("div")
            .id("alarm-announcer")
            .class("visually-hidden")
            .attr("aria-live", "assertive");
        BedsidePanel {
            monitor,
            status,
            values,
            news2,
            latest,
            record,
            record_list,
            record_count,
            alarm_live,
            announcer: AlarmAnnouncer::default(),
            last: None,
            found: 0,
        }
    }

}

impl SimPanel for BedsidePanel {
    fn part(&self, slot: Slot) -> Option<&Element> {
        Some(match slot {
            Slot::AboveStep => &self.latest,
            Slot::BelowChoices => &self.record,
            Slot::Aside => &self.monitor,
            Slot::Page => &self.alarm_live,
        })
    }

    /// A new run: nothing found, nothing to announce.
    fn begin(&mut self) {
        clear(&self.latest);
        clear(&self.record_list);
        self.found = 0;
        self.record_count
            .set_text_content(Some(&trf("Everything you have found ({})", &[&0])));
        set_hidden(&self.latest, true);
        set_hidden(&self.record, true);
        self.alarm_live.set_text_content(Some(""));
        self.announcer.clear();
        self.last = None;
    }

    /// Takes the model's events from one batch. Returns the sentences the last
    /// choice produced (for the page's announcement), newest last.
    fn take_events(&mut self, events: &[Event<Sims>], at: Seconds) -> Vec<String> {
        let mut new = Vec::new();
        for event in events {
            let Some(e) = sim_event::<PatientKind>(event) else {
                continue;
            };
            if let PatientEvent::Alarm {
                vital,
                critical,
                text,
            } = e
            {
                // Alarms are announced on their own, rate-limited, and still recorded.
                self.announcer.push(*vital, *critical, text);
            } else {
                new.push(e.text().to_owned());
            }
            self.found += 1;
            append(
                &self.record_list,
                &el("li")
                    .child(&el("span").class("at").text(&clock_text(at)))
                    .child(&el("span").text(&format!(" {}", e.text()))),
            );
        }
        if self.found > 0 {
            set_hidden(&self.record, false);
            self.record_count
                .set_text_content(Some(&trf("Everything you have found ({})", &[&self.found])));
        }
        new
    }

    /// Shows what the last choice found (empty: hides the list).
    fn show_latest(&self, found: &[String]) {
        list_sentences(&self.latest, found);
    }

    /// Redraws the monitor's text equivalent if anything shown changed, and
    /// releases a due alarm announcement. Cheap when nothing changed.
    fn render(&mut self, session: &Session, now_ms: f64) {
        let Some(patient) = session.sim().get::<PatientKind>() else {
            set_hidden(&self.monitor, true);
            return;
        };
        set_hidden(&self.monitor, false);
        self.announcer.set_language(patient.language());
        if let Some(message) = self.announcer.poll(now_ms) {
            self.alarm_live.set_text_content(Some(&message));
        }
        let bedside = Bedside::of(patient);
        // The clock alone changes every second; redraw only when a value does.
        let same = self.last.as_ref().is_some_and(|last| {
            last.rows == bedside.rows
                && last.news2 == bedside.news2
                && last.monitor_attached == bedside.monitor_attached
                && last.arrested == bedside.arrested
        });
        if same {
            return;
        }
        self.status
            .set_text_content(Some(&bedside.status_sentence()));
        clear(&self.values);
        for row in &bedside.rows {
            let item = el("li")
                .class(match row.source {
                    Source::Live => "live",
                    Source::Measured(_) => "measured",
                    Source::NotMeasured => "unknown",
                })
                .attr("data-vital", row.short)
                .text(&row.sentence());
            if row.alarm {
                let _ = item.class_list().add_1("alarm");
            }
            append(&self.values, &item);
        }
        self.news2.set_text_content(Some(&bedside.news2_sentence()));
        self.last = Some(bedside);
    }

    /// A patient: the canvas draws the monitor, which this section describes.
    fn canvas_description(&self, scenario: &Scenario) -> Option<(&'static str, &'static str)> {
        scenario.sim.get::<PatientKind>().is_some().then(|| {
            (
                tr("The patient's bedside monitor (described in the Patient monitor section)"),
                "bedside",
            )
        })
    }
}
