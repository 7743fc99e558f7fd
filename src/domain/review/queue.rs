//! The review queue: all of a view's calls, or a seeded random sample of them, optionally split into
//! parts so that reviewers can share a campaign ("part 1 of 2" and "part 2 of 2").
//!
//! The sample depends only on the seed and the call IDs, never on the order calls arrived in or the
//! list's sort: the same link shows every reviewer the same calls. Parts are disjoint and together they
//! are the whole sample.

use super::marks::Verdict;

/// How much of the view the queue takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Take {
    All,
    /// A share of the view, 1 to 100 per cent (rounded up, so a small view still gives a call).
    Percent(u8),
    /// At most this many calls.
    Count(u32),
}

/// The queue as the URL holds it: `queue=all|10%|40`, `seed=…`, `part=1of2`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QueueSpec {
    pub take: Take,
    pub seed: u32,
    /// This reviewer's part, 1-based, and how many parts there are (1 of 1: no split).
    pub part: u16,
    pub parts: u16,
}

impl QueueSpec {
    pub fn all() -> Self {
        QueueSpec {
            take: Take::All,
            seed: 0,
            part: 1,
            parts: 1,
        }
    }

    pub fn take_param(&self) -> String {
        match self.take {
            Take::All => "all".to_owned(),
            Take::Percent(p) => format!("{p}%"),
            Take::Count(n) => n.to_string(),
        }
    }

    pub fn part_param(&self) -> Option<String> {
        (self.parts > 1).then(|| format!("{}of{}", self.part, self.parts))
    }

    /// Reads `queue`; `None` for anything that is not a queue.
    pub fn take_from_param(value: &str) -> Option<Take> {
        let value = value.trim();
        if value == "all" {
            return Some(Take::All);
        }
        if let Some(p) = value.strip_suffix('%') {
            return p
                .trim()
                .parse::<u8>()
                .ok()
                .filter(|p| (1..=100).contains(p))
                .map(Take::Percent);
        }
        value
            .parse::<u32>()
            .ok()
            .filter(|n| *n > 0)
            .map(Take::Count)
    }

    /// Reads `part=KofN`; an impossible part is no split.
    pub fn part_from_param(value: &str) -> (u16, u16) {
        value
            .split_once("of")
            .and_then(|(k, n)| Some((k.trim().parse::<u16>().ok()?, n.trim().parse::<u16>().ok()?)))
            .filter(|(k, n)| *n >= 1 && *n <= 100 && (1..=*n).contains(k))
            .unwrap_or((1, 1))
    }

    /// What the queue is, in words: "A 10 % sample, part 1 of 2".
    pub fn describe(&self) -> String {
        let what = match self.take {
            Take::All => "All calls of the view".to_owned(),
            Take::Percent(p) => format!("A {p} % sample (seed {})", self.seed),
            Take::Count(n) => format!("A sample of {n} (seed {})", self.seed),
        };
        match self.part_param() {
            Some(_) => format!("{what}, part {} of {}", self.part, self.parts),
            None => what,
        }
    }

    /// Which of `ids` (a view's calls, any order) are in the queue: a flag per ID.
    pub fn members(&self, ids: &[&str]) -> Vec<bool> {
        let total = ids.len();
        let size = match self.take {
            Take::All => total,
            Take::Percent(p) => (total * usize::from(p)).div_ceil(100),
            Take::Count(n) => total.min(n as usize),
        };
        // Rank by a hash of seed and ID; the first `size` are the sample.
        let mut ranked: Vec<(u64, usize)> = match self.take {
            // No sample: the view's own order, so parts are runs of the list.
            Take::All => (0..total).map(|i| (i as u64, i)).collect(),
            _ => ids
                .iter()
                .enumerate()
                .map(|(i, id)| (rank(self.seed, id), i))
                .collect(),
        };
        ranked.sort_unstable();
        let parts = usize::from(self.parts.max(1));
        let part = usize::from(self.part.clamp(1, self.parts.max(1))) - 1;
        let from = size * part / parts;
        let to = size * (part + 1) / parts;
        let mut member = vec![false; total];
        for &(_, i) in ranked.get(from..to).unwrap_or(&[]) {
            if let Some(flag) = member.get_mut(i) {
                *flag = true;
            }
        }
        member
    }
}

/// A stable 64-bit hash of the seed and an ID (FNV-1a, then a SplitMix64 finish): the same in every
/// build and browser, unlike the standard library's.
fn rank(seed: u32, id: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325 ^ u64::from(seed);
    for byte in id.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash = (hash ^ (hash >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    hash = (hash ^ (hash >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    hash ^ (hash >> 31)
}

/// A queue as the view ran it: its calls (store numbers, in the view's order) and how far it has got.
pub type QueueRun = (Vec<u32>, QueueProgress);

/// How far a queue has got.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueueProgress {
    pub size: usize,
    pub reviewed: usize,
    /// Reviewed calls per verdict, in [`Verdict::ALL`]'s order, and reviewed without a verdict.
    pub verdicts: [usize; 3],
    pub no_verdict: usize,
}

impl QueueProgress {
    /// Counts one call of the queue.
    pub fn count(&mut self, reviewed: bool, verdict: Option<Verdict>) {
        self.size += 1;
        if !reviewed {
            return;
        }
        self.reviewed += 1;
        match verdict
            .and_then(|v| Verdict::ALL.iter().position(|a| *a == v))
            .and_then(|i| self.verdicts.get_mut(i))
        {
            Some(n) => *n += 1,
            None => self.no_verdict += 1,
        }
    }

    pub fn is_done(&self) -> bool {
        self.size > 0 && self.reviewed == self.size
    }

    /// "12 of 40 reviewed".
    pub fn line(&self) -> String {
        format!("{} of {} reviewed", self.reviewed, self.size)
    }

    /// The counts per verdict: "Good 30 · Needs attention 6 · Bad 4 · No verdict 0".
    pub fn verdict_line(&self) -> String {
        let mut parts: Vec<String> = Verdict::ALL
            .iter()
            .zip(self.verdicts)
            .map(|(v, n)| format!("{} {n}", v.label()))
            .collect();
        if self.no_verdict > 0 {
            parts.push(format!("No verdict {}", self.no_verdict));
        }
        parts.join(" · ")
    }
}

/// Where `j` (forward) or `k` goes in a queue: the next call not yet reviewed after `current` in `rows`,
/// wrapping round; `None` when every call is reviewed (then the list's plain order applies).
pub fn next_unreviewed(
    rows: &[u32],
    current: Option<usize>,
    forward: bool,
    reviewed: impl Fn(u32) -> bool,
) -> Option<usize> {
    let n = rows.len();
    if n == 0 {
        return None;
    }
    (1..=n)
        .map(|step| match (current, forward) {
            (Some(c), true) => (c + step) % n,
            (Some(c), false) => (c + n * 2 - step) % n,
            (None, true) => (step - 1) % n,
            (None, false) => n - step,
        })
        .find(|&i| rows.get(i).is_some_and(|&r| !reviewed(r)))
}
