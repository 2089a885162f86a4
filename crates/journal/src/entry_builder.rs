//! Assembling an entry from its postings as they are read: at most one amount left out,
//! one commodity per entry, a bounded number of postings, and the exact balance check
//! that fills in the missing amount.

use std::sync::Arc;

use artel_ledger::entry::{MEMO_LENGTH_MAX, POSTINGS_PER_ENTRY_MAX};
use artel_ledger::money::Decimal;

use crate::item::{Diagnostic, Item, ParsedEntry, ParsedPosting};
use crate::parser::State;
use crate::syntax::{format_wide, power_of_ten};

/// An amount as written: the number and its commodity symbol, if any.
pub(crate) type Amount<'t> = (Decimal, Option<&'t str>);

/// An entry being read. Once any of its lines is bad it is `failed`: its remaining lines
/// are still checked (so each bad one is reported) but no entry is emitted.
pub(crate) struct EntryBuilder {
    entry: ParsedEntry,
    /// Index and line of the posting whose amount was left out.
    elided: Option<(usize, usize)>,
    /// The line and commodity of the first posting with an amount, which sets the
    /// entry's commodity.
    first_amount: Option<(usize, Option<Arc<str>>)>,
    failed: bool,
}

fn describe(commodity: Option<&str>) -> String {
    match commodity {
        Some(symbol) => format!("commodity '{symbol}'"),
        None => "no commodity".to_owned(),
    }
}

/// Bytes of the source reference an import gives the entry: its `source:` tag, else its
/// code in parentheses, `(42)`.
fn source_length(entry: &ParsedEntry) -> usize {
    match (entry.source_tag(), &entry.code) {
        (Some(tag), _) => tag.len(),
        (None, Some(code)) => code.len() + "()".len(),
        (None, None) => 0,
    }
}

/// Reads one posting line of a syntax: `None` for a line that holds no posting (a comment
/// or metadata), else the account and the amount, if one is written.
pub type PostingLine = for<'t> fn(&'t str) -> Result<Option<(&'t str, Option<Amount<'t>>)>, String>;

impl EntryBuilder {
    /// Reads the indented lines after an entry's first line as its postings, with the
    /// syntax's `posting_line`, and emits the entry, or a diagnostic for each bad line.
    pub fn read_postings(state: &mut State<'_>, entry: ParsedEntry, posting_line: PostingLine) {
        let mut builder = EntryBuilder::new(state, entry);
        while let Some((line, posting)) = state.next_continuation() {
            let posting = match posting {
                Ok(posting) => posting,
                Err(diagnostic) => {
                    builder.fail(state, diagnostic);
                    continue;
                }
            };
            match posting_line(posting) {
                Ok(None) => {}
                Ok(Some((account, amount))) => builder.push(state, line, account, amount),
                Err(message) => builder.fail(state, Diagnostic::new(line, message)),
            }
        }
        builder.finish(state);
    }

    /// Starts an entry; its description must fit a journal entry's memo, and its source
    /// reference a journal entry's source.
    pub fn new(state: &mut State<'_>, mut entry: ParsedEntry) -> EntryBuilder {
        let mut failed = false;
        if entry.description.len() > MEMO_LENGTH_MAX {
            state.error(
                entry.line,
                format!("the description is longer than {MEMO_LENGTH_MAX} bytes"),
            );
            failed = true;
        }
        if source_length(&entry) > MEMO_LENGTH_MAX {
            state.error(
                entry.line,
                format!("the source reference (a 'source:' tag, else the code) is longer than {MEMO_LENGTH_MAX} bytes"),
            );
            failed = true;
        }
        entry.postings = Vec::with_capacity(4);
        EntryBuilder {
            entry,
            elided: None,
            first_amount: None,
            failed,
        }
    }

    pub fn fail(&mut self, state: &mut State<'_>, diagnostic: Diagnostic) {
        state.report(diagnostic);
        self.failed = true;
    }

    /// Adds one posting, `amount` being `None` when it was left out.
    pub fn push<'a>(
        &mut self,
        state: &mut State<'a>,
        line: usize,
        account: &'a str,
        amount: Option<Amount<'_>>,
    ) {
        let account = match state.account_name(account) {
            Ok(account) => account,
            Err(error) => return self.fail(state, Diagnostic::new(line, error.to_string())),
        };
        if self.entry.postings.len() == POSTINGS_PER_ENTRY_MAX {
            if !self.failed {
                self.fail(
                    state,
                    Diagnostic::new(
                        line,
                        format!("an entry may have at most {POSTINGS_PER_ENTRY_MAX} postings"),
                    ),
                );
            }
            self.failed = true;
            return;
        }
        let (amount, commodity) = match amount {
            Some((amount, commodity)) => {
                let commodity = commodity.map(|symbol| state.commodity(symbol));
                if let Err(message) = self.check_commodity(line, commodity.as_ref()) {
                    return self.fail(state, Diagnostic::new(line, message));
                }
                (amount, commodity)
            }
            None => {
                if let Some((_, first)) = self.elided {
                    let message = format!(
                        "two postings have no amount (lines {first} and {line}); at most one amount may be left out"
                    );
                    return self.fail(state, Diagnostic::new(line, message));
                }
                self.elided = Some((self.entry.postings.len(), line));
                (
                    Decimal {
                        mantissa: 0,
                        scale: 0,
                    },
                    None,
                )
            }
        };
        self.entry.postings.push(ParsedPosting {
            line,
            account,
            amount,
            commodity,
        });
    }

    fn check_commodity(&mut self, line: usize, commodity: Option<&Arc<str>>) -> Result<(), String> {
        let Some((first_line, first)) = &self.first_amount else {
            self.first_amount = Some((line, commodity.cloned()));
            return Ok(());
        };
        if first.as_deref() == commodity.map(|c| &**c) {
            return Ok(());
        }
        Err(format!(
            "this posting's amount has {} but the entry's amount on line {first_line} has {}; one entry holds one commodity",
            describe(commodity.map(|c| &**c)),
            describe(first.as_deref())
        ))
    }

    /// Checks the entry as a whole and emits it, or its diagnostic.
    pub fn finish(mut self, state: &mut State<'_>) {
        if self.failed {
            return;
        }
        let line = self.entry.line;
        let count = self.entry.postings.len();
        if count < 2 {
            return state.error(
                line,
                format!("an entry needs at least two postings, this one has {count}"),
            );
        }
        match self.balance() {
            Ok(()) => state.emit(Item::Entry(self.entry)),
            Err(message) => state.error(line, message),
        }
    }

    /// Sums the amounts exactly at the entry's largest scale; fills in the amount left out,
    /// or refuses an entry that does not sum to zero.
    fn balance(&mut self) -> Result<(), String> {
        let elided_index = self.elided.map(|(index, _)| index);
        let explicit = || {
            self.entry
                .postings
                .iter()
                .enumerate()
                .filter(|(i, _)| Some(*i) != elided_index)
        };
        let scale = explicit().map(|(_, p)| p.amount.scale).max().unwrap_or(0);
        let overflow = || "the amounts of this entry overflow the range of exact money".to_owned();
        let mut sum: i128 = 0;
        for (_, posting) in explicit() {
            let widened =
                i128::from(posting.amount.mantissa) * power_of_ten(scale - posting.amount.scale);
            sum = sum.checked_add(widened).ok_or_else(overflow)?;
        }
        let commodity = explicit()
            .map(|(_, p)| p.commodity.clone())
            .next()
            .flatten();
        match elided_index.and_then(|index| self.entry.postings.get_mut(index)) {
            Some(posting) => {
                let mantissa = i64::try_from(-sum).map_err(|_| overflow())?;
                posting.amount = Decimal { mantissa, scale };
                posting.commodity = commodity;
                Ok(())
            }
            None if sum == 0 => Ok(()),
            None => {
                let suffix = commodity
                    .map(|symbol| format!(" {symbol}"))
                    .unwrap_or_default();
                Err(format!(
                    "posting amounts do not balance: off by {}{suffix}",
                    format_wide(sum, scale)
                ))
            }
        }
    }
}
