//! The line's run for the debrief: good parts, counted each quarter hour, against
//! the order's pace (the demand's share of the planned time so far, flat through
//! the breaks), as one [`Timeline`](firstshift_draw::chart::Timeline).

use firstshift_core::{Language, Seconds};
use firstshift_draw::chart::{Between, Lane, Role, Series, TimeAxis, Timeline};

use crate::model::{Line, TREND_EVERY};
use crate::spanish::WORDS;

impl Line {
    /// The shift's timeline; its marks are left to the player.
    pub fn timeline(&self) -> Timeline {
        let end = self.now.min(self.shift_end);
        let demand = f64::from(self.setup.demand);
        let pace_at = |t: f64| demand * self.planned_until(t) / self.shift_planned;

        let mut good: Vec<(Seconds, f64)> = self
            .trend
            .iter()
            .enumerate()
            .map(|(i, &parts)| (seconds(i as f64 * TREND_EVERY), parts as f64))
            .filter(|&(t, _)| t as f64 <= end)
            .collect();
        if good.last().is_none_or(|&(t, _)| (t as f64) < end) {
            good.push((seconds(end), self.good as f64));
        }
        // The pace bends only where a break starts or ends.
        let mut bends: Vec<f64> = vec![0.0, end];
        for b in &self.setup.shift.breaks {
            bends.extend([b.at_minute * 60.0, (b.at_minute + b.minutes) * 60.0]);
        }
        bends.retain(|&t| t <= end);
        bends.sort_by(f64::total_cmp);
        bends.dedup();
        let pace = bends.iter().map(|&t| (seconds(t), pace_at(t))).collect();

        let (made, due) = (self.good, pace_at(end).floor());
        Timeline {
            title: self
                .say("The line over your shift: good parts against the order's pace")
                .to_owned(),
            summary: summary(self.language, made, due, self.setup.demand),
            axis: TimeAxis::Clock,
            end: seconds(end),
            lanes: vec![Lane {
                name: self.say("Good parts").to_owned(),
                unit: String::new(),
                decimals: 0,
                covers: (0.0, 1.0),
                series: vec![
                    Series {
                        name: self.say("Good parts made").to_owned(),
                        role: Role::Measured,
                        between: Between::Held,
                        points: good,
                    },
                    Series {
                        name: self.say("The order's pace").to_owned(),
                        role: Role::Target,
                        between: Between::Straight,
                        points: pace,
                    },
                ],
            }],
            marks: Vec::new(),
        }
    }
}

fn seconds(t: f64) -> Seconds {
    // Shift times are whole seconds apart from the events between them.
    libm::floor(t.max(0.0)) as Seconds
}

/// Where the line ended against its pace and its order, in one sentence.
fn summary(l: Language, made: u64, due: f64, demand: u32) -> String {
    let due = due as u64;
    let against = if made >= due {
        WORDS.fill(l, "{} ahead of", &[&(made - due)])
    } else {
        WORDS.fill(l, "{} behind", &[&(due - made)])
    };
    WORDS.fill(
        l,
        "The line made {} good parts of an order of {}, ending {} the order's pace ({} by then).",
        &[&made, &demand, &against, &due],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_says_how_far_ahead_or_behind_the_pace() {
        assert_eq!(
            summary(Language::English, 90, 100.0, 400),
            "The line made 90 good parts of an order of 400, ending 10 behind the order's pace (100 by then)."
        );
        assert!(
            summary(Language::English, 120, 100.0, 400).contains("20 ahead of the order's pace")
        );
    }
}
