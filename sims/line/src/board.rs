//! The line in words: the KPI board and each station's state, as a supervisor would
//! read them off the board on the shop floor. The terminal player prints these and
//! the browser's text equivalent of the canvas shows them, so the two never differ.

use firstshift_core::{Seconds, clock_text};

use crate::model::{DownReason, StationState};
use crate::report::{Report, StationReport};

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
    let when = if r.closed {
        "The shift is over".to_string()
    } else {
        format!(
            "{} of {}",
            clock_text(r.at as Seconds),
            clock_text(r.shift_seconds as Seconds)
        )
    };
    let state = if r.closed {
        ""
    } else if r.on_break {
        " · on break"
    } else if r.stopped {
        " · line stopped"
    } else {
        ""
    };
    let pace = if r.good >= u64::from(r.demand) {
        "order complete"
    } else if r.closed {
        "short of the order"
    } else if r.on_pace {
        "on pace"
    } else {
        "behind pace"
    };
    format!(
        "{when}{state}: {} good of {} ordered, {pace}.",
        r.good, r.demand
    )
}

/// The KPI board.
pub fn kpis(r: &Report) -> Vec<Kpi> {
    let kpi = |name, value: String| Kpi { name, value };
    let mut out = vec![
        kpi("OEE", percent(r.oee)),
        kpi(
            "Throughput",
            format!("{:.0} good parts an hour", r.throughput_per_hour),
        ),
        kpi(
            "Takt time",
            format!(
                "{:.0} s a part needed; {}",
                r.takt_seconds,
                match r.line_cycle_seconds {
                    Some(c) => format!("the line makes one every {c:.0} s"),
                    None => "no good part yet".into(),
                }
            ),
        ),
        kpi(
            "Work in process",
            format!("{} parts now, {:.1} on average", r.wip, r.wip_average),
        ),
        kpi("Lead time", format!("{:.1} minutes", r.lead_time / 60.0)),
        kpi("First-pass yield", percent(r.first_pass_yield)),
        kpi(
            "Quality losses",
            format!(
                "{} scrapped, {} reworked, {} reached the customer",
                r.scrapped, r.reworked, r.escaped
            ),
        ),
        kpi(
            "Bottleneck",
            match r.bottleneck {
                Some(b) => format!(
                    "{} (busy or down {} of the time)",
                    r.stations[b].name,
                    percent(
                        1.0 - r.stations[b].share(StationState::Starved)
                            - r.stations[b].share(StationState::Blocked)
                    )
                ),
                None => "not yet known".into(),
            },
        ),
    ];
    let c = r.cost;
    out.push(kpi(
        "Cost so far",
        format!(
            "{:.0} (buffers {:.0}, maintenance {:.0}, scrap {:.0}, escapes {:.0}, overtime {:.0})",
            c.total, c.buffers, c.maintenance, c.scrap, c.escapes, c.overtime
        ),
    ));
    if r.overtime_hours > 0.0 {
        out.push(kpi(
            "Overtime needed",
            format!("{:.1} hours", r.overtime_hours),
        ));
    }
    out
}

/// What a station is doing now, in a few words.
pub fn state_words(s: &StationReport) -> String {
    match (s.state, s.down_reason) {
        (StationState::Down, Some(DownReason::Breakdown)) => "down: broken, being repaired".into(),
        (StationState::Down, Some(DownReason::Maintenance)) => {
            "down: preventive maintenance".into()
        }
        (StationState::Down, Some(DownReason::NoOperator)) => "down: no operator".into(),
        (StationState::Down, Some(DownReason::LineStopped)) => "down: line stopped".into(),
        (state, _) => state.word().into(),
    }
}

/// One station's line on the board.
pub fn station_line(s: &StationReport) -> String {
    let buffer = match s.buffer_capacity {
        Some(cap) => format!("{} of {cap} waiting", s.buffer),
        None => format!("{} waiting", s.buffer),
    };
    let crew = match (s.crew_needed, s.crew) {
        (0, 0) => "automatic".to_string(),
        (_, 1) => "1 operator".to_string(),
        (_, n) => format!("{n} operators"),
    };
    format!(
        "{}: {}. {crew}, {buffer}, {:.0} s a part{}. Working {}, changing over {}, starved {}, blocked {}, down {}. OEE {}.",
        s.name,
        state_words(s),
        s.cycle_seconds,
        if s.inspects {
            ", inspects every part"
        } else {
            ""
        },
        percent(s.share(StationState::Working)),
        percent(s.share(StationState::Setup)),
        percent(s.share(StationState::Starved)),
        percent(s.share(StationState::Blocked)),
        percent(s.share(StationState::Down)),
        percent(s.oee),
    )
}

/// The whole board as lines of text.
pub fn lines(r: &Report) -> Vec<String> {
    let mut out = vec![headline(r)];
    out.extend(kpis(r).iter().map(|k| format!("{}: {}", k.name, k.value)));
    out.extend(r.stations.iter().map(station_line));
    out
}
