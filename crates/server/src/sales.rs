//! Sales over HTTP: the contracts and invoices of a date range, one invoiced sale, a
//! payment from a buyer, and the receivables aged on a day.

use std::collections::BTreeMap;

use artel_app::{AgingBucket, Buckets, SaleRequest};
use artel_ledger::Currency;
use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Signed;
use crate::error::{ApiError, ErrorBody};
use crate::production::DateRange;

/// A contract.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContractBody {
    pub number: String,
    pub counterparty: String,
    pub counterparty_type: String,
    /// `sales`, `purchase` or `combined`.
    pub kind: String,
    #[schema(value_type = String, format = Date)]
    pub signed: NaiveDate,
    pub value: String,
    pub credit_days: Option<u32>,
}

/// An invoiced sale.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvoiceBody {
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
    pub counterparty: String,
    pub counterparty_type: String,
    pub product: String,
    pub quantity: u32,
    pub amount: String,
    /// The part of the amount settled from the buyer's advances.
    pub advance: String,
    /// `cash` or `credit:DAYS`.
    pub terms: String,
    #[schema(value_type = String, format = Date)]
    pub due: NaiveDate,
    pub contract: Option<String>,
    /// The entry that posted it, which numbers the invoice.
    pub sequence: u64,
}

/// An invoiced sale, as asked.
#[derive(Debug, Deserialize, ToSchema)]
pub struct InvoiceRequest {
    #[schema(value_type = String, format = Date, example = "1954-04-02")]
    pub date: NaiveDate,
    pub counterparty: String,
    /// `supply-marketing`, `state-commerce`, `private-merchant`, `cooperative` or
    /// `individual`; a known counterparty keeps its type.
    pub counterparty_type: String,
    pub product: String,
    pub quantity: u32,
    /// `"250.00"`.
    pub amount: String,
    /// `cash` or `credit:DAYS`.
    pub terms: String,
    /// The number of the contract it delivers against, held by the same counterparty.
    pub contract: Option<String>,
}

/// An invoiced sale as recorded: the entry that posted it, which numbers the invoice.
#[derive(Debug, Serialize, ToSchema)]
pub struct InvoiceRecorded {
    pub sequence: u64,
}

/// A payment from a buyer, as asked.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PaymentRequest {
    pub counterparty: String,
    /// `"250.00"`.
    pub amount: String,
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
    /// The account paid into (default `Assets:Cash`).
    pub into: Option<String>,
    /// The invoice to apply it to first, by its entry's sequence; then the oldest.
    pub invoice: Option<u64>,
}

/// What a payment paid.
#[derive(Debug, Serialize, ToSchema)]
pub struct PaymentBody {
    pub sequence: u64,
    /// Each invoice paid (its sequence) and how much of it.
    pub applied: Vec<AppliedBody>,
    /// What was left over: an advance from the buyer.
    pub advance: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AppliedBody {
    pub invoice: u64,
    pub amount: String,
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct AsOf {
    pub as_of: NaiveDate,
}

/// Receivables aged on a day: amounts by bucket (`current`, `1-30`, `31-60`, `61-90`,
/// `91-180`, `over-180`) per buyer and in total.
#[derive(Debug, Serialize, ToSchema)]
pub struct AgingBody {
    #[schema(value_type = String, format = Date)]
    pub as_of: NaiveDate,
    pub counterparties: BTreeMap<String, BTreeMap<String, String>>,
    pub total: BTreeMap<String, String>,
}

fn buckets(currency: &Currency, amounts: &Buckets) -> BTreeMap<String, String> {
    AgingBucket::ALL
        .iter()
        .zip(amounts)
        .map(|(bucket, amount)| (bucket.as_str().to_owned(), currency.format(*amount)))
        .collect()
}

/// The contracts signed in a range, both ends included.
#[utoipa::path(get, path = "/organisations/{code}/contracts", tag = "sales",
    params(("code" = String, Path, description = "The organisation's code"), DateRange),
    responses((status = 200, body = Vec<ContractBody>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_contracts(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    query: Result<Query<DateRange>, QueryRejection>,
) -> Result<Json<Vec<ContractBody>>, ApiError> {
    let (Path(code), Query(range)) = (code?, query?);
    let contracts = artel.contracts(&code, range.from, range.to).await?;
    let currency = artel.book(&code).await?.currency;
    Ok(Json(
        contracts
            .into_iter()
            .map(|c| ContractBody {
                value: currency.format(c.value),
                number: c.number,
                counterparty: c.counterparty,
                counterparty_type: c.counterparty_type,
                kind: c.kind,
                signed: c.signed,
                credit_days: c.credit_days,
            })
            .collect(),
    ))
}

/// The invoices dated in a range, both ends included.
#[utoipa::path(get, path = "/organisations/{code}/invoices", tag = "sales",
    params(("code" = String, Path, description = "The organisation's code"), DateRange),
    responses((status = 200, body = Vec<InvoiceBody>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_invoices(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    query: Result<Query<DateRange>, QueryRejection>,
) -> Result<Json<Vec<InvoiceBody>>, ApiError> {
    let (Path(code), Query(range)) = (code?, query?);
    let invoices = artel.invoices(&code, range.from, range.to).await?;
    let currency = artel.book(&code).await?.currency;
    Ok(Json(
        invoices
            .into_iter()
            .map(|i| InvoiceBody {
                amount: currency.format(i.amount),
                advance: currency.format(i.advance),
                date: i.date,
                counterparty: i.counterparty,
                counterparty_type: i.counterparty_type,
                product: i.product,
                quantity: i.quantity,
                terms: i.terms,
                due: i.due,
                contract: i.contract,
                sequence: i.sequence,
            })
            .collect(),
    ))
}

/// Records one invoiced sale and posts it: cash to `Assets:Cash`, on credit to
/// `Assets:Receivables` due after the term.
#[utoipa::path(post, path = "/organisations/{code}/invoices", tag = "sales",
    params(("code" = String, Path, description = "The organisation's code")),
    request_body = InvoiceRequest,
    responses((status = 201, body = InvoiceRecorded), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn record_invoice(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    body: Result<Json<InvoiceRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<InvoiceRecorded>), ApiError> {
    let (Path(code), Json(body)) = (code?, body?);
    let request = SaleRequest {
        date: body.date,
        counterparty: body.counterparty,
        counterparty_type: body.counterparty_type,
        product: body.product,
        quantity: body.quantity,
        amount: body.amount,
        terms: body.terms,
        contract: body.contract,
    };
    let sequence = artel.record_sale(&code, &request).await?;
    Ok((StatusCode::CREATED, Json(InvoiceRecorded { sequence })))
}

/// Records a payment from a buyer, applied to their open invoices oldest first.
#[utoipa::path(post, path = "/organisations/{code}/payments", tag = "sales",
    params(("code" = String, Path, description = "The organisation's code")),
    request_body = PaymentRequest,
    responses((status = 201, body = PaymentBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn record_payment(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    body: Result<Json<PaymentRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<PaymentBody>), ApiError> {
    let (Path(code), Json(body)) = (code?, body?);
    let request = artel_app::PaymentRequest {
        counterparty: &body.counterparty,
        amount: &body.amount,
        date: body.date,
        into: body.into.as_deref(),
        invoice: body.invoice,
    };
    let paid = artel.record_payment(&code, &request).await?;
    let currency = artel.book(&code).await?.currency;
    Ok((
        StatusCode::CREATED,
        Json(PaymentBody {
            sequence: paid.sequence,
            applied: paid
                .applied
                .iter()
                .map(|(invoice, amount)| AppliedBody {
                    invoice: *invoice,
                    amount: currency.format(*amount),
                })
                .collect(),
            advance: currency.format(paid.advance),
        }),
    ))
}

/// The receivables aged on a day.
#[utoipa::path(get, path = "/organisations/{code}/aging", tag = "sales",
    params(("code" = String, Path, description = "The organisation's code"), AsOf),
    responses((status = 200, body = AgingBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn aging(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    query: Result<Query<AsOf>, QueryRejection>,
) -> Result<Json<AgingBody>, ApiError> {
    let (Path(code), Query(AsOf { as_of })) = (code?, query?);
    let aging = artel.aging(&code, as_of).await?;
    let currency = artel.book(&code).await?.currency;
    Ok(Json(AgingBody {
        as_of,
        counterparties: aging
            .counterparties
            .iter()
            .map(|(name, amounts)| (name.clone(), buckets(&currency, amounts)))
            .collect(),
        total: buckets(&currency, &aging.total),
    }))
}
