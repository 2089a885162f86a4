//! Artel's use cases: each loads what it needs from the store, decides with the pure core,
//! and persists in one database transaction. The command line and the server call only
//! these, so an import from a file and a post through the API follow the same rules.

use std::sync::Arc;

use artel_store::Actor;

mod audit;
mod backups;
mod bodies;
mod books;
mod campaign_view;
mod campaigns;
mod chain_heads;
mod charter;
mod dashboard;
mod demo;
mod error;
mod exhibitions;
mod export;
mod history;
mod import;
mod indicators;
mod loans;
mod mapped_file;
mod meetings;
mod member_changes;
mod members;
mod membership;
mod organisations;
mod people;
mod permissions;
mod production;
mod production_year;
mod receivables;
mod region_counts;
mod replays;
mod reports;
mod sale_entry;
mod sales;
mod sign_in;
mod signed_heads;
mod statistics;
mod stock;
mod year_end;

pub use backups::{backup_database, hold_serving_lock, restore_database};
pub use bodies::BodySummary;
pub use books::{NewPosting, PostOutcome};
pub use campaign_view::{
    Campaign, CampaignMeeting, CampaignReport, CampaignReportRow, CampaignSummary,
    CorrectiveAction, Finding, FocusCooperative,
};
pub use campaigns::{CampaignRequest, FocusSelection, PER_DISTRICT_MAX, StageUpdate};
pub use chain_heads::signed_head_file;
pub use charter::{CharterDocument, CharterInEffect, RuleDocument};
pub use dashboard::{Dashboard, MonthFigures};
pub use demo::{DEMO_BOOK, DemoSignIn};
pub use error::{AppError, Problem};
pub use exhibitions::{Exhibition, ExhibitionContract, ExhibitionRequest};
pub use export::export_journal;
pub use history::membership_holds_on;
pub use import::{ImportSummary, Progress, check_journal};
pub use indicators::IndicatorRow;
pub use loans::{Loan, LoanAdded, LoanRequest, Repaid, RepaymentRecorded, ScheduledInstalment};
pub use meetings::{MeetingRequest, MotionDecided, MotionRequest};
pub use member_changes::MemberAction;
pub use members::{MemberRequest, MembersImported};
pub use organisations::OrganisationRequest;
pub use production::ProductDetails;
pub use production_year::{MonthProduction, ProductionYear};
pub use receivables::{PaymentRecorded, PaymentRequest};
pub use region_counts::{OrganisationAsOf, RegionCounts};
pub use reports::{
    BalanceSheetReport, GeneralLedgerReport, IncomeStatementReport, TrialBalanceReport,
};
pub use sale_entry::SaleRequest;
pub use sales::ContractStanding;
pub use statistics::{PartStatistics, RegionStatistics, StatisticRow};
pub use stock::RecordedMovement;
pub use year_end::{
    DistributionPlan, MemberDistribution, MemberStatement, YearClosed, YearStanding, parse_draw,
};

pub use artel_coop::{
    ActionStatus, CampaignProgress, ExhibitionKind, FindingCategory, Phase, ShownProduct, Stage,
    StageRecord, StageStatus,
};
pub use artel_coop::{
    Aging, AgingBucket, BodyKind, Buckets, ContractStatus, CounterpartyType, CreditWarning,
    Fulfilment, ItemKind, LenderKind, LoanInstalment, LoanTerms, MaterialUse, OrgKind, OrgStatus,
    Role, Standing, StockKind, StockMove, Terms, format_rate, per_mille_as_percent, read_materials,
    write_materials,
};
pub use people::{PASSWORD_LENGTH_MAX, PASSWORD_LENGTH_MIN, PasswordLength, Scope};
pub use permissions::{Access, Action, Caller, allows};
pub use sign_in::{
    PAIR_FAILURES_MAX, SESSION_IDLE, SESSION_LIFETIME, SessionCaller, SignInRefusal, SignedIn,
    THROTTLE_WINDOW, TotpSetup,
};
pub use signed_heads::{
    HeadSigner, HeadStatement, SIGNED_HEAD_FORMAT, SignedHead, SignedHeadDocument, parse_public_key,
};

pub use artel_coop::{
    Ballot, Body, DecisionKind, Distribution, Figure, Labour, LabourLine, MemberDividend,
    MemberEvent, MemberStatus, Outcome, PAY_SHARES, ProductFigures, ReportPeriod, Reserve,
    VoteRule, check_pieces, days_text, parse_days, parse_pieces, parse_wages,
};
pub use artel_journal::Format as JournalFormat;
pub use artel_store::{
    AuditEvent, Db, DistributionFigures, ENTRIES_PER_PAGE_MAX, EVENTS_PER_PAGE_MAX, Engine,
    EntryFilter, ImportOutcome, LabourRow, MemberHistory, NewContract, NewMember, NewProduction,
    Organisation, PostedEntry, ProductionImported, Quantity, Region, Reopening, SecurityEvent,
    SessionRecord, StoredAnswer, StoredClosing, StoredDistribution, StoredEntry, StoredInvoice,
    StoredMeeting, StoredMember, StoredMemberEvent, StoredMembership, StoredMotion, StoredMovement,
    StoredOpenInvoice, StoredOrgEvent, StoredProduct, StoredSeat, StoredShareMovement, StoredStock,
    TokenInfo, VerifyOutcome,
};

/// An open Artel database and who is acting on it; every change is attributed to `actor`,
/// and every read and change is checked against the caller's roles. Cloning is cheap: the
/// database is shared.
#[derive(Clone)]
pub struct Artel {
    db: Arc<Db>,
    actor: Actor,
    caller: Caller,
    /// The key chain heads are signed with on request (the server's `--signing-key`).
    head_signer: Option<Arc<HeadSigner>>,
}

impl Artel {
    /// Opens (creating and migrating when needed) the database at `url`.
    pub async fn open(url: &str, actor: impl Into<String>) -> Result<Artel, AppError> {
        let actor = actor.into();
        Ok(Artel {
            db: Arc::new(Db::open(url).await?),
            actor: Actor {
                name: actor.clone(),
                address: None,
            },
            caller: Caller::Operator { name: actor },
            head_signer: None,
        })
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    pub fn actor(&self) -> &str {
        &self.actor.name
    }

    /// The same database, acting for another caller.
    pub fn acting_as(&self, caller: Caller) -> Artel {
        Artel {
            db: Arc::clone(&self.db),
            actor: Actor {
                name: caller.name().to_owned(),
                address: self.actor.address.clone(),
            },
            caller,
            head_signer: self.head_signer.clone(),
        }
    }

    /// The same caller, acting from a network address that the audit trail records.
    pub fn from_address(mut self, address: impl Into<String>) -> Artel {
        self.actor.address = Some(address.into());
        self
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

    /// Whether the caller may take `action` on `organisation`, to offer a form or a link
    /// only to those who may use it. Records nothing: the use case itself still checks.
    pub fn may(&self, organisation: &Organisation, action: Action) -> bool {
        self.caller.access(organisation, action) == Access::Allowed
    }

    /// Whether the caller may read the books of `organisation`, looked up earlier: checked
    /// in memory, and a refusal given (and recorded) by [`Artel::book`] itself.
    async fn readable(&self, organisation: &Organisation) -> Result<(), AppError> {
        if self.may(organisation, Action::ReadBooks) {
            return Ok(());
        }
        self.book(&organisation.code).await.map(|_| ())
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
        let (access, region_path) = match self.db.organisation_by_code(code).await? {
            Some(organisation) => match self.caller.access(&organisation, action) {
                Access::Allowed => return Ok(organisation),
                refused => (refused, organisation.region_path),
            },
            None => (Access::Hidden, None),
        };
        if let Caller::User { .. } = self.caller {
            // A refused access is a security event, for the administrators over the
            // organisation's region; the organisation's own trail is not written, as the
            // caller has no business there.
            let detail = format!("{action:?} on '{code}'");
            self.db
                .record_security_event(
                    &self.actor,
                    "access.refused",
                    &detail,
                    region_path.as_deref(),
                )
                .await?;
        }
        match access {
            Access::Forbidden => Err(AppError::Forbidden(format!(
                "your roles over '{code}' do not allow this"
            ))),
            _ => Err(unknown()),
        }
    }
}
