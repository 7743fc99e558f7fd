//! Phone numbers for reading.

/// North American numbers in E.164 (`+15551234567`) read as `+1 555-123-4567`; anything else is shown
/// as sent, since a wrong grouping is worse than none.
pub fn format_phone(raw: &str) -> String {
    let trimmed = raw.trim();
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    let plain = trimmed
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '.'));
    if plain && trimmed.starts_with("+1") && digits.len() == 11 {
        format!("+1 {}-{}-{}", &digits[1..4], &digits[4..7], &digits[7..])
    } else {
        trimmed.to_owned()
    }
}
