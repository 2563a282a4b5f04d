//! Seeded randomness and the time distributions a station or a source draws from.
//!
//! Every draw goes through [`libm`] rather than `f64::ln` / `cos`, so a run gives the
//! same bits natively and in wasm (std calls the platform's maths library, which may
//! round the last place differently). Each station draws from its own streams
//! (cycle times, failures, defects), so a decision at one station does not reshuffle
//! the luck of the others: comparing two runs shows the decision, not the noise
//! ("common random numbers", the usual practice when comparing alternatives).

use rand_core::{Rng, SeedableRng};
use rand_pcg::Pcg64Mcg;
use serde::{Deserialize, Serialize};

/// One independent stream of random numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct Stream(Pcg64Mcg);

impl Stream {
    /// The stream `purpose` of `owner` under the run's seed.
    pub fn new(seed: u64, owner: u64, purpose: u64) -> Stream {
        let mixed = splitmix(splitmix(seed ^ splitmix(owner)) ^ purpose);
        Stream(Pcg64Mcg::seed_from_u64(mixed))
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Uniform in (0, 1]: safe to take the logarithm of.
    fn positive(&mut self) -> f64 {
        1.0 - self.uniform()
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        p > 0.0 && self.uniform() < p
    }

    /// Exponential with the given mean.
    pub fn exponential(&mut self, mean: f64) -> f64 {
        -mean * libm::log(self.positive())
    }

    /// Weibull with the given mean and shape (`shape` 1 is exponential; above 1 the
    /// chance of failing grows with age, which is what makes preventive maintenance
    /// worth doing).
    pub fn weibull(&mut self, mean: f64, shape: f64) -> f64 {
        let scale = mean / libm::tgamma(1.0 + 1.0 / shape);
        scale * libm::pow(-libm::log(self.positive()), 1.0 / shape)
    }

    /// The rest of a Weibull lifetime that has already lasted `age`: drawn from the
    /// lifetime's distribution given that it got this far (for shape 1, the same as
    /// a fresh one: failures that strike at random have no memory).
    pub fn weibull_after(&mut self, mean: f64, shape: f64, age: f64) -> f64 {
        if age <= 0.0 {
            return self.weibull(mean, shape);
        }
        let scale = mean / libm::tgamma(1.0 + 1.0 / shape);
        let used = libm::pow(age / scale, shape);
        let total = scale * libm::pow(used - libm::log(self.positive()), 1.0 / shape);
        (total - age).max(0.0)
    }

    /// Standard normal (Box–Muller).
    fn standard_normal(&mut self) -> f64 {
        let r = libm::sqrt(-2.0 * libm::log(self.positive()));
        r * libm::cos(std::f64::consts::TAU * self.uniform())
    }
}

/// SplitMix64's finaliser: spreads nearby seeds far apart.
fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// A time in seconds, as a scenario writes it: `Fixed(45)`, `Triangular(40, 45, 70)`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum Distribution {
    /// Always this long.
    Fixed(f64),
    /// Anywhere from the first to the second, evenly.
    Uniform(f64, f64),
    /// Least, most likely, most: how people estimate a task by hand.
    Triangular(f64, f64, f64),
    /// Memoryless, with this mean: arrivals of orders, random repairs.
    Exponential(f64),
    /// Mean and standard deviation, cut off three deviations either side and never
    /// below a tenth of the mean.
    Normal(f64, f64),
}

impl Distribution {
    /// The long-run average, in seconds.
    pub fn mean(&self) -> f64 {
        match *self {
            Distribution::Fixed(x) | Distribution::Exponential(x) | Distribution::Normal(x, _) => x,
            Distribution::Uniform(a, b) => (a + b) / 2.0,
            Distribution::Triangular(a, c, b) => (a + c + b) / 3.0,
        }
    }

    pub fn sample(&self, stream: &mut Stream) -> f64 {
        match *self {
            Distribution::Fixed(x) => x,
            Distribution::Uniform(a, b) => a + (b - a) * stream.uniform(),
            Distribution::Triangular(a, c, b) => {
                // Inverse of the triangular distribution's CDF.
                let u = stream.uniform();
                if b <= a {
                    return a;
                }
                let split = (c - a) / (b - a);
                if u < split {
                    a + libm::sqrt(u * (b - a) * (c - a))
                } else {
                    b - libm::sqrt((1.0 - u) * (b - a) * (b - c))
                }
            }
            Distribution::Exponential(mean) => stream.exponential(mean),
            Distribution::Normal(mean, sd) => {
                let lo = (mean - 3.0 * sd).max(mean / 10.0);
                let hi = mean + 3.0 * sd;
                // Rejection keeps the shape; a bounded number of tries keeps it total.
                for _ in 0..32 {
                    let x = mean + sd * stream.standard_normal();
                    if (lo..=hi).contains(&x) {
                        return x;
                    }
                }
                mean
            }
        }
    }

    /// Why the values cannot be used, if they cannot.
    pub fn problem(&self) -> Option<String> {
        let finite = |xs: &[f64]| xs.iter().all(|x| x.is_finite());
        match *self {
            Distribution::Fixed(x) | Distribution::Exponential(x) if !(x > 0.0 && finite(&[x])) => {
                Some(format!("the time must be more than 0 seconds, not {x}"))
            }
            Distribution::Uniform(a, b) if !(finite(&[a, b]) && 0.0 < a && a <= b) => Some(
                format!("`Uniform(least, most)` needs 0 < least ≤ most; got {a} and {b}"),
            ),
            Distribution::Triangular(a, c, b)
                if !(finite(&[a, b, c]) && 0.0 < a && a <= c && c <= b) =>
            {
                Some(format!(
                    "`Triangular(least, likely, most)` needs 0 < least ≤ likely ≤ most; got {a}, {c}, {b}"
                ))
            }
            Distribution::Normal(m, sd) if !(finite(&[m, sd]) && m > 0.0 && sd >= 0.0) => {
                Some(format!(
                    "`Normal(mean, spread)` needs a mean above 0 and a spread of 0 or more; got {m} and {sd}"
                ))
            }
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn average(d: Distribution, n: usize) -> f64 {
        let mut s = Stream::new(7, 1, 2);
        (0..n).map(|_| d.sample(&mut s)).sum::<f64>() / n as f64
    }

    #[test]
    fn every_distribution_averages_its_mean() {
        for d in [
            Distribution::Fixed(30.0),
            Distribution::Uniform(20.0, 40.0),
            Distribution::Triangular(20.0, 25.0, 45.0),
            Distribution::Exponential(30.0),
            Distribution::Normal(30.0, 4.0),
        ] {
            let got = average(d, 200_000);
            assert!((got - d.mean()).abs() / d.mean() < 0.01, "{d:?}: {got}");
        }
    }

    #[test]
    fn weibull_averages_its_mean_whatever_the_shape() {
        for shape in [1.0, 2.0, 3.5] {
            let mut s = Stream::new(3, 0, 0);
            let got = (0..200_000).map(|_| s.weibull(600.0, shape)).sum::<f64>() / 200_000.0;
            assert!((got - 600.0).abs() < 6.0, "shape {shape}: {got}");
        }
    }

    #[test]
    fn an_old_wearing_machine_fails_sooner_and_a_random_one_does_not_care() {
        let residual = |shape: f64, age: f64| {
            let mut s = Stream::new(5, 0, 0);
            (0..100_000)
                .map(|_| s.weibull_after(600.0, shape, age))
                .sum::<f64>()
                / 100_000.0
        };
        assert!((residual(1.0, 900.0) - 600.0).abs() < 8.0);
        assert!(residual(3.0, 600.0) < 0.5 * residual(3.0, 0.0));
    }

    #[test]
    fn samples_stay_inside_their_range() {
        let mut s = Stream::new(1, 2, 3);
        for _ in 0..100_000 {
            let t = Distribution::Triangular(10.0, 12.0, 30.0).sample(&mut s);
            assert!((10.0..=30.0).contains(&t));
            let n = Distribution::Normal(10.0, 8.0).sample(&mut s);
            assert!((1.0..=34.0).contains(&n), "{n}");
            assert!(Distribution::Exponential(5.0).sample(&mut s) >= 0.0);
        }
    }

    #[test]
    fn streams_are_reproducible_and_independent() {
        let draw = |owner| {
            let mut s = Stream::new(42, owner, 0);
            (0..4).map(|_| s.uniform()).collect::<Vec<_>>()
        };
        assert_eq!(draw(1), draw(1));
        assert_ne!(draw(1), draw(2));
    }

    #[test]
    fn impossible_values_are_explained() {
        assert!(Distribution::Fixed(0.0).problem().is_some());
        assert!(Distribution::Uniform(5.0, 2.0).problem().is_some());
        assert!(Distribution::Triangular(1.0, 5.0, 3.0).problem().is_some());
        assert!(Distribution::Normal(f64::NAN, 1.0).problem().is_some());
        assert!(Distribution::Triangular(1.0, 2.0, 3.0).problem().is_none());
    }
}
