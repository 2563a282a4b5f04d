//! The views the canvas shows, most specific first: each model's (a patient's
//! bedside monitor, a production line: `sims.rs`), and for every other scenario the
//! branching card (role, setting, clock, progress). Each only reads the run and
//! hands it to its scene (`firstshift_patient::scene`, `firstshift_line::scene`,
//! `firstshift_draw::card`);
//! the page's role line, status bar and sim panels are their text equivalent (the
//! canvas's `aria-describedby`).

use bevy_app::prelude::*;
use firstshift_bevy::{ActiveRun, ScenarioAppExt, SceneClock, progress};
use firstshift_draw::Frame;
use firstshift_draw::card::{self, Card};

use crate::i18n::{tr, trf};

/// Registers the views in the order they are asked: each model's (`sims.rs`),
/// then the branching card, which shows for every scenario.
pub fn add_views(app: &mut App) {
    crate::sims::add_views(app);
    app.add_sim_view("branching", branching_card);
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
