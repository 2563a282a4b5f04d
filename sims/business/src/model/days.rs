//! Opening and closing. At opening the orders placed since the last one arrive; at
//! closing what is past its shelf life is thrown away, the day's wages, fixed costs
//! and interest are paid, and the day goes into the record.

use super::{Business, DayRecord, Happening, Lot, Tally};
use crate::money::Cents;

impl Business {
    pub(super) fn open_day(&mut self, day: usize) {
        self.day = day;
        self.open = true;
        self.today = Tally::default();
        self.staff_seconds = 0;
        self.capacity_carried = 0.0;
        self.profit_at_opening = self.ledger.profit();
        self.happen(Happening::Opened { day });
        for i in 0..self.products.len() {
            let stock = &mut self.products[i];
            stock.sold_today = 0;
            stock.sold_out_told = false;
            let units = std::mem::take(&mut stock.arriving);
            if units > 0 {
                stock.lots.push_back(Lot { units, day });
                self.happen(Happening::Delivered { product: i, units });
            }
        }
    }

    pub(super) fn close_day(&mut self) {
        let day = self.day;
        self.send_queue_home();
        let mut spoiled_units = 0;
        for i in 0..self.products.len() {
            let shelf_life = self.setup.products[i].shelf_life_days as usize;
            let stock = &mut self.products[i];
            let mut units = 0;
            stock.lots.retain(|lot| {
                let keeps = day + 1 < lot.day + shelf_life;
                if !keeps {
                    units += lot.units;
                }
                keeps
            });
            if units > 0 {
                stock.spoiled += units;
                spoiled_units += units;
                let cost = stock.unit_cost.times(units);
                self.ledger.spoiled += cost;
                self.happen(Happening::Spoiled {
                    product: i,
                    units,
                    cost,
                });
            }
        }

        let wage = i128::from(Cents::rounded(self.setup.staff.wage_per_hour).0);
        let wages = Cents(((i128::from(self.staff_seconds) * wage + 1800) / 3600) as i64);
        let mut fixed = Cents::rounded(self.setup.fixed_costs_per_day);
        let due: Vec<usize> = (0..self.setup.bills.len())
            .filter(|&i| self.setup.bills[i].day == day + 1)
            .collect();
        for bill in due {
            fixed += Cents::rounded(self.setup.bills[bill].amount);
            self.happen(Happening::BillPaid { bill });
        }
        let rate = self
            .setup
            .loan
            .as_ref()
            .map_or(0.0, |l| l.annual_rate_percent);
        let interest = Cents::rounded(self.loan_balance.amount() * rate / 100.0 / 365.0);
        self.ledger.wages += wages;
        self.ledger.fixed_costs += fixed;
        self.ledger.interest += interest;
        self.pay(wages + fixed + interest);

        self.totals.served += self.today.served;
        self.totals.missed_no_stock += self.today.missed_no_stock;
        self.totals.missed_queue += self.today.missed_queue;
        self.totals.takings += self.today.takings;
        self.history.push(DayRecord {
            day,
            tally: self.today,
            spoiled_units,
            profit: self.ledger.profit() - self.profit_at_opening,
            cash_after: self.cash,
        });
        self.open = false;
        self.happen(Happening::Closed { day });
        if self.cash < Cents::ZERO {
            self.happen(Happening::Overdrawn { by: -self.cash });
        }
        if day + 1 >= self.setup.days.len() {
            self.finished = true;
            self.happen(Happening::Finished);
        }
    }
}
