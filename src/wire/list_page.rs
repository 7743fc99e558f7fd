//! A list response split into where each record lies, with the paging metadata that came with it: the
//! one place list envelopes are opened (`value`, `data`, ... in any casing, nested; then Atlas's
//! `sessions`, `messages`, `phoneNumbers`; else the first list in the body).

use serde_json::Value;

use super::{fold_keys, scan, WireError, ENVELOPE_KEYS};

/// One response of the calls list, split but not yet read: where each record's JSON text lies, and the
/// paging metadata that came with it.
///
/// Splitting only scans the text; reading the records (the costly part) can then go a slice at a time, so
/// a large response never blocks the page for long.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ListPage {
    /// Byte ranges of the records in the response text.
    pub records: Vec<std::ops::Range<usize>>,
    pub next_cursor: Option<String>,
    pub has_next: Option<bool>,
    pub total: Option<u64>,
}

/// Splits a calls list response: a bare array, or an envelope (`value`, `data`, ... in any casing) with
/// paging metadata (`nextCursor`, `hasNextPage`, `total`) at its top or in `meta`, `pagination` or
/// `pageInfo`.
pub fn split_calls_page(text: &str) -> Result<ListPage, WireError> {
    split_list(text)
}

/// [`split_calls_page`] by `serde_json` alone, every token checked: what the byte scan is held to.
pub fn split_calls_page_checked(text: &str) -> Result<ListPage, WireError> {
    split_list_checked(text)
}

/// Splits any list response (calls or campaigns): the one place envelopes are opened. The records are
/// framed by a byte scan (see [`scan`]); a body the scan cannot follow goes to the checked reader, which
/// says what is wrong with it.
pub(super) fn split_list(text: &str) -> Result<ListPage, WireError> {
    match split_list_scanned(text) {
        Some(page) => Ok(page),
        None => split_list_checked(text),
    }
}

fn split_list_scanned(text: &str) -> Option<ListPage> {
    let bytes = text.as_bytes();
    let mut at = text.len() - text.trim_start_matches([' ', '\t', '\n', '\r']).len();
    let mut page = ListPage::default();
    for depth in 0..4 {
        let top = depth == 0;
        match bytes.get(at)? {
            b'[' => {
                let (records, end) = scan::array_elements(bytes, at)?;
                if top && !scan::only_whitespace_after(bytes, end) {
                    return None;
                }
                page.records = records;
                return Some(page);
            }
            b'{' => {
                let (members, end) = scan::object_members(bytes, at)?;
                if top && !scan::only_whitespace_after(bytes, end) {
                    return None;
                }
                let small: serde_json::Map<String, Value> = members
                    .iter()
                    .filter(|(key, range)| !is_list_key(key) && range.len() < 4096)
                    .filter_map(|(key, range)| {
                        Some((
                            (*key).to_owned(),
                            serde_json::from_str(text.get(range.clone())?).ok()?,
                        ))
                    })
                    .collect();
                let paging = Paging::read(&fold_keys(Value::Object(small)));
                page.next_cursor = page.next_cursor.or(paging.next_cursor);
                page.has_next = page.has_next.or(paging.has_next);
                page.total = page.total.or(paging.total);
                let opens = |range: &std::ops::Range<usize>| {
                    matches!(bytes.get(range.start), Some(b'[' | b'{'))
                };
                let named = ENVELOPE_KEYS.iter().chain(&LIST_KEYS).find_map(|wanted| {
                    members.iter().find_map(|(key, range)| {
                        (key.to_lowercase() == *wanted && opens(range)).then_some(range.start)
                    })
                });
                // Else the first list in the body, as Atlas's own integration reads it.
                at = named.or_else(|| {
                    members
                        .values()
                        .filter(|range| bytes.get(range.start) == Some(&b'['))
                        .map(|range| range.start)
                        .min()
                })?;
            }
            _ => return None,
        }
    }
    None
}

/// [`split_list`] by `serde_json`, which checks every token: the reader of bodies the scan could not
/// follow, and the one that names what is wrong.
fn split_list_checked(text: &str) -> Result<ListPage, WireError> {
    use serde_json::value::RawValue;
    let not_json = |e: serde_json::Error| WireError::NotJson(e.to_string());
    let mut current: &RawValue = serde_json::from_str(text).map_err(not_json)?;
    let mut page = ListPage::default();
    for _ in 0..4 {
        let body = current.get().trim_start();
        if body.starts_with('[') {
            let items: Vec<&RawValue> = serde_json::from_str(current.get()).map_err(not_json)?;
            let base = text.as_ptr() as usize;
            page.records = items
                .into_iter()
                .map(|raw| {
                    let start = raw.get().as_ptr() as usize - base;
                    start..start + raw.get().len()
                })
                .collect();
            return Ok(page);
        }
        if !body.starts_with('{') {
            return Err(WireError::Shape("list"));
        }
        let object: std::collections::BTreeMap<String, &RawValue> =
            serde_json::from_str(current.get()).map_err(not_json)?;
        // Paging metadata is small: read it from the (key-folded) object without its records.
        let small: serde_json::Map<String, Value> = object
            .iter()
            .filter(|(key, raw)| !is_list_key(key) && raw.get().len() < 4096)
            .filter_map(|(key, raw)| Some((key.clone(), serde_json::from_str(raw.get()).ok()?)))
            .collect();
        let paging = Paging::read(&fold_keys(Value::Object(small)));
        page.next_cursor = page.next_cursor.or(paging.next_cursor);
        page.has_next = page.has_next.or(paging.has_next);
        page.total = page.total.or(paging.total);
        let named = ENVELOPE_KEYS.iter().chain(&LIST_KEYS).find_map(|wanted| {
            object.iter().find_map(|(key, raw)| {
                let opens = raw.get().trim_start().starts_with(['[', '{']);
                (key.to_lowercase() == *wanted && opens).then_some(*raw)
            })
        });
        // Else the first list in the body (by position, as the scan finds it).
        let inner = named.or_else(|| {
            object
                .values()
                .filter(|raw| raw.get().trim_start().starts_with('['))
                .min_by_key(|raw| raw.get().as_ptr() as usize)
                .copied()
        });
        match inner {
            Some(inner) => current = inner,
            None => return Err(WireError::Shape("list")),
        }
    }
    Err(WireError::Shape("list"))
}

#[derive(Default)]
struct Paging {
    next_cursor: Option<String>,
    has_next: Option<bool>,
    total: Option<u64>,
}

impl Paging {
    fn read(value: &Value) -> Self {
        let mut paging = Paging::default();
        let Value::Object(map) = value else {
            return paging;
        };
        let nested = ["meta", "pagination", "pageinfo"]
            .iter()
            .filter_map(|key| map.get(*key))
            .filter(|v| v.is_object());
        for place in std::iter::once(value).chain(nested) {
            let text = |key: &str| match place.get(key) {
                Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
                Some(Value::Number(n)) => Some(n.to_string()),
                _ => None,
            };
            paging.next_cursor = paging
                .next_cursor
                .or_else(|| text("nextcursor"))
                .or_else(|| text("endcursor").filter(|_| place.get("hasnextpage").is_some()));
            paging.has_next = paging.has_next.or_else(|| {
                ["hasnextpage", "hasmore", "hasnext"]
                    .iter()
                    .find_map(|key| place.get(*key).and_then(Value::as_bool))
            });
            paging.total = paging.total.or_else(|| {
                ["total", "totalcount", "totalitems"]
                    .iter()
                    .find_map(|key| place.get(*key).and_then(Value::as_u64))
            });
        }
        paging
    }
}

fn is_list_key(key: &str) -> bool {
    let key = key.to_lowercase();
    ENVELOPE_KEYS.contains(&key.as_str()) || LIST_KEYS.contains(&key.as_str())
}

/// Keys that hold a list only in a list's envelope (a single record has `messages` of its own): Atlas's
/// chat sessions and message lists. After these, the first list in the body is taken.
const LIST_KEYS: [&str; 3] = ["sessions", "messages", "phonenumbers"];
