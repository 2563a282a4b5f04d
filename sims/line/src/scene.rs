//! The line as a scene: the stations in flow order, each coloured by what it is
//! doing, the buffer in front of each filling and emptying, the part in each
//! station moving through it, who works where, the bottleneck outlined, a KPI strip
//! along the top and a legend along the bottom.
//!
//! [`paint`] is a pure function of the line's [`Report`], so the view is tested
//! natively; the web player replays the [`Frame`] into its canvas. Everything it
//! shows comes from the report, the same data as the page's text equivalent
//! ([`crate::board`]).

use firstshift_draw::{Align, Baseline, Frame, Rgb, Text};

use crate::board;
use crate::model::StationState;
use crate::report::Report;
use crate::spanish::WORDS;

const LEFT: f32 = 8.0;
const WIDTH: f32 = 784.0;
/// The station boxes' top and height; the buffers stand beside them, as tall.
const BOX_TOP: f32 = 75.0;
const BOX_H: f32 = 54.0;

pub const PANEL: Rgb = Rgb::new(18, 23, 31);
pub const WHITE: Rgb = Rgb::new(237, 242, 247);
pub const GREY: Rgb = Rgb::new(158, 168, 184);
pub const TRACK: Rgb = Rgb::new(46, 54, 66);
pub const PART: Rgb = Rgb::new(250, 250, 250);
pub const BUFFER_FILL: Rgb = Rgb::new(115, 179, 242);
pub const BOTTLENECK: Rgb = Rgb::new(255, 217, 77);

/// A state's colour. Never the only cue: the state is also written under the box,
/// and the legend gives every colour its word.
pub fn state_colour(state: StationState) -> Rgb {
    match state {
        StationState::Working => Rgb::new(46, 173, 87),
        StationState::Setup => Rgb::new(64, 122, 230),
        StationState::Starved => Rgb::new(217, 158, 31),
        StationState::Blocked => Rgb::new(153, 97, 217),
        StationState::Down => Rgb::new(219, 51, 51),
        StationState::Break => Rgb::new(102, 107, 117),
    }
}

/// Where each KPI starts, from the left edge, and how wide it may be.
const KPI_X: [f32; 7] = [8.0, 150.0, 250.0, 360.0, 560.0, 650.0, 784.0];

/// Paints the line of `report` over the whole frame.
pub fn paint(frame: &mut Frame, report: &Report) {
    frame.rect(0.0, 0.0, Frame::WIDTH, Frame::HEIGHT, PANEL);
    paint_kpis(frame, report);
    let n = report.stations.len();
    for i in 0..n {
        paint_station(frame, report, i, n);
    }
    for (k, state) in StationState::ALL.into_iter().enumerate() {
        let x = LEFT + 8.0 + k as f32 * 128.0;
        frame.rect(x - 5.0, 203.0, 10.0, 10.0, state_colour(state));
        frame.text(
            Text::new(
                WORDS.say(report.language, state.word()),
                x + 9.0,
                208.0,
                11.0,
                GREY,
            )
            .align(Align::Left, Baseline::Middle)
            .fit(110.0),
        );
    }
}

fn paint_kpis(frame: &mut Frame, r: &Report) {
    let l = r.language;
    let values = [
        WORDS.fill(l, "{} good of {}", &[&r.good, &r.demand]),
        format!("OEE {:.0} %", r.oee * 100.0),
        WORDS.fill(l, "{} an hour", &[&format!("{:.0}", r.throughput_per_hour)]),
        WORDS.fill(
            l,
            "Takt {} s, line {}",
            &[
                &format!("{:.0}", r.takt_seconds),
                &r.line_cycle_seconds
                    .map_or("--".to_string(), |c| format!("{c:.0} s")),
            ],
        ),
        WORDS.fill(l, "WIP {}", &[&r.wip]),
        WORDS.fill(l, "Lead {} min", &[&format!("{:.1}", r.lead_time / 60.0)]),
    ];
    for (k, value) in values.into_iter().enumerate() {
        let (size, colour) = if k == 0 { (15.0, WHITE) } else { (13.0, GREY) };
        frame.text(
            Text::new(value, LEFT + KPI_X[k], 16.0, size, colour)
                .align(Align::Left, Baseline::Middle)
                .fit(KPI_X[k + 1] - KPI_X[k] - 8.0),
        );
    }
}

/// Where the pieces of slot `i` of `n` sit (x of each part's left edge).
struct SlotGeometry {
    /// The slot's width.
    w: f32,
    buffer_x: f32,
    buffer_w: f32,
    box_x: f32,
    box_w: f32,
}

fn slot_geometry(i: usize, n: usize) -> SlotGeometry {
    let w = WIDTH / n.max(1) as f32;
    let left = LEFT + i as f32 * w;
    let buffer_w = (w * 0.16).clamp(6.0, 22.0);
    let box_w = (w - buffer_w - 14.0).clamp(16.0, 110.0);
    SlotGeometry {
        w,
        buffer_x: left + 4.0,
        buffer_w,
        box_x: left + buffer_w + 10.0,
        box_w,
    }
}

fn paint_station(frame: &mut Frame, r: &Report, i: usize, n: usize) {
    let s = &r.stations[i];
    let language = r.language;
    let SlotGeometry {
        w,
        buffer_x,
        buffer_w,
        box_x,
        box_w,
    } = slot_geometry(i, n);
    let box_middle = box_x + box_w / 2.0;
    let box_bottom = BOX_TOP + BOX_H;
    // The buffer in front of the station, filling from the bottom.
    let fill = match s.buffer_capacity {
        Some(0) => 0.0,
        Some(cap) => s.buffer as f32 / cap as f32,
        None => s.buffer as f32 / (s.buffer.max(10)) as f32,
    }
    .clamp(0.0, 1.0);
    frame.rect(buffer_x, BOX_TOP, buffer_w, BOX_H, TRACK);
    if fill > 0.0 {
        let h = BOX_H * fill;
        frame.rect(buffer_x, box_bottom - h, buffer_w, h, BUFFER_FILL);
    }
    if r.bottleneck == Some(i) {
        frame.outline(
            box_x - 2.5,
            BOX_TOP - 2.5,
            box_w + 5.0,
            BOX_H + 5.0,
            BOTTLENECK,
            3.0,
        );
    }
    frame.rect(box_x, BOX_TOP, box_w, BOX_H, state_colour(s.state));
    if s.holds_part {
        // The part in hand moves across the station as the work advances.
        let progress = s.progress.unwrap_or(0.0) as f32;
        let travel = (box_w - 16.0).max(0.0);
        let x = box_middle - travel / 2.0 + travel * progress;
        frame.rect(x - 4.5, BOX_TOP + BOX_H / 2.0 - 4.5, 9.0, 9.0, PART);
    }
    let buffer_count = match s.buffer_capacity {
        Some(cap) => format!("{}/{cap}", s.buffer),
        None => s.buffer.to_string(),
    };
    frame.text(
        Text::new(
            buffer_count,
            buffer_x + buffer_w / 2.0,
            BOX_TOP - 3.0,
            10.0,
            WHITE,
        )
        .align(Align::Center, Baseline::Bottom)
        .fit(buffer_w + 12.0),
    );
    let crew = match (s.crew_needed, s.crew) {
        (0, 0) => WORDS.say(language, "auto").to_string(),
        (_, 1) => WORDS.say(language, "1 person").to_string(),
        (_, c) => WORDS.fill(language, "{} people", &[&c]),
    };
    frame.text(
        Text::new(crew, box_middle, BOX_TOP - 3.0, 10.0, WHITE)
            .align(Align::Center, Baseline::Bottom)
            .fit(box_w),
    );
    frame.text(
        Text::new(s.name.clone(), box_middle, box_bottom + 6.0, 11.0, WHITE)
            .align(Align::Center, Baseline::Top)
            .wrap(w - 4.0),
    );
    frame.text(
        Text::new(
            board::state_words(s, language),
            box_middle,
            box_bottom + 36.0,
            10.0,
            GREY,
        )
        .align(Align::Center, Baseline::Top)
        .wrap(w - 4.0),
    );
}
