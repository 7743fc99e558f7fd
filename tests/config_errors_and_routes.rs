#![cfg(not(target_arch = "wasm32"))]
//! What the site is told and what it tells: `config.json`, the words for each API error, API keys that
//! fit in a header, keyboard selection, and route IDs of any shape.

use call_records::api::{ApiError, DataSource, ErrorText};
use call_records::config::{parse_config, ConfigError};

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
fn keyboard_selection_steps_and_stops_at_the_ends() {
    use call_records::domain::list::selection::step;
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
    use call_records::domain::records::api_key::{normalize_api_key, KeyProblem};
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
    use call_records::domain::text::url::percent_decode;
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
