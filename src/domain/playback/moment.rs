//! A moment of a call's recording in its URL (`?t=83`, `?t=1:23`, `?t=1:02:03`), so a link can open a
//! call at the place worth hearing.

/// The query parameter that holds the moment.
pub const PARAM: &str = "t";

/// Seconds from the start, from `83`, `83.5`, `1:23` or `1:02:03`; `None` for anything else (negative,
/// not a number, minutes or seconds of 60 and over after the first part).
pub fn parse_moment(text: &str) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() || text.len() > 16 {
        return None;
    }
    let parts: Vec<&str> = text.split(':').collect();
    if parts.len() > 3 || parts.iter().any(|p| p.is_empty()) {
        return None;
    }
    let mut seconds = 0.0;
    for (i, part) in parts.iter().enumerate() {
        let last = i == parts.len() - 1;
        let value: f64 = if last {
            part.parse().ok()?
        } else {
            f64::from(part.parse::<u32>().ok()?)
        };
        if !value.is_finite() || value < 0.0 || (i > 0 && value >= 60.0) {
            return None;
        }
        seconds = seconds * 60.0 + value;
    }
    Some(seconds)
}

/// The moment as written in a link: whole seconds.
pub fn moment_param(seconds: f64) -> String {
    if seconds.is_finite() && seconds > 0.0 {
        (seconds.floor() as u64).to_string()
    } else {
        "0".to_owned()
    }
}

/// The `t` value of a query string (`?q=x&t=83`), if it holds one that reads as a moment.
pub fn moment_in_query(query: &str) -> Option<f64> {
    query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == PARAM)
        .and_then(|(_, value)| parse_moment(&crate::domain::text::url::percent_decode(value)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moments_in_seconds_minutes_and_hours() {
        let cases = [
            ("83", Some(83.0)),
            ("83.5", Some(83.5)),
            ("0", Some(0.0)),
            ("1:23", Some(83.0)),
            ("01:02:03", Some(3723.0)),
            ("90:00", Some(5400.0)),
            (" 1:05 ", Some(65.0)),
            ("1:60", None),
            ("1:2:3:4", None),
            ("-5", None),
            ("1:-5", None),
            ("abc", None),
            ("", None),
            (":30", None),
            ("1:", None),
            ("inf", None),
            ("NaN", None),
            ("1e400", None),
            ("99999999999999999999", None),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_moment(text), expected, "{text:?}");
        }
    }

    #[test]
    fn the_moment_round_trips_through_a_link() {
        assert_eq!(moment_param(83.9), "83");
        assert_eq!(moment_param(-1.0), "0");
        assert_eq!(moment_param(f64::NAN), "0");
        assert_eq!(moment_in_query("?q=refund&t=83"), Some(83.0));
        assert_eq!(moment_in_query("t=1%3A23"), Some(83.0));
        assert_eq!(moment_in_query("?t=soon"), None);
        assert_eq!(moment_in_query("?at=5"), None);
        assert_eq!(moment_in_query(""), None);
        let link = format!("?{PARAM}={}", moment_param(125.4));
        assert_eq!(moment_in_query(&link), Some(125.0));
    }
}
