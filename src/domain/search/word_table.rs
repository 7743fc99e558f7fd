//! The words of a slice of calls, each once, with the calls that hold it: what the reading worker sends
//! with a slice of store entries instead of each call's own list of words.
//!
//! Why: inserting a call's words into the search index costs a look-up in the campaign-wide word map for
//! every distinct word of every call (about 150 for a 3–5 minute call), on the page's thread. A slice of
//! 500 such calls holds far fewer distinct words than that (they repeat from call to call), so the page
//! looks each one up once per slice and appends its calls' numbers. The worker pays no more than before:
//! it looked every word up in a per-call map to keep it once; it now looks it up in a per-slice one.

use rustc_hash::FxHashMap;

use super::bytes::{put_text, Reader};
use crate::domain::text::words::for_each_word;

/// Calls in one slice at most: a call's place in its slice is written as a `u16`.
pub const MOST_CALLS: usize = u16::MAX as usize;

/// Builds the table of one slice, call by call; [`encode`](Self::encode) writes it and starts the next.
#[derive(Default)]
pub struct WordTableBuilder {
    /// The folding buffer of `for_each_word`.
    word: String,
    /// Each word to its term number, in order of first appearance in the slice.
    terms: FxHashMap<Box<str>, u32>,
    /// For each term, the places in the slice of the calls holding it, ascending and without repeats.
    /// Only the first `terms.len()` are the slice's: the rest are kept, emptied, for the next slices, so
    /// that a slice's thousands of terms do not each allocate a list again.
    calls: Vec<Vec<u16>>,
}

impl WordTableBuilder {
    /// Adds the words of the call at `place` in the slice (places ascending from one call to the next):
    /// every word of `texts`, folded as the search folds them.
    pub fn add_call<'a>(&mut self, place: u16, texts: impl IntoIterator<Item = &'a str>) {
        let WordTableBuilder { word, terms, calls } = self;
        for text in texts {
            for_each_word(text, word, |folded, _| {
                let term = match terms.get(folded) {
                    Some(&term) => term,
                    None => {
                        let term = terms.len();
                        terms.insert(folded.into(), term as u32);
                        match calls.get_mut(term) {
                            Some(kept) => kept.clear(),
                            None => calls.push(Vec::new()),
                        }
                        term as u32
                    }
                };
                if let Some(holders) = calls.get_mut(term as usize) {
                    if holders.last() != Some(&place) {
                        holders.push(place);
                    }
                }
            });
        }
    }

    /// Adds the call at `place` by its words already folded and separated by spaces (an entry's own
    /// `words`, as [`distinct_words`](super::store_entry::distinct_words) wrote them): taken as they are,
    /// not folded again, so the index holds exactly what it would have held.
    pub fn add_folded(&mut self, place: u16, words: &str) {
        for word in words.split(' ').filter(|w| !w.is_empty()) {
            let term = match self.terms.get(word) {
                Some(&term) => term,
                None => {
                    let term = self.terms.len();
                    self.terms.insert(word.into(), term as u32);
                    match self.calls.get_mut(term) {
                        Some(kept) => kept.clear(),
                        None => self.calls.push(Vec::new()),
                    }
                    term as u32
                }
            };
            if let Some(holders) = self.calls.get_mut(term as usize) {
                if holders.last() != Some(&place) {
                    holders.push(place);
                }
            }
        }
    }

    /// Writes the table at the end of `out` (its term count, then each term's word, the count of its
    /// calls and their places) and empties the builder for the next slice.
    pub fn encode(&mut self, out: &mut Vec<u8>) {
        let mut words: Vec<(&str, u32)> = self.terms.iter().map(|(w, &t)| (&**w, t)).collect();
        words.sort_unstable_by_key(|&(_, term)| term);
        out.extend_from_slice(&(words.len() as u32).to_le_bytes());
        for (word, term) in words {
            put_text(out, word);
            let holders = self.calls.get(term as usize).map_or(&[][..], Vec::as_slice);
            out.extend_from_slice(&(holders.len() as u32).to_le_bytes());
            for place in holders {
                out.extend_from_slice(&place.to_le_bytes());
            }
        }
        self.terms.clear();
    }
}

/// A table [`WordTableBuilder::encode`] wrote, borrowed from the window's bytes.
#[derive(Clone, Copy, Debug)]
pub struct WordTable<'a> {
    bytes: &'a [u8],
    terms: u32,
}

impl<'a> WordTable<'a> {
    /// Finds the table at `bytes[*at..]` and moves `at` past it, or `None` when its lengths run past the
    /// bytes. Words are checked as they are read ([`terms`](Self::terms)).
    pub fn read(bytes: &'a [u8], at: &mut usize) -> Option<WordTable<'a>> {
        let mut reader = Reader { bytes, at: *at };
        let terms = reader.u32()?;
        let start = reader.at;
        for _ in 0..terms {
            let len = reader.u32()? as usize;
            reader.at = reader.at.checked_add(len)?;
            let holders = reader.u32()? as usize;
            reader.at = reader.at.checked_add(holders.checked_mul(2)?)?;
            if reader.at > bytes.len() {
                return None;
            }
        }
        let table = WordTable {
            bytes: bytes.get(start..reader.at)?,
            terms,
        };
        *at = reader.at;
        Some(table)
    }

    /// Writes the table at the end of `out` as it was read.
    pub fn encode(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.terms.to_le_bytes());
        out.extend_from_slice(self.bytes);
    }

    /// Writes the table of the calls `renumber` keeps (each old place to its new one, `None`: left out):
    /// their words only, at their new places.
    pub fn encode_subset(&self, renumber: &[Option<u16>], out: &mut Vec<u8>) {
        let mut builder = WordTableBuilder::default();
        let mut places: Vec<(u16, &str)> = Vec::new();
        for (word, holders) in self.terms() {
            for place in holders {
                if let Some(&Some(new)) = renumber.get(usize::from(place)) {
                    places.push((new, word));
                }
            }
        }
        // The builder takes calls in ascending order; a stable sort keeps each call's words in order.
        places.sort_by_key(|&(place, _)| place);
        for (place, word) in places {
            builder.add_folded(place, word);
        }
        builder.encode(out);
    }

    /// Each term's word and the places of the calls holding it. A word that is not UTF-8 (damaged bytes)
    /// is left out.
    pub fn terms(&self) -> impl Iterator<Item = (&'a str, impl Iterator<Item = u16> + 'a)> + 'a {
        let mut reader = Reader {
            bytes: self.bytes,
            at: 0,
        };
        let mut left = self.terms;
        std::iter::from_fn(move || loop {
            if left == 0 {
                return None;
            }
            left -= 1;
            let word = reader.str();
            let holders = reader.u32()? as usize;
            let places = reader.bytes.get(reader.at..reader.at + holders * 2)?;
            reader.at += holders * 2;
            if let Some(word) = word {
                let places = places
                    .chunks_exact(2)
                    .filter_map(|pair| <[u8; 2]>::try_from(pair).ok())
                    .map(u16::from_le_bytes);
                return Some((word, places));
            }
        })
    }
}
