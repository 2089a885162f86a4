//! Artel's storage: the only crate with SQL. One code path serves SQLite (the embedded
//! default) and PostgreSQL (servers): every statement is written once with `$1`
//! placeholders and runs on either engine through the [`Db`] enum.
//!
//! The store keeps the invariants of the books that need the database: an entry, its
//! postings, the monthly balances and the hash chain's head are written in one
//! transaction; posted rows are never updated or deleted; each book's entries are numbered
//! without gaps.

mod accounts;
mod audit;
mod audit_chain;
mod audit_verify;
mod backup;
mod campaigns;
mod db;
mod decisions;
mod error;
mod exhibitions;
mod group_checks;
mod group_commit;
mod import;
mod listing;
mod loans;
mod member_history;
mod members;
mod numbers;
mod org_bodies;
mod org_history;
mod organisations;
mod payments;
mod people;
mod periods;
mod posting;
mod production;
mod region_sums;
mod replays;
mod reports;
mod reversals;
mod rows;
mod sales;
mod serving;
mod sessions;
mod stock;
mod verify;
mod year_end;

pub use accounts::StoredAccount;
pub use audit::{Actor, AuditEvent, EVENTS_PER_PAGE_MAX, SecurityEvent};
pub use backup::{backup, restore};
pub use campaigns::{
    CampaignRecords, NewCampaign, StoredAction, StoredCampaign, StoredFinding, StoredStage,
};
pub use db::{Db, Engine};
pub use decisions::{
    MotionEffect, NewMeeting, NewMotion, StoredCharter, StoredMeeting, StoredMotion, StoredSeat,
};
pub use error::StoreError;
pub use exhibitions::{NewExhibition, StoredExhibition, StoredSignedContract};
pub use group_commit::{GROUP_REQUESTS_MAX, WriterStats};
pub use import::{BookImport, ImportOutcome, Numbered, Numbering};
pub use listing::{ENTRIES_PER_PAGE_MAX, EntryFilter};
pub use loans::{NewLoan, NewRepayment, StoredLoan, StoredRepayment};
pub use member_history::{
    MemberChange, MemberHistory, ShareMovement, StoredMemberEvent, StoredShareMovement,
};
pub use members::{NewMember, StoredMember};
pub use org_bodies::StoredBody;
pub use org_history::{NewOrgEvent, StoredMembership, StoredOrgEvent};
pub use organisations::{NewOrganisation, NewRegion, Organisation, Region};
pub use payments::{NewPayment, NewWriteOff, StoredAdvances, StoredOpenInvoice};
pub use people::{Grantee, RoleGrant, TokenInfo, User};
pub use posting::{IDEMPOTENCY_KEY_BYTES_MAX, PostOutcome, PostedEntry, StoredEntry};
pub use production::{NewPlan, NewProduction, ProductChange, ProductionImported, StoredProduct};
pub use region_sums::{ContractedSum, InvoicedSum, ProducedSum, RegionSums};
pub use replays::StoredAnswer;
pub use reports::MonthTotal;
pub use sales::{NewContract, NewContractItem, NewInvoice, StoredCounterparty, StoredInvoice};
pub use serving::{ServingLock, hold_serving_lock};
pub use sessions::{FailureCount, GrantReach, LoginFailures, NewSession, SessionRecord};
pub use stock::{Quantity, StockWrite, StockWrites, StoredMovement, StoredStock};
pub use verify::{ChainProblem, VerifyOutcome};
pub use year_end::{
    DistributionFigures, LabourRow, NewDistribution, Reopening, StoredClosing, StoredDistribution,
};

/// Identifies an organisation, and so its book.
pub type OrgId = uuid::Uuid;

/// Each engine's compiled copy of every file's SQL functions, so that a function of one file
/// calls the same engine's function of another (`peers::accounts::insert`).
pub(crate) mod engines {
    pub(crate) mod sqlite {
        pub(crate) use crate::accounts::sqlite as accounts;
        pub(crate) use crate::audit::sqlite as audit;
        pub(crate) use crate::audit_chain::sqlite as audit_chain;
        pub(crate) use crate::audit_verify::sqlite as audit_verify;
        pub(crate) use crate::loans::sqlite as loans;
        pub(crate) use crate::member_history::sqlite as member_history;
        pub(crate) use crate::org_history::sqlite as org_history;
        pub(crate) use crate::periods::sqlite as periods;
        pub(crate) use crate::posting::sqlite as posting;
        pub(crate) use crate::reports::sqlite as reports;
        pub(crate) use crate::rows::sqlite as rows;
        pub(crate) use crate::stock::sqlite as stock;
        pub(crate) use crate::year_end::sqlite as year_end;
    }
    pub(crate) mod postgres {
        pub(crate) use crate::accounts::postgres as accounts;
        pub(crate) use crate::audit::postgres as audit;
        pub(crate) use crate::audit_chain::postgres as audit_chain;
        pub(crate) use crate::audit_verify::postgres as audit_verify;
        pub(crate) use crate::loans::postgres as loans;
        pub(crate) use crate::member_history::postgres as member_history;
        pub(crate) use crate::org_history::postgres as org_history;
        pub(crate) use crate::periods::postgres as periods;
        pub(crate) use crate::posting::postgres as posting;
        pub(crate) use crate::reports::postgres as reports;
        pub(crate) use crate::rows::postgres as rows;
        pub(crate) use crate::stock::postgres as stock;
        pub(crate) use crate::year_end::postgres as year_end;
    }
}
