//! The views the canvas shows, most specific first: a patient's bedside monitor, a
//! production line, and for every other scenario the branching card (role,
//! setting, clock, progress). Each only reads the run and hands it to its scene
//! (`firstshift_patient::scene`, `firstshift_line::scene`, `firstshift_draw::card`);
//! the page's role line, status bar and sim panels are their text equivalent (the
//! canvas's `aria-describedby`).

use bevy_app::prelude::*;
use firstshift_bevy::{ActiveRun, ScenarioAppExt, SceneClock, progress};
use firstshift_draw::Frame;
use firstshift_draw::card::{self, Card};

use crate::i18n::{tr, trf};

/// Registers the views in the order they are asked.
pub fn add_views(app: &mut App) {
    app.add_sim_view("patient-monitor", patient_monitor)
        .add_sim_view("line", line_floor)
        .add_sim_view("branching", branching_card);
}

fn patient_monitor(run: &ActiveRun, clock: SceneClock) -> Option<Frame> {
    let patient = run.session.as_ref()?.sim().patient()?;
    let mut frame = Frame::new(firstshift_patient::scene::PANEL);
    firstshift_patient::scene::paint(&mut frame, patient, clock.sweep, clock.flash_on);
    Some(frame)
}

fn line_floor(run: &ActiveRun, _: SceneClock) -> Option<Frame> {
    let line = run.session.as_ref()?.sim().line()?;
    let mut frame = Frame::new(firstshift_line::scene::PANEL);
    firstshift_line::scene::paint(&mut frame, &line.report());
    Some(frame)
}

fn branching_card(run: &ActiveRun, _: SceneClock) -> Option<Frame> {
    let session = run.session.as_ref()?;
    let scenario = session.scenario();
    let status = if session.is_finished() {
        tr("Finished").to_string()
    } else if run.paused {
        tr("Paused").to_string()
    } else {
        trf("Step {}", &[&session.history().visits.len()])
    };
    let mut frame = Frame::new(card::BACKGROUND);
    card::paint(
        &mut frame,
        &Card {
            career: &scenario.career,
            setting: &scenario.setting,
            clock: &firstshift_core::clock_text(session.clock()),
            status: &status,
            progress: progress(session),
        },
    );
    Some(frame)
}
