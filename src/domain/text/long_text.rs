//! Cutting oversized texts for display: a 10 MB summary laid out whole freezes the tab.

/// Texts up to this many bytes show whole; longer ones show this much first, with a way to see more.
pub const SHOWN_AT_FIRST: usize = 20_000;
/// What each "Show more" adds.
pub const MORE_AT_A_TIME: usize = 200_000;

/// The first `limit` bytes of `text` or a little less: cut at a character boundary, and at the last
/// white space in the final 200 bytes when there is one, so a word is not split.
pub fn cut(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let head = text.get(..floor_boundary(text, limit)).unwrap_or_default();
    // The last 200 bytes of the head, from a character boundary: `limit - 200` may fall inside one.
    let tail_start = floor_boundary(head, head.len().saturating_sub(200));
    let tail = head.get(tail_start..).unwrap_or_default();
    match tail.rfind(char::is_whitespace) {
        Some(at) => head.get(..tail_start + at).unwrap_or(head),
        None => head,
    }
}

/// The largest character boundary of `text` at or below `at` (`str::floor_char_boundary`, which is not
/// stable yet).
pub fn floor_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    // A boundary is at most three bytes back (UTF-8 characters are four bytes at most); 0 always is one.
    (at.saturating_sub(3)..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0)
}

/// The smallest character boundary of `text` at or above `at`.
pub fn ceil_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (at..=text.len().min(at + 3))
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(text.len())
}

/// "12.3 MB", "840 KB": a text's size for the "Show all" button.
pub fn size_label(bytes: usize) -> String {
    if bytes >= 1_000_000 {
        format!("{:.1} MB", bytes as f64 / 1_000_000.0)
    } else {
        format!("{} KB", bytes.div_ceil(1_000))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_texts_are_whole_and_long_ones_cut_at_a_word() {
        assert_eq!(cut("hello", 10), "hello");
        assert_eq!(cut("hello world again", 13), "hello world");
        assert_eq!(cut("abcdefghij", 4), "abcd");
        // Never inside a character.
        assert_eq!(cut("ééééé", 3), "é");
        assert_eq!(cut("", 0), "");
        let big = "word ".repeat(10_000);
        let shown = cut(&big, SHOWN_AT_FIRST);
        assert!(shown.len() <= SHOWN_AT_FIRST && shown.len() > SHOWN_AT_FIRST - 200);
        assert!(shown.ends_with("word"));
    }

    #[test]
    fn a_cut_never_falls_inside_a_character() {
        // The texts that stopped the app: 2,000 ZWJ emoji, and 30 KB of Japanese (byte 19,798 of the
        // head fell inside a character).
        let emoji = "👨🏿‍💻".repeat(2_000);
        let japanese = "日本語のテキスト".repeat(1_300);
        for text in [emoji.as_str(), japanese.as_str()] {
            for limit in [0, 1, 199, 200, 201, 19_999, SHOWN_AT_FIRST, text.len() - 1] {
                let shown = cut(text, limit);
                assert!(shown.len() <= limit && text.starts_with(shown), "{limit}");
            }
        }
    }

    #[test]
    fn sizes_read_in_kilobytes_or_megabytes() {
        assert_eq!(size_label(10_485_760), "10.5 MB");
        assert_eq!(size_label(20_001), "21 KB");
        assert_eq!(size_label(1), "1 KB");
    }
}
