//! Where each record of a list lies, found by one pass over the bytes: strings skipped with their
//! escapes, brackets matched, nothing built. `serde_json` would scan the records twice here (once as the
//! envelope's values, once as the list's items), and reading each record parses it fully anyway.
//!
//! The scan checks structure only. A body whose structure it cannot follow (unbalanced brackets, text
//! between records, an escaped key) is left to the checked reader, which says exactly what is wrong; a
//! record that is well framed but holds a bad token is refused on its own when it is read, and the
//! others still show.

use std::collections::BTreeMap;
use std::ops::Range;

fn skip_whitespace(bytes: &[u8], mut at: usize) -> usize {
    while matches!(bytes.get(at), Some(b' ' | b'\t' | b'\n' | b'\r')) {
        at += 1;
    }
    at
}

/// The end of the string that opens at `at` (just past its closing quote).
fn skip_string(bytes: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    loop {
        i = next_quote_or_backslash(bytes, i)?;
        match bytes.get(i)? {
            b'"' => return Some(i + 1),
            _ => i += 2,
        }
    }
}

/// The first `"` or `\` at or after `from`, eight bytes at a time: most of a list's bytes are inside
/// strings, so this loop is most of the scan.
fn next_quote_or_backslash(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // Bytes of `word` equal to the byte repeated in `pattern` get their high bit set.
    let matches = |word: u64, pattern: u64| {
        let x = word ^ pattern;
        x.wrapping_sub(ONES) & !x & HIGHS
    };
    let mut i = from;
    while let Some(chunk) = bytes
        .get(i..i + 8)
        .and_then(|c| <[u8; 8]>::try_from(c).ok())
    {
        let word = u64::from_le_bytes(chunk);
        let found = matches(word, ONES * u64::from(b'"')) | matches(word, ONES * u64::from(b'\\'));
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    bytes
        .get(i..)?
        .iter()
        .position(|&b| b == b'"' || b == b'\\')
        .map(|n| i + n)
}

/// The end of the JSON value that starts at `at`.
pub fn skip_value(bytes: &[u8], at: usize) -> Option<usize> {
    match *bytes.get(at)? {
        b'"' => skip_string(bytes, at),
        first @ (b'{' | b'[') => {
            let mut open: Vec<u8> = vec![first];
            let mut i = at + 1;
            while let Some(&b) = bytes.get(i) {
                match b {
                    b'"' => {
                        i = skip_string(bytes, i)?;
                        continue;
                    }
                    b @ (b'{' | b'[') => open.push(b),
                    b @ (b'}' | b']') => {
                        let opener = if b == b'}' { b'{' } else { b'[' };
                        if open.pop()? != opener {
                            return None;
                        }
                    }
                    _ => {}
                }
                i += 1;
                if open.is_empty() {
                    return Some(i);
                }
            }
            None
        }
        _ => {
            // A number or a literal: up to the next delimiter.
            let end = bytes
                .get(at..)?
                .iter()
                .position(|b| matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r'))
                .map_or(bytes.len(), |n| at + n);
            (end > at).then_some(end)
        }
    }
}

/// The elements of the array that opens at `at`, and the position just past it.
pub fn array_elements(bytes: &[u8], at: usize) -> Option<(Vec<Range<usize>>, usize)> {
    if bytes.get(at) != Some(&b'[') {
        return None;
    }
    let mut elements = Vec::new();
    let mut i = skip_whitespace(bytes, at + 1);
    if bytes.get(i) == Some(&b']') {
        return Some((elements, i + 1));
    }
    loop {
        let end = skip_value(bytes, i)?;
        elements.push(i..end);
        i = skip_whitespace(bytes, end);
        match bytes.get(i)? {
            b',' => i = skip_whitespace(bytes, i + 1),
            b']' => return Some((elements, i + 1)),
            _ => return None,
        }
    }
}

/// The members of the object that opens at `at`, by key (a key repeated: the last one, as a map
/// keeps it), and the position just past it. `None` also for a key with an escape, which the checked
/// reader unescapes.
pub fn object_members(bytes: &[u8], at: usize) -> Option<(BTreeMap<&str, Range<usize>>, usize)> {
    if bytes.get(at) != Some(&b'{') {
        return None;
    }
    let mut members = BTreeMap::new();
    let mut i = skip_whitespace(bytes, at + 1);
    if bytes.get(i) == Some(&b'}') {
        return Some((members, i + 1));
    }
    loop {
        if bytes.get(i) != Some(&b'"') {
            return None;
        }
        let key_end = skip_string(bytes, i)?;
        let key = std::str::from_utf8(bytes.get(i + 1..key_end - 1)?).ok()?;
        if key.contains('\\') {
            return None;
        }
        i = skip_whitespace(bytes, key_end);
        if bytes.get(i) != Some(&b':') {
            return None;
        }
        i = skip_whitespace(bytes, i + 1);
        let end = skip_value(bytes, i)?;
        members.insert(key, i..end);
        i = skip_whitespace(bytes, end);
        match bytes.get(i)? {
            b',' => i = skip_whitespace(bytes, i + 1),
            b'}' => return Some((members, i + 1)),
            _ => return None,
        }
    }
}

/// Whether only whitespace follows `at`.
pub fn only_whitespace_after(bytes: &[u8], at: usize) -> bool {
    skip_whitespace(bytes, at) == bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_are_framed_through_strings_escapes_and_nesting() {
        let text = r#"[ {"a":"x]\"}"}, [1,{"b":[2]}] ,"s",-1.5e3,true , null ]"#;
        let (elements, end) = array_elements(text.as_bytes(), 0).unwrap();
        let parts: Vec<&str> = elements.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(
            parts,
            [
                r#"{"a":"x]\"}"}"#,
                r#"[1,{"b":[2]}]"#,
                r#""s""#,
                "-1.5e3",
                "true",
                "null"
            ]
        );
        assert_eq!(end, text.len());
    }

    #[test]
    fn quotes_and_backslashes_are_found_at_every_offset() {
        for len in 0..40 {
            for at in 0..len {
                for b in [b'"', b'\\'] {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = b;
                    // High bytes (UTF-8) must not read as either.
                    if at > 0 {
                        bytes[at - 1] = 0xC3;
                    }
                    assert_eq!(next_quote_or_backslash(&bytes, 0), Some(at), "{len} {at}");
                }
            }
            assert_eq!(next_quote_or_backslash(&vec![b'a'; len], 0), None);
        }
    }

    #[test]
    fn broken_structure_is_left_to_the_checked_reader() {
        for text in [
            r#"[{"a":1]"#,
            r#"[{"a":1} {"b":2}]"#,
            r#"[{"a":"1}]"#,
            "[1,",
            "[",
            r#"{"a\"b":1}"#,
        ] {
            let bytes = text.as_bytes();
            assert!(
                array_elements(bytes, 0).is_none() && object_members(bytes, 0).is_none(),
                "{text}"
            );
        }
    }
}
