//! The flow of parts: release, start, work, finish, pass on, ship.

use super::*;

impl Line {
    pub(super) fn new_part(&mut self) -> Part {
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
    pub(super) fn refill_push(&mut self) {
        if self.setup.release != Release::Push || self.buffers.is_empty() {
            return;
        }
        let target = self.buffers[0].capacity.map_or(1, |c| c.max(1) as usize);
        while self.buffers[0].parts.len() < target {
            let part = self.new_part();
            self.buffers[0].parts.push_back(part);
        }
    }

    pub(super) fn arrival(&mut self) {
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
    pub(super) fn try_start(&mut self, i: usize) {
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

    pub(super) fn start_part(&mut self, i: usize, part: Part) {
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

    pub(super) fn begin_work(&mut self, i: usize) {
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
    pub(super) fn schedule_segment(&mut self, i: usize) {
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

    pub(super) fn done(&mut self, i: usize) {
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

    pub(super) fn finish_part(&mut self, i: usize) {
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
    pub(super) fn pass_on(&mut self, i: usize, part: Part) {
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

    pub(super) fn ship(&mut self, part: Part) {
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
    pub(super) fn space_freed(&mut self, j: usize) {
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
}
