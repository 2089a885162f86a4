//! Democratic decisions over HTTP: meetings, the motions put to them (decided by the
//! charter's rule, an adopted one written with its effect), the charter in effect on a day,
//! and an organisation's indicators for a period.

use artel_app::{
    CharterDocument, MeetingRequest, MotionRequest, Outcome, StoredMeeting, StoredMotion,
};
use artel_ledger::Money;
use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Signed;
use crate::error::{ApiError, ErrorBody};

#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingBody {
    pub number: u64,
    /// `general-assembly`, `management-committee`, `supervisory-committee` or `conference`.
    pub body: String,
    pub held_on: String,
    pub title: String,
    pub agenda: String,
    pub minutes: String,
    /// Those entitled to vote, and of them, those present.
    pub eligible: u64,
    pub present: u64,
}

impl From<StoredMeeting> for MeetingBody {
    fn from(m: StoredMeeting) -> MeetingBody {
        MeetingBody {
            number: m.number,
            body: m.body,
            held_on: m.held_on.to_string(),
            title: m.title,
            agenda: m.agenda,
            minutes: m.minutes,
            eligible: m.eligible,
            present: m.present,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MotionBody {
    pub number: u64,
    pub kind: String,
    pub text: String,
    /// `open` or `secret`.
    pub ballot: String,
    pub member: Option<u64>,
    pub yes: u64,
    pub no: u64,
    pub abstain: u64,
    /// `adopted` (a resolution), `rejected` or `no-quorum`.
    pub outcome: String,
}

impl From<StoredMotion> for MotionBody {
    fn from(m: StoredMotion) -> MotionBody {
        MotionBody {
            number: m.number,
            kind: m.kind,
            text: m.text,
            ballot: m.ballot,
            member: m.member,
            yes: m.yes,
            no: m.no,
            abstain: m.abstain,
            outcome: m.outcome,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MeetingDetailBody {
    pub meeting: MeetingBody,
    pub motions: Vec<MotionBody>,
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewMeetingBody {
    pub body: String,
    #[schema(value_type = String, format = Date, example = "1954-04-10")]
    pub held_on: NaiveDate,
    pub title: String,
    #[serde(default)]
    pub agenda: String,
    #[serde(default)]
    pub minutes: String,
    /// Those entitled to vote; a general assembly's are counted from the register.
    pub eligible: Option<u32>,
    pub present: u32,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct RecordedBody {
    pub number: u64,
}

type CodePath = Result<Path<String>, PathRejection>;
type MeetingPath = Result<Path<(String, u64)>, PathRejection>;

/// The organisation's meetings, the latest first.
#[utoipa::path(get, path = "/organisations/{code}/meetings", tag = "decisions",
    params(("code" = String, Path, description = "The organisation's code")),
    responses((status = 200, body = Vec<MeetingBody>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_meetings(
    Signed(artel): Signed,
    code: CodePath,
) -> Result<Json<Vec<MeetingBody>>, ApiError> {
    let Path(code) = code?;
    let meetings = artel.meetings(&code).await?;
    Ok(Json(meetings.into_iter().map(MeetingBody::from).collect()))
}

/// Records a meeting.
#[utoipa::path(post, path = "/organisations/{code}/meetings", tag = "decisions",
    params(("code" = String, Path, description = "The organisation's code")),
    request_body = NewMeetingBody,
    responses((status = 201, body = RecordedBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_meeting(
    Signed(artel): Signed,
    code: CodePath,
    body: Result<Json<NewMeetingBody>, JsonRejection>,
) -> Result<(StatusCode, Json<RecordedBody>), ApiError> {
    let (Path(code), Json(body)) = (code?, body?);
    let request = MeetingRequest {
        body: body.body,
        held_on: body.held_on,
        title: body.title,
        agenda: body.agenda,
        minutes: body.minutes,
        eligible: body.eligible,
        present: body.present,
    };
    let number = artel.record_meeting(&code, &request).await?;
    Ok((StatusCode::CREATED, Json(RecordedBody { number })))
}

/// One meeting and the motions put to it.
#[utoipa::path(get, path = "/organisations/{code}/meetings/{number}", tag = "decisions",
    params(("code" = String, Path, description = "The organisation's code"), ("number" = u64, Path, description = "The meeting's number")),
    responses((status = 200, body = MeetingDetailBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_meeting(
    Signed(artel): Signed,
    path: MeetingPath,
) -> Result<Json<MeetingDetailBody>, ApiError> {
    let Path((code, number)) = path?;
    let (meeting, motions) = artel.meeting(&code, number).await?;
    Ok(Json(MeetingDetailBody {
        meeting: meeting.into(),
        motions: motions.into_iter().map(MotionBody::from).collect(),
    }))
}

#[derive(Debug, Deserialize, ToSchema)]
pub struct NewMotionBody {
    /// `admission`, `expulsion`, `withdrawal-settlement`, `charter-change`, `distribution`,
    /// `election` or `ordinary`.
    pub kind: String,
    pub text: String,
    #[serde(default = "open_ballot")]
    pub ballot: String,
    /// The member an admission, expulsion or settlement concerns.
    pub member: Option<u64>,
    pub yes: u32,
    pub no: u32,
    #[serde(default)]
    pub abstain: u32,
    /// What a withdrawing member owes: `"25.00"`.
    pub debts: Option<String>,
    /// A charter change's charter, as `GET …/charter` returns it.
    #[schema(value_type = Option<Object>)]
    pub charter: Option<CharterDocument>,
    #[schema(value_type = Option<String>, format = Date)]
    pub effective: Option<NaiveDate>,
    /// An election's committee: `management-committee` or `supervisory-committee`.
    pub committee: Option<String>,
    /// The members an election elects, by number.
    #[serde(default)]
    pub elected: Vec<u64>,
    /// The day their term ends.
    #[schema(value_type = Option<String>, format = Date)]
    pub term_ends: Option<NaiveDate>,
}

fn open_ballot() -> String {
    "open".into()
}

#[derive(Debug, Serialize, ToSchema)]
pub struct MotionDecidedBody {
    pub number: u64,
    pub outcome: String,
    /// Without a quorum: how many present would have been enough.
    pub quorum_needed: Option<u32>,
    /// The entry its resolution posted, if any.
    pub entry: Option<u64>,
}

/// Puts a motion to a meeting with its count; the charter's rule decides it, and an
/// adopted motion's effect (admission, expulsion, settlement, charter) is written with it.
#[utoipa::path(post, path = "/organisations/{code}/meetings/{number}/motions", tag = "decisions",
    params(("code" = String, Path, description = "The organisation's code"), ("number" = u64, Path, description = "The meeting's number")),
    request_body = NewMotionBody,
    responses((status = 201, body = MotionDecidedBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn put_motion(
    Signed(artel): Signed,
    path: MeetingPath,
    body: Result<Json<NewMotionBody>, JsonRejection>,
) -> Result<(StatusCode, Json<MotionDecidedBody>), ApiError> {
    let (Path((code, meeting)), Json(body)) = (path?, body?);
    let debts = match &body.debts {
        Some(text) => artel
            .book_for(&code, artel_app::Action::RecordDecisions)
            .await?
            .currency
            .parse(text)
            .map_err(|e| artel_app::AppError::rejected("debts", e.to_string()))?,
        None => Money::ZERO,
    };
    let request = MotionRequest {
        kind: body.kind,
        text: body.text,
        ballot: body.ballot,
        member: body.member,
        yes: body.yes,
        no: body.no,
        abstain: body.abstain,
        debts,
        charter: body.charter,
        effective: body.effective,
        committee: body.committee,
        elected: body.elected,
        term_ends: body.term_ends,
    };
    let decided = artel.put_motion(&code, meeting, &request).await?;
    let (outcome, quorum_needed) = match decided.outcome {
        Outcome::Adopted => ("adopted", None),
        Outcome::Rejected => ("rejected", None),
        Outcome::NoQuorum { needed } => ("no-quorum", Some(needed)),
    };
    Ok((
        StatusCode::CREATED,
        Json(MotionDecidedBody {
            number: decided.number,
            outcome: outcome.into(),
            quorum_needed,
            entry: decided.sequence,
        }),
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct OnDate {
    /// The day (default today).
    pub date: Option<NaiveDate>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct CharterBody {
    /// The day it took effect; none for the default charter a cooperative starts with.
    pub effective: Option<String>,
    /// The motion whose resolution adopted it.
    pub motion: Option<u64>,
    #[schema(value_type = Object)]
    pub charter: CharterDocument,
}

/// The charter in effect on a day.
#[utoipa::path(get, path = "/organisations/{code}/charter", tag = "decisions",
    params(("code" = String, Path, description = "The organisation's code"), OnDate),
    responses((status = 200, body = CharterBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_charter(
    Signed(artel): Signed,
    code: CodePath,
    query: Result<Query<OnDate>, QueryRejection>,
) -> Result<Json<CharterBody>, ApiError> {
    let (Path(code), Query(query)) = (code?, query?);
    let date = query
        .date
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    let (in_effect, charter) = artel.charter(&code, date).await?;
    Ok(Json(CharterBody {
        effective: in_effect.effective.map(|d| d.to_string()),
        motion: in_effect.motion,
        charter,
    }))
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SeatBody {
    /// `management-committee` or `supervisory-committee`.
    pub committee: String,
    pub member: u64,
    pub name: String,
    pub seated_on: String,
    pub term_ends: String,
    /// The election's motion.
    pub motion: u64,
}

/// The committees' members on a day.
#[utoipa::path(get, path = "/organisations/{code}/committees", tag = "decisions",
    params(("code" = String, Path, description = "The organisation's code"), OnDate),
    responses((status = 200, body = Vec<SeatBody>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn committees(
    Signed(artel): Signed,
    code: CodePath,
    query: Result<Query<OnDate>, QueryRejection>,
) -> Result<Json<Vec<SeatBody>>, ApiError> {
    let (Path(code), Query(query)) = (code?, query?);
    let date = query
        .date
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    let seats = artel.committees(&code, date).await?;
    Ok(Json(
        seats
            .into_iter()
            .map(|seat| SeatBody {
                committee: seat.body,
                member: seat.member,
                name: seat.name,
                seated_on: seat.seated_on.to_string(),
                term_ends: seat.ends_on.to_string(),
                motion: seat.motion,
            })
            .collect(),
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
pub struct IndicatorsQuery {
    /// `YYYY`, `YYYY-Qn` or `YYYY-MM`.
    pub period: String,
    pub compare: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorRowBody {
    pub indicator: String,
    /// Plain decimals; `null` when there is nothing to divide by.
    pub value: Option<String>,
    pub compare: Option<String>,
    pub change_pct: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct IndicatorsBody {
    pub org: String,
    pub rows: Vec<IndicatorRowBody>,
}

/// The organisation's indicators for a period, and their change against another: the same
/// rows as `artel report indicators`.
#[utoipa::path(get, path = "/organisations/{code}/indicators", tag = "reports",
    params(("code" = String, Path, description = "The organisation's code"), IndicatorsQuery),
    responses((status = 200, body = IndicatorsBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn indicators(
    Signed(artel): Signed,
    code: CodePath,
    query: Result<Query<IndicatorsQuery>, QueryRejection>,
) -> Result<Json<IndicatorsBody>, ApiError> {
    let (Path(code), Query(query)) = (code?, query?);
    let rows = artel
        .indicators(&code, &query.period, query.compare.as_deref())
        .await?;
    Ok(Json(IndicatorsBody {
        org: code,
        rows: rows
            .into_iter()
            .map(|r| IndicatorRowBody {
                indicator: r.indicator.into(),
                value: r.value,
                compare: r.compare,
                change_pct: r.change_pct,
            })
            .collect(),
    }))
}
