//! The discrete-event engine: stations, buffers, technicians, the shift's breaks,
//! and the statistics the KPIs are computed from.
//!
//! Time jumps from event to event. Every event sits in one priority queue ordered by
//! (time, order of scheduling), so two events at the same instant are handled in the
//! order they were scheduled, on every platform. A station's pending event carries
//! the station's `epoch`; pausing or failing bumps the epoch, which cancels it
//! without searching the queue.
//!
//! A part moves like this: the source puts it in the buffer in front of the first
//! station; a station that is free (and staffed, and not paused) takes the oldest
//! part from its buffer, changes over if the product differs, works on it, maybe
//! spoils it, maybe inspects it, and passes it to the next buffer. If that buffer
//! is full the station holds the part and is *blocked*; if its own buffer is empty
//! it is *starved*. Taking a part frees a place, which unblocks the station before.

use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};

use serde::Serialize;

use crate::random::{Distribution, Stream};
use crate::setup::{Breakdowns, Inspection, LineSetup, OnDefect, Release};

/// Where a station's time goes. The first five are the shares a supervisor reads;
/// `Break` is planned time off, left out of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StationState {
    Working,
    /// Changing over to another product.
    Setup,
    /// Nothing to work on.
    Starved,
    /// Finished, but nowhere to put the part.
    Blocked,
    /// Broken down, in maintenance, short of operators, or the line stopped.
    Down,
    /// A planned break: the whole line rests.
    Break,
}

impl StationState {
    pub const ALL: [StationState; 6] = [
        StationState::Working,
        StationState::Setup,
        StationState::Starved,
        StationState::Blocked,
        StationState::Down,
        StationState::Break,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn word(self) -> &'static str {
        match self {
            StationState::Working => "working",
            StationState::Setup => "changing over",
            StationState::Starved => "starved",
            StationState::Blocked => "blocked",
            StationState::Down => "down",
            StationState::Break => "on break",
        }
    }
}

/// Why a station that is down is down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DownReason {
    Breakdown,
    Maintenance,
    NoOperator,
    LineStopped,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Part {
    product: u16,
    released: f64,
    defective: bool,
    reworked: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Phase {
    /// Free: waits for a part (or for the line to restart).
    Idle,
    /// Free, but short of operators.
    NoCrew,
    Setup {
        left: f64,
    },
    Working {
        left: f64,
    },
    Blocked,
    /// Broke down mid-part with `left` seconds of work still to do.
    Failed {
        left: f64,
    },
    /// Waiting for or under preventive maintenance.
    Maintenance,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Station {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) cycle: Distribution,
    /// Multiplies the cycle time (1 until sped up).
    pub(crate) pace: f64,
    pub(crate) crew: u32,
    pub(crate) crew_needed: u32,
    pub(crate) max_crew: u32,
    pub(crate) changeover: f64,
    pub(crate) breakdowns: Option<Breakdowns>,
    pub(crate) defect_rate: f64,
    pub(crate) defect_rate_after_fix: Option<f64>,
    pub(crate) inspection: Option<Inspection>,
    pub(crate) maintenance: f64,
    /// Index of the rework station, when the inspection sends parts back.
    rework_to: Option<usize>,

    phase: Phase,
    part: Option<Part>,
    last_product: Option<u16>,
    /// Working seconds until the next failure.
    ttf: f64,
    /// When the running setup or work segment started.
    since_resume: f64,
    epoch: u32,
    maintenance_pending: bool,

    cycle_stream: Stream,
    failure_stream: Stream,
    defect_stream: Stream,

    // Statistics.
    pub(crate) time: [f64; 6],
    since: f64,
    pub(crate) processed: u64,
    pub(crate) defects_made: u64,
    pub(crate) breakdowns_count: u32,
    pub(crate) maintenance_done: u32,
}

/// A place in front of a station.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Buffer {
    pub(crate) parts: VecDeque<Part>,
    pub(crate) capacity: Option<u32>,
}

impl Buffer {
    fn has_room(&self) -> bool {
        self.capacity.is_none_or(|c| self.parts.len() < c as usize)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Arrival,
    /// A setup or a part is finished.
    Done {
        station: u16,
        epoch: u32,
    },
    Fail {
        station: u16,
        epoch: u32,
    },
    TechDone {
        station: u16,
    },
    BreakStart {
        index: u16,
    },
    PauseEnd,
    ShiftEnd,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct Scheduled {
    at: f64,
    seq: u64,
    kind: Kind,
}

impl Eq for Scheduled {}
impl Ord for Scheduled {
    /// Reversed, so the max-heap pops the earliest, then the first scheduled.
    fn cmp(&self, other: &Self) -> Ordering {
        other.at.total_cmp(&self.at).then(other.seq.cmp(&self.seq))
    }
}
impl PartialOrd for Scheduled {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// The pending events. Compared by content, for tests that check two runs agree.
#[derive(Debug, Clone, Default)]
struct EventQueue(BinaryHeap<Scheduled>);

impl PartialEq for EventQueue {
    fn eq(&self, other: &Self) -> bool {
        self.0.clone().into_sorted_vec() == other.0.clone().into_sorted_vec()
    }
}

/// Why the line is paused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pause {
    Break,
    Stop,
    /// The shift is over: the line stands until the scenario ends. What the order
    /// still needs is costed as overtime.
    Closed,
}

/// Something the engine reports as it runs; the SimKind turns these into the
/// sentences the student reads.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Happening {
    BrokeDown(usize),
    Repaired {
        station: usize,
        down_seconds: f64,
    },
    MaintenanceDone(usize),
    BreakStarted {
        minutes: f64,
    },
    Restarted,
    ShiftEnded,
    /// The first defective part to reach the customer.
    FirstEscape,
}

/// The running line.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub(crate) setup: LineSetup,
    pub(crate) now: f64,
    queue: EventQueue,
    seq: u64,
    pub(crate) stations: Vec<Station>,
    pub(crate) buffers: Vec<Buffer>,
    source_stream: Stream,
    product: u16,
    left_in_batch: u32,
    pub(crate) batch_size: u32,
    technicians_free: u32,
    tech_queue: VecDeque<usize>,
    /// When each repair started (to report downtime).
    failed_at: Vec<f64>,
    pauses: Vec<(Pause, f64)>,
    pub(crate) shift_end: f64,
    /// Planned production seconds in the whole shift (its length less its breaks).
    pub(crate) shift_planned: f64,
    /// Seconds per part at the line's rated speed: its slowest station as designed,
    /// fully crewed. Line OEE measures good output against it.
    pub(crate) rated_cycle: f64,
    /// What happened, with when, since the scenario last asked.
    happenings: Vec<(f64, Happening)>,

    // Line statistics.
    pub(crate) released: u64,
    pub(crate) good: u64,
    pub(crate) first_pass_good: u64,
    pub(crate) escaped: u64,
    pub(crate) scrapped: u64,
    pub(crate) reworked: u64,
    pub(crate) lead_time_sum: f64,
    pub(crate) wip: u64,
    wip_area: f64,
    wip_since: f64,
    pub(crate) spent_buffers: f64,
    pub(crate) spent_maintenance: f64,
    /// Good parts at each quarter hour, for the view's trend.
    pub(crate) trend: Vec<u64>,
    /// Events handled so far (for the benchmark's events per second).
    pub events_handled: u64,
}

/// The trend records good parts this often.
pub const TREND_EVERY: f64 = 900.0;

/// The most points the trend keeps: enough for the longest run any scenario allows
/// ([`firstshift_core::MAX_HORIZON`]); past that it stops growing rather than fill
/// memory.
pub const MAX_TREND_POINTS: usize =
    (firstshift_core::MAX_HORIZON as f64 / TREND_EVERY) as usize + 2;

const CYCLE: u64 = 1;
const FAILURE: u64 = 2;
const DEFECT: u64 = 3;
const SOURCE: u64 = u64::MAX;

impl Line {
    pub fn new(setup: &LineSetup, seed: u64) -> Line {
        let stations: Vec<Station> = setup
            .stations
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let owner = i as u64;
                let mut failure_stream = Stream::new(seed, owner, FAILURE);
                let age = s.breakdowns.map_or(0.0, |b| b.age_minutes * 60.0);
                let ttf = failure_after(s.breakdowns, age, &mut failure_stream);
                Station {
                    id: s.id.clone(),
                    name: s.name.clone(),
                    cycle: s.cycle,
                    pace: 1.0,
                    crew: s.crew_at_start(),
                    crew_needed: s.crew_needed,
                    max_crew: s.max_crew(),
                    changeover: s.changeover_minutes * 60.0,
                    breakdowns: s.breakdowns,
                    defect_rate: s.defect_rate,
                    defect_rate_after_fix: s.defect_rate_after_fix,
                    inspection: s.inspection.clone(),
                    maintenance: s.maintenance_minutes * 60.0,
                    rework_to: None,
                    phase: Phase::Idle,
                    part: None,
                    last_product: None,
                    ttf,
                    since_resume: 0.0,
                    epoch: 0,
                    maintenance_pending: false,
                    cycle_stream: Stream::new(seed, owner, CYCLE),
                    failure_stream,
                    defect_stream: Stream::new(seed, owner, DEFECT),
                    time: [0.0; 6],
                    since: 0.0,
                    processed: 0,
                    defects_made: 0,
                    breakdowns_count: 0,
                    maintenance_done: 0,
                }
            })
            .collect();
        let buffers = setup
            .stations
            .iter()
            .map(|s| Buffer {
                parts: VecDeque::new(),
                capacity: s.buffer,
            })
            .collect();
        let shift_end = setup.shift.hours * 3600.0;
        let break_total: f64 = setup.shift.breaks.iter().map(|b| b.minutes * 60.0).sum();
        let mut line = Line {
            setup: setup.clone(),
            now: 0.0,
            queue: EventQueue::default(),
            seq: 0,
            stations,
            buffers,
            source_stream: Stream::new(seed, SOURCE, 0),
            product: 0,
            left_in_batch: setup.batch_size.max(1),
            batch_size: setup.batch_size.max(1),
            technicians_free: setup.technicians,
            tech_queue: VecDeque::new(),
            failed_at: vec![0.0; setup.stations.len()],
            pauses: Vec::new(),
            shift_end,
            shift_planned: (shift_end - break_total).max(1.0),
            rated_cycle: setup
                .stations
                .iter()
                .map(|s| {
                    let crew = if s.crew_needed == 0 {
                        1.0
                    } else {
                        f64::from(s.crew_needed) / f64::from(s.max_crew())
                    };
                    s.cycle.mean() * crew + s.inspection.as_ref().map_or(0.0, |x| x.seconds)
                })
                .fold(0.0, f64::max),
            happenings: Vec::new(),
            released: 0,
            good: 0,
            first_pass_good: 0,
            escaped: 0,
            scrapped: 0,
            reworked: 0,
            lead_time_sum: 0.0,
            wip: 0,
            wip_area: 0.0,
            wip_since: 0.0,
            spent_buffers: 0.0,
            spent_maintenance: 0.0,
            trend: vec![0],
            events_handled: 0,
        };
        for i in 0..line.stations.len() {
            if let Some(Inspection {
                on_defect: OnDefect::Rework(to),
                ..
            }) = &line.stations[i].inspection
            {
                line.stations[i].rework_to = setup.station_index(to);
            }
        }
        for (index, b) in setup.shift.breaks.iter().enumerate() {
            line.schedule(
                b.at_minute * 60.0,
                Kind::BreakStart {
                    index: index as u16,
                },
            );
        }
        line.schedule(shift_end, Kind::ShiftEnd);
        match setup.release {
            Release::Push => line.refill_push(),
            Release::Every(d) => {
                let first = d.sample(&mut line.source_stream);
                line.schedule(first, Kind::Arrival);
            }
        }
        for i in 0..line.stations.len() {
            line.try_start(i);
        }
        line
    }

    /// Runs every event up to and including time `to`, then sets the clock to `to`.
    pub fn run_until(&mut self, to: f64) {
        while let Some(next) = self.queue.0.peek() {
            if next.at > to {
                break;
            }
            let event = self.queue.0.pop().expect("peeked");
            self.handle(event);
        }
        self.record_trend(to);
        self.now = self.now.max(to);
    }

    /// Runs until something a supervisor would want to hear about happens (a
    /// breakdown, a break, the end of the shift), or until `limit`. Returns the time
    /// it stopped.
    pub fn run_until_notable(&mut self, limit: f64) -> f64 {
        let before = self.happenings.len();
        while let Some(next) = self.queue.0.peek() {
            if next.at > limit {
                break;
            }
            let event = self.queue.0.pop().expect("peeked");
            self.handle(event);
            if self.happenings.len() > before {
                return self.now;
            }
        }
        self.record_trend(limit);
        self.now = self.now.max(limit);
        self.now
    }

    fn note(&mut self, happening: Happening) {
        self.happenings.push((self.now, happening));
    }

    pub(crate) fn take_happenings(&mut self) -> Vec<(f64, Happening)> {
        std::mem::take(&mut self.happenings)
    }

    pub fn now(&self) -> f64 {
        self.now
    }

    pub fn is_paused(&self) -> bool {
        !self.pauses.is_empty()
    }

    /// The shift is over and the line stands.
    pub fn is_closed(&self) -> bool {
        self.pauses.iter().any(|(p, _)| *p == Pause::Closed)
    }

    fn schedule(&mut self, at: f64, kind: Kind) {
        self.seq += 1;
        self.queue.0.push(Scheduled {
            at,
            seq: self.seq,
            kind,
        });
    }

    fn record_trend(&mut self, upto: f64) {
        while (self.trend.len() as f64) * TREND_EVERY <= upto && self.trend.len() < MAX_TREND_POINTS
        {
            self.trend.push(self.good);
        }
    }

    fn handle(&mut self, event: Scheduled) {
        self.record_trend(event.at);
        self.now = event.at;
        self.events_handled += 1;
        match event.kind {
            Kind::Arrival => self.arrival(),
            Kind::Done { station, epoch } => {
                let i = usize::from(station);
                if self.stations[i].epoch == epoch {
                    self.done(i);
                }
            }
            Kind::Fail { station, epoch } => {
                let i = usize::from(station);
                if self.stations[i].epoch == epoch {
                    self.fail(i);
                }
            }
            Kind::TechDone { station } => self.tech_done(usize::from(station)),
            Kind::BreakStart { index } => {
                let minutes = self.setup.shift.breaks[usize::from(index)].minutes;
                self.note(Happening::BreakStarted { minutes });
                self.pause(Pause::Break, self.now + minutes * 60.0);
            }
            Kind::PauseEnd => self.pause_end(),
            Kind::ShiftEnd => {
                self.note(Happening::ShiftEnded);
                self.pause(Pause::Closed, f64::INFINITY);
            }
        }
    }

    // ----- Time accounting -------------------------------------------------------

    fn bucket(&self, i: usize) -> StationState {
        if self
            .pauses
            .iter()
            .any(|(p, _)| matches!(p, Pause::Break | Pause::Closed))
        {
            return StationState::Break;
        }
        if !self.pauses.is_empty() {
            return StationState::Down;
        }
        match self.stations[i].phase {
            Phase::Idle => StationState::Starved,
            Phase::Setup { .. } => StationState::Setup,
            Phase::Working { .. } => StationState::Working,
            Phase::Blocked => StationState::Blocked,
            Phase::NoCrew | Phase::Failed { .. } | Phase::Maintenance => StationState::Down,
        }
    }

    /// Closes the station's current time slice; call before changing its phase.
    fn account(&mut self, i: usize) {
        let bucket = self.bucket(i).index();
        let s = &mut self.stations[i];
        s.time[bucket] += self.now - s.since;
        s.since = self.now;
    }

    fn account_wip(&mut self) {
        self.wip_area += self.wip as f64 * (self.now - self.wip_since);
        self.wip_since = self.now;
    }

    /// Seconds of planned production so far: the shift so far less its breaks (a
    /// stop to fix a problem is planned time lost, not a break).
    pub(crate) fn planned_elapsed(&self) -> f64 {
        let now = self.now.min(self.shift_end);
        let breaks: f64 = self
            .setup
            .shift
            .breaks
            .iter()
            .map(|b| {
                let start = b.at_minute * 60.0;
                (now.min(start + b.minutes * 60.0) - start).max(0.0)
            })
            .sum();
        now - breaks
    }

    /// Time-average parts in the line so far.
    pub(crate) fn wip_average(&self) -> f64 {
        let area = self.wip_area + self.wip as f64 * (self.now - self.wip_since);
        if self.now > 0.0 { area / self.now } else { 0.0 }
    }

    /// A station's time in each state up to now.
    pub(crate) fn station_time(&self, i: usize) -> [f64; 6] {
        let mut t = self.stations[i].time;
        t[self.bucket(i).index()] += self.now - self.stations[i].since;
        t
    }

    pub(crate) fn station_state(&self, i: usize) -> StationState {
        self.bucket(i)
    }

    pub(crate) fn down_reason(&self, i: usize) -> Option<DownReason> {
        if self.pauses.iter().any(|(p, _)| *p == Pause::Stop) {
            return Some(DownReason::LineStopped);
        }
        match self.stations[i].phase {
            Phase::Failed { .. } => Some(DownReason::Breakdown),
            Phase::Maintenance => Some(DownReason::Maintenance),
            Phase::NoCrew => Some(DownReason::NoOperator),
            _ => None,
        }
    }

    /// How far through its current part or changeover the station is, 0–1.
    pub(crate) fn progress(&self, i: usize) -> Option<f64> {
        let s = &self.stations[i];
        match s.phase {
            Phase::Working { left } | Phase::Setup { left } | Phase::Failed { left } => {
                let running = if self.is_paused() || matches!(s.phase, Phase::Failed { .. }) {
                    0.0
                } else {
                    self.now - s.since_resume
                };
                let total = match s.phase {
                    Phase::Setup { .. } => s.changeover,
                    _ => self.mean_cycle(i),
                };
                Some((1.0 - (left - running) / total.max(1e-9)).clamp(0.0, 1.0))
            }
            Phase::Blocked => Some(1.0),
            _ => None,
        }
    }

    pub(crate) fn holds_part(&self, i: usize) -> bool {
        self.stations[i].part.is_some()
    }

    /// The station's mean seconds per part as it is set up now (crew, pace,
    /// inspection), not counting breakdowns or changeovers.
    pub(crate) fn mean_cycle(&self, i: usize) -> f64 {
        let s = &self.stations[i];
        s.cycle.mean() * s.pace * crew_factor(s) + s.inspection.as_ref().map_or(0.0, |x| x.seconds)
    }

    // ----- The flow of parts ------------------------------------------------------

    fn new_part(&mut self) -> Part {
        if self.left_in_batch == 0 {
            self.product = (self.product + 1) % self.setup.products.len().max(1) as u16;
            self.left_in_batch = self.batch_size;
        }
        self.left_in_batch -= 1;
        self.account_wip();
        self.wip += 1;
        self.released += 1;
        Part {
            product: self.product,
            released: self.now,
            defective: false,
            reworked: false,
        }
    }

    /// `Push`: keep the first buffer stocked (one part waiting if it has no limit).
    fn refill_push(&mut self) {
        if self.setup.release != Release::Push || self.buffers.is_empty() {
            return;
        }
        let target = self.buffers[0].capacity.map_or(1, |c| c.max(1) as usize);
        while self.buffers[0].parts.len() < target {
            let part = self.new_part();
            self.buffers[0].parts.push_back(part);
        }
    }

    fn arrival(&mut self) {
        let part = self.new_part();
        // Orders queue in front of the first station whatever its buffer's size.
        self.buffers[0].parts.push_back(part);
        self.try_start(0);
        if let Release::Every(d) = self.setup.release {
            let gap = d.sample(&mut self.source_stream);
            self.schedule(self.now + gap, Kind::Arrival);
        }
    }

    /// A free station takes its next part, if it can.
    fn try_start(&mut self, i: usize) {
        if !matches!(self.stations[i].phase, Phase::Idle | Phase::NoCrew) || self.is_paused() {
            return;
        }
        if self.stations[i].maintenance_pending {
            self.account(i);
            self.stations[i].maintenance_pending = false;
            self.stations[i].phase = Phase::Maintenance;
            self.request_technician(i);
            return;
        }
        let s = &self.stations[i];
        if s.crew < s.crew_needed {
            if s.phase != Phase::NoCrew {
                self.account(i);
                self.stations[i].phase = Phase::NoCrew;
            }
            return;
        }
        if self.stations[i].phase == Phase::NoCrew {
            self.account(i);
            self.stations[i].phase = Phase::Idle;
        }
        if let Some(part) = self.buffers[i].parts.pop_front() {
            self.start_part(i, part);
            self.space_freed(i);
        } else if i > 0 && self.stations[i - 1].phase == Phase::Blocked {
            // No part waiting, but the station before holds one: with no buffer
            // between them (or an empty one) it hands it straight over.
            self.account(i - 1);
            let part = self.stations[i - 1]
                .part
                .take()
                .expect("a blocked station holds a part");
            self.stations[i - 1].phase = Phase::Idle;
            self.start_part(i, part);
            self.try_start(i - 1);
        }
    }

    fn start_part(&mut self, i: usize, part: Part) {
        self.account(i);
        let s = &mut self.stations[i];
        s.part = Some(part);
        let changes = s.last_product.is_some_and(|p| p != part.product);
        if changes && s.changeover > 0.0 {
            s.phase = Phase::Setup { left: s.changeover };
            self.schedule_segment(i);
        } else {
            self.begin_work(i);
        }
    }

    fn begin_work(&mut self, i: usize) {
        let s = &mut self.stations[i];
        let factor = s.pace * crew_factor(s);
        let check = s.inspection.as_ref().map_or(0.0, |x| x.seconds);
        let cycle = s.cycle;
        let work = cycle.sample(&mut s.cycle_stream) * factor + check;
        s.last_product = s.part.map(|p| p.product);
        s.phase = Phase::Working { left: work };
        self.schedule_segment(i);
    }

    /// Schedules the end of the running setup or work (or the failure that comes
    /// first). Only while the line runs: a pause reschedules on restart.
    fn schedule_segment(&mut self, i: usize) {
        if self.is_paused() {
            return;
        }
        let now = self.now;
        let s = &mut self.stations[i];
        s.since_resume = now;
        let station = i as u16;
        let epoch = s.epoch;
        let next = match s.phase {
            Phase::Setup { left } => Some((now + left, Kind::Done { station, epoch })),
            Phase::Working { left } if s.ttf < left => {
                Some((now + s.ttf, Kind::Fail { station, epoch }))
            }
            Phase::Working { left } => Some((now + left, Kind::Done { station, epoch })),
            _ => None,
        };
        if let Some((at, kind)) = next {
            self.schedule(at, kind);
        }
    }

    fn done(&mut self, i: usize) {
        self.account(i);
        match self.stations[i].phase {
            Phase::Setup { .. } => self.begin_work(i),
            Phase::Working { left } => {
                let s = &mut self.stations[i];
                s.ttf -= left;
                s.processed += 1;
                self.finish_part(i);
            }
            _ => {}
        }
    }

    fn finish_part(&mut self, i: usize) {
        let s = &mut self.stations[i];
        let mut part = s.part.take().expect("a working station holds a part");
        let rate = s.defect_rate;
        if s.defect_stream.chance(rate) {
            part.defective = true;
            s.defects_made += 1;
        }
        s.phase = Phase::Idle;
        let caught = part.defective && s.inspection.is_some();
        let rework_to = s.rework_to;
        if caught {
            match rework_to {
                Some(to) => {
                    part.defective = false;
                    part.reworked = true;
                    self.reworked += 1;
                    // Rework always finds room: it goes back whatever the buffer holds.
                    self.buffers[to].parts.push_back(part);
                    if to != i {
                        self.try_start(to);
                    }
                }
                None => {
                    self.account_wip();
                    self.wip -= 1;
                    self.scrapped += 1;
                }
            }
        } else {
            self.pass_on(i, part);
        }
        self.try_start(i);
    }

    /// Hands a finished part downstream, or holds it (blocked).
    fn pass_on(&mut self, i: usize, part: Part) {
        if i + 1 == self.stations.len() {
            self.ship(part);
            self.stations[i].phase = Phase::Idle;
        } else if self.buffers[i + 1].has_room() {
            self.buffers[i + 1].parts.push_back(part);
            self.stations[i].phase = Phase::Idle;
            self.try_start(i + 1);
        } else {
            self.stations[i].part = Some(part);
            self.stations[i].phase = Phase::Blocked;
            // A free station after it takes the part straight from its hands.
            self.try_start(i + 1);
        }
    }

    fn ship(&mut self, part: Part) {
        self.account_wip();
        self.wip -= 1;
        self.lead_time_sum += self.now - part.released;
        if part.defective {
            self.escaped += 1;
            if self.escaped == 1 {
                self.note(Happening::FirstEscape);
            }
        } else {
            self.good += 1;
            if !part.reworked {
                self.first_pass_good += 1;
            }
        }
    }

    /// A place opened in buffer `j`: the station before it may hand over its part.
    fn space_freed(&mut self, j: usize) {
        if j == 0 {
            self.refill_push();
            return;
        }
        let up = j - 1;
        if self.stations[up].phase == Phase::Blocked && self.buffers[j].has_room() {
            self.account(up);
            let part = self.stations[up]
                .part
                .take()
                .expect("a blocked station holds a part");
            self.buffers[j].parts.push_back(part);
            self.stations[up].phase = Phase::Idle;
            self.try_start(up);
        }
    }

    // ----- Breakdowns and maintenance ------------------------------------------------

    fn fail(&mut self, i: usize) {
        self.account(i);
        let now = self.now;
        let s = &mut self.stations[i];
        let Phase::Working { left } = s.phase else {
            return;
        };
        let ran = now - s.since_resume;
        s.phase = Phase::Failed { left: left - ran };
        s.ttf = 0.0;
        s.breakdowns_count += 1;
        self.failed_at[i] = now;
        self.note(Happening::BrokeDown(i));
        self.request_technician(i);
    }

    fn request_technician(&mut self, i: usize) {
        if self.technicians_free > 0 {
            self.technicians_free -= 1;
            self.start_job(i);
        } else {
            self.tech_queue.push_back(i);
        }
    }

    fn start_job(&mut self, i: usize) {
        let s = &mut self.stations[i];
        let duration = match s.phase {
            Phase::Failed { .. } => {
                // A repair takes its mean give or take a third: the same job done by
                // the same people, with the odd stubborn one.
                let mttr = s.breakdowns.map_or(600.0, |b| b.mttr_minutes * 60.0);
                Distribution::Normal(mttr, mttr / 3.0).sample(&mut s.failure_stream)
            }
            _ => s.maintenance,
        };
        self.schedule(self.now + duration, Kind::TechDone { station: i as u16 });
    }

    fn tech_done(&mut self, i: usize) {
        self.account(i);
        let s = &mut self.stations[i];
        s.ttf = failure_after(s.breakdowns, 0.0, &mut s.failure_stream);
        match s.phase {
            Phase::Failed { left } => {
                s.phase = Phase::Working { left };
                let down_seconds = self.now - self.failed_at[i];
                self.note(Happening::Repaired {
                    station: i,
                    down_seconds,
                });
                self.schedule_segment(i);
            }
            Phase::Maintenance => {
                s.maintenance_done += 1;
                s.phase = Phase::Idle;
                self.note(Happening::MaintenanceDone(i));
                self.try_start(i);
            }
            _ => {}
        }
        if let Some(next) = self.tech_queue.pop_front() {
            self.start_job(next);
        } else {
            self.technicians_free += 1;
        }
    }

    // ----- Pauses: breaks and stops ----------------------------------------------------

    fn pause(&mut self, why: Pause, until: f64) {
        for i in 0..self.stations.len() {
            self.account(i);
        }
        let first = self.pauses.is_empty();
        if first || self.pauses.iter().all(|(p, _)| *p != why) {
            self.pauses.push((why, until));
        } else if let Some(p) = self.pauses.iter_mut().find(|(p, _)| *p == why) {
            p.1 = p.1.max(until);
        }
        if until.is_finite() {
            self.schedule(until, Kind::PauseEnd);
        }
        if !first {
            return;
        }
        let now = self.now;
        for s in &mut self.stations {
            if let Phase::Setup { left } | Phase::Working { left } = s.phase {
                let ran = now - s.since_resume;
                let left = left - ran;
                if let Phase::Working { .. } = s.phase {
                    s.ttf -= ran;
                    s.phase = Phase::Working { left };
                } else {
                    s.phase = Phase::Setup { left };
                }
                s.epoch = s.epoch.wrapping_add(1);
            }
        }
    }

    fn pause_end(&mut self) {
        let now = self.now;
        if !self.pauses.iter().any(|(_, end)| *end <= now) {
            return;
        }
        for i in 0..self.stations.len() {
            self.account(i);
        }
        self.pauses.retain(|(_, end)| *end > now);
        if self.is_paused() {
            return;
        }
        self.note(Happening::Restarted);
        for i in 0..self.stations.len() {
            match self.stations[i].phase {
                Phase::Setup { .. } | Phase::Working { .. } => self.schedule_segment(i),
                Phase::Idle | Phase::NoCrew => self.try_start(i),
                _ => {}
            }
        }
        // A part held during the pause may now have somewhere to go.
        for j in (1..self.stations.len()).rev() {
            self.space_freed(j);
        }
    }

    // ----- Decisions -----------------------------------------------------------------

    pub(crate) fn move_operator(&mut self, from: usize, to: usize) -> Result<(), String> {
        let (f, t) = (&self.stations[from], &self.stations[to]);
        if from == to {
            return Err(format!("The operator is already at {}.", f.name));
        }
        if f.crew == 0 {
            return Err(format!("Nobody is working at {} to move.", f.name));
        }
        if t.crew >= t.max_crew {
            return Err(format!(
                "{} already has as many operators as can work there ({}).",
                t.name, t.max_crew
            ));
        }
        self.stations[from].crew -= 1;
        self.stations[to].crew += 1;
        // Either may change what it can do: a free station re-checks now; a busy one
        // finishes its part first.
        self.try_start(to);
        self.try_start(from);
        Ok(())
    }

    pub(crate) fn add_buffer(&mut self, i: usize, places: u32) -> Result<f64, String> {
        let b = &mut self.buffers[i];
        let Some(cap) = b.capacity.as_mut() else {
            return Err("That buffer has no limit already.".into());
        };
        *cap += places;
        let cost = f64::from(places) * self.setup.costs.buffer_slot;
        self.spent_buffers += cost;
        for _ in 0..places {
            self.space_freed(i);
        }
        Ok(cost)
    }

    pub(crate) fn preventive_maintenance(&mut self, i: usize) -> Result<f64, String> {
        let s = &self.stations[i];
        match s.phase {
            Phase::Failed { .. } => Err(format!(
                "{} is broken down: the repair comes first.",
                s.name
            )),
            Phase::Maintenance => Err(format!("{} is already in maintenance.", s.name)),
            _ if s.maintenance_pending => {
                Err(format!("Maintenance is already booked at {}.", s.name))
            }
            _ => {
                self.stations[i].maintenance_pending = true;
                self.spent_maintenance += self.setup.costs.maintenance;
                // Free now (or during a break): it starts at once; otherwise after
                // the part in hand.
                if matches!(self.stations[i].phase, Phase::Idle | Phase::NoCrew) {
                    self.account(i);
                    self.stations[i].maintenance_pending = false;
                    self.stations[i].phase = Phase::Maintenance;
                    self.request_technician(i);
                }
                Ok(self.setup.costs.maintenance)
            }
        }
    }

    pub(crate) fn set_batch_size(&mut self, n: u32) {
        self.batch_size = n.max(1);
        self.left_in_batch = self.left_in_batch.min(self.batch_size);
    }

    /// Returns whether caught defects go back for rework (else they are scrapped).
    pub(crate) fn set_inspection(&mut self, i: usize, on: bool) -> bool {
        let added = self.setup.added_inspection.clone();
        let rework_to = match &added.on_defect {
            OnDefect::Rework(to) => self.setup.station_index(to).filter(|&j| j <= i),
            OnDefect::Scrap => None,
        };
        self.stations[i].inspection = on.then_some(added);
        self.stations[i].rework_to = rework_to.filter(|_| on);
        self.stations[i].rework_to.is_some()
    }

    /// Stops the whole line for `minutes` to find and fix a root cause at `i`.
    pub(crate) fn stop_line(&mut self, i: usize, minutes: f64) -> bool {
        let until = self.now + minutes * 60.0;
        self.pause(Pause::Stop, until);
        let s = &mut self.stations[i];
        match s.defect_rate_after_fix {
            Some(fixed) if fixed < s.defect_rate => {
                s.defect_rate = fixed;
                true
            }
            _ => false,
        }
    }
}

/// Cycle-time multiplier for the crew at work: extra hands share the work.
fn crew_factor(s: &Station) -> f64 {
    if s.crew_needed == 0 || s.crew == 0 {
        1.0
    } else {
        f64::from(s.crew_needed) / f64::from(s.crew.min(s.max_crew))
    }
}

/// Working seconds until the next failure of a machine that has already worked
/// `age` seconds since it was last as good as new.
fn failure_after(b: Option<Breakdowns>, age: f64, stream: &mut Stream) -> f64 {
    match b {
        Some(b) => stream.weibull_after(b.mtbf_minutes * 60.0, b.wear, age),
        None => f64::INFINITY,
    }
}
