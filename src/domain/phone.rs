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

/// The number a call reached, reduced to what identifies it, so that `+1 (555) 302-1789`,
/// `15553021789` and `555.302.1789` group together: its digits, without an international `00` prefix,
/// with the North American country code added to a bare ten-digit number (Atlas dials North America
/// unless told otherwise). `None` for anything too short to be a phone number ("anonymous", an
/// extension), which groups with nothing.
pub fn number_key(raw: &str) -> Option<String> {
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    let international = raw.trim_start().starts_with('+');
    let digits = match digits.strip_prefix("00") {
        Some(rest) if !international => rest.to_owned(),
        _ => digits,
    };
    if digits.len() < 7 || digits.len() > 15 {
        return None;
    }
    if digits.len() == 10 && !international && !raw.trim_start().starts_with("00") {
        return Some(format!("1{digits}"));
    }
    Some(digits)
}
