//! What a load's responses held and what became of every record in them, so that the count on screen
//! can be checked and explained: every record received is listed, or a duplicate of one listed, or left
//! out with a reason. Nothing else may happen to it.

use std::collections::BTreeMap;

use crate::domain::records::campaign::format_count;

/// Reasons kept by name; past this many, the rest are counted together (a server that sends a
/// different error for each record should not grow the progress line without end).
const MOST_REASONS: usize = 8;
/// The name the reasons past [`MOST_REASONS`] are counted under.
pub const OTHER_REASONS: &str = "other reasons";

/// Records received, and what became of them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Responses read (each window or page of the list).
    pub responses: usize,
    /// Records found in those responses.
    pub received: usize,
    /// Records that became a row of the list.
    pub listed: usize,
    /// Records whose call was already listed (windows and pages can overlap, servers repeat calls).
    pub duplicates: usize,
    /// Records that could not be read, counted by reason.
    pub left_out: BTreeMap<String, usize>,
}

impl Tally {
    /// Records left out, for every reason.
    pub fn left_out_count(&self) -> usize {
        self.left_out.values().sum()
    }

    /// Whether every record received is accounted for: listed, a duplicate, or left out.
    pub fn balances(&self) -> bool {
        self.received == self.listed + self.duplicates + self.left_out_count()
    }

    /// Counts a record left out for `reason`.
    pub fn leave_out(&mut self, reason: &str) {
        self.leave_out_many(&reason_name(reason), 1);
    }

    /// Counts `count` records left out for `reason`, taken as it is (already a [`reason_name`]).
    pub fn leave_out_many(&mut self, reason: &str, count: usize) {
        if count == 0 {
            return;
        }
        let key = if self.left_out.contains_key(reason) || self.left_out.len() < MOST_REASONS {
            reason
        } else {
            OTHER_REASONS
        };
        *self.left_out.entry(key.to_owned()).or_default() += count;
    }

    /// Adds what another response (or load) held.
    pub fn add(&mut self, other: &Tally) {
        self.responses += other.responses;
        self.received += other.received;
        self.listed += other.listed;
        self.duplicates += other.duplicates;
        for (reason, count) in &other.left_out {
            self.leave_out_many(reason, *count);
        }
    }
}

impl Tally {
    /// The account in one sentence, for the progress line's details: "1,240 records received in 12
    /// responses: 1,234 listed, 6 duplicates of calls already listed, none left out."
    pub fn summary(&self) -> String {
        let plural = |n: usize, one: &str, many: &str| {
            format!(
                "{} {}",
                format_count(n as u64),
                if n == 1 { one } else { many }
            )
        };
        let left_out = match self.left_out_count() {
            0 => "none left out".to_owned(),
            n => format!("{} left out", format_count(n as u64)),
        };
        format!(
            "{} received in {}: {} listed, {}, {}.",
            plural(self.received, "record", "records"),
            plural(self.responses, "response", "responses"),
            format_count(self.listed as u64),
            plural(
                self.duplicates,
                "duplicate of a call already listed",
                "duplicates of calls already listed"
            ),
            left_out,
        )
    }
}

/// A reader's reason as a person reads it, and as records are grouped by: serde's position suffix
/// ("at line 1 column 230") differs for every record, and says nothing to a reviewer.
pub fn reason_name(reason: &str) -> String {
    let reason = match reason.rfind(" at line ") {
        Some(at) if reason.get(at..).is_some_and(is_position) => reason.get(..at).unwrap_or(reason),
        _ => reason,
    };
    let reason = reason.trim();
    if reason.is_empty() {
        return "unreadable record".to_owned();
    }
    // Reasons come from the server's data: long ones are cut, at a character.
    let mut name: String = reason.chars().take(160).collect();
    if name.len() < reason.len() {
        name.push('…');
    }
    name
}

/// Whether `text` is exactly " at line N column M".
fn is_position(text: &str) -> bool {
    let Some(rest) = text.strip_prefix(" at line ") else {
        return false;
    };
    let Some((line, column)) = rest.split_once(" column ") else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    digits(line) && digits(column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_drop_their_position_and_group() {
        let mut tally = Tally::default();
        tally.leave_out("missing field `id` at line 1 column 30");
        tally.leave_out("missing field `id` at line 1 column 912");
        tally.leave_out("");
        assert_eq!(tally.left_out.get("missing field `id`"), Some(&2));
        assert_eq!(tally.left_out.get("unreadable record"), Some(&1));
        assert_eq!(reason_name("ends at line one"), "ends at line one");
    }

    #[test]
    fn reasons_past_the_limit_are_counted_together_and_every_record_still_counts() {
        let mut tally = Tally::default();
        for i in 0..20 {
            tally.leave_out(&format!("reason {i}"));
        }
        assert_eq!(tally.left_out.len(), MOST_REASONS + 1);
        assert_eq!(tally.left_out_count(), 20);
        assert_eq!(tally.left_out.get(OTHER_REASONS), Some(&12));
        tally.received = 25;
        tally.listed = 4;
        tally.duplicates = 1;
        assert!(tally.balances());
    }

    #[test]
    fn the_summary_counts_every_record() {
        let tally = Tally {
            responses: 12,
            received: 1_240,
            listed: 1_233,
            duplicates: 6,
            left_out: BTreeMap::from([("missing field `id`".to_owned(), 1)]),
        };
        assert_eq!(
            tally.summary(),
            "1,240 records received in 12 responses: 1,233 listed, 6 duplicates of calls already \
             listed, 1 left out."
        );
        let one = Tally {
            responses: 1,
            received: 1,
            listed: 1,
            ..Tally::default()
        };
        assert_eq!(
            one.summary(),
            "1 record received in 1 response: 1 listed, 0 duplicates of calls already listed, none \
             left out."
        );
    }

    #[test]
    fn a_long_reason_is_cut_at_a_character() {
        let name = reason_name(&"日".repeat(500));
        assert_eq!(name.chars().count(), 161);
        assert!(name.ends_with('…'));
    }
}
