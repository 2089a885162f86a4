//! Counting an input's lines as the readers number them, to check the line a problem names.

/// Lines of `bytes`: one per line break, and one more for text after the last break.
/// The readers number lines from 1 and split them at `\n` only (a `\r` before it is part
/// of the break), so a problem's line must lie within `1..=line_count(bytes)`.
pub fn line_count(bytes: &[u8]) -> usize {
    let breaks = bytes.iter().filter(|b| **b == b'\n').count();
    let unterminated = bytes.last().is_some_and(|b| *b != b'\n');
    breaks + usize::from(unterminated)
}

/// Checks that every line in `lines` is a line of an input of `count` lines; `what` says
/// which reader and what kind of line, for the crash report.
pub fn assert_within(lines: impl IntoIterator<Item = usize>, count: usize, what: &str) {
    for line in lines {
        assert!(
            (1..=count).contains(&line),
            "{what}: line {line} is not a line of this input of {count} lines"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_lines_as_the_readers_number_them() {
        assert_eq!(line_count(b""), 0);
        assert_eq!(line_count(b"a"), 1);
        assert_eq!(line_count(b"a\n"), 1);
        assert_eq!(line_count(b"a\r\n\nb"), 3);
        assert_eq!(line_count(b"\n\n"), 2);
    }
}
