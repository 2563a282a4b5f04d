//! How fast the line model runs: events per second on a 10-station line over a
//! simulated week (168 hours without a stop), with two products and changeovers,
//! breakdowns shared by two technicians, defects, an inspection that scraps them, and
//! finite buffers (so blocking and starving happen all the time).
//!
//! `sims/line/benches/simpy_line.py` is the same line in SimPy, for comparison.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use firstshift_line::*;

fn week_line() -> LineSetup {
    let cycles = [
        Distribution::Fixed(40.0),
        Distribution::Triangular(35.0, 42.0, 55.0),
        Distribution::Exponential(38.0),
        Distribution::Normal(44.0, 5.0),
        Distribution::Uniform(36.0, 50.0),
        Distribution::Triangular(30.0, 40.0, 60.0),
        Distribution::Exponential(41.0),
        Distribution::Normal(39.0, 4.0),
        Distribution::Uniform(35.0, 45.0),
        Distribution::Fixed(30.0),
    ];
    let stations = cycles
        .iter()
        .enumerate()
        .map(|(i, cycle)| StationSetup {
            id: format!("s{i}"),
            name: format!("Station {i}"),
            cycle: *cycle,
            buffer: Some(5),
            crew_needed: 1,
            crew: None,
            max_crew: None,
            changeover_minutes: if i % 3 == 0 { 5.0 } else { 0.0 },
            breakdowns: Some(Breakdowns {
                mtbf_minutes: 240.0 + 30.0 * i as f64,
                mttr_minutes: 15.0,
                wear: if i % 2 == 0 { 1.0 } else { 2.5 },
                age_minutes: 0.0,
            }),
            defect_rate: 0.01,
            defect_rate_after_fix: None,
            inspection: (i == 6).then_some(Inspection {
                seconds: 5.0,
                on_defect: OnDefect::Scrap,
            }),
            maintenance_minutes: 20.0,
        })
        .collect();
    LineSetup {
        name: "bench".into(),
        products: vec!["a".into(), "b".into()],
        batch_size: 25,
        release: Release::Push,
        stations,
        technicians: 2,
        shift: Shift {
            hours: 168.0,
            breaks: vec![],
        },
        demand: 10_000,
        costs: Costs::default(),
        added_inspection: Inspection {
            seconds: 10.0,
            on_defect: OnDefect::Scrap,
        },
    }
}

const WEEK: f64 = 168.0 * 3600.0;

fn benches(c: &mut Criterion) {
    let setup = week_line();
    let mut probe = Line::new(&setup, 1);
    probe.run_until(WEEK);
    let events = probe.events_handled;
    println!(
        "one simulated week: {events} events, {} good parts",
        probe.report().good
    );
    let mut group = c.benchmark_group("line");
    group.sample_size(20);
    group.throughput(Throughput::Elements(events));
    group.bench_function("10 stations, one simulated week", |b| {
        b.iter(|| {
            let mut line = Line::new(black_box(&setup), 1);
            line.run_until(WEEK);
            black_box(line.events_handled)
        })
    });
    group.finish();
    let line = probe;
    c.bench_function("report (KPIs) of a 10-station line", |b| {
        b.iter(|| black_box(line.report()))
    });
}

criterion_group!(model, benches);
criterion_main!(model);
