//! Which turns of a very long transcript are in the page: the maths, apart from the browser.
//!
//! A transcript of 50,000 turns cannot all be in the DOM. Turns are grouped in blocks of [`BLOCK`];
//! only the blocks near the view are rendered, and spacers stand in for the rest at their height (an
//! estimate from the text's length until the block has been rendered and measured).

use std::ops::Range;

/// Turns per block: small enough that a block renders well inside a frame, large enough that a
/// 50,000-turn transcript is a thousand blocks.
pub const BLOCK: usize = 50;

/// Transcripts up to this many turns are rendered whole (so the browser's find and printing see
/// everything); longer ones by block.
pub const WHOLE_UP_TO: usize = 300;

/// The heights of a transcript's blocks, in pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct TurnLayout {
    heights: Vec<f64>,
    turns: usize,
}

impl TurnLayout {
    /// A layout from each turn's estimated height.
    pub fn from_estimates(estimates: &[f64]) -> Self {
        TurnLayout {
            heights: estimates.chunks(BLOCK).map(|c| c.iter().sum()).collect(),
            turns: estimates.len(),
        }
    }

    pub fn blocks(&self) -> usize {
        self.heights.len()
    }

    /// The turns of `block`.
    pub fn turns_of(&self, block: usize) -> Range<usize> {
        let start = (block * BLOCK).min(self.turns);
        start..(start + BLOCK).min(self.turns)
    }

    pub fn block_of(turn: usize) -> usize {
        turn / BLOCK
    }

    /// Where `block` starts, from the top of the transcript.
    pub fn offset(&self, block: usize) -> f64 {
        self.heights.iter().take(block).sum()
    }

    /// The height of the blocks in `blocks`.
    pub fn height(&self, blocks: Range<usize>) -> f64 {
        let count = blocks.end.saturating_sub(blocks.start);
        self.heights.iter().skip(blocks.start).take(count).sum()
    }

    /// Records a rendered block's real height; returns whether it differed from what was assumed.
    pub fn measured(&mut self, block: usize, height: f64) -> bool {
        match self.heights.get_mut(block) {
            Some(h) if height.is_finite() && height >= 0.0 && (*h - height).abs() >= 0.5 => {
                *h = height;
                true
            }
            _ => false,
        }
    }

    /// The blocks that meet the band from `top` to `bottom` (pixels from the transcript's top), widened
    /// by `margin` on each side so that a short scroll finds its turns already there. Never empty while
    /// there are blocks: a band outside the transcript gives the nearest block.
    pub fn visible(&self, top: f64, bottom: f64, margin: f64) -> Range<usize> {
        let n = self.heights.len();
        if n == 0 {
            return 0..0;
        }
        let (top, bottom) = (top - margin, bottom.max(top) + margin);
        let mut start = None;
        let mut end = 0;
        let mut at = 0.0;
        for (block, height) in self.heights.iter().enumerate() {
            let next = at + height;
            if next > top && at < bottom {
                start.get_or_insert(block);
                end = block + 1;
            }
            if at >= bottom {
                break;
            }
            at = next;
        }
        match start {
            Some(start) => start..end,
            None if top >= at => n - 1..n,
            None => 0..1,
        }
    }
}

/// A turn's height before it has been rendered: a header line, then the text wrapped at about
/// `chars_per_line` characters (at least one line).
pub fn estimate_turn_height(text_chars: usize, chars_per_line: usize) -> f64 {
    const HEADER: f64 = 20.0;
    const LINE: f64 = 24.0;
    const PADDING: f64 = 24.0;
    let lines = text_chars.div_ceil(chars_per_line.max(1)).max(1);
    HEADER + LINE * lines as f64 + PADDING
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(turns: usize, each: f64) -> TurnLayout {
        TurnLayout::from_estimates(&vec![each; turns])
    }

    #[test]
    fn blocks_group_turns_and_offsets_add_up() {
        let layout = layout(120, 10.0);
        assert_eq!(layout.blocks(), 3);
        assert_eq!(layout.turns_of(0), 0..50);
        assert_eq!(layout.turns_of(2), 100..120);
        assert_eq!(layout.turns_of(5), 120..120);
        assert_eq!(layout.offset(0), 0.0);
        assert_eq!(layout.offset(2), 1000.0);
        assert_eq!(layout.offset(9), 1200.0);
        assert_eq!(layout.height(1..3), 700.0);
        assert_eq!(TurnLayout::block_of(99), 1);
        assert_eq!(TurnLayout::block_of(100), 2);
    }

    #[test]
    fn the_band_in_view_picks_its_blocks_with_a_margin() {
        let layout = layout(50_000, 60.0); // blocks of 3,000 px
        assert_eq!(layout.blocks(), 1_000);
        assert_eq!(layout.visible(0.0, 800.0, 0.0), 0..1);
        assert_eq!(layout.visible(2_900.0, 3_100.0, 0.0), 0..2);
        assert_eq!(layout.visible(2_900.0, 3_100.0, 3_000.0), 0..3);
        assert_eq!(layout.visible(1_500_000.0, 1_500_800.0, 800.0), 499..501);
        // Scrolled past the end (the view shrank under the scroll position): the last block.
        assert_eq!(layout.visible(9e9, 9e9 + 800.0, 800.0), 999..1000);
        // Above the top (overscroll): the first.
        assert_eq!(layout.visible(-5_000.0, -4_000.0, 0.0), 0..1);
        assert_eq!(layout.visible(-500.0, 100.0, 0.0), 0..1);
        assert_eq!(
            TurnLayout::from_estimates(&[]).visible(0.0, 10.0, 0.0),
            0..0
        );
    }

    #[test]
    fn measuring_corrects_the_estimate_and_moves_what_follows() {
        let mut layout = layout(150, 10.0);
        assert!(layout.measured(0, 800.0));
        assert!(
            !layout.measured(0, 800.2),
            "sub-pixel noise is not a change"
        );
        assert!(!layout.measured(7, 100.0), "no such block");
        assert!(!layout.measured(1, f64::NAN));
        assert_eq!(layout.offset(1), 800.0);
        assert_eq!(layout.offset(3), 1800.0);
        assert_eq!(layout.visible(850.0, 900.0, 0.0), 1..2);
    }

    #[test]
    fn estimates_grow_with_the_text() {
        let short = estimate_turn_height(10, 80);
        let long = estimate_turn_height(800, 80);
        assert_eq!(estimate_turn_height(0, 80), short);
        assert!(long > short * 3.0);
        assert!(estimate_turn_height(10, 0).is_finite());
    }
}
