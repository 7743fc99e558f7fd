//! Components rendered in headless Chromium (`cargo test --target wasm32-unknown-unknown --test components`).
#![cfg(target_arch = "wasm32")]

use call_records::api::{ApiError, DataSource};
use call_records::components::{CallDetails, EndReasonDetails, ErrorPanel, TranscriptView};
use call_records::domain::{
    CallRecord, Customer, EndReason, KnownEndReason, Recording, Speaker, Transcript, Turn,
};
use call_records::state::provide_settings;
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts `view` in a fresh element of the page and returns that element.
fn mount<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document
        .create_element("div")
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    document.body().unwrap().append_child(&host).unwrap();
    let handle = leptos::mount::mount_to(host.clone(), view);
    // The tests read the DOM after this returns; keep the view alive for the page's lifetime.
    std::mem::forget(handle);
    host
}

fn text(host: &web_sys::HtmlElement) -> String {
    host.text_content().unwrap_or_default()
}

fn query_all(host: &web_sys::HtmlElement, selector: &str) -> Vec<web_sys::Element> {
    let list = host.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.unchecked_into())
        .collect()
}

fn record() -> CallRecord {
    CallRecord {
        customer: Customer {
            name: Some("Dana Scott".into()),
            number: Some("+15550001111".into()),
        },
        status: Some("ended".into()),
        end_reason: EndReason::Known(KnownEndReason::CustomerDidNotAnswer),
        summary: Some("Dana asked for a call back on Friday.".into()),
        transcript: Transcript {
            turns: vec![
                Turn {
                    speaker: Speaker::System,
                    text: "You are a helpful agent.".into(),
                    at_seconds: Some(0.0),
                    duration_seconds: None,
                    tool: None,
                },
                Turn {
                    speaker: Speaker::Agent,
                    text: "Hello, is this Dana?".into(),
                    at_seconds: Some(0.8),
                    duration_seconds: None,
                    tool: None,
                },
                Turn {
                    speaker: Speaker::Customer,
                    text: "Yes, speaking.".into(),
                    at_seconds: Some(65.0),
                    duration_seconds: None,
                    tool: None,
                },
            ],
            plain: None,
        },
        recording: Recording::Available {
            url: "/missing.mp3".into(),
            expires_at: None,
        },
        duration_seconds: Some(70.0),
        ..CallRecord::with_id("call-123")
    }
}

#[wasm_bindgen_test]
fn a_record_shows_summary_transcript_turns_and_label() {
    let host = mount(|| {
        provide_settings(DataSource::demo().into(), None);
        view! { <Router><CallDetails record=record() campaign_href=Signal::stored("/campaigns/c1".to_owned()) campaign_name="Renewals"/></Router> }
    });
    let all = text(&host);
    assert!(
        all.contains("Dana asked for a call back on Friday."),
        "summary: {all}"
    );
    assert!(all.contains("No answer"), "label");
    assert!(
        all.contains("customer-did-not-answer"),
        "raw code beside the label"
    );
    assert!(all.contains("Recipient didn't answer"), "description");
    assert!(all.contains("call-123"), "call ID");

    let spoken = query_all(
        &host,
        ".transcript__turn--agent, .transcript__turn--customer",
    );
    assert_eq!(spoken.len(), 2);
    assert!(spoken[0]
        .text_content()
        .unwrap()
        .contains("Hello, is this Dana?"));
    assert!(
        spoken[1].text_content().unwrap().contains("1:05"),
        "time from the start of the call"
    );
    assert_eq!(
        query_all(&host, ".transcript__turn--system details").len(),
        1,
        "system prompt folded"
    );

    let open = query_all(&host, "a.call-details__open");
    assert_eq!(open.len(), 1);
    assert_eq!(
        open[0].get_attribute("href").as_deref(),
        Some("/campaigns/c1")
    );
    assert!(open[0].text_content().unwrap().contains("Renewals"));
    assert_eq!(
        query_all(&host, "audio").len(),
        1,
        "the recording gets a player"
    );
    assert!(
        !all.contains("support@youratlas.com"),
        "a known code needs no support prompt"
    );
}

#[wasm_bindgen_test]
fn an_unknown_code_shows_raw_with_the_support_prompt() {
    let host = mount(|| {
        view! { <EndReasonDetails reason=EndReason::Unlisted("call.brand-new-failure".into()) call_id="call-9".to_owned()/> }
    });
    let all = text(&host);
    assert!(all.contains("call.brand-new-failure"));
    assert!(all.contains("support@youratlas.com"));
    let link = query_all(&host, "a[href^='mailto:']");
    assert_eq!(link.len(), 1);
    let href = link[0].get_attribute("href").unwrap();
    assert!(
        href.contains("call-9") && href.contains("call.brand-new-failure"),
        "{href}"
    );
    assert!(query_all(&host, ".end-reason-badge--unlisted").len() == 1);
}

#[wasm_bindgen_test]
fn a_missing_end_reason_says_so() {
    let host =
        mount(|| view! { <EndReasonDetails reason=EndReason::Missing call_id="c".to_owned()/> });
    assert!(text(&host).contains("No end reason"));
    assert!(query_all(&host, "a[href^='mailto:']").is_empty());
}

#[wasm_bindgen_test]
fn api_text_is_rendered_as_text_never_html() {
    let host = mount(|| {
        let transcript = Transcript {
            turns: vec![Turn {
                speaker: Speaker::Customer,
                text: "<img src=x onerror=alert(1)><b>bold</b>".into(),
                at_seconds: None,
                duration_seconds: None,
                tool: None,
            }],
            plain: None,
        };
        view! { <TranscriptView turns=transcript.turns plain=transcript.plain position=Signal::derive(|| 0.0)/> }
    });
    assert!(query_all(&host, "img, b").is_empty(), "markup stayed text");
    assert!(text(&host).contains("<b>bold</b>"));
}

#[wasm_bindgen_test]
fn a_plain_transcript_shows_when_there_are_no_turns() {
    let host = mount(|| {
        let transcript = Transcript {
            turns: vec![],
            plain: Some("AI: Hi\nUser: Hello".into()),
        };
        view! { <TranscriptView turns=transcript.turns plain=transcript.plain position=Signal::derive(|| 0.0)/> }
    });
    assert_eq!(query_all(&host, "pre.transcript__plain").len(), 1);
    assert!(text(&host).contains("User: Hello"));
}

#[wasm_bindgen_test]
fn a_refused_key_error_offers_settings_and_retry() {
    let host = mount(|| {
        provide_settings(
            DataSource::Atlas {
                base: "https://api.example.com".into(),
            }
            .into(),
            None,
        );
        view! { <ErrorPanel error=ApiError::Unauthorized what="your campaigns" on_retry=|| ()/> }
    });
    let all = text(&host);
    assert!(all.contains("Your API key was refused"), "{all}");
    let buttons: Vec<String> = query_all(&host, "button")
        .iter()
        .filter_map(|b| b.text_content())
        .collect();
    assert_eq!(buttons, ["Open settings", "Try again"]);
}

fn press(target: &web_sys::EventTarget, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
fn key_shortcuts_fire_ignore_typing_and_are_released_on_cleanup() {
    use call_records::hooks::use_key_shortcuts;
    use std::sync::{Arc, Mutex};

    let seen = Arc::new(Mutex::new(Vec::<String>::new()));
    let owner = Owner::new();
    let record = Arc::clone(&seen);
    owner.with(|| {
        use_key_shortcuts(move |event| {
            record.lock().unwrap().push(event.key());
            true
        })
    });

    let window = web_sys::window().unwrap();
    let document = window.document().unwrap();
    press(&document.body().unwrap(), "j");
    let input = document.create_element("input").unwrap();
    document.body().unwrap().append_child(&input).unwrap();
    press(&input, "k");
    assert_eq!(
        *seen.lock().unwrap(),
        ["j"],
        "a key typed into a field is not a shortcut"
    );

    owner.cleanup();
    press(&document.body().unwrap(), "j");
    assert_eq!(*seen.lock().unwrap(), ["j"], "no listener after cleanup");
    input.remove();
}

#[wasm_bindgen_test]
async fn the_document_title_follows_the_page() {
    use call_records::hooks::use_document_title;
    let name = RwSignal::new("Renewals".to_owned());
    let _host = mount(move || {
        use_document_title(move || Some(name.get()));
        view! { <p>"page"</p> }
    });
    let title = || web_sys::window().unwrap().document().unwrap().title();
    // Effects run after the current task.
    leptos::task::tick().await;
    assert_eq!(title(), "Renewals · Call Records");
    name.set("Clinic".to_owned());
    leptos::task::tick().await;
    assert_eq!(title(), "Clinic · Call Records");
}

#[wasm_bindgen_test]
async fn search_hits_are_marked_as_text_in_the_transcript() {
    use call_records::domain::search::index::SearchQuery;
    let search = RwSignal::new(SearchQuery::parse("refund"));
    let host = mount(move || {
        let transcript = Transcript {
            turns: vec![Turn {
                speaker: Speaker::Customer,
                text: "<b>Refund</b> my refunds, please".into(),
                at_seconds: Some(4.0),
                duration_seconds: None,
                tool: None,
            }],
            plain: None,
        };
        view! { <TranscriptView turns=transcript.turns plain=transcript.plain position=Signal::derive(|| 0.0) search=search/> }
    });
    leptos::task::tick().await;
    let marks: Vec<String> = query_all(&host, "mark")
        .iter()
        .map(|m| m.text_content().unwrap_or_default())
        .collect();
    assert_eq!(
        marks,
        ["Refund", "refunds"],
        "whole words, prefix of the last"
    );
    assert!(
        query_all(&host, "b").is_empty(),
        "markup around a hit stays text"
    );
    assert_eq!(query_all(&host, ".transcript__turn--hit").len(), 1);
    // A new search re-marks the same turn.
    search.set(SearchQuery::parse("please"));
    leptos::task::tick().await;
    assert_eq!(query_all(&host, "mark").len(), 1);
}

#[wasm_bindgen_test]
async fn the_chart_draws_a_bar_per_reason_and_reports_the_choice() {
    use call_records::components::BreakdownChart;
    use call_records::domain::list::view::{Breakdown, ReasonFilter};
    let chosen = RwSignal::new(None::<Option<ReasonFilter>>);
    let breakdown = RwSignal::new(Breakdown {
        labels: vec![
            (KnownEndReason::Voicemail, 30),
            (KnownEndReason::CustomerBusy, 10),
        ],
        unlisted: 5,
        unlisted_codes: 2,
        missing: 0,
    });
    let host = mount(move || {
        view! {
            <BreakdownChart breakdown=breakdown selected=Signal::derive(|| None)
                on_select=move |choice| chosen.set(Some(choice))/>
        }
    });
    leptos::task::tick().await;
    let bars = query_all(&host, ".breakdown__bar");
    assert_eq!(bars.len(), 3);
    assert!(text(&host).contains("Unlisted codes"));
    let widths: Vec<String> = query_all(&host, "rect")
        .iter()
        .map(|r| r.get_attribute("width").unwrap_or_default())
        .collect();
    assert_eq!(
        widths,
        ["100.00", "33.33", "16.67"],
        "bars to scale of the largest"
    );
    bars[1].unchecked_ref::<web_sys::HtmlElement>().click();
    assert_eq!(
        chosen.get_untracked(),
        Some(Some(ReasonFilter::Label(KnownEndReason::CustomerBusy)))
    );
    // New counts (most frequent first, as the view sorts them) move and resize the same bars.
    breakdown.update(|b| {
        b.labels[1].1 = 60;
        b.labels.swap(0, 1);
    });
    leptos::task::tick().await;
    assert_eq!(query_all(&host, ".breakdown__bar").len(), 3);
    assert!(query_all(&host, ".breakdown__bar")[0]
        .text_content()
        .unwrap_or_default()
        .contains("Line busy"));
    assert_eq!(
        query_all(&host, "rect")[0]
            .get_attribute("width")
            .as_deref(),
        Some("100.00")
    );
}

fn dispatch_key(target: &web_sys::Element, key: &str) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

#[wasm_bindgen_test]
async fn the_player_controls_and_the_timeline_render_and_respond() {
    let host = mount(|| {
        provide_settings(DataSource::demo().into(), None);
        let mut record = record();
        // The agent speaks 0.8–3.0 s; the customer from 1:05 to the end of the call.
        record.transcript.turns[1].duration_seconds = Some(2.2);
        view! { <Router><CallDetails record=record campaign_href=Signal::stored("/c".to_owned()) campaign_name="R"/></Router> }
    });
    leptos::task::tick().await;
    for name in [
        "Play",
        "Back 10 seconds",
        "Forward 10 seconds",
        "Mute",
        "Playback speed",
    ] {
        assert_eq!(
            query_all(&host, &format!("[aria-label='{name}']")).len(),
            1,
            "{name}"
        );
    }
    let speeds: Vec<String> = query_all(&host, ".player-controls__speed option")
        .iter()
        .map(|o| o.text_content().unwrap_or_default())
        .collect();
    assert_eq!(speeds, ["0.75×", "1×", "1.25×", "1.5×", "2×"]);
    let all = text(&host);
    assert!(all.contains("Skip silence") && all.contains("Auto-advance"));
    assert!(
        all.contains("Talk time"),
        "talk figures among the facts: {all}"
    );

    let slider = query_all(&host, "[role=slider]");
    assert_eq!(slider.len(), 1, "the timeline is the player's slider");
    let slider = &slider[0];
    assert_eq!(slider.get_attribute("aria-valuemax").as_deref(), Some("70"));
    assert_eq!(
        slider.get_attribute("aria-valuetext").as_deref(),
        Some("0:00 of 1:10, silence")
    );
    assert_eq!(
        query_all(&host, ".timeline__lane--agent .timeline__bar").len(),
        1
    );
    assert_eq!(
        query_all(&host, ".timeline__lane--customer .timeline__bar").len(),
        1
    );

    // The slider's own keys move the playhead.
    dispatch_key(slider, "ArrowRight");
    leptos::task::tick().await;
    assert_eq!(slider.get_attribute("aria-valuenow").as_deref(), Some("5"));
    dispatch_key(slider, "End");
    leptos::task::tick().await;
    assert_eq!(
        slider.get_attribute("aria-valuetext").as_deref(),
        Some("1:10 of 1:10, silence")
    );
    dispatch_key(slider, "Home");
    dispatch_key(slider, "ArrowRight");
    leptos::task::tick().await;
    assert_eq!(
        slider.get_attribute("aria-valuetext").as_deref(),
        Some("0:05 of 1:10, silence")
    );

    // The speed menu sets the element's rate.
    let select: web_sys::HtmlSelectElement = query_all(&host, ".player-controls__speed")
        .remove(0)
        .unchecked_into();
    select.set_value("1.5");
    select
        .dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    leptos::task::tick().await;
    let audio: web_sys::HtmlMediaElement = query_all(&host, "audio").remove(0).unchecked_into();
    assert_eq!(audio.playback_rate(), 1.5);
    assert_eq!(audio.default_playback_rate(), 1.5);
}

#[wasm_bindgen_test]
async fn without_a_playable_recording_the_timeline_shows_and_offers_nothing() {
    let host = mount(|| {
        provide_settings(DataSource::demo().into(), None);
        let mut record = record();
        record.recording = Recording::Missing(call_records::domain::NoRecording::NotAttached);
        view! { <Router><CallDetails record=record campaign_href=Signal::stored("/c".to_owned()) campaign_name="R"/></Router> }
    });
    leptos::task::tick().await;
    assert!(query_all(&host, "[role=slider], audio, .player-controls").is_empty());
    let picture = query_all(&host, ".timeline[role=img]");
    assert_eq!(picture.len(), 1);
    assert!(picture[0]
        .get_attribute("aria-label")
        .unwrap()
        .starts_with("Who spoke when: agent"));
    assert!(query_all(&host, ".timeline__playhead").is_empty());
}

#[wasm_bindgen_test]
async fn without_turn_times_the_timeline_is_a_plain_progress_bar() {
    let host = mount(|| {
        provide_settings(DataSource::demo().into(), None);
        let mut record = record();
        for turn in &mut record.transcript.turns {
            turn.at_seconds = None;
        }
        view! { <Router><CallDetails record=record campaign_href=Signal::stored("/c".to_owned()) campaign_name="R"/></Router> }
    });
    leptos::task::tick().await;
    let slider = query_all(&host, "[role=slider]");
    assert_eq!(slider.len(), 1);
    assert!(slider[0].class_list().contains("timeline--plain"));
    assert!(query_all(&host, ".timeline__lane").is_empty());
    assert_eq!(
        slider[0].get_attribute("aria-valuetext").as_deref(),
        Some("0:00 of 1:10")
    );
    assert!(
        !text(&host).contains("Talk time"),
        "no figures without timings"
    );
}

#[wasm_bindgen_test]
fn a_panic_leaves_a_screen_that_says_so_with_reload_and_the_error_as_text() {
    use call_records::browser::crash::{show_crash_screen_in, CRASH_TITLE};
    let document = web_sys::window().unwrap().document().unwrap();
    let host = document
        .create_element("div")
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    host.set_inner_html("<p class=\"app\">the app that stopped</p>");
    let error =
        "panicked at src/domain/long_text.rs:19:11: <b>byte index 19798 is not a char boundary</b>";
    show_crash_screen_in(&host, error);
    assert!(query_all(&host, ".app").is_empty(), "the dead app is gone");
    let screen = query_all(&host, "[role=alert]");
    assert_eq!(screen.len(), 1);
    assert_eq!(
        query_all(&host, "h1")[0].text_content().as_deref(),
        Some(CRASH_TITLE)
    );
    let reload = query_all(&host, "button");
    assert_eq!(reload.len(), 1);
    assert_eq!(reload[0].text_content().as_deref(), Some("Reload"));
    let shown = query_all(&host, "pre");
    assert_eq!(shown[0].text_content().as_deref(), Some(error));
    assert!(
        query_all(&host, "b").is_empty(),
        "the error is text, not markup"
    );
    assert!(text(&host).contains("support@youratlas.com"));
}
