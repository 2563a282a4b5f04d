//! The bedside monitor's Bevy view, run headless: it shows what the bedside model
//! says, hides without a patient, and traces only while a monitor is attached.
#![cfg(feature = "bevy")]

use bevy::prelude::*;
use bevy::time::TimeUpdateStrategy;
use firstshift_core::SimState;
use firstshift_patient::view::{BedsideFeed, MonitorPart, MonitorView};
use firstshift_patient::{Patient, PatientAction, PatientKind, PatientSetup};

fn app() -> App {
    let mut app = App::new();
    app.add_plugins((MinimalPlugins, MonitorView))
        .insert_resource(TimeUpdateStrategy::ManualDuration(
            std::time::Duration::from_millis(50),
        ));
    app.update();
    app
}

fn opioid_patient() -> Patient {
    let setup: PatientSetup = ron::from_str(
        r#"(name: "Mr. Hale", age: 67,
            baseline: (heart_rate: 80, resp_rate: 16, spo2: 96, systolic: 130, diastolic: 80, temperature: 37.0),
            conditions: [OpioidToxicity(level: 0.9)])"#,
    )
    .unwrap();
    Patient::new(&setup, 3)
}

fn texts(app: &mut App) -> Vec<String> {
    let world = app.world_mut();
    let mut q = world.query_filtered::<(&Text2d, &InheritedVisibility), With<MonitorPart>>();
    q.iter(world).map(|(t, _)| t.0.clone()).collect()
}

fn visible_parts(app: &mut App) -> usize {
    let world = app.world_mut();
    let mut q = world.query_filtered::<&Visibility, With<MonitorPart>>();
    q.iter(world).filter(|v| **v != Visibility::Hidden).count()
}

fn feed(app: &mut App, patient: Option<Patient>) {
    *app.world_mut().resource_mut::<BedsideFeed>() = BedsideFeed {
        patient,
        running: true,
    };
    app.update();
    app.update();
}

#[test]
fn hidden_without_a_patient() {
    let mut app = app();
    assert!(visible_parts(&mut app) == 0);
}

#[test]
fn without_a_monitor_it_shows_the_last_measurements_and_no_traces() {
    let mut app = app();
    let mut patient = opioid_patient();
    let _ = <Patient as SimState<PatientKind>>::act(&mut patient, &PatientAction::MeasureVitals);
    let expected_rr = firstshift_patient::bedside::Bedside::of(&patient)
        .row(firstshift_patient::Vital::RespRate)
        .unwrap()
        .value
        .clone()
        .unwrap();
    feed(&mut app, Some(patient));
    let shown = texts(&mut app);
    assert!(
        shown.iter().any(|t| t.starts_with("No monitor attached")),
        "{shown:?}"
    );
    assert!(shown.contains(&expected_rr), "{shown:?}");
    assert!(shown.iter().any(|t| t == "at 0:00"), "{shown:?}");
    assert!(shown.iter().any(|t| t.starts_with("NEWS2 ")), "{shown:?}");
    let world = app.world_mut();
    let mut segments = world.query::<(&Sprite, &Visibility)>();
    let traced = segments
        .iter(world)
        .filter(|(s, v)| s.custom_size.is_some_and(|c| c.y == 2.0) && **v != Visibility::Hidden)
        .count();
    assert_eq!(traced, 0, "no traces without a monitor");
}

#[test]
fn with_a_monitor_it_traces_and_flags_the_slow_breathing() {
    let mut app = app();
    let mut patient = opioid_patient();
    let _ = <Patient as SimState<PatientKind>>::act(&mut patient, &PatientAction::AttachMonitor);
    feed(&mut app, Some(patient));
    let shown = texts(&mut app);
    assert!(
        !shown
            .iter()
            .any(|t| t.contains("Mr. Hale") && t.contains("NO PULSE"))
    );
    assert!(shown.iter().any(|t| t.starts_with("Mr. Hale")), "{shown:?}");
    let world = app.world_mut();
    let mut q = world.query_filtered::<(&Visibility, &Transform), With<MonitorPart>>();
    let moving = q
        .iter(world)
        .filter(|(v, t)| **v != Visibility::Hidden && t.rotation != Quat::IDENTITY)
        .count();
    assert!(
        moving > 50,
        "the traces are drawn as joined, sloping segments ({moving})"
    );
    // The respiratory-rate box is in alarm: across a second it is red at least once.
    let mut red_seen = false;
    for _ in 0..25 {
        app.update();
        let world = app.world_mut();
        let mut q = world.query_filtered::<&Sprite, With<MonitorPart>>();
        red_seen |= q
            .iter(world)
            .any(|s| s.color == Color::srgb(0.85, 0.1, 0.12));
    }
    assert!(red_seen, "an alarm colour shows");
}
