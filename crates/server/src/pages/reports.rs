//! The accounting reports as pages — trial balance, general ledger, balance sheet and
//! income statement — each with its form (a date range, or a date for the balance sheet,
//! and an account for the general ledger), printable, and downloadable as CSV or XLSX for
//! the same choice (`/books/{code}/download/{report}.{csv|xlsx}`, headings in the
//! reader's language).

use artel_app::{
    AppError, Artel, BalanceSheetReport, GeneralLedgerReport, IncomeStatementReport,
    TrialBalanceReport,
};
use artel_ledger::Money;
use artel_ledger::report::Section;
use artel_reports_out::{self as out, Labels, OutError};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;

use super::book_nav::BookNav;
use super::form::{date_range, optional_date};
use super::i18n::Locale;
use super::{Choice, Chrome, FieldErrors, Page, PageError, SidedRow, encode};

/// The four reports, by the name their page and their downloads go by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    TrialBalance,
    GeneralLedger,
    BalanceSheet,
    IncomeStatement,
}

impl Kind {
    const ALL: [Kind; 4] = [
        Kind::TrialBalance,
        Kind::GeneralLedger,
        Kind::BalanceSheet,
        Kind::IncomeStatement,
    ];

    /// `trial-balance`: the page's address, the download's file name and the title's key.
    pub fn slug(self) -> &'static str {
        match self {
            Kind::TrialBalance => "trial-balance",
            Kind::GeneralLedger => "general-ledger",
            Kind::BalanceSheet => "balance-sheet",
            Kind::IncomeStatement => "income-statement",
        }
    }

    fn from_slug(slug: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.slug() == slug)
    }

    /// Whether the report covers a range of dates (else it is as of a date).
    pub fn has_range(self) -> bool {
        self != Kind::BalanceSheet
    }

    pub fn has_account(self) -> bool {
        self == Kind::GeneralLedger
    }
}

/// What the report's form asks for, as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ReportQuery {
    from: Option<String>,
    to: Option<String>,
    as_of: Option<String>,
    account: Option<String>,
}

/// The same, read.
#[derive(Debug, Clone, Default)]
struct Asked {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    as_of: Option<NaiveDate>,
    account: Option<String>,
}

impl ReportQuery {
    fn read(&self, c: &Chrome) -> (Asked, FieldErrors) {
        let mut errors = FieldErrors::default();
        let (from, to) = date_range(c, &mut errors, self.from.as_deref(), self.to.as_deref());
        let as_of = optional_date(c, &mut errors, "as_of", self.as_of.as_deref());
        let account = self
            .account
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_owned);
        let asked = Asked {
            from,
            to,
            as_of,
            account,
        };
        (asked, errors)
    }

    /// `?from=…&to=…` with what was filled in, for the download links.
    fn query_string(&self) -> String {
        let parts: Vec<String> = [
            ("from", &self.from),
            ("to", &self.to),
            ("as_of", &self.as_of),
            ("account", &self.account),
        ]
        .into_iter()
        .filter_map(|(name, value)| {
            let value = value.as_deref()?.trim();
            (!value.is_empty()).then(|| format!("{name}={}", encode(value)))
        })
        .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// A report as the use cases give it.
enum Report {
    TrialBalance(TrialBalanceReport),
    GeneralLedger(GeneralLedgerReport),
    BalanceSheet(BalanceSheetReport),
    IncomeStatement(IncomeStatementReport),
}

impl Report {
    async fn run(artel: &Artel, code: &str, kind: Kind, asked: &Asked) -> Result<Report, AppError> {
        Ok(match kind {
            Kind::TrialBalance => {
                Report::TrialBalance(artel.trial_balance(code, asked.from, asked.to).await?)
            }
            Kind::GeneralLedger => Report::GeneralLedger(
                artel
                    .general_ledger(
                        code,
                        asked.account.as_deref().unwrap_or_default(),
                        asked.from,
                        asked.to,
                    )
                    .await?,
            ),
            Kind::BalanceSheet => {
                Report::BalanceSheet(artel.balance_sheet(code, asked.as_of).await?)
            }
            Kind::IncomeStatement => {
                Report::IncomeStatement(artel.income_statement(code, asked.from, asked.to).await?)
            }
        })
    }

    fn csv(&self) -> Result<Vec<u8>, OutError> {
        match self {
            Report::TrialBalance(r) => out::trial_balance_csv(r),
            Report::GeneralLedger(r) => out::general_ledger_csv(r),
            Report::BalanceSheet(r) => out::balance_sheet_csv(r),
            Report::IncomeStatement(r) => out::income_statement_csv(r),
        }
    }

    fn xlsx(&self, labels: &Labels) -> Result<Vec<u8>, OutError> {
        match self {
            Report::TrialBalance(r) => out::trial_balance_xlsx(r, labels),
            Report::GeneralLedger(r) => out::general_ledger_xlsx(r, labels),
            Report::BalanceSheet(r) => out::balance_sheet_xlsx(r, labels),
            Report::IncomeStatement(r) => out::income_statement_xlsx(r, labels),
        }
    }
}

/// The headings of the downloads and the statements, in the reader's language.
fn labels(locale: Locale) -> Labels {
    match locale {
        Locale::En => Labels::english(),
        Locale::ZhCn => Labels::chinese(),
    }
}

/// The report's form as the page shows it.
pub struct ReportForm {
    pub kind: Kind,
    pub from: String,
    pub to: String,
    pub as_of: String,
    /// The chart's accounts, for the general ledger's choice.
    pub accounts: Vec<Choice>,
    /// `?…` for the download links.
    pub query: String,
}

/// An account and an amount, formatted.
pub struct AmountRow {
    pub label: String,
    pub amount: String,
}

/// A section of a statement: heading, rows, total.
pub struct SectionView {
    pub heading: String,
    pub rows: Vec<AmountRow>,
    pub total_label: String,
    pub total: String,
}

/// One line of the general ledger.
pub struct LedgerRow {
    pub date: String,
    pub sequence: u64,
    pub memo: String,
    pub amount: String,
    pub balance: String,
}

/// What the page shows of the report.
pub enum Body {
    /// Nothing to show: the form has errors, or the general ledger has no account yet.
    Nothing,
    TrialBalance {
        rows: Vec<SidedRow>,
        debit_total: String,
        credit_total: String,
    },
    Statement {
        sections: Vec<SectionView>,
        totals: Vec<AmountRow>,
    },
    GeneralLedger {
        opening: String,
        rows: Vec<LedgerRow>,
        closing: String,
    },
}

#[derive(Template, WebTemplate)]
#[template(path = "report.html")]
struct ReportPage {
    c: Chrome,
    nav: BookNav,
    form: ReportForm,
    errors: FieldErrors,
    /// "From … to …", "As of …".
    subtitle: String,
    labels: Labels,
    body: Body,
}

impl ReportPage {
    fn title(&self) -> String {
        self.c.t(self.form.kind.slug())
    }
}

/// The page of one report; its kind is the route's.
async fn report_page(
    page: Page,
    code: String,
    kind: Kind,
    query: ReportQuery,
) -> Result<Response, PageError> {
    let (nav, organisation) = BookNav::load(&page.artel, &code, kind.slug()).await?;
    let c = page.c;
    let (asked, errors) = query.read(&c);
    let accounts = if kind.has_account() {
        page.artel
            .accounts(&code)
            .await?
            .into_iter()
            .map(|account| {
                let name = account.name.to_string();
                let label = match c.locale {
                    Locale::En => &account.label_en,
                    Locale::ZhCn => &account.label_zh,
                };
                Choice {
                    selected: asked.account.as_deref() == Some(name.as_str()),
                    label: if label.is_empty() {
                        name.clone()
                    } else {
                        format!("{name} · {label}")
                    },
                    value: name,
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let labels = labels(c.locale);
    let scale = u32::from(organisation.currency.scale());
    let wanted = errors.is_empty() && (!kind.has_account() || asked.account.is_some());
    let mut errors = errors;
    let body = if wanted {
        match Report::run(&page.artel, &code, kind, &asked).await {
            Ok(report) => body(&report, &labels, &c, scale),
            Err(AppError::Rejected(problems)) => {
                // The general ledger's account is the only thing left to refuse here.
                for problem in problems {
                    tracing::info!(place = %problem.place, message = %problem.message, "report refused");
                }
                errors.add("account", c.t("report-account-unknown"));
                Body::Nothing
            }
            Err(other) => return Err(PageError::from(other)),
        }
    } else {
        Body::Nothing
    };
    let subtitle = if kind.has_range() {
        labels.range(asked.from, asked.to)
    } else {
        labels.as_of_date(asked.as_of)
    };
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    let form = ReportForm {
        kind,
        from: query.from.clone().unwrap_or_default(),
        to: query.to.clone().unwrap_or_default(),
        as_of: query.as_of.clone().unwrap_or_default(),
        accounts,
        query: query.query_string(),
    };
    Ok((
        status,
        ReportPage {
            c,
            nav,
            form,
            errors,
            subtitle,
            labels,
            body,
        },
    )
        .into_response())
}

fn section(
    heading: &str,
    total_label: &str,
    section: &Section,
    amount: &dyn Fn(Money) -> String,
) -> SectionView {
    SectionView {
        heading: heading.to_owned(),
        rows: section
            .rows
            .iter()
            .map(|(account, money)| AmountRow {
                label: account.to_string(),
                amount: amount(*money),
            })
            .collect(),
        total_label: total_label.to_owned(),
        total: amount(section.total),
    }
}

/// The report as the page shows it, amounts in the reader's style with `scale` decimals.
fn body(report: &Report, labels: &Labels, c: &Chrome, scale: u32) -> Body {
    let amount = &|money: Money| c.locale.amount(money.minor(), scale);
    match report {
        Report::TrialBalance(r) => Body::TrialBalance {
            rows: r
                .trial_balance
                .rows
                .iter()
                .map(|row| SidedRow::new(c, row.account.to_string(), row.balance.minor(), scale))
                .collect(),
            debit_total: amount(r.trial_balance.debit_total),
            credit_total: amount(r.trial_balance.credit_total),
        },
        Report::GeneralLedger(r) => Body::GeneralLedger {
            opening: amount(r.general_ledger.opening),
            rows: r
                .general_ledger
                .lines
                .iter()
                .map(|line| LedgerRow {
                    date: c.locale.date(line.date),
                    sequence: line.sequence,
                    memo: line.memo.clone(),
                    amount: amount(line.amount),
                    balance: amount(line.balance),
                })
                .collect(),
            closing: amount(r.general_ledger.closing),
        },
        Report::BalanceSheet(r) => {
            let sheet = &r.balance_sheet;
            let right = sheet
                .liabilities_and_equity_total()
                .map_or_else(|_| String::new(), amount);
            Body::Statement {
                sections: vec![
                    section(&labels.assets, &labels.total_assets, &sheet.assets, amount),
                    section(
                        &labels.liabilities,
                        &labels.total_liabilities,
                        &sheet.liabilities,
                        amount,
                    ),
                    section(&labels.equity, &labels.total_equity, &sheet.equity, amount),
                ],
                totals: vec![
                    AmountRow {
                        label: labels.undistributed_surplus.clone(),
                        amount: amount(sheet.undistributed_surplus),
                    },
                    AmountRow {
                        label: c.t("balance-sheet-right-total"),
                        amount: right,
                    },
                ],
            }
        }
        Report::IncomeStatement(r) => {
            let statement = &r.income_statement;
            Body::Statement {
                sections: vec![
                    section(
                        &labels.income,
                        &labels.total_income,
                        &statement.income,
                        amount,
                    ),
                    section(
                        &labels.expenses,
                        &labels.total_expenses,
                        &statement.expenses,
                        amount,
                    ),
                ],
                totals: vec![AmountRow {
                    label: labels.surplus.clone(),
                    amount: amount(statement.surplus),
                }],
            }
        }
    }
}

pub async fn trial_balance(
    page: Page,
    Path(code): Path<String>,
    Query(query): Query<ReportQuery>,
) -> Result<Response, PageError> {
    report_page(page, code, Kind::TrialBalance, query).await
}

pub async fn general_ledger(
    page: Page,
    Path(code): Path<String>,
    Query(query): Query<ReportQuery>,
) -> Result<Response, PageError> {
    report_page(page, code, Kind::GeneralLedger, query).await
}

pub async fn balance_sheet(
    page: Page,
    Path(code): Path<String>,
    Query(query): Query<ReportQuery>,
) -> Result<Response, PageError> {
    report_page(page, code, Kind::BalanceSheet, query).await
}

pub async fn income_statement(
    page: Page,
    Path(code): Path<String>,
    Query(query): Query<ReportQuery>,
) -> Result<Response, PageError> {
    report_page(page, code, Kind::IncomeStatement, query).await
}

/// `REPORT.csv` and `REPORT.xlsx`, for the same choice as the report's page.
pub async fn download(
    page: Page,
    Path((code, file)): Path<(String, String)>,
    Query(query): Query<ReportQuery>,
) -> Result<Response, PageError> {
    let (slug, format) = file.rsplit_once('.').ok_or_else(PageError::not_found)?;
    let kind = Kind::from_slug(slug).ok_or_else(PageError::not_found)?;
    if format != "csv" && format != "xlsx" {
        return Err(PageError::not_found());
    }
    let (asked, errors) = query.read(&page.c);
    if !errors.is_empty() {
        return Err(PageError::bad_request());
    }
    let report = Report::run(&page.artel, &code, kind, &asked).await?;
    let failed = |error: OutError| PageError::from(AppError::Failed(error.to_string()));
    let (content_type, bytes) = if format == "csv" {
        ("text/csv; charset=utf-8", report.csv().map_err(failed)?)
    } else {
        (
            super::XLSX,
            report.xlsx(&labels(page.c.locale)).map_err(failed)?,
        )
    };
    let disposition = format!("attachment; filename=\"{code}-{file}\"");
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}
