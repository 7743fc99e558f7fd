//! Which of a campaign's calls the page loads: everything, the last days, or a range of days. A
//! campaign of a million calls does not fit in a tab, so past [`FULL_LOAD_LIMIT`] calls the page starts
//! with the recent ones and says so.

use crate::domain::records::time::{Day, Timestamp};

/// Campaigns with more calls than this open with the last [`AUTOMATIC_DAYS`] days loaded instead of
/// everything. Measured: 100,000 calls of 3–5 minute conversations take about 263 MB in the tab (wasm
/// memory and JS heap), so this many take about 660 MB, about what a tab on an ordinary laptop holds
/// without the browser stepping in.
pub const FULL_LOAD_LIMIT: u64 = 250_000;

/// The recent stretch a campaign over the limit opens with.
pub const AUTOMATIC_DAYS: u32 = 30;

/// The choices the scope menu offers besides a range.
pub const RECENT_CHOICES: [u32; 3] = [7, 30, 90];

const DAY_MS: i64 = 86_400_000;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    Everything,
    /// The last so many days, up to now.
    Recent(u32),
    /// From the first day to the last, inclusive, in the viewer's time zone.
    Between(Day, Day),
}

impl Scope {
    /// The value in the URL: `all`, `30d`, or `2026-11-01..2026-11-20`.
    pub fn param(&self) -> String {
        match self {
            Scope::Everything => "all".to_owned(),
            Scope::Recent(days) => format!("{days}d"),
            Scope::Between(from, to) => format!("{from}..{to}"),
        }
    }

    /// Reads [`Scope::param`]; anything else is no scope (the automatic one).
    pub fn from_param(value: &str) -> Option<Scope> {
        let value = value.trim();
        if value == "all" {
            return Some(Scope::Everything);
        }
        if let Some(days) = value.strip_suffix('d') {
            return days
                .parse::<u32>()
                .ok()
                .filter(|d| (1..=3650).contains(d))
                .map(Scope::Recent);
        }
        let (from, to) = value.split_once("..")?;
        let (from, to) = (Day::parse(from)?, Day::parse(to)?);
        Some(if from <= to {
            Scope::Between(from, to)
        } else {
            Scope::Between(to, from)
        })
    }

    /// What the scope menu calls it.
    pub fn label(&self) -> String {
        match self {
            Scope::Everything => "Everything".to_owned(),
            Scope::Recent(days) => format!("Last {days} days"),
            Scope::Between(from, to) => format!("{from} to {to}"),
        }
    }

    /// The scope in a sentence: "the last 30 days", "2026-10-01 to 2026-11-20", "every call".
    pub fn describe(&self) -> String {
        match self {
            Scope::Everything => "every call".to_owned(),
            Scope::Recent(days) => format!("the last {days} days"),
            Scope::Between(from, to) => format!("{from} to {to}"),
        }
    }

    /// The instants it covers: from (inclusive) and until (exclusive), each when bounded. `offset_at`
    /// gives the viewer's UTC offset in minutes on a day.
    pub fn bounds(
        &self,
        now: Timestamp,
        offset_at: &dyn Fn(Day) -> i32,
    ) -> (Option<Timestamp>, Option<Timestamp>) {
        match self {
            Scope::Everything => (None, None),
            Scope::Recent(days) => (Some(Timestamp(now.0 - i64::from(*days) * DAY_MS)), None),
            Scope::Between(from, to) => (
                Some(from.start(offset_at(*from))),
                Some(Timestamp(to.start(offset_at(*to)).0 + DAY_MS)),
            ),
        }
    }

    /// Whether the days `from` to `to` (a date filter, each end optional) lie inside this scope.
    pub fn holds(
        &self,
        from: Option<Day>,
        to: Option<Day>,
        now: Timestamp,
        offset_at: &dyn Fn(Day) -> i32,
    ) -> bool {
        let (start, end) = self.bounds(now, offset_at);
        let from_ok = match (start, from) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(start), Some(day)) => day.start(offset_at(day)).0 >= start.0,
        };
        let to_ok = match (end, to) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(end), Some(day)) => day.start(offset_at(day)).0 + DAY_MS <= end.0,
        };
        from_ok && to_ok
    }
}

/// Whether a campaign of `count` calls is too large to load whole by default.
pub fn too_large(count: Option<u64>) -> bool {
    count.is_some_and(|c| c > FULL_LOAD_LIMIT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn params_round_trip_and_garbage_is_no_scope() {
        for scope in [
            Scope::Everything,
            Scope::Recent(7),
            Scope::Between(
                Day::parse("2026-10-01").unwrap(),
                Day::parse("2026-11-20").unwrap(),
            ),
        ] {
            assert_eq!(Scope::from_param(&scope.param()), Some(scope));
        }
        for garbage in ["", "0d", "99999d", "xd", "2026-13-01..2026-11-01", "soon"] {
            assert_eq!(Scope::from_param(garbage), None, "{garbage}");
        }
        assert!(too_large(Some(FULL_LOAD_LIMIT + 1)) && !too_large(Some(FULL_LOAD_LIMIT)));
        assert!(!too_large(None));
    }
}
