//! The business as a scenario sees it: the decisions a choice can take, the
//! questions a condition can ask, and the events a run reports.
//!
//! Amounts in decisions and questions are in the scenario's currency
//! (`Cash(AtLeast(500))`), percentages are 0–100, products are named by id.

use firstshift_core::sim::{SetupProblem, SimModel, SimTemplate, UseProblem, UseProblemKind};
use firstshift_core::{Compare, Seconds, SimKind, SimState};
use serde::{Deserialize, Serialize};

use crate::model::Business;
use crate::money::Cents;
use crate::report::service_percent;
use crate::sentences;
use crate::setup::BusinessSetup;

/// The small business as a [`SimKind`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BusinessKind;

impl SimKind for BusinessKind {
    type Setup = BusinessSetup;
    type Action = BusinessAction;
    type Query = BusinessQuery;
    type Event = BusinessEvent;
    type State = Business;

    fn start(setup: &BusinessSetup, seed: u64) -> Business {
        Business::new(setup, seed)
    }
}

/// What a choice can do (`do: [Sim(SetPrice("tacos", 9.50))]`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum BusinessAction {
    /// The product's price from now on.
    SetPrice(String, f64),
    /// Buys this many, paid now, delivered when the business next opens.
    Order(String, u32),
    /// People on shift from now on (paid for every hour open).
    Staff(u32),
    /// Draws this much more of the loan on offer.
    TakeLoan(f64),
    /// Pays back this much of the loan (or all that is owed, if less).
    RepayLoan(f64),
}

/// What a condition can ask (`when: Sim(Profit(AtLeast(300)))`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum BusinessQuery {
    /// Money in the bank now.
    Cash(Compare),
    /// Takings less the cost of what sold, spoilage, wages, fixed costs and interest.
    Profit(Compare),
    Takings(Compare),
    /// Profit as a percent of takings.
    Margin(Compare),
    /// Items of the product sold so far.
    Sold(String, Compare),
    /// Items of the product on the shelf now.
    Stock(String, Compare),
    /// The product has run out, and customers asked for it.
    SoldOut(String),
    /// Items thrown away past their shelf life, all products.
    Spoiled(Compare),
    /// Customers who walked away, for want of stock or of staff.
    WalkedAway(Compare),
    /// Percent of the customers who came that were served.
    ServiceLevel(Compare),
    /// What is owed on the loan now.
    LoanBalance(Compare),
    /// The bank balance is below zero.
    Overdrawn,
    /// Trading days closed so far.
    DaysClosed(Compare),
    /// The last day has closed.
    Finished,
}

/// A written example of every decision and question that takes a value, so that an
/// author who wrote the bare word is shown what goes inside.
pub const EXAMPLES: &[(&str, &str)] = &[
    ("SetPrice", "SetPrice(\"tacos\", 9.50)"),
    ("Order", "Order(\"tacos\", 120)"),
    ("Staff", "Staff(3)"),
    ("TakeLoan", "TakeLoan(500)"),
    ("RepayLoan", "RepayLoan(500)"),
    ("Cash", "Cash(AtLeast(500))"),
    ("Profit", "Profit(AtLeast(300))"),
    ("Takings", "Takings(AtLeast(2000))"),
    ("Margin", "Margin(AtLeast(20))"),
    ("Sold", "Sold(\"tacos\", AtLeast(400))"),
    ("Stock", "Stock(\"tacos\", AtMost(20))"),
    ("SoldOut", "SoldOut(\"tacos\")"),
    ("Spoiled", "Spoiled(AtMost(30))"),
    ("WalkedAway", "WalkedAway(AtMost(50))"),
    ("ServiceLevel", "ServiceLevel(AtLeast(90))"),
    ("LoanBalance", "LoanBalance(Equals(0))"),
    ("DaysClosed", "DaysClosed(AtLeast(3))"),
];

impl BusinessAction {
    /// The product id it names, for the validator.
    pub fn product(&self) -> Option<&str> {
        match self {
            BusinessAction::SetPrice(p, _) | BusinessAction::Order(p, _) => Some(p),
            _ => None,
        }
    }
}

impl BusinessQuery {
    /// The product id it names, for the validator.
    pub fn product(&self) -> Option<&str> {
        match self {
            BusinessQuery::Sold(p, _) | BusinessQuery::Stock(p, _) | BusinessQuery::SoldOut(p) => {
                Some(p)
            }
            _ => None,
        }
    }
}

impl SimModel for BusinessKind {
    const EXAMPLES: &'static [(&'static str, &'static str)] = EXAMPLES;
    const TEMPLATE: SimTemplate = SimTemplate {
        name: "business",
        summary: "A small business to run for a few days: prices, stock, staff and cash.",
        scenario: include_str!("../templates/business.ron"),
        plays: include_str!("../templates/business.plays.ron"),
    };

    fn setup_problems(setup: &BusinessSetup) -> Vec<SetupProblem> {
        setup.problems()
    }

    fn action_problems(setup: &BusinessSetup, action: &BusinessAction) -> Vec<UseProblem> {
        let mut out: Vec<UseProblem> = unknown_product(setup, action.product())
            .into_iter()
            .collect();
        if matches!(
            action,
            BusinessAction::TakeLoan(_) | BusinessAction::RepayLoan(_)
        ) && setup.loan.is_none()
        {
            out.push(UseProblem {
                kind: UseProblemKind::NoAnswer,
                message: "this business has no loan on offer, so the decision will be refused".into(),
                label: "needs a loan".into(),
                help: "add `loan: (limit: 1000, annual_rate_percent: 10)` to the setup, or take this decision out".into(),
            });
        }
        out
    }

    fn query_problems(setup: &BusinessSetup, query: &BusinessQuery) -> Vec<UseProblem> {
        unknown_product(setup, query.product())
            .into_iter()
            .collect()
    }

    /// The business's name, each day's, each product's and each bill's, and the
    /// lender: `days.0.name`, `products.1.name`, `bills.0.what`, `loan.lender`.
    /// Product ids, which decisions name, are never translated.
    fn visit_setup_texts(setup: &mut BusinessSetup, visit: &mut dyn FnMut(&str, &mut String)) {
        visit("name", &mut setup.name);
        for (i, day) in setup.days.iter_mut().enumerate() {
            visit(&format!("days.{i}.name"), &mut day.name);
        }
        for (i, product) in setup.products.iter_mut().enumerate() {
            visit(&format!("products.{i}.name"), &mut product.name);
        }
        for (i, bill) in setup.bills.iter_mut().enumerate() {
            visit(&format!("bills.{i}.what"), &mut bill.what);
        }
        if let Some(loan) = &mut setup.loan {
            visit("loan.lender", &mut loan.lender);
        }
    }

    fn event_text(event: &BusinessEvent) -> &str {
        &event.text
    }

    fn status_lines(business: &Business) -> Vec<String> {
        crate::board::lines(&business.report())
    }
}

/// A product named in a decision or a question that the business does not sell.
fn unknown_product(setup: &BusinessSetup, id: Option<&str>) -> Option<UseProblem> {
    let id = id?;
    if setup.product_index(id).is_some() {
        return None;
    }
    let known: Vec<String> = setup.products.iter().map(|p| p.id.clone()).collect();
    Some(UseProblem {
        kind: UseProblemKind::UnknownName {
            name: id.to_string(),
            known: known.clone(),
        },
        message: format!("the business sells no product `{id}`"),
        label: "named here".into(),
        help: format!("the products are: {}", known.join(", ")),
    })
}

/// What the run reports, with the sentence the player shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BusinessEvent {
    pub kind: EventKind,
    /// The product it is about, by id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    Opened,
    Delivered,
    SoldOut,
    Spoiled,
    BillPaid,
    Closed,
    Overdrawn,
    Finished,
    /// What a decision did.
    Decision,
    /// A decision that could not be carried out, and why.
    Refused,
}

impl Business {
    fn events(&mut self) -> Vec<BusinessEvent> {
        self.take_happenings()
            .into_iter()
            .map(|(at, h)| sentences::happening(self, at, &h))
            .collect()
    }
}

impl SimState<BusinessKind> for Business {
    fn advance(&mut self, to: Seconds) -> Vec<BusinessEvent> {
        self.run_until(to);
        self.events()
    }

    fn act(&mut self, action: &BusinessAction) -> Vec<BusinessEvent> {
        let outcome = match action {
            BusinessAction::SetPrice(id, price) => self.set_price(id, *price),
            BusinessAction::Order(id, units) => self.order(id, *units),
            BusinessAction::Staff(people) => self.set_staff(*people),
            BusinessAction::TakeLoan(amount) => self.borrow(*amount),
            BusinessAction::RepayLoan(amount) => self.repay(*amount),
        };
        let mut events = self.events();
        events.push(match outcome {
            Ok(done) => sentences::decision(self, &done),
            Err(why) => sentences::refusal(self, &why),
        });
        events
    }

    fn set_language(&mut self, language: firstshift_core::Language) {
        self.language = language;
    }

    fn holds(&self, query: &BusinessQuery) -> bool {
        let product = |id: &str| self.setup().product_index(id).map(|i| &self.products[i]);
        let customers = self.customers();
        let walked = customers.missed_no_stock + customers.missed_queue;
        match query {
            BusinessQuery::Cash(c) => c.test(self.cash().amount()),
            BusinessQuery::Profit(c) => c.test(self.ledger.profit().amount()),
            BusinessQuery::Takings(c) => c.test(self.ledger.takings.amount()),
            BusinessQuery::Margin(c) => c.test(self.margin_percent()),
            BusinessQuery::Sold(id, c) => product(id).is_some_and(|p| c.test(p.sold as f64)),
            BusinessQuery::Stock(id, c) => product(id).is_some_and(|p| c.test(p.on_hand() as f64)),
            BusinessQuery::SoldOut(id) => {
                product(id).is_some_and(|p| p.on_hand() == 0 && p.missed > 0)
            }
            BusinessQuery::Spoiled(c) => {
                c.test(self.products.iter().map(|p| p.spoiled).sum::<u64>() as f64)
            }
            BusinessQuery::WalkedAway(c) => c.test(walked as f64),
            BusinessQuery::ServiceLevel(c) => c.test(service_percent(&customers)),
            BusinessQuery::LoanBalance(c) => c.test(self.loan_balance().amount()),
            BusinessQuery::Overdrawn => self.cash() < Cents::ZERO,
            BusinessQuery::DaysClosed(c) => c.test(self.history.len() as f64),
            BusinessQuery::Finished => self.is_finished(),
        }
    }
}
