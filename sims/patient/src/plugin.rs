//! The patient as a plugin of the scenario format ([`SimModel`]): the examples an
//! author is shown, the starting template, the setup's range checks and the check
//! that every history question has an answer.

use firstshift_core::sim::{SetupProblem, SimModel, SimTemplate, UseProblem, UseProblemKind};

use crate::kind::{PatientAction, PatientEvent, PatientKind};
use crate::setup::PatientSetup;

impl SimModel for PatientKind {
    const EXAMPLES: &'static [(&'static str, &'static str)] = EXAMPLES;
    const TEMPLATE: SimTemplate = SimTemplate {
        name: "patient",
        summary: "A simulated patient whose vital signs respond to care.",
        scenario: include_str!("../templates/patient.ron"),
        plays: include_str!("../templates/patient.plays.ron"),
    };

    fn setup_problems(setup: &PatientSetup) -> Vec<SetupProblem> {
        setup.problems()
    }

    fn action_problems(setup: &PatientSetup, action: &PatientAction) -> Vec<UseProblem> {
        match action {
            PatientAction::Ask(topic) if !setup.answers.contains_key(topic) => vec![UseProblem {
                kind: UseProblemKind::NoAnswer,
                message: format!("the patient has no answer about `{topic:?}`"),
                label: "asked here".into(),
                help: format!(
                    "add it to the patient's answers: `answers: {{ {topic:?}: \"what they say\" }}`; \
                     without one they say they are not sure"
                ),
            }],
            _ => Vec::new(),
        }
    }

    /// `name` ("Mr. Hale" reads "Sr. Hale" in Spanish) and each answer, by its
    /// topic: `answers.Allergies`.
    fn visit_setup_texts(setup: &mut PatientSetup, visit: &mut dyn FnMut(&str, &mut String)) {
        visit("name", &mut setup.name);
        for (topic, answer) in &mut setup.answers {
            visit(&format!("answers.{topic:?}"), answer);
        }
    }

    fn event_text(event: &PatientEvent) -> &str {
        event.text()
    }
}

/// A written example of every action and question that takes a value, so that an
/// author who wrote the bare word (`Sim(Harmed)`) is shown what goes inside.
pub const EXAMPLES: &[(&str, &str)] = &[
    ("Measure", "Measure(Spo2)"),
    ("Examine", "Examine(Chest)"),
    ("Ask", "Ask(Allergies)"),
    ("Oxygen", "Oxygen(NonRebreather)"),
    ("FluidBolus", "FluidBolus(500)"),
    ("Glucose", "Glucose(Oral)"),
    ("Position", "Position(SittingUp)"),
    ("Vital", "Vital(Spo2, Below(92))"),
    ("News2", "News2(AtLeast(5))"),
    ("Measured", "Measured(Glucose)"),
    ("Given", "Given(Naloxone)"),
    (
        "GivenWithin",
        "GivenWithin(Adrenaline, 180, News2(AtLeast(5)))",
    ),
    ("OnOxygen", "OnOxygen(NonRebreather)"),
    ("Harmed", "Harmed(AspirationRisk)"),
];
