#![cfg(not(target_arch = "wasm32"))]
//! Every function that cuts, slices, folds, marks or splits text, fed random multi-byte text from a seeded
//! generator: CJK, ZWJ emoji sequences with skin tones, combining marks, right-to-left text and marks,
//! replacement characters (what lone surrogates become), NUL and other controls, line breaks of every
//! kind, quotes and commas. None may panic (a panic in wasm stops the app), and what each returns stays
//! inside the text it was given: prefixes are prefixes, ranges are character boundaries of the text.

mod common;

use call_records::domain::export::csv::{csv_file_name, push_field};
use call_records::domain::export::download::recording_file_name;
use call_records::domain::loading::tally::reason_name;
use call_records::domain::playback::moment::{moment_in_query, parse_moment};
use call_records::domain::records::phone::{format_phone, number_key};
use call_records::domain::records::transcript_lines::turns_from_lines;
use call_records::domain::search::index::{snippet, split_marked, SearchQuery};
use call_records::domain::text::file_name::FileNamePart;
use call_records::domain::text::long_text::{ceil_boundary, cut, floor_boundary, size_label};
use call_records::domain::text::url::percent_decode;
use call_records::domain::text::words::{fold_text, for_each_word};
use call_records::domain::Timestamp;
use call_records::wire::{parse_call, read_call, read_call_reference, Asked};
use common::Lcg;

const CASES: usize = 4_000;

/// Pieces random text is made of: each a run that real call records have held.
const PIECES: &[&str] = &[
    "👨🏿‍💻",
    "👩🏽‍🔬",
    "🏳️‍🌈",
    "👍🏻",
    "🇯🇵",
    "😀",
    "e\u{301}",
    "a\u{308}\u{323}",
    "\u{200d}",
    "\u{200f}",
    "\u{202e}",
    "שלום",
    "مرحبا",
    "日本語",
    "お客様",
    "한국어",
    "中文",
    "Zoë",
    "ß",
    "İ",
    "ﬁ",
    "\u{fffd}",
    "\0",
    "\u{7}",
    "\t",
    "\n",
    "\r\n",
    "\r",
    "\u{2028}",
    " ",
    "  ",
    "\"",
    ",",
    "AI:",
    "User:",
    "agent :",
    "%",
    "%2F",
    "%E6%97",
    "?t=",
    "#",
    "/",
    "..",
    "call",
    "Call",
    "back",
    "purple",
    "giraffe",
    "42",
    "+1 (555) 010-0101",
    "2026-11-20T09:00:00Z",
    "1:05",
    "\\u",
    "\u{feff}",
    "\u{10ffff}",
];

fn random_text(rng: &mut Lcg, most: usize) -> String {
    let len = rng.below(most + 1);
    let mut text = String::new();
    for _ in 0..len {
        match rng.below(10) {
            // Now and then any scalar value at all.
            0 => text.push(char::from_u32(rng.next() as u32 % 0x11_0000).unwrap_or('\u{fffd}')),
            _ => text.push_str(PIECES[rng.below(PIECES.len())]),
        }
    }
    text
}

fn is_boundary_range(text: &str, range: &std::ops::Range<usize>) -> bool {
    range.start <= range.end && text.get(range.clone()).is_some()
}

#[test]
fn long_texts_are_cut_at_characters_into_prefixes() {
    let mut rng = Lcg(1);
    for _ in 0..CASES {
        let text = random_text(&mut rng, 400);
        let limit = rng.below(text.len() + 10);
        let shown = cut(&text, limit);
        assert!(text.starts_with(shown), "{text:?} {limit}");
        if text.len() <= limit {
            assert_eq!(shown, text);
        } else {
            assert!(shown.len() <= limit);
        }
        let at = rng.below(text.len() + 5);
        let (floor, ceil) = (floor_boundary(&text, at), ceil_boundary(&text, at));
        assert!(text.is_char_boundary(floor) && floor <= at.max(floor).min(text.len()));
        assert!(text.is_char_boundary(ceil) && ceil >= at.min(text.len()));
        let _ = size_label(text.len());
    }
    // The texts that stopped the app, at the sizes that did.
    for text in [
        "👨🏿‍💻".repeat(2_000),
        "日本語のテキスト".repeat(1_300),
        "한".repeat(30_000),
    ] {
        for limit in 19_000..19_010 {
            assert!(text.starts_with(cut(&text, limit)));
        }
    }
    println!("text fuzz: {CASES} random texts through long-text cuts and boundaries, no panic");
}

#[test]
fn words_folds_marks_and_snippets_stay_inside_the_text() {
    let mut rng = Lcg(2);
    let mut buffer = String::new();
    for _ in 0..CASES {
        let text = random_text(&mut rng, 80);
        for_each_word(&text, &mut buffer, |word, range| {
            assert!(!word.is_empty(), "{text:?}");
            assert!(is_boundary_range(&text, &range), "{text:?} {range:?}");
        });
        let _ = fold_text(&text);
        let query = SearchQuery::parse(&random_text(&mut rng, 6));
        for range in query.highlights(&text) {
            assert!(is_boundary_range(&text, &range), "{text:?} {range:?}");
        }
        let _ = query.phrases_match(&text);
        if let Some(found) = snippet(&text, &query, 1 + rng.below(120)) {
            for mark in &found.marks {
                assert!(is_boundary_range(&found.text, mark), "{found:?}");
            }
        }
        // Marks from anywhere (even inside a character): the runs still add up to the text.
        let mut marks: Vec<std::ops::Range<usize>> = (0..rng.below(5))
            .map(|_| {
                let a = rng.below(text.len() + 3);
                a..a + rng.below(8)
            })
            .collect();
        marks.sort_by_key(|m| m.start);
        let joined: String = split_marked(&text, &marks)
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        assert_eq!(joined, text);
    }
    println!("text fuzz: {CASES} random texts through words, folds, highlights, snippets and marked runs, no panic");
}

#[test]
fn transcripts_in_line_form_split_into_turns_taken_from_the_text() {
    let mut rng = Lcg(3);
    for _ in 0..CASES {
        let text = random_text(&mut rng, 60);
        if let Some(turns) = turns_from_lines(&text) {
            for turn in turns {
                assert!(!turn.text.is_empty());
                for line in turn.text.split('\n') {
                    assert!(text.contains(line), "{text:?} {line:?}");
                }
            }
        }
    }
    println!("text fuzz: {CASES} random texts through transcript line splitting, no panic");
}

/// Reads one RFC 4180 field back.
fn unquote(field: &str) -> String {
    match field.strip_prefix('"').and_then(|f| f.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\""),
        None => field.to_owned(),
    }
}

#[test]
fn csv_fields_and_file_names_survive_any_text() {
    let mut rng = Lcg(4);
    for _ in 0..CASES {
        let text = random_text(&mut rng, 40);
        let mut field = String::new();
        push_field(&mut field, &text);
        assert_eq!(unquote(&field), text, "{field:?}");
        let name = csv_file_name(&text, "2026-12-01");
        assert!(name.starts_with("calls-") && name.ends_with("-2026-12-01.csv"));
        assert!(!name.contains(['/', '\\', '"', '\0', '\n']), "{name:?}");
        let part = FileNamePart {
            replacement: '_',
            trim: rng.below(2) == 0,
            max_chars: 1 + rng.below(30),
        };
        if let Some(safe) = part.apply(&text) {
            assert!(safe.chars().count() <= part.max_chars);
            assert!(safe
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '_'));
        }
        let file = recording_file_name(&text, Some(&random_text(&mut rng, 3)), &text);
        assert!(!file.contains(['/', '\\', '\0']), "{file:?}");
    }
    println!("text fuzz: {CASES} random texts through CSV fields and file names, no panic");
}

#[test]
fn other_readers_of_outside_text_never_panic() {
    let mut rng = Lcg(5);
    for _ in 0..CASES {
        let text = random_text(&mut rng, 20);
        let _ = format_phone(&text);
        let _ = number_key(&text);
        let _ = Timestamp::parse_iso(&text);
        let _ = parse_moment(&text);
        let _ = moment_in_query(&text);
        let decoded = percent_decode(&text);
        assert!(!decoded.is_empty() || text.is_empty());
        let reason = reason_name(&text);
        assert!(reason.chars().count() <= 161);
    }
    println!("text fuzz: {CASES} random texts through phone, time, moment, percent-decoding and reason readers, no panic");
}

#[test]
fn records_holding_any_text_read_the_same_by_both_readers() {
    let mut rng = Lcg(6);
    for _ in 0..CASES {
        let say = |rng: &mut Lcg| serde_json::to_string(&random_text(rng, 30)).unwrap_or_default();
        let (summary, said, plain, name) =
            (say(&mut rng), say(&mut rng), say(&mut rng), say(&mut rng));
        // Now and then a lone surrogate escape, as a text cut by UTF-16 units sends it.
        let summary = if rng.below(4) == 0 {
            summary.replacen('"', "\"\\ud83d", 1)
        } else {
            summary
        };
        let record = format!(
            r#"{{"id":{name},"summary":{summary},"transcript":{plain},"customer":{{"name":{name}}},"messages":[{{"role":"bot","message":{said}}},{{"role":"user","message":{summary}}}]}}"#
        );
        let fast = read_call(&record);
        let plain_read = read_call_reference(&record, Asked::default());
        assert_eq!(fast, plain_read, "{record}");
        let _ = parse_call(&record);
    }
    println!("text fuzz: {CASES} random texts through records read by the fast and the reference reader, no panic");
}
