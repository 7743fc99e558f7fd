#![cfg(not(target_arch = "wasm32"))]
//! Finding calls in a large campaign: the compact store, the search index, filters, sort, the chart's
//! counts, and the view's round trip through the URL.

use call_records::domain::list::field_filter::{FieldFilter, FieldTest};
use call_records::domain::list::view::{run_view, Day, ReasonFilter, Sort, ViewState};
use call_records::domain::loading::scope::Scope;
use call_records::domain::records::outcome::Success;
use call_records::domain::review::filter::ReviewFilter;
use call_records::domain::review::queue::{QueueSpec, Take};
use call_records::domain::search::index::{snippet, split_marked, SearchQuery};
use call_records::domain::search::store::CallStore;
use call_records::domain::text::words::fold_text;
use call_records::domain::{
    CallRecord, Customer, EndReason, EndReasonGroup, KnownEndReason, Recording, Speaker, Timestamp,
    Transcript, Turn,
};

const MINUTE: i64 = 60_000;
/// 2026-11-01T00:00:00Z
const NOV_1: i64 = 1_793_491_200_000;

fn utc(_: Day) -> i32 {
    0
}

fn call(
    id: &str,
    minutes: i64,
    seconds: f64,
    reason: Option<&str>,
    summary: &str,
    said: &[&str],
) -> CallRecord {
    let mut record = CallRecord::with_id(id);
    record.started_at = Some(Timestamp(NOV_1 + minutes * MINUTE));
    record.duration_seconds = Some(seconds);
    record.end_reason = EndReason::from_raw(reason);
    record.status = Some("ended".to_owned());
    record.summary = (!summary.is_empty()).then(|| summary.to_owned());
    record.customer = Customer {
        name: Some(format!("Customer {id}")),
        number: Some("+15550100000".to_owned()),
    };
    record.transcript = Transcript {
        turns: said
            .iter()
            .enumerate()
            .map(|(i, text)| Turn {
                speaker: if i % 2 == 0 {
                    Speaker::Agent
                } else {
                    Speaker::Customer
                },
                text: (*text).to_owned(),
                at_seconds: Some(i as f64 * 3.0),
                duration_seconds: None,
                tool: None,
            })
            .collect(),
        plain: None,
    };
    if seconds > 10.0 {
        record.recording = Recording::Available {
            url: format!("https://storage.example/{id}.mp3"),
            expires_at: None,
        };
    }
    record
}

fn sample() -> CallStore {
    let mut store = CallStore::new();
    let calls = [
        call(
            "a",
            10,
            120.0,
            Some("customer-ended-call"),
            "Asked about the renewal price.",
            &["Hello Ana", "I want to cancel my subscription"],
        ),
        call("b", 20, 0.0, Some("customer-did-not-answer"), "", &[]),
        call(
            "c",
            30,
            45.5,
            Some("voicemail"),
            "Left a message about the Café Noël booking.",
            &[],
        ),
        call(
            "d",
            40,
            300.0,
            Some("assistant-forwarded-call"),
            "Transferred to billing.",
            &["Hi there", "Subscription cancel, please, my subscription"],
        ),
        call(
            "e",
            50,
            59.4,
            Some("pipeline-error-new-thing"),
            "Pipeline failed mid-call.",
            &["Hello?"],
        ),
        call(
            "f",
            60,
            61.0,
            Some("call.in-progress.error-other"),
            "Dropped.",
            &["Can you hear me"],
        ),
        call(
            "g",
            70,
            15.0,
            None,
            "No reason recorded.",
            &["The subscription is fine"],
        ),
    ];
    for record in calls {
        assert!(store.add(record));
    }
    store
}

fn ids(store: &CallStore, rows: &[u32]) -> Vec<String> {
    rows.iter()
        .map(|&i| store.get(i).unwrap().id.to_owned())
        .collect()
}

fn view(store: &mut CallStore, state: &ViewState) -> Vec<String> {
    let result = run_view(store, state, &utc);
    ids(store, &result.rows)
}

#[test]
fn the_store_keeps_each_call_once_and_reads_it_back() {
    let mut store = sample();
    assert_eq!(store.len(), 7);
    assert!(
        !store.add(call("a", 99, 1.0, None, "duplicate", &[])),
        "same ID twice"
    );
    assert_eq!(store.len(), 7);
    let a = store.get(store.position_of("a").unwrap()).unwrap();
    assert_eq!(a.summary, Some("Asked about the renewal price."));
    assert_eq!(a.name, Some("Customer a"));
    assert_eq!(
        a.transcript,
        "Agent: Hello Ana\nCustomer: I want to cancel my subscription\n"
    );
    assert_eq!(a.duration_seconds, Some(120.0));
    assert!(a.has_recording);
    let b = store.get(store.position_of("b").unwrap()).unwrap();
    assert_eq!(b.summary, None);
    assert_eq!(b.transcript, "");
    assert_eq!(
        *b.end_reason,
        EndReason::Known(KnownEndReason::CustomerDidNotAnswer)
    );
    assert!(store.get(99).is_none());
}

#[test]
fn folding_ignores_case_accents_and_punctuation() {
    assert_eq!(
        fold_text("Café NOËL, São-Paulo! Straße Œuvre"),
        "cafe noel sao paulo strasse oeuvre"
    );
    assert_eq!(fold_text("  "), "");
    assert_eq!(fold_text("Zürich 2026"), "zurich 2026");
}

#[test]
fn a_query_reads_words_prefix_and_quoted_phrases() {
    let q = SearchQuery::parse("Cancel subs");
    assert_eq!(q.words, ["cancel", "subs"]);
    assert!(q.last_is_prefix);
    assert!(q.phrases.is_empty());
    let q = SearchQuery::parse("cancel ");
    assert!(!q.last_is_prefix, "a space ends the word");
    let q = SearchQuery::parse("\"my subscription\" cancel");
    assert_eq!(q.phrases, ["my subscription"]);
    assert_eq!(q.words, ["my", "subscription", "cancel"]);
    assert!(SearchQuery::parse(" ,. ").is_empty());
}

#[test]
fn search_finds_every_word_with_the_last_as_a_prefix() {
    let mut store = sample();
    let search = |store: &mut CallStore, text: &str| {
        view(
            store,
            &ViewState {
                search: text.to_owned(),
                ..ViewState::default()
            },
        )
    };
    assert_eq!(search(&mut store, "subscription"), ["g", "d", "a"]);
    assert_eq!(search(&mut store, "SUBSCRIPTION cancel"), ["d", "a"]);
    assert_eq!(
        search(&mut store, "subscr"),
        ["g", "d", "a"],
        "prefix while typing"
    );
    assert_eq!(
        search(&mut store, "subscr "),
        Vec::<String>::new(),
        "a finished word is whole"
    );
    assert_eq!(
        search(&mut store, "cafe noel"),
        ["c"],
        "accents and case folded"
    );
    assert_eq!(
        search(&mut store, "Customer"),
        ["g", "f", "e", "d", "c", "b", "a"],
        "customer names are searched"
    );
    assert_eq!(
        search(&mut store, "agent"),
        Vec::<String>::new(),
        "speaker heads are not searched"
    );
    assert_eq!(search(&mut store, "zebra"), Vec::<String>::new());
    assert_eq!(search(&mut store, ""), ["g", "f", "e", "d", "c", "b", "a"]);
}

#[test]
fn a_quoted_phrase_must_appear_in_order() {
    let mut store = sample();
    let found = view(
        &mut store,
        &ViewState {
            search: "\"cancel my subscription\"".into(),
            ..ViewState::default()
        },
    );
    assert_eq!(found, ["a"], "d has the words, not the phrase");
    let found = view(
        &mut store,
        &ViewState {
            search: "\"subscription cancel\"".into(),
            ..ViewState::default()
        },
    );
    assert_eq!(found, ["d"]);
}

#[test]
fn the_index_grows_as_records_arrive() {
    let mut store = sample();
    let state = ViewState {
        search: "zebra".into(),
        ..ViewState::default()
    };
    assert!(view(&mut store, &state).is_empty());
    store.add(call(
        "h",
        80,
        30.0,
        Some("voicemail"),
        "A zebra crossing.",
        &[],
    ));
    assert_eq!(view(&mut store, &state), ["h"]);
    // Prefix look-ups see new words too (the sorted term list is rebuilt).
    let state = ViewState {
        search: "zeb".into(),
        ..ViewState::default()
    };
    assert_eq!(view(&mut store, &state), ["h"]);
}

#[test]
fn highlights_and_snippets_mark_the_hits_in_the_original_text() {
    let query = SearchQuery::parse("café sub");
    let text = "We spoke at the Cafe about the Subscription.";
    let marks = query.highlights(text);
    let marked: Vec<&str> = marks.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(marked, ["Cafe", "Subscription"]);
    let parts = split_marked(text, &marks);
    assert_eq!(parts.iter().map(|(t, _)| *t).collect::<String>(), text);
    assert_eq!(parts.iter().filter(|(_, m)| *m).count(), 2);

    let long = format!(
        "{} the needle is here {}",
        "word ".repeat(60),
        "tail ".repeat(60)
    );
    let cut = snippet(&long, &SearchQuery::parse("needle"), 60).unwrap();
    assert!(cut.text.starts_with('…') && cut.text.ends_with('…'));
    assert!(cut.text.chars().count() <= 62);
    assert_eq!(&cut.text[cut.marks[0].clone()], "needle");
    assert!(snippet("nothing here", &SearchQuery::parse("needle"), 60).is_none());
    // The snippet goes where the query's words meet, not to the first lone word.
    let text = format!(
        "I will call you. {} Please call me back tomorrow.",
        "filler ".repeat(40)
    );
    let cut = snippet(&text, &SearchQuery::parse("call me back"), 40).unwrap();
    assert!(cut.text.contains("call me back"), "{}", cut.text);
    // Multi-byte text around the hit keeps char boundaries.
    let cut = snippet("ééééé ñandú ôôô", &SearchQuery::parse("nandu"), 8).unwrap();
    assert_eq!(&cut.text[cut.marks[0].clone()], "ñandú");
}

#[test]
fn filters_by_label_group_unlisted_and_missing() {
    let mut store = sample();
    let by = |store: &mut CallStore, reason: ReasonFilter| {
        view(
            store,
            &ViewState {
                reason: Some(reason),
                ..ViewState::default()
            },
        )
    };
    assert_eq!(
        by(&mut store, ReasonFilter::Label(KnownEndReason::Voicemail)),
        ["c"]
    );
    assert_eq!(
        by(&mut store, ReasonFilter::Group(EndReasonGroup::Customer)),
        ["b", "a"]
    );
    assert_eq!(
        by(&mut store, ReasonFilter::Group(EndReasonGroup::Agent)),
        ["d"]
    );
    assert_eq!(by(&mut store, ReasonFilter::Unlisted), ["f", "e"]);
    assert_eq!(by(&mut store, ReasonFilter::Missing), ["g"]);
}

#[test]
fn filters_by_status_dates_duration_and_recording() {
    let mut store = sample();
    store.add({
        let mut queued = call("q", 5, 0.0, None, "", &[]);
        queued.status = Some("queued".to_owned());
        queued.duration_seconds = None;
        queued
    });
    let mut state = ViewState {
        status: Some("queued".into()),
        ..ViewState::default()
    };
    assert_eq!(view(&mut store, &state), ["q"]);

    state = ViewState {
        min_seconds: Some(45),
        max_seconds: Some(60),
        ..ViewState::default()
    };
    assert_eq!(
        view(&mut store, &state),
        ["e", "c"],
        "59.4 s is within 60 s; no duration is excluded"
    );

    state = ViewState {
        recording: Some(false),
        ..ViewState::default()
    };
    assert_eq!(view(&mut store, &state), ["b", "q"]);
    state = ViewState {
        recording: Some(true),
        ..ViewState::default()
    };
    assert_eq!(view(&mut store, &state).len(), 6);

    // Dates are whole days, inclusive, in the viewer's zone.
    let nov1 = Day::parse("2026-11-01").unwrap();
    state = ViewState {
        from: Some(nov1),
        to: Some(nov1),
        ..ViewState::default()
    };
    assert_eq!(view(&mut store, &state).len(), 8);
    state.from = Day::parse("2026-11-02");
    state.to = Day::parse("2026-11-03");
    assert!(view(&mut store, &state).is_empty());
    // Seen from UTC-1, calls before 01:00 UTC on Nov 1 were still on Oct 31 there.
    let west = |_: Day| -60;
    let state = ViewState {
        to: Day::parse("2026-10-31"),
        ..ViewState::default()
    };
    let rows = run_view(&mut store, &state, &west).rows;
    assert_eq!(ids(&store, &rows), ["e", "d", "c", "b", "a", "q"]);
}

#[test]
fn sorts_by_time_or_duration_both_ways_with_unknowns_last() {
    let mut store = sample();
    let mut undated = call("z", 0, 1.0, None, "", &[]);
    undated.started_at = None;
    undated.duration_seconds = None;
    store.add(undated);
    let sorted = |store: &mut CallStore, sort| {
        view(
            store,
            &ViewState {
                sort,
                ..ViewState::default()
            },
        )
    };
    assert_eq!(
        sorted(&mut store, Sort::NewestFirst),
        ["g", "f", "e", "d", "c", "b", "a", "z"]
    );
    assert_eq!(
        sorted(&mut store, Sort::OldestFirst),
        ["a", "b", "c", "d", "e", "f", "g", "z"]
    );
    assert_eq!(
        sorted(&mut store, Sort::LongestFirst),
        ["d", "a", "f", "e", "c", "g", "b", "z"]
    );
    assert_eq!(
        sorted(&mut store, Sort::ShortestFirst),
        ["b", "g", "c", "e", "f", "a", "d", "z"]
    );
    // The order is rebuilt when calls arrive.
    store.add(call("late", 500, 1000.0, None, "", &[]));
    assert_eq!(sorted(&mut store, Sort::LongestFirst)[0], "late");
    assert_eq!(sorted(&mut store, Sort::NewestFirst)[0], "late");
}

#[test]
fn the_chart_counts_every_filter_but_the_end_reason() {
    let mut store = sample();
    let state = ViewState {
        reason: Some(ReasonFilter::Label(KnownEndReason::Voicemail)),
        min_seconds: Some(40),
        ..ViewState::default()
    };
    let result = run_view(&mut store, &state, &utc);
    assert_eq!(ids(&store, &result.rows), ["c"]);
    let b = result.breakdown;
    // Calls of 40 s or more: a (customer ended), c (voicemail), d (forwarded), e, f (unlisted).
    assert_eq!(b.total(), 5);
    assert_eq!(b.unlisted, 2);
    assert_eq!(b.unlisted_codes, 2);
    assert_eq!(b.missing, 0);
    let labels: Vec<_> = b.labels.iter().map(|(k, n)| (k.label(), *n)).collect();
    assert!(labels.contains(&("Voicemail", 1)) && labels.contains(&("Call transferred", 1)));
    assert_eq!(b.max(), 2);
}

#[test]
fn the_view_round_trips_through_the_url_query() {
    let state = ViewState {
        search: "café \"my plan\" & more=yes".into(),
        reason: Some(ReasonFilter::Group(EndReasonGroup::Connection)),
        status: Some("in-progress".into()),
        from: Day::parse("2026-11-01"),
        to: Day::parse("2026-11-30"),
        min_seconds: Some(10),
        max_seconds: Some(600),
        recording: Some(true),
        number: Some("+1 (555) 302-1789".into()),
        sort: Sort::LongestFirst,
        scope: Scope::from_param("2026-10-01..2026-11-30"),
        review: ReviewFilter::from_param("needs-attention"),
        tag: Some("wrong number & more".into()),
        queue: Some(QueueSpec {
            take: Take::Count(40),
            seed: 99,
            part: 2,
            parts: 3,
        }),
        success: Some(Success::No),
        field: Some(FieldFilter {
            name: "monthly premium & tax".into(),
            test: FieldTest::Range {
                min: Some(10.5),
                max: None,
            },
        }),
    };
    let query = state.to_query();
    assert!(query.starts_with("?q="));
    assert!(!query.contains(' ') && !query.contains('"'), "{query}");
    assert_eq!(ViewState::from_query(&query), state);
    for reason in [
        ReasonFilter::Label(KnownEndReason::OutboundDailyLimit),
        ReasonFilter::Unlisted,
        ReasonFilter::Missing,
    ] {
        let state = ViewState {
            reason: Some(reason),
            ..ViewState::default()
        };
        assert_eq!(ViewState::from_query(&state.to_query()), state);
    }
    assert_eq!(
        ViewState::default().to_query(),
        "",
        "the default view has a clean URL"
    );
    // The menu and the chart name each choice the same way.
    assert_eq!(
        ReasonFilter::Group(EndReasonGroup::Connection).label(),
        "Any connection issues reason"
    );
    assert_eq!(ReasonFilter::Unlisted.label(), "Unlisted codes");
    assert_eq!(ReasonFilter::Missing.label(), "No end reason");
    assert_eq!(
        ReasonFilter::Label(KnownEndReason::CustomerBusy).label(),
        "Line busy"
    );
    assert!(!ViewState {
        sort: Sort::OldestFirst,
        ..ViewState::default()
    }
    .is_filtered());
    assert!(state.is_filtered());
}

#[test]
fn a_hand_edited_or_old_url_still_opens() {
    let state = ViewState::from_query(
        "?q=a+b&reason=nonsense&min=-3&from=2026-13-01&sort=sideways&extra=1&recording=maybe",
    );
    assert_eq!(state.search, "a b");
    assert_eq!(
        state,
        ViewState {
            search: "a b".into(),
            ..ViewState::default()
        }
    );
    assert_eq!(ViewState::from_query(""), ViewState::default());
    assert_eq!(ViewState::from_query("?&&="), ViewState::default());
}

#[test]
fn orders_built_a_batch_at_a_time_match_a_full_sort() {
    // Calls arrive in windows, in no particular order; the order merged batch by batch must equal a
    // stable sort of everything.
    let mut store = CallStore::new();
    let mut seed = 12345u64;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as i64
    };
    let mut all = Vec::new();
    for batch in 0..12 {
        for i in 0..50 {
            let id = format!("{batch}-{i}");
            let minutes = next() % 500;
            let seconds = (next() % 40) as f64;
            let mut record = call(&id, minutes, seconds, None, "", &[]);
            if next() % 10 == 0 {
                record.duration_seconds = None;
            }
            all.push((id, minutes, record.duration_seconds));
            store.add(record);
        }
        // Read an order between batches, as the page does while loading.
        let newest = view(&mut store, &ViewState::default());
        let longest = view(
            &mut store,
            &ViewState {
                sort: Sort::LongestFirst,
                ..ViewState::default()
            },
        );
        let mut by_time: Vec<_> = all.iter().enumerate().collect();
        by_time.sort_by_key(|(i, (_, minutes, _))| {
            (std::cmp::Reverse(*minutes), std::cmp::Reverse(*i))
        });
        assert_eq!(
            newest,
            by_time
                .iter()
                .map(|(_, (id, _, _))| id.clone())
                .collect::<Vec<_>>()
        );
        let (mut timed, untimed): (Vec<_>, Vec<_>) = all
            .iter()
            .enumerate()
            .partition(|(_, (_, _, d))| d.is_some());
        timed.sort_by(|(i, (_, _, a)), (j, (_, _, b))| b.partial_cmp(a).unwrap().then(j.cmp(i)));
        let expected: Vec<String> = timed
            .iter()
            .chain(untimed.iter())
            .map(|(_, (id, _, _))| id.clone())
            .collect();
        assert_eq!(longest, expected, "after batch {batch}");
    }
}

/// The index keeps each term's records as gaps in a byte code: whatever was pushed comes back, ascending,
/// once each, from record 0 to the largest number a store can give.
#[test]
fn postings_give_back_every_record_pushed_ascending_and_once() {
    use call_records::domain::search::postings::Postings;
    let mut seed = 9u64;
    let mut next = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) as u32
    };
    for round in 0..200 {
        let mut postings = Postings::default();
        let mut pushed = Vec::new();
        let mut record = if round % 2 == 0 { 0 } else { next() % 1_000 };
        for _ in 0..(next() % 300) {
            postings.push(record);
            // Pushed again (a word said twice in one call) is kept once.
            postings.push(record);
            pushed.push(record);
            let gap = match next() % 4 {
                0 => 1,
                1 => next() % 200,
                2 => next() % 100_000,
                _ => next() % 3_000_000,
            };
            match record.checked_add(gap.max(1)) {
                Some(r) => record = r,
                None => break,
            }
        }
        assert_eq!(postings.iter().collect::<Vec<_>>(), pushed, "round {round}");
    }
    let mut edge = Postings::default();
    for record in [0, 1, 127, 128, 16_383, 16_384, u32::MAX - 1, u32::MAX] {
        edge.push(record);
    }
    // An older record after a newer one is not a posting of this term's ascending list.
    edge.push(5);
    assert_eq!(
        edge.iter().collect::<Vec<_>>(),
        [0, 1, 127, 128, 16_383, 16_384, u32::MAX - 1, u32::MAX]
    );
    assert!(edge.size() < 8 * 4);
}
