//! What a student's decision changes. Each returns what it did in words, or why it
//! could not be done (the business is unchanged then).

use super::Business;
use crate::money::Cents;

/// The most of one product a single order may bring: a lorry, not a warehouse.
pub const MAX_ORDER: u32 = 100_000;

/// What a decision did, in numbers, for the sentences.
#[derive(Debug, Clone, PartialEq)]
pub enum Done {
    Priced {
        product: usize,
        was: Cents,
    },
    Ordered {
        product: usize,
        units: u32,
        cost: Cents,
    },
    Staffed {
        was: u32,
    },
    Borrowed {
        amount: Cents,
    },
    Repaid {
        amount: Cents,
    },
}

/// Why a decision could not be carried out.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    NoProduct(String),
    BadPrice { product: usize, price: f64 },
    BadQuantity,
    NoMoreDeliveries,
    CannotAfford { cost: Cents },
    TooManyStaff { wanted: u32 },
    NoLoanOffered,
    BadAmount,
    OverLimit { limit: Cents },
    NothingOwed,
}

impl Business {
    fn product(&self, id: &str) -> Result<usize, Refusal> {
        self.setup
            .product_index(id)
            .ok_or_else(|| Refusal::NoProduct(id.to_string()))
    }

    pub(crate) fn set_price(&mut self, id: &str, price: f64) -> Result<Done, Refusal> {
        let product = self.product(id)?;
        let cents = Cents::rounded(price);
        if !(price.is_finite() && cents > Cents::ZERO && price <= 1e6) {
            return Err(Refusal::BadPrice { product, price });
        }
        let was = std::mem::replace(&mut self.products[product].price, cents);
        Ok(Done::Priced { product, was })
    }

    /// Paid now; delivered at the next opening.
    pub(crate) fn order(&mut self, id: &str, units: u32) -> Result<Done, Refusal> {
        let product = self.product(id)?;
        if units == 0 || units > MAX_ORDER {
            return Err(Refusal::BadQuantity);
        }
        if self.finished || self.day + 1 >= self.setup.days.len() {
            return Err(Refusal::NoMoreDeliveries);
        }
        let cost = self.products[product].unit_cost.times(u64::from(units));
        if cost > self.cash {
            return Err(Refusal::CannotAfford { cost });
        }
        self.products[product].arriving += u64::from(units);
        self.ledger.bought += cost;
        self.pay(cost);
        Ok(Done::Ordered {
            product,
            units,
            cost,
        })
    }

    pub(crate) fn set_staff(&mut self, people: u32) -> Result<Done, Refusal> {
        if people > self.setup.staff.max {
            return Err(Refusal::TooManyStaff { wanted: people });
        }
        let was = std::mem::replace(&mut self.staff, people);
        Ok(Done::Staffed { was })
    }

    pub(crate) fn borrow(&mut self, amount: f64) -> Result<Done, Refusal> {
        let Some(offer) = &self.setup.loan else {
            return Err(Refusal::NoLoanOffered);
        };
        let amount = Cents::rounded(amount);
        if amount <= Cents::ZERO {
            return Err(Refusal::BadAmount);
        }
        let limit = Cents::rounded(offer.limit);
        if self.loan_balance + amount > limit {
            return Err(Refusal::OverLimit { limit });
        }
        self.loan_balance += amount;
        self.ledger.borrowed += amount;
        self.pay(-amount);
        Ok(Done::Borrowed { amount })
    }

    /// Repays up to what is owed.
    pub(crate) fn repay(&mut self, amount: f64) -> Result<Done, Refusal> {
        if self.loan_balance == Cents::ZERO {
            return Err(Refusal::NothingOwed);
        }
        let amount = Cents::rounded(amount).min(self.loan_balance);
        if amount <= Cents::ZERO {
            return Err(Refusal::BadAmount);
        }
        if amount > self.cash {
            return Err(Refusal::CannotAfford { cost: amount });
        }
        self.loan_balance -= amount;
        self.ledger.repaid += amount;
        self.pay(amount);
        Ok(Done::Repaid { amount })
    }
}
