//! What a scenario file writes after `sim: Business(...)`: the trading days with
//! their weather and crowds, the products with their prices, costs, shelf lives and
//! demand curves, the staff, the fixed costs, the cash in the bank and the loan on
//! offer.
//!
//! Money is written in the scenario's currency with cents (`price: 8.50`) and kept
//! in whole cents from then on ([`crate::money`]). Hours are clock hours; shelf
//! lives are trading days.

use firstshift_core::sim::{SetupKey, SetupProblem};
use serde::{Deserialize, Serialize};

use crate::money::Cents;

/// The business at the start of the scenario, before it opens on the first day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BusinessSetup {
    /// How the student hears the business named ("Rosa's taco truck").
    pub name: String,
    /// Written before every amount ("$", "€").
    #[serde(default = "dollar")]
    pub currency: String,
    /// The clock hour it opens each day (11 for 11 am), for the sentences only:
    /// the scenario's clock starts when it first opens.
    #[serde(default = "eleven")]
    pub opens_hour: u32,
    /// Hours it trades each day.
    pub open_hours: u32,
    /// How the day's customers spread over the open hours, one weight an hour
    /// (`[1, 2, 3, 1]` puts half of them in the lunch hours). Default: evenly.
    #[serde(default)]
    pub hour_weights: Vec<f64>,
    /// The trading days, in order; the run ends when the last one closes.
    pub days: Vec<Day>,
    pub products: Vec<Product>,
    pub staff: Staff,
    /// What a trading day costs whatever is sold: pitch fee, fuel, gas, permits.
    #[serde(default)]
    pub fixed_costs_per_day: f64,
    /// Bills that fall due on one day (rent, a lease payment, an insurance
    /// premium), paid when that day closes and counted with the fixed costs.
    #[serde(default)]
    pub bills: Vec<Bill>,
    /// Money in the bank at the start.
    pub cash: f64,
    /// A loan the bank (or the student council) offers; none: no loan.
    #[serde(default)]
    pub loan: Option<LoanOffer>,
    #[serde(default)]
    pub arrivals: Arrivals,
}

/// One trading day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Day {
    /// "Monday", "Festival Saturday".
    pub name: String,
    /// The forecast, which is also what happens. None: indoors, or the weather
    /// does not change who comes.
    #[serde(default)]
    pub weather: Option<Weather>,
    /// How many more (or fewer) people pass than on an ordinary day: 2 for a
    /// festival, 0.5 for a teacher-training day.
    #[serde(default = "one_f")]
    pub crowd: f64,
}

/// The day's weather and what it does to the number of customers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Weather {
    Sunny,
    Hot,
    Cloudy,
    Cold,
    Rain,
}

impl Weather {
    /// Customers compared with a sunny day. Street food sells best in fine
    /// weather and worst in rain (people stay inside or go to the canteen).
    pub fn factor(self) -> f64 {
        match self {
            Weather::Sunny => 1.0,
            Weather::Hot => 1.15,
            Weather::Cloudy => 0.85,
            Weather::Cold => 0.75,
            Weather::Rain => 0.55,
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            Weather::Sunny => "sunny",
            Weather::Hot => "hot",
            Weather::Cloudy => "cloudy",
            Weather::Cold => "cold",
            Weather::Rain => "rain",
        }
    }
}

/// One thing the business sells, each customer buying one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Product {
    /// Short, for `SetPrice("tacos", 9.50)`: lowercase letters, digits and dashes.
    pub id: String,
    /// What the student reads, in the plural ("taco plates").
    pub name: String,
    /// The price at the start.
    pub price: f64,
    /// What the supplier charges for one; paid when ordered.
    pub unit_cost: f64,
    /// Customers on an ordinary sunny day at `reference_price`.
    pub customers_per_day: f64,
    /// The price at which `customers_per_day` come (default: the starting price).
    #[serde(default)]
    pub reference_price: Option<f64>,
    /// The price elasticity of demand: customers change by about this many
    /// percent for each percent the price rises (−1.5: a price 10 % higher loses
    /// about 15 % of the customers). Negative; −0.3 for a necessity, −2 or below
    /// where there are many other stalls.
    pub elasticity: f64,
    /// Trading days an item keeps: 1 is sold the day it arrives or thrown away at
    /// closing.
    pub shelf_life_days: u32,
    /// Items in stock at the start, fresh on the first day.
    #[serde(default)]
    pub stock: u32,
}

/// A bill due on one trading day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bill {
    /// What it is for ("the truck's monthly lease").
    pub what: String,
    pub amount: f64,
    /// The trading day it is paid at closing: 1 is the first day.
    pub day: usize,
}

/// The people serving.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Staff {
    /// People working at the start.
    pub on_shift: u32,
    /// Most who can work at once (the truck's or the store's room).
    pub max: u32,
    /// Paid for every hour open; zero for volunteers.
    pub wage_per_hour: f64,
    /// Customers one person serves in an hour.
    pub serves_per_hour: f64,
}

/// A loan on offer: drawn and repaid by the student's decisions, interest charged
/// on the balance at every closing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LoanOffer {
    /// The most that can be owed at once.
    pub limit: f64,
    /// Interest a year, percent, charged daily (a 365-day year).
    pub annual_rate_percent: f64,
    /// Who lends ("the credit union"), for the sentences.
    #[serde(default = "the_bank")]
    pub lender: String,
}

/// How customers arrive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Arrivals {
    /// At random around the expected number (a Poisson process), so no two
    /// seeds give the same day.
    #[default]
    Random,
    /// Exactly the expected number, spread evenly: for worked examples and tests.
    Steady,
}

/// Days and products a business may have: enough for a month's trading and a
/// real menu, small enough to read on the board.
pub const MAX_DAYS: usize = 31;
pub const MAX_PRODUCTS: usize = 8;

impl BusinessSetup {
    pub fn product_index(&self, id: &str) -> Option<usize> {
        self.products.iter().position(|p| p.id == id)
    }

    /// Seconds the business trades each day.
    pub fn open_seconds(&self) -> u64 {
        u64::from(self.open_hours) * 3600
    }

    /// Each open hour's share of a day's customers (sums to 1).
    pub fn hour_shares(&self) -> Vec<f64> {
        let n = self.open_hours.max(1) as usize;
        let total: f64 = self.hour_weights.iter().sum();
        if self.hour_weights.len() == n && total > 0.0 {
            self.hour_weights.iter().map(|w| w / total).collect()
        } else {
            vec![1.0 / n as f64; n]
        }
    }

    /// Values the model cannot run, each with where it is and how to fix it.
    pub fn problems(&self) -> Vec<SetupProblem> {
        let mut out = Vec::new();
        let mut push = |path: Vec<SetupKey>, message: String, help: &str| {
            out.push(SetupProblem {
                path,
                message,
                help: help.to_string(),
            });
        };
        let field = |f: &'static str| vec![SetupKey::Field(f)];
        let nested = |list: &'static str, i: usize, f: &'static str| {
            vec![
                SetupKey::Field(list),
                SetupKey::Index(i),
                SetupKey::Field(f),
            ]
        };
        if self.opens_hour > 23 {
            push(
                field("opens_hour"),
                format!(
                    "`opens_hour` of {} is not an hour of the day",
                    self.opens_hour
                ),
                "give the clock hour it opens, 0 to 23 (11 for 11 am)",
            );
        }
        if self.open_hours == 0 || self.opens_hour.saturating_add(self.open_hours) > 24 {
            push(
                field("open_hours"),
                format!(
                    "opening at {} for {} hours does not fit in one day",
                    self.opens_hour, self.open_hours
                ),
                "give the hours it trades each day, at least 1 and ending by midnight",
            );
        }
        if !self.hour_weights.is_empty() {
            if self.hour_weights.len() != self.open_hours as usize {
                push(
                    field("hour_weights"),
                    format!(
                        "`hour_weights` has {} weights for {} open hours",
                        self.hour_weights.len(),
                        self.open_hours
                    ),
                    "give one weight for each hour it is open, or leave `hour_weights` out",
                );
            } else if self
                .hour_weights
                .iter()
                .any(|w| !(*w >= 0.0 && w.is_finite()))
                || self.hour_weights.iter().sum::<f64>() <= 0.0
            {
                push(
                    field("hour_weights"),
                    "`hour_weights` must be zero or more, and not all zero".into(),
                    "a busier hour gets a larger weight, e.g. `[1, 3, 3, 1]`",
                );
            }
        }
        if self.days.is_empty() || self.days.len() > MAX_DAYS {
            push(
                field("days"),
                format!(
                    "a business needs 1 to {MAX_DAYS} trading days, not {}",
                    self.days.len()
                ),
                "list the days it trades, e.g. `days: [(name: \"Monday\", weather: Sunny)]`",
            );
        }
        for (i, day) in self.days.iter().enumerate() {
            if !(day.crowd > 0.0 && day.crowd <= 10.0) {
                push(
                    nested("days", i, "crowd"),
                    format!("`crowd` of {} is outside 0–10", day.crowd),
                    "1 is an ordinary day, 2 twice as many people, 0.5 half as many",
                );
            }
        }
        if self.products.is_empty() || self.products.len() > MAX_PRODUCTS {
            push(
                field("products"),
                format!(
                    "a business needs 1 to {MAX_PRODUCTS} products, not {}",
                    self.products.len()
                ),
                "list what it sells, each with its price, cost and demand",
            );
        }
        for (i, p) in self.products.iter().enumerate() {
            if !is_id(&p.id) {
                push(
                    nested("products", i, "id"),
                    format!("`{}` is not a usable product id", p.id),
                    "use lowercase letters, digits and dashes, e.g. \"tacos\"",
                );
            } else if self.products[..i].iter().any(|q| q.id == p.id) {
                push(
                    nested("products", i, "id"),
                    format!("two products have the id `{}`", p.id),
                    "give each product its own id",
                );
            }
            for (name, value) in [("price", p.price), ("unit_cost", p.unit_cost)] {
                if !valid_money(value) || value <= 0.0 {
                    push(
                        nested("products", i, name),
                        format!("`{name}` of {value} is not a price"),
                        "give an amount above zero, with at most two decimals, e.g. 8.50",
                    );
                }
            }
            if let Some(r) = p.reference_price
                && !(r > 0.0 && valid_money(r))
            {
                push(
                    nested("products", i, "reference_price"),
                    format!("`reference_price` of {r} is not a price"),
                    "the price at which `customers_per_day` come, above zero",
                );
            }
            if !(p.customers_per_day >= 0.0 && p.customers_per_day <= 100_000.0) {
                push(
                    nested("products", i, "customers_per_day"),
                    format!(
                        "`customers_per_day` of {} is outside 0–100000",
                        p.customers_per_day
                    ),
                    "give how many buy it on an ordinary sunny day at the reference price",
                );
            }
            if !(p.elasticity < 0.0 && p.elasticity >= -6.0) {
                push(
                    nested("products", i, "elasticity"),
                    format!("`elasticity` of {} is outside −6 to 0", p.elasticity),
                    "a negative number: −1.5 means a 10 % higher price loses about 15 % of the customers",
                );
            }
            if p.shelf_life_days == 0 {
                push(
                    nested("products", i, "shelf_life_days"),
                    "`shelf_life_days` must be at least 1".into(),
                    "1 is sold the day it arrives or thrown away; 365 for goods that keep",
                );
            }
        }
        let staff = |f: &'static str| vec![SetupKey::Field("staff"), SetupKey::Field(f)];
        if self.staff.max == 0 || self.staff.on_shift > self.staff.max {
            push(
                staff("max"),
                format!(
                    "{} on shift with room for {}",
                    self.staff.on_shift, self.staff.max
                ),
                "`max` is the most who can work at once, at least 1 and at least `on_shift`",
            );
        }
        if !(self.staff.serves_per_hour > 0.0 && self.staff.serves_per_hour <= 1000.0) {
            push(
                staff("serves_per_hour"),
                format!(
                    "`serves_per_hour` of {} is outside 0–1000",
                    self.staff.serves_per_hour
                ),
                "give how many customers one person serves in an hour, e.g. 30",
            );
        }
        if !valid_money(self.staff.wage_per_hour) || self.staff.wage_per_hour < 0.0 {
            push(
                staff("wage_per_hour"),
                format!(
                    "`wage_per_hour` of {} is not an amount",
                    self.staff.wage_per_hour
                ),
                "give the hourly wage, or 0 for volunteers",
            );
        }
        for (name, value) in [
            ("fixed_costs_per_day", self.fixed_costs_per_day),
            ("cash", self.cash),
        ] {
            if !valid_money(value) || value < 0.0 {
                push(
                    field(name),
                    format!("`{name}` of {value} is not an amount"),
                    "give an amount of zero or more, with at most two decimals",
                );
            }
        }
        for (i, bill) in self.bills.iter().enumerate() {
            if !valid_money(bill.amount) || bill.amount <= 0.0 {
                push(
                    nested("bills", i, "amount"),
                    format!("`amount` of {} is not an amount", bill.amount),
                    "give what the bill costs, above zero, with at most two decimals",
                );
            }
            if bill.day == 0 || bill.day > self.days.len() {
                push(
                    nested("bills", i, "day"),
                    format!(
                        "`day` {} is not one of the {} trading days",
                        bill.day,
                        self.days.len()
                    ),
                    "give the trading day it is paid on, counting the first day as 1",
                );
            }
        }
        if let Some(loan) = &self.loan {
            let at = |f: &'static str| vec![SetupKey::Field("loan"), SetupKey::Field(f)];
            if !valid_money(loan.limit) || loan.limit <= 0.0 {
                push(
                    at("limit"),
                    format!("`limit` of {} is not an amount", loan.limit),
                    "give the most that can be borrowed, above zero",
                );
            }
            if !(0.0..=100.0).contains(&loan.annual_rate_percent) {
                push(
                    at("annual_rate_percent"),
                    format!(
                        "`annual_rate_percent` of {} is outside 0–100",
                        loan.annual_rate_percent
                    ),
                    "give the yearly interest rate in percent, e.g. 12; 0 for an interest-free loan",
                );
            }
        }
        out
    }
}

/// Amounts above a billion are a typo, and keep every sum well inside `i64` cents.
fn valid_money(x: f64) -> bool {
    x.is_finite() && x.abs() <= 1e9 && Cents::from_amount(x).is_some()
}

fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

fn dollar() -> String {
    "$".into()
}
fn eleven() -> u32 {
    11
}
fn one_f() -> f64 {
    1.0
}
fn the_bank() -> String {
    "the bank".into()
}
