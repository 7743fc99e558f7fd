//! How the reviewer likes to listen (speed, skipping silence, going on to the next call), kept across
//! calls and visits as one short line of text.

/// The speeds the player offers.
pub const SPEEDS: [f64; 5] = [0.75, 1.0, 1.25, 1.5, 2.0];

/// Seconds that the back and forward buttons move.
pub const BUTTON_STEP: f64 = 10.0;

/// Seconds that ← and → move.
pub const KEY_STEP: f64 = 5.0;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlaybackPrefs {
    /// One of [`SPEEDS`].
    pub speed: f64,
    pub skip_silence: bool,
    pub auto_advance: bool,
    /// Giving a verdict opens the next call of the view.
    pub verdict_next: bool,
}

impl Default for PlaybackPrefs {
    fn default() -> Self {
        PlaybackPrefs {
            speed: 1.0,
            skip_silence: false,
            auto_advance: false,
            verdict_next: false,
        }
    }
}

impl PlaybackPrefs {
    /// Reads what [`PlaybackPrefs::to_stored`] wrote; anything unreadable keeps its default, so a
    /// hand-edited or older value never stops the player.
    pub fn from_stored(text: &str) -> Self {
        let mut prefs = PlaybackPrefs::default();
        for pair in text.split(';') {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            match key.trim() {
                "speed" => {
                    if let Some(speed) = value.trim().parse().ok().and_then(nearest_speed) {
                        prefs.speed = speed;
                    }
                }
                "skip" => prefs.skip_silence = value.trim() == "1",
                "advance" => prefs.auto_advance = value.trim() == "1",
                "verdict-next" => prefs.verdict_next = value.trim() == "1",
                _ => {}
            }
        }
        prefs
    }

    pub fn to_stored(self) -> String {
        let flag = |on: bool| if on { "1" } else { "0" };
        format!(
            "speed={};skip={};advance={};verdict-next={}",
            self.speed,
            flag(self.skip_silence),
            flag(self.auto_advance),
            flag(self.verdict_next)
        )
    }
}

/// The offered speed closest to `speed`, or `None` for one that is not a speed at all.
pub fn nearest_speed(speed: f64) -> Option<f64> {
    if !speed.is_finite() || speed <= 0.0 {
        return None;
    }
    SPEEDS
        .into_iter()
        .min_by(|a, b| (a - speed).abs().total_cmp(&(b - speed).abs()))
}

/// The next speed up (`>`) or down (`<`), staying put at either end.
pub fn step_speed(current: f64, faster: bool) -> f64 {
    let at = SPEEDS
        .iter()
        .position(|s| Some(*s) == nearest_speed(current))
        .unwrap_or(1);
    let next = if faster {
        (at + 1).min(SPEEDS.len() - 1)
    } else {
        at.saturating_sub(1)
    };
    SPEEDS.get(next).copied().unwrap_or(1.0)
}

/// How a speed reads on its button and in its menu: "1×", "1.25×".
pub fn speed_label(speed: f64) -> String {
    format!("{speed}×")
}

/// Where a jump of `delta` seconds from `position` lands, kept inside the recording.
pub fn jump(position: f64, delta: f64, duration: Option<f64>) -> f64 {
    let target = (position + delta).max(0.0);
    match duration.filter(|d| d.is_finite() && *d > 0.0) {
        Some(d) => target.min(d),
        None => target,
    }
}

/// The call that auto-advance opens after `current` in the view's `rows`: the next one that has a
/// recording. `None` at the end of the view.
pub fn next_with_recording(
    rows: &[u32],
    current: Option<u32>,
    has_recording: impl Fn(u32) -> bool,
) -> Option<u32> {
    let from = match current {
        Some(current) => rows.iter().position(|&r| r == current)? + 1,
        None => 0,
    };
    rows.iter().skip(from).copied().find(|&r| has_recording(r))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefs_survive_a_round_trip_and_garbage() {
        let prefs = PlaybackPrefs {
            speed: 1.5,
            skip_silence: true,
            auto_advance: true,
            verdict_next: true,
        };
        assert_eq!(PlaybackPrefs::from_stored(&prefs.to_stored()), prefs);
        assert_eq!(
            PlaybackPrefs::from_stored("speed=NaN;skip=maybe;zzz"),
            PlaybackPrefs::default()
        );
        assert_eq!(PlaybackPrefs::from_stored("speed=1.9").speed, 2.0);
    }

    #[test]
    fn speeds_step_and_stop_at_the_ends() {
        assert_eq!(step_speed(1.0, true), 1.25);
        assert_eq!(step_speed(2.0, true), 2.0);
        assert_eq!(step_speed(0.75, false), 0.75);
        assert_eq!(step_speed(f64::NAN, false), 0.75);
        assert_eq!(speed_label(1.25), "1.25×");
    }

    #[test]
    fn auto_advance_skips_calls_without_a_recording() {
        let rows = [4, 9, 2, 7];
        let with = |r: u32| r != 2;
        assert_eq!(next_with_recording(&rows, Some(9), with), Some(7));
        assert_eq!(next_with_recording(&rows, Some(7), with), None);
        assert_eq!(next_with_recording(&rows, Some(3), with), None);
        assert_eq!(next_with_recording(&rows, None, with), Some(4));
        assert_eq!(jump(3.0, -10.0, Some(60.0)), 0.0);
        assert_eq!(jump(55.0, 10.0, Some(60.0)), 60.0);
    }
}
