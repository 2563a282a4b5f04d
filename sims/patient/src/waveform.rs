//! The shapes a bedside monitor draws: an ECG-like trace, a pulse-oximeter
//! plethysmograph and a respiration trace, each a function of the phase within
//! one beat or breath (0 ≤ phase < 1). Pure functions, so the view only samples
//! them and the shapes are tested here.
//!
//! They are teaching pictures, not diagnostic ones: a normal sinus rhythm at
//! whatever rate the model gives, a pulse wave that lags the beat, a breath wave.

/// A bump centred at `at` with width `width` (a Gaussian), height 1.
fn bump(phase: f32, at: f32, width: f32) -> f32 {
    let x = (phase - at) / width;
    libm::expf(-x * x)
}

/// The fraction of a cycle `elapsed` seconds into a rhythm at `per_minute`.
pub fn phase(elapsed_s: f64, per_minute: f64) -> f32 {
    if !(per_minute.is_finite() && per_minute > 0.0 && elapsed_s.is_finite()) {
        return 0.0;
    }
    (elapsed_s * per_minute / 60.0).rem_euclid(1.0) as f32
}

/// One beat of an ECG-like trace, about -0.3 to 1: a P wave, the QRS spike and a T wave.
pub fn ecg(phase: f32) -> f32 {
    0.12 * bump(phase, 0.12, 0.035) - 0.12 * bump(phase, 0.255, 0.012)
        + 1.0 * bump(phase, 0.28, 0.014)
        - 0.25 * bump(phase, 0.305, 0.014)
        + 0.25 * bump(phase, 0.52, 0.06)
}

/// One beat of the pleth wave, 0 to 1: a quick rise after the beat, a slower fall
/// with a small notch (the aortic valve closing).
pub fn pleth(phase: f32) -> f32 {
    let p = (phase - 0.35).rem_euclid(1.0);
    let wave = if p < 0.18 {
        // Smooth rise to the peak.
        0.5 - 0.5 * libm::cosf(std::f32::consts::PI * p / 0.18)
    } else {
        // Exponential-looking fall to the baseline by the next beat.
        let fall = (p - 0.18) / 0.82;
        libm::powf(1.0 - fall, 1.6)
    };
    (wave + 0.12 * bump(p, 0.42, 0.05)).clamp(0.0, 1.0)
}

/// One breath, 0 to 1: inspiration over the first 40 %, expiration after, a pause.
pub fn respiration(phase: f32) -> f32 {
    if phase < 0.4 {
        0.5 - 0.5 * libm::cosf(std::f32::consts::PI * phase / 0.4)
    } else if phase < 0.85 {
        0.5 + 0.5 * libm::cosf(std::f32::consts::PI * (phase - 0.4) / 0.45)
    } else {
        0.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples(f: fn(f32) -> f32) -> Vec<f32> {
        (0..1000).map(|i| f(i as f32 / 1000.0)).collect()
    }

    #[test]
    fn the_qrs_spike_is_the_tallest_part_of_the_ecg() {
        let s = samples(ecg);
        let (at, top) =
            s.iter().enumerate().fold(
                (0, f32::MIN),
                |best, (i, v)| if *v > best.1 { (i, *v) } else { best },
            );
        assert!((0.27..0.29).contains(&(at as f32 / 1000.0)), "peak at {at}");
        assert!((0.95..1.05).contains(&top));
        assert!(s.iter().all(|v| (-0.35..=1.05).contains(v)));
    }

    #[test]
    fn pleth_and_breath_stay_between_zero_and_one_and_join_up() {
        for f in [pleth as fn(f32) -> f32, respiration] {
            let s = samples(f);
            assert!(s.iter().all(|v| (0.0..=1.0).contains(v)));
            assert!(s.iter().any(|v| *v > 0.95), "reaches its peak");
            // The end of one cycle meets the start of the next (no jump on the screen).
            assert!((f(0.0) - f(0.9999)).abs() < 0.05);
        }
        assert!((ecg(0.0) - ecg(0.9999)).abs() < 0.05);
    }

    #[test]
    fn phase_follows_the_rate() {
        assert_eq!(phase(0.0, 60.0), 0.0);
        assert!((phase(0.5, 60.0) - 0.5).abs() < 1e-6);
        assert!((phase(0.25, 120.0) - 0.5).abs() < 1e-6);
        // No rate (arrest) or nonsense: a flat, fixed phase rather than NaN.
        assert_eq!(phase(3.0, 0.0), 0.0);
        assert_eq!(phase(f64::NAN, 70.0), 0.0);
    }
}
