//! Moving the selection through a list with the keyboard.

/// The index one step forward or back from `current` in a list of `len` items. With nothing selected,
/// either direction starts at the first item; at either end the selection stays put.
pub fn step(len: usize, current: Option<usize>, forward: bool) -> Option<usize> {
    if len == 0 {
        return None;
    }
    Some(match current {
        None => 0,
        Some(i) if forward => (i + 1).min(len - 1),
        Some(i) => i.saturating_sub(1),
    })
}
