//! Reading a journal as `artel check ledger|beancount` does — parsed and checked in one
//! streaming pass, or cut in two and checked on two threads — and as `artel import` does
//! (see [`crate::import_passes`]). Whatever the bytes: no panic, the same verdict from
//! every way of reading, every diagnostic on a line of the file, and every byte of it
//! reported read to the caller that releases a memory map behind the parser.

use std::ops::Range;
use std::sync::{Mutex, PoisonError};

use artel_journal::{CheckSummary, Format, check, check_in_parallel, check_split};

use crate::import_passes;
use crate::lines::{assert_within, line_count};

/// Most cuts tried per input: each spawns a thread, and a few places (the first blank line,
/// the one `check_in_parallel` would pick, the last) find what any other would.
const CUTS_MAX: usize = 3;

/// Reads `bytes` in `format` every way Artel does and checks that they agree.
pub fn exercise(bytes: &[u8], format: Format) {
    let lines = line_count(bytes);
    let whole = check(bytes, format);
    let found = whole.diagnostics().iter().map(|d| d.line);
    assert_within(found, lines, "check");

    let (parallel, told) = telling(|done| check_in_parallel(bytes, format, done));
    assert_eq!(parallel, whole, "check_in_parallel differs from check");
    assert_covers(told, bytes.len(), "check_in_parallel");

    for at in cuts(bytes) {
        let (split, told) = telling(|done| check_split(bytes, format, at, done));
        assert_eq!(split, whole, "check_split at byte {at} differs from check");
        assert_covers(told, bytes.len(), "check_split");
    }

    import_passes::agree(bytes, format, &whole);
}

/// Runs a check with a `done` that records the ranges it is told of.
fn telling(
    run: impl FnOnce(&(dyn Fn(Range<usize>) + Sync)) -> CheckSummary,
) -> (CheckSummary, Vec<Range<usize>>) {
    let told = Mutex::new(Vec::new());
    let summary = run(&|range| {
        told.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(range)
    });
    (
        summary,
        told.into_inner().unwrap_or_else(PoisonError::into_inner),
    )
}

/// Checks that the ranges told cover `0..length` without a gap and stay within it. They
/// overlap when a split check falls back to one pass and reads the file again.
fn assert_covers(mut told: Vec<Range<usize>>, length: usize, what: &str) {
    told.sort_by_key(|range| range.start);
    let mut covered = 0;
    for range in told {
        assert!(range.start <= covered, "{what}: a gap before {range:?}");
        assert!(range.end <= length, "{what}: {range:?} ends past the input");
        covered = covered.max(range.end);
    }
    assert_eq!(
        covered, length,
        "{what}: the bytes told end before the input's end"
    );
}

/// Places `check_split` may cut at (just after a blank line): the first, the first past
/// the middle (where `check_in_parallel` cuts a large file) and the last.
fn cuts(bytes: &[u8]) -> Vec<usize> {
    let all: Vec<usize> = bytes
        .windows(2)
        .enumerate()
        .filter(|(_, pair)| *pair == b"\n\n")
        .map(|(at, _)| at + 2)
        .collect();
    let middle = all.iter().copied().find(|at| *at - 2 >= bytes.len() / 2);
    let mut chosen: Vec<usize> = [all.first().copied(), middle, all.last().copied()]
        .into_iter()
        .flatten()
        .collect();
    chosen.dedup();
    chosen.truncate(CUTS_MAX);
    chosen
}
