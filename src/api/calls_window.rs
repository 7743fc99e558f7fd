//! One window of a campaign's calls as it came back: split, with its records still text, to be read a
//! slice at a time by the loader.

use std::ops::Range;

use super::error::ApiError;
use crate::domain::CallRecord;
use crate::wire::{self, Asked, ListPage};

/// A response of the calls list.
pub struct CallsWindow {
    text: String,
    page: ListPage,
    /// The campaign whose calls were asked for (a table entity's `PartitionKey` may name it).
    campaign: String,
}

impl CallsWindow {
    /// Splits a response body (read on the page, when the reading worker is not there).
    pub fn from_body(body: Vec<u8>, campaign: &str) -> Result<Self, ApiError> {
        let text = super::client::text_of(body);
        let page = wire::split_calls_page(&text)?;
        Ok(CallsWindow::new(text, page, campaign.to_owned()))
    }

    pub(super) fn new(text: String, page: ListPage, campaign: String) -> Self {
        CallsWindow {
            text,
            page,
            campaign,
        }
    }

    /// The response's size in bytes.
    pub fn text_len(&self) -> usize {
        self.text.len()
    }

    /// Records in the response, readable or not.
    pub fn len(&self) -> usize {
        self.page.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.page.records.is_empty()
    }

    /// The cursor to the next page, when the response gave one.
    pub fn next_cursor(&self) -> Option<&str> {
        self.page.next_cursor.as_deref()
    }

    /// Whether the response said more pages follow.
    pub fn has_next(&self) -> Option<bool> {
        self.page.has_next
    }

    /// How many calls the whole list holds, when the response said.
    pub fn total(&self) -> Option<u64> {
        self.page.total
    }

    /// Reads the records at `positions`, each on its own: a record that cannot be read is an `Err` with
    /// the reason, and the others still come.
    pub fn read(
        &self,
        positions: Range<usize>,
    ) -> impl Iterator<Item = Result<CallRecord, String>> + '_ {
        let end = positions.end.min(self.page.records.len());
        let asked = Asked {
            campaign: Some(&self.campaign),
        };
        self.page
            .records
            .get(positions.start.min(end)..end)
            .unwrap_or_default()
            .iter()
            .map(move |range| match self.text.get(range.clone()) {
                Some(raw) => wire::read_call_in(raw, asked),
                None => Err("the record lies outside the response".to_owned()),
            })
    }
}
