//! The list's review filters, and what they read: a dense table of each stored call's review state,
//! built once per change of marks, so that filtering 100,000 calls reads a byte per call.

use rustc_hash::FxHashMap;

use super::marks::{CallMarks, Verdict};

/// Which calls to show by their review.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReviewFilter {
    Unreviewed,
    Reviewed,
    Verdict(Verdict),
}

impl ReviewFilter {
    pub const ALL: [ReviewFilter; 5] = [
        ReviewFilter::Unreviewed,
        ReviewFilter::Reviewed,
        ReviewFilter::Verdict(Verdict::Good),
        ReviewFilter::Verdict(Verdict::NeedsAttention),
        ReviewFilter::Verdict(Verdict::Bad),
    ];

    pub fn param(self) -> &'static str {
        match self {
            ReviewFilter::Unreviewed => "unreviewed",
            ReviewFilter::Reviewed => "reviewed",
            ReviewFilter::Verdict(v) => v.slug(),
        }
    }

    pub fn from_param(value: &str) -> Option<Self> {
        ReviewFilter::ALL.into_iter().find(|f| f.param() == value)
    }

    pub fn label(self) -> &'static str {
        match self {
            ReviewFilter::Unreviewed => "Not reviewed",
            ReviewFilter::Reviewed => "Reviewed",
            ReviewFilter::Verdict(v) => v.label(),
        }
    }

    fn passes(self, flags: u8) -> bool {
        match self {
            ReviewFilter::Unreviewed => flags & REVIEWED == 0,
            ReviewFilter::Reviewed => flags & REVIEWED != 0,
            ReviewFilter::Verdict(v) => flags >> 1 == verdict_code(Some(v)),
        }
    }
}

const REVIEWED: u8 = 1;

fn verdict_code(verdict: Option<Verdict>) -> u8 {
    match verdict {
        None => 0,
        Some(Verdict::Good) => 1,
        Some(Verdict::NeedsAttention) => 2,
        Some(Verdict::Bad) => 3,
    }
}

/// Each stored call's review state, by store number.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ReviewLookup {
    /// Bit 0: reviewed; bits 1-2: the verdict (0 for none).
    flags: Vec<u8>,
    /// Tag numbers per marked call.
    tags: FxHashMap<u32, Vec<u16>>,
    tag_names: Vec<String>,
}

impl ReviewLookup {
    /// From the marked calls' store numbers and marks; `len` is the store's size.
    pub fn new<'a>(len: usize, marked: impl IntoIterator<Item = (u32, &'a CallMarks)>) -> Self {
        let mut lookup = ReviewLookup {
            flags: vec![0; len],
            ..ReviewLookup::default()
        };
        let mut numbers: FxHashMap<&'a str, u16> = FxHashMap::default();
        for (index, marks) in marked {
            let flags = u8::from(marks.is_reviewed()) | (verdict_code(marks.verdict()) << 1);
            if let Some(slot) = lookup.flags.get_mut(index as usize) {
                *slot = flags;
            }
            let mut ids = Vec::new();
            for tag in marks.tags() {
                let next = u16::try_from(lookup.tag_names.len()).unwrap_or(u16::MAX);
                let id = *numbers.entry(tag.as_str()).or_insert_with(|| {
                    lookup.tag_names.push(tag.clone());
                    next
                });
                ids.push(id);
            }
            if !ids.is_empty() {
                lookup.tags.insert(index, ids);
            }
        }
        lookup
    }

    pub fn is_reviewed(&self, index: u32) -> bool {
        self.flags
            .get(index as usize)
            .is_some_and(|f| f & REVIEWED != 0)
    }

    pub fn verdict_of(&self, index: u32) -> Option<Verdict> {
        match self.flags.get(index as usize).map(|f| f >> 1) {
            Some(1) => Some(Verdict::Good),
            Some(2) => Some(Verdict::NeedsAttention),
            Some(3) => Some(Verdict::Bad),
            _ => None,
        }
    }

    pub fn passes(&self, index: u32, filter: ReviewFilter) -> bool {
        filter.passes(self.flags.get(index as usize).copied().unwrap_or(0))
    }

    /// The number of `tag`, when any call carries it.
    pub fn tag_number(&self, tag: &str) -> Option<u16> {
        self.tag_names
            .iter()
            .position(|t| t == tag)
            .and_then(|i| u16::try_from(i).ok())
    }

    pub fn has_tag(&self, index: u32, tag: u16) -> bool {
        self.tags.get(&index).is_some_and(|t| t.contains(&tag))
    }

    /// Every tag used, for suggestions and the tag filter.
    pub fn tag_names(&self) -> &[String] {
        &self.tag_names
    }
}

/// Every tag used in `marks`, most used first (then alphabetically), for suggestions.
pub fn tags_in_use<'a>(marks: impl IntoIterator<Item = &'a CallMarks>) -> Vec<String> {
    let mut counts: FxHashMap<&'a str, usize> = FxHashMap::default();
    for m in marks {
        for tag in m.tags() {
            *counts.entry(tag.as_str()).or_default() += 1;
        }
    }
    let mut tags: Vec<(&str, usize)> = counts.into_iter().collect();
    tags.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    tags.into_iter().map(|(t, _)| t.to_owned()).collect()
}
