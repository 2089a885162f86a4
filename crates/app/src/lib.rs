//! Artel's use cases: each loads what it needs from the store, decides with the pure core,
//! and persists in one database transaction. The command line and the server call only
//! these, so an import from a file and a post through the API follow the same rules.

mod books;
mod error;
mod export;
mod import;
mod mapped_file;
mod organisations;
mod reports;

pub use books::NewPosting;
pub use error::{AppError, Problem};
pub use export::export_journal;
pub use import::{ImportSummary, Progress, check_journal};
pub use organisations::OrganisationRequest;
pub use reports::{
    BalanceSheetReport, GeneralLedgerReport, IncomeStatementReport, TrialBalanceReport,
};

pub use artel_journal::Format as JournalFormat;
pub use artel_store::{Db, Engine, ImportOutcome, Organisation, Region, VerifyOutcome};

/// An open Artel database and who is acting on it; every change is attributed to `actor`.
pub struct Artel {
    db: Db,
    actor: String,
}

impl Artel {
    /// Opens (creating and migrating when needed) the database at `url`.
    pub async fn open(url: &str, actor: impl Into<String>) -> Result<Artel, AppError> {
        Ok(Artel {
            db: Db::open(url).await?,
            actor: actor.into(),
        })
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// Closes the database so that everything written is in its files for good.
    pub async fn close(self) -> Result<(), AppError> {
        Ok(self.db.close().await?)
    }

    /// The organisation whose book `code` names; an unknown code is refused, naming it.
    pub async fn book(&self, code: &str) -> Result<Organisation, AppError> {
        self.db.organisation_by_code(code).await?.ok_or_else(|| {
            AppError::rejected("--book", format!("organisation '{code}' does not exist"))
        })
    }
}
