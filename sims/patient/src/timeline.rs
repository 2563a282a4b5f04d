//! The patient's run for the debrief: NEWS2 and the four vital signs that drive it
//! most, from the model's 10-second trend record of the true state (what the
//! patient was, whether or not the student measured it), as one
//! [`Timeline`](firstshift_draw::chart::Timeline) the player draws and tabulates.

use firstshift_core::{Language, Seconds, clock_text};
use firstshift_draw::chart::{Between, Lane, Role, Series, TimeAxis, Timeline};

use crate::body::Vitals;
use crate::patient::Patient;
use crate::spanish::WORDS;

/// The patient's timeline; its marks are left to the player.
pub fn timeline(patient: &Patient) -> Timeline {
    let trend = patient.trend();
    let l = patient.language();
    let lane = |name: &str, unit: &str, covers: (f64, f64), value: fn(&Vitals) -> f64| Lane {
        name: name.to_owned(),
        unit: unit.to_owned(),
        decimals: 0,
        covers,
        series: vec![Series {
            name: name.to_owned(),
            role: Role::Measured,
            between: Between::Straight,
            points: trend.iter().map(|p| (p.at, value(&p.vitals))).collect(),
        }],
    };
    let news2 = Lane {
        name: "NEWS2".to_owned(),
        unit: String::new(),
        decimals: 0,
        // 0 to the first "urgent response" score, so a 7 always reaches the top.
        covers: (0.0, 7.0),
        series: vec![Series {
            name: "NEWS2".to_owned(),
            role: Role::Measured,
            between: Between::Held,
            points: trend.iter().map(|p| (p.at, f64::from(p.news2))).collect(),
        }],
    };
    Timeline {
        title: WORDS
            .say(l, "The patient over your run: NEWS2 and vital signs")
            .to_owned(),
        summary: summary(l, trend.iter().map(|p| (p.at, p.news2))),
        axis: TimeAxis::Clock,
        end: patient.clock(),
        lanes: vec![
            news2,
            lane(WORDS.say(l, "Heart rate"), "/min", (50.0, 120.0), |v| {
                v.heart_rate
            }),
            lane(WORDS.say(l, "Breathing rate"), "/min", (8.0, 25.0), |v| {
                v.resp_rate
            }),
            lane("SpO2", "%", (88.0, 100.0), |v| v.spo2),
            lane(WORDS.say(l, "Systolic BP"), "mmHg", (90.0, 140.0), |v| {
                v.systolic
            }),
        ],
        marks: Vec::new(),
    }
}

/// How NEWS2 went, in one sentence: where it started, its highest, where it ended.
fn summary(l: Language, scores: impl Iterator<Item = (Seconds, u8)>) -> String {
    let scores: Vec<_> = scores.collect();
    let (Some(&(_, first)), Some(&(_, last))) = (scores.first(), scores.last()) else {
        return WORDS
            .say(l, "The run ended before the patient had a score.")
            .to_owned();
    };
    // The first time it reached its highest.
    let (peak_at, peak) =
        scores.iter().copied().fold(
            (0, first),
            |(at, high), (t, s)| if s > high { (t, s) } else { (at, high) },
        );
    if peak == first {
        WORDS.fill(
            l,
            "NEWS2 was {} at the start, never went higher, and was {} at the end.",
            &[&first, &last],
        )
    } else {
        WORDS.fill(
            l,
            "NEWS2 was {} at the start, reached {} at {}, and was {} at the end.",
            &[&first, &peak, &clock_text(peak_at), &last],
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_summary_names_the_start_the_first_peak_and_the_end() {
        let run = [(0, 3), (60, 5), (120, 7), (180, 7), (240, 4)];
        assert_eq!(
            summary(Language::English, run.into_iter()),
            "NEWS2 was 3 at the start, reached 7 at 2:00, and was 4 at the end."
        );
        assert_eq!(
            summary(Language::English, [(0, 6), (60, 2)].into_iter()),
            "NEWS2 was 6 at the start, never went higher, and was 2 at the end."
        );
        assert!(
            summary(Language::English, std::iter::empty())
                .contains("before the patient had a score")
        );
    }
}
