//! A run over time, for the debrief: one [`Timeline`] a model builds from its own
//! record (the patient's vital signs, the line's good parts, the business's cash),
//! with the student's choices marked on it. The same value is painted as a chart
//! ([`paint`], into a [`Frame`] the canvas replays) and laid out as a data table
//! ([`Timeline::table`]), so the table can never say something the chart does not
//! show (WCAG 1.1.1: the table and the summary are the chart's text equivalent).
//!
//! A timeline is plain data and every word in it comes from the model, so a model
//! can say it in the student's language.

use firstshift_core::{Seconds, clock_text};

use crate::{Align, Baseline, Frame, Rgb, Text};

/// What happened in one run, over its time.
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// The chart's caption ("Vital signs and NEWS2 over your run").
    pub title: String,
    /// One sentence saying what the chart shows, for everyone and for a screen
    /// reader, which reads it as the canvas's name.
    pub summary: String,
    pub axis: TimeAxis,
    /// When the run ended: the chart's right-hand edge.
    pub end: Seconds,
    /// Stacked top to bottom, each with its own scale and the same time axis.
    pub lanes: Vec<Lane>,
    /// The student's choices, numbered as the debrief lists them. A model leaves
    /// this empty: the player, which knows the choices' words, fills it.
    pub marks: Vec<Mark>,
}

/// How the run's seconds read.
#[derive(Debug, Clone, PartialEq)]
pub enum TimeAxis {
    /// Time since the start, as the player's clock shows it ("12:30").
    Clock,
    /// Trading days: day `n` (from 1) opens at `(n - 1) × 24 h` after the first
    /// opening, at `opens_hour` on the clock, and trades `open_seconds`.
    Days {
        opens_hour: u32,
        open_seconds: Seconds,
        /// Each day's name, from the first ("Monday"), as the scenario calls it.
        names: Vec<String>,
    },
}

const DAY: Seconds = 24 * 3600;

/// The name of the trading day `at` falls in; its number from 1 past the names.
fn day_name(names: &[String], at: Seconds) -> String {
    let day = usize::try_from(at / DAY).unwrap_or(usize::MAX);
    names
        .get(day)
        .cloned()
        .unwrap_or_else(|| day.saturating_add(1).to_string())
}

/// One quantity (or two on the same scale, like good parts and the order's pace).
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    /// "Heart rate".
    pub name: String,
    /// "/min", "%", "$"; empty for a count or a score.
    pub unit: String,
    /// Decimal places in the table and on the scale.
    pub decimals: u8,
    /// The scale always covers this range, and more if the values need it, so a
    /// normal wobble does not fill the lane as if it were a crisis.
    pub covers: (f64, f64),
    pub series: Vec<Series>,
}

/// A quantity's values over time, in time order.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub role: Role,
    pub between: Between,
    pub points: Vec<(Seconds, f64)>,
}

/// What a series is to the student.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// What happened (a solid blue line).
    Measured,
    /// What was wanted (a thinner orange line).
    Target,
}

/// What a series is between two points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Between {
    /// The earlier value, until the next point: a count or a balance that changes
    /// only at its points.
    Held,
    /// A straight line from one to the next.
    Straight,
}

/// One of the student's choices on the chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub at: Seconds,
    /// As the debrief's list numbers it, from 1.
    pub number: usize,
    pub label: String,
}

/// The chart as a table: a row at regular times and at each choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// One for each series, lane by lane: "Heart rate (/min)".
    pub columns: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub at: Seconds,
    /// As the axis reads it.
    pub time: String,
    /// One for each column; `None` before the series has a value.
    pub values: Vec<Option<String>>,
    /// The choices made at this moment: "3. Give oxygen".
    pub did: Vec<String>,
}

/// The most regular rows a table has (its choices come on top).
const MAX_REGULAR_ROWS: u64 = 16;

impl Series {
    /// The series' value at `at`: `None` before its first point; its last value
    /// after its last point.
    pub fn value_at(&self, at: Seconds) -> Option<f64> {
        let after = self.points.partition_point(|&(t, _)| t <= at);
        let &(t0, v0) = self.points.get(after.checked_sub(1)?)?;
        match (self.between, self.points.get(after)) {
            (Between::Straight, Some(&(t1, v1))) if t1 > t0 => {
                let share = (at - t0) as f64 / (t1 - t0) as f64;
                Some(v0 + (v1 - v0) * share)
            }
            _ => Some(v0),
        }
    }
}

impl Lane {
    /// The lowest and highest the lane's scale shows.
    pub fn scale(&self) -> (f64, f64) {
        let values = self
            .series
            .iter()
            .flat_map(|s| s.points.iter().map(|&(_, v)| v))
            .filter(|v| v.is_finite());
        let (low, high) = values.fold(self.covers, |(lo, hi), v| (lo.min(v), hi.max(v)));
        if high > low {
            (low, high)
        } else {
            (low - 1.0, high + 1.0)
        }
    }

    fn column(&self, series: &Series) -> String {
        let name = if self.series.len() == 1 {
            &self.name
        } else {
            &series.name
        };
        if self.unit.is_empty() {
            name.clone()
        } else {
            format!("{name} ({})", self.unit)
        }
    }

    fn number(&self, value: f64) -> String {
        format!("{value:.*}", usize::from(self.decimals))
    }
}

impl Timeline {
    /// How the axis reads `at`: "12:30", or "Tuesday, 14:05".
    pub fn time_text(&self, at: Seconds) -> String {
        match &self.axis {
            TimeAxis::Clock => clock_text(at),
            TimeAxis::Days {
                opens_hour, names, ..
            } => {
                let into_day = at % DAY + Seconds::from(*opens_hour) * 3600;
                // A day that trades past midnight still reads as the day it opened.
                let (hour, minute) = (into_day / 3600 % 24, into_day / 60 % 60);
                format!("{}, {hour:02}:{minute:02}", day_name(names, at))
            }
        }
    }

    /// Where `at` falls along the chart, from 0 (the start) to 1 (the end). Over
    /// trading days the nights are squeezed to a tenth of a day's trading, so the
    /// hours the business is open fill the chart.
    pub fn position(&self, at: Seconds) -> f32 {
        let along = |t: Seconds| -> f64 {
            match &self.axis {
                TimeAxis::Clock => t as f64,
                TimeAxis::Days { open_seconds, .. } => {
                    let open = (*open_seconds).max(1) as f64;
                    let (day, into) = (t / DAY, t % DAY);
                    day as f64 * open * 1.1
                        + (into as f64).min(open)
                        + (into as f64 - open).max(0.0) / (DAY as f64 - open).max(1.0) * open * 0.1
                }
            }
        };
        let end = along(self.end).max(1.0);
        (along(at.min(self.end)) / end) as f32
    }

    /// The regular times the table has a row at, and the chart a grid line at:
    /// evenly spaced on a clock, each opening and closing over days.
    pub fn regular_times(&self, most: u64) -> Vec<Seconds> {
        let mut times = match &self.axis {
            TimeAxis::Clock => {
                let step = [60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 28_800]
                    .into_iter()
                    .find(|step| self.end / step <= most)
                    .unwrap_or(DAY);
                (0..=self.end / step).map(|i| i * step).collect::<Vec<_>>()
            }
            TimeAxis::Days { open_seconds, .. } => (0..=self.end / DAY)
                .flat_map(|d| [d * DAY, d * DAY + open_seconds])
                .filter(|&t| t <= self.end)
                .collect(),
        };
        if times.last() != Some(&self.end) {
            times.push(self.end);
        }
        times
    }

    /// The chart's data: every series at the regular times and at each choice.
    pub fn table(&self) -> Table {
        let series: Vec<(&Lane, &Series)> = self
            .lanes
            .iter()
            .flat_map(|lane| lane.series.iter().map(move |s| (lane, s)))
            .collect();
        let mut times = self.regular_times(MAX_REGULAR_ROWS);
        times.extend(self.marks.iter().map(|m| m.at.min(self.end)));
        times.sort_unstable();
        times.dedup();
        let rows = times
            .into_iter()
            .map(|at| Row {
                at,
                time: self.time_text(at),
                values: series
                    .iter()
                    .map(|(lane, s)| s.value_at(at).map(|v| lane.number(v)))
                    .collect(),
                did: self
                    .marks
                    .iter()
                    .filter(|m| m.at.min(self.end) == at)
                    .map(|m| format!("{}. {}", m.number, m.label))
                    .collect(),
            })
            .collect();
        Table {
            columns: series.iter().map(|(lane, s)| lane.column(s)).collect(),
            rows,
        }
    }

    /// The design height of the chart's frame.
    pub fn height(&self) -> f32 {
        TOP + self.lane_height() * self.lanes.len() as f32 + BOTTOM
    }

    fn lane_height(&self) -> f32 {
        if self.lanes.len() == 1 { 150.0 } else { 62.0 }
    }
}

// Layout, in design pixels.
const TOP: f32 = 30.0;
const BOTTOM: f32 = 28.0;
/// Space above and below a lane's lines, so a line at its scale's end is not cut.
const LANE_PAD: f32 = 8.0;
/// The narrowest and widest a chart is designed: on a phone it is drawn for the
/// phone's width, so its words stay the page's size.
pub const MIN_WIDTH: f32 = 320.0;
pub const MAX_WIDTH: f32 = Frame::WIDTH;

/// Where the lanes' names end and the plot begins, and where it ends.
#[derive(Debug, Clone, Copy)]
struct Plot {
    left: f32,
    right: f32,
}

impl Plot {
    fn for_width(width: f32) -> Plot {
        let left = if width < 560.0 { 112.0 } else { 150.0 };
        Plot {
            left,
            right: width - 12.0,
        }
    }
}

/// On white, for print: every line and text at least 4.5 : 1 against its ground.
pub const BACKGROUND: Rgb = Rgb::WHITE;
const INK: Rgb = Rgb::new(0x1b, 0x1f, 0x27);
const FAINT_INK: Rgb = Rgb::new(0x4a, 0x51, 0x5e);
const BAND: Rgb = Rgb::new(0xf2, 0xf4, 0xf7);
const GRID: Rgb = Rgb::new(0xd5, 0xd9, 0xe0);
const MEASURED: Rgb = Rgb::new(0x1f, 0x4e, 0x9c);
const TARGET: Rgb = Rgb::new(0xa3, 0x4d, 0x00);
const MARK: Rgb = Rgb::new(0x6b, 0x21, 0x8a);

/// Paints `timeline` into a frame of its own height, `width` design pixels wide
/// (kept between [`MIN_WIDTH`] and [`MAX_WIDTH`]).
pub fn frame(timeline: &Timeline, width: f32) -> Frame {
    let width = width.clamp(MIN_WIDTH, MAX_WIDTH);
    let mut frame = Frame::sized(BACKGROUND, width, timeline.height());
    paint(&mut frame, timeline);
    frame
}

/// Paints `timeline` across the frame's width: each lane with its name, scale
/// and lines, a grid line at regular times, and each choice as a numbered line
/// across every lane.
pub fn paint(frame: &mut Frame, timeline: &Timeline) {
    let plot = Plot::for_width(frame.width);
    let lane_h = timeline.lane_height();
    let bottom = TOP + lane_h * timeline.lanes.len() as f32;
    let x_of = |at: Seconds| plot.left + (plot.right - plot.left) * timeline.position(at);

    for (i, lane) in timeline.lanes.iter().enumerate() {
        let top = TOP + lane_h * i as f32;
        if i % 2 == 0 {
            frame.rect(0.0, top, frame.width, lane_h, BAND);
        }
        paint_lane_labels(frame, lane, top, plot);
    }
    paint_time_axis(frame, timeline, plot, bottom, &x_of);
    for (i, lane) in timeline.lanes.iter().enumerate() {
        let top = TOP + lane_h * i as f32;
        let (low, high) = lane.scale();
        let y_of = |v: f64| {
            let share = ((v - low) / (high - low)).clamp(0.0, 1.0) as f32;
            top + lane_h - LANE_PAD - (lane_h - 2.0 * LANE_PAD) * share
        };
        for series in &lane.series {
            let mut points = Vec::with_capacity(series.points.len() * 2);
            for &(at, v) in series.points.iter().filter(|(_, v)| v.is_finite()) {
                let (x, y) = (x_of(at), y_of(v));
                if let (Between::Held, Some(&(_, last_y))) = (series.between, points.last()) {
                    points.push((x, last_y));
                }
                points.push((x, y));
            }
            if let (Between::Held, Some(&(_, y))) = (series.between, points.last()) {
                points.push((x_of(timeline.end), y));
            }
            let (colour, width) = match series.role {
                Role::Measured => (MEASURED, 2.5),
                Role::Target => (TARGET, 2.0),
            };
            frame.polyline(points, colour, width);
        }
    }
    paint_marks(frame, timeline, bottom, &x_of);
}

/// A grid line at each regular time, and under them as many of their times as
/// fit without touching: the start's and the end's always, aligned inside the
/// chart, and over days only each day's name at its opening.
fn paint_time_axis(
    frame: &mut Frame,
    timeline: &Timeline,
    plot: Plot,
    bottom: f32,
    x_of: &dyn Fn(Seconds) -> f32,
) {
    const LABEL: f32 = 80.0;
    let wanted = ((plot.right - plot.left) / LABEL).max(2.0) as u64;
    let times = timeline.regular_times(wanted);
    for &at in &times {
        let x = x_of(at);
        frame.polyline(vec![(x, TOP), (x, bottom)], GRID, 1.0);
    }
    let label = |at: Seconds| match &timeline.axis {
        TimeAxis::Clock => Some(timeline.time_text(at)),
        TimeAxis::Days { names, .. } => at.is_multiple_of(DAY).then(|| day_name(names, at)),
    };
    let end_x = x_of(timeline.end);
    let mut free_from = f32::NEG_INFINITY;
    for &at in &times {
        let Some(text) = label(at) else { continue };
        let x = x_of(at);
        let (align, left) = if at == 0 {
            (Align::Left, x)
        } else if at == timeline.end {
            (Align::Right, x - LABEL)
        } else {
            (Align::Center, x - LABEL / 2.0)
        };
        // The end's label is always drawn: a label that would touch it gives way.
        let touches_end = at != timeline.end
            && left + LABEL > end_x - LABEL
            && matches!(timeline.axis, TimeAxis::Clock);
        if left < free_from || touches_end {
            continue;
        }
        free_from = left + LABEL + 4.0;
        frame.text(
            Text::new(text, x, bottom + 6.0, 11.0, FAINT_INK)
                .align(align, Baseline::Top)
                .fit(LABEL),
        );
    }
}

/// Beside a lane: its name, its scale ("50–120 /min"), and a legend when it has
/// two lines.
fn paint_lane_labels(frame: &mut Frame, lane: &Lane, top: f32, plot: Plot) {
    let room = plot.left - 16.0;
    frame.text(
        Text::new(&lane.name, 8.0, top + 6.0, 13.0, INK)
            .bold()
            .fit(room),
    );
    let (low, high) = lane.scale();
    let range = format!("{}–{} {}", lane.number(low), lane.number(high), lane.unit);
    frame.text(Text::new(range.trim_end(), 8.0, top + 24.0, 11.0, FAINT_INK).fit(room));
    if lane.series.len() > 1 {
        for (k, series) in lane.series.iter().enumerate() {
            let colour = match series.role {
                Role::Measured => MEASURED,
                Role::Target => TARGET,
            };
            let y = top + 46.0 + 16.0 * k as f32;
            frame.rect(8.0, y + 5.0, 14.0, 3.0, colour);
            frame.text(Text::new(&series.name, 26.0, y, 11.0, INK).fit(room - 18.0));
        }
    }
}

/// Each choice as a line across the lanes with its number above; numbers that
/// would touch take turns between two rows.
fn paint_marks(frame: &mut Frame, timeline: &Timeline, bottom: f32, x_of: &dyn Fn(Seconds) -> f32) {
    let mut last_x = [f32::NEG_INFINITY; 2];
    for mark in &timeline.marks {
        let x = x_of(mark.at);
        frame.polyline(vec![(x, TOP - 2.0), (x, bottom)], MARK, 1.0);
        let label = mark.number.to_string();
        let width = 7.0 * label.len() as f32 + 4.0;
        let row = if x - last_x[0] >= width {
            0
        } else if x - last_x[1] >= width {
            1
        } else {
            // Three choices within a few pixels: the table lists them all.
            continue;
        };
        last_x[row] = x;
        frame.text(
            Text::new(label, x, 2.0 + 13.0 * row as f32, 11.0, MARK)
                .bold()
                .align(Align::Center, Baseline::Top),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lane(name: &str, series: Vec<Series>) -> Lane {
        Lane {
            name: name.into(),
            unit: "/min".into(),
            decimals: 0,
            covers: (60.0, 100.0),
            series,
        }
    }

    fn series(between: Between, points: &[(Seconds, f64)]) -> Series {
        Series {
            name: "Heart rate".into(),
            role: Role::Measured,
            between,
            points: points.to_vec(),
        }
    }

    fn timeline(lanes: Vec<Lane>, end: Seconds) -> Timeline {
        Timeline {
            title: "Vital signs".into(),
            summary: "It went up.".into(),
            axis: TimeAxis::Clock,
            end,
            lanes,
            marks: Vec::new(),
        }
    }

    #[test]
    fn a_held_series_keeps_its_value_and_a_straight_one_interpolates() {
        let held = series(Between::Held, &[(10, 1.0), (20, 3.0)]);
        assert_eq!(held.value_at(5), None);
        assert_eq!(held.value_at(10), Some(1.0));
        assert_eq!(held.value_at(19), Some(1.0));
        assert_eq!(held.value_at(20), Some(3.0));
        assert_eq!(held.value_at(99), Some(3.0));
        let straight = Series {
            between: Between::Straight,
            ..held
        };
        assert_eq!(straight.value_at(15), Some(2.0));
        assert_eq!(straight.value_at(99), Some(3.0));
    }

    #[test]
    fn the_scale_covers_its_range_and_every_value() {
        let calm = lane("HR", vec![series(Between::Held, &[(0, 72.0), (60, 75.0)])]);
        assert_eq!(calm.scale(), (60.0, 100.0));
        let racing = lane("HR", vec![series(Between::Held, &[(0, 72.0), (60, 140.0)])]);
        assert_eq!(racing.scale(), (60.0, 140.0));
        let flat = Lane {
            covers: (0.0, 0.0),
            ..lane("HR", vec![series(Between::Held, &[(0, 0.0)])])
        };
        assert_eq!(flat.scale(), (-1.0, 1.0));
    }

    #[test]
    fn the_table_has_regular_rows_and_a_row_for_each_choice() {
        let mut t = timeline(
            vec![lane(
                "Heart rate",
                vec![series(Between::Held, &[(0, 80.0), (400, 120.0)])],
            )],
            900,
        );
        t.marks = vec![
            Mark {
                at: 130,
                number: 1,
                label: "Give oxygen".into(),
            },
            Mark {
                at: 300,
                number: 2,
                label: "Call the team".into(),
            },
        ];
        let table = t.table();
        assert_eq!(table.columns, ["Heart rate (/min)"]);
        let times: Vec<_> = table.rows.iter().map(|r| r.time.as_str()).collect();
        assert_eq!(
            times,
            [
                "0:00", "1:00", "2:00", "2:10", "3:00", "4:00", "5:00", "6:00", "7:00", "8:00",
                "9:00", "10:00", "11:00", "12:00", "13:00", "14:00", "15:00"
            ]
        );
        let at = |time: &str| table.rows.iter().find(|r| r.time == time).unwrap();
        assert_eq!(at("2:10").did, ["1. Give oxygen"]);
        assert_eq!(at("5:00").did, ["2. Call the team"]);
        assert_eq!(at("5:00").values, [Some("80".to_owned())]);
        assert_eq!(at("10:00").values, [Some("120".to_owned())]);
        assert!(at("0:00").did.is_empty());
    }

    #[test]
    fn two_series_in_a_lane_are_named_each_in_the_table_and_the_legend() {
        let good = series(Between::Held, &[(0, 0.0), (3600, 50.0)]);
        let pace = Series {
            name: "Order's pace".into(),
            role: Role::Target,
            between: Between::Straight,
            points: vec![(0, 0.0), (7200, 100.0)],
        };
        let mut both = lane("Good parts", vec![good, pace]);
        both.unit = String::new();
        let t = timeline(vec![both], 7200);
        let table = t.table();
        assert_eq!(table.columns, ["Heart rate", "Order's pace"]);
        let one_hour = table.rows.iter().find(|r| r.at == 3600).unwrap();
        assert_eq!(one_hour.values, [Some("50".into()), Some("50".into())]);
        let painted = frame(&t, MAX_WIDTH);
        assert!(painted.shows("Good parts") && painted.shows("Order's pace"));
        assert_eq!(painted.polylines().filter(|(_, c)| *c == TARGET).count(), 1);
    }

    #[test]
    fn trading_days_read_by_their_names_and_have_a_row_at_each_opening_and_closing() {
        let t = Timeline {
            axis: TimeAxis::Days {
                opens_hour: 11,
                open_seconds: 6 * 3600,
                names: vec!["Monday".into()],
            },
            ..timeline(Vec::new(), DAY + 6 * 3600)
        };
        assert_eq!(t.time_text(0), "Monday, 11:00");
        assert_eq!(
            t.time_text(DAY + 3 * 3600 + 60),
            "2, 14:01",
            "a day with no name"
        );
        assert_eq!(t.regular_times(16), [0, 6 * 3600, DAY, DAY + 6 * 3600]);
        // The night between takes a tenth of a day's trading on the chart.
        assert_eq!(t.position(0), 0.0);
        assert!((t.position(6 * 3600) - 1.0 / 2.1).abs() < 1e-6);
        assert!((t.position(DAY) - 1.1 / 2.1).abs() < 1e-6);
        assert_eq!(t.position(DAY + 6 * 3600), 1.0);
    }

    #[test]
    fn every_choice_is_a_line_and_close_numbers_take_turns_between_two_rows() {
        let mut t = timeline(
            vec![lane(
                "Heart rate",
                vec![series(Between::Held, &[(0, 80.0)])],
            )],
            1000,
        );
        t.marks = (1..=4)
            .map(|n| Mark {
                at: 500 + n as Seconds,
                number: n,
                label: format!("choice {n}"),
            })
            .collect();
        let painted = frame(&t, MAX_WIDTH);
        assert_eq!(painted.polylines().filter(|(_, c)| *c == MARK).count(), 4);
        let numbers: Vec<_> = painted
            .texts()
            .filter(|text| text.colour == MARK)
            .map(|text| (text.text.as_str(), text.y))
            .collect();
        // 1 and 2 share the moment; 3 and 4 cannot be placed apart from them.
        assert_eq!(numbers, [("1", 2.0), ("2", 15.0)]);
        assert_eq!(painted.height, t.height());
    }

    #[test]
    fn a_narrow_chart_is_drawn_for_its_width_with_fewer_time_labels() {
        let t = timeline(
            vec![lane(
                "Heart rate",
                vec![series(Between::Held, &[(0, 80.0)])],
            )],
            3600,
        );
        let wide = frame(&t, 2000.0);
        let narrow = frame(&t, 100.0);
        assert_eq!((wide.width, narrow.width), (MAX_WIDTH, MIN_WIDTH));
        let times = |f: &Frame| f.texts().filter(|x| x.text.contains(':')).count();
        assert!(
            times(&narrow) < times(&wide),
            "{} vs {}",
            times(&narrow),
            times(&wide)
        );
        assert!(narrow.shows("60–100 /min") && narrow.shows("Heart rate"));
        for (points, _) in narrow.polylines() {
            assert!(points.iter().all(|&(x, _)| (0.0..=MIN_WIDTH).contains(&x)));
        }
    }

    #[test]
    fn a_held_line_steps_and_runs_to_the_end() {
        let t = timeline(
            vec![lane(
                "Heart rate",
                vec![series(Between::Held, &[(0, 60.0), (500, 100.0)])],
            )],
            1000,
        );
        let painted = frame(&t, MAX_WIDTH);
        let (line, _) = painted.polylines().find(|(_, c)| *c == MEASURED).unwrap();
        assert_eq!(line.len(), 4);
        assert_eq!(line[1].1, line[0].1, "held flat until the next point");
        assert_eq!(line[1].0, line[2].0, "then a step straight up");
        assert_eq!(line[3].0, MAX_WIDTH - 12.0);
    }
}
