//! Parts of file names made from text that comes from outside (call IDs, campaign names).

/// How to make a piece of text safe in a file name.
#[derive(Clone, Copy, Debug)]
pub struct FileNamePart {
    /// What stands for each character that is not a letter, a digit, `-` or `_`.
    pub replacement: char,
    /// Drop replacements at both ends.
    pub trim: bool,
    /// At most this many characters.
    pub max_chars: usize,
}

impl FileNamePart {
    /// `text` with every character that a file system or a shell might read specially (path separators,
    /// dots, quotes, spaces, control characters) replaced; `None` when nothing is left.
    pub fn apply(self, text: &str) -> Option<String> {
        let safe: String = text
            .chars()
            .map(|c| {
                if c.is_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    self.replacement
                }
            })
            .take(self.max_chars)
            .collect();
        let safe = if self.trim {
            safe.trim_matches(self.replacement).to_owned()
        } else {
            safe
        };
        (!safe.is_empty()).then_some(safe)
    }
}

#[cfg(test)]
mod tests {
    use super::FileNamePart;

    #[test]
    fn separators_and_dots_are_replaced_and_letters_kept() {
        let keep_ends = FileNamePart {
            replacement: '_',
            trim: false,
            max_chars: 80,
        };
        assert_eq!(keep_ends.apply("../a b").as_deref(), Some("___a_b"));
        assert_eq!(keep_ends.apply("Zoë-1").as_deref(), Some("Zoë-1"));
        assert_eq!(keep_ends.apply(""), None);
        assert_eq!(keep_ends.apply(&"x".repeat(100)).map(|s| s.len()), Some(80));
        let trimmed = FileNamePart {
            replacement: '-',
            trim: true,
            max_chars: 80,
        };
        assert_eq!(trimmed.apply("/a/").as_deref(), Some("a"));
        assert_eq!(trimmed.apply("///"), None);
    }
}
