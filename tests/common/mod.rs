//! What several test files share.

// Not every test file reads records.
#[allow(dead_code)]
pub mod corpus;
#[allow(dead_code)]
pub mod sim_server;

/// A small deterministic generator, so a failure reproduces.
pub struct Lcg(pub u64);
impl Lcg {
    pub fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() as usize) % n.max(1)
    }
}
