//! The virtual call list's maths: which positions are in view, how many row elements to keep, which
//! element draws which position, and where to scroll to show a call. Pure, so it is tested natively.

/// Rows built beyond each edge of the viewport, so a fast scroll does not show blank space.
pub const OVERSCAN: usize = 6;

/// Rows that fit in `viewport` pixels, counting a partly shown one at each edge.
pub fn shown(viewport: f64, row_height: f64) -> usize {
    (viewport.max(0.0) / row_height).ceil() as usize + 1
}

/// Positions `start..end` of a list of `count` rows to draw when scrolled to `scroll_top`: the rows in
/// view, plus [`OVERSCAN`] either side. A list that shrank under the scroll position gives an empty
/// range at its end, never one past it.
pub fn visible_range(
    scroll_top: f64,
    viewport: f64,
    row_height: f64,
    count: usize,
) -> (usize, usize) {
    let first = (scroll_top / row_height).floor().max(0.0) as usize;
    let start = first.saturating_sub(OVERSCAN).min(count);
    let end = (first + shown(viewport, row_height) + OVERSCAN).min(count);
    (start, end.max(start))
}

/// How many row elements to keep: enough for the tallest viewport seen, at the shortest row height.
pub fn pool_size(viewport: f64, shortest_row: f64) -> usize {
    shown(viewport, shortest_row) + 2 * OVERSCAN
}

/// The position that element `slot` of a pool of `pool` draws, when positions `start..end` are drawn:
/// position `p` always falls to slot `p % pool`, so scrolling rewrites a few slots instead of building
/// rows. `None` when the slot has nothing to draw.
pub fn position_of_slot(slot: usize, (start, end): (usize, usize), pool: usize) -> Option<usize> {
    if pool == 0 {
        return None;
    }
    let position = start + (slot + pool - start % pool) % pool;
    (position < end).then_some(position)
}

/// The slots in the order of the positions they draw from `start`: the page's order, which a screen
/// reader reads and Tab follows.
pub fn slot_order(start: usize, pool: usize) -> Vec<usize> {
    (start..start + pool)
        .map(|position| position % pool.max(1))
        .collect()
}

/// Where to scroll so that the row at `position` is in view: `None` when it already is, else the
/// scroll position that centres it.
pub fn scroll_to_show(
    position: usize,
    row_height: f64,
    scroll_top: f64,
    viewport: f64,
) -> Option<f64> {
    let top = position as f64 * row_height;
    let in_view = top >= scroll_top && top + row_height <= scroll_top + viewport;
    (!in_view).then(|| (top - viewport / 2.0 + row_height / 2.0).max(0.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_range_follows_the_scroll_with_a_margin() {
        // 66 px rows, an 800 px viewport: 14 rows shown (13 whole, one partly).
        assert_eq!(shown(800.0, 66.0), 14);
        assert_eq!(visible_range(0.0, 800.0, 66.0, 100_000), (0, 20));
        assert_eq!(
            visible_range(66.0 * 1_000.0, 800.0, 66.0, 100_000),
            (994, 1_020)
        );
        assert_eq!(
            visible_range(66.0 * 1_000.0 + 30.0, 800.0, 66.0, 100_000),
            (994, 1_020)
        );
        // Near the end, and a list shorter than the view.
        assert_eq!(
            visible_range(66.0 * 99_990.0, 800.0, 66.0, 100_000),
            (99_984, 100_000)
        );
        assert_eq!(visible_range(0.0, 800.0, 66.0, 3), (0, 3));
        assert_eq!(visible_range(0.0, 800.0, 66.0, 0), (0, 0));
    }

    #[test]
    fn a_view_that_shrinks_under_the_scroll_position_gives_an_empty_range_at_its_end() {
        assert_eq!(visible_range(66.0 * 5_000.0, 800.0, 66.0, 10), (10, 10));
        assert_eq!(
            visible_range(-50.0, 800.0, 66.0, 10),
            (0, 10),
            "overscroll at the top"
        );
    }

    #[test]
    fn a_resize_changes_the_rows_shown_and_the_pool_grows_with_it() {
        assert_eq!(visible_range(0.0, 300.0, 66.0, 1_000), (0, 12));
        assert_eq!(visible_range(0.0, 1_400.0, 66.0, 1_000), (0, 29));
        assert!(pool_size(1_400.0, 66.0) >= 29);
        assert_eq!(pool_size(800.0, 66.0), 26);
        // Taller rows (with a snippet) never need more slots than the shortest rows.
        let (start, end) = visible_range(0.0, 800.0, 104.0, 1_000);
        assert!(end - start <= pool_size(800.0, 66.0));
    }

    #[test]
    fn each_position_in_range_has_exactly_one_slot() {
        let pool = 26;
        for range in [(0, 20), (994, 1_020), (13, 13), (5, 31)] {
            let mut drawn: Vec<usize> = (0..pool)
                .filter_map(|slot| position_of_slot(slot, range, pool))
                .collect();
            drawn.sort_unstable();
            assert_eq!(drawn, (range.0..range.1).collect::<Vec<_>>(), "{range:?}");
            for slot in 0..pool {
                if let Some(p) = position_of_slot(slot, range, pool) {
                    assert_eq!(p % pool, slot);
                }
            }
        }
        assert_eq!(position_of_slot(0, (0, 5), 0), None);
    }

    #[test]
    fn slots_are_ordered_by_the_positions_they_draw() {
        assert_eq!(slot_order(0, 4), [0, 1, 2, 3]);
        assert_eq!(slot_order(6, 4), [2, 3, 0, 1]);
        let order = slot_order(994, 26);
        let positions: Vec<usize> = order
            .iter()
            .filter_map(|&slot| position_of_slot(slot, (994, 1_020), 26))
            .collect();
        assert!(positions.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn the_selected_row_is_scrolled_to_the_middle_only_when_out_of_view() {
        assert_eq!(scroll_to_show(3, 66.0, 0.0, 800.0), None);
        assert_eq!(
            scroll_to_show(1_000, 66.0, 0.0, 800.0),
            Some(66_000.0 - 400.0 + 33.0)
        );
        assert_eq!(scroll_to_show(0, 66.0, 500.0, 800.0), Some(0.0));
        // Partly hidden at the bottom edge counts as out of view.
        assert!(scroll_to_show(12, 66.0, 0.0, 800.0).is_some());
    }
}
