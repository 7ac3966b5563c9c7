//! Where each character of the view came from in the original text, kept
//! as runs rather than as an entry per byte: nearly every character of
//! the view is one character of the original, the one after the previous
//! character's, so a whole stretch of text is one run. An entry per byte
//! cost eight bytes per byte of text.

use crate::utf8::char_starts;

/// Bytes of the view between two counts of the characters before them.
const BLOCK: usize = 64;

/// Characters of the view from `first` on: when `end` is `start + 1`,
/// character `first + k` came from code point `start + k` of the original
/// (and ends before `start + k + 1`); otherwise each of them came from the
/// group `start..end` (a letter and the marks composed into it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Run {
    first: u32,
    start: u32,
    end: u32,
}

impl Run {
    fn one_to_one(&self) -> bool {
        self.end == self.start + 1
    }
}

/// The map from the view's bytes to code points of the original.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Origins {
    runs: Vec<Run>,
    /// Characters of the view so far.
    chars: u32,
    /// For each block of [`BLOCK`] bytes of the view, the characters
    /// that start before it (made by [`Origins::finish`]).
    blocks: Vec<u32>,
    /// Code points of the original.
    total: u32,
}

impl Origins {
    /// Appends `n` characters of the view that are code points `start..`
    /// of the original, one each.
    pub(crate) fn one_each(&mut self, n: usize, start: usize) {
        if n == 0 {
            return;
        }
        let start = start as u32;
        let continues = self
            .runs
            .last()
            .is_some_and(|r| r.one_to_one() && r.start + (self.chars - r.first) == start);
        if !continues {
            self.runs.push(Run {
                first: self.chars,
                start,
                end: start + 1,
            });
        }
        self.chars += n as u32;
    }

    /// Appends one character of the view that came from code points
    /// `start..end` of the original.
    pub(crate) fn one(&mut self, start: usize, end: usize) {
        if end == start + 1 {
            return self.one_each(1, start);
        }
        let (start, end) = (start as u32, end as u32);
        let same_group = self
            .runs
            .last()
            .is_some_and(|r| !r.one_to_one() && r.start == start && r.end == end);
        if !same_group {
            self.runs.push(Run {
                first: self.chars,
                start,
                end,
            });
        }
        self.chars += 1;
    }

    /// Ends the map of `view`, whose original has `total` code points.
    pub(crate) fn finish(&mut self, view: &str, total: usize) {
        self.total = total as u32;
        let mut before = 0;
        self.blocks = view
            .as_bytes()
            .chunks(BLOCK)
            .map(|block| {
                let at = before;
                before += char_starts(block) as u32;
                at
            })
            .collect();
    }

    /// The index of the view's character holding byte `b` (`b` below the
    /// view's length).
    fn char_at(&self, view: &str, b: usize) -> u32 {
        let block = b / BLOCK;
        let counted = char_starts(&view.as_bytes()[block * BLOCK..=b]) as u32;
        self.blocks[block] + counted - 1
    }

    /// The code points of the original that character `c` of the view
    /// came from.
    fn origin(&self, c: u32) -> (u32, u32) {
        let r = self.runs[self.runs.partition_point(|r| r.first <= c) - 1];
        if r.one_to_one() {
            let start = r.start + (c - r.first);
            (start, start + 1)
        } else {
            (r.start, r.end)
        }
    }

    /// The code point of the original where the character holding byte
    /// `b` of `view` starts; the original's length at the view's end.
    pub(crate) fn start(&self, view: &str, b: usize) -> usize {
        if b == view.len() {
            return self.total as usize;
        }
        self.origin(self.char_at(view, b)).0 as usize
    }

    /// The code point of the original just after the character (with its
    /// composed marks) holding byte `b` of `view`.
    pub(crate) fn end(&self, view: &str, b: usize) -> usize {
        self.origin(self.char_at(view, b)).1 as usize
    }
}
