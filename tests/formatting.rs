#![cfg(not(target_arch = "wasm32"))]
//! Time, duration and phone formatting, download names, and the time order of calls.

use call_records::domain::export::download::{extension_for_content_type, recording_file_name};
use call_records::domain::records::phone::format_phone;
use call_records::domain::records::time::{format_clock, format_duration};
use call_records::domain::Timestamp;

#[test]
fn iso_timestamps_in_their_common_shapes() {
    let cases = [
        ("1970-01-01T00:00:00Z", Some(0)),
        ("2026-11-24T14:05:09.123Z", Some(1_795_529_109_123)),
        ("2026-11-24T14:05:09Z", Some(1_795_529_109_000)),
        ("2026-11-24T15:05:09+01:00", Some(1_795_529_109_000)),
        ("2026-11-24T09:35:09-0430", Some(1_795_529_109_000)),
        ("2026-11-24T14:05:09.1234567Z", Some(1_795_529_109_123)),
        ("2026-11-24T14:05:09.5Z", Some(1_795_529_109_500)),
        ("2026-11-24 14:05:09", Some(1_795_529_109_000)),
        ("2026-11-24", Some(1_795_478_400_000)),
        ("2024-02-29T00:00:00Z", Some(1_709_164_800_000)),
        ("2023-02-29T00:00:00Z", None),
        ("2026-13-01T00:00:00Z", None),
        ("2026-11-24T25:00:00Z", None),
        ("yesterday", None),
        ("", None),
        ("2026-11-24T14:05:09Q", None),
    ];
    for (text, expected) in cases {
        assert_eq!(Timestamp::parse_iso(text).map(|t| t.0), expected, "{text}");
    }
}

#[test]
fn timestamps_round_trip_and_format_in_a_given_zone() {
    let t = Timestamp::parse_iso("2026-11-24T23:30:00Z").unwrap();
    assert_eq!(t.to_iso(), "2026-11-24T23:30:00.000Z");
    assert_eq!(t.format_date_time(0), "24 Nov 2026, 23:30");
    assert_eq!(
        t.format_date_time(60),
        "25 Nov 2026, 00:30",
        "an hour east is past midnight"
    );
    assert_eq!(t.format_date_time(-300), "24 Nov 2026, 18:30");
    assert_eq!(t.format_short(0), "24 Nov, 23:30");
    assert_eq!(
        Timestamp::from_epoch_number(1_762_246_800.0),
        Some(Timestamp(1_762_246_800_000)),
        "seconds"
    );
    assert_eq!(
        Timestamp::from_epoch_number(1_762_246_800_000.0),
        Some(Timestamp(1_762_246_800_000)),
        "ms"
    );
    assert_eq!(Timestamp::from_epoch_number(-5.0), None);
}

#[test]
fn clock_and_reading_durations() {
    let clock = [
        (0.0, "0:00"),
        (7.9, "0:07"),
        (65.0, "1:05"),
        (3723.0, "1:02:03"),
        (-1.0, "–:––"),
        (f64::NAN, "–:––"),
    ];
    for (seconds, expected) in clock {
        assert_eq!(format_clock(seconds), expected, "{seconds}");
    }
    let reading = [
        (0.4, "0 s"),
        (27.9, "27 s"),
        (45.0, "45 s"),
        (125.0, "2 min 05 s"),
        (3720.0, "1 h 02 min"),
        (f64::INFINITY, "—"),
    ];
    for (seconds, expected) in reading {
        assert_eq!(format_duration(seconds), expected, "{seconds}");
    }
}

#[test]
fn phone_numbers() {
    assert_eq!(format_phone("+15551234567"), "+1 555-123-4567");
    assert_eq!(format_phone("+1 (555) 123-4567"), "+1 555-123-4567");
    assert_eq!(
        format_phone("+442071234567"),
        "+442071234567",
        "other countries as sent"
    );
    assert_eq!(
        format_phone("sip:agent@example.com"),
        "sip:agent@example.com"
    );
}

#[test]
fn download_file_names() {
    let cases = [
        (
            "abc-123",
            Some("audio/mpeg"),
            "https://x/y",
            "call-abc-123.mp3",
        ),
        (
            "abc",
            Some("audio/wav; codecs=1"),
            "https://x/y.mp3",
            "call-abc.wav",
        ),
        ("abc", Some("AUDIO/X-WAV"), "", "call-abc.wav"),
        (
            "abc",
            Some("application/octet-stream"),
            "https://x/rec.ogg?sig=1",
            "call-abc.ogg",
        ),
        ("abc", None, "https://x/rec.MP3#t=1", "call-abc.mp3"),
        ("abc", None, "https://x/rec", "call-abc.audio"),
        (
            "../../etc/passwd",
            Some("audio/mpeg"),
            "",
            "call-______etc_passwd.mp3",
        ),
        ("", Some("audio/mpeg"), "", "call-recording.mp3"),
    ];
    for (id, content_type, url, expected) in cases {
        assert_eq!(
            recording_file_name(id, content_type, url),
            expected,
            "{id} {content_type:?} {url}"
        );
    }
    assert_eq!(
        extension_for_content_type("audio/webm;codecs=opus"),
        Some("webm")
    );
    assert_eq!(extension_for_content_type("text/html"), None);
}

#[test]
fn calls_sort_newest_first_with_timeless_ones_last() {
    use call_records::domain::search::store::{CallStore, SortKey};
    use call_records::domain::CallRecord;
    let at = |id: &str, started: Option<i64>, created: Option<i64>| CallRecord {
        started_at: started.map(Timestamp),
        created_at: created.map(Timestamp),
        ..CallRecord::with_id(id)
    };
    let mut calls = vec![
        at("none-1", None, None),
        at("old", Some(10), None),
        at("created-only", None, Some(25)),
        at("none-2", None, None),
        at("new", Some(30), Some(5)),
    ];
    let mut store = CallStore::new();
    for call in calls.drain(..) {
        store.add(call);
    }
    store.prepare_order(SortKey::Time);
    let ids: Vec<String> = store
        .ordered(SortKey::Time, true)
        .filter_map(|i| store.get(i).map(|c| c.id.to_owned()))
        .collect();
    assert_eq!(ids, ["new", "created-only", "old", "none-1", "none-2"]);
}
