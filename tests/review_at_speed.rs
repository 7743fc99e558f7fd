//! Review at speed: the timeline of who spoke when, silences, talk figures, moments in links, turn
//! steps, playback preferences and customer numbers grouped for "Other calls to this number".

use call_records::domain::list::view::{run_view, ViewState};
use call_records::domain::playback::moment::{moment_in_query, parse_moment};
use call_records::domain::playback::player::{next_with_recording, step_speed, PlaybackPrefs};
use call_records::domain::playback::timeline::{
    extent, lane_bars, silences, skip_target, spans, talk_figures, turn_step, value_text, Side,
    SKIPPED_SILENCE,
};
use call_records::domain::records::phone::number_key;
use call_records::domain::search::store::CallStore;
use call_records::domain::{CallRecord, Customer, Speaker, Timestamp, Turn};

fn turn(speaker: Speaker, at: Option<f64>, duration: Option<f64>) -> Turn {
    Turn {
        speaker,
        text: "words".to_owned(),
        at_seconds: at,
        duration_seconds: duration,
        tool: None,
    }
}

use Speaker::{Agent, Customer as Cust};

#[test]
fn spans_are_sorted_and_drop_what_cannot_be_placed() {
    let turns = [
        turn(Cust, Some(9.0), Some(2.0)),
        turn(Speaker::System, Some(0.0), None),
        turn(Agent, Some(1.0), Some(3.0)),
        turn(Agent, Some(-4.0), Some(1.0)),
        turn(Cust, None, Some(1.0)),
        turn(Agent, Some(f64::NAN), None),
        turn(Speaker::Tool, Some(5.0), None),
        turn(Agent, Some(4.5), Some(1e9)),
    ];
    let spans = spans(&turns, Some(20.0));
    let placed: Vec<(Side, f64, f64, usize)> = spans
        .iter()
        .map(|s| (s.side, s.start, s.end, s.turn))
        .collect();
    assert_eq!(
        placed,
        vec![
            (Side::Agent, 1.0, 4.0, 2),
            // An absurd duration (a unit mistake) lasts until the next turn instead.
            (Side::Agent, 4.5, 9.0, 7),
            (Side::Customer, 9.0, 11.0, 0),
        ]
    );
}

#[test]
fn absurd_times_do_not_squash_the_timeline() {
    let turns = [
        turn(Agent, Some(1.0), Some(2.0)),
        turn(Cust, Some(1e300), Some(2.0)),
        turn(Cust, Some(f64::INFINITY), None),
        turn(Agent, Some(5.0), Some(f64::NAN)),
    ];
    let spans = spans(&turns, Some(1e12));
    assert_eq!(spans.len(), 2);
    assert_eq!(
        extent(&spans, Some(1e12)),
        9.0,
        "a recording of 30,000 years is not believed"
    );
    assert!(value_text(3.0, extent(&spans, None), &spans).starts_with("0:03 of 0:09"));
}

#[test]
fn missing_durations_end_at_the_next_turn_or_the_recording() {
    let turns = [
        turn(Agent, Some(0.5), None),
        turn(Cust, Some(0.5), None),
        turn(Cust, Some(6.0), None),
    ];
    let spans = spans(&turns, Some(10.0));
    // Two turns starting together both run until the next start, not until each other.
    assert_eq!(spans[0].end, 6.0);
    assert_eq!(spans[1].end, 6.0);
    assert_eq!(spans[2].end, 10.0);
    // Without a recording length, the last turn gets a few seconds.
    let alone =
        call_records::domain::playback::timeline::spans(&[turn(Agent, Some(3.0), None)], None);
    assert_eq!(alone[0].end, 7.0);
    assert_eq!(extent(&alone, None), 7.0);
    assert_eq!(extent(&alone, Some(30.0)), 30.0);
}

#[test]
fn overlapping_turns_count_as_talking_over() {
    let turns = [
        turn(Agent, Some(0.0), Some(5.0)),
        // Starts while the agent speaks.
        turn(Cust, Some(4.0), Some(4.0)),
        // The agent starts back while the customer is still speaking.
        turn(Agent, Some(6.0), Some(2.0)),
        // Starts as the agent stops: rounding, not talking over.
        turn(Cust, Some(7.9), Some(6.0)),
    ];
    let spans = spans(&turns, None);
    let figures = talk_figures(&spans).expect("timed turns give figures");
    assert_eq!(figures.customer_interruptions, 1);
    assert_eq!(figures.agent_interruptions, 1);
    assert!((figures.agent_share - 7.0 / 17.0).abs() < 1e-9);
    assert!((figures.customer_share - 10.0 / 17.0).abs() < 1e-9);
    assert_eq!(figures.customer_first_at, Some(4.0));
    assert_eq!(figures.longest_customer_turn, Some(6.0));
    assert_eq!(value_text(4.5, 17.0, &spans), "0:04 of 0:17, both speaking");
    assert_eq!(value_text(6.5, 17.0, &spans), "0:06 of 0:17, both speaking");
    assert_eq!(
        value_text(2.0, 17.0, &spans),
        "0:02 of 0:17, agent speaking"
    );
    assert_eq!(value_text(20.0, 17.0, &spans), "0:20 of 0:17, silence");
}

#[test]
fn no_timings_no_figures() {
    assert_eq!(talk_figures(&[]), None);
    let untimed = [turn(Agent, None, None), turn(Cust, None, None)];
    assert_eq!(talk_figures(&spans(&untimed, Some(30.0))), None);
    assert_eq!(value_text(83.0, 245.0, &[]), "1:23 of 4:05");
    // A customer who never spoke.
    let agent_only = spans(&[turn(Agent, Some(1.0), Some(4.0))], None);
    let figures = talk_figures(&agent_only).unwrap();
    assert_eq!(figures.customer_first_at, None);
    assert_eq!(figures.customer_share, 0.0);
}

#[test]
fn silences_over_two_seconds_between_turns_are_skipped() {
    let turns = [
        turn(Agent, Some(0.5), Some(2.0)),
        turn(Cust, Some(3.0), Some(1.0)),
        // 4.0 → 9.0: five seconds of nobody.
        turn(Agent, Some(9.0), Some(6.0)),
        // Overlaps the agent: no silence although it starts after the agent's start.
        turn(Cust, Some(10.0), Some(1.0)),
        // 15.0 → 16.5 is under the threshold.
        turn(Cust, Some(16.5), Some(1.0)),
    ];
    let spans = spans(&turns, Some(60.0));
    let gaps = silences(&spans, SKIPPED_SILENCE);
    // Leading (0 → 0.5) and trailing (17.5 → 60) silence are not between turns.
    assert_eq!(gaps, vec![(4.0, 9.0)]);
    assert_eq!(skip_target(&gaps, 4.2), Some(8.75));
    assert_eq!(skip_target(&gaps, 3.9), None);
    assert_eq!(skip_target(&gaps, 8.8), None, "already at the next turn");
}

#[test]
fn shift_arrows_step_through_turns() {
    let spans = spans(
        &[
            turn(Agent, Some(1.0), Some(2.0)),
            turn(Cust, Some(4.0), Some(2.0)),
            turn(Agent, Some(8.0), Some(2.0)),
        ],
        None,
    );
    assert_eq!(turn_step(&spans, 0.0, true), Some(1.0));
    assert_eq!(turn_step(&spans, 4.0, true), Some(8.0));
    assert_eq!(turn_step(&spans, 9.0, true), None);
    // Back from inside a turn: its start; from its first second: the one before.
    assert_eq!(turn_step(&spans, 6.0, false), Some(4.0));
    assert_eq!(turn_step(&spans, 4.5, false), Some(1.0));
    assert_eq!(turn_step(&spans, 0.2, false), Some(1.0));
}

#[test]
fn a_50000_turn_call_draws_a_bounded_number_of_bars() {
    let turns: Vec<Turn> = (0..50_000)
        .map(|i| {
            let side = if i % 2 == 0 { Agent } else { Cust };
            turn(side, Some(i as f64 * 1.5), Some(1.0))
        })
        .collect();
    let spans = spans(&turns, None);
    let bars = lane_bars(&spans, Side::Agent, extent(&spans, None), 600);
    assert!(bars.len() <= 600, "{} bars", bars.len());
    assert!(bars
        .iter()
        .all(|(l, w)| *l >= 0.0 && *w > 0.0 && l + w <= 1.0 + 1e-9));
    let figures = talk_figures(&spans).unwrap();
    assert_eq!(
        (figures.agent_interruptions, figures.customer_interruptions),
        (0, 0)
    );
    // Each turn running into the next: every turn after the first starts over the other side.
    let overlapping: Vec<Turn> = (0..50_000)
        .map(|i| {
            let side = if i % 2 == 0 { Agent } else { Cust };
            turn(side, Some(i as f64 * 1.5), Some(2.0))
        })
        .collect();
    let figures = talk_figures(&call_records::domain::playback::timeline::spans(
        &overlapping,
        None,
    ))
    .unwrap();
    assert_eq!(
        (figures.agent_interruptions, figures.customer_interruptions),
        (24_999, 25_000)
    );
    // A short call keeps one bar per turn, each where it was said.
    let short = call_records::domain::playback::timeline::spans(
        &[
            turn(Agent, Some(0.0), Some(1.0)),
            turn(Agent, Some(5.0), Some(1.0)),
        ],
        Some(10.0),
    );
    assert_eq!(
        lane_bars(&short, Side::Agent, 10.0, 600),
        vec![(0.0, 0.1), (0.5, 0.09999999999999998)]
    );
    assert!(lane_bars(&short, Side::Customer, 10.0, 600).is_empty());
    assert!(lane_bars(&short, Side::Agent, 0.0, 600).is_empty());
}

#[test]
fn moments_parse_from_seconds_and_clocks_and_refuse_garbage() {
    assert_eq!(parse_moment("83"), Some(83.0));
    assert_eq!(parse_moment("83.5"), Some(83.5));
    assert_eq!(parse_moment("1:23"), Some(83.0));
    assert_eq!(parse_moment("1:02:03"), Some(3723.0));
    for garbage in [
        "",
        "-5",
        "1:60",
        "abc",
        "1::2",
        "1:2:3:4",
        "NaN",
        "inf",
        "9".repeat(40).as_str(),
    ] {
        assert_eq!(parse_moment(garbage), None, "{garbage:?}");
    }
    assert_eq!(moment_in_query("?q=x&t=1%3A23"), Some(83.0));
}

#[test]
fn numbers_group_however_they_are_written() {
    let same = [
        "+15553021789",
        "+1 (555) 302-1789",
        "555.302.1789",
        "15553021789",
        "001 555 302 1789",
    ];
    for written in same {
        assert_eq!(
            number_key(written).as_deref(),
            Some("15553021789"),
            "{written}"
        );
    }
    assert_ne!(
        number_key("+44 20 7946 0958"),
        number_key("+1 555 302 1789")
    );
    assert_eq!(
        number_key("+44 20 7946 0958").as_deref(),
        Some("442079460958")
    );
    for nothing in ["anonymous", "", "123", "+1 555"] {
        assert_eq!(number_key(nothing), None, "{nothing}");
    }
}

fn call_to(id: &str, number: &str, at: i64, recording: bool) -> CallRecord {
    let mut record = CallRecord::with_id(id);
    record.customer = Customer {
        name: None,
        number: Some(number.to_owned()),
    };
    record.started_at = Some(Timestamp(at));
    if recording {
        record.recording = call_records::domain::Recording::Available {
            url: format!("https://r/{id}.mp3"),
            expires_at: None,
        };
    }
    record
}

#[test]
fn other_calls_and_the_number_filter_find_the_same_calls() {
    let mut store = CallStore::new();
    store.add(call_to("a", "+15553021789", 1_000, true));
    store.add(call_to("b", "+1 (555) 302-1789", 3_000, false));
    store.add(call_to("c", "+15550000000", 2_000, true));
    store.add(call_to("d", "555-302-1789", 2_000, true));
    let key = number_key("+15553021789").unwrap();
    let ids = |rows: &[u32], store: &CallStore| -> Vec<String> {
        rows.iter()
            .map(|&i| store.get(i).unwrap().id.to_owned())
            .collect()
    };
    let found = store.calls_to_number(&key);
    assert_eq!(ids(&found, &store), ["b", "d", "a"], "newest first");
    let state = ViewState::from_query("?number=%2B1%20555%20302%201789");
    assert_eq!(state.number.as_deref(), Some("+1 555 302 1789"));
    let result = run_view(&mut store, &state, &|_| 0);
    assert_eq!(ids(&result.rows, &store), ["b", "d", "a"]);
    // A number that is not one matches nothing rather than everything.
    let result = run_view(&mut store, &ViewState::from_query("?number=abc"), &|_| 0);
    assert!(result.rows.is_empty());
}

#[test]
fn auto_advance_and_speeds() {
    let rows = [3, 1, 2, 0];
    let recorded = |i: u32| i != 2;
    assert_eq!(next_with_recording(&rows, Some(1), recorded), Some(0));
    assert_eq!(next_with_recording(&rows, Some(0), recorded), None);
    let mut speed = 1.0;
    for _ in 0..10 {
        speed = step_speed(speed, true);
    }
    assert_eq!(speed, 2.0);
    let kept = PlaybackPrefs {
        speed: 0.75,
        skip_silence: true,
        auto_advance: false,
        verdict_next: true,
    };
    assert_eq!(PlaybackPrefs::from_stored(&kept.to_stored()), kept);
}

#[test]
fn the_timeline_slider_keys_move_by_steps_and_stay_inside_the_recording() {
    use call_records::domain::playback::timeline::slider_key_target;
    assert_eq!(slider_key_target("ArrowRight", 10.0, 60.0), Some(15.0));
    assert_eq!(slider_key_target("ArrowDown", 3.0, 60.0), Some(0.0));
    assert_eq!(slider_key_target("PageUp", 50.0, 60.0), Some(60.0));
    assert_eq!(slider_key_target("PageDown", 50.0, 60.0), Some(20.0));
    assert_eq!(slider_key_target("Home", 50.0, 60.0), Some(0.0));
    assert_eq!(slider_key_target("End", 5.0, 60.0), Some(60.0));
    assert_eq!(slider_key_target("End", 5.0, f64::NAN.max(-1.0)), Some(0.0));
    assert_eq!(slider_key_target("a", 5.0, 60.0), None);
}
