//! The built-in models in the browser, listed once: each model's panel (the text
//! equivalent of its canvas, in HTML), its canvas view and its debrief timeline.
//! The model itself is registered in `sims/builtin`; a new model adds its lines
//! here too.

use bevy_app::App;
use firstshift_bevy::{ActiveRun, ScenarioAppExt, SceneClock};
use firstshift_business::BusinessKind;
use firstshift_draw::Frame;
use firstshift_draw::chart::{Mark, Timeline};
use firstshift_line::LineKind;
use firstshift_patient::PatientKind;

use crate::bedside_panel::BedsidePanel;
use crate::business_panel::BusinessPanel;
use crate::line_panel::LinePanel;
use crate::sim_panel::SimPanel;
use firstshift_sims::Session;

/// Each model's panel, in the order the play screen places them.
pub fn panels() -> Vec<Box<dyn SimPanel>> {
    vec![
        Box::new(BedsidePanel::build()),
        Box::new(LinePanel::build()),
        Box::new(BusinessPanel::build()),
    ]
}

/// Each model's canvas view; the first with something to show paints the frame,
/// so these come before the branching card (`view.rs`).
pub fn add_views(app: &mut App) {
    app.add_sim_view("patient-monitor", patient_monitor)
        .add_sim_view("line", line_floor)
        .add_sim_view("business", business_board);
}

fn patient_monitor(run: &ActiveRun, clock: SceneClock) -> Option<Frame> {
    let patient = run.session.as_ref()?.sim().get::<PatientKind>()?;
    let mut frame = Frame::new(firstshift_patient::scene::PANEL);
    firstshift_patient::scene::paint(&mut frame, patient, clock.sweep, clock.flash_on);
    Some(frame)
}

fn line_floor(run: &ActiveRun, _: SceneClock) -> Option<Frame> {
    let line = run.session.as_ref()?.sim().get::<LineKind>()?;
    let mut frame = Frame::new(firstshift_line::scene::PANEL);
    firstshift_line::scene::paint(&mut frame, &line.report());
    Some(frame)
}

fn business_board(run: &ActiveRun, _: SceneClock) -> Option<Frame> {
    let business = run.session.as_ref()?.sim().get::<BusinessKind>()?;
    let mut frame = Frame::new(firstshift_business::scene::PANEL);
    firstshift_business::scene::paint(&mut frame, &business.report());
    Some(frame)
}

/// The run's timeline for the debrief, from the model it ran, with the student's
/// choices marked as the debrief lists them. `None` for a branching scenario.
pub fn timeline(session: &Session) -> Option<Timeline> {
    let sim = session.sim();
    let mut timeline = sim
        .get::<PatientKind>()
        .map(firstshift_patient::timeline::timeline)
        .or_else(|| sim.get::<LineKind>().map(|line| line.timeline()))
        .or_else(|| sim.get::<BusinessKind>().map(|business| business.timeline()))?;
    let scenario = session.scenario();
    timeline.marks = session
        .history()
        .choices
        .iter()
        .enumerate()
        .map(|(i, r)| Mark {
            at: r.at,
            number: i + 1,
            label: scenario
                .choice(&r.choice)
                .map_or_else(|| r.choice.clone(), |(_, ch)| ch.label.clone()),
        })
        .collect();
    Some(timeline)
}
