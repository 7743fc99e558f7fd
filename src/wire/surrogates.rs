//! Lone UTF-16 surrogates in JSON escapes (`"\ud800"`), which `serde_json` refuses outright.
//!
//! Upstream systems that cut strings by UTF-16 units (a summary truncated mid-emoji) send them. One such
//! string must not cost the whole record, so each lone surrogate escape is rewritten to `\ufffd`, the
//! replacement character, before parsing. Escapes that form a valid pair are left alone.

use std::borrow::Cow;

/// `text` with every lone surrogate escape replaced by `\ufffd`; borrowed when there is none (the
/// common case costs one scan for `\u`).
pub fn repair(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    if !has_surrogate_escape(text) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    // Every offset cut at below is that of a backslash (ASCII), so a character boundary.
    while let Some(&b) = bytes.get(i) {
        if b != b'\\' {
            i += 1;
            continue;
        }
        // An escape: `\\` and the others are two bytes; only `\u` needs a look.
        if bytes.get(i + 1) != Some(&b'u') {
            i += 2;
            continue;
        }
        match unit_at(bytes, i) {
            Some(0xD800..=0xDBFF) => {
                if matches!(unit_at(bytes, i + 6), Some(0xDC00..=0xDFFF)) {
                    i += 12;
                } else {
                    out.push_str(text.get(copied..i).unwrap_or_default());
                    out.push_str("\\ufffd");
                    i += 6;
                    copied = i;
                }
            }
            Some(0xDC00..=0xDFFF) => {
                out.push_str(text.get(copied..i).unwrap_or_default());
                out.push_str("\\ufffd");
                i += 6;
                copied = i;
            }
            _ => i += 2,
        }
    }
    out.push_str(text.get(copied..).unwrap_or_default());
    Cow::Owned(out)
}

/// Whether a `\uD..` escape appears at all (any case): one pass from backslash to backslash (found
/// by the standard library's fast byte search), where two substring searches took twice as long.
fn has_surrogate_escape(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = text.get(from..).and_then(|rest| rest.find('\\')) {
        let at = from + found;
        if bytes.get(at + 1) == Some(&b'u') && matches!(bytes.get(at + 2), Some(b'd' | b'D')) {
            return true;
        }
        // Past the escaped character: `\\ud` is a backslash, then text.
        from = at + 2;
    }
    false
}

/// The UTF-16 unit of the `\uXXXX` escape at `at`, if there is one.
fn unit_at(bytes: &[u8], at: usize) -> Option<u32> {
    if bytes.get(at) != Some(&b'\\') || bytes.get(at + 1) != Some(&b'u') {
        return None;
    }
    let hex = bytes.get(at + 2..at + 6)?;
    let hex = std::str::from_utf8(hex).ok()?;
    u32::from_str_radix(hex, 16).ok()
}

#[cfg(test)]
mod tests {
    use super::repair;

    #[test]
    fn lone_surrogates_become_replacement_characters_and_pairs_stay() {
        let cases = [
            (r#""a\ud800b""#, r#""a\ufffdb""#),
            (r#""\uDC00""#, r#""\ufffd""#),
            (r#""\ud83d\ude00""#, r#""\ud83d\ude00""#),
            (r#""\ud83d\u0041""#, r#""\ufffd\u0041""#),
            (r#""\\ud800""#, r#""\\ud800""#),
            (r#""\\\ud800""#, r#""\\\ufffd""#),
            (r#""end\ud800"#, r#""end\ufffd"#),
            (r#""cut\ud8"#, r#""cut\ud8"#),
            ("plain", "plain"),
        ];
        for (input, expected) in cases {
            assert_eq!(repair(input), expected, "{input}");
        }
    }

    #[test]
    fn repaired_text_parses() {
        let text = repair(r#"{"summary": "Hi \ud800 there \udfff"}"#);
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(value["summary"], "Hi \u{FFFD} there \u{FFFD}");
    }
}
