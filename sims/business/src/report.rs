//! The figures an owner runs the business by, read off the running model: what the
//! board lists, the canvas draws and conditions ask.

use serde::Serialize;

use crate::model::{Business, DAY, DayRecord, Ledger, Tally};
use crate::money::Cents;
use crate::setup::Weather;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub name: String,
    /// The language the board ([`crate::board`]) says it in.
    #[serde(skip)]
    pub language: firstshift_core::Language,
    pub currency: String,
    /// The day trading now, or the last one closed.
    pub day: usize,
    pub day_name: String,
    /// Every trading day's name, in order.
    pub day_names: Vec<String>,
    pub weather: Option<Weather>,
    pub open: bool,
    pub finished: bool,
    pub days_closed: usize,
    pub days_total: usize,
    /// The clock hour now, while open (`13` for 1 pm).
    pub hour: Option<u32>,
    pub cash: Cents,
    pub profit: Cents,
    pub stock_value: Cents,
    pub loan_balance: Cents,
    pub loan_limit: Option<Cents>,
    pub ledger: Ledger,
    pub staff: u32,
    pub staff_max: u32,
    /// Every customer so far, today's included.
    pub customers: Tally,
    pub today: Tally,
    pub products: Vec<ProductReport>,
    pub days: Vec<DayRecord>,
    /// Cash over time (seconds, cash), for the chart.
    pub cash_points: Vec<(u64, Cents)>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProductReport {
    pub id: String,
    pub name: String,
    pub price: Cents,
    pub unit_cost: Cents,
    pub on_hand: u64,
    pub arriving: u64,
    pub sold: u64,
    pub sold_today: u64,
    pub missed: u64,
    pub spoiled: u64,
}

impl Report {
    /// Percent of the customers who came that were served.
    pub fn service_percent(&self) -> f64 {
        service_percent(&self.customers)
    }

    /// Customers who walked away, for want of stock or of staff.
    pub fn walked_away(&self) -> u64 {
        self.customers.missed_no_stock + self.customers.missed_queue
    }

    /// Profit as a percent of takings.
    pub fn margin_percent(&self) -> f64 {
        margin_percent(&self.ledger)
    }

    pub fn money(&self, amount: Cents) -> String {
        amount.text(&self.currency)
    }

    pub fn days_name(&self, day: usize) -> &str {
        self.day_names.get(day).map_or("", String::as_str)
    }

    pub fn product(&self, id: &str) -> Option<&ProductReport> {
        self.products.iter().find(|p| p.id == id)
    }
}

/// Percent of the customers who came that were served (all of none).
pub fn service_percent(customers: &Tally) -> f64 {
    let all = customers.customers();
    if all == 0 {
        100.0
    } else {
        customers.served as f64 * 100.0 / all as f64
    }
}

/// Profit as a percent of takings (none when nothing was taken).
pub fn margin_percent(ledger: &Ledger) -> f64 {
    if ledger.takings == Cents::ZERO {
        0.0
    } else {
        ledger.profit().0 as f64 * 100.0 / ledger.takings.0 as f64
    }
}

impl Business {
    pub fn margin_percent(&self) -> f64 {
        margin_percent(&self.ledger)
    }

    /// Every customer so far, today's included.
    pub fn customers(&self) -> Tally {
        let mut all = self.totals;
        if self.open {
            all.served += self.today.served;
            all.missed_no_stock += self.today.missed_no_stock;
            all.missed_queue += self.today.missed_queue;
            all.takings += self.today.takings;
        }
        all
    }

    /// All the figures, for the board and the scene (conditions ask the model
    /// directly: they are checked every simulated second).
    pub fn report(&self) -> Report {
        let setup = &self.setup;
        let day = &setup.days[self.day.min(setup.days.len() - 1)];
        let customers = self.customers();
        let hour = self
            .open
            .then(|| setup.opens_hour + ((self.now - self.day as u64 * DAY) / 3600) as u32);
        Report {
            name: setup.name.clone(),
            language: self.language,
            currency: setup.currency.clone(),
            day: self.day,
            day_name: day.name.clone(),
            day_names: setup.days.iter().map(|d| d.name.clone()).collect(),
            weather: day.weather,
            open: self.open,
            finished: self.finished,
            days_closed: self.history.len(),
            days_total: setup.days.len(),
            hour,
            cash: self.cash,
            profit: self.ledger.profit(),
            stock_value: self.stock_value(),
            loan_balance: self.loan_balance,
            loan_limit: setup.loan.as_ref().map(|l| Cents::rounded(l.limit)),
            ledger: self.ledger,
            staff: self.staff,
            staff_max: setup.staff.max,
            customers,
            today: self.today,
            products: setup
                .products
                .iter()
                .zip(&self.products)
                .map(|(p, s)| ProductReport {
                    id: p.id.clone(),
                    name: p.name.clone(),
                    price: s.price,
                    unit_cost: s.unit_cost,
                    on_hand: s.on_hand(),
                    arriving: s.arriving,
                    sold: s.sold,
                    sold_today: s.sold_today,
                    missed: s.missed,
                    spoiled: s.spoiled,
                })
                .collect(),
            days: self.history.clone(),
            cash_points: self.cash_points.clone(),
        }
    }
}
