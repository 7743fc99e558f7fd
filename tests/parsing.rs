#![cfg(not(target_arch = "wasm32"))]
//! Tolerant parsing on a corpus of fixtures: Atlas-shaped, Vapi-shaped, wrapped, PascalCase, missing
//! fields, wrong types. Each record stands or falls alone.

use call_records::domain::{EndReason, KnownEndReason, NoRecording, Recording, Speaker, Timestamp};
use call_records::wire::{
    parse_call, parse_calls, parse_campaign, parse_campaigns, parse_error_message, WireError,
};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

#[test]
fn atlas_list_wrapped_in_value_with_pascal_case_keys() {
    let parsed = parse_calls(&fixture("atlas_wrapped_list.json")).unwrap();
    assert!(parsed.skipped.is_empty(), "{:?}", parsed.skipped);
    assert_eq!(parsed.items.len(), 2);

    let first = &parsed.items[0];
    assert_eq!(first.id, "atl-1");
    assert_eq!(first.campaign_id.as_deref(), Some("cmp-1"));
    assert_eq!(
        first.end_reason,
        EndReason::Known(KnownEndReason::CustomerEndedCall)
    );
    assert_eq!(
        first.summary.as_deref(),
        Some("Customer asked to be removed from the list.")
    );
    assert_eq!(
        first.duration_seconds,
        Some(65.5),
        "the duration field wins over the timestamps"
    );
    assert_eq!(first.customer.name.as_deref(), Some("Dana Scott"));
    assert_eq!(first.customer.number.as_deref(), Some("+15550001111"));
    assert_eq!(
        first.recording,
        Recording::Available {
            url: "https://storage.example.com/rec/atl-1.wav".into(),
            expires_at: None
        }
    );
    assert_eq!(first.transcript.turns.len(), 2);
    assert_eq!(first.transcript.turns[0].speaker, Speaker::Agent);
    assert_eq!(first.transcript.turns[1].speaker, Speaker::Customer);
    assert_eq!(first.transcript.turns[1].at_seconds, Some(3.2));

    let second = &parsed.items[1];
    assert_eq!(second.id, "atl-2", "keys match whatever their case");
    assert_eq!(
        second.end_reason,
        EndReason::Known(KnownEndReason::Voicemail)
    );
    assert_eq!(
        second.duration_seconds,
        Some(30.0),
        "duration from endedAt - startedAt"
    );
    // The plain line form reads as turns (without times), and the text is kept as sent.
    assert_eq!(second.transcript.turns.len(), 2);
    assert_eq!(second.transcript.turns[1].speaker, Speaker::Customer);
    assert_eq!(second.transcript.turns[1].text, "(voicemail)");
    assert_eq!(
        second.transcript.plain.as_deref(),
        Some("AI: Hi, please call us back.\nUser: (voicemail)")
    );
}

#[test]
fn vapi_bare_array_with_artifact() {
    let parsed = parse_calls(&fixture("vapi_bare_list.json")).unwrap();
    assert_eq!(parsed.items.len(), 2);
    let call = &parsed.items[0];
    assert_eq!(
        call.summary.as_deref(),
        Some("Renewed the policy."),
        "from analysis.summary"
    );
    assert_eq!(call.duration_seconds, Some(45.25));
    assert_eq!(call.cost_usd, Some(0.1234));
    assert_eq!(call.call_type.as_deref(), Some("outboundPhoneCall"));
    assert_eq!(
        call.recording,
        Recording::Available {
            url: "https://storage.example.com/mono/vapi-1.mp3".into(),
            expires_at: Timestamp::parse_iso("2026-11-05T09:00:00Z"),
        }
    );
    let speakers: Vec<_> = call
        .transcript
        .turns
        .iter()
        .map(|t| t.speaker.clone())
        .collect();
    assert_eq!(
        speakers,
        [
            Speaker::System,
            Speaker::Agent,
            Speaker::Customer,
            Speaker::Tool,
            Speaker::Tool
        ]
    );
    assert_eq!(call.transcript.turns[3].text, "Called renewPolicy");
    assert_eq!(call.transcript.turns[4].text, "ok");
    assert_eq!(call.customer.name, None);
    assert_eq!(call.customer.display(), "+1 555-000-2222");

    let unanswered = &parsed.items[1];
    assert_eq!(
        unanswered.recording,
        Recording::Missing(NoRecording::NeverConnected(
            KnownEndReason::CustomerDidNotAnswer
        ))
    );
    assert_eq!(unanswered.duration_seconds, None);
    assert!(unanswered.transcript.is_empty());
}

#[test]
fn one_bad_record_is_skipped_and_named_the_rest_show() {
    let parsed = parse_calls(&fixture("mixed_bad_records.json")).unwrap();
    let ids: Vec<_> = parsed.items.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, ["ok-1", "12345", "ok-3"]);
    let skipped: Vec<_> = parsed.skipped.iter().map(|s| s.index).collect();
    assert_eq!(skipped, [1, 2, 4, 5]);
    assert!(parsed.skipped.iter().all(|s| !s.reason.is_empty()));

    let odd = &parsed.items[1];
    assert_eq!(
        odd.end_reason,
        EndReason::Unlisted("42".into()),
        "a number code is kept as text"
    );
    assert_eq!(odd.summary, None, "a list is not a summary");
    assert_eq!(odd.started_at, None, "an unreadable date is absent");
    assert_eq!(
        odd.duration_seconds,
        Some(31.5),
        "numbers sent as strings are read"
    );
    assert_eq!(odd.customer.name.as_deref(), Some("Just A Name"));
    assert!(odd.transcript.is_empty());
    assert!(
        matches!(odd.recording, Recording::Missing(_)),
        "a javascript: URL never reaches the player"
    );

    let running = &parsed.items[2];
    assert_eq!(running.started_at, Some(Timestamp(1_762_246_800_000)));
    assert_eq!(running.end_reason, EndReason::Missing);
    assert_eq!(
        running.recording,
        Recording::Missing(NoRecording::NotEnded("in progress".into()))
    );
}

#[test]
fn a_single_record_in_an_envelope() {
    let call = parse_call(&fixture("single_wrapped.json")).unwrap();
    assert_eq!(call.id, "single-1");
    assert_eq!(
        call.end_reason,
        EndReason::Unlisted("brand-new-code-2027".into())
    );
    assert_eq!(
        call.recording,
        Recording::Available {
            url: "/demo/recordings/x.mp3".into(),
            expires_at: None
        },
        "artifact.recordingUrl comes before the presigned URL"
    );
}

#[test]
fn a_record_with_only_an_id_still_shows() {
    let call = parse_call(&fixture("only_id.json")).unwrap();
    assert_eq!(call.id, "bare");
    assert_eq!(call.end_reason, EndReason::Missing);
    assert_eq!(call.summary, None);
    assert!(call.transcript.is_empty());
    assert_eq!(call.customer.display(), "Unknown customer");
    assert_eq!(call.recording, Recording::Missing(NoRecording::NotAttached));
}

#[test]
fn campaigns_with_counts_under_any_name() {
    let parsed = parse_campaigns(&fixture("campaigns_results.json")).unwrap();
    assert_eq!(parsed.items.len(), 3);
    assert_eq!(parsed.skipped.len(), 1);
    assert_eq!(parsed.items[0].display_name(), "Renewals");
    assert_eq!(parsed.items[0].call_count, Some(120));
    assert_eq!(parsed.items[1].display_name(), "Untitled import");
    assert_eq!(parsed.items[1].call_count, Some(7));
    assert_eq!(
        parsed.items[2].display_name(),
        "c3",
        "no name: the ID stands in"
    );
    assert_eq!(parsed.items[2].call_count, Some(3));
    let one = parse_campaign(r#"{"data": {"id": "c9", "name": "Nine"}}"#).unwrap();
    assert_eq!(one.display_name(), "Nine");
}

#[test]
fn bodies_that_are_not_lists_or_not_json() {
    assert!(matches!(
        parse_calls("<html>oops</html>"),
        Err(WireError::NotJson(_))
    ));
    assert!(matches!(
        parse_calls(r#"{"value": "nope"}"#),
        Err(WireError::Shape(_))
    ));
    assert!(matches!(parse_calls("42"), Err(WireError::Shape(_))));
    assert!(matches!(parse_call("[]"), Err(WireError::Shape(_))));
    assert!(matches!(
        parse_call(r#"{"value": {"summary": "no id"}}"#),
        Err(WireError::Shape(_))
    ));
    assert!(parse_calls("").is_err());
    assert_eq!(parse_calls("[]").unwrap().items.len(), 0);
}

#[test]
fn error_bodies_give_their_message() {
    assert_eq!(
        parse_error_message(
            r#"{"statusCode": 400, "error": "Bad Request", "message": "campaignId must be a UUID"}"#
        ),
        Some("campaignId must be a UUID".into())
    );
    assert_eq!(
        parse_error_message(r#"{"Message": ["a is bad", "b is bad"]}"#),
        Some("a is bad; b is bad".into())
    );
    assert_eq!(parse_error_message("Internal Server Error"), None);
    assert_eq!(parse_error_message(r#"{"message": ""}"#), None);
}

#[test]
fn the_bundled_demo_parses_without_loss() {
    let dir = format!("{}/public/demo", env!("CARGO_MANIFEST_DIR"));
    let campaigns =
        parse_campaigns(&std::fs::read_to_string(format!("{dir}/campaigns.json")).unwrap())
            .unwrap();
    assert!(campaigns.items.len() >= 3);
    assert!(campaigns.skipped.is_empty());
    let mut calls = Vec::new();
    for campaign in &campaigns.items {
        let text =
            std::fs::read_to_string(format!("{dir}/campaigns/{}/calls.json", campaign.id)).unwrap();
        let parsed = parse_calls(&text).unwrap();
        assert!(parsed.skipped.is_empty());
        assert_eq!(Some(parsed.items.len() as u64), campaign.call_count);
        for call in &parsed.items {
            let detail = std::fs::read_to_string(format!("{dir}/calls/{}.json", call.id)).unwrap();
            assert_eq!(
                &parse_call(&detail).unwrap(),
                call,
                "list and detail agree for {}",
                call.id
            );
        }
        calls.extend(parsed.items);
    }
    assert!(calls.len() >= 60, "{} calls", calls.len());
    for known in KnownEndReason::ALL {
        assert!(
            calls
                .iter()
                .any(|c| c.end_reason == EndReason::Known(known)),
            "demo lacks {known:?}"
        );
    }
    let unlisted: std::collections::BTreeSet<_> = calls
        .iter()
        .filter_map(|c| match &c.end_reason {
            EndReason::Unlisted(code) => Some(code.clone()),
            _ => None,
        })
        .collect();
    assert!(unlisted.len() >= 3, "{unlisted:?}");
    let reference = include_str!("fixtures/vapi-ended-reasons-2026-08.txt");
    assert!(
        unlisted
            .iter()
            .all(|code| reference.lines().any(|l| l == code)),
        "unlisted codes come from the reference"
    );
    assert!(calls.iter().any(|c| c.end_reason == EndReason::Missing));
    assert!(calls.iter().any(|c| c.summary.is_none()));
    assert!(calls.iter().any(|c| !c.recording.is_available()));
    let recorded = calls
        .iter()
        .filter(|c| match &c.recording {
            Recording::Available { url, .. } => {
                std::path::Path::new(&format!("{}/public{url}", env!("CARGO_MANIFEST_DIR")))
                    .exists()
            }
            _ => false,
        })
        .count();
    assert!(recorded >= 12, "{recorded} calls with a real recording");
}
