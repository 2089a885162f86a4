//! The command line's grammar, exactly as `INTERFACE.md` states it, and more.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

/// Days an API token works unless `artel token create` is told otherwise.
pub const TOKEN_DAYS_DEFAULT: u32 = 365;

#[derive(Debug, Parser)]
#[command(
    name = "artel",
    version,
    about = "Books, members and statistics for producer cooperatives"
)]
pub struct Cli {
    /// Database: sqlite:PATH or postgres://USER@HOST/DB.
    #[arg(
        long,
        global = true,
        env = "ARTEL_DB",
        default_value = "sqlite:artel.db"
    )]
    pub db: String,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create or migrate the database; safe to run again.
    Init,
    /// Regions: province, special district, county or city, district.
    #[command(subcommand)]
    Region(RegionCommand),
    /// Organisations, each with its own book.
    #[command(subcommand)]
    Org(OrgCommand),
    /// Import a journal or records into a book, all or nothing.
    #[command(subcommand)]
    Import(ImportCommand),
    /// Write a whole book as a journal on stdout.
    #[command(subcommand)]
    Export(ExportCommand),
    /// Parse and validate a journal and print its balances; stores nothing.
    #[command(subcommand)]
    Check(CheckCommand),
    /// Write a consistent copy of the whole database to FILE (which must not exist), even
    /// while a server uses it: SQLite's `VACUUM INTO`, PostgreSQL's `pg_dump`.
    Backup {
        #[arg(value_name = "FILE")]
        file: std::path::PathBuf,
    },
    /// Replace the whole database by a copy made with `artel backup`; stop the server
    /// first. The copy is checked before anything is replaced.
    Restore {
        #[arg(value_name = "FILE")]
        file: std::path::PathBuf,
    },
    /// Recompute a book's tamper-evident chain and its organisation's audit chain; with
    /// --signed, also check a signed head and that history up to it was not rewritten.
    Verify {
        #[arg(long = "book", value_name = "CODE")]
        book: String,
        /// A signed head (from `artel head sign` or the server's --sign-heads) to check the
        /// stored chains against.
        #[arg(long, value_name = "FILE")]
        signed: Option<PathBuf>,
        /// The public key (64 hex digits) the signed head must be signed by.
        #[arg(long = "public-key", value_name = "KEY", requires = "signed")]
        public_key: Option<String>,
    },
    /// Keys that sign chain heads.
    #[command(subcommand)]
    Key(KeyCommand),
    /// Signed chain heads, for a federation or an auditor to hold.
    #[command(subcommand)]
    Head(HeadCommand),
    /// Accounting reports.
    #[command(subcommand)]
    Report(ReportCommand),
    /// Close or reopen accounting periods (months).
    #[command(subcommand)]
    Period(PeriodCommand),
    /// Post or reverse journal entries.
    #[command(subcommand)]
    Entry(EntryCommand),
    /// The chart of accounts of a book.
    #[command(subcommand)]
    Account(AccountCommand),
    /// The audit trail of a book, or the security events (sign-ins, refused accesses).
    #[command(group(clap::ArgGroup::new("trail").required(true).args(["book", "security"])))]
    Audit {
        #[arg(long = "book", value_name = "CODE")]
        book: Option<String>,
        /// Show the security events instead of a book's trail.
        #[arg(long)]
        security: bool,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// The web application and the JSON API.
    Serve {
        /// Where to listen.
        #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:8080")]
        addr: std::net::SocketAddr,
        /// Load the Hubei 1954 demo first (as `artel demo`), and print its sign-ins.
        #[arg(long)]
        demo: bool,
        /// Requests a second each client address may make (twice as many at once); more
        /// are answered 429 with Retry-After.
        #[arg(long, value_name = "N", default_value = "200")]
        rate_limit: artel_server::RateLimit,
        /// Take any number of requests from any address (a load test, or a proxy in front
        /// that limits them).
        #[arg(long, conflicts_with = "rate_limit")]
        no_rate_limit: bool,
        /// A reverse proxy in front (repeatable): its requests count as coming from the
        /// client its X-Forwarded-For names, for the rate limit, sign-in throttling and
        /// the security events.
        #[arg(long = "trusted-proxy", value_name = "IP")]
        trusted_proxy: Vec<std::net::IpAddr>,
        /// Write every book's signed chain heads into DIR at start and then every
        /// --sign-every (one file per book, CODE.head.json, replaced at once).
        #[arg(long = "sign-heads", value_name = "DIR", requires = "signing_key")]
        sign_heads: Option<PathBuf>,
        /// The key (from `artel key new`) heads are signed with; it also serves
        /// GET /api/v1/books/{code}/head.
        #[arg(long = "signing-key", value_name = "FILE")]
        signing_key: Option<PathBuf>,
        /// How often to sign with --sign-heads: a number and s, m, h or d (default 1h).
        #[arg(long = "sign-every", value_name = "DURATION", requires = "sign_heads",
            value_parser = crate::heads::parse_duration)]
        sign_every: Option<std::time::Duration>,
    },
    /// Load the Hubei 1954 demo: the province, its districts and counties, the
    /// rectification's focus cooperatives with their records; safe to run again.
    Demo,
    /// Products and their standard prices.
    #[command(subcommand)]
    Product(ProductCommand),
    /// Stock of materials and products: movements and what is on hand.
    #[command(subcommand)]
    Stock(StockCommand),
    /// Sales: payments from buyers.
    #[command(subcommand)]
    Sales(SalesCommand),
    /// Loans from a bank, the federation or another lender: drawn, scheduled and repaid.
    #[command(subcommand)]
    Loan(LoanCommand),
    /// Rectification campaigns: focus cooperatives, stages, findings, corrective actions,
    /// phases, progress and the before/after report.
    #[command(subcommand)]
    Campaign(CampaignCommand),
    /// Exhibitions and material exchange meetings, with the contracts signed there.
    #[command(subcommand)]
    Exhibition(ExhibitionCommand),
    /// The year's end: closing a year, distributing its surplus, labour and statements.
    #[command(subcommand)]
    Year(YearCommand),
    /// Members' applications, changes of standing and histories.
    #[command(subcommand)]
    Member(MemberCommand),
    /// Meetings, the motions put to them with their votes, and the charter they adopt.
    #[command(subcommand)]
    Meeting(MeetingCommand),
    /// Users and their roles.
    #[command(subcommand)]
    User(UserCommand),
    /// API tokens.
    #[command(subcommand)]
    Token(TokenCommand),
}

#[derive(Debug, Subcommand)]
pub enum KeyCommand {
    /// Write a new ed25519 signing key to FILE (which must not exist, made readable by its
    /// owner only) and print its public key.
    New {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Debug, Subcommand)]
pub enum HeadCommand {
    /// Sign the book's chain heads (entries and audit trail) once `verify` finds them
    /// intact; the signed statement (JSON) on stdout or into --out.
    Sign {
        #[arg(long = "book", value_name = "CODE")]
        book: String,
        /// The signing key, from `artel key new`.
        #[arg(long, value_name = "FILE")]
        key: PathBuf,
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Add a user (or a role to an existing one) over an organisation or a region subtree.
    #[command(group(clap::ArgGroup::new("scope").required(true).args(["org", "region"])))]
    Add {
        name: String,
        /// member, accountant, director, supervisor, federation-officer, government-officer or administrator.
        #[arg(long)]
        role: String,
        #[arg(long, value_name = "CODE")]
        org: Option<String>,
        #[arg(long, value_name = "CODE")]
        region: Option<String>,
    },
    /// Set a user's password, read from the first line of standard input.
    Password { name: String },
    /// Disable a user: their tokens and sessions stop working at once.
    Disable { name: String },
    /// Enable a disabled user again.
    Enable { name: String },
    /// Give a user a new one-time-code (TOTP) secret, replacing any, and print it with its
    /// otpauth:// URL for an authenticator app. Administrators cannot sign in without one.
    Totp { name: String },
}

#[derive(Debug, Subcommand)]
pub enum TokenCommand {
    /// Print a new API token for the user on stdout, nothing else.
    Create {
        name: String,
        /// A label to recognise the token by in lists.
        #[arg(long = "label", default_value = "api")]
        label: String,
        /// Days until the token stops working.
        #[arg(long = "expires-in-days", value_name = "DAYS", default_value_t = TOKEN_DAYS_DEFAULT,
              value_parser = clap::value_parser!(u32).range(1..=3650), conflicts_with = "no_expiry")]
        expires_in_days: u32,
        /// A token that never expires (until revoked).
        #[arg(long = "no-expiry")]
        no_expiry: bool,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JournalFormat {
    Ledger,
    Beancount,
}

/// `FILE --book CODE`, as every import takes.
#[derive(Debug, Args)]
pub struct ImportArgs {
    pub file: PathBuf,
    #[arg(long = "book", value_name = "CODE")]
    pub book: String,
}

/// `FILE --org CODE`, as the imports of an organisation's records take.
#[derive(Debug, Args)]
pub struct RecordsArgs {
    pub file: PathBuf,
    #[arg(long = "org", value_name = "CODE")]
    pub org: String,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// A ledger/hledger journal.
    Ledger(ImportArgs),
    /// A beancount file.
    Beancount(ImportArgs),
    /// A member register: CSV `name,joined,shares_subscribed,shares_paid[,trade]`; paid
    /// shares post to the books at the charter's share value.
    Members(RecordsArgs),
    /// Production reports: CSV `date,product,quantity,defective[,first_grade]`; products not
    /// yet known are created.
    Production(RecordsArgs),
    /// Monthly plans: CSV `month,product,quantity,value`; a month's plan for a product
    /// imported again replaces the earlier one.
    Plans(RecordsArgs),
    /// Stock movements: CSV `date,kind,item,quantity[,value,owner,account,note]`; kinds
    /// purchase, supplied, issue, finish, deliver, count, adjust.
    Stock(RecordsArgs),
    /// Contracts: CSV `number,counterparty,counterparty_type,kind,signed,value[,credit_days]`;
    /// counterparties not yet known are created.
    Contracts(RecordsArgs),
    /// Invoiced sales: CSV
    /// `date,counterparty,counterparty_type,product,quantity,amount,terms[,contract]`; each
    /// posts cash or a receivable.
    Sales(RecordsArgs),
    /// Labour records: CSV `month,member,days[,pieces][,wages]` (`month` is `YYYY-MM`,
    /// `member` the member's number, days with at most one decimal); a member-month
    /// recorded again is replaced.
    Labour(RecordsArgs),
}

/// What an import reads.
pub enum Importing {
    Journal(JournalFormat, ImportArgs),
    Members(RecordsArgs),
    Production(RecordsArgs),
    Plans(RecordsArgs),
    Stock(RecordsArgs),
    Contracts(RecordsArgs),
    Sales(RecordsArgs),
    Labour(RecordsArgs),
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long = "book", value_name = "CODE")]
    pub book: String,
}

#[derive(Debug, Subcommand)]
pub enum ExportCommand {
    /// As a ledger/hledger journal (account names kept exactly).
    Ledger(ExportArgs),
    /// As a beancount file (account names adapted to beancount's grammar).
    Beancount(ExportArgs),
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    pub file: PathBuf,
    /// Output format.
    #[arg(long = "format", value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

#[derive(Debug, Subcommand)]
pub enum CheckCommand {
    /// A ledger/hledger journal.
    Ledger(CheckArgs),
    /// A beancount file.
    Beancount(CheckArgs),
}

impl ImportCommand {
    pub fn split(self) -> Importing {
        match self {
            ImportCommand::Ledger(args) => Importing::Journal(JournalFormat::Ledger, args),
            ImportCommand::Beancount(args) => Importing::Journal(JournalFormat::Beancount, args),
            ImportCommand::Members(args) => Importing::Members(args),
            ImportCommand::Production(args) => Importing::Production(args),
            ImportCommand::Plans(args) => Importing::Plans(args),
            ImportCommand::Stock(args) => Importing::Stock(args),
            ImportCommand::Contracts(args) => Importing::Contracts(args),
            ImportCommand::Sales(args) => Importing::Sales(args),
            ImportCommand::Labour(args) => Importing::Labour(args),
        }
    }
}

impl ExportCommand {
    pub fn split(self) -> (JournalFormat, ExportArgs) {
        match self {
            ExportCommand::Ledger(args) => (JournalFormat::Ledger, args),
            ExportCommand::Beancount(args) => (JournalFormat::Beancount, args),
        }
    }
}

impl CheckCommand {
    pub fn split(&self) -> (JournalFormat, &CheckArgs) {
        match self {
            CheckCommand::Ledger(args) => (JournalFormat::Ledger, args),
            CheckCommand::Beancount(args) => (JournalFormat::Beancount, args),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    Text,
    Csv,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum RegionCommand {
    /// Add a region.
    Add {
        code: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_name = "CODE")]
        parent: Option<String>,
        /// province, district, county, city or subdistrict.
        #[arg(long)]
        level: Option<String>,
    },
    /// Counts over the region and every region below it as of a date: organisations by
    /// kind and status, affiliated bodies and affiliated members by body kind.
    Counts {
        code: String,
        /// The date counted at, its end (default: today).
        #[arg(long = "as-of", value_name = "DATE")]
        as_of: Option<NaiveDate>,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Add an organisation and open its book.
    Add {
        code: String,
        /// cooperative, team, supply-marketing, federation, association or government.
        #[arg(long)]
        kind: String,
        #[arg(long)]
        name: String,
        #[arg(long, value_name = "CODE")]
        region: Option<String>,
        #[arg(long, value_name = "CODE")]
        parent: Option<String>,
        #[arg(long, value_name = "SYM", default_value = "CNY")]
        currency: String,
        #[arg(long, value_name = "N", default_value_t = 2)]
        scale: u8,
        #[arg(long, value_name = "DATE")]
        founded: Option<NaiveDate>,
        /// The status it starts with: active (the default) or preparatory.
        #[arg(long, value_name = "STATUS")]
        status: Option<String>,
    },
    /// Change an organisation's status from a date on: preparatory, active,
    /// under-rectification, merged or dissolved (nothing follows the last two).
    Status {
        code: String,
        #[arg(long)]
        status: String,
        #[arg(long, value_name = "DATE")]
        date: NaiveDate,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Upgrade a production team to a cooperative from a date on, keeping its book and history.
    Upgrade {
        code: String,
        #[arg(long, value_name = "DATE")]
        date: NaiveDate,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// Record that an organisation joined another (a team a cooperative, a cooperative a federation).
    Join {
        code: String,
        #[arg(long, value_name = "CODE")]
        parent: String,
        #[arg(long, value_name = "DATE")]
        date: NaiveDate,
    },
    /// Record that an organisation left another; it was a member until the day before.
    Leave {
        code: String,
        #[arg(long, value_name = "CODE")]
        parent: String,
        #[arg(long, value_name = "DATE")]
        date: NaiveDate,
    },
    /// An organisation's history: its events and memberships.
    History {
        code: String,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Organisations with their kind and status as of a date.
    List {
        /// Only those in this region and the regions below it.
        #[arg(long, value_name = "CODE")]
        region: Option<String>,
        /// The date (default: today); organisations founded later are left out.
        #[arg(long = "as-of", value_name = "DATE")]
        as_of: Option<NaiveDate>,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Bodies affiliated to an organisation and members' affiliations to them.
    #[command(subcommand)]
    Body(BodyCommand),
}

#[derive(Debug, Subcommand)]
pub enum BodyCommand {
    /// Add an affiliated body: trade-union, youth-league, party-branch or women-committee.
    Add {
        code: String,
        #[arg(long)]
        kind: String,
        #[arg(long)]
        name: String,
        /// Its founding date (default: today).
        #[arg(long, value_name = "DATE")]
        founded: Option<NaiveDate>,
    },
    /// The organisation's bodies with their numbers of affiliated members.
    List {
        code: String,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Record that a member (by register number) belongs to a body since a date.
    Affiliate {
        code: String,
        /// The body's name.
        #[arg(long)]
        body: String,
        /// The member's number in the register.
        #[arg(long, value_name = "NUMBER")]
        member: u64,
        #[arg(long, value_name = "DATE")]
        since: NaiveDate,
    },
}

/// A date range, both ends inclusive.
#[derive(Debug, Args)]
pub struct Range {
    #[arg(long, value_name = "DATE")]
    pub from: Option<NaiveDate>,
    #[arg(long, value_name = "DATE")]
    pub to: Option<NaiveDate>,
}

#[derive(Debug, Args)]
pub struct ReportOptions {
    #[arg(long = "book", value_name = "CODE")]
    pub book: String,
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,
}

#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Every account's balance over a range.
    TrialBalance {
        #[command(flatten)]
        options: ReportOptions,
        #[command(flatten)]
        range: Range,
    },
    /// One account's postings with its running balance.
    GeneralLedger {
        #[command(flatten)]
        options: ReportOptions,
        #[arg(long)]
        account: String,
        #[command(flatten)]
        range: Range,
    },
    /// Assets, liabilities and equity as of a date.
    BalanceSheet {
        #[command(flatten)]
        options: ReportOptions,
        /// The balance sheet's date (default: after the last entry).
        #[arg(long = "as-of", visible_alias = "to", value_name = "DATE")]
        as_of: Option<NaiveDate>,
    },
    /// Income, expenses and surplus over a range.
    IncomeStatement {
        #[command(flatten)]
        options: ReportOptions,
        #[command(flatten)]
        range: Range,
    },
    /// One organisation's indicators for a period, and their change against another.
    Indicators {
        #[arg(long, value_name = "CODE")]
        org: String,
        /// YYYY, YYYY-Qn or YYYY-MM.
        #[arg(long, value_name = "P")]
        period: String,
        #[arg(long, value_name = "P")]
        compare: Option<String>,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Roll-up over a region and every region below it for a period: organisations by kind
    /// and status, new ones, members, output, sales, contracts, defect rate, plan
    /// fulfilment — and their change against another period.
    Statistics {
        #[arg(long, value_name = "CODE")]
        region: String,
        /// YYYY, YYYY-Qn or YYYY-MM.
        #[arg(long, value_name = "P")]
        period: String,
        /// Another period to compare with (adds the columns compare and change_pct).
        #[arg(long, value_name = "P")]
        compare: Option<String>,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum SalesCommand {
    /// Record a payment from a buyer, applied to their open invoices oldest first; what is
    /// left over is an advance from the buyer.
    Pay {
        #[arg(long, value_name = "CODE")]
        org: String,
        counterparty: String,
        #[arg(long, value_name = "AMOUNT")]
        amount: String,
        /// The day of the payment (default today).
        #[arg(long, value_name = "DATE")]
        date: Option<chrono::NaiveDate>,
        /// The account it is paid into (default Assets:Cash).
        #[arg(long, value_name = "ACCOUNT")]
        into: Option<String>,
        /// The invoice to apply it to first, by its entry's number.
        #[arg(long, value_name = "N")]
        invoice: Option<u64>,
    },
    /// Write off as a bad debt what an invoice still owes, as an adopted motion decided.
    WriteOff {
        #[arg(long, value_name = "CODE")]
        org: String,
        /// The invoice, by its entry's number.
        invoice: u64,
        /// The adopted motion that decided it, by number.
        #[arg(long, value_name = "N")]
        motion: u64,
        /// The day of the write-off (default today).
        #[arg(long, value_name = "DATE")]
        date: Option<chrono::NaiveDate>,
    },
    /// The contracts signed by a day and how far the deliveries invoiced against them
    /// fulfil them: signed, delivering, fulfilled or overdue.
    Contracts {
        #[arg(long, value_name = "CODE")]
        org: String,
        /// The day to look on (default today).
        #[arg(long = "as-of", value_name = "DATE")]
        as_of: Option<chrono::NaiveDate>,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// The receivables aged on a day: current, 1-30, 31-60, 61-90, 91-180 and over 180
    /// days overdue, per buyer and in total.
    Aging {
        #[arg(long, value_name = "CODE")]
        org: String,
        /// The day to age on (default today).
        #[arg(long = "as-of", value_name = "DATE")]
        as_of: Option<chrono::NaiveDate>,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// The charter's credit limits crossed on a day: the year's share of sales on credit,
    /// the longest term granted, one buyer's share of the receivables.
    Warnings {
        #[arg(long, value_name = "CODE")]
        org: String,
        #[arg(long = "as-of", value_name = "DATE")]
        as_of: Option<chrono::NaiveDate>,
    },
}

#[derive(Debug, Subcommand)]
pub enum LoanCommand {
    /// Record a loan and post its drawdown (Dr the account paid into, Cr
    /// Liabilities:Loans); prints the loan's number and the entry.
    Add {
        #[arg(long, value_name = "CODE")]
        org: String,
        #[arg(long)]
        lender: String,
        /// bank, federation or other.
        #[arg(long = "lender-kind", value_name = "KIND")]
        lender_kind: String,
        #[arg(long, value_name = "AMOUNT")]
        principal: String,
        /// The annual interest rate in percent, up to two decimals (6.5).
        #[arg(long, value_name = "PERCENT")]
        rate: String,
        /// The day the money was drawn.
        #[arg(long, value_name = "DATE")]
        drawn: NaiveDate,
        /// How many instalments repay it.
        #[arg(long, value_name = "N")]
        instalments: u32,
        /// Months between instalments: 1, 3, 6 or 12.
        #[arg(long, value_name = "MONTHS")]
        every: u32,
        /// The account the money is paid into (default Assets:Cash).
        #[arg(long, value_name = "ACCOUNT")]
        into: Option<String>,
    },
    /// The loans with what is paid and still outstanding.
    List {
        #[arg(long, value_name = "CODE")]
        org: String,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// A loan's repayment schedule: each instalment's principal, interest and the entry
    /// that paid it.
    Schedule {
        #[arg(long, value_name = "CODE")]
        org: String,
        /// The loan's number.
        #[arg(long, value_name = "N")]
        loan: u64,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Repay the loan's next unpaid instalment as scheduled and post it (Dr
    /// Liabilities:Loans and Expenses:Interest, Cr the account paid from).
    Repay {
        #[arg(long, value_name = "CODE")]
        org: String,
        #[arg(long, value_name = "N")]
        loan: u64,
        #[arg(long, value_name = "DATE")]
        date: NaiveDate,
        /// The account it is paid from (default Assets:Cash).
        #[arg(long, value_name = "ACCOUNT")]
        from: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum StockCommand {
    /// Record one movement: KIND is purchase, supplied, issue, finish, deliver, count
    /// (QUANTITY is what was found) or adjust (QUANTITY signed).
    Record {
        #[arg(long, value_name = "CODE")]
        org: String,
        kind: String,
        item: String,
        #[arg(allow_hyphen_values = true)]
        quantity: i64,
        /// The cost of what comes in (a purchase, finished products, a count above what
        /// is on hand); what leaves is valued at the stock's average cost.
        #[arg(long, value_name = "AMOUNT")]
        value: Option<String>,
        /// The buyer whose supplied materials these are.
        #[arg(long, value_name = "BUYER")]
        owner: Option<String>,
        /// The account a purchase is paid from (default Assets:Cash).
        #[arg(long = "paid-from", value_name = "ACCOUNT")]
        paid_from: Option<String>,
        /// The day of the movement (default today).
        #[arg(long, value_name = "DATE")]
        date: Option<chrono::NaiveDate>,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// What is on hand of every item: own stock at cost, each buyer's materials apart.
    Show {
        #[arg(long, value_name = "CODE")]
        org: String,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// The movements between two days, both included.
    Movements {
        #[arg(long, value_name = "CODE")]
        org: String,
        #[arg(long, value_name = "DATE")]
        from: chrono::NaiveDate,
        #[arg(long, value_name = "DATE")]
        to: chrono::NaiveDate,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum ProductCommand {
    /// Set the standard price a product's good pieces are valued at (creating the product).
    Price {
        #[arg(long, value_name = "CODE")]
        org: String,
        name: String,
        #[arg(long, value_name = "AMOUNT")]
        price: String,
    },
    /// Set what is given of a product — standard price, unit, Chinese name — creating the
    /// product when it is not known yet.
    Set {
        #[arg(long, value_name = "CODE")]
        org: String,
        name: String,
        #[arg(long, value_name = "AMOUNT")]
        price: Option<String>,
        /// The unit its quantities are counted in (`bolt`, `jin`).
        #[arg(long)]
        unit: Option<String>,
        /// Its name in Chinese.
        #[arg(long = "name-zh")]
        name_zh: Option<String>,
    },
}

/// A member as an application or an admission gives them.
#[derive(Debug, Args)]
pub struct MemberArgs {
    #[arg(long, value_name = "CODE")]
    pub org: String,
    #[arg(long)]
    pub name: String,
    /// The day of the application.
    #[arg(long, value_name = "DATE")]
    pub joined: NaiveDate,
    #[arg(long, value_name = "N")]
    pub subscribed: u32,
    /// Shares paid, when admitted.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub paid: u32,
    #[arg(long, default_value = "")]
    pub trade: String,
}

#[derive(Debug, Subcommand)]
pub enum MemberCommand {
    /// Record an application; the shares are paid when the admission is decided.
    Apply(MemberArgs),
    /// Change a member's standing by a director's decision: suspend, reinstate,
    /// request-withdrawal, die, and admit, refuse, settle-withdrawal or expel unless the
    /// charter reserves them to a resolution.
    Change {
        #[arg(long, value_name = "CODE")]
        org: String,
        /// The member's number in the register.
        number: u64,
        #[arg(long)]
        event: String,
        #[arg(long, value_name = "DATE")]
        date: NaiveDate,
        #[arg(long, default_value = "")]
        note: String,
        /// What the member owes, deducted from a withdrawal's refund.
        #[arg(long, value_name = "AMOUNT")]
        debts: Option<String>,
    },
    /// Record a payment for more of a member's subscribed shares.
    Pay {
        #[arg(long, value_name = "CODE")]
        org: String,
        number: u64,
        #[arg(long, value_name = "N")]
        shares: u32,
        #[arg(long, value_name = "DATE")]
        date: NaiveDate,
    },
    /// Let the user NAME see this member's own capital and history when signed in.
    Link {
        #[arg(long, value_name = "CODE")]
        org: String,
        number: u64,
        #[arg(long, value_name = "NAME")]
        user: String,
    },
    /// A member's standing, history and share-capital ledger.
    Show {
        #[arg(long, value_name = "CODE")]
        org: String,
        number: u64,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum MeetingCommand {
    /// Record a meeting; a general assembly's eligible voters are counted from the register.
    Add {
        #[arg(long, value_name = "CODE")]
        org: String,
        /// general-assembly, management-committee, supervisory-committee or conference.
        #[arg(long)]
        body: String,
        #[arg(long, value_name = "DATE")]
        date: NaiveDate,
        #[arg(long)]
        title: String,
        #[arg(long, default_value = "")]
        agenda: String,
        #[arg(long, default_value = "")]
        minutes: String,
        /// Those entitled to vote (bodies other than the general assembly).
        #[arg(long, value_name = "N")]
        eligible: Option<u32>,
        #[arg(long, value_name = "N")]
        present: u32,
    },
    /// Put a motion to a meeting with its count; the charter's rule decides it.
    Motion {
        #[arg(long, value_name = "CODE")]
        org: String,
        /// The meeting's number.
        meeting: u64,
        /// admission, expulsion, withdrawal-settlement, charter-change, distribution,
        /// election or ordinary.
        #[arg(long)]
        kind: String,
        #[arg(long)]
        text: String,
        #[arg(long, default_value = "open")]
        ballot: String,
        /// The member an admission, expulsion or settlement concerns.
        #[arg(long, value_name = "N")]
        member: Option<u64>,
        #[arg(long, value_name = "N")]
        yes: u32,
        #[arg(long, value_name = "N")]
        no: u32,
        #[arg(long, value_name = "N", default_value_t = 0)]
        abstain: u32,
        #[arg(long, value_name = "AMOUNT")]
        debts: Option<String>,
        /// A charter change's charter, as JSON (see `artel meeting charter`).
        #[arg(long, value_name = "FILE")]
        charter: Option<PathBuf>,
        #[arg(long, value_name = "DATE")]
        effective: Option<NaiveDate>,
        /// An election's committee: management-committee or supervisory-committee.
        #[arg(long)]
        committee: Option<String>,
        /// A member elected, by number (repeat for each).
        #[arg(long = "elect", value_name = "N")]
        elected: Vec<u64>,
        /// The day the elected members' term ends.
        #[arg(long, value_name = "DATE")]
        term_ends: Option<NaiveDate>,
    },
    /// The committees' members on a date.
    Committees {
        #[arg(long, value_name = "CODE")]
        org: String,
        #[arg(long, value_name = "DATE")]
        date: Option<NaiveDate>,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// The charter in effect on a date, as JSON.
    Charter {
        #[arg(long, value_name = "CODE")]
        org: String,
        #[arg(long, value_name = "DATE")]
        date: Option<NaiveDate>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PeriodCommand {
    /// Close a month: no entry dated in it may be posted.
    Close {
        #[arg(long = "book", value_name = "CODE")]
        book: String,
        /// The month, YYYY-MM.
        #[arg(long)]
        period: String,
    },
    /// Reopen a closed month, saying why.
    Reopen {
        #[arg(long = "book", value_name = "CODE")]
        book: String,
        #[arg(long)]
        period: String,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum EntryCommand {
    /// Post one entry: `--posting ACCOUNT=AMOUNT` twice or more.
    Post {
        #[arg(long = "book", value_name = "CODE")]
        book: String,
        #[arg(long)]
        date: NaiveDate,
        #[arg(long, default_value = "")]
        memo: String,
        #[arg(long = "posting", value_name = "ACCOUNT=AMOUNT", required = true)]
        postings: Vec<String>,
    },
    /// Post the reversal of an entry (history is never edited).
    Reverse {
        #[arg(long = "book", value_name = "CODE")]
        book: String,
        /// The sequence number of the entry to reverse.
        sequence: u64,
        /// The reversal's date (default: today).
        #[arg(long)]
        date: Option<NaiveDate>,
        #[arg(long)]
        memo: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum AccountCommand {
    /// List the chart of accounts.
    List {
        #[arg(long = "book", value_name = "CODE")]
        book: String,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Add an account.
    Add {
        #[arg(long = "book", value_name = "CODE")]
        book: String,
        name: String,
        /// asset, liability, equity, income or expense (default: from the top-level name).
        #[arg(long = "type")]
        account_type: Option<String>,
        #[arg(long = "label-en", default_value = "")]
        label_en: String,
        #[arg(long = "label-zh", default_value = "")]
        label_zh: String,
        /// Postings to it count as production cost.
        #[arg(long)]
        production_cost: bool,
    },
    /// Change an account's English and Chinese labels.
    Relabel {
        #[arg(long = "book", value_name = "CODE")]
        book: String,
        name: String,
        #[arg(long = "label-en")]
        label_en: String,
        #[arg(long = "label-zh")]
        label_zh: String,
    },
}

/// A draw on a reserve for the labour dividend, as `distribute` and `preview` take it.
#[derive(Debug, Args)]
pub struct DrawArgs {
    /// Draw on this reserve for the labour dividend: accumulation-fund or welfare-fund
    /// (refused when the charter marks it indivisible).
    #[arg(long = "draw-from", value_name = "RESERVE", requires = "draw")]
    pub draw_from: Option<String>,
    /// The amount drawn, in the book's currency.
    #[arg(long, value_name = "AMOUNT", requires = "draw_from")]
    pub draw: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum YearCommand {
    /// Close a year: income and expenses into Equity:Current Year Surplus by one entry on
    /// its last day, and its twelve months locked.
    Close {
        #[arg(long, value_name = "CODE")]
        org: String,
        #[arg(long)]
        year: i32,
    },
    /// Reopen a closed year as an adopted motion decided: the closing reversed, the months
    /// unlocked. A year whose surplus was distributed stays closed.
    Reopen {
        #[arg(long, value_name = "CODE")]
        org: String,
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "N")]
        motion: u64,
    },
    /// Show how the charter divides a closed year's surplus, writing nothing.
    Preview {
        #[arg(long, value_name = "CODE")]
        org: String,
        #[arg(long)]
        year: i32,
        /// The day the distribution would be posted (default: today).
        #[arg(long, value_name = "DATE")]
        date: Option<NaiveDate>,
        #[command(flatten)]
        draw: DrawArgs,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Distribute a closed year's surplus (or handle its loss) as the adopted motion of
    /// kind distribution decided, posting it and every member's dividends.
    Distribute {
        #[arg(long, value_name = "CODE")]
        org: String,
        #[arg(long)]
        year: i32,
        #[arg(long, value_name = "N")]
        motion: u64,
        /// The day it is posted (default: the day of the motion's meeting).
        #[arg(long, value_name = "DATE")]
        date: Option<NaiveDate>,
        #[command(flatten)]
        draw: DrawArgs,
    },
    /// The year's labour records by member and month.
    Labour {
        #[arg(long, value_name = "CODE")]
        org: String,
        #[arg(long)]
        year: i32,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// One member's statement for the year as a PDF (Noto Sans CJK from Debian's
    /// fonts-noto-cjk, or the directory ARTEL_FONT_DIR names).
    Statement {
        #[arg(long, value_name = "CODE")]
        org: String,
        #[arg(long)]
        year: i32,
        /// The member's number.
        #[arg(long, value_name = "N")]
        member: u64,
        /// Where to write the PDF.
        #[arg(long, value_name = "FILE")]
        out: std::path::PathBuf,
        /// The statement's language.
        #[arg(long, value_enum, default_value_t = Language::En)]
        lang: Language,
    },
    /// Every member's statement for the year: share capital, labour, wages, dividends.
    Statements {
        #[arg(long, value_name = "CODE")]
        org: String,
        #[arg(long)]
        year: i32,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
}

/// The language of a printed document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Language {
    En,
    Zh,
}

#[derive(Debug, Subcommand)]
pub enum CampaignCommand {
    /// Record a campaign, run by a government office or a federation over a region within
    /// its own; it begins in its pilot phase.
    Add {
        /// The campaign's short code (hubei-1954-rectification).
        code: String,
        /// The organisation that runs it.
        #[arg(long, value_name = "OWNER")]
        org: String,
        #[arg(long, value_name = "REGION")]
        region: String,
        #[arg(long, value_name = "T")]
        title: String,
        #[arg(long, value_name = "DATE")]
        start: NaiveDate,
        #[arg(long, value_name = "DATE")]
        deadline: NaiveDate,
        #[arg(long, value_name = "TEXT", default_value = "")]
        goals: String,
        /// The number of the owner's meeting that decided it.
        #[arg(long, value_name = "N")]
        meeting: Option<u64>,
        /// The period before: YYYY, YYYY-Qn or YYYY-MM.
        #[arg(long, value_name = "P")]
        baseline: String,
        /// The period after, compared with the baseline.
        #[arg(long = "follow-up", value_name = "P")]
        follow_up: String,
    },
    /// Choose focus cooperatives: by code, or the first N by code of each district's
    /// cooperatives working on the campaign's start.
    #[command(group(clap::ArgGroup::new("choice").required(true).args(["org", "per_district"])))]
    Focus {
        code: String,
        #[arg(long, value_name = "COOP")]
        org: Vec<String>,
        #[arg(long = "per-district", value_name = "N")]
        per_district: Option<u32>,
    },
    /// Record where a focus cooperative's stage stands.
    Stage {
        code: String,
        #[arg(long, value_name = "COOP")]
        org: String,
        /// mobilisation, explaining-policy, democratic-review, inspection-of-work,
        /// establishing-systems or solving-problems.
        #[arg(long, value_name = "STAGE")]
        stage: String,
        /// pending, in-progress or done.
        #[arg(long, value_name = "S")]
        status: String,
        #[arg(long, value_name = "D")]
        started: Option<NaiveDate>,
        #[arg(long, value_name = "D")]
        finished: Option<NaiveDate>,
        #[arg(long, value_name = "T", default_value = "")]
        notes: String,
    },
    /// Record a finding on a focus cooperative; prints its number.
    Finding {
        code: String,
        #[arg(long, value_name = "COOP")]
        org: String,
        /// management, finance-accounting, quality, sales-credit, membership or other.
        #[arg(long, value_name = "C")]
        category: String,
        #[arg(long, value_name = "T")]
        text: String,
    },
    /// Record a corrective action on a finding; prints its number.
    Action {
        code: String,
        #[arg(long, value_name = "N")]
        finding: u64,
        #[arg(long, value_name = "O")]
        owner: String,
        #[arg(long, value_name = "D")]
        due: NaiveDate,
    },
    /// Mark a corrective action done.
    ActionDone {
        code: String,
        #[arg(long, value_name = "N")]
        action: u64,
        #[arg(long, value_name = "D")]
        date: NaiveDate,
    },
    /// Move the campaign forward into a phase: summing-up or extension.
    Phase {
        code: String,
        #[arg(long, value_name = "P")]
        phase: String,
        #[arg(long, value_name = "D")]
        date: NaiveDate,
    },
    /// A campaign's progress on a day: each focus cooperative's stages, the actions open,
    /// done and overdue, and the days to the deadline.
    Show {
        code: String,
        /// The day to count on (default today).
        #[arg(long = "as-of", value_name = "DATE")]
        as_of: Option<NaiveDate>,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// The campaigns you may read.
    List {
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
    /// Each focus cooperative's indicators for the baseline and the follow-up periods.
    Report {
        code: String,
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExhibitionCommand {
    /// Record an exhibition or a material exchange meeting; prints its number.
    Add(Box<ExhibitionAdd>),
    /// The events you may read, with the contracts' total value.
    List {
        #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
        format: OutputFormat,
    },
}

/// An exhibition or a material exchange meeting, as `artel exhibition add` takes it.
#[derive(Debug, Args)]
pub struct ExhibitionAdd {
    /// The organisation that held it.
    #[arg(long, value_name = "OWNER")]
    pub org: String,
    /// exhibition or exchange-meeting.
    #[arg(long, value_name = "KIND")]
    pub kind: String,
    #[arg(long, value_name = "T")]
    pub title: String,
    #[arg(long, value_name = "PLACE")]
    pub place: String,
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub first: NaiveDate,
    #[arg(long, value_name = "DATE")]
    pub last: NaiveDate,
    /// An organisation taking part, by code (repeat it).
    #[arg(long, value_name = "CODE")]
    pub participant: Vec<String>,
    /// Visitors other than the participating organisations.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub visitors: u64,
    /// A product shown, as ORGANISATION: PRODUCT (repeat it).
    #[arg(long, value_name = "ORG: PRODUCT")]
    pub product: Vec<String>,
    /// A contract signed there, as ORGANISATION/NUMBER (repeat it).
    #[arg(long, value_name = "ORG/NUMBER")]
    pub contract: Vec<String>,
}
