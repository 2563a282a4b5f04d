//! The bedside monitor's scene: it shows what the bedside model says, traces only
//! while a monitor is attached, flashes alarms, and keeps every reading clear of
//! the label and time beside it.

use firstshift_core::SimState;
use firstshift_draw::{Frame, Shape, text_band};
use firstshift_patient::scene::{self, ALARM_RED, GREEN};
use firstshift_patient::{Patient, PatientAction, PatientKind, PatientSetup};

fn opioid_patient() -> Patient {
    let setup: PatientSetup = ron::from_str(
        r#"(name: "Mr. Hale", age: 67,
            baseline: (heart_rate: 80, resp_rate: 16, spo2: 96, systolic: 130, diastolic: 80, temperature: 37.0),
            conditions: [OpioidToxicity(level: 0.9)])"#,
    )
    .unwrap();
    Patient::new(&setup, 3)
}

fn act(patient: &mut Patient, action: PatientAction) {
    let _ = <Patient as SimState<PatientKind>>::act(patient, &action);
}

fn painted(patient: &Patient, sweep: f64, flash_on: bool) -> Frame {
    let mut frame = Frame::new(scene::PANEL);
    scene::paint(&mut frame, patient, sweep, flash_on);
    frame
}

#[test]
fn without_a_monitor_it_shows_the_last_measurements_and_no_traces() {
    let mut patient = opioid_patient();
    act(&mut patient, PatientAction::MeasureVitals);
    let expected_rr = firstshift_patient::bedside::Bedside::of(&patient)
        .row(firstshift_patient::Vital::RespRate)
        .unwrap()
        .value
        .clone()
        .unwrap();
    let frame = painted(&patient, 0.0, false);
    assert!(
        frame
            .texts()
            .any(|t| t.text.starts_with("No monitor attached")),
        "{frame:?}"
    );
    assert!(frame.shows(&expected_rr));
    assert!(frame.shows("at 0:00"));
    assert!(frame.shows("Temp °C"), "every label keeps its degree sign");
    assert!(frame.texts().any(|t| t.text.starts_with("NEWS2 ")));
    assert_eq!(frame.polylines().count(), 0, "no traces without a monitor");
}

#[test]
fn with_a_monitor_it_traces_and_flashes_the_slow_breathing() {
    let mut patient = opioid_patient();
    act(&mut patient, PatientAction::AttachMonitor);
    let frame = painted(&patient, 3.0, true);
    assert!(frame.texts().any(|t| t.text.starts_with("Mr. Hale")));
    assert!(!frame.texts().any(|t| t.text.contains("NO PULSE")));
    let traces: Vec<_> = frame.polylines().collect();
    assert_eq!(traces.len(), 3, "ECG, pleth and respiration");
    let (ecg, colour) = traces[0];
    assert_eq!(colour, GREEN);
    let (low, high) = ecg.iter().fold((f32::MAX, f32::MIN), |(lo, hi), p| {
        (lo.min(p.1), hi.max(p.1))
    });
    assert!(
        high - low > 10.0,
        "the ECG trace rises and falls ({low}..{high})"
    );
    // The trace moves with the sweep and stands still without it.
    assert_ne!(
        painted(&patient, 3.5, true).polylines().next().unwrap().0,
        ecg
    );
    assert_eq!(
        painted(&patient, 3.0, true).polylines().next().unwrap().0,
        ecg
    );
    // The respiratory-rate box is in alarm: red while the flasher is on, not off.
    assert!(
        frame.colours().contains(&ALARM_RED),
        "an alarm colour shows"
    );
    assert!(!painted(&patient, 3.0, false).colours().contains(&ALARM_RED));
}

#[test]
fn no_reading_overlaps_the_label_or_the_time_in_its_box() {
    let mut patient = opioid_patient();
    act(&mut patient, PatientAction::MeasureVitals);
    let frame = painted(&patient, 0.0, false);
    let boxes: Vec<(f32, f32, f32, f32)> = frame
        .shapes
        .iter()
        .filter_map(|s| match s {
            Shape::Rect { x, y, w, h, fill } if *fill == scene::BOX => Some((*x, *y, *w, *h)),
            _ => None,
        })
        .collect();
    assert_eq!(boxes.len(), 6, "six numeric boxes");
    for (x, y, w, h) in boxes {
        let inside: Vec<_> = frame
            .texts()
            .filter(|t| t.x >= x && t.x <= x + w && t.y >= y && t.y <= y + h)
            .collect();
        assert!(
            inside.len() >= 2,
            "a label and a reading in the box at {x},{y}"
        );
        for (i, a) in inside.iter().enumerate() {
            let span_a = a.span().expect("every text in a box is fitted to a width");
            assert!(
                span_a.0 >= x && span_a.1 <= x + w,
                "{:?} stays inside its box",
                a.text
            );
            let band_a = text_band(a);
            assert!(
                band_a.0 >= y - 0.5 && band_a.1 <= y + h + 0.5,
                "{:?} fits the box's height",
                a.text
            );
            for b in &inside[i + 1..] {
                let span_b = b.span().unwrap();
                let band_b = text_band(b);
                let across = span_a.0 < span_b.1 && span_b.0 < span_a.1;
                let down = band_a.0 < band_b.1 && band_b.0 < band_a.1;
                assert!(!(across && down), "{:?} overlaps {:?}", a.text, b.text);
            }
        }
    }
}
