//! The model against queueing theory. Each test runs a long simulated time so that
//! the sample averages settle; the tolerances are stated in each test.

use firstshift_line::{
    Breakdowns, Distribution, Inspection, Line, LineSetup, OnDefect, Release, Shift, StationSetup,
    StationState,
};

fn station(id: &str, cycle: Distribution, buffer: Option<u32>) -> StationSetup {
    StationSetup {
        id: id.into(),
        name: id.to_uppercase(),
        cycle,
        buffer,
        crew_needed: 1,
        crew: None,
        max_crew: None,
        changeover_minutes: 0.0,
        breakdowns: None,
        defect_rate: 0.0,
        defect_rate_after_fix: None,
        inspection: None,
        maintenance_minutes: 20.0,
    }
}

fn line(release: Release, stations: Vec<StationSetup>, hours: f64) -> LineSetup {
    LineSetup {
        name: "test".into(),
        products: vec!["part".into()],
        batch_size: 1,
        release,
        stations,
        technicians: 1,
        shift: Shift {
            hours,
            breaks: vec![],
        },
        demand: 1,
        costs: Default::default(),
        added_inspection: Inspection {
            seconds: 10.0,
            on_defect: OnDefect::Scrap,
        },
    }
}

fn run(setup: &LineSetup, seed: u64, hours: f64) -> Line {
    let mut l = Line::new(setup, seed);
    l.run_until(hours * 3600.0);
    l
}

#[test]
fn a_serial_line_without_failures_runs_at_its_slowest_station() {
    use Distribution::Fixed;
    let s = line(
        Release::Push,
        vec![
            station("cut", Fixed(30.0), Some(2)),
            station("weld", Fixed(45.0), Some(2)),
            station("pack", Fixed(40.0), Some(2)),
        ],
        10.0,
    );
    let l = run(&s, 1, 10.0);
    let r = l.report();
    // Weld, the slowest, never waits once cut's first part arrives at 30 s: it
    // finishes part k at 30 + 45k, and pack (faster) finishes it 40 s later. Part k
    // is good within the 10 h when 30 + 45k + 40 <= 36 000, so k <= 798.4: exactly
    // 798 parts, with no tolerance.
    let expected = ((36_000.0 - 30.0 - 40.0) / 45.0_f64).floor() as u64;
    assert_eq!(expected, 798);
    assert_eq!(r.good, expected);
    assert_eq!(r.bottleneck, Some(1), "the 45 s station");
    let weld = &r.stations[1];
    assert!(weld.share(StationState::Working) > 0.99);
    assert!(
        r.stations[0].share(StationState::Blocked) > 0.3,
        "the cutter waits for the welder"
    );
    assert!(
        r.stations[2].share(StationState::Starved) > 0.1,
        "the packer waits for parts"
    );
}

#[test]
fn an_m_m_1_station_matches_utilisation_and_littles_law() {
    // λ = 1/60 s, μ = 1/48 s: ρ = 0.8, L = ρ / (1 − ρ) = 4, W = L / λ = 240 s.
    let s = line(
        Release::Every(Distribution::Exponential(60.0)),
        vec![station("only", Distribution::Exponential(48.0), None)],
        5000.0,
    );
    let l = run(&s, 7, 5000.0);
    let r = l.report();
    let rho = r.stations[0].share(StationState::Working);
    assert!((rho - 0.8).abs() < 0.01, "utilisation {rho}");
    let lambda = (r.good + r.wip) as f64 / r.at;
    let little = lambda * r.lead_time;
    // Little's law on one sample path: within 2 %.
    assert!(
        (r.wip_average - little).abs() / little < 0.02,
        "L = {} but λW = {little}",
        r.wip_average
    );
    // And the M/M/1 result itself: within 6 % (slow to settle at ρ = 0.8).
    assert!((r.wip_average - 4.0).abs() < 0.24, "L = {}", r.wip_average);
    assert!((r.lead_time - 240.0).abs() < 15.0, "W = {}", r.lead_time);
}

#[test]
fn availability_with_breakdowns_is_mtbf_over_mtbf_plus_mttr() {
    // Up 60 minutes on average, down 10: availability 60 / 70 = 0.857.
    for wear in [1.0, 3.0] {
        let mut st = station("press", Distribution::Fixed(10.0), None);
        st.breakdowns = Some(Breakdowns {
            age_minutes: 0.0,
            mtbf_minutes: 60.0,
            mttr_minutes: 10.0,
            wear,
        });
        let s = line(Release::Push, vec![st], 5000.0);
        let r = run(&s, 3, 5000.0).report();
        let a = r.stations[0].availability;
        assert!(
            (a - 60.0 / 70.0).abs() < 0.006,
            "wear {wear}: availability {a}"
        );
        assert!(r.stations[0].breakdowns > 4000);
    }
}

#[test]
fn a_finite_buffer_between_two_stations_matches_the_exact_two_machine_result() {
    // Two exponential machines, μ1 = 1/50 s, μ2 = 1/40 s, a buffer of B between:
    // the second stage is an M/M/1/K queue with K = B + 2 (a part in the second
    // machine, B waiting, one held by the blocked first machine). Throughput is
    // μ2 (1 − p0), p0 = (1 − ρ) / (1 − ρ^(K+1)), ρ = μ1 / μ2. It rises with B
    // toward the slower machine's rate, 72 an hour.
    let mut last = 0.0;
    for b in [0u32, 1, 3, 10] {
        let s = line(
            Release::Push,
            vec![
                station("first", Distribution::Exponential(50.0), None),
                station("second", Distribution::Exponential(40.0), Some(b)),
            ],
            3000.0,
        );
        let r = run(&s, 11, 3000.0).report();
        let rho: f64 = 40.0 / 50.0;
        let k = f64::from(b) + 2.0;
        let p0 = (1.0 - rho) / (1.0 - libm::pow(rho, k + 1.0));
        let exact = 3600.0 / 40.0 * (1.0 - p0);
        let got = r.throughput_per_hour;
        assert!(
            (got - exact).abs() / exact < 0.015,
            "B = {b}: {got} vs {exact}"
        );
        assert!(got > last, "throughput grows with the buffer");
        assert!(got < 72.0 * 1.01);
        last = got;
    }
    assert!(last > 72.0 * 0.93, "B = 10 is close to the bound: {last}");
}

#[test]
fn the_debrief_timeline_counts_good_parts_against_a_pace_that_stops_for_breaks() {
    let mut s = line(
        Release::Push,
        vec![station("press", Distribution::Fixed(60.0), None)],
        2.0,
    );
    s.demand = 100;
    s.shift.breaks = vec![firstshift_line::setup::Break {
        at_minute: 60.0,
        minutes: 20.0,
    }];
    let l = run(&s, 1, 2.0);
    let t = l.timeline();
    assert_eq!(t.end, 7200);
    let (good, pace) = (&t.lanes[0].series[0], &t.lanes[0].series[1]);
    assert_eq!(good.value_at(t.end), Some(l.report().good as f64));
    // 100 parts over 100 planned minutes: one a minute, and none in the break.
    assert_eq!(pace.value_at(3600), Some(60.0));
    assert_eq!(pace.value_at(3600 + 20 * 60), Some(60.0));
    assert_eq!(pace.value_at(7200), Some(100.0));
    assert!(t.summary.starts_with(&format!(
        "The line made {} good parts of an order of 100",
        l.report().good
    )));
    let table = t.table();
    assert_eq!(table.columns, ["Good parts made", "The order's pace"]);
    assert_eq!(table.rows.last().unwrap().time, "2:00:00");
}
