//! How fast the patient model runs: the player advances it once a frame and
//! `firstshift test` replays whole scenarios, so simulated time per real second is
//! the figure that matters. Each "one simulated hour" iteration steps the model
//! 3,600 times (it integrates in one-second steps); hours per second is
//! 1 / (time per iteration).

use criterion::{Criterion, criterion_group, criterion_main};
use firstshift_core::{SimKind, SimState};
use firstshift_patient::bedside::Bedside;
use firstshift_patient::*;

fn setup(conditions: Vec<PatientCondition>) -> PatientSetup {
    PatientSetup {
        name: "Sam".into(),
        age: 58,
        weight_kg: 80.0,
        baseline: Baseline {
            heart_rate: 78.0,
            resp_rate: 15.0,
            spo2: 97.0,
            systolic: 128.0,
            diastolic: 78.0,
            temperature: 36.9,
            glucose: 6.0,
            pain: 2.0,
            consciousness: news2::Consciousness::Alert,
        },
        conditions,
        spo2_scale: Default::default(),
        oxygen: Default::default(),
        position: Default::default(),
        monitor: true,
        allergies: vec![],
        answers: Default::default(),
    }
}

fn benches(c: &mut Criterion) {
    // A patient with several courses at once, monitored (so alarms are checked every
    // step), and care given during the hour.
    let sick = setup(vec![
        PatientCondition::Sepsis {
            severity: 0.4,
            worsening_per_hour: 0.5,
        },
        PatientCondition::Haemorrhage {
            lost_ml: 500.0,
            ml_per_minute: 10.0,
        },
        PatientCondition::OpioidToxicity {
            level: 0.3,
            infusion_per_hour: 0.4,
        },
    ]);
    let care = [
        (300, PatientAction::Oxygen(OxygenDevice::NonRebreather)),
        (600, PatientAction::FluidBolus(500.0)),
        (900, PatientAction::StopInfusion),
        (1_200, PatientAction::Naloxone),
        (1_500, PatientAction::Antibiotics),
        (1_800, PatientAction::MeasureVitals),
    ];
    c.bench_function(
        "one simulated hour, three conditions, monitored, six interventions",
        |b| {
            b.iter(|| {
                let mut p = PatientKind::start(&sick, 7);
                for (at, action) in &care {
                    p.advance(*at);
                    p.act(action);
                }
                p.advance(3_600);
                p.vitals().spo2
            });
        },
    );

    let well = setup(vec![]);
    c.bench_function("one simulated hour, a well patient, untouched", |b| {
        b.iter(|| {
            let mut p = PatientKind::start(&well, 7);
            p.advance(3_600);
            p.vitals().heart_rate
        });
    });

    // What the player computes every frame for the monitor and its text equivalent.
    let mut p = PatientKind::start(&sick, 7);
    p.advance(1_800);
    c.bench_function("the bedside read for one frame", |b| {
        b.iter(|| Bedside::of(&p).rows.len());
    });
}

criterion_group!(model, benches);
criterion_main!(model);
