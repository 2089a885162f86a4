//! The member register of an organisation over HTTP.

use axum::Json;
use axum::extract::Path;
use axum::extract::rejection::PathRejection;
use serde::Serialize;
use utoipa::ToSchema;

use crate::auth::Signed;
use crate::error::{ApiError, ErrorBody};

/// A member as the register holds them.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberBody {
    /// The member's number in the register, from 1.
    pub number: u64,
    pub name: String,
    pub trade: String,
    /// `1954-01-05`.
    pub joined: String,
    /// `applicant`, `member`, `suspended`, `withdrawing`, `withdrawn`, `expelled`,
    /// `deceased` or `refused`.
    pub status: String,
    pub shares_subscribed: u64,
    pub shares_paid: u64,
    /// Share capital paid in, a decimal string in the book's currency: `"20.00"`.
    pub paid_in: String,
}

/// The organisation's members, by number, with their share capital.
#[utoipa::path(get, path = "/organisations/{code}/members", tag = "members",
    params(("code" = String, Path, description = "The organisation's code")),
    responses((status = 200, body = Vec<MemberBody>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_members(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
) -> Result<Json<Vec<MemberBody>>, ApiError> {
    let Path(code) = code?;
    let register = artel.members(&code).await?;
    let currency = artel.book(&code).await?.currency;
    Ok(Json(
        register
            .into_iter()
            .map(|m| MemberBody {
                number: m.number,
                name: m.name,
                trade: m.trade,
                joined: m.joined.to_string(),
                status: m.status,
                shares_subscribed: m.shares_subscribed,
                shares_paid: m.shares_paid,
                paid_in: currency.format(m.paid_in),
            })
            .collect(),
    ))
}
