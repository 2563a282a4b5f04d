//! The KPIs a supervisor reads, computed from the engine's statistics at any
//! moment: for the scenario's conditions, the canvas scene and its text equivalent.
//!
//! Definitions (see `docs/sources.md`):
//! * a station's **shares** are of its non-break time: working, changing over,
//!   starved, blocked, down;
//! * **OEE** = availability × performance × quality, where availability is run time
//!   over planned time (planned less down and changeover time), performance is
//!   ideal cycle × parts over run time, and quality is the share of its parts the
//!   station did not spoil. For the line, OEE is good parts × the rated cycle
//!   (the slowest station as designed, fully crewed) over planned time;
//! * **takt** is planned shift time over demand; the line's **cycle** is planned time
//!   so far over good parts so far;
//! * **first-pass yield** is the share of finished parts that were good without
//!   rework; **lead time** is release to shipping, averaged over shipped parts;
//! * the **bottleneck** is the station active (working, changing over or down) for
//!   the largest share of its time, the "active period" method.

use serde::Serialize;

use crate::model::{DownReason, Line, StationState};

/// The line now.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub name: String,
    /// The language the board ([`crate::board`]) says it in.
    #[serde(skip)]
    pub language: firstshift_core::Language,
    /// Seconds since the start of the shift.
    pub at: f64,
    pub shift_seconds: f64,
    pub on_break: bool,
    pub stopped: bool,
    /// The shift is over.
    pub closed: bool,
    pub demand: u32,
    /// Parts released into the line so far.
    pub released: u64,
    pub good: u64,
    pub scrapped: u64,
    pub escaped: u64,
    pub reworked: u64,
    /// Parts in the line now.
    pub wip: u64,
    pub wip_average: f64,
    /// Seconds, release to shipping, on average.
    pub lead_time: f64,
    /// Good parts per planned hour so far.
    pub throughput_per_hour: f64,
    pub takt_seconds: f64,
    /// Planned seconds per good part so far (`None` before the first).
    pub line_cycle_seconds: Option<f64>,
    /// On pace for the order: good parts at least the demand's share of planned time.
    pub on_pace: bool,
    /// 0–1.
    pub oee: f64,
    pub availability: f64,
    pub performance: f64,
    pub quality: f64,
    pub first_pass_yield: f64,
    pub bottleneck: Option<usize>,
    pub overtime_hours: f64,
    pub cost: Cost,
    pub batch_size: u32,
    pub stations: Vec<StationReport>,
    /// Good parts at each quarter hour.
    pub trend: Vec<u64>,
}

/// What has been spent, in the scenario's currency.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Cost {
    pub buffers: f64,
    pub maintenance: f64,
    pub scrap: f64,
    pub escapes: f64,
    pub overtime: f64,
    pub total: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StationReport {
    pub id: String,
    pub name: String,
    pub state: StationState,
    pub down_reason: Option<DownReason>,
    /// Working, changing over, starved, blocked, down: shares of non-break time.
    pub shares: [f64; 5],
    pub availability: f64,
    pub performance: f64,
    pub quality: f64,
    pub oee: f64,
    /// Mean seconds per part as set up now.
    pub cycle_seconds: f64,
    pub processed: u64,
    pub defects_made: u64,
    pub breakdowns: u32,
    pub maintenance_done: u32,
    pub crew: u32,
    pub crew_needed: u32,
    pub inspects: bool,
    /// Parts in the buffer in front of it, and its limit.
    pub buffer: usize,
    pub buffer_capacity: Option<u32>,
    /// How far through its part or changeover, 0–1.
    pub progress: Option<f64>,
    pub holds_part: bool,
}

impl StationReport {
    pub fn share(&self, state: StationState) -> f64 {
        self.shares.get(state.index()).copied().unwrap_or(0.0)
    }
}

impl Line {
    pub fn report(&self) -> Report {
        let planned = self.planned_elapsed();
        let stations: Vec<StationReport> = (0..self.stations.len())
            .map(|i| self.station_report(i))
            .collect();
        let finished = self.good + self.escaped + self.scrapped;
        let shipped = self.good + self.escaped;
        let bottleneck = stations
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let active = s.share(StationState::Working)
                    + s.share(StationState::Setup)
                    + s.share(StationState::Down);
                (i, active)
            })
            .filter(|(_, a)| *a > 0.0)
            .fold(None, |best: Option<(usize, f64)>, (i, a)| match best {
                Some((_, b)) if b >= a => best,
                _ => Some((i, a)),
            })
            .map(|(i, _)| i);
        let oee = ratio(self.good as f64 * self.rated_cycle, planned).min(1.0);
        let quality = if finished == 0 {
            1.0
        } else {
            self.good as f64 / finished as f64
        };
        let availability = bottleneck.map_or(1.0, |b| stations[b].availability);
        let performance = if availability * quality > 0.0 {
            (oee / (availability * quality)).min(1.0)
        } else {
            0.0
        };
        let takt = self.shift_planned / f64::from(self.setup.demand.max(1));
        let line_cycle = (self.good > 0).then(|| planned / self.good as f64);
        let on_pace = self.good as f64
            >= (f64::from(self.setup.demand) * planned / self.shift_planned).floor();
        let overtime_hours = self.overtime_hours(line_cycle);
        let c = self.setup.costs;
        let scrap = self.scrapped as f64 * c.scrap;
        let escapes = self.escaped as f64 * c.escape;
        let overtime = overtime_hours * c.overtime_hour;
        Report {
            name: self.setup.name.clone(),
            language: self.language,
            at: self.now,
            shift_seconds: self.shift_end,
            on_break: !self.is_closed()
                && self.is_paused()
                && stations.iter().any(|s| s.state == StationState::Break),
            stopped: self.is_paused() && stations.iter().all(|s| s.state == StationState::Down),
            closed: self.is_closed(),
            demand: self.setup.demand,
            released: self.released,
            good: self.good,
            scrapped: self.scrapped,
            escaped: self.escaped,
            reworked: self.reworked,
            wip: self.wip,
            wip_average: self.wip_average(),
            lead_time: if shipped == 0 {
                0.0
            } else {
                self.lead_time_sum / shipped as f64
            },
            throughput_per_hour: ratio(self.good as f64 * 3600.0, planned),
            takt_seconds: takt,
            line_cycle_seconds: line_cycle,
            on_pace,
            oee,
            availability,
            performance,
            quality,
            first_pass_yield: if finished == 0 {
                1.0
            } else {
                self.first_pass_good as f64 / finished as f64
            },
            bottleneck,
            overtime_hours,
            cost: Cost {
                buffers: self.spent_buffers,
                maintenance: self.spent_maintenance,
                scrap,
                escapes,
                overtime,
                total: self.spent_buffers + self.spent_maintenance + scrap + escapes + overtime,
            },
            batch_size: self.batch_size,
            stations,
            trend: self.trend.clone(),
        }
    }

    /// Once the shift is over: the hours the order still needs, at the rate the
    /// line ran.
    fn overtime_hours(&self, line_cycle: Option<f64>) -> f64 {
        if !self.is_closed() {
            return 0.0;
        }
        let short = u64::from(self.setup.demand).saturating_sub(self.good) as f64;
        let per_part = line_cycle.unwrap_or(self.shift_planned);
        short * per_part / 3600.0
    }

    fn station_report(&self, i: usize) -> StationReport {
        let s = &self.stations[i];
        let time = self.station_time(i);
        let planned: f64 = time[..5].iter().sum();
        let mut shares = [0.0; 5];
        for (k, share) in shares.iter_mut().enumerate() {
            *share = ratio(time[k], planned);
        }
        let lost = time[StationState::Down.index()] + time[StationState::Setup.index()];
        let run = planned - lost;
        let cycle = self.mean_cycle(i);
        let availability = if planned > 0.0 {
            ratio(run, planned)
        } else {
            1.0
        };
        let performance = if run > 0.0 {
            (cycle * s.processed as f64 / run).min(1.0)
        } else {
            0.0
        };
        let quality = if s.processed == 0 {
            1.0
        } else {
            1.0 - s.defects_made as f64 / s.processed as f64
        };
        StationReport {
            id: s.id.clone(),
            name: s.name.clone(),
            state: self.station_state(i),
            down_reason: self.down_reason(i),
            shares,
            availability,
            performance,
            quality,
            oee: availability * performance * quality,
            cycle_seconds: cycle,
            processed: s.processed,
            defects_made: s.defects_made,
            breakdowns: s.breakdowns_count,
            maintenance_done: s.maintenance_done,
            crew: s.crew,
            crew_needed: s.crew_needed,
            inspects: s.inspection.is_some(),
            buffer: self.buffers[i].parts.len(),
            buffer_capacity: self.buffers[i].capacity,
            progress: self.progress(i),
            holds_part: self.holds_part(i),
        }
    }
}

fn ratio(a: f64, b: f64) -> f64 {
    if b > 0.0 {
        (a / b).clamp(0.0, f64::MAX)
    } else {
        0.0
    }
}
