//! The catalog: every built-in scenario, grouped by career cluster.

use firstshift_scenario::catalog::Catalog;

use crate::dom::{Build, append, clear, el};
use crate::i18n::{self, tr, trf};

use super::{Screen, Ui, own_file_panel};

impl Ui {
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
                let href = if i18n::current() == i18n::Lang::English {
                    format!("?scenario={}", entry.id)
                } else {
                    format!("?scenario={}&lang={language}", entry.id)
                };
                let card = el("li").class("card").attr("data-scenario", &entry.id);
                if translated.is_none() && i18n::current() != i18n::Lang::English {
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
                if i18n::current() == i18n::Lang::English && entry.translations.contains_key("es") {
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

}
