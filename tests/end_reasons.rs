#![cfg(not(target_arch = "wasm32"))]
//! The end-reason table, exactly as the dashboard has it, and every code the platform knew in Aug 2026.

use call_records::domain::{EndReason, EndReasonGroup, KnownEndReason};

/// (group, code, label, description): the dashboard's table, copied row by row.
const TABLE: [(EndReasonGroup, &str, &str, &str); 16] = [
    (
        EndReasonGroup::Agent,
        "assistant-ended-call",
        "Agent ended call",
        "AI agent intentionally ended the call",
    ),
    (
        EndReasonGroup::Agent,
        "assistant-ended-call-after-message-spoken",
        "Message delivered",
        "Agent completed call after delivering final message",
    ),
    (
        EndReasonGroup::Agent,
        "assistant-ended-call-with-hangup-task",
        "Agent hung up",
        "Agent hung up after completing its task",
    ),
    (
        EndReasonGroup::Agent,
        "assistant-forwarded-call",
        "Call transferred",
        "Agent successfully forwarded the call",
    ),
    (
        EndReasonGroup::Agent,
        "assistant-said-end-call-phrase",
        "End phrase detected",
        "Agent recognized a goodbye phrase",
    ),
    (
        EndReasonGroup::Customer,
        "customer-busy",
        "Line busy",
        "Recipient's phone line was busy",
    ),
    (
        EndReasonGroup::Customer,
        "customer-ended-call",
        "Customer ended call",
        "Recipient hung up",
    ),
    (
        EndReasonGroup::Customer,
        "customer-did-not-answer",
        "No answer",
        "Recipient didn't answer",
    ),
    (
        EndReasonGroup::Connection,
        "phone-call-provider-closed-websocket",
        "Connection lost",
        "Connection unexpectedly dropped",
    ),
    (
        EndReasonGroup::Connection,
        "twilio-failed-to-connect-call",
        "Twilio connect failed",
        "Twilio was unable to establish the call",
    ),
    (
        EndReasonGroup::Connection,
        "twilio-reported-customer-misdialed",
        "Invalid number",
        "Invalid or incomplete phone number",
    ),
    (
        EndReasonGroup::Connection,
        "call.start.error-vapi-number-outbound-daily-limit",
        "Daily limit reached",
        "Outbound daily call limit reached",
    ),
    (
        EndReasonGroup::DurationOther,
        "exceeded-max-duration",
        "Max duration reached",
        "Call reached maximum allowed duration",
    ),
    (
        EndReasonGroup::DurationOther,
        "silence-timed-out",
        "Silence timeout",
        "Call ended due to prolonged silence (default 30s)",
    ),
    (
        EndReasonGroup::DurationOther,
        "voicemail",
        "Voicemail",
        "Call diverted to voicemail",
    ),
    (
        EndReasonGroup::DurationOther,
        "manually-canceled",
        "Manually canceled",
        "Call was manually canceled",
    ),
];

#[test]
fn every_table_row_maps_exactly() {
    for (group, code, label, description) in TABLE {
        let reason = EndReason::from_raw(Some(code));
        assert!(
            matches!(reason, EndReason::Known(_)),
            "{code} should be known"
        );
        assert_eq!(reason.label(), label, "label of {code}");
        assert_eq!(reason.description(), description, "description of {code}");
        assert_eq!(reason.group(), Some(group), "group of {code}");
        assert_eq!(reason.raw(), Some(code));
        assert_eq!(
            reason.support_mailto("call-1"),
            None,
            "{code} needs no support prompt"
        );
    }
}

#[test]
fn the_table_and_the_enum_have_the_same_rows_in_the_same_order() {
    let codes: Vec<_> = KnownEndReason::ALL.iter().map(|r| r.code()).collect();
    let table: Vec<_> = TABLE.iter().map(|row| row.1).collect();
    assert_eq!(codes, table);
}

#[test]
fn every_code_of_the_august_2026_reference_renders() {
    let text = include_str!("fixtures/vapi-ended-reasons-2026-08.txt");
    let codes: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    assert_eq!(codes.len(), 595, "the reference lists 595 codes");
    let mut known = 0;
    for code in &codes {
        let reason = EndReason::from_raw(Some(code));
        assert!(!reason.label().is_empty(), "{code} has a label");
        assert!(!reason.description().is_empty(), "{code} has a description");
        assert_eq!(reason.raw(), Some(*code), "{code} keeps its raw text");
        match &reason {
            EndReason::Known(k) => {
                known += 1;
                assert_eq!(k.code(), *code);
            }
            EndReason::Unlisted(raw) => {
                assert_eq!(raw, code);
                // Never folded into a known label: the badge shows the code itself.
                assert_eq!(reason.label(), *code);
                let mailto = reason
                    .support_mailto("c-42")
                    .expect("unlisted codes get a support link");
                assert!(mailto.starts_with("mailto:support@youratlas.com?"));
                assert!(mailto.contains("c-42"));
            }
            EndReason::Missing => panic!("{code} read as missing"),
        }
    }
    // All 16 table codes are in the reference; the other 579 must all stay raw.
    assert_eq!(known, 16);
}

#[test]
fn unknown_and_near_miss_codes_stay_raw() {
    for code in [
        "customer-did-not-answer-v2",
        "Customer-Busy",
        "voicemail.",
        "brand-new-code",
        "assistant",
    ] {
        let reason = EndReason::from_raw(Some(code));
        assert_eq!(reason, EndReason::Unlisted(code.to_owned()), "{code}");
        assert_eq!(reason.label(), code);
        assert_eq!(reason.tone(), "unlisted");
    }
}

#[test]
fn surrounding_space_is_ignored_but_nothing_else() {
    assert_eq!(
        EndReason::from_raw(Some("  voicemail\n")),
        EndReason::Known(KnownEndReason::Voicemail)
    );
}

#[test]
fn absent_or_blank_codes_are_missing() {
    for raw in [None, Some(""), Some("   ")] {
        let reason = EndReason::from_raw(raw);
        assert_eq!(reason, EndReason::Missing);
        assert_eq!(reason.label(), "No end reason");
        assert_eq!(reason.raw(), None);
        assert_eq!(reason.support_mailto("x"), None);
    }
}

#[test]
fn the_support_link_carries_call_id_and_code_encoded() {
    let reason = EndReason::from_raw(Some("pipeline-error-openai-llm-failed"));
    let mailto = reason.support_mailto("abc 123&x").unwrap();
    assert!(mailto.contains("abc%20123%26x"), "{mailto}");
    assert!(
        mailto.contains("pipeline-error-openai-llm-failed"),
        "{mailto}"
    );
    assert!(!mailto.contains(' '), "no raw spaces in {mailto}");
}
