//! The business in words: the headline, the figures an owner watches, each
//! product's shelf and each day closed. The page's text equivalent of the canvas
//! and the terminal player's board both read these, from the same [`Report`].

use crate::report::{ProductReport, Report};
use crate::sentences::hour_text;
use crate::spanish::WORDS;

/// One figure on the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kpi {
    pub name: &'static str,
    pub value: String,
}

/// Where the business stands, in one sentence.
pub fn headline(r: &Report) -> String {
    let l = r.language;
    let when = if r.finished {
        WORDS.say(l, "Trading is over").to_string()
    } else if let Some(hour) = r.hour {
        WORDS.fill(l, "{}, {}: open", &[&r.day_name, &hour_text(l, hour)])
    } else {
        WORDS.fill(l, "{}, after closing", &[&r.day_name])
    };
    let weather = r
        .weather
        .map_or(String::new(), |w| format!(" ({})", WORDS.say(l, w.word())));
    WORDS.fill(
        l,
        "{}{}. {} in the bank; {} so far.",
        &[
            &when,
            &weather,
            &r.money(r.cash),
            &if r.profit.0 < 0 {
                WORDS.fill(l, "a loss of {}", &[&r.money(-r.profit)])
            } else {
                WORDS.fill(l, "a profit of {}", &[&r.money(r.profit)])
            },
        ],
    )
}

pub fn kpis(r: &Report) -> Vec<Kpi> {
    let l = r.language;
    let mut out = vec![
        Kpi {
            name: WORDS.say(l, "Day"),
            value: WORDS.fill(
                l,
                "{} of {}",
                &[&(r.day + 1).min(r.days_total), &r.days_total],
            ),
        },
        Kpi {
            name: WORDS.say(l, "Cash"),
            value: r.money(r.cash),
        },
        Kpi {
            name: WORDS.say(l, "Profit"),
            value: r.money(r.profit),
        },
        Kpi {
            name: WORDS.say(l, "Takings"),
            value: r.money(r.ledger.takings),
        },
        Kpi {
            name: WORDS.say(l, "Customers served"),
            value: format!("{} ({:.0} %)", r.customers.served, r.service_percent()),
        },
        Kpi {
            name: WORDS.say(l, "Walked away"),
            value: WORDS.fill(
                l,
                "{} (sold out {}, queue {})",
                &[
                    &r.walked_away(),
                    &r.customers.missed_no_stock,
                    &r.customers.missed_queue,
                ],
            ),
        },
        Kpi {
            name: WORDS.say(l, "Staff"),
            value: WORDS.fill(l, "{} of {}", &[&r.staff, &r.staff_max]),
        },
    ];
    if let Some(limit) = r.loan_limit {
        out.push(Kpi {
            name: WORDS.say(l, "Loan"),
            value: WORDS.fill(
                l,
                "{} owed of {}",
                &[&r.money(r.loan_balance), &r.money(limit)],
            ),
        });
    }
    out
}

/// One product's shelf and sales, as a sentence.
pub fn product_line(r: &Report, p: &ProductReport) -> String {
    let l = r.language;
    let mut text = WORDS.fill(
        l,
        "{}: {} each (cost {}), {} on the shelf",
        &[
            &crate::sentences::capitalised(&p.name),
            &r.money(p.price),
            &r.money(p.unit_cost),
            &p.on_hand,
        ],
    );
    if p.arriving > 0 {
        text += &WORDS.fill(l, ", {} arriving", &[&p.arriving]);
    }
    text += &WORDS.fill(l, ", {} sold", &[&p.sold]);
    if p.spoiled > 0 {
        text += &WORDS.fill(l, ", {} spoiled", &[&p.spoiled]);
    }
    if p.missed > 0 {
        text += &WORDS.fill(l, ", {} customers found none", &[&p.missed]);
    }
    text + "."
}

/// One closed day, as a sentence.
pub fn day_line(r: &Report, record: &crate::model::DayRecord) -> String {
    WORDS.fill(
        r.language,
        "Day {} ({}): {} served, {} walked away, takings {}, profit {}, cash after {}.",
        &[
            &(record.day + 1),
            &r.days_name(record.day),
            &record.tally.served,
            &(record.tally.missed_no_stock + record.tally.missed_queue),
            &r.money(record.tally.takings),
            &r.money(record.profit),
            &r.money(record.cash_after),
        ],
    )
}

/// Everything on the board, in reading order: what a terminal shows, and what the
/// page compares to know whether to redraw.
pub fn lines(r: &Report) -> Vec<String> {
    let mut out = vec![headline(r)];
    out.extend(
        kpis(r)
            .into_iter()
            .map(|k| format!("{}: {}", k.name, k.value)),
    );
    out.extend(r.products.iter().map(|p| product_line(r, p)));
    out
}
