//! An open stretch of time: customers arrive for each product, those whose product
//! has sold out walk away, the staff serve as many of the rest as they can in the
//! time, and the till takes the price of each item sold.

use super::{Business, DAY, Happening};
use crate::demand;

impl Business {
    /// Trades from now to `end`, both within one open hour.
    pub(super) fn trade(&mut self, end: u64) {
        let opened_at = self.day as u64 * DAY;
        let hour = ((self.now - opened_at) / 3600) as usize;
        let fraction = (end - self.now) as f64 / 3600.0;

        // Who comes, and who can be sold what they came for.
        let mut wanting = Vec::with_capacity(self.products.len());
        let mut sold_out = Vec::new();
        for (i, product) in self.setup.products.iter().enumerate() {
            let stock = &mut self.products[i];
            let expected = demand::expected_per_hour(
                &self.setup,
                product,
                self.day,
                hour,
                stock.price.amount(),
            ) * fraction;
            let arrived = stock.arrival.next(expected);
            let can_have = arrived.min(stock.on_hand());
            stock.missed += arrived - can_have;
            self.today.missed_no_stock += arrived - can_have;
            if arrived > can_have && !stock.sold_out_told {
                stock.sold_out_told = true;
                sold_out.push(i);
            }
            wanting.push(can_have);
        }
        for product in sold_out {
            self.happen(Happening::SoldOut { product });
        }

        // How many the staff can serve in the time.
        let capacity_time = f64::from(self.staff) * self.setup.staff.serves_per_hour * fraction
            + self.capacity_carried;
        let capacity = libm::floor(capacity_time + 1e-9).max(0.0);
        self.capacity_carried = (capacity_time - capacity).max(0.0);
        let served = share_out(&wanting, capacity as u64);

        for (i, (&want, &sold)) in wanting.iter().zip(&served).enumerate() {
            self.today.missed_queue += want - sold;
            let stock = &mut self.products[i];
            take_oldest(stock, sold);
            stock.sold += sold;
            stock.sold_today += sold;
            let takings = stock.price.times(sold);
            let cost = stock.unit_cost.times(sold);
            self.ledger.takings += takings;
            self.ledger.cost_of_sales += cost;
            self.today.served += sold;
            self.today.takings += takings;
            self.cash += takings;
            if sold > 0 && stock.on_hand() == 0 && !stock.sold_out_told {
                stock.sold_out_told = true;
                self.happen(Happening::SoldOut { product: i });
            }
        }
        self.staff_seconds += u64::from(self.staff) * (end - self.now);
        self.now = end;
        self.mark_cash();
    }
}

/// Serves `capacity` customers among those waiting for each product, in
/// proportion to how many wait (largest remainder, ties to the earlier product), so
/// a long queue turns away customers of every product alike.
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
    use super::share_out;

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
}
