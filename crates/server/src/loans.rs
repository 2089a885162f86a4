//! Loans over HTTP: the loans with their schedules and what is outstanding, a loan
//! recorded with its drawdown posted, one loan, and its next instalment repaid.

use artel_app::{Loan, LoanRequest, format_rate};
use artel_ledger::Currency;
use axum::Json;
use axum::extract::Path;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::http::StatusCode;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::Signed;
use crate::error::{ApiError, ErrorBody};

/// A loan, as asked.
#[derive(Debug, Deserialize, ToSchema)]
pub struct LoanRequestBody {
    pub lender: String,
    /// `bank`, `federation` or `other`.
    pub lender_kind: String,
    /// `"1000.00"`.
    pub principal: String,
    /// The annual interest rate in percent, up to two decimals: `"6.5"`.
    pub rate: String,
    #[schema(value_type = String, format = Date, example = "1954-03-01")]
    pub drawn: NaiveDate,
    pub instalments: u32,
    /// Months between instalments: 1, 3, 6 or 12.
    pub months: u32,
    /// The account the money is paid into (default `Assets:Cash`).
    pub into: Option<String>,
}

/// One instalment of a loan's schedule.
#[derive(Debug, Serialize, ToSchema)]
pub struct InstalmentBody {
    pub instalment: u32,
    #[schema(value_type = String, format = Date)]
    pub due: NaiveDate,
    pub principal: String,
    pub interest: String,
    pub total: String,
    /// The day it was repaid, once it is.
    #[schema(value_type = Option<String>, format = Date)]
    pub paid_on: Option<NaiveDate>,
    /// The entry that posted its repayment, once it is repaid.
    pub paid_by: Option<u64>,
}

/// A loan with its schedule.
#[derive(Debug, Serialize, ToSchema)]
pub struct LoanBody {
    pub number: u64,
    pub lender: String,
    pub lender_kind: String,
    pub principal: String,
    /// The annual rate in percent with two decimals: `"6.50"`.
    pub rate: String,
    #[schema(value_type = String, format = Date)]
    pub drawn: NaiveDate,
    pub instalments: u32,
    pub months: u32,
    /// The entry that posted the drawdown.
    pub sequence: u64,
    /// The principal not yet repaid.
    pub outstanding: String,
    pub schedule: Vec<InstalmentBody>,
}

/// A repayment, as asked: the next unpaid instalment is repaid as scheduled.
#[derive(Debug, Deserialize, ToSchema)]
pub struct RepaymentRequestBody {
    #[schema(value_type = String, format = Date, example = "1954-04-01")]
    pub date: NaiveDate,
    /// The account it is paid from (default `Assets:Cash`).
    pub from: Option<String>,
}

/// What a repayment paid.
#[derive(Debug, Serialize, ToSchema)]
pub struct RepaymentBody {
    pub loan: u64,
    pub instalment: u32,
    pub principal: String,
    pub interest: String,
    pub total: String,
    /// The entry that posted it.
    pub sequence: u64,
    /// The principal still outstanding after it.
    pub outstanding: String,
}

impl LoanBody {
    fn new(loan: Loan, currency: &Currency) -> LoanBody {
        let terms = &loan.terms;
        LoanBody {
            number: loan.number,
            lender: terms.lender().to_owned(),
            lender_kind: terms.lender_kind().to_string(),
            principal: currency.format(terms.principal()),
            rate: format_rate(terms.rate_bp()),
            drawn: terms.drawn(),
            instalments: terms.instalments(),
            months: terms.months(),
            sequence: loan.sequence,
            outstanding: currency.format(loan.outstanding),
            schedule: loan
                .schedule
                .iter()
                .map(|s| InstalmentBody {
                    instalment: s.instalment.number,
                    due: s.instalment.due,
                    principal: currency.format(s.instalment.principal),
                    interest: currency.format(s.instalment.interest),
                    total: currency.format(s.instalment.total()),
                    paid_on: s.repaid.map(|r| r.date),
                    paid_by: s.repaid.map(|r| r.sequence),
                })
                .collect(),
        }
    }
}

/// The loans, by number, with their schedules.
#[utoipa::path(get, path = "/organisations/{code}/loans", tag = "loans",
    params(("code" = String, Path, description = "The organisation's code")),
    responses((status = 200, body = Vec<LoanBody>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_loans(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
) -> Result<Json<Vec<LoanBody>>, ApiError> {
    let Path(code) = code?;
    let loans = artel.loans(&code).await?;
    let currency = artel.book(&code).await?.currency;
    Ok(Json(
        loans
            .into_iter()
            .map(|loan| LoanBody::new(loan, &currency))
            .collect(),
    ))
}

/// Records a loan and posts its drawdown.
#[utoipa::path(post, path = "/organisations/{code}/loans", tag = "loans",
    params(("code" = String, Path, description = "The organisation's code")),
    request_body = LoanRequestBody,
    responses((status = 201, body = LoanBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_loan(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    body: Result<Json<LoanRequestBody>, JsonRejection>,
) -> Result<(StatusCode, Json<LoanBody>), ApiError> {
    let (Path(code), Json(body)) = (code?, body?);
    let request = LoanRequest {
        lender: body.lender,
        lender_kind: body.lender_kind,
        principal: body.principal,
        rate: body.rate,
        drawn: body.drawn,
        instalments: body.instalments,
        months: body.months,
        into: body.into,
    };
    let added = artel.add_loan(&code, &request, "api").await?;
    let loan = artel.loan(&code, added.number).await?;
    let currency = artel.book(&code).await?.currency;
    Ok((StatusCode::CREATED, Json(LoanBody::new(loan, &currency))))
}

/// One loan with its schedule and each repaid instalment's entry.
#[utoipa::path(get, path = "/organisations/{code}/loans/{number}", tag = "loans",
    params(("code" = String, Path, description = "The organisation's code"), ("number" = u64, Path, description = "The loan's number")),
    responses((status = 200, body = LoanBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_loan(
    Signed(artel): Signed,
    path: Result<Path<(String, u64)>, PathRejection>,
) -> Result<Json<LoanBody>, ApiError> {
    let Path((code, number)) = path?;
    let loan = artel.loan(&code, number).await?;
    let currency = artel.book(&code).await?.currency;
    Ok(Json(LoanBody::new(loan, &currency)))
}

/// Repays the loan's next unpaid instalment as scheduled and posts it; a loan repaid in
/// full is refused, naming `loan`.
#[utoipa::path(post, path = "/organisations/{code}/loans/{number}/repayments", tag = "loans",
    params(("code" = String, Path, description = "The organisation's code"), ("number" = u64, Path, description = "The loan's number")),
    request_body = RepaymentRequestBody,
    responses((status = 201, body = RepaymentBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn repay_loan(
    Signed(artel): Signed,
    path: Result<Path<(String, u64)>, PathRejection>,
    body: Result<Json<RepaymentRequestBody>, JsonRejection>,
) -> Result<(StatusCode, Json<RepaymentBody>), ApiError> {
    let (Path((code, number)), Json(body)) = (path?, body?);
    let repaid = artel
        .repay_loan(&code, number, body.date, body.from.as_deref(), "api")
        .await?;
    let currency = artel.book(&code).await?.currency;
    let instalment = repaid.instalment;
    Ok((
        StatusCode::CREATED,
        Json(RepaymentBody {
            loan: number,
            instalment: instalment.number,
            principal: currency.format(instalment.principal),
            interest: currency.format(instalment.interest),
            total: currency.format(instalment.total()),
            sequence: repaid.sequence,
            outstanding: currency.format(repaid.outstanding),
        }),
    ))
}
