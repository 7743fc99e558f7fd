//! CSV of the rows a view shows, as RFC 4180 says: comma-separated, CRLF line ends, fields quoted when
//! they hold a comma, a quote or a line break, quotes doubled inside.

use crate::domain::records::outcome::Success;
use crate::domain::records::time::{format_clock, Timestamp};
use crate::domain::review::CallMarks;
use crate::domain::search::store::CallStore;
use crate::domain::text::file_name::FileNamePart;

/// Spreadsheet programs (Excel above all) read a CSV as UTF-8 only when it starts with a byte-order mark;
/// without it, every accented name turns to mojibake. Other readers skip it.
pub const UTF8_BOM: char = '\u{feff}';

/// The review's columns, after the call's: the verdict's word, `yes`/`no`, tags joined by `; `, notes one
/// a line (`[0:42] text — who`), who made the last change and when (ISO 8601, UTC).
pub const REVIEW_COLUMNS: [&str; 6] = [
    "verdict",
    "reviewed",
    "tags",
    "notes",
    "reviewer",
    "reviewed_at",
];

/// The platform's columns, after the summary: the outcome badge's words, `yes`/`no`/empty, the cost in
/// US dollars; then one `data.<name>` column per collected field seen in the campaign.
pub const PLATFORM_COLUMNS: [&str; 3] = ["outcome", "goal_met", "cost_usd"];

pub const COLUMNS: [&str; 9] = [
    "call_id",
    "started_at",
    "customer_name",
    "customer_number",
    "duration_seconds",
    "status",
    "end_reason",
    "end_reason_label",
    "summary",
];

/// Appends one field, quoted when it needs to be.
pub fn push_field(out: &mut String, value: &str) {
    let needs_quotes =
        value.contains([',', '"', '\n', '\r']) || value.starts_with(' ') || value.ends_with(' ');
    if needs_quotes {
        out.push('"');
        out.push_str(&value.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(value);
    }
}

fn push_row<'a>(out: &mut String, fields: impl IntoIterator<Item = &'a str>) {
    for (i, field) in fields.into_iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_field(out, field);
    }
    out.push_str("\r\n");
}

/// The CSV of `rows` (store numbers, in view order), with a transcript column when asked.
pub fn calls_csv(store: &CallStore, rows: &[u32], with_transcripts: bool) -> String {
    calls_csv_with(store, rows, with_transcripts, &|_| None)
}

/// [`calls_csv`] with the review's columns, from each call's marks by ID.
pub fn calls_csv_with(
    store: &CallStore,
    rows: &[u32],
    with_transcripts: bool,
    marks_of: &dyn Fn(&str) -> Option<CallMarks>,
) -> String {
    let mut out = String::new();
    out.push(UTF8_BOM);
    let field_columns: Vec<String> = store
        .field_names()
        .iter()
        .map(|name| format!("data.{name}"))
        .collect();
    let field_ids: Vec<Option<u32>> = store
        .field_names()
        .iter()
        .map(|name| store.field_id(name))
        .collect();
    let mut header: Vec<&str> = COLUMNS.to_vec();
    header.extend(PLATFORM_COLUMNS);
    header.extend(field_columns.iter().map(String::as_str));
    header.extend(REVIEW_COLUMNS);
    if with_transcripts {
        header.push("transcript");
    }
    push_row(&mut out, header);
    for &index in rows {
        let Some(call) = store.get(index) else {
            continue;
        };
        let started = call.when.map(|t| t.to_iso()).unwrap_or_default();
        let duration = call
            .duration_seconds
            // Whole seconds, floored, as the list and the player show them.
            .map(|s| format!("{}", s.floor() as u64))
            .unwrap_or_default();
        let label = call.end_reason.raw().map(|_| call.end_reason.label());
        let mut fields = vec![
            call.id,
            &started,
            call.name.unwrap_or(""),
            call.number.unwrap_or(""),
            &duration,
            call.status.unwrap_or(""),
            call.end_reason.raw().unwrap_or(""),
            // An unlisted code has no label: the column stays empty rather than repeating the code.
            label
                .filter(|_| call.end_reason.group().is_some())
                .unwrap_or(""),
            call.summary.unwrap_or(""),
        ];
        let goal_met = match call.success {
            Success::Yes => "yes",
            Success::No => "no",
            Success::Unknown => "",
        };
        let cost = call.cost_usd.map(|c| c.to_string()).unwrap_or_default();
        fields.extend([call.outcome.unwrap_or(""), goal_met, &cost]);
        fields.extend(
            field_ids
                .iter()
                .map(|id| id.and_then(|id| store.field_value(index, id)).unwrap_or("")),
        );
        let review = review_fields(marks_of(call.id).as_ref());
        fields.extend(review.iter().map(String::as_str));
        if with_transcripts {
            fields.push(call.transcript.trim_end());
        }
        push_row(&mut out, fields);
    }
    out
}

/// The review's fields of one call, in [`REVIEW_COLUMNS`]' order; empty for a call without marks.
pub fn review_fields(marks: Option<&CallMarks>) -> [String; 6] {
    let Some(marks) = marks else {
        return Default::default();
    };
    let notes: Vec<String> = marks
        .live_notes()
        .into_iter()
        .map(|n| match n.moment {
            Some(at) => format!("[{}] {} — {}", format_clock(at), n.text, n.by),
            None => format!("{} — {}", n.text, n.by),
        })
        .collect();
    let (by, at) = marks
        .last_change()
        .map(|(by, at)| (by.to_owned(), Timestamp(at).to_iso()))
        .unwrap_or_default();
    [
        marks
            .verdict()
            .map(|v| v.slug().to_owned())
            .unwrap_or_default(),
        if marks.is_reviewed() { "yes" } else { "no" }.to_owned(),
        marks.tags().join("; "),
        notes.join("\n"),
        by,
        at,
    ]
}

/// A file name for the export: the campaign and the day, safe on every file system.
pub fn csv_file_name(campaign: &str, day: &str) -> String {
    let safe = FileNamePart {
        replacement: '-',
        trim: true,
        max_chars: 80,
    }
    .apply(campaign)
    .unwrap_or_else(|| "campaign".to_owned());
    format!("calls-{safe}-{day}.csv")
}
