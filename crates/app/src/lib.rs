//! Artel's use cases: each loads what it needs from the store, decides with the pure core,
//! and persists in one database transaction. The command line and the server call only
//! these, so an import from a file and a post through the API follow the same rules.

use std::sync::Arc;

mod books;
mod error;
mod export;
mod import;
mod mapped_file;
mod organisations;
mod people;
mod permissions;
mod reports;

pub use books::{NewPosting, PostOutcome};
pub use error::{AppError, Problem};
pub use export::export_journal;
pub use import::{ImportSummary, Progress, check_journal};
pub use organisations::OrganisationRequest;
pub use reports::{
    BalanceSheetReport, GeneralLedgerReport, IncomeStatementReport, TrialBalanceReport,
};

pub use artel_coop::Role;
pub use people::Scope;
pub use permissions::{Access, Action, Caller, allows};

pub use artel_journal::Format as JournalFormat;
pub use artel_store::{
    Db, ENTRIES_PER_PAGE_MAX, Engine, EntryFilter, ImportOutcome, Organisation, PostedEntry,
    Region, StoredEntry, TokenInfo, VerifyOutcome,
};

/// An open Artel database and who is acting on it; every change is attributed to `actor`,
/// and every read and change is checked against the caller's roles. Cloning is cheap: the
/// database is shared.
#[derive(Clone)]
pub struct Artel {
    db: Arc<Db>,
    actor: String,
    caller: Caller,
}

impl Artel {
    /// Opens (creating and migrating when needed) the database at `url`.
    pub async fn open(url: &str, actor: impl Into<String>) -> Result<Artel, AppError> {
        let actor = actor.into();
        Ok(Artel {
            db: Arc::new(Db::open(url).await?),
            actor: actor.clone(),
            caller: Caller::Operator { name: actor },
        })
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// The same database, acting for another caller.
    pub fn acting_as(&self, caller: Caller) -> Artel {
        Artel {
            db: Arc::clone(&self.db),
            actor: caller.name().to_owned(),
            caller,
        }
    }

    pub fn caller(&self) -> &Caller {
        &self.caller
    }

    /// Closes the database so that everything written is in its files for good. When
    /// other clones are still open, the last of them closes it.
    pub async fn close(self) -> Result<(), AppError> {
        match Arc::try_unwrap(self.db) {
            Ok(db) => Ok(db.close().await?),
            Err(_) => Ok(()),
        }
    }

    /// The organisation whose book `code` names, when the caller may read its books.
    pub async fn book(&self, code: &str) -> Result<Organisation, AppError> {
        self.book_for(code, Action::ReadBooks).await
    }

    /// The organisation `code` names, when the caller may take `action` on it. An unknown
    /// code and an organisation the caller has no role over are refused alike, so that a
    /// refusal tells nothing of another organisation.
    pub async fn book_for(&self, code: &str, action: Action) -> Result<Organisation, AppError> {
        let unknown = || AppError::NotFound {
            place: "--book".into(),
            message: format!("organisation '{code}' does not exist"),
        };
        let organisation = self
            .db
            .organisation_by_code(code)
            .await?
            .ok_or_else(unknown)?;
        match self.caller.access(&organisation, action) {
            Access::Allowed => Ok(organisation),
            Access::Hidden => Err(unknown()),
            Access::Forbidden => Err(AppError::Forbidden(format!(
                "your roles over '{code}' do not allow this"
            ))),
        }
    }
}
