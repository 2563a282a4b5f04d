//! The business's run for the debrief: cash in the bank over the days, from every
//! payment and sale the ledger marked (so the line is exact, not sampled), as one
//! [`Timeline`](firstshift_draw::chart::Timeline).

use firstshift_draw::chart::{Between, Lane, Role, Series, TimeAxis, Timeline};

use crate::model::Business;
use crate::money::Cents;

impl Business {
    /// The run's timeline; its marks are left to the player.
    pub fn timeline(&self) -> Timeline {
        let setup = &self.setup;
        // Nothing moves after the last closing, however long the run goes on.
        let last_closing =
            setup.days.len().saturating_sub(1) as u64 * crate::model::DAY + setup.open_seconds();
        let points = self
            .cash_points
            .iter()
            .map(|&(at, cash)| (at, cash.amount()))
            .collect();
        Timeline {
            title: self
                .say("The business over your run: cash in the bank")
                .to_owned(),
            summary: self.cash_summary(),
            axis: TimeAxis::Days {
                opens_hour: setup.opens_hour,
                open_seconds: setup.open_seconds(),
                names: setup.days.iter().map(|d| d.name.clone()).collect(),
            },
            end: self.now.min(last_closing),
            lanes: vec![Lane {
                // The currency in the name, not as a unit after each figure: "$12".
                name: self.fill("Cash ({})", &[&setup.currency]),
                unit: String::new(),
                decimals: 2,
                // Always from zero, so an overdraft shows below the line.
                covers: (0.0, 0.0),
                series: vec![Series {
                    name: self.say("Cash").to_owned(),
                    role: Role::Measured,
                    between: Between::Held,
                    points,
                }],
            }],
            marks: Vec::new(),
        }
    }

    /// Where cash started, its lowest and where it ended, in one sentence.
    fn cash_summary(&self) -> String {
        let first = self.cash_points.first().map_or(self.cash, |&(_, c)| c);
        let (low_at, low) =
            self.cash_points
                .iter()
                .copied()
                .fold(
                    (0, first),
                    |(at, low), (t, c)| if c < low { (t, c) } else { (at, low) },
                );
        let money = |c: Cents| c.text(&self.setup.currency);
        let start = self.fill(
            "Cash went from {} to {}",
            &[&money(first), &money(self.cash)],
        );
        if low < first {
            let day = usize::try_from(low_at / crate::model::DAY).unwrap_or(usize::MAX);
            let name = self
                .setup
                .days
                .get(day)
                .map_or_else(|| self.say("the last day"), |d| d.name.as_str());
            self.fill(
                "{}; it was lowest, {}, on {}.",
                &[&start, &money(low), &name],
            )
        } else {
            self.fill("{}, and never fell below where it started.", &[&start])
        }
    }
}
