//! The business model against the arithmetic and economics it claims: a
//! constant-elasticity demand curve, weather and crowds, stock limits, staff
//! capacity, spoilage, wages and interest to the cent. Steady arrivals make each
//! expected number exact.

use firstshift_business::{
    Arrivals, Business, BusinessAction, BusinessKind, BusinessQuery, BusinessSetup, Cents, Day,
    EventKind, LoanOffer, Product, Staff, Weather,
};
use firstshift_core::{Compare, SimState};

const DAY: u64 = 24 * 3600;

fn product(customers_per_day: f64) -> Product {
    Product {
        id: "tacos".into(),
        name: "taco plates".into(),
        price: 10.0,
        unit_cost: 4.0,
        customers_per_day,
        reference_price: None,
        elasticity: -1.5,
        shelf_life_days: 30,
        stock: 100_000,
    }
}

/// A business that is never short of stock or staff, unless a test says so.
fn setup(days: usize) -> BusinessSetup {
    BusinessSetup {
        name: "Test truck".into(),
        currency: "$".into(),
        opens_hour: 11,
        open_hours: 8,
        hour_weights: Vec::new(),
        days: (0..days)
            .map(|i| Day {
                name: format!("Day {}", i + 1),
                weather: Some(Weather::Sunny),
                crowd: 1.0,
            })
            .collect(),
        products: vec![product(1000.0)],
        staff: Staff {
            on_shift: 1,
            max: 4,
            wage_per_hour: 0.0,
            serves_per_hour: 10_000.0,
        },
        fixed_costs_per_day: 0.0,
        bills: Vec::new(),
        cash: 1000.0,
        loan: None,
        arrivals: Arrivals::Steady,
    }
}

fn run(setup: &BusinessSetup, decisions: &[BusinessAction], to: u64) -> Business {
    let mut b = Business::new(setup, 1);
    for d in decisions {
        SimState::<BusinessKind>::act(&mut b, d);
    }
    SimState::<BusinessKind>::advance(&mut b, to);
    b
}

fn sold(b: &Business) -> u64 {
    b.report().products[0].sold
}

#[test]
fn customers_follow_the_price_elasticity() {
    let s = setup(1);
    assert_eq!(sold(&run(&s, &[], DAY)), 1000);
    // Twice the price, ε = −1.5: 1000 × 2^−1.5 = 353.55 customers.
    let doubled = sold(&run(
        &s,
        &[BusinessAction::SetPrice("tacos".into(), 20.0)],
        DAY,
    ));
    assert!((353..=354).contains(&doubled), "{doubled}");
    // 10 % dearer loses about 15 % (exactly 1 − 1.1^−1.5 = 13.3 %).
    let dearer = sold(&run(
        &s,
        &[BusinessAction::SetPrice("tacos".into(), 11.0)],
        DAY,
    ));
    assert!((866..=867).contains(&dearer), "{dearer}");
}

#[test]
fn elastic_demand_loses_takings_to_a_price_rise_and_inelastic_demand_gains() {
    let takings = |elasticity: f64, price: f64| {
        let mut s = setup(1);
        s.products[0].elasticity = elasticity;
        run(&s, &[BusinessAction::SetPrice("tacos".into(), price)], DAY)
            .report()
            .ledger
            .takings
    };
    assert!(takings(-2.0, 12.0) < takings(-2.0, 10.0));
    assert!(takings(-0.5, 12.0) > takings(-0.5, 10.0));
}

#[test]
fn weather_and_crowds_scale_the_customers() {
    let mut s = setup(3);
    s.days[1].weather = Some(Weather::Rain);
    s.days[2].weather = None;
    s.days[2].crowd = 2.0;
    let b = run(&s, &[], 3 * DAY);
    let served: Vec<u64> = b.report().days.iter().map(|d| d.tally.served).collect();
    assert_eq!(served, [1000, 550, 2000]);
}

#[test]
fn hour_weights_spread_the_day_without_changing_its_total() {
    let mut s = setup(1);
    s.hour_weights = vec![1.0, 1.0, 3.0, 3.0, 1.0, 1.0, 0.0, 0.0];
    let b = run(&s, &[], 2 * 3600);
    assert_eq!(sold(&b), 200);
    let b = run(&s, &[], 4 * 3600);
    assert_eq!(sold(&b), 800);
    assert_eq!(sold(&run(&s, &[], DAY)), 1000);
}

#[test]
fn the_shelf_and_the_staff_limit_sales_and_each_walk_out_is_counted_once() {
    let mut s = setup(1);
    s.products[0].stock = 300;
    let b = run(&s, &[], DAY);
    let r = b.report();
    assert_eq!(
        (r.customers.served, r.customers.missed_no_stock),
        (300, 700)
    );
    assert!(b.report().products[0].missed == 700);

    let mut s = setup(1);
    s.staff.serves_per_hour = 50.0; // 400 a day for one person
    let one = run(&s, &[], DAY).report();
    assert_eq!(
        (one.customers.served, one.customers.missed_queue),
        (400, 600)
    );
    let two = run(&s, &[BusinessAction::Staff(2)], DAY).report();
    assert_eq!(
        (two.customers.served, two.customers.missed_queue),
        (800, 200)
    );
    assert_eq!(two.customers.customers(), 1000);
}

#[test]
fn items_past_their_shelf_life_are_thrown_away_at_cost() {
    let mut s = setup(3);
    s.products[0].stock = 2500;
    s.products[0].shelf_life_days = 2;
    let mut b = Business::new(&s, 1);
    let day1 = SimState::<BusinessKind>::advance(&mut b, DAY);
    assert!(day1.iter().all(|e| e.kind != EventKind::Spoiled));
    let day2 = SimState::<BusinessKind>::advance(&mut b, 2 * DAY);
    let spoiled = day2
        .iter()
        .find(|e| e.kind == EventKind::Spoiled)
        .expect("spoiled");
    // 2500 − 1000 − 1000 = 500 items at $4.00.
    assert_eq!(
        spoiled.text,
        "500 taco plates past their shelf life go in the bin ($2,000.00 of stock)."
    );
    let r = b.report();
    assert_eq!(r.products[0].spoiled, 500);
    assert_eq!(r.ledger.spoiled, Cents(200_000));
    assert_eq!(r.products[0].on_hand, 0);
}

#[test]
fn an_order_is_paid_now_and_arrives_at_the_next_opening() {
    let mut s = setup(2);
    s.products[0].stock = 0;
    let mut b = Business::new(&s, 1);
    let events = SimState::<BusinessKind>::act(&mut b, &BusinessAction::Order("tacos".into(), 50));
    assert_eq!(events[0].kind, EventKind::Decision);
    assert_eq!(b.cash(), Cents(80_000));
    SimState::<BusinessKind>::advance(&mut b, DAY - 1);
    assert_eq!(sold(&b), 0);
    let next = SimState::<BusinessKind>::advance(&mut b, DAY + 3600);
    assert!(next.iter().any(|e| e.kind == EventKind::Delivered));
    assert_eq!(sold(&b), 50);
    // Too dear, and on the last day: refused, and nothing changes.
    let before = b.report();
    let refused = SimState::<BusinessKind>::act(&mut b, &BusinessAction::Order("tacos".into(), 10));
    assert_eq!(refused.last().map(|e| e.kind), Some(EventKind::Refused));
    assert_eq!(b.report(), before);
}

#[test]
fn wages_fixed_costs_and_interest_are_paid_at_closing_to_the_cent() {
    let mut s = setup(1);
    s.staff.on_shift = 2;
    s.staff.wage_per_hour = 15.55;
    s.fixed_costs_per_day = 42.10;
    s.products[0].customers_per_day = 0.0;
    s.loan = Some(LoanOffer {
        limit: 2000.0,
        annual_rate_percent: 36.5,
        lender: "the credit union".into(),
    });
    let b = run(&s, &[BusinessAction::TakeLoan(1000.0)], DAY);
    let l = b.ledger;
    assert_eq!(l.wages, Cents(2 * 8 * 1555));
    assert_eq!(l.fixed_costs, Cents(4210));
    // 1000 × 36.5 % / 365 = $1.00 a day.
    assert_eq!(l.interest, Cents(100));
    assert_eq!(b.cash(), Cents(100_000 + 100_000 - 24_880 - 4210 - 100));
    assert_eq!(b.ledger.profit(), Cents(-24_880 - 4210 - 100));
    assert!(SimState::<BusinessKind>::holds(
        &b,
        &BusinessQuery::LoanBalance(Compare::Equals(1000.0))
    ));
}

#[test]
fn a_business_that_spends_more_than_it_has_is_told_it_is_overdrawn() {
    let mut s = setup(1);
    s.cash = 10.0;
    s.fixed_costs_per_day = 25.0;
    s.products[0].customers_per_day = 0.0;
    let mut b = Business::new(&s, 1);
    let events = SimState::<BusinessKind>::advance(&mut b, DAY);
    let overdrawn = events
        .iter()
        .find(|e| e.kind == EventKind::Overdrawn)
        .expect("overdrawn");
    assert!(overdrawn.text.contains("$15.00"), "{}", overdrawn.text);
    assert!(SimState::<BusinessKind>::holds(
        &b,
        &BusinessQuery::Overdrawn
    ));
    assert!(events.iter().any(|e| e.kind == EventKind::Finished));
    assert!(SimState::<BusinessKind>::holds(
        &b,
        &BusinessQuery::Finished
    ));
}

#[test]
fn random_arrivals_average_the_expected_customers() {
    let mut s = setup(1);
    s.arrivals = Arrivals::Random;
    let runs = 200;
    let total: u64 = (0..runs)
        .map(|seed| {
            let mut b = Business::new(&s, seed);
            SimState::<BusinessKind>::advance(&mut b, DAY);
            sold(&b)
        })
        .sum();
    let mean = total as f64 / runs as f64;
    // A Poisson day of 1000 has a standard deviation of 31.6; the mean of 200
    // days, 2.2.
    assert!((mean - 1000.0).abs() < 11.0, "{mean}");
    let first = |seed| {
        let mut b = Business::new(&s, seed);
        SimState::<BusinessKind>::advance(&mut b, DAY);
        b.report()
    };
    assert_eq!(first(7), first(7));
    assert_ne!(first(7), first(8));
}

#[test]
fn a_run_is_the_same_however_its_time_is_cut_up() {
    // Sessions with rules step the model a second at a time; a replay steps it in
    // slices; a session without rules, a choice's whole time at once.
    let mut s = setup(2);
    s.arrivals = Arrivals::Random;
    s.hour_weights = vec![1.0, 2.0, 4.0, 4.0, 2.0, 1.0, 1.0, 1.0];
    s.staff.serves_per_hour = 120.0;
    s.products.push(Product {
        id: "drinks".into(),
        name: "drinks".into(),
        price: 3.0,
        customers_per_day: 400.0,
        ..product(0.0)
    });
    let decide = |b: &mut Business| {
        SimState::<BusinessKind>::act(b, &BusinessAction::SetPrice("drinks".into(), 3.5));
    };
    let mut whole = Business::new(&s, 9);
    SimState::<BusinessKind>::advance(&mut whole, 5000);
    decide(&mut whole);
    SimState::<BusinessKind>::advance(&mut whole, 2 * DAY);
    for step in [1, 37, 1000] {
        let mut cut = Business::new(&s, 9);
        let (mut t, mut decided) = (0, false);
        while t < 2 * DAY {
            t = (t + step).min(2 * DAY);
            if t >= 5000 && !decided {
                SimState::<BusinessKind>::advance(&mut cut, 5000);
                decide(&mut cut);
                decided = true;
            }
            SimState::<BusinessKind>::advance(&mut cut, t);
        }
        assert_eq!(
            format!("{cut:?}"),
            format!("{whole:?}"),
            "steps of {step} s"
        );
        assert!(
            whole.report().customers.missed_queue > 100,
            "the staff must be overloaded"
        );
    }
}

#[test]
fn the_debrief_timeline_shows_every_cash_movement_and_ends_at_the_balance() {
    let mut s = setup(2);
    s.days[1].name = "Tuesday".into();
    s.fixed_costs_per_day = 900.0;
    s.products[0].customers_per_day = 0.0;
    let b = run(&s, &[], 2 * DAY);
    let t = b.timeline();
    let cash = &t.lanes[0].series[0];
    assert_eq!(cash.value_at(t.end), Some(b.cash().amount()));
    assert_eq!(cash.value_at(0), Some(1000.0));
    // Paid at each closing: held until then, then lower.
    let first_close = s.open_seconds();
    assert!(cash.value_at(first_close - 60) > cash.value_at(first_close));
    let table = t.table();
    assert_eq!(table.columns, ["Cash ($)"]);
    let last = table.rows.last().unwrap();
    assert_eq!(last.values, [Some(format!("{:.2}", b.cash().amount()))]);
    assert!(
        table.rows[0].time.ends_with(", 11:00"),
        "{:?}",
        table.rows[0]
    );
    assert_eq!(
        t.summary,
        format!(
            "Cash went from $1,000.00 to {}; it was lowest, {}, on Tuesday.",
            b.cash().text("$"),
            b.cash().text("$")
        )
    );
}
