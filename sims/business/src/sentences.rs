//! Every sentence the business model says to a student, in one place, so that they
//! can be read together; their Spanish is in [`crate::spanish`]. Each is built from
//! the model's numbers at the moment it happened.

use std::fmt::Display;

use firstshift_core::Language;

use crate::kind::{BusinessEvent, EventKind};
use crate::model::decisions::{Done, Refusal};
use crate::model::{Business, Happening};
use crate::money::Cents;
use crate::spanish::WORDS;

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

    /// A phrase of [`WORDS`] in the run's language.
    pub(crate) fn say(&self, english: &'static str) -> &'static str {
        WORDS.say(self.language, english)
    }

    /// A phrase in the run's language, its `{}` slots filled.
    pub(crate) fn fill(&self, english: &'static str, args: &[&dyn Display]) -> String {
        WORDS.fill(self.language, english, args)
    }
}

/// A clock hour as people say it: "11 am", "1 pm", "midnight".
pub fn hour_text(l: Language, hour: u32) -> String {
    match hour % 24 {
        0 => WORDS.say(l, "midnight").into(),
        12 => WORDS.say(l, "noon").into(),
        h @ 1..=11 => WORDS.fill(l, "{} am", &[&h]),
        h => WORDS.fill(l, "{} pm", &[&(h - 12)]),
    }
}

pub(crate) fn happening(b: &Business, at: u64, h: &Happening) -> BusinessEvent {
    match *h {
        Happening::Opened { day } => {
            let weather = b.setup.days[day]
                .weather
                .map_or(String::new(), |w| format!(" ({})", b.say(w.word())));
            event(
                EventKind::Opened,
                None,
                b.fill(
                    "{}{}: open at {}, {} on shift.",
                    &[
                        &b.day_name(day),
                        &weather,
                        &hour_text(b.language, b.setup.opens_hour),
                        &people(b, b.staff),
                    ],
                ),
            )
        }
        Happening::Delivered { product, units } => event(
            EventKind::Delivered,
            b.product_id(product),
            b.fill(
                "The delivery is in: {} {}.",
                &[&units, &b.product_name(product)],
            ),
        ),
        Happening::SoldOut { product } => {
            let hour = b.setup.opens_hour + ((at % crate::model::DAY) / 3600) as u32;
            event(
                EventKind::SoldOut,
                b.product_id(product),
                b.fill(
                    "Out of {} around {}: customers who wanted them walk away.",
                    &[
                        &b.product_name(product),
                        &hour_text(b.language, hour.min(23)),
                    ],
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
            b.fill(
                "{} {} past their shelf life go in the bin ({} of stock).",
                &[&units, &b.product_name(product), &b.money(cost)],
            ),
        ),
        Happening::BillPaid { bill } => {
            let bill = &b.setup.bills[bill];
            event(
                EventKind::BillPaid,
                None,
                b.fill(
                    "{} is due today: {} leaves the bank at closing.",
                    &[
                        &capitalised(&bill.what),
                        &b.money(Cents::rounded(bill.amount)),
                    ],
                ),
            )
        }
        Happening::Closed { day } => {
            let record = b.history.iter().find(|r| r.day == day);
            let text = match record {
                Some(r) => {
                    let walked = r.tally.missed_no_stock + r.tally.missed_queue;
                    b.fill(
                        "{} closes: {} customers served{}, takings {}, {} for the day.",
                        &[
                            &b.day_name(day),
                            &r.tally.served,
                            &if walked > 0 {
                                b.fill(", {} walked away", &[&walked])
                            } else {
                                String::new()
                            },
                            &b.money(r.tally.takings),
                            &profit_words(b, r.profit),
                        ],
                    )
                }
                None => b.fill("{} closes.", &[&b.day_name(day)]),
            };
            event(EventKind::Closed, None, text)
        }
        Happening::Overdrawn { by } => event(
            EventKind::Overdrawn,
            None,
            b.fill(
                "The bank account is overdrawn by {}: the bank charges fees and may stop payments.",
                &[&b.money(by)],
            ),
        ),
        Happening::Finished => event(
            EventKind::Finished,
            None,
            b.fill(
                "The last day is over: {} in the bank, {} over the {} days.",
                &[
                    &b.money(b.cash),
                    &profit_words(b, b.ledger.profit()),
                    &b.setup.days.len(),
                ],
            ),
        ),
    }
}

fn profit_words(b: &Business, profit: Cents) -> String {
    if profit < Cents::ZERO {
        b.fill("a loss of {}", &[&b.money(-profit)])
    } else {
        b.fill("a profit of {}", &[&b.money(profit)])
    }
}

fn people(b: &Business, n: u32) -> String {
    match n {
        0 => b.say("nobody").into(),
        1 => b.say("1 person").into(),
        n => b.fill("{} people", &[&n]),
    }
}

pub(crate) fn decision(b: &Business, done: &Done) -> BusinessEvent {
    let (product, text) = match *done {
        Done::Priced { product, was } => (
            Some(product),
            b.fill(
                "{} now cost {} each (were {}).",
                &[
                    &capitalised(b.product_name(product)),
                    &b.money(b.products[product].price),
                    &b.money(was),
                ],
            ),
        ),
        Done::Ordered {
            product,
            units,
            cost,
        } => (
            Some(product),
            b.fill(
                "Ordered {} {} for {}, paid now; they arrive when you open on {}.",
                &[
                    &units,
                    &b.product_name(product),
                    &b.money(cost),
                    &b.day_name(b.day + 1),
                ],
            ),
        ),
        Done::Staffed { was } => (
            None,
            b.fill(
                "{} on shift from now on (was {}).",
                &[&capitalised(&people(b, b.staff)), &people(b, was)],
            ),
        ),
        Done::Borrowed { amount } => (
            None,
            b.fill(
                "You borrow {} from {}; you owe {} now.",
                &[
                    &b.money(amount),
                    &b.setup
                        .loan
                        .as_ref()
                        .map_or_else(|| b.say("the bank"), |l| l.lender.as_str()),
                    &b.money(b.loan_balance),
                ],
            ),
        ),
        Done::Repaid { amount } => (
            None,
            b.fill(
                "You repay {}; you owe {} now.",
                &[&b.money(amount), &b.money(b.loan_balance)],
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
        Refusal::NoProduct(id) => b.fill("This business sells no `{}`.", &[id]),
        Refusal::BadPrice { product, price } => b.fill(
            "{} is not a price for {}: it must be above zero.",
            &[price, &b.product_name(*product)],
        ),
        Refusal::BadQuantity => b.fill(
            "An order must be for 1 to {} items.",
            &[&crate::model::decisions::MAX_ORDER],
        ),
        Refusal::NoMoreDeliveries => b
            .say("No more deliveries: this is the last trading day, so anything ordered would arrive after the business has closed for good.")
            .into(),
        Refusal::CannotAfford { cost } => b.fill(
            "That costs {} and the bank holds {}: spend less, or borrow first.",
            &[&b.money(*cost), &b.money(b.cash)],
        ),
        Refusal::TooManyStaff { wanted } => b.fill(
            "There is room for {} at once, not {}.",
            &[&people(b, b.setup.staff.max), wanted],
        ),
        Refusal::NoLoanOffered => b.say("No one has offered this business a loan.").into(),
        Refusal::BadAmount => b.say("The amount must be above zero.").into(),
        Refusal::OverLimit { limit } => b.fill(
            "The loan's limit is {}; you owe {} already.",
            &[&b.money(*limit), &b.money(b.loan_balance)],
        ),
        Refusal::NothingOwed => b.say("There is no loan to repay.").into(),
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
    use firstshift_core::Language;

    #[test]
    fn hours_read_as_people_say_them() {
        let en = Language::English;
        assert_eq!(hour_text(en, 11), "11 am");
        assert_eq!(hour_text(en, 12), "noon");
        assert_eq!(hour_text(en, 13), "1 pm");
        assert_eq!(hour_text(en, 0), "midnight");
        assert_eq!(hour_text(Language::Spanish, 13), "1 p. m.");
    }
}
