//! The line in words: the KPI board and each station's state, as a supervisor would
//! read them off the board on the shop floor. The terminal player prints these and
//! the browser's text equivalent of the canvas shows them, so the two never differ.

use firstshift_core::{Seconds, clock_text};

use firstshift_core::Language;

use crate::model::{DownReason, StationState};
use crate::report::{Report, StationReport};
use crate::spanish::WORDS;

/// One KPI: its name and its value in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kpi {
    pub name: &'static str,
    pub value: String,
}

fn percent(x: f64) -> String {
    format!("{:.0} %", x * 100.0)
}

/// The headline: where the shift is and how the order stands.
pub fn headline(r: &Report) -> String {
    let l = r.language;
    let when = if r.closed {
        WORDS.say(l, "The shift is over").to_string()
    } else {
        WORDS.fill(
            l,
            "{} of {}",
            &[
                &clock_text(r.at as Seconds),
                &clock_text(r.shift_seconds as Seconds),
            ],
        )
    };
    let state = if r.closed {
        ""
    } else if r.on_break {
        WORDS.say(l, " · on break")
    } else if r.stopped {
        WORDS.say(l, " · line stopped")
    } else {
        ""
    };
    let pace = if r.good >= u64::from(r.demand) {
        WORDS.say(l, "order complete")
    } else if r.closed {
        WORDS.say(l, "short of the order")
    } else if r.on_pace {
        WORDS.say(l, "on pace")
    } else {
        WORDS.say(l, "behind pace")
    };
    WORDS.fill(
        l,
        "{}{}: {} good of {} ordered, {}.",
        &[&when, &state, &r.good, &r.demand, &pace],
    )
}

/// The KPI board.
pub fn kpis(r: &Report) -> Vec<Kpi> {
    let l = r.language;
    let kpi = |name: &'static str, value: String| Kpi { name, value };
    let one = |x: f64| format!("{x:.1}");
    let whole = |x: f64| format!("{x:.0}");
    let mut out = vec![
        kpi(WORDS.say(l, "OEE"), percent(r.oee)),
        kpi(
            WORDS.say(l, "Throughput"),
            WORDS.fill(l, "{} good parts an hour", &[&whole(r.throughput_per_hour)]),
        ),
        kpi(
            WORDS.say(l, "Takt time"),
            WORDS.fill(
                l,
                "{} s a part needed; {}",
                &[
                    &whole(r.takt_seconds),
                    &match r.line_cycle_seconds {
                        Some(c) => WORDS.fill(l, "the line makes one every {} s", &[&whole(c)]),
                        None => WORDS.say(l, "no good part yet").into(),
                    },
                ],
            ),
        ),
        kpi(
            WORDS.say(l, "Work in process"),
            WORDS.fill(
                l,
                "{} parts now, {} on average",
                &[&r.wip, &one(r.wip_average)],
            ),
        ),
        kpi(
            WORDS.say(l, "Lead time"),
            WORDS.fill(l, "{} minutes", &[&one(r.lead_time / 60.0)]),
        ),
        kpi(
            WORDS.say(l, "First-pass yield"),
            percent(r.first_pass_yield),
        ),
        kpi(
            WORDS.say(l, "Quality losses"),
            WORDS.fill(
                l,
                "{} scrapped, {} reworked, {} reached the customer",
                &[&r.scrapped, &r.reworked, &r.escaped],
            ),
        ),
        kpi(
            WORDS.say(l, "Bottleneck"),
            match r.bottleneck {
                Some(b) => WORDS.fill(
                    l,
                    "{} (busy or down {} of the time)",
                    &[
                        &r.stations[b].name,
                        &percent(
                            1.0 - r.stations[b].share(StationState::Starved)
                                - r.stations[b].share(StationState::Blocked),
                        ),
                    ],
                ),
                None => WORDS.say(l, "not yet known").into(),
            },
        ),
    ];
    let c = r.cost;
    out.push(kpi(
        WORDS.say(l, "Cost so far"),
        WORDS.fill(
            l,
            "{} (buffers {}, maintenance {}, scrap {}, escapes {}, overtime {})",
            &[
                &whole(c.total),
                &whole(c.buffers),
                &whole(c.maintenance),
                &whole(c.scrap),
                &whole(c.escapes),
                &whole(c.overtime),
            ],
        ),
    ));
    if r.overtime_hours > 0.0 {
        out.push(kpi(
            WORDS.say(l, "Overtime needed"),
            WORDS.fill(l, "{} hours", &[&one(r.overtime_hours)]),
        ));
    }
    out
}

/// What a station is doing now, in a few words.
pub fn state_words(s: &StationReport, l: Language) -> String {
    match (s.state, s.down_reason) {
        (StationState::Down, Some(DownReason::Breakdown)) => {
            WORDS.say(l, "down: broken, being repaired").into()
        }
        (StationState::Down, Some(DownReason::Maintenance)) => {
            WORDS.say(l, "down: preventive maintenance").into()
        }
        (StationState::Down, Some(DownReason::NoOperator)) => {
            WORDS.say(l, "down: no operator").into()
        }
        (StationState::Down, Some(DownReason::LineStopped)) => {
            WORDS.say(l, "down: line stopped").into()
        }
        (state, _) => WORDS.say(l, state.word()).into(),
    }
}

/// One station's line on the board.
pub fn station_line(s: &StationReport, l: Language) -> String {
    let buffer = match s.buffer_capacity {
        Some(cap) => WORDS.fill(l, "{} of {} waiting", &[&s.buffer, &cap]),
        None => WORDS.fill(l, "{} waiting", &[&s.buffer]),
    };
    let crew = match (s.crew_needed, s.crew) {
        (0, 0) => WORDS.say(l, "automatic").to_string(),
        (_, 1) => WORDS.say(l, "1 operator").to_string(),
        (_, n) => WORDS.fill(l, "{} operators", &[&n]),
    };
    WORDS.fill(
        l,
        "{}: {}. {}, {}, {} s a part{}. Working {}, changing over {}, starved {}, blocked {}, down {}. OEE {}.",
        &[
            &s.name,
            &state_words(s, l),
            &crew,
            &buffer,
            &format!("{:.0}", s.cycle_seconds),
            &if s.inspects {
                WORDS.say(l, ", inspects every part")
            } else {
                ""
            },
            &percent(s.share(StationState::Working)),
            &percent(s.share(StationState::Setup)),
            &percent(s.share(StationState::Starved)),
            &percent(s.share(StationState::Blocked)),
            &percent(s.share(StationState::Down)),
            &percent(s.oee),
        ],
    )
}

/// The whole board as lines of text.
pub fn lines(r: &Report) -> Vec<String> {
    let mut out = vec![headline(r)];
    out.extend(kpis(r).iter().map(|k| format!("{}: {}", k.name, k.value)));
    out.extend(r.stations.iter().map(|s| station_line(s, r.language)));
    out
}
