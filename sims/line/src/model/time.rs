//! Time accounting: which state each station is in, and how long it has been in it.

use super::*;

impl Line {
    pub(super) fn bucket(&self, i: usize) -> StationState {
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
    pub(super) fn account(&mut self, i: usize) {
        let bucket = self.bucket(i).index();
        let s = &mut self.stations[i];
        s.time[bucket] += self.now - s.since;
        s.since = self.now;
    }

    pub(super) fn account_wip(&mut self) {
        self.wip_area += self.wip as f64 * (self.now - self.wip_since);
        self.wip_since = self.now;
    }

    /// Seconds of planned production so far: the shift so far less its breaks (a
    /// stop to fix a problem is planned time lost, not a break).
    pub(crate) fn planned_elapsed(&self) -> f64 {
        self.planned_until(self.now)
    }

    /// Seconds of planned production from the start of the shift to `at`.
    pub(crate) fn planned_until(&self, at: f64) -> f64 {
        let now = at.min(self.shift_end);
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
}
