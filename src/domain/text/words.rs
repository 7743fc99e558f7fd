//! Words as search sees them: split at anything that is not a letter or a digit, lower-cased, and Latin
//! letters without their accents. The index, the workers' word tables, the store's entries and the
//! queries all fold text here, so they agree on what a word is. Imports nothing of the domain.

use std::ops::Range;

/// Folds one character for matching: lower case, and Latin letters without their accents.
///
/// Returns `None` for a separator (anything not a letter or digit). A few letters become two (`ß` → `ss`),
/// hence the small array. The table covers Latin-1 and Latin Extended-A, which is where the accented
/// letters of European names and words live; other scripts are compared lower-cased, which is what their
/// readers expect.
pub fn fold_char(c: char) -> Option<([char; 2], usize)> {
    if c.is_ascii() {
        return c
            .is_ascii_alphanumeric()
            .then(|| ([c.to_ascii_lowercase(), '\0'], 1));
    }
    if !c.is_alphanumeric() {
        return None;
    }
    let one = |c: char| Some(([c, '\0'], 1));
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'à'..='å' | 'ā' | 'ă' | 'ą' => one('a'),
        'æ' => Some((['a', 'e'], 2)),
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => one('c'),
        'ď' | 'đ' | 'ð' => one('d'),
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => one('e'),
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => one('g'),
        'ĥ' | 'ħ' => one('h'),
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => one('i'),
        'ĵ' => one('j'),
        'ķ' => one('k'),
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => one('l'),
        'ñ' | 'ń' | 'ņ' | 'ň' => one('n'),
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => one('o'),
        'œ' => Some((['o', 'e'], 2)),
        'ŕ' | 'ŗ' | 'ř' => one('r'),
        'ś' | 'ŝ' | 'ş' | 'š' => one('s'),
        'ß' => Some((['s', 's'], 2)),
        'ţ' | 'ť' | 'ŧ' => one('t'),
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => one('u'),
        'ŵ' => one('w'),
        'ý' | 'ÿ' | 'ŷ' => one('y'),
        'ź' | 'ż' | 'ž' => one('z'),
        'þ' => Some((['t', 'h'], 2)),
        other => one(other),
    }
}

/// Calls `each` with every word of `text`, folded, and the byte range it came from.
///
/// `buffer` is reused between words so that indexing allocates only for words the dictionary has not seen.
pub fn for_each_word(text: &str, buffer: &mut String, mut each: impl FnMut(&str, Range<usize>)) {
    buffer.clear();
    let mut start = None;
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        if b.is_ascii_alphanumeric() {
            // A run of ASCII letters and digits (most of any text), copied and lower-cased at once.
            let mut end = at;
            let mut upper = false;
            while let Some(&c) = bytes.get(end).filter(|c| c.is_ascii_alphanumeric()) {
                upper |= c.is_ascii_uppercase();
                end += 1;
            }
            // `at..end` holds ASCII bytes only, so both ends are character boundaries.
            let run = text.get(at..end).unwrap_or_default();
            let whole = start.is_none() && bytes.get(end).is_none_or(u8::is_ascii);
            if whole && !upper {
                // The whole word, already folded: no copy.
                each(run, at..end);
                at = end;
                continue;
            }
            start.get_or_insert(at);
            // Copied whole and lower-cased in place (the hot path of indexing every word).
            let from = buffer.len();
            buffer.push_str(run);
            if let Some(copied) = buffer.get_mut(from..) {
                copied.make_ascii_lowercase();
            }
            at = end;
            continue;
        }
        let (folded, width) = if b.is_ascii() {
            (None, 1)
        } else {
            // `at` is a boundary: it follows an ASCII byte or a whole character.
            let c = text
                .get(at..)
                .and_then(|rest| rest.chars().next())
                .unwrap_or('\u{FFFD}');
            (fold_char(c), c.len_utf8())
        };
        match folded {
            Some((folded, count)) => {
                start.get_or_insert(at);
                buffer.extend(folded.iter().take(count));
            }
            None => {
                if let Some(begin) = start.take() {
                    each(buffer, begin..at);
                    buffer.clear();
                }
            }
        }
        at += width;
    }
    if let Some(begin) = start {
        each(buffer, begin..text.len());
        buffer.clear();
    }
}

/// The folded words of `text`, joined by single spaces: what a quoted phrase is compared with.
pub fn fold_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut buffer = String::new();
    for_each_word(text, &mut buffer, |word, _| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    });
    out
}
