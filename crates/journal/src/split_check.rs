//! Checking a large file on two threads: the file is cut at a record boundary near its
//! middle, each part is parsed and checked apart, and the two checkers are merged (the
//! later part's lines moved down by the earlier part's). The result is exactly the
//! one-pass result; when
//! either part or the cut between them holds a problem, the file is checked again in one
//! pass, so that problems are found and ordered exactly as always — the slow path is the
//! rare one.

use std::ops::Range;

use crate::check::Checker;
use crate::item::{Diagnostic, Format, Item};
use crate::lines::BYTE_ORDER_MARK;
use crate::parser::parse;
use crate::{CheckSummary, Parser};

/// Files smaller than this are checked in one pass: a thread costs more than it saves.
const SPLIT_BYTES_MIN: usize = 4 << 20;
/// Bytes read between two calls of the caller's `done` (which may release them).
const DONE_EVERY: usize = 8 << 20;

/// Checks a file, on two threads when it is large; `done` hears of each range of bytes
/// read (a caller that memory-maps the file may release its pages).
pub fn check_in_parallel(
    bytes: &[u8],
    format: Format,
    done: &(dyn Fn(Range<usize>) + Sync),
) -> CheckSummary {
    match cut(bytes) {
        Some(at) if bytes.len() >= SPLIT_BYTES_MIN => check_split(bytes, format, at, done),
        _ => check_part(bytes, format, 0, done).0.finish(),
    }
}

/// Checks a file cut at byte `at`, which must begin a record and follow a line break.
pub fn check_split(
    bytes: &[u8],
    format: Format,
    at: usize,
    done: &(dyn Fn(Range<usize>) + Sync),
) -> CheckSummary {
    let (first, rest) = bytes.split_at(at);
    // The parser skips a byte order mark at the start of what it reads, but only the file's
    // own first bytes are one; further on, the bytes are text of their line.
    if rest.starts_with(BYTE_ORDER_MARK) {
        return check_part(bytes, format, 0, done).0.finish();
    }
    let (early, late) = std::thread::scope(|scope| {
        let early = scope.spawn(|| check_part(first, format, 0, done));
        let late = check_part(rest, format, at, done);
        (early.join(), late)
    });
    let merged = early.ok().and_then(|(early, lines_before)| {
        let (mut late, _) = late;
        late.shift_lines(lines_before);
        early.merge(late)
    });
    match merged {
        Some(merged) => merged.finish(),
        None => check_part(bytes, format, 0, done).0.finish(),
    }
}

/// Checks one part, telling `done` of each range read (`start` is where the part begins
/// in the file); gives the checker and the number of lines read.
fn check_part(
    bytes: &[u8],
    format: Format,
    start: usize,
    done: &(dyn Fn(Range<usize>) + Sync),
) -> (Checker, usize) {
    let mut checker = Checker::new();
    let mut items = Telling::new(parse(bytes, format), start, done);
    for result in items.by_ref() {
        match result {
            Ok(item) => checker.feed(&item),
            Err(diagnostic) => checker.report(diagnostic),
        }
    }
    (checker, items.lines_read())
}

/// A parser that tells `done` of the bytes it has read, every few megabytes and at the end,
/// so that a caller reading a memory-mapped file can release the pages behind it.
pub struct Telling<'a, F: Fn(Range<usize>)> {
    parser: Parser<'a>,
    start: usize,
    told: usize,
    done: F,
}

impl<'a, F: Fn(Range<usize>)> Telling<'a, F> {
    /// `parser` reads the part of a file that begins at byte `start`.
    pub fn new(parser: Parser<'a>, start: usize, done: F) -> Telling<'a, F> {
        Telling {
            parser,
            start,
            told: 0,
            done,
        }
    }

    /// Bytes of the part read so far.
    pub fn offset(&self) -> usize {
        self.parser.offset()
    }

    /// Lines of the part read so far.
    pub fn lines_read(&self) -> usize {
        self.parser.lines_read()
    }
}

impl<F: Fn(Range<usize>)> Iterator for Telling<'_, F> {
    type Item = Result<Item, Diagnostic>;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.parser.next();
        let offset = self.parser.offset();
        if offset - self.told >= DONE_EVERY || (item.is_none() && offset > self.told) {
            (self.done)(self.start + self.told..self.start + offset);
            self.told = offset;
        }
        item
    }
}

/// Where to cut a file: just after the first blank line past its middle. A cut inside a
/// ledger `comment` block leaves the first part with a block that has no end, which is a
/// problem, so the file is then read in one pass; looking for blocks first would read the
/// whole file once more.
fn cut(bytes: &[u8]) -> Option<usize> {
    let middle = bytes.len() / 2;
    let blank = memchr::memmem::find(&bytes[middle..], b"\n\n")?;
    Some(middle + blank + 2)
}
