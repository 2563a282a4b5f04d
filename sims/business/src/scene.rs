//! The business as a scene: the day and the headline figures along the top, the
//! bank balance over the days as a line on the left (the zero line marked, so an
//! overdraft shows), and each product's shelf as a bar on the right with its price
//! and what is left.
//!
//! [`paint`] is a pure function of the [`Report`], so the view is tested natively;
//! the web player replays the [`Frame`] into its canvas. The page's text
//! equivalent ([`crate::board`]) is read from the same report.

use firstshift_draw::{Align, Baseline, Frame, Rgb, Text};

use crate::model::DAY;
use crate::report::Report;
use crate::spanish::WORDS;

pub const PANEL: Rgb = Rgb::new(24, 28, 36);
pub const WHITE: Rgb = Rgb::new(237, 242, 247);
pub const GREY: Rgb = Rgb::new(160, 170, 186);
pub const GRID: Rgb = Rgb::new(58, 66, 80);
pub const CASH: Rgb = Rgb::new(102, 204, 153);
pub const OVERDRAWN: Rgb = Rgb::new(240, 110, 100);
pub const SHELF: Rgb = Rgb::new(46, 54, 66);
pub const STOCK: Rgb = Rgb::new(120, 180, 245);
pub const EMPTY: Rgb = Rgb::new(240, 110, 100);

const CHART_LEFT: f32 = 70.0;
const CHART_RIGHT: f32 = 470.0;
const CHART_TOP: f32 = 52.0;
const CHART_BOTTOM: f32 = 188.0;
const SHELF_LEFT: f32 = 500.0;
const SHELF_WIDTH: f32 = 292.0;

/// Paints the business of `report` over the whole frame.
pub fn paint(frame: &mut Frame, report: &Report) {
    frame.rect(0.0, 0.0, Frame::WIDTH, Frame::HEIGHT, PANEL);
    paint_strip(frame, report);
    paint_cash(frame, report);
    paint_shelves(frame, report);
}

fn paint_strip(frame: &mut Frame, r: &Report) {
    let l = r.language;
    let day = WORDS.fill(
        l,
        "{} · day {} of {}",
        &[&r.day_name, &(r.day + 1).min(r.days_total), &r.days_total],
    );
    let values = [
        (8.0, day, 230.0),
        (250.0, WORDS.fill(l, "Cash {}", &[&r.money(r.cash)]), 170.0),
        (
            430.0,
            WORDS.fill(l, "Profit {}", &[&r.money(r.profit)]),
            170.0,
        ),
        (
            610.0,
            WORDS.fill(
                l,
                "Served {} ({} %)",
                &[&r.customers.served, &format!("{:.0}", r.service_percent())],
            ),
            182.0,
        ),
    ];
    for (x, text, width) in values {
        frame.text(Text::new(text, x, 10.0, 15.0, WHITE).bold().fit(width));
    }
}

/// Where the chart's time axis ends: the last day's closing.
fn span(r: &Report) -> f64 {
    let last_close = r
        .cash_points
        .last()
        .map_or(0, |(at, _)| *at)
        .max((r.days_total.saturating_sub(1) as u64) * DAY + 1);
    last_close as f64
}

fn paint_cash(frame: &mut Frame, r: &Report) {
    frame.text(
        Text::new(
            WORDS.say(r.language, "Cash in the bank"),
            CHART_LEFT,
            34.0,
            12.0,
            GREY,
        )
        .fit(CHART_RIGHT - CHART_LEFT),
    );
    let amounts: Vec<i64> = r.cash_points.iter().map(|(_, c)| c.0).collect();
    let high = amounts.iter().copied().max().unwrap_or(0).max(0);
    let low = amounts.iter().copied().min().unwrap_or(0).min(0);
    let range = (high - low).max(100) as f32;
    let y_of =
        |cents: i64| CHART_BOTTOM - (cents - low) as f32 / range * (CHART_BOTTOM - CHART_TOP);
    let span = span(r);
    let x_of = |at: u64| CHART_LEFT + (at as f64 / span) as f32 * (CHART_RIGHT - CHART_LEFT);

    frame.outline(
        CHART_LEFT,
        CHART_TOP,
        CHART_RIGHT - CHART_LEFT,
        CHART_BOTTOM - CHART_TOP,
        GRID,
        1.0,
    );
    let zero = y_of(0);
    frame.polyline(vec![(CHART_LEFT, zero), (CHART_RIGHT, zero)], GRID, 1.0);
    for (cents, y) in [(high, CHART_TOP), (low, CHART_BOTTOM)] {
        frame.text(
            Text::new(
                crate::money::Cents(cents).text(&r.currency),
                CHART_LEFT - 6.0,
                y,
                11.0,
                GREY,
            )
            .align(Align::Right, Baseline::Middle)
            .fit(CHART_LEFT - 10.0),
        );
    }
    for (day, name) in r.day_names.iter().enumerate() {
        let x = x_of(day as u64 * DAY);
        frame.polyline(vec![(x, CHART_BOTTOM), (x, CHART_BOTTOM + 4.0)], GRID, 1.0);
        let short: String = name.chars().take(3).collect();
        frame.text(
            Text::new(short, x + 2.0, CHART_BOTTOM + 6.0, 11.0, GREY)
                .fit((CHART_RIGHT - CHART_LEFT) / r.day_names.len().max(1) as f32 - 2.0),
        );
    }
    let points: Vec<(f32, f32)> = r
        .cash_points
        .iter()
        .map(|(at, c)| (x_of(*at), y_of(c.0)))
        .collect();
    let colour = if r.cash.0 < 0 { OVERDRAWN } else { CASH };
    if points.len() >= 2 {
        frame.polyline(points, colour, 2.5);
    }
}

fn paint_shelves(frame: &mut Frame, r: &Report) {
    frame.text(
        Text::new(
            WORDS.say(r.language, "On the shelf"),
            SHELF_LEFT,
            34.0,
            12.0,
            GREY,
        )
        .fit(SHELF_WIDTH),
    );
    let n = r.products.len().max(1);
    let row = ((CHART_BOTTOM + 14.0 - CHART_TOP) / n as f32).min(36.0);
    let most = r
        .products
        .iter()
        .map(|p| p.on_hand.max(p.sold_today))
        .max()
        .unwrap_or(1)
        .max(1) as f32;
    for (i, p) in r.products.iter().enumerate() {
        let y = CHART_TOP + i as f32 * row;
        frame.text(
            Text::new(
                format!("{} · {}", p.name, r.money(p.price)),
                SHELF_LEFT,
                y,
                12.0,
                WHITE,
            )
            .fit(SHELF_WIDTH - 70.0),
        );
        let left = if p.on_hand == 0 {
            WORDS.say(r.language, "none left").to_string()
        } else {
            WORDS.fill(r.language, "{} left", &[&p.on_hand])
        };
        frame.text(
            Text::new(
                left,
                SHELF_LEFT + SHELF_WIDTH,
                y,
                12.0,
                if p.on_hand == 0 { EMPTY } else { GREY },
            )
            .align(Align::Right, Baseline::Top)
            .fit(68.0),
        );
        let bar_y = y + 16.0;
        let bar_h = (row - 20.0).clamp(4.0, 10.0);
        frame.rect(SHELF_LEFT, bar_y, SHELF_WIDTH, bar_h, SHELF);
        let filled = p.on_hand as f32 / most * SHELF_WIDTH;
        if filled > 0.0 {
            frame.rect(SHELF_LEFT, bar_y, filled, bar_h, STOCK);
        }
    }
}
