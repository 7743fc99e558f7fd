//! Records to read: the fixture corpus and the demo, synthetic records in every shape the platforms
//! send, and mutations of them.

use super::Lcg;
use call_records::wire::split_calls_page;

pub fn records_of(text: &str) -> Vec<String> {
    match split_calls_page(text) {
        Ok(page) => page
            .records
            .iter()
            .map(|r| text[r.clone()].to_owned())
            .collect(),
        Err(_) => Vec::new(),
    }
}

pub fn corpus() -> Vec<String> {
    let mut records = Vec::new();
    let fixtures = format!("{}/tests/fixtures", env!("CARGO_MANIFEST_DIR"));
    let demo = format!("{}/public/demo/calls", env!("CARGO_MANIFEST_DIR"));
    for dir in [fixtures, demo] {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("json") {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            let listed = records_of(&text);
            if listed.is_empty() {
                records.push(text);
            } else {
                records.extend(listed);
            }
        }
    }
    records
}

const WORDS: [&str; 10] = [
    "policy",
    "Renew",
    "café",
    "\\u00e9t\\u00e9",
    "line\\nbreak",
    "\\\"quoted\\\"",
    "ok",
    "🙂",
    "garage",
    "water",
];

pub fn words(rng: &mut Lcg, n: usize) -> String {
    (0..n)
        .map(|_| WORDS[rng.below(WORDS.len())])
        .collect::<Vec<_>>()
        .join(" ")
}

/// A synthetic record in one of the shapes the platforms send, with the odd value of a wrong type.
pub fn synthetic(i: usize, rng: &mut Lcg) -> String {
    let messages: Vec<String> = (0..rng.below(8))
        .map(|k| {
            let role = ["bot", "user", "system", "tool_calls", "assistant", "User"][rng.below(6)];
            let at = match rng.below(5) {
                0 => "\"12.5\"".to_owned(),
                1 => "null".to_owned(),
                _ => format!("{}", k as f64 * 4.5),
            };
            format!(
                r#"{{"Role":"{role}","message":"{}","secondsFromStart":{at},"duration":{},"Time":{}}}"#,
                words(rng, 5),
                rng.below(6000),
                1_790_000_000_000u64 + k as u64 * 4000
            )
        })
        .collect();
    let messages = format!("[{}]", messages.join(","));
    match rng.below(3) {
        // Vapi.
        0 => format!(
            r#"{{"id":"v-{i}","campaignId":"c1","startedAt":"2026-11-0{}T10:00:04Z","endedAt":"2026-11-0{}T10:03:40Z","endedReason":"{}","customer":{{"number":"+1555{:07}","Name":"N {i}"}},"cost":{},"analysis":{{"summary":"{}"}},"artifact":{{"recordingUrl":"https://r.example/{i}.wav","messages":{messages}}}}}"#,
            1 + i % 9,
            1 + i % 9,
            ["customer-ended-call", "voicemail", "brand-new-code", ""][rng.below(4)],
            i,
            ["0.12", "\"0.30\"", "null", "true"][rng.below(4)],
            words(rng, 12)
        ),
        // Atlas table entity: PascalCase, lists as JSON text.
        1 => format!(
            r#"{{"PartitionKey":"c1","RowKey":"a-{i}","Timestamp":"2026-11-05T10:04:00Z","Status":"ended","EndedReason":"silence-timed-out","StartedAt":"2026-11-02T10:00:04Z","Customer":"{{\"number\":\"+1555{:07}\"}}","Summary":"{}","Messages":{},"RecordingUrl":"https://r.example/{i}.mp3","DurationSeconds":"{}"}}"#,
            i,
            words(rng, 8),
            serde_json::to_string(&messages).unwrap(),
            rng.below(300)
        ),
        // Older Vapi: fields at the top, a plain transcript.
        _ => format!(
            r#"{{"_id":"o-{i}","createdAt":{},"transcript":"AI: {}\nUser: {}","recordingUrl":"https://r.example/{i}","messages":{messages},"status":"in-progress"}}"#,
            1_790_000_000_000u64 + i as u64,
            words(rng, 4),
            words(rng, 4)
        ),
    }
}

/// Mutations that keep keys distinct (the readers may differ on which of two colliding keys wins):
/// truncations, deleted and inserted characters, and values of another type.
pub fn mutations(text: &str, rng: &mut Lcg, count: usize) -> Vec<String> {
    const NOISE: [&str; 10] = [
        "\"", "{", "}", "[", "]", ",", "null", "é", "-1e309", "\\ud800",
    ];
    let chars: Vec<char> = text.chars().collect();
    (0..count)
        .map(|_| {
            let mut out = chars.clone();
            let at = rng.below(out.len() + 1);
            match rng.below(4) {
                0 => out.truncate(at),
                1 if at < out.len() => {
                    out.remove(at);
                }
                2 => {
                    let noise = NOISE[rng.below(NOISE.len())];
                    for (i, c) in noise.chars().enumerate() {
                        out.insert((at + i).min(out.len()), c);
                    }
                }
                _ => {
                    // A string value becomes a number, a list or an object.
                    let text: String = out.iter().collect();
                    let replaced = text.replacen(
                        "\"ended\"",
                        ["42", "[1,2]", "{\"a\":1}", "\"\""][rng.below(4)],
                        1,
                    );
                    out = replaced.chars().collect();
                }
            }
            out.into_iter().collect()
        })
        .collect()
}
