//! The line as a scenario sees it: the decisions a choice can take, the questions a
//! condition can ask, and the events a run reports.
//!
//! Percentages in questions are 0–100 (`Oee(AtLeast(65))`), lead times are in
//! minutes, costs in the scenario's currency: the units a supervisor reads them in.

use firstshift_core::sim::{SetupProblem, SimModel, SimTemplate, UseProblem, UseProblemKind};
use firstshift_core::{Compare, Seconds, SimKind, SimState};
use serde::{Deserialize, Serialize};

use crate::model::{Happening, Line, StationState};
use crate::setup::LineSetup;

/// The production line as a [`SimKind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LineKind;

impl SimKind for LineKind {
    type Setup = LineSetup;
    type Action = LineAction;
    type Query = LineQuery;
    type Event = LineEvent;
    type State = Line;

    fn start(setup: &LineSetup, seed: u64) -> Line {
        Line::new(setup, seed)
    }
}

/// What a choice can do (`do: [Sim(MoveOperator("pack", "weld"))]`). Stations are
/// named by id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LineAction {
    /// One operator walks from the first station to the second.
    MoveOperator(String, String),
    /// More places in the buffer in front of a station, at `costs.buffer_slot` each.
    AddBuffer(String, u32),
    /// A technician services the station after its current part (as good as new).
    PreventiveMaintenance(String),
    /// Parts of one product released before changing to the next.
    BatchSize(u32),
    /// The station checks every part and scraps the defective ones.
    AddInspection(String),
    RemoveInspection(String),
    /// Quick changeover (SMED): the changeover is this many percent shorter.
    ReduceChangeover(String, f64),
    /// The station runs this many percent faster, and spoils more: its defect rate
    /// grows by a twentieth for every percent, plus 0.1 points per percent.
    SpeedUp(String, f64),
    /// The whole line stops for this many minutes to find and fix the root cause of
    /// defects at the station (its `defect_rate_after_fix` from then on).
    StopLine(String, f64),
}

/// What a condition can ask (`when: Sim(Oee(AtLeast(65)))`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum LineQuery {
    /// The line's OEE so far, percent.
    Oee(Compare),
    StationOee(String, Compare),
    /// Good parts per planned hour so far.
    Throughput(Compare),
    /// Good parts shipped so far.
    Good(Compare),
    /// Parts in the line now.
    Wip(Compare),
    /// Average minutes from release to shipping.
    LeadTime(Compare),
    /// Percent of finished parts good the first time.
    FirstPassYield(Compare),
    Scrapped(Compare),
    /// Defective parts that reached the customer.
    Escaped(Compare),
    /// Everything spent so far, overtime included once the shift is over.
    Cost(Compare),
    OvertimeHours(Compare),
    /// The station is the bottleneck now.
    Bottleneck(String),
    /// Good parts keep up with the takt so far.
    OnPace,
    /// The order is complete.
    DemandMet,
    /// Percent of the station's time spent working.
    Utilisation(String, Compare),
    /// Percent of the station's time starved, blocked or down.
    Starved(String, Compare),
    Blocked(String, Compare),
    Down(String, Compare),
    Breakdowns(String, Compare),
    /// The station is broken down now.
    BrokenDown(String),
}

/// A written example of every action and question that takes a value, so that an
/// author who wrote the bare word is shown what goes inside.
pub const EXAMPLES: &[(&str, &str)] = &[
    ("MoveOperator", "MoveOperator(\"pack\", \"weld\")"),
    ("AddBuffer", "AddBuffer(\"weld\", 4)"),
    ("PreventiveMaintenance", "PreventiveMaintenance(\"press\")"),
    ("BatchSize", "BatchSize(20)"),
    ("AddInspection", "AddInspection(\"weld\")"),
    ("RemoveInspection", "RemoveInspection(\"weld\")"),
    ("ReduceChangeover", "ReduceChangeover(\"press\", 50)"),
    ("SpeedUp", "SpeedUp(\"weld\", 10)"),
    ("StopLine", "StopLine(\"weld\", 30)"),
    ("Oee", "Oee(AtLeast(65))"),
    ("StationOee", "StationOee(\"weld\", AtLeast(60))"),
    ("Throughput", "Throughput(AtLeast(50))"),
    ("Good", "Good(AtLeast(400))"),
    ("Wip", "Wip(AtMost(20))"),
    ("LeadTime", "LeadTime(AtMost(30))"),
    ("FirstPassYield", "FirstPassYield(AtLeast(95))"),
    ("Scrapped", "Scrapped(AtMost(10))"),
    ("Escaped", "Escaped(Equals(0))"),
    ("Cost", "Cost(AtMost(2000))"),
    ("OvertimeHours", "OvertimeHours(AtMost(0.5))"),
    ("Bottleneck", "Bottleneck(\"weld\")"),
    ("Utilisation", "Utilisation(\"weld\", AtLeast(80))"),
    ("Starved", "Starved(\"pack\", AtMost(10))"),
    ("Blocked", "Blocked(\"cut\", AtMost(10))"),
    ("Down", "Down(\"press\", AtMost(10))"),
    ("Breakdowns", "Breakdowns(\"press\", AtMost(1))"),
    ("BrokenDown", "BrokenDown(\"press\")"),
];

impl LineAction {
    /// The station ids it names, for the validator.
    pub fn stations(&self) -> Vec<&str> {
        match self {
            LineAction::MoveOperator(a, b) => vec![a, b],
            LineAction::AddBuffer(s, _)
            | LineAction::PreventiveMaintenance(s)
            | LineAction::AddInspection(s)
            | LineAction::RemoveInspection(s)
            | LineAction::ReduceChangeover(s, _)
            | LineAction::SpeedUp(s, _)
            | LineAction::StopLine(s, _) => vec![s],
            LineAction::BatchSize(_) => vec![],
        }
    }
}

impl LineQuery {
    /// The station ids it names, for the validator.
    pub fn stations(&self) -> Vec<&str> {
        match self {
            LineQuery::StationOee(s, _)
            | LineQuery::Bottleneck(s)
            | LineQuery::Utilisation(s, _)
            | LineQuery::Starved(s, _)
            | LineQuery::Blocked(s, _)
            | LineQuery::Down(s, _)
            | LineQuery::Breakdowns(s, _)
            | LineQuery::BrokenDown(s) => vec![s],
            _ => vec![],
        }
    }
}

impl SimModel for LineKind {
    const EXAMPLES: &'static [(&'static str, &'static str)] = EXAMPLES;
    const TEMPLATE: SimTemplate = SimTemplate {
        name: "line",
        summary: "A production line to run and improve.",
        scenario: include_str!("../templates/line.ron"),
        plays: include_str!("../templates/line.plays.ron"),
    };

    fn setup_problems(setup: &LineSetup) -> Vec<SetupProblem> {
        setup.problems()
    }

    fn action_problems(setup: &LineSetup, action: &LineAction) -> Vec<UseProblem> {
        unknown_stations(setup, &action.stations())
    }

    fn query_problems(setup: &LineSetup, query: &LineQuery) -> Vec<UseProblem> {
        unknown_stations(setup, &query.stations())
    }

    /// The line's name and each station's, by place: `stations.1.name`. Station
    /// ids are what decisions name, so they are never translated.
    fn visit_setup_texts(setup: &mut LineSetup, visit: &mut dyn FnMut(&str, &mut String)) {
        visit("name", &mut setup.name);
        for (i, station) in setup.stations.iter_mut().enumerate() {
            visit(&format!("stations.{i}.name"), &mut station.name);
        }
    }

    fn event_text(event: &LineEvent) -> &str {
        event.text()
    }

    fn status_lines(line: &Line) -> Vec<String> {
        crate::board::lines(&line.report())
    }
}

/// A station named in a decision or a question that the line does not have.
fn unknown_stations(setup: &LineSetup, ids: &[&str]) -> Vec<UseProblem> {
    let known: Vec<String> = setup.stations.iter().map(|s| s.id.clone()).collect();
    ids.iter()
        .filter(|id| setup.station_index(id).is_none())
        .map(|id| UseProblem {
            kind: UseProblemKind::UnknownName {
                name: id.to_string(),
                known: known.clone(),
            },
            message: format!("the line has no station `{id}`"),
            label: "named here".into(),
            help: format!("the stations are: {}", known.join(", ")),
        })
        .collect()
}

/// What the run reports. Each carries the sentence the player shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum LineEvent {
    Breakdown {
        station: String,
        text: String,
    },
    Repaired {
        station: String,
        text: String,
    },
    MaintenanceDone {
        station: String,
        text: String,
    },
    BreakStarted {
        text: String,
    },
    Restarted {
        text: String,
    },
    ShiftEnded {
        text: String,
    },
    /// The first defective part has reached the customer.
    Escape {
        text: String,
    },
    /// What a decision did.
    Decision {
        text: String,
    },
    /// A decision that could not be carried out, and why.
    Refused {
        text: String,
    },
}

impl LineEvent {
    pub fn text(&self) -> &str {
        match self {
            LineEvent::Breakdown { text, .. }
            | LineEvent::Repaired { text, .. }
            | LineEvent::MaintenanceDone { text, .. }
            | LineEvent::BreakStarted { text }
            | LineEvent::Restarted { text }
            | LineEvent::ShiftEnded { text }
            | LineEvent::Escape { text }
            | LineEvent::Decision { text }
            | LineEvent::Refused { text } => text,
        }
    }
}

impl Line {
    fn index(&self, id: &str) -> Option<usize> {
        self.stations.iter().position(|s| s.id == id)
    }

    fn station_name(&self, i: usize) -> String {
        self.stations[i].name.clone()
    }

    fn events(&mut self) -> Vec<LineEvent> {
        let happenings = self.take_happenings();
        happenings
            .into_iter()
            .map(|(at, h)| self.describe(at, h))
            .collect()
    }

    fn describe(&self, at: f64, h: Happening) -> LineEvent {
        match h {
            Happening::BrokeDown(i) => LineEvent::Breakdown {
                station: self.stations[i].id.clone(),
                text: self.fill(
                    "{} has broken down at {}. A technician is called.",
                    &[
                        &self.station_name(i),
                        &firstshift_core::clock_text(at as Seconds),
                    ],
                ),
            },
            Happening::Repaired {
                station,
                down_seconds,
            } => LineEvent::Repaired {
                station: self.stations[station].id.clone(),
                text: self.fill(
                    "{} is running again after {} minutes down.",
                    &[&self.station_name(station), &(down_seconds / 60.0).round()],
                ),
            },
            Happening::MaintenanceDone(i) => LineEvent::MaintenanceDone {
                station: self.stations[i].id.clone(),
                text: self.fill(
                    "Preventive maintenance on {} is done.",
                    &[&self.station_name(i)],
                ),
            },
            Happening::BreakStarted { minutes } => LineEvent::BreakStarted {
                text: self.fill("The line stops for a {}-minute break.", &[&minutes]),
            },
            Happening::Restarted => LineEvent::Restarted {
                text: self.say("The line is running again.").into(),
            },
            Happening::ShiftEnded => {
                let r = self.report();
                LineEvent::ShiftEnded {
                    text: self.fill(
                        "End of shift: {} good parts of {} ordered.",
                        &[&r.good, &r.demand],
                    ),
                }
            }
            Happening::FirstEscape => LineEvent::Escape {
                text: self
                    .say("A customer reports a defective part: a defect got past every check.")
                    .into(),
            },
        }
    }

    fn decide(&mut self, action: &LineAction) -> Result<String, String> {
        let station = |line: &Line, id: &str| {
            line.index(id)
                .ok_or_else(|| line.fill("This line has no station `{}`.", &[&id]))
        };
        let money = |x: f64| format!("{x:.0}");
        match action {
            LineAction::MoveOperator(from, to) => {
                let (f, t) = (station(self, from)?, station(self, to)?);
                self.move_operator(f, t)?;
                Ok(self.fill(
                    "An operator moves from {} to {}.",
                    &[&self.station_name(f), &self.station_name(t)],
                ))
            }
            LineAction::AddBuffer(id, places) => {
                let i = station(self, id)?;
                let cost = self.add_buffer(i, *places)?;
                Ok(self.fill(
                    "The buffer before {} now holds {} parts (cost {}).",
                    &[
                        &self.station_name(i),
                        &self.buffers[i].capacity.unwrap_or(0),
                        &money(cost),
                    ],
                ))
            }
            LineAction::PreventiveMaintenance(id) => {
                let i = station(self, id)?;
                let cost = self.preventive_maintenance(i)?;
                Ok(self.fill(
                    "Preventive maintenance booked on {} (cost {}).",
                    &[&self.station_name(i), &money(cost)],
                ))
            }
            LineAction::BatchSize(n) => {
                self.set_batch_size(*n);
                Ok(self.fill(
                    "Products are now released in batches of {}.",
                    &[&self.batch_size],
                ))
            }
            LineAction::AddInspection(id) => {
                let i = station(self, id)?;
                let rework = self.set_inspection(i, true);
                Ok(self.fill(
                    "{} now checks every part ({} seconds each) and {} the defects it finds.",
                    &[
                        &self.station_name(i),
                        &self.setup.added_inspection.seconds,
                        &if rework {
                            self.say("sends back for rework")
                        } else {
                            self.say("scraps")
                        },
                    ],
                ))
            }
            LineAction::RemoveInspection(id) => {
                let i = station(self, id)?;
                let _ = self.set_inspection(i, false);
                Ok(self.fill("{} no longer inspects.", &[&self.station_name(i)]))
            }
            LineAction::ReduceChangeover(id, percent) => {
                let i = station(self, id)?;
                let p = percent.clamp(0.0, 100.0);
                self.stations[i].changeover *= 1.0 - p / 100.0;
                Ok(self.fill(
                    "Changeovers at {} now take {} minutes.",
                    &[
                        &self.station_name(i),
                        &format!("{:.0}", self.stations[i].changeover / 60.0),
                    ],
                ))
            }
            LineAction::SpeedUp(id, percent) => {
                let i = station(self, id)?;
                let p = percent.clamp(0.0, 50.0);
                let s = &mut self.stations[i];
                s.pace *= 1.0 - p / 100.0;
                s.defect_rate = (s.defect_rate * (1.0 + p / 20.0) + p / 1000.0).min(1.0);
                let s = &self.stations[i];
                Ok(self.fill(
                    "{} runs {} % faster; its defect rate is now {} %.",
                    &[
                        &s.name,
                        &format!("{p:.0}"),
                        &format!("{:.1}", s.defect_rate * 100.0),
                    ],
                ))
            }
            LineAction::StopLine(id, minutes) => {
                let i = station(self, id)?;
                let minutes = minutes.clamp(1.0, 480.0);
                let fixed = self.stop_line(i, minutes);
                let minutes = format!("{minutes:.0}");
                Ok(if fixed {
                    self.fill(
                        "The line stops for {} minutes. The team finds the root cause at {} and fixes it.",
                        &[&minutes, &self.station_name(i)],
                    )
                } else {
                    self.fill(
                        "The line stops for {} minutes. The team finds nothing to fix at {}.",
                        &[&minutes, &self.station_name(i)],
                    )
                })
            }
        }
    }
}

impl SimState<LineKind> for Line {
    fn advance(&mut self, to: Seconds) -> Vec<LineEvent> {
        self.run_until(to as f64);
        self.events()
    }

    fn act(&mut self, action: &LineAction) -> Vec<LineEvent> {
        let outcome = self.decide(action);
        let mut events = self.events();
        events.push(match outcome {
            Ok(text) => LineEvent::Decision { text },
            Err(text) => LineEvent::Refused { text },
        });
        events
    }

    fn set_language(&mut self, language: firstshift_core::Language) {
        self.language = language;
    }

    fn holds(&self, query: &LineQuery) -> bool {
        let r = self.report();
        let station = |id: &str| r.stations.iter().find(|s| s.id == id);
        let pct = |x: f64| x * 100.0;
        let share = |id: &str, state: StationState, c: &Compare| {
            station(id).is_some_and(|s| c.test(pct(s.share(state))))
        };
        match query {
            LineQuery::Oee(c) => c.test(pct(r.oee)),
            LineQuery::StationOee(id, c) => station(id).is_some_and(|s| c.test(pct(s.oee))),
            LineQuery::Throughput(c) => c.test(r.throughput_per_hour),
            LineQuery::Good(c) => c.test(r.good as f64),
            LineQuery::Wip(c) => c.test(r.wip as f64),
            LineQuery::LeadTime(c) => c.test(r.lead_time / 60.0),
            LineQuery::FirstPassYield(c) => c.test(pct(r.first_pass_yield)),
            LineQuery::Scrapped(c) => c.test(r.scrapped as f64),
            LineQuery::Escaped(c) => c.test(r.escaped as f64),
            LineQuery::Cost(c) => c.test(r.cost.total),
            LineQuery::OvertimeHours(c) => c.test(r.overtime_hours),
            LineQuery::Bottleneck(id) => r.bottleneck.is_some_and(|b| r.stations[b].id == *id),
            LineQuery::OnPace => r.on_pace,
            LineQuery::DemandMet => r.good >= u64::from(r.demand),
            LineQuery::Utilisation(id, c) => share(id, StationState::Working, c),
            LineQuery::Starved(id, c) => share(id, StationState::Starved, c),
            LineQuery::Blocked(id, c) => share(id, StationState::Blocked, c),
            LineQuery::Down(id, c) => share(id, StationState::Down, c),
            LineQuery::Breakdowns(id, c) => {
                station(id).is_some_and(|s| c.test(f64::from(s.breakdowns)))
            }
            LineQuery::BrokenDown(id) => station(id)
                .is_some_and(|s| s.down_reason == Some(crate::model::DownReason::Breakdown)),
        }
    }
}
