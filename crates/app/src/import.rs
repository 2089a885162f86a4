//! Importing a ledger or beancount journal into a book, all or nothing, in two streaming
//! passes over the memory-mapped file: the first checks every line against the file's
//! rules and the book's (currency, decimals, closed periods, account types) and reports
//! every problem; only a clean file is read again and written, in batches, in one
//! transaction. Neither pass holds the file's entries in memory.

use std::collections::{BTreeSet, HashMap};
use std::path::Path;
use std::sync::Arc;

use artel_journal::{CheckSummary, Checker, Diagnostic, Format, Item, ParsedEntry};
use artel_ledger::{
    Account, AccountName, AccountType, Currency, JournalEntry, Money, MoneyError, Period, Posting,
};

use artel_store::{Numbered, StoreError};

use crate::mapped_file::MappedFile;
use crate::{AppError, Artel, ImportOutcome, Problem};

/// Entries per batch sent from the parser thread to the writer.
const ENTRIES_PER_BATCH: usize = 1_024;
/// Batches that may wait between parser and writer; bounds the memory of an import.
const BATCHES_IN_FLIGHT: usize = 4;

/// Why the parser thread stopped sending batches before the end of the file.
enum Stop {
    /// A line the first pass found clean no longer reads: the file changed.
    Changed(Diagnostic),
    /// The book refused a batch as it was numbered.
    Refused(StoreError),
}

/// Reports how far an import has read: bytes done and bytes in all.
pub type Progress = dyn Fn(u64, u64) + Send + Sync;

/// What an import did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportSummary {
    pub outcome: ImportOutcome,
    pub accounts_created: Vec<AccountName>,
}

fn problems(file: &str, diagnostics: impl IntoIterator<Item = Diagnostic>) -> Vec<Problem> {
    diagnostics
        .into_iter()
        .map(|d| Problem {
            place: format!("{file}:{}", d.line),
            message: d.message,
        })
        .collect()
}

/// Checks a journal without a database: every problem, or its summary (balances too).
pub fn check_journal(path: &Path, format: Format) -> Result<CheckSummary, AppError> {
    let file = MappedFile::open(path)?;
    let summary =
        artel_journal::check_in_parallel(file.bytes(), format, &|range| file.release(range));
    if !summary.is_ok() {
        return Err(AppError::Rejected(problems(
            &path.display().to_string(),
            summary.diagnostics().to_vec(),
        )));
    }
    Ok(summary)
}

/// What the first pass needs to know of the book.
struct BookRules {
    currency: Currency,
    closed: BTreeSet<Period>,
    types: HashMap<AccountName, AccountType>,
}

/// The first pass: the file's own rules and the book's, every problem with its line.
fn first_pass(
    file: &MappedFile,
    format: Format,
    rules: &BookRules,
) -> (CheckSummary, Vec<Diagnostic>) {
    let mut checker = Checker::new();
    let mut book_problems = Vec::new();
    for result in file.items(format) {
        let item = match result {
            Ok(item) => item,
            Err(diagnostic) => {
                checker.report(diagnostic);
                continue;
            }
        };
        checker.feed(&item);
        match &item {
            Item::Entry(entry) => check_entry_against_book(entry, rules, &mut book_problems),
            Item::AccountDeclaration {
                line,
                name,
                account_type: Some(declared),
                ..
            } => {
                if let Some(existing) = rules
                    .types
                    .get(name)
                    .filter(|existing| *existing != declared)
                {
                    book_problems.push(Diagnostic::new(*line, format!("account '{name}' is declared as {declared}, but the book has it as {existing}")));
                }
            }
            Item::Commodity { line, symbol, .. } if symbol != rules.currency.symbol() => {
                book_problems.push(currency_problem(*line, symbol, &rules.currency));
            }
            _ => {}
        }
    }
    (checker.finish(), book_problems)
}

fn currency_problem(line: usize, symbol: &str, currency: &Currency) -> Diagnostic {
    Diagnostic::new(
        line,
        format!(
            "the file's currency '{symbol}' differs from the book's '{}'",
            currency.symbol()
        ),
    )
}

fn check_entry_against_book(
    entry: &ParsedEntry,
    rules: &BookRules,
    problems: &mut Vec<Diagnostic>,
) {
    let period = Period::of(entry.date);
    if rules.closed.contains(&period) {
        problems.push(Diagnostic::new(
            entry.line,
            format!(
                "the entry is dated {}, in the closed period {period}",
                entry.date
            ),
        ));
    }
    // The running sum in the book's minor units, as `JournalEntry::new` adds the postings:
    // a balanced entry whose sum overflows on the way is refused here, on its line.
    let mut sum = Some(Money::ZERO);
    for posting in &entry.postings {
        match posting.amount.to_money(rules.currency.scale()) {
            Ok(amount) => sum = sum.and_then(|s| s.checked_add(amount).ok()),
            Err(MoneyError::TooManyDecimals { .. }) => problems.push(Diagnostic::new(
                posting.line,
                format!(
                    "amount {} has more decimal places than {} allows ({})",
                    posting.amount,
                    rules.currency.symbol(),
                    rules.currency.scale()
                ),
            )),
            Err(error) => problems.push(Diagnostic::new(
                posting.line,
                format!("amount {}: {error}", posting.amount),
            )),
        }
        if let Some(commodity) = posting.commodity.as_deref()
            && commodity != rules.currency.symbol()
        {
            problems.push(currency_problem(posting.line, commodity, &rules.currency));
        }
    }
    if sum.is_none() {
        problems.push(Diagnostic::new(
            entry.line,
            "the postings overflow the range of exact money when added up".to_owned(),
        ));
    }
}

/// Turns a checked entry into a journal entry in the book's minor units.
fn journal_entry(entry: &ParsedEntry, scale: u8) -> Result<JournalEntry, Diagnostic> {
    let fail = |message: String| Diagnostic::new(entry.line, message);
    let postings = entry
        .postings
        .iter()
        .map(|p| {
            Ok(Posting {
                account: p.account.clone(),
                amount: p.amount.to_money(scale).map_err(|e| fail(e.to_string()))?,
            })
        })
        .collect::<Result<Vec<_>, Diagnostic>>()?;
    let source = entry
        .source_tag()
        .map(str::to_owned)
        .or_else(|| entry.code.as_ref().map(|code| format!("({code})")));
    JournalEntry::new(entry.date, entry.description.clone(), source, postings)
        .map_err(|e| fail(e.to_string()))
}

impl Artel {
    /// Imports a journal into the book of `code`: all of it, or nothing and every problem.
    pub async fn import_journal(
        &self,
        code: &str,
        path: &Path,
        format: Format,
        progress: Option<Arc<Progress>>,
    ) -> Result<ImportSummary, AppError> {
        let organisation = self.book_for(code, crate::Action::PostEntries).await?;
        let file_name = path.display().to_string();
        let file = Arc::new(MappedFile::open(path)?);
        let accounts = self.db.accounts(organisation.org_id).await?;
        let rules = Arc::new(BookRules {
            currency: organisation.currency.clone(),
            closed: self.db.closed_periods(organisation.org_id).await?,
            types: accounts
                .into_iter()
                .map(|a| (a.account.name, a.account.account_type))
                .collect(),
        });
        let (summary, book_problems) = {
            let (file, rules) = (Arc::clone(&file), Arc::clone(&rules));
            tokio::task::spawn_blocking(move || first_pass(&file, format, &rules))
                .await
                .map_err(|e| AppError::Failed(format!("the checking thread failed: {e}")))?
        };
        let mut diagnostics: Vec<Diagnostic> = summary
            .diagnostics()
            .iter()
            .cloned()
            .chain(book_problems)
            .collect();
        diagnostics.sort_by_key(|d| d.line);
        diagnostics.dedup();
        if !diagnostics.is_empty() {
            return Err(AppError::Rejected(problems(&file_name, diagnostics)));
        }

        let mut import = self.db.begin_import(organisation.org_id).await?;
        let new_accounts: Vec<Account> = summary
            .accounts()
            .iter()
            .filter(|(name, _)| !import.has_account(name))
            .map(|(name, account_type)| Account::unlabelled(name.clone(), *account_type))
            .collect();
        import.add_accounts(&new_accounts).await?;

        let (sender, mut receiver) =
            tokio::sync::mpsc::channel::<Result<Numbered, Stop>>(BATCHES_IN_FLIGHT);
        let scale = organisation.currency.scale();
        let parser_file = Arc::clone(&file);
        let mut numbering = import.numbering();
        let parser = tokio::task::spawn_blocking(move || {
            let total = parser_file.bytes().len() as u64;
            let mut items = parser_file.items(format);
            let mut batch = Vec::with_capacity(ENTRIES_PER_BATCH);
            // Sends the batch numbered; false when the import ended on the other side.
            let mut send = |full: Vec<JournalEntry>| {
                let numbered = numbering.number(full).map_err(Stop::Refused);
                let refused = numbered.is_err();
                sender.blocking_send(numbered).is_ok() && !refused
            };
            while let Some(result) = items.next() {
                let converted = match result {
                    Ok(Item::Entry(entry)) => journal_entry(&entry, scale),
                    Ok(_) => continue,
                    Err(diagnostic) => Err(diagnostic),
                };
                match converted {
                    Ok(entry) => batch.push(entry),
                    Err(diagnostic) => {
                        // The first pass found the file clean; a change under our feet ends the import.
                        let _ = sender.blocking_send(Err(Stop::Changed(diagnostic)));
                        return;
                    }
                }
                if batch.len() == ENTRIES_PER_BATCH {
                    if let Some(progress) = &progress {
                        progress(items.offset() as u64, total);
                    }
                    let full = std::mem::replace(&mut batch, Vec::with_capacity(ENTRIES_PER_BATCH));
                    if !send(full) {
                        return;
                    }
                }
            }
            if !batch.is_empty() && !send(batch) {
                return;
            }
            if let Some(progress) = &progress {
                progress(total, total);
            }
        });
        while let Some(batch) = receiver.recv().await {
            match batch {
                Ok(numbered) => import.append_numbered(numbered).await?,
                Err(Stop::Refused(error)) => return Err(error.into()),
                Err(Stop::Changed(diagnostic)) => {
                    return Err(AppError::Rejected(problems(
                        &file_name,
                        [Diagnostic::new(
                            diagnostic.line,
                            format!(
                                "{} (the file changed while it was imported)",
                                diagnostic.message
                            ),
                        )],
                    )));
                }
            }
        }
        parser
            .await
            .map_err(|e| AppError::Failed(format!("the parsing thread failed: {e}")))?;
        let outcome = import
            .commit(&self.actor, &format!("{} {file_name}", format_name(format)))
            .await?;
        Ok(ImportSummary {
            outcome,
            accounts_created: new_accounts.into_iter().map(|a| a.name).collect(),
        })
    }
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Ledger => "ledger",
        Format::Beancount => "beancount",
    }
}
