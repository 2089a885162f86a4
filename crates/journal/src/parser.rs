//! The streaming parser: an iterator that yields one item or one diagnostic at a time.
//!
//! A record is a line at the left margin and the indented lines after it. Every error is
//! confined to its record, so after one the parser simply goes on with the next record:
//! every bad line of a file is reported, not only the first.

use std::collections::VecDeque;
use std::sync::Arc;

use artel_ledger::AccountName;
use artel_ledger::account::AccountNameError;
use rustc_hash::FxHashMap;

use crate::item::{Diagnostic, Format, Item};
use crate::lines::{Lines, RawLine};
use crate::{beancount, ledger};

/// Parses `bytes` (usually a memory-mapped file) in the given syntax, lazily.
pub fn parse(bytes: &[u8], format: Format) -> Parser<'_> {
    let state = State {
        lines: Lines::new(bytes),
        out: VecDeque::new(),
        last_commodity: None,
        names: FxHashMap::default(),
    };
    Parser { state, format }
}

/// An iterator over the items of a journal file and the diagnostics of its bad lines, in
/// the order of the file (a record's diagnostics together, before the next record's).
#[derive(Debug)]
pub struct Parser<'a> {
    state: State<'a>,
    format: Format,
}

impl Parser<'_> {
    /// Bytes of the input consumed so far. A caller that memory-maps the file may release
    /// the pages before this offset.
    pub fn offset(&self) -> usize {
        self.state.lines.offset()
    }

    /// Lines of the input read so far.
    pub fn lines_read(&self) -> usize {
        self.state.lines.number()
    }
}

impl Iterator for Parser<'_> {
    type Item = Result<Item, Diagnostic>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(next) = self.state.out.pop_front() {
                return Some(next);
            }
            let line = self.state.lines.next_line()?;
            self.state.record(line, self.format);
        }
    }
}

/// What the syntax modules work on: the line cursor and the queue of results of the
/// record being read (a record gives one item, or one diagnostic per bad line).
#[derive(Debug)]
pub(crate) struct State<'a> {
    pub lines: Lines<'a>,
    out: VecDeque<Result<Item, Diagnostic>>,
    /// The commodity of the last amount, shared by the postings that use it again.
    last_commodity: Option<Arc<str>>,
    /// Account names already checked, by their text in the file: a name seen again is
    /// cloned, not checked again (that check was a fifth of the parse time).
    names: FxHashMap<&'a str, AccountName>,
}

/// Most account names remembered; past it the memory starts afresh.
const NAMES_REMEMBERED_MAX: usize = 4096;

impl<'a> State<'a> {
    fn record(&mut self, line: RawLine<'a>, format: Format) {
        if line.is_blank() {
            return;
        }
        let text = match line.text() {
            Ok(text) => text,
            Err(diagnostic) => {
                self.report(diagnostic);
                self.skip_continuation();
                return;
            }
        };
        if line.is_indented() {
            self.orphan(line.number, text, format);
            return;
        }
        match format {
            Format::Ledger => ledger::record(self, line.number, text),
            Format::Beancount => beancount::record(self, line.number, text),
        }
    }

    /// An indented line that follows no entry or directive: a comment is harmless, anything
    /// else would be silently lost, so it is an error.
    fn orphan(&mut self, number: usize, text: &str, format: Format) {
        let body = text.trim_start();
        let harmless =
            body.starts_with(';') || (format == Format::Beancount && beancount::is_metadata(body));
        if !harmless {
            self.report(Diagnostic::new(
                number,
                "indented line outside any entry or directive (a blank line or a line at the left margin ended the entry before it)",
            ));
        }
    }

    pub fn emit(&mut self, item: Item) {
        self.out.push_back(Ok(item));
    }

    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.out.push_back(Err(diagnostic));
    }

    pub fn error(&mut self, line: usize, message: impl Into<String>) {
        self.report(Diagnostic::new(line, message));
    }

    /// Skips the indented lines of a record that could not be read.
    pub fn skip_continuation(&mut self) {
        while self.lines.next_continuation().is_some() {}
    }

    /// The indented lines of the current record, as text or as a diagnostic each.
    pub fn next_continuation(&mut self) -> Option<(usize, Result<&'a str, Diagnostic>)> {
        self.lines
            .next_continuation()
            .map(|line| (line.number, line.text()))
    }

    /// The account name written as `text`.
    pub fn account_name(&mut self, text: &'a str) -> Result<AccountName, AccountNameError> {
        if let Some(name) = self.names.get(text) {
            return Ok(name.clone());
        }
        let name = AccountName::parse(text)?;
        if self.names.len() == NAMES_REMEMBERED_MAX {
            self.names.clear();
        }
        self.names.insert(text, name.clone());
        Ok(name)
    }

    /// A shared copy of a commodity symbol; the same symbol as last time costs no
    /// allocation.
    pub fn commodity(&mut self, symbol: &str) -> Arc<str> {
        match &self.last_commodity {
            Some(last) if &**last == symbol => Arc::clone(last),
            _ => {
                let shared: Arc<str> = Arc::from(symbol);
                self.last_commodity = Some(Arc::clone(&shared));
                shared
            }
        }
    }
}
