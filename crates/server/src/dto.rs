//! The API's request and response bodies. Amounts are exact decimal strings in the book's
//! currency (`"1234.50"`), never JSON numbers.

use artel_app::StoredEntry;
use artel_ledger::{Account, Currency};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

#[derive(Debug, Serialize, ToSchema)]
pub struct OrganisationBody {
    pub code: String,
    pub kind: String,
    pub name: String,
    pub status: String,
    #[schema(value_type = Option<String>, format = Date)]
    pub founded: Option<NaiveDate>,
    pub currency: String,
    /// Decimal places of the book's currency.
    pub scale: u8,
}

impl From<artel_app::Organisation> for OrganisationBody {
    fn from(o: artel_app::Organisation) -> OrganisationBody {
        OrganisationBody {
            code: o.code,
            kind: o.kind,
            name: o.name,
            status: o.status,
            founded: o.founded,
            currency: o.currency.symbol().to_owned(),
            scale: o.currency.scale(),
        }
    }
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct AccountBody {
    /// Full hierarchical name: `Assets:Bank:Agricultural`.
    pub name: String,
    /// `asset`, `liability`, `equity`, `income` or `expense`; on creation, defaults to
    /// what the top-level name says.
    #[serde(rename = "type", default)]
    pub account_type: Option<String>,
    #[serde(default)]
    pub label_en: String,
    #[serde(default)]
    pub label_zh: String,
    /// Postings to it count as production cost.
    #[serde(default)]
    pub production_cost: bool,
}

impl From<Account> for AccountBody {
    fn from(a: Account) -> AccountBody {
        AccountBody {
            name: a.name.to_string(),
            account_type: Some(a.account_type.to_string()),
            label_en: a.label_en,
            label_zh: a.label_zh,
            production_cost: a.production_cost,
        }
    }
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewPostingBody {
    pub account: String,
    /// Exact decimal string; debits positive, credits negative.
    #[schema(example = "12.50")]
    pub amount: String,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewEntryBody {
    #[schema(value_type = String, format = Date, example = "1954-04-30")]
    pub date: NaiveDate,
    #[serde(default)]
    pub memo: String,
    /// Where the entry comes from (an invoice number, a bank statement).
    #[serde(default)]
    pub source: Option<String>,
    pub postings: Vec<NewPostingBody>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ReverseBody {
    /// The reversal's date; default today.
    #[schema(value_type = Option<String>, format = Date)]
    pub date: Option<NaiveDate>,
    pub memo: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PostedBody {
    pub id: Uuid,
    pub sequence: u64,
    /// The entry's link in the book's hash chain, hex.
    pub hash: String,
    /// Whether this answers a repeated Idempotency-Key without posting again.
    pub replayed: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PostingBody {
    pub account: String,
    pub amount: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EntryBody {
    pub id: Uuid,
    pub sequence: u64,
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
    pub memo: String,
    pub source: Option<String>,
    /// The sequence number of the entry this one reverses.
    pub reverses: Option<u64>,
    pub hash: String,
    pub postings: Vec<PostingBody>,
}

pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl EntryBody {
    pub fn new(entry: StoredEntry, currency: &Currency) -> EntryBody {
        EntryBody {
            id: entry.entry_id,
            sequence: entry.sequence,
            date: entry.date,
            hash: hex(&entry.hash),
            postings: entry
                .postings
                .iter()
                .map(|p| PostingBody {
                    account: p.account.to_string(),
                    amount: currency.format(p.amount),
                })
                .collect(),
            memo: entry.memo,
            source: entry.source,
            reverses: entry.reverses,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EntriesBody {
    pub book: String,
    pub entries: Vec<EntryBody>,
    /// Pass as `after` for the next page; absent on the last page.
    pub next_after: Option<u64>,
}

/// A date range, both ends inclusive, either open.
#[derive(Debug, Deserialize, IntoParams)]
pub struct RangeQuery {
    #[param(value_type = Option<String>, format = Date)]
    pub from: Option<NaiveDate>,
    #[param(value_type = Option<String>, format = Date)]
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct EntriesQuery {
    #[param(value_type = Option<String>, format = Date)]
    pub from: Option<NaiveDate>,
    #[param(value_type = Option<String>, format = Date)]
    pub to: Option<NaiveDate>,
    /// Only entries numbered after this one (the previous page's `next_after`).
    pub after: Option<u64>,
    /// Entries per page, 1 to 500; default 100.
    pub limit: Option<u32>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BalanceBody {
    pub account: String,
    pub balance: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TrialBalanceBody {
    pub book: String,
    pub currency: String,
    /// One row per account with a non-zero balance, by account name.
    pub rows: Vec<BalanceBody>,
    pub debit_total: String,
    pub credit_total: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AmountBody {
    pub account: String,
    pub amount: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SectionBody {
    pub rows: Vec<AmountBody>,
    pub total: String,
}

impl SectionBody {
    pub fn new(section: &artel_ledger::report::Section, currency: &Currency) -> SectionBody {
        SectionBody {
            rows: section
                .rows
                .iter()
                .map(|(a, m)| AmountBody {
                    account: a.to_string(),
                    amount: currency.format(*m),
                })
                .collect(),
            total: currency.format(section.total),
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct BalanceSheetBody {
    pub book: String,
    #[schema(value_type = Option<String>, format = Date)]
    pub as_of: Option<NaiveDate>,
    pub assets: SectionBody,
    pub liabilities: SectionBody,
    pub equity: SectionBody,
    pub undistributed_surplus: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IncomeStatementBody {
    pub book: String,
    pub income: SectionBody,
    pub expenses: SectionBody,
    pub surplus: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct LedgerLineBody {
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
    pub sequence: u64,
    pub memo: String,
    pub amount: String,
    pub balance: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct GeneralLedgerBody {
    pub book: String,
    pub account: String,
    pub opening: String,
    pub lines: Vec<LedgerLineBody>,
    pub closing: String,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct GeneralLedgerQuery {
    pub account: String,
    #[param(value_type = Option<String>, format = Date)]
    pub from: Option<NaiveDate>,
    #[param(value_type = Option<String>, format = Date)]
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct AsOfQuery {
    #[param(value_type = Option<String>, format = Date)]
    pub as_of: Option<NaiveDate>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct ReopenBody {
    /// Why the period is reopened; kept in the audit trail.
    pub reason: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct PeriodBody {
    pub book: String,
    pub period: String,
    pub closed: bool,
    /// Whether this request changed it.
    pub changed: bool,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct VerifyBody {
    pub book: String,
    pub entries_checked: u64,
    pub head: String,
    /// The organisation's audit events checked along their chain.
    pub audit_events_checked: u64,
    pub audit_head: String,
    pub intact: bool,
    /// The first problem found, naming the entry or the audit event.
    pub problem: Option<String>,
}

/// A signed chain head, as `artel head sign` writes it: the book's entry chain and its
/// organisation's audit chain at a sequence number each, signed with Ed25519 over the
/// canonical bytes `artel_app::HeadStatement::canonical_bytes` documents.
#[derive(Debug, Serialize, ToSchema)]
pub struct SignedHeadBody {
    /// `artel-signed-head-v1`.
    pub format: String,
    pub book: String,
    pub org_id: Uuid,
    pub entry_sequence: u64,
    /// The entry chain's hash at `entry_sequence`, 64 hex digits.
    pub entry_hash: String,
    pub audit_sequence: u64,
    /// The audit chain's hash at `audit_sequence`, 64 hex digits.
    pub audit_hash: String,
    /// RFC 3339, UTC, to the second.
    pub signed_at: String,
    /// The Ed25519 public key, 64 hex digits.
    pub public_key: String,
    /// The Ed25519 signature, 128 hex digits.
    pub signature: String,
}

impl From<artel_app::SignedHeadDocument> for SignedHeadBody {
    fn from(d: artel_app::SignedHeadDocument) -> SignedHeadBody {
        SignedHeadBody {
            format: d.format,
            book: d.book,
            org_id: d.org_id,
            entry_sequence: d.entry_sequence,
            entry_hash: d.entry_hash,
            audit_sequence: d.audit_sequence,
            audit_hash: d.audit_hash,
            signed_at: d.signed_at,
            public_key: d.public_key,
            signature: d.signature,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct TokenBody {
    pub id: Uuid,
    pub name: String,
    pub revoked: bool,
    /// When the token stops working; absent for one that never expires.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<DateTime<Utc>>,
}
