//! What a scenario file writes after `sim: Line(...)`: the products, how work is
//! released, the stations in order with the buffer in front of each, the crew and
//! technicians, the shift, the order to ship and what things cost.
//!
//! Times a person reads off a stopwatch (cycle times, inspections) are in seconds;
//! times a supervisor plans in (changeovers, breakdowns, breaks) are in minutes;
//! the shift is in hours. Each field's name says which.

use firstshift_core::sim::{SetupKey, SetupProblem};
use serde::{Deserialize, Serialize};

use crate::random::Distribution;

/// The line at the start of the scenario.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineSetup {
    /// How the student hears the line named ("Line 2, bracket cell").
    pub name: String,
    /// Product types, released in turn in batches of `batch_size`. A station with a
    /// changeover time needs it whenever the type changes.
    #[serde(default = "one_product")]
    pub products: Vec<String>,
    #[serde(default = "one")]
    pub batch_size: u32,
    #[serde(default)]
    pub release: Release,
    /// In flow order; each takes its parts from the buffer in front of it.
    pub stations: Vec<StationSetup>,
    /// Maintenance technicians who repair breakdowns and do preventive maintenance,
    /// one job each at a time, first come first served.
    #[serde(default = "one")]
    pub technicians: u32,
    pub shift: Shift,
    /// Good parts the shift must ship; sets the takt time.
    pub demand: u32,
    #[serde(default)]
    pub costs: Costs,
    /// The inspection `AddInspection` sets up: its seconds per part and what
    /// happens to a defect it catches (rework needs this station or an earlier one;
    /// otherwise the part is scrapped).
    #[serde(default = "default_added_inspection")]
    pub added_inspection: Inspection,
}

/// How work enters the line.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub enum Release {
    /// Material is always waiting: the first station never starves.
    #[default]
    Push,
    /// Orders or parts arrive this far apart and queue in front of the first station.
    Every(Distribution),
}

/// One station of the line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StationSetup {
    /// Short, for `MoveOperator("weld", "pack")`: lowercase letters, digits and dashes.
    pub id: String,
    /// What the student reads ("Robot weld cell").
    pub name: String,
    /// Seconds per part with the crew it needs.
    pub cycle: Distribution,
    /// Parts the buffer in front of this station holds; none means no limit.
    #[serde(default)]
    pub buffer: Option<u32>,
    /// Operators needed to run it (0 for an automatic machine).
    #[serde(default = "one")]
    pub crew_needed: u32,
    /// Operators working here at the start (default: as many as it needs).
    #[serde(default)]
    pub crew: Option<u32>,
    /// Most operators who can usefully share the work (default: `crew_needed`);
    /// extra hands shorten the cycle in proportion.
    #[serde(default)]
    pub max_crew: Option<u32>,
    /// Minutes to change over when the product type changes.
    #[serde(default)]
    pub changeover_minutes: f64,
    #[serde(default)]
    pub breakdowns: Option<Breakdowns>,
    /// Share of parts (0–1) this station spoils.
    #[serde(default)]
    pub defect_rate: f64,
    /// The defect rate once the line has stopped to fix the root cause here.
    #[serde(default)]
    pub defect_rate_after_fix: Option<f64>,
    /// Checks every part after working on it and catches any defect so far.
    #[serde(default)]
    pub inspection: Option<Inspection>,
    /// Minutes a preventive-maintenance job takes.
    #[serde(default = "default_maintenance_minutes")]
    pub maintenance_minutes: f64,
}

/// How often a station fails while working, and how long a repair takes.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Breakdowns {
    /// Mean working minutes between failures.
    pub mtbf_minutes: f64,
    /// Working minutes since its last repair or service when the shift starts
    /// (with `wear` above 1, an older machine is likelier to fail soon).
    #[serde(default)]
    pub age_minutes: f64,
    /// Mean minutes a technician takes to repair it (give or take a third).
    pub mttr_minutes: f64,
    /// 1: failures strike at random; above 1 (2–4 is typical of wear): the older
    /// the machine since its last repair or maintenance, the likelier.
    #[serde(default = "one_f")]
    pub wear: f64,
}

/// An inspection at a station.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inspection {
    /// Seconds the check adds to each part.
    #[serde(default)]
    pub seconds: f64,
    #[serde(default)]
    pub on_defect: OnDefect,
}

/// What happens to a part an inspection catches.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub enum OnDefect {
    #[default]
    Scrap,
    /// Sent back to the buffer of this station to be done again.
    Rework(String),
}

/// The shift: its length and its breaks, when the whole line stops.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shift {
    pub hours: f64,
    #[serde(default)]
    pub breaks: Vec<Break>,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Break {
    /// Minutes from the start of the shift.
    pub at_minute: f64,
    pub minutes: f64,
}

/// What decisions and outcomes cost, in the scenario's currency.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Costs {
    /// Each place added to a buffer (racking, conveyor).
    pub buffer_slot: f64,
    /// Each preventive-maintenance job (parts and labour).
    pub maintenance: f64,
    /// Each part scrapped.
    pub scrap: f64,
    /// Each defective part that reaches the customer.
    pub escape: f64,
    /// Each hour of overtime the order still needs when the shift ends, at the
    /// rate the line ran.
    pub overtime_hour: f64,
}

impl Default for Costs {
    fn default() -> Costs {
        Costs {
            buffer_slot: 250.0,
            maintenance: 120.0,
            scrap: 15.0,
            escape: 150.0,
            overtime_hour: 600.0,
        }
    }
}

fn one() -> u32 {
    1
}
fn one_f() -> f64 {
    1.0
}
fn one_product() -> Vec<String> {
    vec!["part".into()]
}
fn default_added_inspection() -> Inspection {
    Inspection {
        seconds: 10.0,
        on_defect: OnDefect::Scrap,
    }
}
fn default_maintenance_minutes() -> f64 {
    20.0
}

/// The most stations the line scene has room for.
pub const MAX_STATIONS: usize = 12;

impl StationSetup {
    pub fn crew_at_start(&self) -> u32 {
        self.crew.unwrap_or(self.crew_needed)
    }
    pub fn max_crew(&self) -> u32 {
        self.max_crew
            .unwrap_or(self.crew_needed)
            .max(self.crew_needed)
    }
}

impl LineSetup {
    pub fn station_index(&self, id: &str) -> Option<usize> {
        self.stations.iter().position(|s| s.id == id)
    }

    /// Every value the model cannot use, with where it is and how to fix it.
    pub fn problems(&self) -> Vec<SetupProblem> {
        let mut out = Vec::new();
        let mut push = |path: Vec<SetupKey>, message: String, help: &str| {
            out.push(SetupProblem {
                path,
                message,
                help: help.to_string(),
            });
        };
        let field = |f: &'static str| vec![SetupKey::Field(f)];
        let station_field = |i: usize, f: &'static str| {
            vec![
                SetupKey::Field("stations"),
                SetupKey::Index(i),
                SetupKey::Field(f),
            ]
        };
        if self.stations.is_empty() || self.stations.len() > MAX_STATIONS {
            push(
                field("stations"),
                format!(
                    "a line needs 1 to {MAX_STATIONS} stations, not {}",
                    self.stations.len()
                ),
                "list the stations in the order parts flow through them",
            );
        }
        if self.products.is_empty() {
            push(
                field("products"),
                "`products` is empty".into(),
                "name at least one product, e.g. `products: [\"bracket\"]`",
            );
        }
        if self.batch_size == 0 {
            push(
                field("batch_size"),
                "`batch_size` must be at least 1".into(),
                "give how many of one product are made before changing to the next",
            );
        }
        if let Release::Every(d) = self.release
            && let Some(why) = d.problem()
        {
            push(
                field("release"),
                why,
                "give the time between arrivals in seconds",
            );
        }
        if !(self.shift.hours > 0.0 && self.shift.hours <= 24.0) {
            push(
                vec![SetupKey::Field("shift"), SetupKey::Field("hours")],
                format!(
                    "`shift.hours` of {} is outside 0–24 hours",
                    self.shift.hours
                ),
                "give the shift's length in hours, e.g. `hours: 8`",
            );
        }
        let shift_minutes = self.shift.hours * 60.0;
        for (i, b) in self.shift.breaks.iter().enumerate() {
            let ok =
                b.at_minute >= 0.0 && b.minutes > 0.0 && b.at_minute + b.minutes <= shift_minutes;
            let overlaps = self.shift.breaks[..i].iter().any(|a| {
                b.at_minute < a.at_minute + a.minutes && a.at_minute < b.at_minute + b.minutes
            });
            if !ok || overlaps {
                push(
                    vec![
                        SetupKey::Field("shift"),
                        SetupKey::Field("breaks"),
                        SetupKey::Index(i),
                    ],
                    format!(
                        "the break at minute {} for {} minutes {}",
                        b.at_minute,
                        b.minutes,
                        if overlaps {
                            "overlaps an earlier break"
                        } else {
                            "does not fit inside the shift"
                        }
                    ),
                    "give breaks as `(at_minute: 120, minutes: 15)`, inside the shift and apart from each other",
                );
            }
        }
        if self.demand == 0 {
            push(
                field("demand"),
                "`demand` must be at least 1 part".into(),
                "give the good parts the shift must ship; the takt time is worked out from it",
            );
        }
        let added = &self.added_inspection;
        if !(added.seconds >= 0.0 && added.seconds <= 3600.0) {
            push(
                vec![
                    SetupKey::Field("added_inspection"),
                    SetupKey::Field("seconds"),
                ],
                format!("an inspection of {} seconds", added.seconds),
                "give the seconds the check adds to each part, 0 to 3600",
            );
        }
        if let OnDefect::Rework(to) = &added.on_defect
            && self.station_index(to).is_none()
        {
            push(
                field("added_inspection"),
                format!("rework goes to `{to}`, which is not a station of this line"),
                "name one of the stations, or use `Scrap`",
            );
        }
        for (i, s) in self.stations.iter().enumerate() {
            let dup = self.stations[..i].iter().any(|o| o.id == s.id);
            let well_formed = !s.id.is_empty()
                && s.id
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
            if dup || !well_formed {
                push(
                    station_field(i, "id"),
                    if dup {
                        format!("two stations have the id `{}`", s.id)
                    } else {
                        format!("station id `{}` is not a short lowercase id", s.id)
                    },
                    "give each station its own id of lowercase letters, digits and dashes, e.g. `\"weld-2\"`",
                );
            }
            if let Some(why) = s.cycle.problem() {
                push(
                    station_field(i, "cycle"),
                    why,
                    "give seconds per part, e.g. `Fixed(45)` or `Triangular(40, 45, 60)`",
                );
            }
            if s.buffer.is_some_and(|b| b > 10_000) {
                push(
                    station_field(i, "buffer"),
                    "a buffer of more than 10000 parts".into(),
                    "leave `buffer` out for no limit",
                );
            }
            if s.crew_at_start() > s.max_crew() {
                push(
                    station_field(i, "crew"),
                    format!(
                        "{} operators start at `{}`, but at most {} can work there",
                        s.crew_at_start(),
                        s.id,
                        s.max_crew()
                    ),
                    "raise `max_crew` or start fewer operators here",
                );
            }
            if !(s.changeover_minutes >= 0.0 && s.changeover_minutes <= 480.0) {
                push(
                    station_field(i, "changeover_minutes"),
                    format!(
                        "`changeover_minutes` of {} is outside 0–480",
                        s.changeover_minutes
                    ),
                    "give the minutes a product change takes here",
                );
            }
            for (name, rate) in [
                ("defect_rate", Some(s.defect_rate)),
                ("defect_rate_after_fix", s.defect_rate_after_fix),
            ] {
                if let Some(rate) = rate
                    && !(0.0..=1.0).contains(&rate)
                {
                    push(
                        station_field(i, name),
                        format!("`{name}` of {rate} is outside 0–1"),
                        "give a share of parts: 0.02 is 2 in every 100",
                    );
                }
            }
            if let Some(b) = s.breakdowns {
                let ok = b.mtbf_minutes > 0.0
                    && b.mttr_minutes > 0.0
                    && (0.0..=100_000.0).contains(&b.age_minutes)
                    && (0.5..=6.0).contains(&b.wear)
                    && b.mtbf_minutes.is_finite()
                    && b.mttr_minutes.is_finite();
                if !ok {
                    push(
                        station_field(i, "breakdowns"),
                        format!(
                            "breakdowns every {} minutes, repaired in {}, wear {}, cannot be simulated",
                            b.mtbf_minutes, b.mttr_minutes, b.wear
                        ),
                        "give `(mtbf_minutes: 240, mttr_minutes: 20)` with both above 0, and `wear` from 0.5 to 6",
                    );
                }
            }
            if let Some(insp) = &s.inspection {
                if !(insp.seconds >= 0.0 && insp.seconds <= 3600.0) {
                    push(
                        station_field(i, "inspection"),
                        format!("an inspection of {} seconds", insp.seconds),
                        "give the seconds the check adds to each part, 0 to 3600",
                    );
                }
                if let OnDefect::Rework(to) = &insp.on_defect {
                    match self.station_index(to) {
                        Some(j) if j <= i => {}
                        _ => push(
                            station_field(i, "inspection"),
                            format!(
                                "rework goes to `{to}`, which is not this station or one before it"
                            ),
                            "name this station or an earlier one, or use `Scrap`",
                        ),
                    }
                }
            }
            if !(s.maintenance_minutes > 0.0 && s.maintenance_minutes <= 480.0) {
                push(
                    station_field(i, "maintenance_minutes"),
                    format!(
                        "`maintenance_minutes` of {} is outside 0–480",
                        s.maintenance_minutes
                    ),
                    "give the minutes a preventive-maintenance job takes",
                );
            }
        }
        out
    }
}
