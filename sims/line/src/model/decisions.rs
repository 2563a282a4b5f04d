//! Decisions: what a supervisor's choices change on the line.

use super::*;

impl Line {
    pub(crate) fn move_operator(&mut self, from: usize, to: usize) -> Result<(), String> {
        let (f, t) = (&self.stations[from], &self.stations[to]);
        if from == to {
            return Err(self.fill("The operator is already at {}.", &[&f.name]));
        }
        if f.crew == 0 {
            return Err(self.fill("Nobody is working at {} to move.", &[&f.name]));
        }
        if t.crew >= t.max_crew {
            return Err(self.fill(
                "{} already has as many operators as can work there ({}).",
                &[&t.name, &t.max_crew],
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
        let no_limit = self.say("That buffer has no limit already.");
        let Some(cap) = self.buffers[i].capacity.as_mut() else {
            return Err(no_limit.into());
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
            Phase::Failed { .. } => {
                Err(self.fill("{} is broken down: the repair comes first.", &[&s.name]))
            }
            Phase::Maintenance => Err(self.fill("{} is already in maintenance.", &[&s.name])),
            _ if s.maintenance_pending => {
                Err(self.fill("Maintenance is already booked at {}.", &[&s.name]))
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
