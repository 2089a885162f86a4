//! Contracts and receivables over HTTP, beyond the listings of `sales`: how far each
//! contract is fulfilled on a day, and a bad debt written off by an adopted motion.

use artel_app::ContractStanding;
use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::Signed;
use crate::error::{ApiError, ErrorBody};
use crate::sales::AsOf;

/// One item of a contract and how much of it has been delivered.
#[derive(Debug, Serialize, ToSchema)]
pub struct ItemStandingBody {
    pub product: String,
    pub quantity: u32,
    pub price: String,
    #[schema(value_type = Option<String>, format = Date)]
    pub deliver_by: Option<NaiveDate>,
    pub delivered: u64,
}

/// A contract and how far the deliveries invoiced against it fulfil it on a day.
#[derive(Debug, Serialize, ToSchema)]
pub struct ContractStandingBody {
    pub number: String,
    pub counterparty: String,
    /// `sales`, `purchase` or `combined`.
    pub kind: String,
    #[schema(value_type = String, format = Date)]
    pub signed: NaiveDate,
    pub value: String,
    /// What the deliveries were invoiced at.
    pub delivered: String,
    /// The delivered value against the contract's, a percentage with one decimal.
    pub fulfilled_pct: String,
    /// `signed`, `delivering`, `fulfilled` or `overdue`.
    pub status: String,
    pub items: Vec<ItemStandingBody>,
}

fn standing_body(currency: &artel_ledger::Currency, s: ContractStanding) -> ContractStandingBody {
    ContractStandingBody {
        value: currency.format(s.contract.value),
        delivered: currency.format(s.fulfilment.delivered),
        fulfilled_pct: artel_app::per_mille_as_percent(s.fulfilment.per_mille),
        status: s.fulfilment.status.as_str().to_owned(),
        items: s
            .fulfilment
            .items
            .into_iter()
            .map(|i| ItemStandingBody {
                price: currency.format(i.item.price),
                product: i.item.product,
                quantity: i.item.quantity,
                deliver_by: i.item.deliver_by,
                delivered: i.delivered,
            })
            .collect(),
        number: s.contract.number,
        counterparty: s.contract.counterparty,
        kind: s.contract.kind,
        signed: s.contract.signed,
    }
}

/// The contracts signed by a day, each with how far it is fulfilled that day.
#[utoipa::path(get, path = "/organisations/{code}/contracts/fulfilment", tag = "sales",
    params(("code" = String, Path, description = "The organisation's code"), AsOf),
    responses((status = 200, body = Vec<ContractStandingBody>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn contract_fulfilment(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    query: Result<Query<AsOf>, QueryRejection>,
) -> Result<Json<Vec<ContractStandingBody>>, ApiError> {
    let (Path(code), Query(AsOf { as_of })) = (code?, query?);
    let standings = artel.contract_standings(&code, as_of).await?;
    let currency = artel.book(&code).await?.currency;
    Ok(Json(
        standings
            .into_iter()
            .map(|s| standing_body(&currency, s))
            .collect(),
    ))
}

/// A bad debt to write off, as asked.
#[derive(Debug, Deserialize, ToSchema)]
pub struct WriteOffRequest {
    /// The invoice, by the sequence of the entry that posted it.
    pub invoice: u64,
    /// The adopted motion that decided it, by number.
    pub motion: u64,
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
}

/// The entry that wrote a bad debt off.
#[derive(Debug, Serialize, ToSchema)]
pub struct WriteOffBody {
    pub sequence: u64,
}

/// Writes off what an invoice still owes, as an adopted motion decided.
#[utoipa::path(post, path = "/organisations/{code}/write-offs", tag = "sales",
    params(("code" = String, Path, description = "The organisation's code")),
    request_body = WriteOffRequest,
    responses((status = 201, body = WriteOffBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn write_off(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    body: Result<Json<WriteOffRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<WriteOffBody>), ApiError> {
    let (Path(code), Json(body)) = (code?, body?);
    let sequence = artel
        .write_off(&code, body.invoice, body.motion, body.date)
        .await?;
    Ok((StatusCode::CREATED, Json(WriteOffBody { sequence })))
}
