//! What a reviewer leaves on one call, and how two copies of it merge.
//!
//! Every field carries who set it and when, so that two reviewers' files (or two tabs) merge without a
//! server: per field the newer change wins, and notes are kept from both sides. Merging is commutative
//! and idempotent (ties on the clock are broken by the content), so the order files are imported in
//! never changes the result.

use serde::{Deserialize, Serialize};

/// The reviewer's judgement of a call.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Good,
    NeedsAttention,
    Bad,
}

impl Verdict {
    pub const ALL: [Verdict; 3] = [Verdict::Good, Verdict::NeedsAttention, Verdict::Bad];

    pub fn label(self) -> &'static str {
        match self {
            Verdict::Good => "Good",
            Verdict::NeedsAttention => "Needs attention",
            Verdict::Bad => "Bad",
        }
    }

    /// The URL's and the file's word for it.
    pub fn slug(self) -> &'static str {
        match self {
            Verdict::Good => "good",
            Verdict::NeedsAttention => "needs-attention",
            Verdict::Bad => "bad",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Verdict> {
        Verdict::ALL.into_iter().find(|v| v.slug() == slug)
    }

    /// The key that gives it in the record: `1`, `2`, `3`.
    pub fn key(self) -> char {
        match self {
            Verdict::Good => '1',
            Verdict::NeedsAttention => '2',
            Verdict::Bad => '3',
        }
    }
}

/// Who made a change, and when (milliseconds since 1970, UTC, by the reviewer's clock).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub by: String,
    pub at: i64,
}

/// A field's value with the stamp of its last change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stamped<T> {
    pub value: T,
    pub by: String,
    pub at: i64,
}

impl<T> Stamped<T> {
    pub fn new(value: T, stamp: &Stamp) -> Self {
        Stamped {
            value,
            by: stamp.by.clone(),
            at: stamp.at,
        }
    }
}

/// A note, optionally pinned to a moment of the recording.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Note {
    /// Unique across reviewers: the writer and the time written, plus a counter (see [`note_id`]).
    pub id: String,
    pub text: String,
    /// Seconds into the recording, when pinned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moment: Option<f64>,
    /// Who wrote it and when it last changed.
    pub by: String,
    pub at: i64,
    /// A deleted note is kept as a tombstone, so that a merge with an older copy does not bring it back.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub deleted: bool,
}

/// The ID of a note written by `by` at `at`; `n` tells apart notes written in the same millisecond.
pub fn note_id(by: &str, at: i64, n: usize) -> String {
    format!("{at:x}-{n}-{}", by.chars().take(24).collect::<String>())
}

/// Everything a reviewer left on one call. A field never set is `None`; a verdict cleared is
/// `Some(Stamped { value: None, .. })`, so that clearing it is a change that merges like any other.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct CallMarks {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Stamped<Option<Verdict>>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reviewed: Option<Stamped<bool>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tags: Option<Stamped<Vec<String>>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
}

/// One change a reviewer makes.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Giving a verdict also marks the call reviewed; clearing it (`None`) leaves that as it is.
    Verdict(Option<Verdict>),
    Reviewed(bool),
    Tags(Vec<String>),
    AddNote {
        text: String,
        moment: Option<f64>,
    },
    DeleteNote {
        id: String,
    },
}

impl CallMarks {
    pub fn verdict(&self) -> Option<Verdict> {
        self.verdict.as_ref().and_then(|v| v.value)
    }

    pub fn is_reviewed(&self) -> bool {
        self.reviewed.as_ref().is_some_and(|r| r.value)
    }

    pub fn tags(&self) -> &[String] {
        self.tags
            .as_ref()
            .map(|t| t.value.as_slice())
            .unwrap_or(&[])
    }

    /// The notes not deleted, pinned ones by moment first, then the rest as written.
    pub fn live_notes(&self) -> Vec<&Note> {
        let mut notes: Vec<&Note> = self.notes.iter().filter(|n| !n.deleted).collect();
        notes.sort_by(|a, b| match (a.moment, b.moment) {
            (Some(x), Some(y)) => x.total_cmp(&y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.at.cmp(&b.at),
        });
        notes
    }

    /// Whether nothing is left worth keeping (no field was ever set, no note written).
    pub fn is_empty(&self) -> bool {
        self.verdict.is_none()
            && self.reviewed.is_none()
            && self.tags.is_none()
            && self.notes.is_empty()
    }

    /// The newest change of any field or note: the "when" the list and the CSV show.
    pub fn last_change(&self) -> Option<(&str, i64)> {
        let fields = [
            self.verdict.as_ref().map(|f| (f.by.as_str(), f.at)),
            self.reviewed.as_ref().map(|f| (f.by.as_str(), f.at)),
            self.tags.as_ref().map(|f| (f.by.as_str(), f.at)),
        ];
        fields
            .into_iter()
            .flatten()
            .chain(self.notes.iter().map(|n| (n.by.as_str(), n.at)))
            .max_by_key(|(_, at)| *at)
    }

    /// Applies one change, stamped. A stamp older than the field's own still wins here: the reviewer
    /// just made it, whatever their clock says, so it is moved past the field's time.
    pub fn apply(&mut self, edit: Edit, stamp: &Stamp) {
        match edit {
            Edit::Verdict(verdict) => {
                let at = after(self.verdict.as_ref().map(|f| f.at), stamp);
                self.verdict = Some(Stamped::new(verdict, &at));
                if verdict.is_some() {
                    let at = after(self.reviewed.as_ref().map(|f| f.at), stamp);
                    self.reviewed = Some(Stamped::new(true, &at));
                }
            }
            Edit::Reviewed(on) => {
                let at = after(self.reviewed.as_ref().map(|f| f.at), stamp);
                self.reviewed = Some(Stamped::new(on, &at));
            }
            Edit::Tags(tags) => {
                let at = after(self.tags.as_ref().map(|f| f.at), stamp);
                self.tags = Some(Stamped::new(clean_tags(tags), &at));
            }
            Edit::AddNote { text, moment } => {
                let text = text.trim().to_owned();
                if text.is_empty() {
                    return;
                }
                let taken = |id: &str| self.notes.iter().any(|n| n.id == id);
                let id = (0..)
                    .map(|n| note_id(&stamp.by, stamp.at, n))
                    .find(|id| !taken(id))
                    .unwrap_or_default();
                self.notes.push(Note {
                    id,
                    text,
                    moment: moment.filter(|m| m.is_finite() && *m >= 0.0),
                    by: stamp.by.clone(),
                    at: stamp.at,
                    deleted: false,
                });
            }
            Edit::DeleteNote { id } => {
                if let Some(note) = self.notes.iter_mut().find(|n| n.id == id) {
                    let at = after(Some(note.at), stamp);
                    note.deleted = true;
                    note.by = at.by;
                    note.at = at.at;
                }
            }
        }
    }

    /// Keeps what a file from elsewhere holds within what this app writes: tags cleaned, notes at most
    /// [`NOTE_MAX_CHARS`], moments finite, within a day and not negative. A hand-edited or hostile file
    /// then draws like any other.
    pub fn sanitize(&mut self) {
        if let Some(tags) = &mut self.tags {
            tags.value = clean_tags(std::mem::take(&mut tags.value));
        }
        for note in &mut self.notes {
            if note.text.chars().count() > NOTE_MAX_CHARS {
                note.text = note.text.chars().take(NOTE_MAX_CHARS).collect();
            }
            note.moment = note
                .moment
                .filter(|m| m.is_finite() && (0.0..=86_400.0).contains(m));
        }
    }

    /// `self` and `other` merged: per field the newer change wins; notes from both, the newer copy of
    /// one note (a deletion) winning. Commutative and idempotent.
    pub fn merge(&self, other: &CallMarks) -> CallMarks {
        let mut notes: Vec<Note> = self.notes.clone();
        for theirs in &other.notes {
            match notes.iter_mut().find(|n| n.id == theirs.id) {
                Some(ours) => {
                    if newer_note(theirs, ours) {
                        *ours = theirs.clone();
                    }
                }
                None => notes.push(theirs.clone()),
            }
        }
        // One order whichever side came first.
        notes.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
        CallMarks {
            verdict: newer_field(&self.verdict, &other.verdict),
            reviewed: newer_field(&self.reviewed, &other.reviewed),
            tags: newer_field(&self.tags, &other.tags),
            notes,
        }
    }
}

/// `stamp`, moved a millisecond past `field_at` when the clock says it is not later.
fn after(field_at: Option<i64>, stamp: &Stamp) -> Stamp {
    match field_at {
        Some(at) if at >= stamp.at => Stamp {
            by: stamp.by.clone(),
            at: at.saturating_add(1),
        },
        _ => stamp.clone(),
    }
}

fn newer_field<T: Clone + Serialize>(
    ours: &Option<Stamped<T>>,
    theirs: &Option<Stamped<T>>,
) -> Option<Stamped<T>> {
    match (ours, theirs) {
        (Some(a), Some(b)) => {
            // Same time: the content decides, so both sides pick the same one.
            let b_wins = (b.at, &b.by, content(&b.value)) > (a.at, &a.by, content(&a.value));
            Some(if b_wins { b.clone() } else { a.clone() })
        }
        (Some(a), None) => Some(a.clone()),
        (None, b) => b.clone(),
    }
}

fn newer_note(theirs: &Note, ours: &Note) -> bool {
    (theirs.at, theirs.deleted, &theirs.text) > (ours.at, ours.deleted, &ours.text)
}

fn content<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The longest note kept, in characters (the note field takes 4,000).
pub const NOTE_MAX_CHARS: usize = 10_000;

/// The longest tag kept, in characters.
pub const TAG_MAX_CHARS: usize = 40;

/// One tag as it is kept: trimmed, lower-case, inner spaces to single ones, at most
/// [`TAG_MAX_CHARS`]; `None` when nothing is left.
pub fn clean_tag(tag: &str) -> Option<String> {
    let words: Vec<String> = tag.split_whitespace().map(str::to_lowercase).collect();
    let joined: String = words.join(" ").chars().take(TAG_MAX_CHARS).collect();
    let joined = joined.trim().trim_matches(',').trim().to_owned();
    (!joined.is_empty()).then_some(joined)
}

/// Tags cleaned, without repeats, in the order given.
pub fn clean_tags(tags: Vec<String>) -> Vec<String> {
    let mut kept: Vec<String> = Vec::new();
    for tag in tags.iter().filter_map(|t| clean_tag(t)) {
        if !kept.contains(&tag) {
            kept.push(tag);
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp(by: &str, at: i64) -> Stamp {
        Stamp {
            by: by.to_owned(),
            at,
        }
    }

    #[test]
    fn a_verdict_marks_the_call_reviewed_and_clearing_it_does_not_unmark() {
        let mut marks = CallMarks::default();
        marks.apply(Edit::Verdict(Some(Verdict::Bad)), &stamp("ana", 10));
        assert_eq!(marks.verdict(), Some(Verdict::Bad));
        assert!(marks.is_reviewed());
        marks.apply(Edit::Verdict(None), &stamp("ana", 11));
        assert_eq!(marks.verdict(), None);
        assert!(marks.is_reviewed());
        marks.apply(Edit::Reviewed(false), &stamp("ana", 12));
        assert!(!marks.is_reviewed());
    }

    #[test]
    fn an_edit_made_now_wins_even_on_a_slow_clock() {
        let mut marks = CallMarks::default();
        marks.apply(Edit::Verdict(Some(Verdict::Good)), &stamp("ana", 1_000));
        marks.apply(Edit::Verdict(Some(Verdict::Bad)), &stamp("ben", 500));
        assert_eq!(marks.verdict(), Some(Verdict::Bad));
        assert_eq!(marks.verdict.as_ref().map(|v| v.at), Some(1_001));
    }

    #[test]
    fn tags_are_cleaned() {
        assert_eq!(
            clean_tags(vec![
                " Billing ".into(),
                "billing".into(),
                "  ".into(),
                "Wrong   number".into()
            ]),
            vec!["billing".to_owned(), "wrong number".to_owned()]
        );
        assert_eq!(
            clean_tag(&"x".repeat(100)).map(|t| t.chars().count()),
            Some(40)
        );
    }

    #[test]
    fn empty_notes_are_not_written_and_ids_differ_in_one_millisecond() {
        let mut marks = CallMarks::default();
        marks.apply(
            Edit::AddNote {
                text: "  ".into(),
                moment: None,
            },
            &stamp("ana", 5),
        );
        assert!(marks.notes.is_empty());
        for _ in 0..3 {
            marks.apply(
                Edit::AddNote {
                    text: "x".into(),
                    moment: Some(f64::NAN),
                },
                &stamp("ana", 5),
            );
        }
        let mut ids: Vec<&str> = marks.notes.iter().map(|n| n.id.as_str()).collect();
        ids.dedup();
        assert_eq!(ids.len(), 3);
        assert!(marks.notes.iter().all(|n| n.moment.is_none()));
    }
}
