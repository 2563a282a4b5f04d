//! The running business: the clock, the stock in lots, the till and the ledger.
//!
//! Time is the scenario's clock in seconds from the first opening. Day `d` opens at
//! `d × 24 h` and trades for `open_hours`; between closing and the next opening
//! nothing sells, and orders placed then arrive at the opening. Trading is stepped a
//! minute at a time ([`TICK`]), so a price changed at 1 pm counts from 1 pm.
//!
//! * [`trading`] — customers arriving, stock and staff limiting sales, the till.
//! * [`days`] — opening (deliveries) and closing (spoilage, wages, fixed costs,
//!   interest, the day's record).
//! * [`decisions`] — what the student's choices change.

mod days;
pub mod decisions;
mod trading;

use std::collections::VecDeque;

use serde::Serialize;

use crate::demand::{Arrival, Stream};
use crate::money::Cents;
use crate::setup::{Arrivals, BusinessSetup};

/// Seconds from one opening to the next.
pub const DAY: u64 = 24 * 3600;

/// Open time is traded a minute at a time: customers arrive, queue and are
/// served minute by minute.
pub const TICK: u64 = 60;

/// The business as it runs.
#[derive(Debug, Clone, PartialEq)]
pub struct Business {
    pub(crate) setup: BusinessSetup,
    pub(crate) now: u64,
    /// The day trading now, or the last one closed while shut overnight.
    pub(crate) day: usize,
    pub(crate) open: bool,
    /// The last day has closed: nothing more happens.
    pub(crate) finished: bool,
    pub(crate) products: Vec<Stock>,
    pub(crate) staff: u32,
    /// Staff × seconds worked today, paid at closing.
    pub(crate) staff_seconds: u64,
    /// Each open hour's share of the day's customers.
    pub(crate) hour_shares: Vec<f64>,
    pub(crate) queue: trading::Queue,
    /// Part of a customer's service time left over from the last stretch.
    pub(crate) capacity_carried: f64,
    pub(crate) cash: Cents,
    pub(crate) loan_balance: Cents,
    pub ledger: Ledger,
    pub(crate) today: Tally,
    /// For the day's profit at closing.
    pub(crate) profit_at_opening: Cents,
    pub(crate) totals: Tally,
    pub(crate) history: Vec<DayRecord>,
    /// Cash after every stretch traded and every decision, for the chart.
    pub(crate) cash_points: Vec<(u64, Cents)>,
    happenings: Vec<(u64, Happening)>,
    /// The language of its sentences; never read by its arithmetic.
    pub(crate) language: firstshift_core::Language,
}

/// One product's shelf and its sales.
#[derive(Debug, Clone, PartialEq)]
pub struct Stock {
    pub(crate) price: Cents,
    pub(crate) unit_cost: Cents,
    /// Oldest first; sold first.
    pub(crate) lots: VecDeque<Lot>,
    /// Ordered, arriving at the next opening.
    pub(crate) arriving: u64,
    pub(crate) arrival: Arrival,
    pub(crate) sold: u64,
    pub(crate) sold_today: u64,
    /// Customers who wanted it when there was none.
    pub(crate) missed: u64,
    pub(crate) spoiled: u64,
    /// "Sold out" is told once a day.
    pub(crate) sold_out_told: bool,
}

/// Items that arrived on the same day, and so spoil together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Lot {
    pub units: u64,
    pub day: usize,
}

impl Stock {
    pub fn on_hand(&self) -> u64 {
        self.lots.iter().map(|l| l.units).sum()
    }
}

/// Every amount that moved, by kind, in cents. Cash is kept separately, one
/// transaction at a time; the theory tests check that the two always agree.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Ledger {
    pub opening_cash: Cents,
    /// Stock on hand at the start, at cost.
    pub opening_stock: Cents,
    pub takings: Cents,
    /// Stock ordered and paid for.
    pub bought: Cents,
    /// What the items sold had cost.
    pub cost_of_sales: Cents,
    /// What the items thrown away had cost.
    pub spoiled: Cents,
    pub wages: Cents,
    pub fixed_costs: Cents,
    pub interest: Cents,
    pub borrowed: Cents,
    pub repaid: Cents,
}

impl Ledger {
    /// Takings less everything it cost to earn them: the cost of what was sold,
    /// what spoiled, wages, fixed costs and interest. Money borrowed is not profit,
    /// and stock still on the shelf is not yet a cost.
    pub fn profit(&self) -> Cents {
        self.takings
            - self.cost_of_sales
            - self.spoiled
            - self.wages
            - self.fixed_costs
            - self.interest
    }

    /// The bank balance the ledger accounts for.
    pub fn cash(&self) -> Cents {
        self.opening_cash + self.takings + self.borrowed
            - self.bought
            - self.wages
            - self.fixed_costs
            - self.interest
            - self.repaid
    }
}

/// Customers counted over a day or the whole run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Tally {
    pub served: u64,
    /// Walked away: what they wanted had sold out.
    pub missed_no_stock: u64,
    /// Walked away: the queue was too long for the staff on shift.
    pub missed_queue: u64,
    pub takings: Cents,
}

impl Tally {
    pub fn customers(&self) -> u64 {
        self.served + self.missed_no_stock + self.missed_queue
    }
}

/// A day once it has closed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayRecord {
    pub day: usize,
    pub tally: Tally,
    pub spoiled_units: u64,
    /// Takings less the day's costs (cost of sales, spoilage, wages, fixed
    /// costs, interest).
    pub profit: Cents,
    pub cash_after: Cents,
}

/// What happened, for the event sentences (`crate::sentences`).
#[derive(Debug, Clone, PartialEq)]
pub enum Happening {
    Opened {
        day: usize,
    },
    Delivered {
        product: usize,
        units: u64,
    },
    SoldOut {
        product: usize,
    },
    Spoiled {
        product: usize,
        units: u64,
        cost: Cents,
    },
    BillPaid {
        bill: usize,
    },
    Closed {
        day: usize,
    },
    Overdrawn {
        by: Cents,
    },
    Finished,
}

impl Business {
    pub fn new(setup: &BusinessSetup, seed: u64) -> Business {
        let products: Vec<Stock> = setup
            .products
            .iter()
            .enumerate()
            .map(|(i, p)| Stock {
                price: Cents::rounded(p.price),
                unit_cost: Cents::rounded(p.unit_cost),
                lots: (p.stock > 0)
                    .then_some(Lot {
                        units: u64::from(p.stock),
                        day: 0,
                    })
                    .into_iter()
                    .collect(),
                arriving: 0,
                arrival: match setup.arrivals {
                    Arrivals::Random => Arrival::Random(Stream::new(seed, i as u64)),
                    Arrivals::Steady => Arrival::Steady { carried: 0.0 },
                },
                sold: 0,
                sold_today: 0,
                missed: 0,
                spoiled: 0,
                sold_out_told: false,
            })
            .collect();
        let cash = Cents::rounded(setup.cash);
        let ledger = Ledger {
            opening_cash: cash,
            opening_stock: products
                .iter()
                .map(|s| s.unit_cost.times(s.on_hand()))
                .sum(),
            ..Ledger::default()
        };
        Business {
            setup: setup.clone(),
            now: 0,
            day: 0,
            open: true,
            finished: false,
            products,
            staff: setup.staff.on_shift,
            staff_seconds: 0,
            capacity_carried: 0.0,
            hour_shares: setup.hour_shares(),
            queue: trading::Queue::new(),
            cash,
            loan_balance: Cents::ZERO,
            ledger,
            today: Tally::default(),
            profit_at_opening: Cents::ZERO,
            totals: Tally::default(),
            history: Vec::new(),
            cash_points: vec![(0, cash)],
            happenings: Vec::new(),
            language: firstshift_core::Language::English,
        }
    }

    pub fn setup(&self) -> &BusinessSetup {
        &self.setup
    }

    /// Seconds since the first opening.
    pub fn now(&self) -> u64 {
        self.now
    }

    pub fn cash(&self) -> Cents {
        self.cash
    }

    pub fn loan_balance(&self) -> Cents {
        self.loan_balance
    }

    pub fn is_finished(&self) -> bool {
        self.finished
    }

    /// Stock on hand at cost: what the shelf is worth to the business.
    pub fn stock_value(&self) -> Cents {
        self.products
            .iter()
            .map(|s| s.unit_cost.times(s.on_hand()))
            .sum()
    }

    /// Runs the business forward to `to` seconds (never backwards).
    ///
    /// Open time is traded a whole [`TICK`] at a time, from the opening: a call
    /// that ends inside a tick leaves it for the next call. So a run's state
    /// depends only on the times of the decisions, never on how the time between
    /// them was cut up (a session with rules steps by the second; a replay, in
    /// slices).
    pub fn run_until(&mut self, to: u64) {
        while !self.finished {
            let opened_at = self.day as u64 * DAY;
            if self.open {
                let closes_at = opened_at + self.setup.open_seconds();
                if self.now + TICK > to {
                    break;
                }
                self.trade(self.now + TICK);
                if self.now >= closes_at {
                    self.close_day();
                }
            } else {
                let next_opening = opened_at + DAY;
                if to < next_opening {
                    self.now = self.now.max(to);
                    break;
                }
                self.now = next_opening;
                self.open_day(self.day + 1);
            }
        }
        if self.finished {
            self.now = self.now.max(to);
        }
    }

    pub(crate) fn happen(&mut self, what: Happening) {
        self.happenings.push((self.now, what));
    }

    /// What happened since the last call, with when.
    pub fn take_happenings(&mut self) -> Vec<(u64, Happening)> {
        std::mem::take(&mut self.happenings)
    }

    /// Takes `amount` out of the bank (negative: puts it in), and marks the chart.
    pub(crate) fn pay(&mut self, amount: Cents) {
        self.cash -= amount;
        self.mark_cash();
    }

    pub(crate) fn mark_cash(&mut self) {
        match self.cash_points.last_mut() {
            Some((at, cash)) if *at == self.now => *cash = self.cash,
            _ => self.cash_points.push((self.now, self.cash)),
        }
    }
}
