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

// The engine's parts, each an `impl Line` of one concern.
mod breakdowns;
mod decisions;
mod flow;
mod pauses;
mod time;

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
    /// The language of its sentences; never read by the model's arithmetic.
    pub(crate) language: firstshift_core::Language,

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
    /// A phrase of [`WORDS`](crate::spanish::WORDS) in the run's language.
    pub(crate) fn say(&self, english: &'static str) -> &'static str {
        crate::spanish::WORDS.say(self.language, english)
    }
    /// A phrase in the run's language, its `{}` slots filled.
    pub(crate) fn fill(&self, english: &'static str, args: &[&dyn std::fmt::Display]) -> String {
        crate::spanish::WORDS.fill(self.language, english, args)
    }

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
            language: firstshift_core::Language::English,
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
