//! Exporting a whole book as a ledger or beancount journal, read page by page so a long
//! book never sits in memory at once.

use std::io::Write;

use artel_journal::{Format, write_beancount, write_ledger};
use artel_ledger::JournalEntry;
use artel_store::{Db, OrgId};
use tokio::runtime::Handle;

use crate::{AppError, Artel};

/// Entries read from the store per page.
const ENTRIES_PER_PAGE: u64 = 5_000;

/// The book's entries in sequence order, fetched a page at a time. A failure ends the
/// iteration and is kept in `error` for the caller to report.
struct PagedEntries<'a> {
    db: &'a Db,
    org_id: OrgId,
    next_sequence: u64,
    last_sequence: u64,
    page: std::vec::IntoIter<JournalEntry>,
    error: Option<AppError>,
}

impl Iterator for PagedEntries<'_> {
    type Item = JournalEntry;

    fn next(&mut self) -> Option<JournalEntry> {
        loop {
            if let Some(entry) = self.page.next() {
                return Some(entry);
            }
            if self.error.is_some() || self.next_sequence > self.last_sequence {
                return None;
            }
            let last = self
                .next_sequence
                .saturating_add(ENTRIES_PER_PAGE - 1)
                .min(self.last_sequence);
            let page =
                Handle::current().block_on(self.db.entries(self.org_id, self.next_sequence, last));
            self.next_sequence = last + 1;
            match page.map_err(AppError::from).and_then(|stored| {
                stored
                    .iter()
                    .map(|s| {
                        s.journal_entry().map_err(|e| {
                            AppError::Failed(format!(
                                "entry {} is damaged ({e}); run `artel verify`",
                                s.sequence
                            ))
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()
            }) {
                Ok(entries) => self.page = entries.into_iter(),
                Err(error) => self.error = Some(error),
            }
        }
    }
}

/// Writes the whole book of `code` to `out`. Returns the number of entries written.
pub async fn export_journal(
    artel: &Artel,
    code: &str,
    format: Format,
    out: &mut (dyn Write + Send),
) -> Result<u64, AppError> {
    let organisation = artel.book_for(code, crate::Action::ReadEntries).await?;
    let accounts: Vec<_> = artel
        .db()
        .accounts(organisation.org_id)
        .await?
        .into_iter()
        .map(|a| a.account)
        .collect();
    let (last_sequence, _) = artel.db().head(organisation.org_id).await?;
    let first_date = artel.db().first_entry_date(organisation.org_id).await?;
    let db = artel.db();
    tokio::task::block_in_place(|| {
        let mut entries = PagedEntries {
            db,
            org_id: organisation.org_id,
            next_sequence: 1,
            last_sequence,
            page: Vec::new().into_iter(),
            error: None,
        };
        let written = match format {
            Format::Ledger => write_ledger(
                &mut &mut *out,
                &organisation.currency,
                &accounts,
                &mut entries,
            ),
            Format::Beancount => write_beancount(
                &mut &mut *out,
                &organisation.currency,
                &accounts,
                first_date,
                &mut entries,
            ),
        };
        if let Some(error) = entries.error {
            return Err(error);
        }
        written.map_err(|e| AppError::rejected("--book", e.to_string()))?;
        out.flush().map_err(|error| AppError::Io {
            path: "stdout".into(),
            error,
        })?;
        Ok(last_sequence)
    })
}
