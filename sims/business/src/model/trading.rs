//! An open stretch of time: customers arrive for each product; those whose product
//! has sold out walk away; the rest join the queue, unless it is already longer
//! than they will wait; the staff serve the queue in the order it formed; and the
//! till takes the price of each item sold.
//!
//! Each call trades one minute ([`super::TICK`]). Customers who cannot be served at
//! once wait rather than vanish, service time not used on a customer is lost, and
//! the queue a customer will join is measured in the staff's own pace.

use std::collections::VecDeque;

use super::{Business, DAY, Happening};
use crate::demand;

/// A customer joins a queue they will be served from within this many hours
/// (a quarter of an hour), and walks away from a longer one.
pub const PATIENCE_HOURS: f64 = 0.25;

/// Customers waiting, oldest first: one batch per stretch they arrived in, as
/// counts per product.
pub type Queue = VecDeque<Vec<u64>>;

impl Business {
    /// Trades from now to `end`, one tick within one open hour.
    pub(super) fn trade(&mut self, end: u64) {
        let opened_at = self.day as u64 * DAY;
        let hour = ((self.now - opened_at) / 3600) as usize;
        let fraction = (end - self.now) as f64 / 3600.0;
        let share = self.hour_shares.get(hour).copied().unwrap_or(0.0);
        let waiting = self.waiting();

        // Who comes, and who can still be sold what they came for.
        let mut arriving = Vec::with_capacity(self.products.len());
        let mut sold_out = Vec::new();
        for (i, product) in self.setup.products.iter().enumerate() {
            let stock = &mut self.products[i];
            let expected =
                demand::expected_for_day(&self.setup, product, self.day, stock.price.amount())
                    * share
                    * fraction;
            let arrived = stock.arrival.next(expected);
            let free = stock.on_hand() - waiting[i];
            let can_have = arrived.min(free);
            stock.missed += arrived - can_have;
            self.today.missed_no_stock += arrived - can_have;
            if arrived > can_have && !stock.sold_out_told {
                stock.sold_out_told = true;
                sold_out.push(i);
            }
            arriving.push(can_have);
        }
        for product in sold_out {
            self.happen(Happening::SoldOut { product });
        }

        // How many the staff can serve in the time, and how long a queue people
        // will join.
        let rate = f64::from(self.staff) * self.setup.staff.serves_per_hour;
        let capacity_time = rate * fraction + self.capacity_carried;
        let capacity = libm::floor(capacity_time + 1e-9).max(0.0);
        self.capacity_carried = (capacity_time - capacity).max(0.0);
        let capacity = capacity as u64;
        let longest = libm::floor(rate * PATIENCE_HOURS + 1e-9) as u64;
        let queued: u64 = waiting.iter().sum();
        let room = (longest + capacity).saturating_sub(queued);
        let joining = share_out(&arriving, room);
        for (a, j) in arriving.iter().zip(&joining) {
            self.today.missed_queue += a - j;
        }
        if joining.iter().any(|&j| j > 0) {
            self.queue.push_back(joining);
        }

        let served = serve(&mut self.queue, capacity, self.products.len());
        for (i, &sold) in served.iter().enumerate() {
            self.sell(i, sold);
        }
        self.staff_seconds += u64::from(self.staff) * (end - self.now);
        self.now = end;
        if self.now.is_multiple_of(3600) {
            self.mark_cash();
        }
    }

    /// Customers waiting now, per product.
    fn waiting(&self) -> Vec<u64> {
        let mut out = vec![0; self.products.len()];
        for batch in &self.queue {
            for (o, n) in out.iter_mut().zip(batch) {
                *o += n;
            }
        }
        out
    }

    /// Everyone still in the queue at closing walks away unserved.
    pub(super) fn send_queue_home(&mut self) {
        let left: u64 = self.waiting().iter().sum();
        self.today.missed_queue += left;
        self.queue.clear();
    }

    /// "Sold out" is told when a customer is turned away, not when the last item
    /// sells: a shelf that empties at closing lost nobody.
    fn sell(&mut self, product: usize, units: u64) {
        if units == 0 {
            return;
        }
        let stock = &mut self.products[product];
        take_oldest(stock, units);
        stock.sold += units;
        stock.sold_today += units;
        let takings = stock.price.times(units);
        self.ledger.takings += takings;
        self.ledger.cost_of_sales += stock.unit_cost.times(units);
        self.today.served += units;
        self.today.takings += takings;
        self.cash += takings;
    }
}

/// Serves up to `capacity` customers from the front of the queue, each batch in
/// proportion to what its customers want. Returns how many of each product sold.
fn serve(queue: &mut Queue, mut capacity: u64, products: usize) -> Vec<u64> {
    let mut served = vec![0; products];
    while capacity > 0 {
        let Some(front) = queue.front_mut() else {
            break;
        };
        let now = share_out(front, capacity);
        for ((s, f), n) in served.iter_mut().zip(front.iter_mut()).zip(&now) {
            *s += n;
            *f -= n;
        }
        capacity -= now.iter().sum::<u64>();
        if front.iter().all(|&n| n == 0) {
            queue.pop_front();
        }
    }
    served
}

/// Shares `capacity` among those wanting each product, in proportion to how many
/// want it (largest remainder, ties to the earlier product), so a short staff or a
/// long queue turns away customers of every product alike.
pub(crate) fn share_out(wanting: &[u64], capacity: u64) -> Vec<u64> {
    let total: u64 = wanting.iter().sum();
    if total <= capacity {
        return wanting.to_vec();
    }
    let (total, capacity) = (u128::from(total), u128::from(capacity));
    let mut served: Vec<u64> = wanting
        .iter()
        .map(|&w| (u128::from(w) * capacity / total) as u64)
        .collect();
    let mut left = capacity as u64 - served.iter().sum::<u64>();
    let mut order: Vec<usize> = (0..wanting.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(u128::from(wanting[i]) * capacity % total));
    for i in order {
        if left == 0 {
            break;
        }
        if served[i] < wanting[i] {
            served[i] += 1;
            left -= 1;
        }
    }
    served
}

/// Takes `units` off the shelf, oldest first.
fn take_oldest(stock: &mut super::Stock, mut units: u64) {
    while units > 0 {
        let Some(lot) = stock.lots.front_mut() else {
            return;
        };
        let taken = lot.units.min(units);
        lot.units -= taken;
        units -= taken;
        if lot.units == 0 {
            stock.lots.pop_front();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_staff_serves_every_queue_in_proportion() {
        assert_eq!(share_out(&[10, 5], 30), [10, 5]);
        assert_eq!(share_out(&[30, 10], 20), [15, 5]);
        assert_eq!(share_out(&[1, 1, 1], 2), [1, 1, 0]);
        assert_eq!(share_out(&[7, 0, 3], 5), [4, 0, 1]);
        assert_eq!(share_out(&[5, 5], 0), [0, 0]);
        for (wanting, capacity) in [(vec![13, 7, 2], 9), (vec![100, 1], 50)] {
            let served = share_out(&wanting, capacity);
            assert_eq!(served.iter().sum::<u64>(), capacity);
            assert!(served.iter().zip(&wanting).all(|(s, w)| s <= w));
        }
    }

    #[test]
    fn the_queue_is_served_in_the_order_it_formed() {
        let mut queue: Queue = [vec![2, 0], vec![0, 3], vec![1, 1]].into_iter().collect();
        assert_eq!(serve(&mut queue, 4, 2), [2, 2]);
        assert_eq!(queue, [vec![0, 1], vec![1, 1]]);
        assert_eq!(serve(&mut queue, 10, 2), [1, 2]);
        assert!(queue.is_empty());
    }
}
