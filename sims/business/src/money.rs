//! Money in whole cents, so that every sum the business reports adds up to the
//! cent: takings, stock bought, wages and interest are each rounded once, where
//! they arise, and never again.

use std::fmt;
use std::ops::{Add, AddAssign, Neg, Sub, SubAssign};

use serde::Serialize;

/// An amount in cents (hundredths of the scenario's currency); negative is owed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Cents(pub i64);

impl Cents {
    pub const ZERO: Cents = Cents(0);

    /// An amount as a scenario writes it (`8.50`), if it has at most two decimals.
    pub fn from_amount(amount: f64) -> Option<Cents> {
        let hundredths = amount * 100.0;
        let whole = libm::round(hundredths);
        (amount.is_finite() && libm::fabs(hundredths - whole) < 1e-6).then_some(Cents(whole as i64))
    }

    /// An amount a decision names, rounded to the nearest cent.
    pub fn rounded(amount: f64) -> Cents {
        Cents(libm::round(amount * 100.0) as i64)
    }

    /// The amount in the currency, for comparisons in conditions (`Cash(AtLeast(500))`).
    pub fn amount(self) -> f64 {
        self.0 as f64 / 100.0
    }

    /// `count` items at this price.
    pub fn times(self, count: u64) -> Cents {
        Cents(self.0 * count as i64)
    }

    /// The amount written for a student: `$1,024.50`, `−$12.00`.
    pub fn text(self, currency: &str) -> String {
        Money(self, currency).to_string()
    }
}

impl Add for Cents {
    type Output = Cents;
    fn add(self, other: Cents) -> Cents {
        Cents(self.0 + other.0)
    }
}

impl Sub for Cents {
    type Output = Cents;
    fn sub(self, other: Cents) -> Cents {
        Cents(self.0 - other.0)
    }
}

impl Neg for Cents {
    type Output = Cents;
    fn neg(self) -> Cents {
        Cents(-self.0)
    }
}

impl AddAssign for Cents {
    fn add_assign(&mut self, other: Cents) {
        self.0 += other.0;
    }
}

impl SubAssign for Cents {
    fn sub_assign(&mut self, other: Cents) {
        self.0 -= other.0;
    }
}

impl std::iter::Sum for Cents {
    fn sum<I: Iterator<Item = Cents>>(iter: I) -> Cents {
        iter.fold(Cents::ZERO, Add::add)
    }
}

/// An amount with its currency sign, with thousands separated by commas.
struct Money<'a>(Cents, &'a str);

impl fmt::Display for Money<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Money(Cents(cents), currency) = *self;
        if cents < 0 {
            f.write_str("−")?;
        }
        let abs = cents.unsigned_abs();
        let whole = (abs / 100).to_string();
        let mut grouped = String::new();
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(',');
            }
            grouped.push(digit);
        }
        write!(f, "{currency}{grouped}.{:02}", abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_are_read_only_with_at_most_two_decimals() {
        assert_eq!(Cents::from_amount(8.5), Some(Cents(850)));
        assert_eq!(Cents::from_amount(0.1 + 0.2), Some(Cents(30)));
        assert_eq!(Cents::from_amount(3.005), None);
        assert_eq!(Cents::from_amount(f64::NAN), None);
        assert_eq!(Cents::rounded(3.005 + 1e-9), Cents(301));
    }

    #[test]
    fn amounts_read_like_money() {
        assert_eq!(Cents(102_450).text("$"), "$1,024.50");
        assert_eq!(Cents(-1200).text("$"), "−$12.00");
        assert_eq!(Cents(5).text("€"), "€0.05");
        assert_eq!(Cents(123_456_789).text("$"), "$1,234,567.89");
        assert_eq!(Cents(100_000).text("$"), "$1,000.00");
    }
}
