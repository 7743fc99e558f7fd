//! Instants and durations: ISO 8601 parsing and the formats the views use.
//!
//! Hand-written rather than a date crate because the app needs only RFC 3339 in and a few fixed formats
//! out, and the wasm stays smaller. The local time-zone offset is passed in by the caller (the browser
//! knows it), which keeps this module testable natively.

/// Milliseconds since the Unix epoch, UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// Parses `YYYY-MM-DD[THH:MM[:SS[.fff]]][Z|±HH:MM]`. A missing zone is read as UTC, as the APIs send UTC.
    pub fn parse_iso(text: &str) -> Option<Self> {
        let text = text.trim();
        let bytes = text.as_bytes();
        let num = |range: std::ops::Range<usize>| -> Option<i64> {
            let part = text.get(range)?;
            if part.bytes().all(|b| b.is_ascii_digit()) && !part.is_empty() {
                part.parse().ok()
            } else {
                None
            }
        };
        if bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
            return None;
        }
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        if !(1..=12).contains(&month) || !(1..=days_in_month(year, month)).contains(&day) {
            return None;
        }
        let mut millis_of_day = 0i64;
        let mut rest = text.get(10..)?;
        if let Some(time) = rest.strip_prefix(['T', 't', ' ']) {
            let tb = time.as_bytes();
            let two = |at: usize| -> Option<i64> {
                let part = time.get(at..at + 2)?;
                part.bytes()
                    .all(|b| b.is_ascii_digit())
                    .then(|| part.parse().ok())?
            };
            let hour = two(0)?;
            if tb.get(2) != Some(&b':') {
                return None;
            }
            let minute = two(3)?;
            let mut pos = 5;
            let mut second = 0;
            let mut millis = 0;
            if tb.get(pos) == Some(&b':') {
                second = two(pos + 1)?;
                pos += 3;
                if matches!(tb.get(pos), Some(b'.') | Some(b',')) {
                    pos += 1;
                    let start = pos;
                    while tb.get(pos).is_some_and(u8::is_ascii_digit) {
                        pos += 1;
                    }
                    let digits = time.get(start..pos)?;
                    if digits.is_empty() {
                        return None;
                    }
                    // Keep milliseconds; finer digits do not matter to a person (ASCII digits, so
                    // any byte count is a boundary).
                    let padded = format!("{:0<3}", digits.get(..digits.len().min(3))?);
                    millis = padded.parse().ok()?;
                }
            }
            if hour > 23 || minute > 59 || second > 60 {
                return None;
            }
            millis_of_day = ((hour * 60 + minute) * 60 + second) * 1000 + millis;
            rest = time.get(pos..)?;
        }
        let offset_minutes = match rest {
            "" | "Z" | "z" => 0,
            zone => {
                let (sign, digits) = match zone.split_at_checked(1)? {
                    ("+", digits) => (1, digits),
                    ("-", digits) => (-1, digits),
                    _ => return None,
                };
                let digits: String = digits.chars().filter(|c| *c != ':').collect();
                if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                let (hours, minutes) = digits.split_at_checked(2)?;
                let (hours, minutes): (i64, i64) = (hours.parse().ok()?, minutes.parse().ok()?);
                sign * (hours * 60 + minutes)
            }
        };
        let days = days_from_civil(year, month, day);
        Some(Timestamp(
            days * 86_400_000 + millis_of_day - offset_minutes * 60_000,
        ))
    }

    /// Reads epoch milliseconds or seconds (some exports send seconds); values before 2001 in ms are taken as s.
    pub fn from_epoch_number(value: f64) -> Option<Self> {
        if !value.is_finite() || value <= 0.0 {
            return None;
        }
        let millis = if value < 1.0e12 {
            value * 1000.0
        } else {
            value
        };
        Some(Timestamp(millis as i64))
    }

    /// Seconds from `self` to `later`, when `later` is not earlier.
    pub fn seconds_until(self, later: Timestamp) -> Option<f64> {
        (later.0 >= self.0).then(|| (later.0 - self.0) as f64 / 1000.0)
    }

    /// Civil date and time at the given offset east of UTC, in minutes.
    fn civil(self, offset_minutes: i32) -> Civil {
        let local = self.0 + i64::from(offset_minutes) * 60_000;
        let days = local.div_euclid(86_400_000);
        let ms = local.rem_euclid(86_400_000);
        let (year, month, day) = civil_from_days(days);
        Civil {
            year,
            month,
            day,
            hour: (ms / 3_600_000) as u32,
            minute: (ms / 60_000 % 60) as u32,
            second: (ms / 1000 % 60) as u32,
        }
    }

    /// "24 Nov 2026, 14:05" in the given zone: day first and a named month, so no reader misreads it.
    pub fn format_date_time(self, offset_minutes: i32) -> String {
        self.format_civil(offset_minutes, true)
    }

    /// "24 Nov, 14:05": compact, for rows of one campaign.
    pub fn format_short(self, offset_minutes: i32) -> String {
        self.format_civil(offset_minutes, false)
    }

    fn format_civil(self, offset_minutes: i32, with_year: bool) -> String {
        let c = self.civil(offset_minutes);
        let month = month_name(c.month);
        let (day, hour, minute) = (c.day, c.hour, c.minute);
        if with_year {
            format!("{day} {month} {}, {hour:02}:{minute:02}", c.year)
        } else {
            format!("{day} {month}, {hour:02}:{minute:02}")
        }
    }

    /// RFC 3339 in UTC with milliseconds, for machine-readable attributes.
    pub fn to_iso(self) -> String {
        let c = self.civil(0);
        format!(
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
            c.year,
            c.month,
            c.day,
            c.hour,
            c.minute,
            c.second,
            self.0.rem_euclid(1000)
        )
    }
}

struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: u32,
    minute: u32,
    second: u32,
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "Jan" for 1 ... "Dec" for 12 (a civil month is always one of these).
fn month_name(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|i| MONTHS.get(i as usize))
        .copied()
        .unwrap_or("???")
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
/// Days since 1970-01-01.
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// "0:07", "2:05", "1:02:03": the clock format of media players, rounding down to whole seconds.
pub fn format_clock(seconds: f64) -> String {
    if !seconds.is_finite() || seconds < 0.0 {
        return "–:––".to_owned();
    }
    let total = seconds.floor() as u64;
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// "45 s", "2 min 05 s", "1 h 02 min": a duration for reading rather than for a player. Rounds down,
/// like [`format_clock`], so the two never disagree on the same call.
pub fn format_duration(seconds: f64) -> String {
    if !seconds.is_finite() || seconds < 0.0 {
        return "—".to_owned();
    }
    let total = seconds.floor() as u64;
    let (h, m, s) = (total / 3600, total / 60 % 60, total % 60);
    match (h, m) {
        (0, 0) => format!("{s} s"),
        (0, _) => format!("{m} min {s:02} s"),
        _ => format!("{h} h {m:02} min"),
    }
}

/// A calendar day as typed in a date field, `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Day {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Day {
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        ((1..=12).contains(&month) && (1..=31).contains(&day) && (1970..=9999).contains(&year))
            .then_some(Day { year, month, day })
    }

    /// Midnight at the start of this day, given the zone's offset from UTC in minutes then.
    /// The day `at` falls on, for a viewer `offset_minutes` ahead of UTC.
    pub fn containing(at: Timestamp, offset_minutes: i32) -> Day {
        let local = at.0 + i64::from(offset_minutes) * 60_000;
        let (year, month, day) = civil_from_days(local.div_euclid(86_400_000));
        Day {
            year: year as i32,
            month,
            day,
        }
    }

    /// The day `days` after 1970-01-01.
    pub fn from_epoch_days(days: i64) -> Day {
        let (year, month, day) = civil_from_days(days);
        Day {
            year: year as i32,
            month,
            day,
        }
    }

    /// Days since 1970-01-01.
    pub fn epoch_days(self) -> i64 {
        days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        )
    }

    pub fn start(self, offset_minutes: i32) -> Timestamp {
        let days = days_from_civil(
            i64::from(self.year),
            i64::from(self.month),
            i64::from(self.day),
        );
        Timestamp(days * 86_400_000 - i64::from(offset_minutes) * 60_000)
    }
}

impl std::fmt::Display for Day {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}
