//! Splitting the file's bytes into numbered lines with `memchr`, and turning them into
//! text: UTF-8 is checked a chunk of whole lines at a time as the cursor reaches it (one
//! fast pass instead of one per line), and line by line only in a chunk that holds a bad
//! byte, so a bad byte costs one diagnostic and parsing goes on.

use crate::item::Diagnostic;

/// Longest line accepted, in bytes. A limit on everything: a file without line breaks must
/// not turn into one enormous string.
pub const LINE_LENGTH_MAX: usize = 64 * 1024;

/// UTF-8's byte order mark, which a file may start with and which is not part of its text.
pub(crate) const BYTE_ORDER_MARK: &[u8] = b"\xEF\xBB\xBF";

/// Bytes of UTF-8 checked at once, before the chunk is extended to the end of its line.
const CHUNK_BYTES: usize = 256 * 1024;

/// One line's bytes, without its line break, and its 1-based number.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RawLine<'a> {
    pub number: usize,
    pub bytes: &'a [u8],
    /// The same bytes as text, when the chunk they are in is known to be UTF-8.
    pub checked: Option<&'a str>,
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
        if let Some(text) = self.checked {
            return Ok(text);
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
    /// The chunk of whole lines around the cursor: where it starts, where it ends, and its
    /// text when it is all UTF-8.
    chunk: (usize, usize, Option<&'a str>),
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
            chunk: (start, start, None),
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

    fn find_next(&mut self) -> Option<(RawLine<'a>, usize)> {
        let rest = self.bytes.get(self.position..)?;
        if rest.is_empty() {
            return None;
        }
        let (line, consumed) = match memchr::memchr(b'\n', rest) {
            Some(end) => (&rest[..end], end + 1),
            None => (rest, rest.len()),
        };
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if self.position >= self.chunk.1 {
            self.chunk = self.next_chunk();
        }
        let (chunk_start, _, chunk_text) = self.chunk;
        let from = self.position - chunk_start;
        // Both ends are at a line break or the chunk's ends, so at character boundaries.
        let checked = chunk_text.and_then(|text| text.get(from..from + line.len()));
        Some((
            RawLine {
                number: self.number + 1,
                bytes: line,
                checked,
            },
            consumed,
        ))
    }

    /// The chunk of whole lines that starts at the cursor, checked as UTF-8 at once.
    fn next_chunk(&self) -> (usize, usize, Option<&'a str>) {
        let start = self.position;
        let rough_end = (start + CHUNK_BYTES).min(self.bytes.len());
        let end = match memchr::memchr(b'\n', &self.bytes[rough_end..]) {
            Some(at) => rough_end + at + 1,
            None => self.bytes.len(),
        };
        (
            start,
            end,
            std::str::from_utf8(&self.bytes[start..end]).ok(),
        )
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
    fn a_bad_byte_spoils_only_its_own_line() {
        // Three chunks' worth of lines, a bad byte in the second chunk.
        let good = "2024-01-05 * 售 ok\n";
        let count = 3 * CHUNK_BYTES / good.len();
        let bad_line = count / 2;
        let mut bytes = Vec::new();
        for number in 1..=count {
            if number == bad_line {
                bytes.extend_from_slice(b"2024-01-05 * \xFF\n");
            } else {
                bytes.extend_from_slice(good.as_bytes());
            }
        }
        let mut lines = Lines::new(&bytes);
        let mut texts = 0;
        while let Some(line) = lines.next_line() {
            match line.text() {
                Ok(text) => {
                    assert_eq!(text, good.trim_end());
                    texts += 1;
                }
                Err(diagnostic) => assert_eq!(diagnostic.line, bad_line),
            }
        }
        assert_eq!(texts, count - 1);
    }

    #[test]
    fn refuses_bad_utf8_and_long_lines() {
        let bad = RawLine {
            number: 3,
            bytes: b"ab\xFF",
            checked: None,
        };
        assert_eq!(
            bad.text().unwrap_err().message,
            "line is not valid UTF-8 (bad byte at column 3)"
        );
        let long = vec![b'x'; LINE_LENGTH_MAX + 1];
        assert!(
            RawLine {
                number: 1,
                bytes: &long,
                checked: None,
            }
            .text()
            .is_err()
        );
    }
}
