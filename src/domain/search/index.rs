//! Search across every loaded record: text folding, the inverted index, queries and highlights.
//!
//! The index is built once, as records arrive: each word of a record's searchable text (customer name,
//! summary, spoken turns) is folded (lower case, accents removed) and the record's number is appended to
//! that word's posting list. A keystroke then costs a few dictionary look-ups and bitset unions, never a
//! rescan of the text.
//!
//! A query matches records that contain every word typed; the last word counts as a prefix while it is
//! being typed (no space after it yet). Words in double quotes must also appear together, in that order:
//! such a phrase is checked against the folded text of the candidate records only.

use rustc_hash::FxHashMap;
use std::ops::Range;

use super::bitset::BitSet;
use super::postings::Postings;
use super::word_table::WordTable;
use crate::domain::text::words::{fold_char, fold_text, for_each_word};

/// What someone typed in the search box, read into words and phrases.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchQuery {
    /// Every folded word, in order, quoted or not. All must occur.
    pub words: Vec<String>,
    /// Whether the last word is still being typed, so it matches as a prefix.
    pub last_is_prefix: bool,
    /// Quoted phrases of two words or more, folded; each must occur as written.
    pub phrases: Vec<String>,
}

impl SearchQuery {
    pub fn parse(text: &str) -> Self {
        let mut query = SearchQuery::default();
        let mut buffer = String::new();
        for (i, part) in text.split('"').enumerate() {
            let quoted = i % 2 == 1;
            let mut words = Vec::new();
            for_each_word(part, &mut buffer, |word, _| words.push(word.to_owned()));
            if quoted && words.len() > 1 {
                query.phrases.push(words.join(" "));
            }
            query.words.extend(words);
        }
        // A word still being typed: the text ends inside it, not after a space or a closing quote.
        let quotes = text.matches('"').count();
        query.last_is_prefix = !query.words.is_empty()
            && quotes.is_multiple_of(2)
            && text.chars().last().is_some_and(|c| fold_char(c).is_some());
        query
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether a folded word of a record matches query word `i`.
    fn word_matches(&self, i: usize, word: &str) -> bool {
        let Some(wanted) = self.words.get(i) else {
            return false;
        };
        if self.last_is_prefix && i + 1 == self.words.len() {
            word.starts_with(wanted.as_str())
        } else {
            word == wanted
        }
    }

    /// Byte ranges of `text` to highlight: every word that matches a word of the query.
    pub fn highlights(&self, text: &str) -> Vec<Range<usize>> {
        self.hits(text)
            .into_iter()
            .map(|(range, _)| range)
            .collect()
    }

    /// Like [`SearchQuery::highlights`], with the number of the query word each range matched.
    fn hits(&self, text: &str) -> Vec<(Range<usize>, usize)> {
        let mut hits = Vec::new();
        if self.is_empty() {
            return hits;
        }
        let mut buffer = String::new();
        for_each_word(text, &mut buffer, |word, range| {
            if let Some(i) = (0..self.words.len()).find(|&i| self.word_matches(i, word)) {
                hits.push((range, i));
            }
        });
        hits
    }

    /// Whether `text` holds every quoted phrase (the words alone are the index's job).
    pub fn phrases_match(&self, text: &str) -> bool {
        if self.phrases.is_empty() {
            return true;
        }
        let folded = format!(" {} ", fold_text(text));
        self.phrases
            .iter()
            .all(|phrase| folded.contains(&format!(" {phrase} ")))
    }
}

/// Words to record numbers, built incrementally.
#[derive(Default)]
pub struct SearchIndex {
    terms: FxHashMap<Box<str>, u32>,
    /// For each term, the records that contain it, ascending and without repeats.
    postings: Vec<Postings>,
    /// Terms in order, for prefix look-ups; rebuilt when a search finds new terms since the last build.
    sorted: Vec<(Box<str>, u32)>,
    sorted_len: usize,
    records: u32,
}

impl SearchIndex {
    /// Adds the next record, given its folded words separated by spaces (as
    /// [`distinct_words`](super::store_entry::distinct_words) writes them; a word given twice is kept
    /// once). Records are numbered from 0 in the order added.
    pub fn add_words(&mut self, words: &str) -> u32 {
        let record = self.records;
        self.records += 1;
        for word in words.split(' ').filter(|w| !w.is_empty()) {
            let term = self.term_of(word);
            if let Some(postings) = self.postings.get_mut(term as usize) {
                postings.push(record);
            }
        }
        record
    }

    /// Adds the words of a slice of records already added (with no words of their own): `table` gives
    /// each word once with the places of the slice's calls that hold it, and `numbers` each place's record
    /// number (`None`: a call the store already held, left out).
    pub fn add_table(&mut self, table: &WordTable<'_>, numbers: &[Option<u32>]) {
        for (word, places) in table.terms() {
            if word.is_empty() || word.contains(' ') {
                continue;
            }
            let term = self.term_of(word) as usize;
            let Some(postings) = self.postings.get_mut(term) else {
                continue;
            };
            for place in places {
                if let Some(&Some(record)) = numbers.get(usize::from(place)) {
                    postings.push(record);
                }
            }
        }
    }

    fn term_of(&mut self, word: &str) -> u32 {
        match self.terms.get(word) {
            Some(&term) => term,
            None => {
                let term = self.postings.len() as u32;
                self.terms.insert(word.into(), term);
                self.postings.push(Postings::default());
                term
            }
        }
    }

    pub fn is_empty(&self) -> bool {
        self.records == 0
    }

    /// Records holding every word of the query (the phrases are left to the caller), or `None` for an
    /// empty query, which filters nothing.
    pub fn candidates(&mut self, query: &SearchQuery) -> Option<BitSet> {
        if query.is_empty() {
            return None;
        }
        let size = self.records as usize;
        let mut result: Option<BitSet> = None;
        for (i, word) in query.words.iter().enumerate() {
            let is_prefix = query.last_is_prefix && i + 1 == query.words.len();
            let mut set = BitSet::new(size);
            if is_prefix {
                self.refresh_sorted();
                let from = self
                    .sorted
                    .partition_point(|(term, _)| &**term < word.as_str());
                for (term, id) in self.sorted.iter().skip(from) {
                    if !term.starts_with(word.as_str()) {
                        break;
                    }
                    if let Some(postings) = self.postings.get(*id as usize) {
                        set.insert_all(postings.iter());
                    }
                }
            } else if let Some(postings) = self
                .terms
                .get(word.as_str())
                .and_then(|&id| self.postings.get(id as usize))
            {
                set.insert_all(postings.iter());
            }
            match &mut result {
                Some(all) => all.intersect(&set),
                None => result = Some(set),
            }
        }
        result
    }

    fn refresh_sorted(&mut self) {
        if self.sorted_len == self.postings.len() {
            return;
        }
        self.sorted = self
            .terms
            .iter()
            .map(|(term, id)| (term.clone(), *id))
            .collect();
        self.sorted.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        self.sorted_len = self.postings.len();
    }
}

/// A short piece of text around the first hit, with the hits inside it, for a row of the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    pub text: String,
    /// Byte ranges of `text` to highlight.
    pub marks: Vec<Range<usize>>,
}

/// Cuts a snippet of about `width` characters around the best hit of `text`: where the most different
/// words of the query come close together (the first such place), so "call me back" shows the phrase
/// rather than the first lone "call".
pub fn snippet(text: &str, query: &SearchQuery, width: usize) -> Option<Snippet> {
    let hits = query.hits(text);
    let reach = width / 2;
    let mut best = (0usize, 0usize);
    for (at, (range, _)) in hits.iter().enumerate() {
        let mut words: Vec<usize> = hits
            .iter()
            .skip(at)
            .take_while(|(r, _)| r.start < range.start + reach)
            .map(|(_, word)| *word)
            .collect();
        words.sort_unstable();
        words.dedup();
        if words.len() > best.0 {
            best = (words.len(), at);
        }
    }
    let marks: Vec<Range<usize>> = hits.into_iter().map(|(range, _)| range).collect();
    let first = marks.get(best.1)?.clone();
    // Start a little before the hit, on a word boundary, so the hit reads in context.
    let lead = width / 4;
    // Hits come from `for_each_word`, whose ranges are character boundaries of `text`.
    let before = text.get(..first.start).unwrap_or_default();
    let mut start = before.len();
    for (at, _) in before.char_indices().rev().take(lead) {
        start = at;
    }
    if start > 0 {
        let lead_in = before.get(start..).unwrap_or_default();
        if let Some((space, c)) = lead_in.char_indices().find(|(_, c)| c.is_whitespace()) {
            start += space + c.len_utf8();
        }
    }
    let after = text.get(start..).unwrap_or_default();
    let end = after
        .char_indices()
        .nth(width)
        .map_or(text.len(), |(at, _)| start + at);
    let mut out = String::new();
    let mut offset = 0usize;
    if start > 0 {
        out.push('…');
        offset = out.len();
    }
    out.push_str(text.get(start..end).unwrap_or_default());
    if end < text.len() {
        out.push('…');
    }
    let marks = marks
        .into_iter()
        .filter(|m| m.start >= start && m.end <= end)
        .map(|m| (m.start - start + offset)..(m.end - start + offset))
        .collect();
    Some(Snippet { text: out, marks })
}

/// Splits `text` into runs, each marked or not, for rendering highlights as text nodes and `<mark>`s.
pub fn split_marked<'a>(text: &'a str, marks: &[Range<usize>]) -> Vec<(&'a str, bool)> {
    let mut parts = Vec::new();
    let mut at = 0;
    for mark in marks {
        // A mark that overlaps the last (`at..start` is then no range), ends past the text or falls
        // inside a character is left out.
        let (Some(plain), Some(marked)) = (text.get(at..mark.start), text.get(mark.clone())) else {
            continue;
        };
        if !plain.is_empty() {
            parts.push((plain, false));
        }
        parts.push((marked, true));
        at = mark.end;
    }
    if let Some(rest) = text.get(at..).filter(|rest| !rest.is_empty()) {
        parts.push((rest, false));
    }
    parts
}

/// The spoken turns that hold `query` (none for an empty query), in transcript order: marked in the
/// transcript, scrolled to, and shown on the timeline. Computed once per search for a record.
pub fn spoken_turns_holding(
    turns: &[crate::domain::records::call::Turn],
    query: &SearchQuery,
) -> Vec<usize> {
    if query.is_empty() {
        return Vec::new();
    }
    turns
        .iter()
        .enumerate()
        .filter(|(_, t)| t.speaker.is_spoken() && !query.highlights(&t.text).is_empty())
        .map(|(i, _)| i)
        .collect()
}
