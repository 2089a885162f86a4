//! The accounting reports over HTTP, the same figures as `artel report`.

use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query};

use crate::auth::Signed;
use crate::dto::{
    AsOfQuery, BalanceBody, BalanceSheetBody, GeneralLedgerBody, GeneralLedgerQuery,
    IncomeStatementBody, LedgerLineBody, RangeQuery, SectionBody, TrialBalanceBody,
};
use crate::error::{ApiError, ErrorBody};

/// Every account's balance (debits minus credits) over a date range.
#[utoipa::path(get, path = "/books/{code}/trial-balance", tag = "reports",
    params(("code" = String, Path, description = "The organisation's code"), RangeQuery),
    responses((status = 200, body = TrialBalanceBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn trial_balance(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    query: Result<Query<RangeQuery>, QueryRejection>,
) -> Result<Json<TrialBalanceBody>, ApiError> {
    let (Path(code), Query(range)) = (code?, query?);
    let report = artel.trial_balance(&code, range.from, range.to).await?;
    let currency = &report.currency;
    Ok(Json(TrialBalanceBody {
        rows: report
            .trial_balance
            .rows
            .iter()
            .map(|r| BalanceBody {
                account: r.account.to_string(),
                balance: currency.format(r.balance),
            })
            .collect(),
        debit_total: currency.format(report.trial_balance.debit_total),
        credit_total: currency.format(report.trial_balance.credit_total),
        currency: currency.symbol().to_owned(),
        book: report.book,
    }))
}

/// One account's postings with the running balance.
#[utoipa::path(get, path = "/books/{code}/general-ledger", tag = "reports",
    params(("code" = String, Path, description = "The organisation's code"), GeneralLedgerQuery),
    responses((status = 200, body = GeneralLedgerBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn general_ledger(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    query: Result<Query<GeneralLedgerQuery>, QueryRejection>,
) -> Result<Json<GeneralLedgerBody>, ApiError> {
    let (Path(code), Query(query)) = (code?, query?);
    let report = artel
        .general_ledger(&code, &query.account, query.from, query.to)
        .await?;
    let (currency, ledger) = (&report.currency, &report.general_ledger);
    Ok(Json(GeneralLedgerBody {
        book: report.book.clone(),
        account: ledger.account.to_string(),
        opening: currency.format(ledger.opening),
        lines: ledger
            .lines
            .iter()
            .map(|l| LedgerLineBody {
                date: l.date,
                sequence: l.sequence,
                memo: l.memo.clone(),
                amount: currency.format(l.amount),
                balance: currency.format(l.balance),
            })
            .collect(),
        closing: currency.format(ledger.closing),
    }))
}

/// Assets, liabilities and equity as of a date.
#[utoipa::path(get, path = "/books/{code}/balance-sheet", tag = "reports",
    params(("code" = String, Path, description = "The organisation's code"), AsOfQuery),
    responses((status = 200, body = BalanceSheetBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn balance_sheet(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    query: Result<Query<AsOfQuery>, QueryRejection>,
) -> Result<Json<BalanceSheetBody>, ApiError> {
    let (Path(code), Query(query)) = (code?, query?);
    let report = artel.balance_sheet(&code, query.as_of).await?;
    let (currency, sheet) = (&report.currency, &report.balance_sheet);
    Ok(Json(BalanceSheetBody {
        book: report.book.clone(),
        as_of: report.as_of,
        assets: SectionBody::new(&sheet.assets, currency),
        liabilities: SectionBody::new(&sheet.liabilities, currency),
        equity: SectionBody::new(&sheet.equity, currency),
        undistributed_surplus: currency.format(sheet.undistributed_surplus),
    }))
}

/// Income, expenses and the surplus over a date range.
#[utoipa::path(get, path = "/books/{code}/income-statement", tag = "reports",
    params(("code" = String, Path, description = "The organisation's code"), RangeQuery),
    responses((status = 200, body = IncomeStatementBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn income_statement(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    query: Result<Query<RangeQuery>, QueryRejection>,
) -> Result<Json<IncomeStatementBody>, ApiError> {
    let (Path(code), Query(range)) = (code?, query?);
    let report = artel.income_statement(&code, range.from, range.to).await?;
    let (currency, statement) = (&report.currency, &report.income_statement);
    Ok(Json(IncomeStatementBody {
        book: report.book.clone(),
        income: SectionBody::new(&statement.income, currency),
        expenses: SectionBody::new(&statement.expenses, currency),
        surplus: currency.format(statement.surplus),
    }))
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct MonthBody {
    /// `YYYY-MM`.
    pub period: String,
    pub income: String,
    pub costs: String,
}

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct DashboardBody {
    pub book: String,
    pub name: String,
    #[schema(value_type = String, format = Date)]
    pub as_of: chrono::NaiveDate,
    pub cash_and_bank: String,
    pub receivables: String,
    pub surplus_this_year: String,
    pub months: Vec<MonthBody>,
}

/// A cooperative's figures at a glance: cash and bank, receivables, the surplus so far this
/// year, income and costs by month. Without `as_of`, as of the book's last entry.
#[utoipa::path(get, path = "/books/{code}/dashboard", tag = "reports",
    params(("code" = String, Path, description = "The organisation's code"), AsOfQuery),
    responses((status = 200, body = DashboardBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn dashboard(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    query: Result<Query<AsOfQuery>, QueryRejection>,
) -> Result<Json<DashboardBody>, ApiError> {
    let (Path(code), Query(query)) = (code?, query?);
    let figures = artel.dashboard(&code, query.as_of).await?;
    let currency = &figures.currency;
    Ok(Json(DashboardBody {
        book: figures.book.clone(),
        name: figures.name.clone(),
        as_of: figures.as_of,
        cash_and_bank: currency.format(figures.cash_and_bank),
        receivables: currency.format(figures.receivables),
        surplus_this_year: currency.format(figures.surplus_this_year),
        months: figures
            .months
            .iter()
            .map(|m| MonthBody {
                period: m.period.to_string(),
                income: currency.format(m.income),
                costs: currency.format(m.costs),
            })
            .collect(),
    }))
}
