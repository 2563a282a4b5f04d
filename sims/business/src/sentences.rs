//! Every sentence the business model says to a student, in one place, so that they
//! can be read (and, later, translated) together. Each is built from the model's
//! numbers at the moment it happened.

use crate::kind::{BusinessEvent, EventKind};
use crate::model::decisions::{Done, Refusal};
use crate::model::{Business, Happening};
use crate::money::Cents;

fn event(kind: EventKind, product: Option<&str>, text: String) -> BusinessEvent {
    BusinessEvent {
        kind,
        product: product.map(str::to_string),
        text,
    }
}

impl Business {
    fn money(&self, amount: Cents) -> String {
        amount.text(&self.setup.currency)
    }

    fn product_name(&self, i: usize) -> &str {
        &self.setup.products[i].name
    }

    fn product_id(&self, i: usize) -> Option<&str> {
        Some(&self.setup.products[i].id)
    }

    fn day_name(&self, day: usize) -> &str {
        &self.setup.days[day].name
    }
}

/// A clock hour as people say it: "11 am", "1 pm", "midnight".
pub fn hour_text(hour: u32) -> String {
    match hour % 24 {
        0 => "midnight".into(),
        12 => "noon".into(),
        h @ 1..=11 => format!("{h} am"),
        h => format!("{} pm", h - 12),
    }
}

pub(crate) fn happening(b: &Business, at: u64, h: &Happening) -> BusinessEvent {
    match *h {
        Happening::Opened { day } => {
            let weather = b.setup.days[day]
                .weather
                .map_or(String::new(), |w| format!(" ({})", w.word()));
            event(
                EventKind::Opened,
                None,
                format!(
                    "{}{weather}: open at {}, {} on shift.",
                    b.day_name(day),
                    hour_text(b.setup.opens_hour),
                    people(b.staff)
                ),
            )
        }
        Happening::Delivered { product, units } => event(
            EventKind::Delivered,
            b.product_id(product),
            format!("The delivery is in: {units} {}.", b.product_name(product)),
        ),
        Happening::SoldOut { product } => {
            let hour = b.setup.opens_hour + ((at % crate::model::DAY) / 3600) as u32;
            event(
                EventKind::SoldOut,
                b.product_id(product),
                format!(
                    "Out of {} around {}: customers who wanted them walk away.",
                    b.product_name(product),
                    hour_text(hour.min(23))
                ),
            )
        }
        Happening::Spoiled {
            product,
            units,
            cost,
        } => event(
            EventKind::Spoiled,
            b.product_id(product),
            format!(
                "{units} {} past their shelf life go in the bin ({} of stock).",
                b.product_name(product),
                b.money(cost)
            ),
        ),
        Happening::BillPaid { bill } => {
            let bill = &b.setup.bills[bill];
            event(
                EventKind::BillPaid,
                None,
                format!(
                    "{} is due today: {} leaves the bank at closing.",
                    capitalised(&bill.what),
                    b.money(Cents::rounded(bill.amount))
                ),
            )
        }
        Happening::Closed { day } => {
            let record = b.history.iter().find(|r| r.day == day);
            let text = match record {
                Some(r) => {
                    let walked = r.tally.missed_no_stock + r.tally.missed_queue;
                    format!(
                        "{} closes: {} customers served{}, takings {}, {} for the day.",
                        b.day_name(day),
                        r.tally.served,
                        if walked > 0 {
                            format!(", {walked} walked away")
                        } else {
                            String::new()
                        },
                        b.money(r.tally.takings),
                        profit_words(b, r.profit)
                    )
                }
                None => format!("{} closes.", b.day_name(day)),
            };
            event(EventKind::Closed, None, text)
        }
        Happening::Overdrawn { by } => event(
            EventKind::Overdrawn,
            None,
            format!(
                "The bank account is overdrawn by {}: the bank charges fees and may stop payments.",
                b.money(by)
            ),
        ),
        Happening::Finished => event(
            EventKind::Finished,
            None,
            format!(
                "The last day is over: {} in the bank, {} over the {} days.",
                b.money(b.cash),
                profit_words(b, b.ledger.profit()),
                b.setup.days.len()
            ),
        ),
    }
}

fn profit_words(b: &Business, profit: Cents) -> String {
    if profit < Cents::ZERO {
        format!("a loss of {}", b.money(-profit))
    } else {
        format!("a profit of {}", b.money(profit))
    }
}

fn people(n: u32) -> String {
    match n {
        0 => "nobody".into(),
        1 => "1 person".into(),
        n => format!("{n} people"),
    }
}

pub(crate) fn decision(b: &Business, done: &Done) -> BusinessEvent {
    let (product, text) = match *done {
        Done::Priced { product, was } => (
            Some(product),
            format!(
                "{} now cost {} each (were {}).",
                capitalised(b.product_name(product)),
                b.money(b.products[product].price),
                b.money(was)
            ),
        ),
        Done::Ordered {
            product,
            units,
            cost,
        } => (
            Some(product),
            format!(
                "Ordered {units} {} for {}, paid now; they arrive when you open on {}.",
                b.product_name(product),
                b.money(cost),
                b.day_name(b.day + 1)
            ),
        ),
        Done::Staffed { was } => (
            None,
            format!(
                "{} on shift from now on (was {}).",
                capitalised(&people(b.staff)),
                people(was)
            ),
        ),
        Done::Borrowed { amount } => (
            None,
            format!(
                "You borrow {} from {}; you owe {} now.",
                b.money(amount),
                b.setup.loan.as_ref().map_or("the bank", |l| &l.lender),
                b.money(b.loan_balance)
            ),
        ),
        Done::Repaid { amount } => (
            None,
            format!(
                "You repay {}; you owe {} now.",
                b.money(amount),
                b.money(b.loan_balance)
            ),
        ),
    };
    event(
        EventKind::Decision,
        product.and_then(|i| b.product_id(i)),
        text,
    )
}

pub(crate) fn refusal(b: &Business, why: &Refusal) -> BusinessEvent {
    let text = match why {
        Refusal::NoProduct(id) => format!("This business sells no `{id}`."),
        Refusal::BadPrice { product, price } => format!(
            "{price} is not a price for {}: it must be above zero.",
            b.product_name(*product)
        ),
        Refusal::BadQuantity => format!(
            "An order must be for 1 to {} items.",
            crate::model::decisions::MAX_ORDER
        ),
        Refusal::NoMoreDeliveries => {
            "No more deliveries: this is the last trading day, so anything ordered would arrive after the business has closed for good.".into()
        }
        Refusal::CannotAfford { cost } => format!(
            "That costs {} and the bank holds {}: spend less, or borrow first.",
            b.money(*cost),
            b.money(b.cash)
        ),
        Refusal::TooManyStaff { wanted } => format!(
            "There is room for {} at once, not {wanted}.",
            people(b.setup.staff.max)
        ),
        Refusal::NoLoanOffered => "No one has offered this business a loan.".into(),
        Refusal::BadAmount => "The amount must be above zero.".into(),
        Refusal::OverLimit { limit } => format!(
            "The loan's limit is {}; you owe {} already.",
            b.money(*limit),
            b.money(b.loan_balance)
        ),
        Refusal::NothingOwed => "There is no loan to repay.".into(),
    };
    let product = match why {
        Refusal::BadPrice { product, .. } => b.product_id(*product),
        _ => None,
    };
    event(EventKind::Refused, product, text)
}

pub(crate) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::hour_text;

    #[test]
    fn hours_read_as_people_say_them() {
        assert_eq!(hour_text(11), "11 am");
        assert_eq!(hour_text(12), "noon");
        assert_eq!(hour_text(13), "1 pm");
        assert_eq!(hour_text(0), "midnight");
    }
}
