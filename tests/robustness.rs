#![cfg(not(target_arch = "wasm32"))]
//! Data from outside never panics the parsers: every fixture, truncated and corrupted thousands of ways.
//! (A panic in wasm takes the whole page down, so this is worth a few thousand cheap cases.)

mod common;

use call_records::config::parse_config;
use call_records::domain::Timestamp;
use call_records::wire::{
    parse_call, parse_calls, parse_campaign, parse_campaigns, parse_error_message,
};
use common::Lcg;

const NOISE: [&str; 12] = [
    "",
    "\"",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "null",
    "é",
    "\u{1F4DE}",
    "-1e309",
];

fn mutations(text: &str, rng: &mut Lcg, count: usize) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    (0..count)
        .map(|_| {
            let mut out = chars.clone();
            for _ in 0..=rng.below(3) {
                let at = rng.below(out.len() + 1);
                match rng.below(3) {
                    0 => out.truncate(at),
                    1 if at < out.len() => {
                        out.remove(at);
                    }
                    _ => {
                        let noise = NOISE[rng.below(NOISE.len())];
                        for (i, c) in noise.chars().enumerate() {
                            out.insert((at + i).min(out.len()), c);
                        }
                    }
                }
            }
            out.into_iter().collect()
        })
        .collect()
}

#[test]
fn corrupted_bodies_never_panic() {
    let dir = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let mut rng = Lcg(0x5eed);
    let mut cases = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for body in mutations(&text, &mut rng, 600) {
            let _ = parse_calls(&body);
            let _ = parse_call(&body);
            let _ = parse_campaigns(&body);
            let _ = parse_campaign(&body);
            let _ = parse_error_message(&body);
            let _ = parse_config(&body);
            cases += 1;
        }
    }
    assert!(cases >= 3000, "{cases} cases");
}

#[test]
fn corrupted_timestamps_never_panic() {
    let mut rng = Lcg(42);
    let seeds = [
        "2026-11-24T14:05:09.123+01:00",
        "2026-02-29",
        "1999-12-31T23:59:60Z",
    ];
    for seed in seeds {
        for text in mutations(seed, &mut rng, 2000) {
            let _ = Timestamp::parse_iso(&text);
        }
    }
}
