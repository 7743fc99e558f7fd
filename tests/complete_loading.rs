#![cfg(not(target_arch = "wasm32"))]
//! Every call the server has is listed, whatever the server does: thousands of seeded campaigns served by
//! a simulated server that misbehaves (shapes and record styles that change per response, dates ignored,
//! everything at once then nothing, Vapi's pages, cursors, caps it never announces, duplicates, records
//! out of order, skewed clocks, empty stretches, requests failing once), loaded through the app's own
//! plan, loader, readers and store, by the reading worker's path and by the page's own. The store must
//! hold exactly the server's IDs, and the account of what was received must balance.

mod common;

use call_records::domain::Timestamp;
use common::sim_server::{
    load, load_learning, random_case, Behaviour, CapSide, Learned, Path, Server, Shape, Style, NOW,
};

const CASES: u64 = 1_200;
const HOUR: i64 = 3_600_000;

/// The campaign record's creation date and call count, as the page may learn them.
type Figures = Option<(Option<Timestamp>, Option<u64>)>;

/// Loads `server`'s campaign and checks it whole; returns the requests it took.
fn check(server: &mut Server, path: Path, seed: u64, learn: Figures, what: &str) -> usize {
    check_learning(server, path, seed, learn, Learned::AfterStart, what)
}

fn check_learning(
    server: &mut Server,
    path: Path,
    seed: u64,
    learn: Figures,
    when: Learned,
    what: &str,
) -> usize {
    let expected = server.ids();
    let result = load_learning(server, path, seed, learn, when);
    let got: std::collections::BTreeSet<String> = (0..result.store.len() as u32)
        .filter_map(|i| result.store.get(i).map(|c| c.id.to_owned()))
        .collect();
    let missing: Vec<&String> = expected.difference(&got).take(5).collect();
    let extra: Vec<&String> = got.difference(&expected).take(5).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{what}: {} of {} calls listed; missing {missing:?}, extra {extra:?}",
        got.len(),
        expected.len()
    );
    let tally = &result.progress.tally;
    assert!(tally.balances(), "{what}: {tally:?}");
    assert_eq!(tally.listed, expected.len(), "{what}");
    assert_eq!(tally.left_out_count(), 0, "{what}: {tally:?}");
    result.requests
}

/// What the campaign's figures would say if counted half an hour ago: the calls made since are missing.
fn counted_half_an_hour_ago(seed: u64, count: usize, span: i64, behaviour: &Behaviour) -> u64 {
    let server = Server::new(seed, count, span, behaviour.clone());
    (count - server.ids_since(NOW - HOUR / 2).len()) as u64
}

/// Loads and checks as [`check_learning`], and holds the requests to their bound for a campaign of
/// `count` calls: the plan's windows, plus pages and re-asked gaps that each brought calls. Returns the
/// requests it took.
fn check_bounded(
    server: &mut Server,
    count: usize,
    path: Path,
    seed: u64,
    learn: Figures,
    when: Learned,
    what: &str,
) -> usize {
    let bound = 80 + count / 5;
    let requests = check_learning(server, path, seed, learn, when, what);
    assert!(
        requests <= bound,
        "{what}: {requests} requests (bound {bound})"
    );
    requests
}

#[test]
fn thousands_of_misbehaving_servers_lose_no_call_on_either_path() {
    let mut most_requests = (0, 0, 0);
    let mut calls = 0;
    for seed in 0..CASES {
        let (count, span, behaviour) = random_case(seed);
        // The campaign's record as the page may learn it: not at all, true, or counted half an hour
        // ago (calls made since then are missing from its count). A campaign small enough is then
        // asked for whole, which must lose nothing a cap or a stale count could hide.
        let created = Some(Timestamp(NOW - span - behaviour.skew_ms.abs() - HOUR));
        let stale = counted_half_an_hour_ago(seed, count, span, &behaviour);
        // Learned before the start: the record came while the app was starting, so a small campaign's
        // first requests are the newest hour and the rest in parts, all at once.
        let (true_count, stale_count) = (
            Some((created, Some(count as u64))),
            Some((created, Some(stale))),
        );
        for (path, learn, when) in [
            (Path::Worker, None, Learned::AfterStart),
            (Path::Page, None, Learned::AfterStart),
            (Path::Mixed, None, Learned::AfterStart),
            (Path::Mixed, true_count, Learned::AfterStart),
            (Path::Worker, stale_count, Learned::AfterStart),
            (Path::Page, true_count, Learned::BeforeStart),
            (Path::Mixed, stale_count, Learned::BeforeStart),
        ] {
            let mut server = Server::new(seed, count, span, behaviour.clone());
            let what = format!(
                "case {seed} ({count} calls over {} h, {path:?}, figures {learn:?} {when:?}): {behaviour:?}",
                span / HOUR
            );
            let requests = check_bounded(&mut server, count, path, seed, learn, when, &what);
            if requests > most_requests.0 {
                most_requests = (requests, count, seed);
            }
        }
        calls += count;
    }
    println!(
        "complete loading: {CASES} seeded campaigns ({calls} calls), each loaded 5 ways ({} loads); \
         most requests {} (case {}, {} calls)",
        CASES * 5,
        most_requests.0,
        most_requests.2,
        most_requests.1
    );
}

/// Campaigns from 2,500 to 12,000 calls, where the walk sizes its windows from the campaign's figures
/// (the random cases above stay under 2,000): each seeded server's misbehaviour (shapes, paging, caps,
/// dates) with the figures true, counted half an hour ago, or a quarter too high, learned before the
/// start or after. Every call must come, within the requests' bound. (It also held the plan that asked
/// such campaigns whole in parts, tried on 6 Dec and not kept: see docs/benchmark.md.)
#[test]
fn campaigns_of_thousands_with_figures_lose_no_call_to_a_misbehaving_server() {
    let mut loads = 0;
    for seed in 0..16u64 {
        let (_, span, behaviour) = random_case(seed);
        let count = 2_500 + (seed as usize * 397) % 9_500;
        let span = span.max(3 * 24 * HOUR);
        let created = Some(Timestamp(NOW - span - behaviour.skew_ms.abs() - HOUR));
        let stale = counted_half_an_hour_ago(seed, count, span, &behaviour);
        for (path, figures, when) in [
            (Path::Worker, Some(count as u64), Learned::BeforeStart),
            (Path::Mixed, Some(stale), Learned::BeforeStart),
            (
                Path::Worker,
                Some(count as u64 * 5 / 4),
                Learned::AfterStart,
            ),
        ] {
            let mut server = Server::new(seed, count, span, behaviour.clone());
            let what = format!(
                "case {seed} ({count} calls over {} h, {path:?}, figures say {figures:?} {when:?}): {behaviour:?}",
                span / HOUR
            );
            let learn = Some((created, figures));
            check_bounded(&mut server, count, path, seed, learn, when, &what);
            loads += 1;
        }
    }
    println!("campaigns with figures: {loads} loads of 2,500 to 12,000 calls, none lost a call");
}

#[test]
fn a_server_that_sends_everything_to_the_first_request_and_nothing_after() {
    let behaviour = Behaviour {
        everything_first_then_empty: true,
        ..Behaviour::default()
    };
    for path in [Path::Worker, Path::Page] {
        let mut server = Server::new(7, 600, 20 * HOUR, behaviour.clone());
        check(&mut server, path, 7, None, "600 calls at once");
    }
}

#[test]
fn windows_that_alternate_between_value_atlas_records_and_bare_vapi_records() {
    let behaviour = Behaviour {
        alternate_shapes: true,
        alternate_styles: true,
        shape: Some(Shape::Value),
        style: Some(Style::Atlas),
        ..Behaviour::default()
    };
    for path in [Path::Worker, Path::Page, Path::Mixed] {
        let mut server = Server::new(3, 60, 20 * HOUR, behaviour.clone());
        check(&mut server, path, 3, None, "alternating shapes");
    }
}

#[test]
fn caps_of_a_size_nobody_announced_are_found_and_their_gaps_asked_for() {
    for (seed, cap, side) in [
        (1, 37, CapSide::Newest),
        (2, 137, CapSide::Oldest),
        (3, 10, CapSide::Newest),
        (4, 400, CapSide::Newest),
    ] {
        let behaviour = Behaviour {
            cap: Some((cap, side)),
            ..Behaviour::default()
        };
        let mut server = Server::new(seed, 2_500, 10 * 24 * HOUR, behaviour);
        let requests = check(
            &mut server,
            Path::Mixed,
            seed,
            None,
            &format!("cap {cap} {side:?}"),
        );
        println!("cap {cap} ({side:?}), 2,500 calls: {requests} requests");
    }
}

/// Evenly spread calls give equal windows equal counts; that alone is no sign of a cap. Before answers
/// had to look cut to count, 1,200 calls over 3 days took 63 requests of 8 calls in the browser.
#[test]
fn evenly_spread_calls_are_not_taken_for_a_capped_server() {
    for (count, days) in [(1_200, 3), (1_000, 30), (10_000, 30)] {
        let mut server = Server::evenly(count, days * 24 * HOUR);
        let created = Some(Timestamp(NOW - days * 24 * HOUR));
        let result = load(
            &mut server,
            Path::Mixed,
            5,
            Some((created, Some(count as u64))),
        );
        assert_eq!(result.store.len(), count, "{count} calls over {days} days");
        println!(
            "{count} evenly spread calls over {days} days: {} requests",
            result.requests
        );
        let most = 12 + count / 400;
        assert!(
            result.requests <= most,
            "{count} calls over {days} days took {} requests (at most {most})",
            result.requests
        );
    }
}

#[test]
fn a_campaign_record_that_lies_about_its_size_or_start_loses_nothing_it_covers() {
    for (created, count) in [
        (Some(Timestamp(NOW - 2 * HOUR)), Some(3)),
        (Some(Timestamp(NOW - 400 * 24 * HOUR)), Some(10_000_000)),
        (Some(Timestamp(NOW - 31 * 24 * HOUR)), Some(1)),
        (None, Some(1)),
    ] {
        let mut server = Server::new(11, 900, 30 * 24 * HOUR, Behaviour::default());
        let result = load(&mut server, Path::Mixed, 11, Some((created, count)));
        // A creation date is believed (no call predates its campaign, less a day's margin), so the
        // calls since then are what is promised, and every one of them must be there.
        let floor = created.map_or(i64::MIN, |c| c.0 - 24 * HOUR);
        let expected = server.ids_since(floor);
        let all = server.ids();
        let got: std::collections::BTreeSet<String> = (0..result.store.len() as u32)
            .filter_map(|i| result.store.get(i).map(|c| c.id.to_owned()))
            .collect();
        // (Windows already on their way when the date came may bring older calls too.)
        let missing: Vec<_> = expected.difference(&got).collect();
        assert!(
            missing.is_empty(),
            "{created:?} {count:?}: missing {missing:?}"
        );
        assert!(got.is_subset(&all));
        assert!(result.progress.tally.balances());
    }
}

/// One case of the first test with every request it made and what it got, to see why it failed:
/// `CASE=264 cargo test --test complete_loading one_case_traced -- --ignored --nocapture`.
#[test]
#[ignore]
fn one_case_traced() {
    let seed: u64 = std::env::var("CASE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let (count, span, behaviour) = random_case(seed);
    let mut server = Server::new(seed, count, span, behaviour.clone());
    server.trace = true;
    check(&mut server, Path::Worker, seed, None, "debug");
}

/// A stale count that happens to equal what a capped server's cut answers add up to must not stop the
/// probes: every count from far too few to too many, against caps that keep either end of a window.
#[test]
fn a_stale_count_equal_to_what_cut_answers_brought_still_finds_the_rest() {
    for (seed, side) in [(21, CapSide::Oldest), (22, CapSide::Newest)] {
        let behaviour = Behaviour {
            cap: Some((150, side)),
            ..Behaviour::default()
        };
        let span = 3 * 24 * HOUR;
        let created = Some(Timestamp(NOW - span - HOUR));
        let total = Server::new(seed, 600, span, behaviour.clone()).len() as u64;
        for count in 1..=total + 50 {
            let mut server = Server::new(seed, 600, span, behaviour.clone());
            check(
                &mut server,
                Path::Mixed,
                seed,
                Some((created, Some(count))),
                &format!("cap 150 {side:?}, figures say {count} of {total}"),
            );
        }
    }
}
