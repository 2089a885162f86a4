//! Splitting the file's bytes into numbered lines with `memchr`, and turning one line at a
//! time into text: UTF-8 is checked line by line, never for the whole file up front, so a
//! bad byte costs one diagnostic and parsing goes on.

use crate::item::Diagnostic;

/// Longest line accepted, in bytes. A limit on everything: a file without line breaks must
/// not turn into one enormous string.
pub const LINE_LENGTH_MAX: usize = 64 * 1024;

/// UTF-8's byte order mark, which a file may start with and which is not part of its text.
pub(crate) const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// One line's bytes, without its line break, and its 1-based number.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawLine<'a> {
    pub number: usize,
    pub bytes: &'a [u8],
}

impl<'a> RawLine<'a> {
    /// The line as text, or a diagnostic when it is too long or not UTF-8.
    pub fn text(self) -> Result<&'a str, Diagnostic> {
        if self.bytes.len() > LINE_LENGTH_MAX {
            return Err(Diagnostic::new(
                self.number,
                format!(
                    "line is {} bytes long, longer than the {LINE_LENGTH_MAX} allowed",
                    self.bytes.len()
                ),
            ));
        }
        match std::str::from_utf8(self.bytes) {
            Ok(text) => Ok(text),
            Err(error) => Err(Diagnostic::new(
                self.number,
                format!(
                    "line is not valid UTF-8 (bad byte at column {})",
                    error.valid_up_to() + 1
                ),
            )),
        }
    }

    /// Whether the line starts with a space or a tab (a posting or a sub-directive).
    pub fn is_indented(self) -> bool {
        matches!(self.bytes.first(), Some(b' ' | b'\t'))
    }

    /// Whether the line holds nothing but spaces and tabs.
    pub fn is_blank(self) -> bool {
        self.bytes.iter().all(|b| matches!(b, b' ' | b'\t'))
    }
}

/// A cursor over the lines of a file.
#[derive(Debug, Clone)]
pub(crate) struct Lines<'a> {
    bytes: &'a [u8],
    position: usize,
    number: usize,
    /// The next line and its length with the line break, once looked at.
    peeked: Option<(RawLine<'a>, usize)>,
}

impl<'a> Lines<'a> {
    pub fn new(bytes: &'a [u8]) -> Lines<'a> {
        // A byte order mark is not part of the first line's text.
        let start = if bytes.starts_with(BYTE_ORDER_MARK) {
            BYTE_ORDER_MARK.len()
        } else {
            0
        };
        Lines {
            bytes,
            position: start,
            number: 0,
            peeked: None,
        }
    }

    /// Lines consumed so far.
    pub fn number(&self) -> usize {
        self.number
    }

    /// Bytes consumed so far; callers may release the memory behind this offset.
    pub fn offset(&self) -> usize {
        self.position
    }

    fn peek(&mut self) -> Option<(RawLine<'a>, usize)> {
        if self.peeked.is_none() {
            self.peeked = self.find_next();
        }
        self.peeked
    }

    fn find_next(&self) -> Option<(RawLine<'a>, usize)> {
        let rest = self.bytes.get(self.position..)?;
        if rest.is_empty() {
            return None;
        }
        let (line, consumed) = match memchr::memchr(b'\n', rest) {
            Some(end) => (&rest[..end], end + 1),
            None => (rest, rest.len()),
        };
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        Some((
            RawLine {
                number: self.number + 1,
                bytes: line,
            },
            consumed,
        ))
    }

    /// The next line of the file.
    pub fn next_line(&mut self) -> Option<RawLine<'a>> {
        let (line, consumed) = self.peek()?;
        self.advance(consumed);
        Some(line)
    }

    fn advance(&mut self, consumed: usize) {
        self.position += consumed;
        self.number += 1;
        self.peeked = None;
    }

    /// The next line if it continues the current entry or directive: indented and not
    /// blank. A blank line or a line at the left margin is left for the next record.
    pub fn next_continuation(&mut self) -> Option<RawLine<'a>> {
        let (line, consumed) = self.peek()?;
        if !line.is_indented() || line.is_blank() {
            return None;
        }
        self.advance(consumed);
        Some(line)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_lines_and_strips_line_breaks() {
        let mut lines = Lines::new(b"\xEF\xBB\xBFa\r\n  b\n\nc");
        let first = lines.next_line().unwrap();
        assert_eq!((first.number, first.bytes), (1, &b"a"[..]));
        assert_eq!(lines.next_continuation().unwrap().bytes, b"  b");
        assert!(lines.next_continuation().is_none());
        assert!(lines.next_line().unwrap().is_blank());
        let last = lines.next_line().unwrap();
        assert_eq!((last.number, last.bytes), (4, &b"c"[..]));
        assert!(lines.next_line().is_none());
    }

    #[test]
    fn refuses_bad_utf8_and_long_lines() {
        let bad = RawLine {
            number: 3,
            bytes: b"ab\xFF",
        };
        assert_eq!(
            bad.text().unwrap_err().message,
            "line is not valid UTF-8 (bad byte at column 3)"
        );
        let long = vec![b'x'; LINE_LENGTH_MAX + 1];
        assert!(
            RawLine {
                number: 1,
                bytes: &long
            }
            .text()
            .is_err()
        );
    }
}
