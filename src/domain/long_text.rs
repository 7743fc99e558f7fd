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
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    match head[end.saturating_sub(200)..].rfind(char::is_whitespace) {
        Some(at) => &head[..end.saturating_sub(200) + at],
        None => head,
    }
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
    fn sizes_read_in_kilobytes_or_megabytes() {
        assert_eq!(size_label(10_485_760), "10.5 MB");
        assert_eq!(size_label(20_001), "21 KB");
        assert_eq!(size_label(1), "1 KB");
    }
}
