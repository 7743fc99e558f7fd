//! The browser's time zone applied to the pure formatters in `domain::time`.

use crate::domain::records::time::Day;
use crate::domain::Timestamp;

/// Now, by the browser's clock.
pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

/// Today's date in UTC, `2026-12-02`, for file names.
pub fn today_utc() -> String {
    now().to_iso().chars().take(10).collect()
}

/// Minutes east of UTC at `at` in the browser's zone (per instant, so summer time is right).
pub fn offset_minutes(at: Timestamp) -> i32 {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at.0 as f64));
    // getTimezoneOffset is minutes *west* of UTC.
    -(date.get_timezone_offset() as i32)
}

/// "24 Nov 2026, 14:05" in local time.
pub fn local_date_time(at: Timestamp) -> String {
    at.format_date_time(offset_minutes(at))
}

/// "24 Nov, 14:05" in local time.
pub fn local_short(at: Timestamp) -> String {
    at.format_short(offset_minutes(at))
}

/// Minutes east of UTC at the start of `day` in the browser's zone, for date filters.
pub fn local_offset_on(day: Day) -> i32 {
    let date = js_sys::Date::new_with_year_month_day(
        day.year as u32,
        day.month as i32 - 1,
        day.day as i32,
    );
    -(date.get_timezone_offset() as i32)
}
