//! Phone numbers for reading.

/// North American numbers in E.164 (`+15551234567`) read as `+1 555-123-4567`; anything else is shown
/// as sent, since a wrong grouping is worse than none.
pub fn format_phone(raw: &str) -> String {
    let trimmed = raw.trim();
    let digits: String = trimmed.chars().filter(char::is_ascii_digit).collect();
    let plain = trimmed
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, '+' | ' ' | '-' | '(' | ')' | '.'));
    // `digits` holds ASCII digits only, so any offset is a boundary.
    let parts = (digits.get(1..4), digits.get(4..7), digits.get(7..));
    if let (true, true, (Some(area), Some(exchange), Some(line))) = (
        plain && trimmed.starts_with("+1"),
        digits.len() == 11,
        parts,
    ) {
        format!("+1 {area}-{exchange}-{line}")
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
    let mut key = String::new();
    number_key_into(raw, &mut key).then_some(key)
}

/// [`number_key`] into a buffer the caller reuses, so that comparing a number with every call of a
/// campaign allocates nothing; false (and the buffer's content meaningless) for no key.
pub fn number_key_into(raw: &str, key: &mut String) -> bool {
    key.clear();
    let trimmed = raw.trim_start();
    let international = trimmed.starts_with('+');
    key.extend(raw.chars().filter(char::is_ascii_digit));
    if !international && key.starts_with("00") {
        key.drain(..2);
    }
    if key.len() < 7 || key.len() > 15 {
        return false;
    }
    if key.len() == 10 && !international && !trimmed.starts_with("00") {
        key.insert(0, '1');
    }
    true
}
