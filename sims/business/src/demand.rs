//! Who comes to buy: a constant-elasticity demand curve, scaled by the day's crowd
//! and weather and spread over the open hours; and how many of them actually
//! arrive, at random or steadily.
//!
//! With elasticity ε, `customers = reference × (price / reference price)^ε`: a
//! price 1 % higher loses about |ε| % of the customers, whatever the price. Above
//! |ε| = 1 a price rise loses takings; below it a rise gains them (the textbook
//! rule a business student checks on the board).

use rand_core::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;

use crate::setup::{BusinessSetup, Product};

/// Expected customers for `product` over day `day` at `price`; the open hours
/// share them out ([`BusinessSetup::hour_shares`]).
pub fn expected_for_day(setup: &BusinessSetup, product: &Product, day: usize, price: f64) -> f64 {
    let Some(d) = setup.days.get(day) else {
        return 0.0;
    };
    let weather = d.weather.map_or(1.0, |w| w.factor());
    expected_per_day(product, price) * d.crowd * weather
}

/// Customers on an ordinary sunny day at `price`.
pub fn expected_per_day(product: &Product, price: f64) -> f64 {
    let reference = product.reference_price.unwrap_or(product.price);
    if price <= 0.0 || reference <= 0.0 {
        return 0.0;
    }
    product.customers_per_day * libm::pow(price / reference, product.elasticity)
}

/// How many customers arrive in a stretch of time, given how many are expected.
#[derive(Debug, Clone, PartialEq)]
pub enum Arrival {
    /// A Poisson draw from the product's own stream (so a decision about one
    /// product does not reshuffle the luck of another).
    Random(Stream),
    /// The expected number, with the fraction carried to the next stretch.
    Steady { carried: f64 },
}

impl Arrival {
    pub fn next(&mut self, expected: f64) -> u64 {
        match self {
            Arrival::Random(stream) => stream.poisson(expected),
            Arrival::Steady { carried } => {
                let total = *carried + expected.max(0.0);
                // A hair under a whole number is that number: sums of hour shares
                // are not exact in binary.
                let whole = libm::floor(total + 1e-9);
                *carried = (total - whole).max(0.0);
                whole as u64
            }
        }
    }
}

/// One seeded stream of random numbers, the same bits natively and in wasm.
#[derive(Debug, Clone, PartialEq)]
pub struct Stream(Pcg64Mcg);

impl Stream {
    /// The stream for `owner` (a product's index) under the run's seed.
    pub fn new(seed: u64, owner: u64) -> Stream {
        Stream(Pcg64Mcg::seed_from_u64(splitmix(
            splitmix(seed) ^ splitmix(owner),
        )))
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Poisson with mean `mean`: Knuth's product of uniforms in chunks of 30, so
    /// `exp(-mean)` never underflows (a festival hour may expect hundreds).
    pub fn poisson(&mut self, mean: f64) -> u64 {
        let mut left = mean.max(0.0);
        let mut count = 0;
        while left > 0.0 {
            let chunk = left.min(30.0);
            left -= chunk;
            let limit = libm::exp(-chunk);
            let mut product = 1.0 - self.uniform();
            while product > limit {
                count += 1;
                product *= 1.0 - self.uniform();
            }
        }
        count
    }
}

/// SplitMix64's finaliser: spreads nearby seeds far apart.
fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn poisson_draws_have_the_mean_and_variance_of_their_rate() {
        for mean in [0.4, 7.0, 95.0] {
            let mut stream = Stream::new(7, 1);
            let n = 20_000;
            let draws: Vec<f64> = (0..n).map(|_| stream.poisson(mean) as f64).collect();
            let m = draws.iter().sum::<f64>() / n as f64;
            let var = draws.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / n as f64;
            // Standard error of the mean is sqrt(mean / n): within 5 of them.
            assert!(
                (m - mean).abs() < 5.0 * (mean / n as f64).sqrt(),
                "mean {m} for {mean}"
            );
            assert!((var / mean - 1.0).abs() < 0.06, "variance {var} for {mean}");
        }
    }

    #[test]
    fn steady_arrivals_carry_the_fraction() {
        let mut steady = Arrival::Steady { carried: 0.0 };
        let got: Vec<u64> = (0..4).map(|_| steady.next(2.5)).collect();
        assert_eq!(got, [2, 3, 2, 3]);
        let mut thirds = Arrival::Steady { carried: 0.0 };
        assert_eq!((0..3).map(|_| thirds.next(1.0 / 3.0)).sum::<u64>(), 1);
    }
}
