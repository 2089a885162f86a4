//! Stock over HTTP: what is on hand (own stock at cost, each buyer's materials apart), one
//! movement at a time, and the movements of a date range.

use artel_app::{AppError, StockKind, StockMove};
use artel_ledger::AccountName;
use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::Signed;
use crate::error::{ApiError, ErrorBody};
use crate::production::DateRange;

/// What is on hand of an item for its owner.
#[derive(Debug, Serialize, ToSchema)]
pub struct StockBody {
    pub item: String,
    /// `material` or `product`.
    pub kind: String,
    /// The buyer whose supplied materials these are; absent for own stock.
    pub owner: Option<String>,
    pub quantity: i64,
    /// Own stock at cost (`"320.00"`); absent for a buyer's materials, which the books do
    /// not hold.
    pub value: Option<String>,
}

/// A movement of stock, as asked.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MovementRequest {
    #[schema(value_type = String, format = Date, example = "1954-04-05")]
    pub date: NaiveDate,
    /// `purchase`, `supplied`, `issue`, `finish`, `deliver`, `count` (the quantity found) or
    /// `adjust` (signed).
    pub kind: String,
    pub item: String,
    pub quantity: i64,
    /// The cost of what comes in: `"300.00"`.
    pub value: Option<String>,
    pub owner: Option<String>,
    /// The account a purchase is paid from (default `Assets:Cash`).
    pub paid_from: Option<String>,
    #[serde(default)]
    pub note: String,
}

/// A movement of stock as recorded.
#[derive(Debug, Serialize, ToSchema)]
pub struct MovementBody {
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
    pub kind: String,
    pub item: String,
    pub owner: Option<String>,
    /// The change of quantity, signed.
    pub quantity: i64,
    /// The change of value at cost, signed: `"-144.00"`.
    pub value: String,
    /// The entry that posted it.
    pub sequence: Option<u64>,
    pub note: String,
}

fn owner(text: String) -> Option<String> {
    Some(text).filter(|o| !o.is_empty())
}

/// What is on hand of every item.
#[utoipa::path(get, path = "/organisations/{code}/stock", tag = "production",
    params(("code" = String, Path, description = "The organisation's code")),
    responses((status = 200, body = Vec<StockBody>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn on_hand(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
) -> Result<Json<Vec<StockBody>>, ApiError> {
    let Path(code) = code?;
    let stock = artel.stock_on_hand(&code).await?;
    let currency = artel.book(&code).await?.currency;
    Ok(Json(
        stock
            .into_iter()
            .map(|s| StockBody {
                value: s.owner.is_empty().then(|| currency.format(s.on_hand.value)),
                item: s.item,
                kind: s.item_kind,
                owner: owner(s.owner),
                quantity: s.on_hand.quantity,
            })
            .collect(),
    ))
}

/// Records one movement of stock; own stock posts to the books at cost.
#[utoipa::path(post, path = "/organisations/{code}/stock/movements", tag = "production",
    params(("code" = String, Path, description = "The organisation's code")),
    request_body = MovementRequest,
    responses((status = 201, body = MovementBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn record_movement(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    body: Result<Json<MovementRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<MovementBody>), ApiError> {
    let (Path(code), Json(body)) = (code?, body?);
    let currency = artel.book(&code).await?.currency;
    let kind = StockKind::parse(&body.kind).map_err(|e| AppError::rejected("kind", e))?;
    let value = body
        .value
        .as_deref()
        .map(|text| currency.parse(text))
        .transpose()
        .map_err(|e| AppError::rejected("value", e.to_string()))?;
    let paid_from = body
        .paid_from
        .as_deref()
        .map(AccountName::parse)
        .transpose()
        .map_err(|e| AppError::rejected("paid_from", e.to_string()))?;
    let movement = StockMove {
        line: 0,
        date: body.date,
        kind,
        item: body.item,
        quantity: body.quantity,
        value,
        owner: body.owner,
        paid_from,
        note: body.note,
    };
    // The change as the stock recorded it, which a count or an issue computes.
    let recorded =
        artel
            .record_stock(&code, &movement, "api")
            .await
            .map_err(|error| match error {
                AppError::Rejected(mut problems) => {
                    for problem in &mut problems {
                        if problem.place == "account" {
                            problem.place = "paid_from".into();
                        }
                    }
                    AppError::Rejected(problems)
                }
                other => other,
            })?;
    Ok((
        StatusCode::CREATED,
        Json(MovementBody {
            date: movement.date,
            kind: kind.to_string(),
            item: movement.item.trim().to_owned(),
            owner: movement.owner.filter(|o| !o.trim().is_empty()),
            quantity: recorded.change.quantity,
            value: currency.format(recorded.change.value),
            sequence: recorded.sequence,
            note: movement.note,
        }),
    ))
}

/// The movements dated in a range, both ends included.
#[utoipa::path(get, path = "/organisations/{code}/stock/movements", tag = "production",
    params(("code" = String, Path, description = "The organisation's code"), DateRange),
    responses((status = 200, body = Vec<MovementBody>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_movements(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    query: Result<Query<DateRange>, QueryRejection>,
) -> Result<Json<Vec<MovementBody>>, ApiError> {
    let (Path(code), Query(range)) = (code?, query?);
    let movements = artel.stock_movements(&code, range.from, range.to).await?;
    let currency = artel.book(&code).await?.currency;
    Ok(Json(
        movements
            .into_iter()
            .map(|m| MovementBody {
                date: m.date,
                kind: m.kind,
                item: m.item,
                owner: owner(m.owner),
                quantity: m.change.quantity,
                value: currency.format(m.change.value),
                sequence: m.sequence,
                note: m.note,
            })
            .collect(),
    ))
}
