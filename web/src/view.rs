//! The canvas view for branching scenarios: the role, the setting, the clock and
//! progress, drawn by Bevy. Its text equivalent is the page's role line and status
//! bar (the canvas's `aria-describedby`). Sims register richer views over it:
//! [`PatientMonitorView`] feeds the patient model's bedside monitor, and
//! [`LineFloorView`] the production line's view.

use bevy::camera::ScalingMode;
use bevy::prelude::*;
use bevy::sprite::Anchor;
use bevy::text::TextBounds;
use firstshift_bevy::{ActiveRun, progress};
use firstshift_line::view::{LineFeed, LineView};
use firstshift_patient::view::{BedsideFeed, MonitorView};

/// Design size of the scene; the camera scales it to fit the canvas.
const WIDTH: f32 = 800.0;
const HEIGHT: f32 = 220.0;
const BAR_WIDTH: f32 = 300.0;

#[derive(Debug)]
pub struct BranchingView;

impl Plugin for BranchingView {
    fn build(&self, app: &mut App) {
        app.insert_resource(ClearColor(Color::srgb(0.07, 0.11, 0.2)))
            .add_systems(Startup, setup)
            .add_systems(Update, update);
    }
}

#[derive(Component)]
struct Career;
#[derive(Component)]
struct Setting;
#[derive(Component)]
struct ClockText;
#[derive(Component)]
struct StepText;
#[derive(Component)]
struct ProgressFill;

fn setup(mut commands: Commands) {
    commands.spawn((
        Camera2d,
        Projection::Orthographic(OrthographicProjection {
            scaling_mode: ScalingMode::AutoMin {
                min_width: WIDTH,
                min_height: HEIGHT,
            },
            ..OrthographicProjection::default_2d()
        }),
    ));
    let left = -WIDTH / 2.0 + 24.0;
    // A card behind the role and setting.
    commands.spawn((
        Sprite::from_color(Color::srgb(0.12, 0.18, 0.31), Vec2::new(470.0, 180.0)),
        Transform::from_xyz(left + 235.0, 0.0, 0.0),
    ));
    commands.spawn((
        Career,
        Text2d::new("FirstShift"),
        TextFont::from_font_size(24.0),
        TextColor(Color::WHITE),
        // Long job titles wrap inside the card instead of running into the clock.
        TextBounds::new_horizontal(430.0),
        Anchor::BOTTOM_LEFT,
        Transform::from_xyz(left + 16.0, 40.0, 1.0),
    ));
    commands.spawn((
        Setting,
        Text2d::new("Choose a scenario to begin."),
        TextFont::from_font_size(16.0),
        TextColor(Color::srgb(0.85, 0.89, 0.96)),
        TextBounds::new_horizontal(430.0),
        Anchor::TOP_LEFT,
        Transform::from_xyz(left + 16.0, 28.0, 1.0),
    ));
    let right = WIDTH / 2.0 - 24.0 - BAR_WIDTH;
    commands.spawn((
        ClockText,
        Text2d::new("0:00"),
        TextFont::from_font_size(56.0),
        TextColor(Color::srgb(1.0, 0.85, 0.4)),
        Anchor::CENTER_LEFT,
        Transform::from_xyz(right, 45.0, 1.0),
    ));
    commands.spawn((
        StepText,
        Text2d::new(""),
        TextFont::from_font_size(18.0),
        TextColor(Color::srgb(0.85, 0.89, 0.96)),
        Anchor::CENTER_LEFT,
        Transform::from_xyz(right, -15.0, 1.0),
    ));
    commands.spawn((
        Sprite::from_color(Color::srgb(0.2, 0.26, 0.4), Vec2::new(BAR_WIDTH, 14.0)),
        Anchor::CENTER_LEFT,
        Transform::from_xyz(right, -50.0, 1.0),
    ));
    commands.spawn((
        ProgressFill,
        Sprite::from_color(Color::srgb(0.4, 0.85, 0.55), Vec2::new(BAR_WIDTH, 14.0)),
        Anchor::CENTER_LEFT,
        Transform::from_xyz(right, -50.0, 2.0).with_scale(Vec3::new(0.0, 1.0, 1.0)),
    ));
}

#[allow(clippy::type_complexity)]
fn update(
    run: Res<ActiveRun>,
    mut texts: ParamSet<(
        Query<&mut Text2d, With<Career>>,
        Query<&mut Text2d, With<Setting>>,
        Query<&mut Text2d, With<ClockText>>,
        Query<&mut Text2d, With<StepText>>,
    )>,
    mut fill: Query<&mut Transform, With<ProgressFill>>,
) {
    let Some(session) = run.session.as_ref() else {
        return;
    };
    let scenario = session.scenario();
    set(&mut texts.p0(), &scenario.career);
    set(&mut texts.p1(), &scenario.setting);
    set(
        &mut texts.p2(),
        &firstshift_core::clock_text(session.clock()),
    );
    let status = if session.is_finished() {
        "Finished".to_string()
    } else if run.paused {
        "Paused".to_string()
    } else {
        format!("Step {}", session.history().visits.len())
    };
    set(&mut texts.p3(), &status);
    for mut t in &mut fill {
        t.scale.x = progress(session);
    }
}

fn set(query: &mut Query<&mut Text2d, impl bevy::ecs::query::QueryFilter>, value: &str) {
    for mut text in query.iter_mut() {
        if text.0 != value {
            text.0 = value.to_string();
        }
    }
}

/// The patient model's bedside monitor, drawn over the branching scene whenever the
/// run has a patient. It only forwards the mirrored run to the monitor's feed.
#[derive(Debug)]
pub struct PatientMonitorView;

impl Plugin for PatientMonitorView {
    fn build(&self, app: &mut App) {
        app.add_plugins(MonitorView)
            .add_systems(PreUpdate, feed_bedside);
    }
}

fn feed_bedside(run: Res<ActiveRun>, mut feed: ResMut<BedsideFeed>) {
    if !run.is_changed() {
        return;
    }
    feed.patient = run
        .session
        .as_ref()
        .and_then(|s| s.sim().patient())
        .cloned();
    feed.running = run.is_running();
}

/// The production line, drawn over the branching scene whenever the run has a
/// line. It only forwards the mirrored run's report to the line view.
#[derive(Debug)]
pub struct LineFloorView;

impl Plugin for LineFloorView {
    fn build(&self, app: &mut App) {
        app.add_plugins(LineView).add_systems(PreUpdate, feed_line);
    }
}

fn feed_line(run: Res<ActiveRun>, mut feed: ResMut<LineFeed>) {
    if !run.is_changed() {
        return;
    }
    feed.report = run
        .session
        .as_ref()
        .and_then(|s| s.sim().line())
        .map(|line| line.report());
}
