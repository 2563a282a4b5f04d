//! Pauses: the shift's breaks and the stops a supervisor calls.

use super::*;

impl Line {
    pub(super) fn pause(&mut self, why: Pause, until: f64) {
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

    pub(super) fn pause_end(&mut self) {
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
}
