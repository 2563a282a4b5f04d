//! The line drawn by Bevy (feature `bevy`): the stations in flow order, each
//! coloured by what it is doing, the buffer in front of each filling and emptying,
//! the part in each station moving through it, who works where, the bottleneck
//! outlined, and a KPI strip along the top.
//!
//! The plugin knows nothing of scenarios or sessions: the host puts the line's
//! [`Report`] (or `None`) into [`LineFeed`] and provides a 2D camera. It draws in an
//! 800 × 220 box centred on the origin, above z = 10, and hides itself when there is
//! no line. Everything it shows comes from the report, the same data as the page's
//! text equivalent ([`crate::board`]).

use bevy::prelude::*;
use bevy::sprite::Anchor;
use bevy::text::TextBounds;

use crate::board;
use crate::model::StationState;
use crate::report::Report;
use crate::setup::MAX_STATIONS;

/// What the view shows: set by the host whenever the run changes.
#[derive(Resource, Debug, Clone, Default)]
pub struct LineFeed {
    pub report: Option<Report>,
}

#[derive(Debug, Default)]
pub struct LineView;

impl Plugin for LineView {
    fn build(&self, app: &mut App) {
        app.init_resource::<LineFeed>()
            .add_systems(Startup, spawn_line)
            .add_systems(Update, (show_or_hide, draw_kpis, draw_stations).chain());
    }
}

const Z: f32 = 10.0;
const LEFT: f32 = -392.0;
const WIDTH: f32 = 784.0;
const BOX_Y: f32 = 8.0;
const BOX_H: f32 = 54.0;
const BUFFER_H: f32 = 54.0;

const PANEL: Color = Color::srgb(0.07, 0.09, 0.12);
const WHITE: Color = Color::srgb(0.93, 0.95, 0.97);
const GREY: Color = Color::srgb(0.62, 0.66, 0.72);
const TRACK: Color = Color::srgb(0.18, 0.21, 0.26);
const PART: Color = Color::srgb(0.98, 0.98, 0.98);
const BUFFER_FILL: Color = Color::srgb(0.45, 0.7, 0.95);
const BOTTLENECK: Color = Color::srgb(1.0, 0.85, 0.3);

/// A state's colour. Never the only cue: the state is also written under the box.
pub fn state_colour(state: StationState) -> Color {
    match state {
        StationState::Working => Color::srgb(0.18, 0.68, 0.34),
        StationState::Setup => Color::srgb(0.25, 0.48, 0.9),
        StationState::Starved => Color::srgb(0.85, 0.62, 0.12),
        StationState::Blocked => Color::srgb(0.6, 0.38, 0.85),
        StationState::Down => Color::srgb(0.86, 0.2, 0.2),
        StationState::Break => Color::srgb(0.4, 0.42, 0.46),
    }
}

/// Every entity of the view, shown and hidden together.
#[derive(Component, Debug)]
pub struct LinePart;

fn part() -> (LinePart, Visibility) {
    (LinePart, Visibility::Hidden)
}

/// One piece of station slot `0`.
#[derive(Component, Clone, Copy, Debug)]
struct Slot(usize, Piece);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Piece {
    BufferTrack,
    BufferFill,
    BufferCount,
    Outline,
    Station,
    Part,
    Crew,
    Name,
    State,
}

#[derive(Component)]
struct KpiText(usize);

const KPIS: usize = 6;
/// Where each KPI starts, from the left edge: wide enough for its longest text.
const KPI_X: [f32; KPIS] = [8.0, 150.0, 250.0, 360.0, 560.0, 650.0];

fn spawn_line(mut commands: Commands) {
    commands.spawn((
        part(),
        Sprite::from_color(PANEL, Vec2::new(800.0, 220.0)),
        Transform::from_xyz(0.0, 0.0, Z),
    ));
    for (k, x) in KPI_X.into_iter().enumerate() {
        commands.spawn((
            part(),
            KpiText(k),
            Text2d::new(""),
            TextFont::from_font_size(if k == 0 { 15.0 } else { 13.0 }),
            TextColor(if k == 0 { WHITE } else { GREY }),
            Anchor::CENTER_LEFT,
            Transform::from_xyz(LEFT + x, 94.0, Z + 1.0),
        ));
    }
    for i in 0..MAX_STATIONS {
        let pieces: [(Piece, Color, Anchor, f32); 9] = [
            (Piece::BufferTrack, TRACK, Anchor::BOTTOM_CENTER, 1.0),
            (Piece::BufferFill, BUFFER_FILL, Anchor::BOTTOM_CENTER, 2.0),
            (Piece::Outline, BOTTLENECK, Anchor::CENTER, 1.0),
            (Piece::Station, TRACK, Anchor::CENTER, 2.0),
            (Piece::Part, PART, Anchor::CENTER, 3.0),
            (Piece::BufferCount, WHITE, Anchor::BOTTOM_CENTER, 2.0),
            (Piece::Crew, WHITE, Anchor::BOTTOM_CENTER, 2.0),
            (Piece::Name, WHITE, Anchor::TOP_CENTER, 2.0),
            (Piece::State, GREY, Anchor::TOP_CENTER, 2.0),
        ];
        for (piece, colour, anchor, z) in pieces {
            let transform = Transform::from_xyz(0.0, 0.0, Z + z);
            match piece {
                Piece::BufferCount | Piece::Crew | Piece::Name | Piece::State => {
                    let size = if piece == Piece::Name { 11.0 } else { 10.0 };
                    commands.spawn((
                        part(),
                        Slot(i, piece),
                        Text2d::new(""),
                        TextFont::from_font_size(size),
                        TextColor(colour),
                        TextBounds::new_horizontal(60.0),
                        anchor,
                        transform,
                    ));
                }
                _ => {
                    commands.spawn((
                        part(),
                        Slot(i, piece),
                        Sprite::from_color(colour, Vec2::ONE),
                        anchor,
                        transform,
                    ));
                }
            }
        }
    }
    // The legend: every colour with its word.
    for (k, state) in StationState::ALL.into_iter().enumerate() {
        let x = LEFT + 8.0 + k as f32 * 128.0;
        commands.spawn((
            part(),
            Sprite::from_color(state_colour(state), Vec2::new(10.0, 10.0)),
            Transform::from_xyz(x, -98.0, Z + 1.0),
        ));
        commands.spawn((
            part(),
            Text2d::new(state.word()),
            TextFont::from_font_size(11.0),
            TextColor(GREY),
            Anchor::CENTER_LEFT,
            Transform::from_xyz(x + 9.0, -98.0, Z + 1.0),
        ));
    }
}

fn show_or_hide(feed: Res<LineFeed>, mut parts: Query<&mut Visibility, With<LinePart>>) {
    if !feed.is_changed() {
        return;
    }
    let shown = if feed.report.is_some() {
        Visibility::Inherited
    } else {
        Visibility::Hidden
    };
    for mut v in &mut parts {
        v.set_if_neq(shown);
    }
}

fn draw_kpis(feed: Res<LineFeed>, mut texts: Query<(&KpiText, &mut Text2d)>) {
    if !feed.is_changed() {
        return;
    }
    let Some(r) = feed.report.as_ref() else {
        return;
    };
    let values = [
        format!("{} good of {}", r.good, r.demand),
        format!("OEE {:.0} %", r.oee * 100.0),
        format!("{:.0} an hour", r.throughput_per_hour),
        format!(
            "Takt {:.0} s, line {}",
            r.takt_seconds,
            r.line_cycle_seconds
                .map_or("--".to_string(), |c| format!("{c:.0} s"))
        ),
        format!("WIP {}", r.wip),
        format!("Lead {:.1} min", r.lead_time / 60.0),
    ];
    for (KpiText(k), mut text) in &mut texts {
        if let Some(value) = values.get(*k)
            && text.0 != *value
        {
            text.0.clone_from(value);
        }
    }
}

/// Where the pieces of slot `i` of `n` sit.
struct SlotGeometry {
    /// The slot's width.
    w: f32,
    buffer_w: f32,
    buffer_x: f32,
    box_w: f32,
    box_x: f32,
}

fn slot_geometry(i: usize, n: usize) -> SlotGeometry {
    let w = WIDTH / n.max(1) as f32;
    let left = LEFT + i as f32 * w;
    let buffer_w = (w * 0.16).clamp(6.0, 22.0);
    let box_w = (w - buffer_w - 14.0).clamp(16.0, 110.0);
    SlotGeometry {
        w,
        buffer_w,
        buffer_x: left + 4.0 + buffer_w / 2.0,
        box_w,
        box_x: left + buffer_w + 10.0 + box_w / 2.0,
    }
}

#[allow(clippy::type_complexity)]
fn draw_stations(
    feed: Res<LineFeed>,
    mut sprites: Query<(&Slot, &mut Sprite, &mut Transform, &mut Visibility), Without<Text2d>>,
    mut texts: Query<
        (
            &Slot,
            &mut Text2d,
            &mut Transform,
            &mut TextBounds,
            &mut Visibility,
        ),
        Without<Sprite>,
    >,
) {
    if !feed.is_changed() {
        return;
    }
    let Some(r) = feed.report.as_ref() else {
        return;
    };
    let n = r.stations.len();
    for (Slot(i, piece), mut sprite, mut transform, mut visibility) in &mut sprites {
        let Some(s) = r.stations.get(*i) else {
            visibility.set_if_neq(Visibility::Hidden);
            continue;
        };
        let SlotGeometry {
            buffer_w,
            buffer_x,
            box_w,
            box_x,
            ..
        } = slot_geometry(*i, n);
        let fill = match s.buffer_capacity {
            Some(0) => 0.0,
            Some(cap) => s.buffer as f32 / cap as f32,
            None => s.buffer as f32 / (s.buffer.max(10)) as f32,
        }
        .clamp(0.0, 1.0);
        let mut show = true;
        match piece {
            Piece::BufferTrack => {
                sprite.custom_size = Some(Vec2::new(buffer_w, BUFFER_H));
                transform.translation.x = buffer_x;
                transform.translation.y = BOX_Y - BUFFER_H / 2.0;
            }
            Piece::BufferFill => {
                show = fill > 0.0;
                sprite.custom_size = Some(Vec2::new(buffer_w, BUFFER_H * fill));
                transform.translation.x = buffer_x;
                transform.translation.y = BOX_Y - BUFFER_H / 2.0;
            }
            Piece::Outline => {
                show = r.bottleneck == Some(*i);
                sprite.custom_size = Some(Vec2::new(box_w + 6.0, BOX_H + 6.0));
                transform.translation.x = box_x;
                transform.translation.y = BOX_Y;
            }
            Piece::Station => {
                sprite.custom_size = Some(Vec2::new(box_w, BOX_H));
                sprite.color = state_colour(s.state);
                transform.translation.x = box_x;
                transform.translation.y = BOX_Y;
            }
            Piece::Part => {
                // The part in hand moves across the station as the work advances.
                show = s.holds_part;
                let progress = s.progress.unwrap_or(0.0) as f32;
                let travel = (box_w - 16.0).max(0.0);
                sprite.custom_size = Some(Vec2::new(9.0, 9.0));
                transform.translation.x = box_x - travel / 2.0 + travel * progress;
                transform.translation.y = BOX_Y;
            }
            _ => {}
        }
        visibility.set_if_neq(if show {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        });
    }
    for (Slot(i, piece), mut text, mut transform, mut bounds, mut visibility) in &mut texts {
        let Some(s) = r.stations.get(*i) else {
            visibility.set_if_neq(Visibility::Hidden);
            continue;
        };
        visibility.set_if_neq(Visibility::Inherited);
        let SlotGeometry {
            w,
            buffer_w,
            buffer_x,
            box_w,
            box_x,
        } = slot_geometry(*i, n);
        let (value, x, y, width) = match piece {
            Piece::BufferCount => (
                match s.buffer_capacity {
                    Some(cap) => format!("{}/{cap}", s.buffer),
                    None => s.buffer.to_string(),
                },
                buffer_x,
                BOX_Y + BUFFER_H / 2.0 + 3.0,
                buffer_w + 24.0,
            ),
            Piece::Crew => (
                match (s.crew_needed, s.crew) {
                    (0, 0) => "auto".to_string(),
                    (_, 1) => "1 person".to_string(),
                    (_, c) => format!("{c} people"),
                },
                box_x,
                BOX_Y + BOX_H / 2.0 + 5.0,
                box_w + 10.0,
            ),
            Piece::Name => (s.name.clone(), box_x, BOX_Y - BOX_H / 2.0 - 6.0, w - 4.0),
            Piece::State => (
                board::state_words(s),
                box_x,
                BOX_Y - BOX_H / 2.0 - 36.0,
                w - 4.0,
            ),
            _ => continue,
        };
        if text.0 != value {
            text.0 = value;
        }
        transform.translation.x = x;
        transform.translation.y = y;
        if bounds.width != Some(width) {
            *bounds = TextBounds::new_horizontal(width);
        }
    }
}
