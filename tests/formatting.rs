#![cfg(not(target_arch = "wasm32"))]
//! Time, duration and phone formatting; config; endpoints; error texts; download names.

use call_records::api::{ApiError, DataSource, ErrorText};
use call_records::config::{parse_config, ConfigError};
use call_records::domain::download::{extension_for_content_type, recording_file_name};
use call_records::domain::phone::format_phone;
use call_records::domain::time::{format_clock, format_duration};
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
fn config_chooses_demo_or_api() {
    let demo = DataSource::demo();
    assert_eq!(parse_config("{}").unwrap().source, demo);
    assert_eq!(
        parse_config(r#"{"apiBaseUrl": null}"#).unwrap().source,
        demo
    );
    assert_eq!(
        parse_config(r#"{"apiBaseUrl": "  "}"#).unwrap().source,
        demo
    );
    assert_eq!(
        parse_config(r#"{"apiBaseUrl": "https://api.youratlas.com/v1/api/"}"#)
            .unwrap()
            .source,
        DataSource::Atlas {
            base: "https://api.youratlas.com/v1/api".into()
        }
    );
    assert_eq!(
        parse_config(r#"{"apiBaseUrl": "/api"}"#).unwrap().source,
        DataSource::Atlas {
            base: "/api".into()
        }
    );
    assert!(matches!(
        parse_config(r#"{"apiBaseUrl": "javascript:alert(1)"}"#),
        Err(ConfigError::BadBase(_))
    ));
    assert!(matches!(
        parse_config(r#"{"apiBaseUrl": "//evil.example"}"#),
        Err(ConfigError::BadBase(_))
    ));
    assert!(matches!(
        parse_config("not json"),
        Err(ConfigError::NotJson(_))
    ));
}

#[test]
fn endpoints_for_api_and_demo() {
    let api = DataSource::Atlas {
        base: "https://api.example.com/v1/api".into(),
    };
    assert_eq!(
        api.campaigns().to_url(),
        "https://api.example.com/v1/api/campaign"
    );
    assert_eq!(
        api.campaign("c 1").to_url(),
        "https://api.example.com/v1/api/campaign/c%201"
    );
    let calls = api.calls("c&1");
    assert_eq!(calls.path, "https://api.example.com/v1/api/call");
    assert_eq!(
        calls.query,
        [("campaignId", "c&1".to_owned())],
        "raw: the HTTP client encodes it"
    );
    assert_eq!(
        calls.to_url(),
        "https://api.example.com/v1/api/call?campaignId=c%261"
    );
    assert_eq!(
        api.call("x/y").to_url(),
        "https://api.example.com/v1/api/call/x%2Fy"
    );
    assert!(api.needs_key());
    let demo = DataSource::demo();
    assert_eq!(demo.campaigns().to_url(), "/demo/campaigns.json");
    assert_eq!(demo.calls("c1").to_url(), "/demo/campaigns/c1/calls.json");
    assert!(demo.calls("c1").query.is_empty());
    assert_eq!(demo.call("k").to_url(), "/demo/calls/k.json");
    assert!(!demo.needs_key());
}

#[test]
fn statuses_become_errors_with_words_for_people() {
    assert_eq!(ApiError::from_status(200, "", None), None);
    assert_eq!(
        ApiError::from_status(401, "", None),
        Some(ApiError::Unauthorized)
    );
    assert_eq!(
        ApiError::from_status(404, "", None),
        Some(ApiError::NotFound)
    );
    assert_eq!(
        ApiError::from_status(429, "", Some(" 30 ")),
        Some(ApiError::RateLimited {
            retry_after_seconds: Some(30)
        })
    );
    assert_eq!(
        ApiError::from_status(503, r#"{"message":"maintenance"}"#, None),
        Some(ApiError::Server {
            status: 503,
            message: Some("maintenance".into())
        })
    );
    assert_eq!(
        ApiError::from_status(400, r#"{"message":"bad id"}"#, None),
        Some(ApiError::Rejected {
            status: 400,
            message: Some("bad id".into())
        })
    );
    let all = [
        ApiError::MissingKey,
        ApiError::Network("TypeError".into()),
        ApiError::Unauthorized,
        ApiError::Forbidden,
        ApiError::NotFound,
        ApiError::RateLimited {
            retry_after_seconds: None,
        },
        ApiError::Server {
            status: 500,
            message: None,
        },
        ApiError::Rejected {
            status: 418,
            message: None,
        },
        ApiError::Decode("x".into()),
    ];
    for error in all {
        let text = ErrorText::new(&error, "this call");
        assert!(
            !text.title.is_empty() && !text.detail.is_empty(),
            "{error:?}"
        );
        assert!(
            text.detail.ends_with('.') || text.detail.ends_with('”'),
            "{error:?}: {}",
            text.detail
        );
    }
    let server = ErrorText::new(
        &ApiError::Server {
            status: 500,
            message: Some("db down".into()),
        },
        "calls",
    );
    assert!(server.detail.contains("db down") && server.detail.contains("500"));
    assert!(ErrorText::new(
        &ApiError::RateLimited {
            retry_after_seconds: Some(12)
        },
        "x"
    )
    .detail
    .contains("12 seconds"));
}

#[test]
fn calls_sort_newest_first_with_timeless_ones_last() {
    use call_records::domain::call::sort_newest_first;
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
    sort_newest_first(&mut calls);
    let ids: Vec<_> = calls.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["new", "created-only", "old", "none-1", "none-2"]);
}

#[test]
fn keyboard_selection_steps_and_stops_at_the_ends() {
    use call_records::domain::selection::step;
    assert_eq!(step(0, None, true), None);
    assert_eq!(step(3, None, true), Some(0));
    assert_eq!(step(3, None, false), Some(0));
    assert_eq!(step(3, Some(0), true), Some(1));
    assert_eq!(step(3, Some(2), true), Some(2), "stays on the last");
    assert_eq!(step(3, Some(0), false), Some(0), "stays on the first");
    assert_eq!(step(3, Some(2), false), Some(1));
}

#[test]
fn api_keys_must_fit_in_a_header() {
    use call_records::domain::api_key::{normalize_api_key, KeyProblem};
    assert_eq!(
        normalize_api_key("  sk_live-AB12.x/y+z=  \n").as_deref(),
        Ok("sk_live-AB12.x/y+z=")
    );
    assert_eq!(normalize_api_key(" \t "), Err(KeyProblem::Empty));
    assert_eq!(normalize_api_key("abc def"), Err(KeyProblem::HasSpace));
    assert_eq!(normalize_api_key("abc\ndef"), Err(KeyProblem::HasSpace));
    assert_eq!(
        normalize_api_key("key—with—dashes"),
        Err(KeyProblem::OddCharacter)
    );
    assert_eq!(normalize_api_key("clé"), Err(KeyProblem::OddCharacter));
    assert_eq!(normalize_api_key("a\u{0}b"), Err(KeyProblem::OddCharacter));
}

#[test]
fn route_ids_of_any_shape_round_trip() {
    use call_records::domain::url::percent_decode;
    use call_records::routes::{call, call_id_from_path};
    for id in ["3f2a-uuid", "a b", "x/y", "50%", "é", "q?a=1&b=2#h", "%41"] {
        let path = call("cmp 1", id);
        assert!(
            !path[path.find("/calls/").unwrap() + 7..].contains('/'),
            "{path}"
        );
        assert_eq!(call_id_from_path(&path).as_deref(), Some(id), "{path}");
    }
    // Decoding is forgiving: stray and broken escapes stay as they were.
    assert_eq!(percent_decode("x%2Fy"), "x/y");
    assert_eq!(percent_decode("a b"), "a b");
    assert_eq!(percent_decode("50%"), "50%");
    assert_eq!(percent_decode("%zz%4"), "%zz%4");
    assert_eq!(percent_decode("%FF"), "%FF", "not UTF-8: left as it was");
    assert_eq!(call_id_from_path("/campaigns/c"), None);
    assert_eq!(call_id_from_path("/campaigns/c/calls/"), None);
}
