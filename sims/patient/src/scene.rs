//! The bedside monitor as a scene: ECG-like, pleth and respiration traces sweeping
//! at the patient's current rates, the numerics with alarm colours, and the NEWS2
//! scores charted so far as a bar trend.
//!
//! [`paint`] is a pure function of the patient and two clocks, so the monitor is
//! tested natively; the web player replays the [`Frame`] into its canvas. It paints
//! over the whole [`Frame::WIDTH`] × [`Frame::HEIGHT`] box. Everything it shows
//! comes from [`Bedside`], the same model as the page's text equivalent.

use firstshift_core::clock_text;
use firstshift_draw::{Align, Baseline, Frame, Rgb, Text};

use crate::bedside::{Bedside, Source};
use crate::spanish::WORDS;
use crate::{Patient, Vital, waveform};

/// Samples across each trace.
const SAMPLES: usize = 160;
/// The header and the traces' labels start here; the traces to the labels' right.
const LABEL_LEFT: f32 = 15.0;
const TRACE_LEFT: f32 = 58.0;
const TRACE_WIDTH: f32 = 440.0;
/// Seconds of signal across the trace (a monitor sweeps 25 mm/s; this is about 6 s).
const TRACE_SECONDS: f64 = 6.0;
const NUMERIC_LEFT: f32 = 520.0;
const TREND_LEFT: f32 = 704.0;
const TREND_BARS: usize = 8;
const TREND_BOTTOM: f32 = 208.0;

pub const GREEN: Rgb = Rgb::new(89, 242, 115);
pub const CYAN: Rgb = Rgb::new(89, 217, 255);
pub const YELLOW: Rgb = Rgb::new(255, 230, 89);
pub const WHITE: Rgb = Rgb::new(235, 240, 247);
pub const GREY: Rgb = Rgb::new(140, 148, 161);
pub const ALARM_RED: Rgb = Rgb::new(217, 26, 31);
pub const ORANGE: Rgb = Rgb::new(255, 153, 51);
pub const PANEL: Rgb = Rgb::new(15, 18, 23);
pub const BOX: Rgb = Rgb::new(28, 31, 38);

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Trace {
    Ecg,
    Pleth,
    Breath,
}

/// (centre y, amplitude, colour, label) of a trace's row.
fn trace_row(trace: Trace) -> (f32, f32, Rgb, &'static str) {
    match trace {
        Trace::Ecg => (62.0, 34.0, GREEN, "II"),
        Trace::Pleth => (122.0, 26.0, CYAN, "Pleth"),
        Trace::Breath => (180.0, 22.0, YELLOW, "Resp"),
    }
}

/// One numeric box: where it sits and how large its reading is.
struct NumericBox {
    vital: Vital,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
    colour: Rgb,
    value_size: f32,
}

fn numeric_layout() -> [NumericBox; 6] {
    let b = |vital, x, y, w, h, colour, value_size| NumericBox {
        vital,
        x,
        y,
        w,
        h,
        colour,
        value_size,
    };
    let x = NUMERIC_LEFT;
    [
        b(Vital::HeartRate, x, 34.0, 130.0, 56.0, GREEN, 30.0),
        b(Vital::Spo2, x + 138.0, 34.0, 130.0, 56.0, CYAN, 30.0),
        b(Vital::RespRate, x, 94.0, 130.0, 56.0, YELLOW, 30.0),
        b(
            Vital::BloodPressure,
            x + 138.0,
            94.0,
            130.0,
            56.0,
            WHITE,
            24.0,
        ),
        b(Vital::Temperature, x, 154.0, 84.0, 54.0, WHITE, 18.0),
        b(Vital::Glucose, x + 92.0, 154.0, 84.0, 54.0, WHITE, 18.0),
    ]
}

/// Paints the monitor of `patient`. `sweep` is the signal time in seconds (it
/// moves only while the run does, so the traces freeze on pause); `flash_on` is
/// the alarm flasher's phase (a monitor's alarms flash about once a second).
pub fn paint(frame: &mut Frame, patient: &Patient, sweep: f64, flash_on: bool) {
    let bedside = Bedside::of(patient);
    frame.rect(0.0, 0.0, Frame::WIDTH, Frame::HEIGHT, PANEL);
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
    frame.text(
        Text::new(header, LABEL_LEFT, 14.0, 15.0, WHITE)
            .align(Align::Left, Baseline::Middle)
            .fit(TRACE_LEFT + TRACE_WIDTH - LABEL_LEFT),
    );
    paint_traces(frame, &bedside, sweep);
    paint_numerics(frame, &bedside, flash_on);
    paint_trend(frame, patient);
}

fn paint_traces(frame: &mut Frame, bedside: &Bedside, sweep: f64) {
    for trace in [Trace::Ecg, Trace::Pleth, Trace::Breath] {
        let (y0, amplitude, colour, label) = trace_row(trace);
        frame.text(
            Text::new(label, LABEL_LEFT, y0, 12.0, colour)
                .align(Align::Left, Baseline::Middle)
                .fit(TRACE_LEFT - LABEL_LEFT - 6.0),
        );
        let Some(rates) = bedside.live_rates else {
            continue;
        };
        let step = TRACE_WIDTH / SAMPLES as f32;
        let points = (0..=SAMPLES)
            .map(|i| {
                let t = sweep - TRACE_SECONDS * (SAMPLES - i) as f64 / SAMPLES as f64;
                let value = match trace {
                    Trace::Ecg => waveform::ecg(waveform::phase(t, rates.heart_rate)),
                    Trace::Pleth => {
                        // No pulse, no pleth; a poor signal below about 70 % looks damped.
                        let strength = if rates.heart_rate <= 0.0 {
                            0.0
                        } else {
                            ((rates.spo2 - 50.0) / 40.0).clamp(0.25, 1.0) as f32
                        };
                        strength * waveform::pleth(waveform::phase(t, rates.heart_rate)) - 0.5
                    }
                    Trace::Breath => {
                        waveform::respiration(waveform::phase(t, rates.resp_rate)) - 0.5
                    }
                };
                (TRACE_LEFT + i as f32 * step, y0 - value * amplitude)
            })
            .collect();
        frame.polyline(points, colour, 2.0);
    }
    if bedside.live_rates.is_none() {
        frame.text(
            Text::new(
                WORDS.say(
                    bedside.language,
                    "No monitor attached. Values at right are your last measurements.",
                ),
                TRACE_LEFT + TRACE_WIDTH / 2.0,
                120.0,
                16.0,
                GREY,
            )
            .align(Align::Center, Baseline::Middle)
            .wrap(TRACE_WIDTH - 80.0),
        );
    }
}

/// Each box: its label at the top left; its reading at the bottom right; when the
/// reading is a measurement rather than live, the time it was taken at the bottom
/// left. Each part has its own span, so none runs into another.
fn paint_numerics(frame: &mut Frame, bedside: &Bedside, flash_on: bool) {
    for b in numeric_layout() {
        let Some(row) = bedside.row(b.vital) else {
            continue;
        };
        let flashing = row.alarm && flash_on;
        frame.rect(b.x, b.y, b.w, b.h, if flashing { ALARM_RED } else { BOX });
        let label = if row.unit.is_empty() {
            row.short.to_string()
        } else {
            format!("{} {}", row.short, row.unit)
        };
        frame.text(Text::new(label, b.x + 5.0, b.y + 3.0, 11.0, b.colour).fit(b.w - 10.0));
        let colour = if flashing {
            Rgb::WHITE
        } else if row.source == Source::Live {
            b.colour
        } else if row.value.is_some() {
            // A measured value is older than a live one: drawn dimmer.
            b.colour.mix(GREY, 0.45)
        } else {
            GREY
        };
        let value = row.value.clone().unwrap_or_else(|| "--".into());
        // The reading takes the box's right part; the time taken, the left.
        let note_width = (b.w * 0.42).min(48.0);
        frame.text(
            Text::new(
                value,
                b.x + b.w - 6.0,
                b.y + b.h - 3.0,
                b.value_size,
                colour,
            )
            .align(Align::Right, Baseline::Bottom)
            .bold()
            .fit(b.w - 12.0 - note_width - 4.0),
        );
        if let Source::Measured(at) = row.source {
            frame.text(
                Text::new(
                    WORDS.fill(bedside.language, "at {}", &[&clock_text(at)]),
                    b.x + 5.0,
                    b.y + b.h - 4.0,
                    10.0,
                    GREY,
                )
                .align(Align::Left, Baseline::Bottom)
                .fit(note_width),
            );
        }
    }
}

/// The NEWS2 trend: one bar per charted score, newest at the right.
fn paint_trend(frame: &mut Frame, patient: &Patient) {
    let charted = patient.charted();
    let shown = &charted[charted.len().saturating_sub(TREND_BARS)..];
    let label = match charted.last() {
        Some(last) => format!("NEWS2 {}", last.news2),
        None => "NEWS2 --".to_string(),
    };
    frame.text(Text::new(label, TREND_LEFT, 154.0, 11.0, WHITE).fit(84.0));
    for (i, score) in shown.iter().enumerate() {
        let height = 4.0 + 2.5 * f32::from(score.news2.min(14));
        let x = TREND_LEFT + 2.0 + i as f32 * 10.5;
        frame.rect(
            x,
            TREND_BOTTOM - height,
            8.0,
            height,
            news2_colour(score.news2),
        );
    }
}

/// The RCP's colours for the aggregate score bands: low, medium, high.
pub fn news2_colour(score: u8) -> Rgb {
    match score {
        0..=4 => GREEN,
        5..=6 => ORANGE,
        _ => ALARM_RED,
    }
}
