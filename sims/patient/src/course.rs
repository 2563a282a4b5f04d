//! How a drug's effect rises and falls after a dose: nothing until the onset, a
//! linear rise to the peak, then a linear fall to nothing at the end of its duration.
//! Coarse, but it has the three numbers a nurse learns for each drug, and it is
//! exact to compute at any second.

use firstshift_core::Seconds;

/// Onset, peak and duration in seconds after the dose.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EffectCourse {
    pub onset: Seconds,
    pub peak: Seconds,
    pub duration: Seconds,
}

impl EffectCourse {
    pub const fn new(onset: Seconds, peak: Seconds, duration: Seconds) -> Self {
        EffectCourse {
            onset,
            peak,
            duration,
        }
    }

    /// The effect (0–1) `since` seconds after the dose.
    pub fn level(&self, since: Seconds) -> f64 {
        let t = since as f64;
        let (onset, peak, end) = (self.onset as f64, self.peak as f64, self.duration as f64);
        if t < onset || t >= end {
            0.0
        } else if t < peak {
            (t - onset) / (peak - onset).max(1.0)
        } else {
            1.0 - (t - peak) / (end - peak).max(1.0)
        }
    }

    /// The share (0–1) of an amount absorbed or infused by `since` seconds: nothing
    /// before the onset, all of it by the peak, evenly in between.
    pub fn absorbed(&self, since: Seconds) -> f64 {
        let t = since as f64;
        let (onset, peak) = (self.onset as f64, self.peak as f64);
        if t <= onset {
            0.0
        } else if t >= peak {
            1.0
        } else {
            (t - onset) / (peak - onset).max(1.0)
        }
    }
}

/// Naloxone 400 micrograms IV: works in a minute or two, wears off in about 45
/// minutes, often before the opioid does.
pub const NALOXONE: EffectCourse = EffectCourse::new(30, 120, 45 * 60);
/// Adrenaline 0.5 mg IM: onset within minutes, peak about 8, largely gone by 25.
pub const ADRENALINE: EffectCourse = EffectCourse::new(60, 8 * 60, 25 * 60);
/// Salbutamol 5 mg nebulised: onset in minutes, peak at about 15, lasts hours.
pub const BRONCHODILATOR: EffectCourse = EffectCourse::new(120, 15 * 60, 4 * 3600);
/// IV antibiotics: slow the infection after half an hour, fully by two hours.
pub const ANTIBIOTICS: EffectCourse = EffectCourse::new(30 * 60, 2 * 3600, 24 * 3600);
/// Paracetamol 1 g: lowers a fever over an hour, for about six.
pub const PARACETAMOL: EffectCourse = EffectCourse::new(30 * 60, 3600, 6 * 3600);
/// Morphine 5 mg IV, absorbed over five minutes.
pub const MORPHINE: EffectCourse = EffectCourse::new(0, 5 * 60, 5 * 60);
/// Oral glucose, absorbed from 5 to 20 minutes.
pub const GLUCOSE_ORAL: EffectCourse = EffectCourse::new(5 * 60, 20 * 60, 20 * 60);
/// IV glucose 10 %, over five minutes.
pub const GLUCOSE_IV: EffectCourse = EffectCourse::new(0, 5 * 60, 5 * 60);
/// Glucagon 1 mg IM: from 5 to 15 minutes.
pub const GLUCAGON: EffectCourse = EffectCourse::new(5 * 60, 15 * 60, 15 * 60);

/// A fluid bolus runs in at 500 ml per 15 minutes.
pub fn fluid_bolus(ml: f64) -> EffectCourse {
    let seconds = (ml.max(1.0) / 500.0 * 900.0).round() as Seconds;
    EffectCourse::new(0, seconds.max(1), seconds.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_rises_to_the_peak_and_falls_to_nothing() {
        let c = EffectCourse::new(60, 180, 300);
        assert_eq!(c.level(0), 0.0);
        assert_eq!(c.level(59), 0.0);
        assert_eq!(c.level(120), 0.5);
        assert_eq!(c.level(180), 1.0);
        assert_eq!(c.level(240), 0.5);
        assert_eq!(c.level(300), 0.0);
    }

    #[test]
    fn absorbed_is_cumulative() {
        assert_eq!(GLUCOSE_ORAL.absorbed(300), 0.0);
        assert_eq!(GLUCOSE_ORAL.absorbed(750), 0.5);
        assert_eq!(GLUCOSE_ORAL.absorbed(5000), 1.0);
        assert_eq!(fluid_bolus(250.0).peak, 450);
    }
}
