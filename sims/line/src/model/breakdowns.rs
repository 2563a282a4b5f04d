//! Breakdowns and maintenance: failures, technicians, repairs.

use super::*;

impl Line {
    pub(super) fn fail(&mut self, i: usize) {
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

    pub(super) fn request_technician(&mut self, i: usize) {
        if self.technicians_free > 0 {
            self.technicians_free -= 1;
            self.start_job(i);
        } else {
            self.tech_queue.push_back(i);
        }
    }

    pub(super) fn start_job(&mut self, i: usize) {
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

    pub(super) fn tech_done(&mut self, i: usize) {
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
}
