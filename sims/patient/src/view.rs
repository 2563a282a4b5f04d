//! The bedside monitor drawn by Bevy (feature `bevy`): ECG-like, pleth and
//! respiration traces sweeping at the patient's current rates, the numerics with
//! alarm colours, and the NEWS2 scores charted so far as a bar trend.
//!
//! The plugin knows nothing of scenarios or sessions: the host puts the running
//! [`Patient`] (or `None`) into [`BedsideFeed`] and provides a 2D camera. It draws
//! in an 800 × 220 box centred on the origin, above z = 10, and hides itself when
//! there is no patient. Everything it shows comes from [`Bedside`], the same model
//! as the page's text equivalent.

use bevy::prelude::*;
use bevy::sprite::Anchor;
use firstshift_core::clock_text;

use crate::bedside::{Bedside, Source};
use crate::{Patient, Vital, waveform};

/// What the monitor shows: set by the host whenever the run changes.
#[derive(Resource, Debug, Clone, Default)]
pub struct BedsideFeed {
    pub patient: Option<Patient>,
    /// Whether simulated time is moving (the traces freeze while paused).
    pub running: bool,
}

#[derive(Debug, Default)]
pub struct MonitorView;

impl Plugin for MonitorView {
    fn build(&self, app: &mut App) {
        app.init_resource::<BedsideFeed>()
            .init_resource::<Sweep>()
            .add_systems(Startup, spawn_monitor)
            .add_systems(
                Update,
                // Showing the monitor first, so the parts that stay hidden (traces
                // without a monitor, unused trend bars) are hidden again after it.
                (show_or_hide, draw_traces, draw_numerics, draw_trend).chain(),
            );
    }
}

const Z: f32 = 10.0;
const SEGMENTS: usize = 110;
const TRACE_LEFT: f32 = -385.0;
const TRACE_WIDTH: f32 = 480.0;
/// Seconds of signal across the trace (a monitor sweeps 25 mm/s; this is about 6 s).
const TRACE_SECONDS: f64 = 6.0;
const NUMERIC_LEFT: f32 = 120.0;

const GREEN: Color = Color::srgb(0.35, 0.95, 0.45);
const CYAN: Color = Color::srgb(0.35, 0.85, 1.0);
const YELLOW: Color = Color::srgb(1.0, 0.9, 0.35);
const WHITE: Color = Color::srgb(0.92, 0.94, 0.97);
const GREY: Color = Color::srgb(0.55, 0.58, 0.63);
const ALARM_RED: Color = Color::srgb(0.85, 0.1, 0.12);
const PANEL: Color = Color::srgb(0.06, 0.07, 0.09);
const BOX: Color = Color::srgb(0.11, 0.12, 0.15);

/// Every entity of the monitor, shown and hidden together.
#[derive(Component, Debug)]
pub struct MonitorPart;

/// Marks a new entity as part of the monitor, hidden until there is a patient.
fn part() -> (MonitorPart, Visibility) {
    (MonitorPart, Visibility::Hidden)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum TraceKind {
    Ecg,
    Pleth,
    Breath,
}

#[derive(Component)]
struct TraceSegment {
    kind: TraceKind,
    index: usize,
}

/// The words over the traces when no monitor is attached.
#[derive(Component)]
struct NoMonitorNote;

#[derive(Component)]
struct HeaderText;

/// A numeric box: its background (for the alarm colour) and its value text.
#[derive(Component)]
struct NumericBox(Vital);
#[derive(Component)]
struct NumericValue(Vital);
#[derive(Component)]
struct NumericNote(Vital);

#[derive(Component)]
struct TrendBar(usize);
#[derive(Component)]
struct TrendLabel;

const TREND_BARS: usize = 8;

/// Signal time for the sweep, advanced only while the run is running.
#[derive(Resource, Default)]
struct Sweep(f64);

fn trace_row(kind: TraceKind) -> (f32, f32, Color, &'static str) {
    // (centre y, amplitude, colour, label)
    match kind {
        TraceKind::Ecg => (48.0, 34.0, GREEN, "II"),
        TraceKind::Pleth => (-12.0, 26.0, CYAN, "Pleth"),
        TraceKind::Breath => (-70.0, 22.0, YELLOW, "Resp"),
    }
}

/// Where each numeric box sits: (vital, x, y, width, height, colour, font size).
fn numeric_layout() -> [(Vital, f32, f32, f32, f32, Color, f32); 6] {
    let x = NUMERIC_LEFT;
    [
        (Vital::HeartRate, x, 48.0, 130.0, 56.0, GREEN, 34.0),
        (Vital::Spo2, x + 138.0, 48.0, 130.0, 56.0, CYAN, 34.0),
        (Vital::RespRate, x, -12.0, 130.0, 56.0, YELLOW, 34.0),
        (
            Vital::BloodPressure,
            x + 138.0,
            -12.0,
            130.0,
            56.0,
            WHITE,
            24.0,
        ),
        (Vital::Temperature, x, -62.0, 84.0, 36.0, WHITE, 16.0),
        (Vital::Glucose, x + 92.0, -62.0, 84.0, 36.0, WHITE, 16.0),
    ]
}

fn spawn_monitor(mut commands: Commands) {
    commands.spawn((
        part(),
        Sprite::from_color(PANEL, Vec2::new(800.0, 220.0)),
        Transform::from_xyz(0.0, 0.0, Z),
    ));
    commands.spawn((
        part(),
        HeaderText,
        Text2d::new(""),
        TextFont::from_font_size(15.0),
        TextColor(WHITE),
        Anchor::CENTER_LEFT,
        Transform::from_xyz(TRACE_LEFT, 94.0, Z + 1.0),
    ));
    for kind in [TraceKind::Ecg, TraceKind::Pleth, TraceKind::Breath] {
        let (y, amplitude, colour, label) = trace_row(kind);
        commands.spawn((
            part(),
            Text2d::new(label),
            TextFont::from_font_size(12.0),
            TextColor(colour),
            Anchor::TOP_LEFT,
            Transform::from_xyz(TRACE_LEFT, y + amplitude + 2.0, Z + 1.0),
        ));
        for index in 0..SEGMENTS {
            commands.spawn((
                part(),
                TraceSegment { kind, index },
                Sprite::from_color(colour, Vec2::new(1.0, 2.0)),
                Transform::from_xyz(TRACE_LEFT, y, Z + 1.0),
            ));
        }
    }
    commands.spawn((
        part(),
        NoMonitorNote,
        Text2d::new("No monitor attached.\nValues at right are your last measurements."),
        TextFont::from_font_size(16.0),
        TextColor(GREY),
        Anchor::CENTER,
        Transform::from_xyz(TRACE_LEFT + TRACE_WIDTH / 2.0, -10.0, Z + 2.0),
    ));
    for (vital, x, y, w, h, colour, size) in numeric_layout() {
        let (short, unit) = label_of(vital);
        commands.spawn((
            part(),
            NumericBox(vital),
            Sprite::from_color(BOX, Vec2::new(w, h)),
            Anchor::CENTER_LEFT,
            Transform::from_xyz(x, y, Z + 1.0),
        ));
        commands.spawn((
            part(),
            Text2d::new(format!("{short} {unit}")),
            TextFont::from_font_size(11.0),
            TextColor(colour),
            Anchor::TOP_LEFT,
            Transform::from_xyz(x + 5.0, y + h / 2.0 - 3.0, Z + 2.0),
        ));
        commands.spawn((
            part(),
            NumericValue(vital),
            Text2d::new("--"),
            TextFont::from_font_size(size),
            TextColor(colour),
            Anchor::BOTTOM_RIGHT,
            Transform::from_xyz(x + w - 6.0, y - h / 2.0 + 3.0, Z + 2.0),
        ));
        commands.spawn((
            part(),
            NumericNote(vital),
            Text2d::new(""),
            TextFont::from_font_size(10.0),
            TextColor(GREY),
            Anchor::BOTTOM_LEFT,
            Transform::from_xyz(x + 5.0, y - h / 2.0 + 3.0, Z + 2.0),
        ));
    }
    // The NEWS2 trend: one bar per charted score, newest at the right.
    let trend_x = NUMERIC_LEFT + 184.0;
    commands.spawn((
        part(),
        TrendLabel,
        Text2d::new("NEWS2"),
        TextFont::from_font_size(11.0),
        TextColor(WHITE),
        Anchor::TOP_LEFT,
        Transform::from_xyz(trend_x, -44.0, Z + 2.0),
    ));
    for i in 0..TREND_BARS {
        commands.spawn((
            part(),
            TrendBar(i),
            Sprite::from_color(GREEN, Vec2::new(8.0, 1.0)),
            Anchor::BOTTOM_CENTER,
            Transform::from_xyz(trend_x + 6.0 + i as f32 * 10.5, -98.0, Z + 2.0),
        ));
    }
}

fn label_of(vital: Vital) -> (&'static str, &'static str) {
    match vital {
        Vital::HeartRate => ("HR", "/min"),
        Vital::Spo2 => ("SpO2", "%"),
        Vital::RespRate => ("RR", "/min"),
        Vital::BloodPressure => ("NIBP", "mmHg"),
        Vital::Temperature => ("Temp", "°C"),
        Vital::Glucose => ("Gluc", "mmol/L"),
        Vital::Consciousness => ("ACVPU", ""),
        Vital::Pain => ("Pain", "/10"),
    }
}

fn show_or_hide(feed: Res<BedsideFeed>, mut parts: Query<&mut Visibility, With<MonitorPart>>) {
    if !feed.is_changed() {
        return;
    }
    let wanted = if feed.patient.is_some() {
        Visibility::Inherited
    } else {
        Visibility::Hidden
    };
    for mut v in &mut parts {
        v.set_if_neq(wanted);
    }
}

/// Moves each trace's segments to follow the signal: each segment joins two
/// neighbouring samples, so the trace reads as a continuous line.
fn draw_traces(
    time: Res<Time>,
    feed: Res<BedsideFeed>,
    mut sweep: ResMut<Sweep>,
    mut segments: Query<(&TraceSegment, &mut Transform, &mut Sprite, &mut Visibility)>,
    mut note: Query<&mut Visibility, (With<NoMonitorNote>, Without<TraceSegment>)>,
) {
    let Some(patient) = feed.patient.as_ref() else {
        return;
    };
    if feed.running {
        sweep.0 += time.delta_secs_f64();
    }
    let bedside = Bedside::of(patient);
    let rates = bedside.live_rates;
    for mut v in &mut note {
        v.set_if_neq(if rates.is_some() {
            Visibility::Hidden
        } else {
            Visibility::Inherited
        });
    }
    let step = TRACE_WIDTH / SEGMENTS as f32;
    for (segment, mut transform, mut sprite, mut visibility) in &mut segments {
        let Some(rates) = rates else {
            visibility.set_if_neq(Visibility::Hidden);
            continue;
        };
        visibility.set_if_neq(Visibility::Inherited);
        let (y0, amplitude, _, _) = trace_row(segment.kind);
        let sample = |i: usize| -> Vec2 {
            let t = sweep.0 - TRACE_SECONDS * (SEGMENTS - i) as f64 / SEGMENTS as f64;
            let value = match segment.kind {
                TraceKind::Ecg => waveform::ecg(waveform::phase(t, rates.heart_rate)),
                TraceKind::Pleth => {
                    // No pulse, no pleth; a poor signal below about 70 % looks damped.
                    let strength = if rates.heart_rate <= 0.0 {
                        0.0
                    } else {
                        ((rates.spo2 - 50.0) / 40.0).clamp(0.25, 1.0) as f32
                    };
                    strength * waveform::pleth(waveform::phase(t, rates.heart_rate)) - 0.5
                }
                TraceKind::Breath => {
                    waveform::respiration(waveform::phase(t, rates.resp_rate)) - 0.5
                }
            };
            Vec2::new(TRACE_LEFT + i as f32 * step, y0 + value * amplitude)
        };
        let (a, b) = (sample(segment.index), sample(segment.index + 1));
        let d = b - a;
        let middle = (a + b) / 2.0;
        transform.translation.x = middle.x;
        transform.translation.y = middle.y;
        transform.rotation = Quat::from_rotation_z(libm::atan2f(d.y, d.x));
        sprite.custom_size = Some(Vec2::new(d.length() + 0.8, 2.0));
    }
}

#[allow(clippy::type_complexity)]
fn draw_numerics(
    time: Res<Time>,
    feed: Res<BedsideFeed>,
    mut boxes: Query<(&NumericBox, &mut Sprite)>,
    mut texts: ParamSet<(
        Query<(&NumericValue, &mut Text2d, &mut TextColor)>,
        Query<(&NumericNote, &mut Text2d)>,
        Query<&mut Text2d, With<HeaderText>>,
    )>,
) {
    let Some(patient) = feed.patient.as_ref() else {
        return;
    };
    let bedside = Bedside::of(patient);
    // Alarms flash once a second, as a monitor's do.
    let flash_on = time.elapsed_secs_f64().fract() < 0.6;
    for (NumericBox(vital), mut sprite) in &mut boxes {
        let alarm = bedside.row(*vital).is_some_and(|r| r.alarm);
        let colour = if alarm && flash_on { ALARM_RED } else { BOX };
        if sprite.color != colour {
            sprite.color = colour;
        }
    }
    for (NumericValue(vital), mut text, mut colour) in &mut texts.p0() {
        let Some(row) = bedside.row(*vital) else {
            continue;
        };
        let value = row.value.clone().unwrap_or_else(|| "--".into());
        set_text(&mut text, &value);
        let live_colour = numeric_layout()
            .iter()
            .find(|l| l.0 == *vital)
            .map_or(WHITE, |l| l.5);
        let wanted = if row.alarm && flash_on {
            Color::WHITE
        } else if row.source == Source::Live {
            live_colour
        } else if row.value.is_some() {
            // A measured value is older than a live one: draw it dimmer.
            live_colour.mix(&GREY, 0.45)
        } else {
            GREY
        };
        if colour.0 != wanted {
            colour.0 = wanted;
        }
    }
    for (NumericNote(vital), mut text) in &mut texts.p1() {
        let note = match bedside.row(*vital).map(|r| r.source) {
            Some(Source::Measured(at)) => format!("at {}", clock_text(at)),
            Some(Source::Live) | Some(Source::NotMeasured) | None => String::new(),
        };
        set_text(&mut text, &note);
    }
    let header = format!(
        "{}  ·  {}{}",
        bedside.name,
        clock_text(bedside.clock),
        if bedside.arrested && bedside.monitor_attached {
            "  ·  NO PULSE"
        } else {
            ""
        }
    );
    for mut text in &mut texts.p2() {
        set_text(&mut text, &header);
    }
}

fn draw_trend(
    feed: Res<BedsideFeed>,
    mut bars: Query<(&TrendBar, &mut Sprite, &mut Visibility)>,
    mut label: Query<&mut Text2d, With<TrendLabel>>,
) {
    if !feed.is_changed() {
        return;
    }
    let Some(patient) = feed.patient.as_ref() else {
        return;
    };
    let charted = patient.charted();
    let shown = &charted[charted.len().saturating_sub(TREND_BARS)..];
    for (TrendBar(i), mut sprite, mut visibility) in &mut bars {
        match shown.get(*i) {
            Some(score) => {
                visibility.set_if_neq(Visibility::Inherited);
                let height = 4.0 + 3.0 * f32::from(score.news2.min(14));
                sprite.custom_size = Some(Vec2::new(8.0, height));
                sprite.color = news2_colour(score.news2);
            }
            None => {
                visibility.set_if_neq(Visibility::Hidden);
            }
        }
    }
    let text = match charted.last() {
        Some(last) => format!("NEWS2 {}", last.news2),
        None => "NEWS2 --".to_string(),
    };
    for mut t in &mut label {
        set_text(&mut t, &text);
    }
}

/// The RCP's colours for the aggregate score bands: low, medium, high.
fn news2_colour(score: u8) -> Color {
    match score {
        0..=4 => GREEN,
        5..=6 => Color::srgb(1.0, 0.6, 0.2),
        _ => ALARM_RED,
    }
}

fn set_text(text: &mut Text2d, value: &str) {
    if text.0 != value {
        text.0 = value.to_string();
    }
}
