//! The member register of an organisation over HTTP: the register, admissions and
//! applications, a member's history and share-capital ledger, changes of standing.

use artel_app::{
    Action, AppError, MemberAction, MemberEvent, MemberHistory, MemberRequest, StoredMember,
};
use artel_ledger::{Currency, Money};
use axum::Json;
use axum::extract::Path;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::http::StatusCode;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
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
            .map(|m| MemberBody::from_member(m, &currency))
            .collect(),
    ))
}

impl MemberBody {
    pub fn from_member(member: StoredMember, currency: &Currency) -> MemberBody {
        MemberBody {
            number: member.number,
            name: member.name,
            trade: member.trade,
            joined: member.joined.to_string(),
            status: member.status,
            shares_subscribed: member.shares_subscribed,
            shares_paid: member.shares_paid,
            paid_in: currency.format(member.paid_in),
        }
    }
}

/// A member to admit, or an applicant whose admission is still to be decided.
#[derive(Debug, Deserialize, ToSchema)]
pub struct NewMemberBody {
    pub name: String,
    #[serde(default)]
    pub trade: String,
    /// The day of the admission, or of the application.
    #[schema(value_type = String, format = Date, example = "1954-03-01")]
    pub joined: NaiveDate,
    pub shares_subscribed: u32,
    /// Shares paid: at once when admitted, on admission for an applicant.
    #[serde(default)]
    pub shares_paid: u32,
    /// Record an application for the general assembly to decide.
    #[serde(default)]
    pub applicant: bool,
}

/// Admits a member (posting their paid shares), or records an application.
#[utoipa::path(post, path = "/organisations/{code}/members", tag = "members",
    params(("code" = String, Path, description = "The organisation's code")),
    request_body = NewMemberBody,
    responses((status = 201, body = MemberBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "A field is wrong, or the charter reserves admission to a resolution")))]
pub async fn add_member(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    body: Result<Json<NewMemberBody>, JsonRejection>,
) -> Result<(StatusCode, Json<MemberBody>), ApiError> {
    let (Path(code), Json(body)) = (code?, body?);
    let request = MemberRequest {
        name: body.name,
        trade: body.trade,
        joined: body.joined,
        shares_subscribed: body.shares_subscribed,
        shares_paid: body.shares_paid,
    };
    let member = if body.applicant {
        artel.apply_member(&code, request).await?
    } else {
        artel.admit_member(&code, request).await?
    };
    let currency = artel.book(&code).await?.currency;
    Ok((
        StatusCode::CREATED,
        Json(MemberBody::from_member(member, &currency)),
    ))
}

/// One event of a member's history.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberEventBody {
    pub date: String,
    /// `apply`, `admit`, `suspend`, `request-withdrawal`, `settle-withdrawal`, …
    pub event: String,
    pub note: String,
    /// The motion whose resolution decided it.
    pub motion: Option<u64>,
    /// The entry that posted it.
    pub entry: Option<u64>,
}

/// One movement of a member's share capital.
#[derive(Debug, Serialize, ToSchema)]
pub struct ShareMovementBody {
    pub date: String,
    /// Paid in (positive) or refunded (negative).
    pub shares: i64,
    pub amount: String,
    pub entry: u64,
}

/// A member with their history and share-capital ledger.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberDetailBody {
    pub member: MemberBody,
    pub events: Vec<MemberEventBody>,
    pub movements: Vec<ShareMovementBody>,
}

/// A member, their history and their share-capital ledger.
#[utoipa::path(get, path = "/organisations/{code}/members/{number}", tag = "members",
    params(("code" = String, Path, description = "The organisation's code"), ("number" = u64, Path, description = "The member's number")),
    responses((status = 200, body = MemberDetailBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_member(
    Signed(artel): Signed,
    path: Result<Path<(String, u64)>, PathRejection>,
) -> Result<Json<MemberDetailBody>, ApiError> {
    let Path((code, number)) = path?;
    let (member, history) = artel.member(&code, number).await?;
    let currency = artel.book(&code).await?.currency;
    Ok(Json(MemberDetailBody::new(member, history, &currency)))
}

impl MemberDetailBody {
    fn new(member: StoredMember, history: MemberHistory, currency: &Currency) -> MemberDetailBody {
        MemberDetailBody {
            member: MemberBody::from_member(member, currency),
            events: history
                .events
                .into_iter()
                .map(|e| MemberEventBody {
                    date: e.date.to_string(),
                    event: e.event,
                    note: e.note,
                    motion: e.motion,
                    entry: e.sequence,
                })
                .collect(),
            movements: history
                .movements
                .into_iter()
                .map(|m| ShareMovementBody {
                    date: m.date.to_string(),
                    shares: m.shares,
                    amount: currency.format(m.amount),
                    entry: m.sequence,
                })
                .collect(),
        }
    }
}

/// The signed-in user's own line of the register, their history and share capital;
/// 404 when they are not in it.
#[utoipa::path(get, path = "/organisations/{code}/membership", tag = "members",
    params(("code" = String, Path, description = "The organisation's code")),
    responses((status = 200, body = MemberDetailBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn my_membership(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
) -> Result<Json<MemberDetailBody>, ApiError> {
    let Path(code) = code?;
    let (member, history) = artel.my_membership(&code).await?;
    let currency = artel.organisation(&code).await?.currency;
    Ok(Json(MemberDetailBody::new(member, history, &currency)))
}

/// A change of a member's standing.
#[derive(Debug, Deserialize, ToSchema)]
pub struct MemberEventRequestBody {
    /// `admit`, `refuse`, `suspend`, `reinstate`, `request-withdrawal`,
    /// `settle-withdrawal`, `expel` or `die`.
    pub event: String,
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
    #[serde(default)]
    pub note: String,
    /// What the member owes, deducted from a withdrawal's refund: `"25.00"`.
    pub debts: Option<String>,
}

/// What a change did.
#[derive(Debug, Serialize, ToSchema)]
pub struct MemberChangedBody {
    pub number: u64,
    pub status: String,
    /// The entry it posted, if any.
    pub entry: Option<u64>,
}

/// Changes a member's standing by a director's decision; what the charter reserves to the
/// general assembly is refused (put a motion to a meeting instead).
#[utoipa::path(post, path = "/organisations/{code}/members/{number}/events", tag = "members",
    params(("code" = String, Path, description = "The organisation's code"), ("number" = u64, Path, description = "The member's number")),
    request_body = MemberEventRequestBody,
    responses((status = 200, body = MemberChangedBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn change_member(
    Signed(artel): Signed,
    path: Result<Path<(String, u64)>, PathRejection>,
    body: Result<Json<MemberEventRequestBody>, JsonRejection>,
) -> Result<Json<MemberChangedBody>, ApiError> {
    let (Path((code, number)), Json(body)) = (path?, body?);
    let event = MemberEvent::parse(&body.event).map_err(|e| AppError::rejected("event", e))?;
    let debts = match &body.debts {
        Some(text) => artel
            .book_for(&code, Action::ManageMembers)
            .await?
            .currency
            .parse(text)
            .map_err(|e| AppError::rejected("debts", e.to_string()))?,
        None => Money::ZERO,
    };
    let action = MemberAction {
        event,
        date: body.date,
        note: body.note,
        debts,
    };
    let entry = artel.change_member(&code, number, &action).await?;
    let (member, _) = artel.member(&code, number).await?;
    Ok(Json(MemberChangedBody {
        number,
        status: member.status,
        entry,
    }))
}

/// A payment for more of a member's subscribed shares.
#[derive(Debug, Deserialize, ToSchema)]
pub struct SharePaymentBody {
    pub shares: u32,
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
}

/// Records a payment for more of the member's subscribed shares, posting it cash against
/// share capital; the entry's number.
#[utoipa::path(post, path = "/organisations/{code}/members/{number}/shares", tag = "members",
    params(("code" = String, Path, description = "The organisation's code"), ("number" = u64, Path, description = "The member's number")),
    request_body = SharePaymentBody,
    responses((status = 201, body = MemberChangedBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "More than subscribed, a closed month, or a standing that pays no shares")))]
pub async fn pay_shares(
    Signed(artel): Signed,
    path: Result<Path<(String, u64)>, PathRejection>,
    body: Result<Json<SharePaymentBody>, JsonRejection>,
) -> Result<(StatusCode, Json<MemberChangedBody>), ApiError> {
    let (Path((code, number)), Json(body)) = (path?, body?);
    let entry = artel
        .pay_shares(&code, number, body.shares, body.date)
        .await?;
    let (member, _) = artel.member(&code, number).await?;
    Ok((
        StatusCode::CREATED,
        Json(MemberChangedBody {
            number,
            status: member.status,
            entry: Some(entry),
        }),
    ))
}
