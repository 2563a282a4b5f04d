//! The model answers care the way the textbooks say it should. Each test runs a
//! patient for simulated minutes and checks the direction and rough size of the
//! change, never an exact trajectory (the curves are allowed to be retuned).

use firstshift_core::{Compare, SimKind, SimState};
use firstshift_patient::*;

fn patient(conditions: &str, extra: &str) -> Patient {
    with_glucose(5.5, conditions, extra)
}

fn with_glucose(glucose: f64, conditions: &str, extra: &str) -> Patient {
    let text = format!(
        "(name: \"Alex\", age: 54, baseline: (heart_rate: 80, resp_rate: 16, spo2: 97, \
         systolic: 125, diastolic: 78, temperature: 37.0, glucose: {glucose}, pain: 2), \
         conditions: [{conditions}], {extra})"
    );
    let setup: PatientSetup = ron::from_str(&text).expect("test setup parses");
    assert!(setup.problems().is_empty(), "{:?}", setup.problems());
    PatientKind::start(&setup, 7)
}

fn minutes(p: &mut Patient, m: u64) {
    let to = p.clock() + m * 60;
    p.advance(to);
}

#[test]
fn a_well_patient_stays_at_their_baseline() {
    let mut p = patient("", "");
    let v0 = p.vitals();
    minutes(&mut p, 120);
    let v = p.vitals();
    assert!((v.heart_rate - v0.heart_rate).abs() < 0.5);
    assert!((v.spo2 - 97.0).abs() < 0.5, "{}", v.spo2);
    assert!((v.systolic - 125.0).abs() < 1.0);
    assert_eq!(p.news2().total, 0);
}

#[test]
fn oxygen_raises_spo2_within_minutes() {
    let mut p = patient("Asthma(severity: 0.6)", "");
    let before = p.vitals().spo2;
    assert!(before < 92.0, "moderate asthma on air is hypoxic: {before}");
    p.act(&PatientAction::Oxygen(OxygenDevice::NonRebreather));
    minutes(&mut p, 3);
    let after = p.vitals().spo2;
    assert!((94.0..=100.0).contains(&after), "{before} -> {after}");
    assert!(p.holds(&PatientQuery::OnOxygen(OxygenDevice::NonRebreather)));
}

#[test]
fn a_bronchodilator_eases_the_wheeze_and_slows_the_breathing() {
    let mut p = patient("Asthma(severity: 0.6)", "");
    p.act(&PatientAction::Examine(Exam::Chest));
    let rr = p.vitals().resp_rate;
    p.act(&PatientAction::Bronchodilator);
    minutes(&mut p, 20);
    assert!(
        p.vitals().resp_rate < rr - 3.0,
        "{rr} -> {}",
        p.vitals().resp_rate
    );
}

#[test]
fn a_fluid_bolus_raises_the_pressure_in_hypovolaemia() {
    let mut p = patient("Haemorrhage(lost_ml: 1500)", "");
    let before = p.vitals();
    assert!(
        before.systolic < 100.0 && before.heart_rate > 110.0,
        "{before:?}"
    );
    p.act(&PatientAction::FluidBolus(1000.0));
    minutes(&mut p, 35);
    let after = p.vitals();
    assert!(
        after.systolic > before.systolic + 10.0,
        "{before:?} -> {after:?}"
    );
    assert!(after.heart_rate < before.heart_rate - 10.0);
}

#[test]
fn bleeding_continues_until_controlled() {
    let mut bleeding = patient("Haemorrhage(lost_ml: 500, ml_per_minute: 40)", "");
    let mut pressed = bleeding.clone();
    pressed.act(&PatientAction::ControlBleeding);
    minutes(&mut bleeding, 20);
    minutes(&mut pressed, 20);
    assert!(bleeding.vitals().systolic < pressed.vitals().systolic - 10.0);
}

#[test]
fn sepsis_worsens_and_antibiotics_slow_it() {
    let mut p = patient("Sepsis(severity: 0.4, worsening_per_hour: 0.3)", "");
    let mut treated = p.clone();
    treated.act(&PatientAction::Antibiotics);
    minutes(&mut p, 120);
    minutes(&mut treated, 120);
    let (u, t) = (p.vitals(), treated.vitals());
    assert!(u.temperature > 38.0, "{u:?}");
    assert!(u.mean_pressure < t.mean_pressure - 5.0, "{u:?} vs {t:?}");
    assert!(p.news2().total > treated.news2().total);
}

#[test]
fn naloxone_reverses_opioid_depression_and_can_wear_off() {
    let mut p = patient("OpioidToxicity(level: 0.8)", "");
    let v = p.vitals();
    assert!(v.resp_rate <= 8.0, "{v:?}");
    assert_ne!(v.consciousness, news2::Consciousness::Alert);
    p.act(&PatientAction::Examine(Exam::Pupils));
    p.act(&PatientAction::Naloxone);
    minutes(&mut p, 3);
    assert!(p.vitals().resp_rate >= 12.0, "{:?}", p.vitals());
    assert_eq!(p.vitals().consciousness, news2::Consciousness::Alert);
    // Naloxone lasts about 45 minutes; the opioid (half-life 3 h) outlasts it.
    minutes(&mut p, 60);
    assert!(
        p.vitals().resp_rate < 12.0,
        "renarcotised: {:?}",
        p.vitals()
    );
}

#[test]
fn a_running_pca_keeps_deepening_the_sedation_until_stopped() {
    let mut running = patient("OpioidToxicity(level: 0.4, infusion_per_hour: 0.3)", "");
    let mut stopped = running.clone();
    stopped.act(&PatientAction::StopInfusion);
    minutes(&mut running, 60);
    minutes(&mut stopped, 60);
    assert!(running.vitals().resp_rate < stopped.vitals().resp_rate - 2.0);
}

#[test]
fn adrenaline_treats_anaphylaxis() {
    let mut untreated = patient("Anaphylaxis(severity: 0.9, peak_minutes: 10)", "");
    minutes(&mut untreated, 8);
    let mut treated = untreated.clone();
    treated.act(&PatientAction::Adrenaline);
    minutes(&mut untreated, 10);
    minutes(&mut treated, 10);
    let (u, t) = (untreated.vitals(), treated.vitals());
    assert!(u.systolic < 95.0, "{u:?}");
    assert!(t.systolic > u.systolic + 20.0, "{u:?} vs {t:?}");
    assert!(t.spo2 > u.spo2);
}

#[test]
fn glucose_corrects_hypoglycaemia_and_confusion() {
    let mut p = with_glucose(2.6, "Hypoglycaemia(falling_per_hour: 1.0)", "");
    assert_eq!(p.vitals().consciousness, news2::Consciousness::Confusion);
    p.act(&PatientAction::Glucose(GlucoseRoute::Oral));
    minutes(&mut p, 20);
    assert!(p.vitals().glucose > 4.0, "{:?}", p.vitals());
    assert_eq!(p.vitals().consciousness, news2::Consciousness::Alert);
}

#[test]
fn oral_glucose_to_a_drowsy_patient_is_refused_and_recorded_as_harm() {
    let mut p = with_glucose(1.9, "Hypoglycaemia(falling_per_hour: 1.0)", "");
    let events = p.act(&PatientAction::Glucose(GlucoseRoute::Oral));
    assert!(events.iter().any(|e| matches!(
        e,
        PatientEvent::Harmed {
            harm: Harm::AspirationRisk,
            ..
        }
    )));
    minutes(&mut p, 20);
    assert!(p.vitals().glucose < 2.0);
    assert!(p.holds(&PatientQuery::Harmed(Harm::AspirationRisk)));
}

#[test]
fn too_much_fluid_overloads_a_weak_heart() {
    let mut p = patient("HeartFailure", "");
    let spo2 = p.vitals().spo2;
    p.act(&PatientAction::FluidBolus(1000.0));
    p.act(&PatientAction::FluidBolus(1000.0));
    minutes(&mut p, 60);
    assert!(p.holds(&PatientQuery::Harmed(Harm::FluidOverload)));
    assert!(p.vitals().spo2 < spo2 - 3.0);
    p.act(&PatientAction::Examine(Exam::Chest));
    let finding = p.act(&PatientAction::Examine(Exam::Chest));
    assert!(finding[0].text().contains("crackles"), "{finding:?}");
}

#[test]
fn morphine_in_a_depressed_patient_is_harm_and_makes_it_worse() {
    let mut p = patient("OpioidToxicity(level: 0.6)", "");
    let rr = p.vitals().resp_rate;
    let events = p.act(&PatientAction::Morphine);
    assert!(events.iter().any(|e| matches!(
        e,
        PatientEvent::Harmed {
            harm: Harm::OpioidWhileDepressed,
            ..
        }
    )));
    minutes(&mut p, 10);
    assert!(p.vitals().resp_rate < rr - 1.0);
}

#[test]
fn high_flow_oxygen_makes_a_copd_patient_drowsy() {
    let mut p = patient("Copd(severity: 0.5)", "spo2_scale: Scale2");
    p.act(&PatientAction::Oxygen(OxygenDevice::NonRebreather));
    minutes(&mut p, 20);
    assert!(p.holds(&PatientQuery::Harmed(Harm::OxygenExcessInCopd)));
    assert_ne!(p.vitals().consciousness, news2::Consciousness::Alert);
}

#[test]
fn an_allergy_turns_a_treatment_into_anaphylaxis() {
    let mut p = patient("Sepsis(severity: 0.3)", "allergies: [Antibiotics]");
    p.act(&PatientAction::Antibiotics);
    minutes(&mut p, 10);
    assert!(p.holds(&PatientQuery::Harmed(Harm::WrongDrug)));
    p.act(&PatientAction::Examine(Exam::Skin));
    assert!(
        p.act(&PatientAction::Examine(Exam::Skin))[0]
            .text()
            .contains("hives")
    );
}

#[test]
fn untreated_severe_hypoxia_ends_in_arrest() {
    let mut p = patient("OpioidToxicity(level: 1.0, infusion_per_hour: 0.5)", "");
    minutes(&mut p, 30);
    assert!(p.holds(&PatientQuery::Arrested));
    let v = p.vitals();
    assert_eq!((v.heart_rate, v.spo2, v.systolic), (0.0, 0.0, 0.0));
}

#[test]
fn vitals_are_known_only_once_measured_or_monitored() {
    let mut p = patient("", "");
    assert!(!p.holds(&PatientQuery::Measured(Vital::Spo2)));
    assert!(p.monitor().is_none());
    p.act(&PatientAction::Measure(Vital::Temperature));
    assert!(p.holds(&PatientQuery::Measured(Vital::Temperature)));
    assert!(!p.holds(&PatientQuery::Measured(Vital::Spo2)));
    p.act(&PatientAction::AttachMonitor);
    assert!(p.holds(&PatientQuery::Measured(Vital::Spo2)));
    let m = p.monitor().expect("attached");
    assert!((m.spo2 - 97.0).abs() <= 1.0);
    assert!(m.blood_pressure.is_some());
}

#[test]
fn a_full_set_is_charted_with_its_news2() {
    let mut p = patient("Sepsis(severity: 0.6)", "");
    let events = p.act(&PatientAction::MeasureVitals);
    let Some(PatientEvent::ObservationsCharted { news2, .. }) = events.last() else {
        panic!("{events:?}")
    };
    assert_eq!(p.charted().len(), 1);
    assert!(*news2 >= 5, "{events:?}");
}

#[test]
fn the_monitor_alarms_once_when_spo2_falls() {
    let mut p = patient(
        "Asthma(severity: 0.3, worsening_per_hour: 1.0)",
        "monitor: true",
    );
    let mut alarms = 0;
    for _ in 0..40 {
        let to = p.clock() + 60;
        alarms += p
            .advance(to)
            .iter()
            .filter(|e| {
                matches!(
                    e,
                    PatientEvent::Alarm {
                        vital: Vital::Spo2,
                        ..
                    }
                )
            })
            .count();
    }
    assert_eq!(alarms, 1, "one alarm per crossing, not one per second");
}

#[test]
fn given_within_measures_from_when_the_sign_first_held() {
    let mut p = patient("OpioidToxicity(level: 0.5, infusion_per_hour: 0.6)", "");
    let sign = Sign::Vital(Vital::RespRate, Compare::Below(9.0));
    let mut first = None;
    while first.is_none() && p.clock() < 3600 {
        minutes(&mut p, 1);
        if p.holds(&PatientQuery::Vital(Vital::RespRate, Compare::Below(9.0))) {
            first = Some(p.clock());
        }
    }
    assert!(first.is_some(), "the infusion drives the rate below 9");
    minutes(&mut p, 4);
    p.act(&PatientAction::Naloxone);
    assert!(p.holds(&PatientQuery::GivenWithin(
        Treatment::Naloxone,
        300,
        sign.clone()
    )));
    assert!(!p.holds(&PatientQuery::GivenWithin(Treatment::Naloxone, 120, sign)));
}

#[test]
fn history_answers_depend_on_consciousness() {
    let awake = patient("", "answers: {Allergies: \"Penicillin\"}");
    let mut awake = awake;
    assert!(
        awake.act(&PatientAction::Ask(Topic::Allergies))[0]
            .text()
            .contains("Penicillin")
    );
    let mut drowsy = patient(
        "OpioidToxicity(level: 0.9)",
        "answers: {Allergies: \"Penicillin\"}",
    );
    assert!(
        !drowsy.act(&PatientAction::Ask(Topic::Allergies))[0]
            .text()
            .contains("Penicillin")
    );
}

#[test]
fn setup_problems_name_the_field_and_the_range() {
    let text = "(name: \" \", age: 30, baseline: (heart_rate: 500, resp_rate: 16, spo2: 101, \
                systolic: 80, diastolic: 90, temperature: 37.0), conditions: [Sepsis(severity: 2)])";
    let setup: PatientSetup = ron::from_str(text).unwrap();
    let paths: Vec<String> = setup
        .problems()
        .iter()
        .map(|p| firstshift_core::sim::path_text(&p.path))
        .collect();
    assert_eq!(
        paths,
        [
            "baseline.heart_rate",
            "baseline.spo2",
            "baseline.diastolic",
            "conditions.0.severity",
            "name"
        ]
    );
}

#[test]
fn the_debrief_timeline_follows_the_true_state_every_ten_seconds() {
    let mut p = patient("Sepsis(severity: 0.6, worsening_per_hour: 0.6)", "");
    minutes(&mut p, 30);
    let t = timeline::timeline(&p);
    assert_eq!(t.end, 30 * 60);
    assert_eq!(t.lanes.len(), 5);
    let news2 = &t.lanes[0].series[0];
    assert_eq!(news2.points.len(), p.trend().len());
    assert_eq!(news2.value_at(t.end), Some(f64::from(p.news2().total)));
    let first = p.trend()[0].news2;
    assert!(
        t.summary
            .starts_with(&format!("NEWS2 was {first} at the start")),
        "{}",
        t.summary
    );
    let table = t.table();
    assert_eq!(
        table.columns[..2],
        ["NEWS2".to_owned(), "Heart rate (/min)".to_owned()]
    );
    // A row every two minutes of the 30.
    assert_eq!(table.rows.len(), 16);
}
