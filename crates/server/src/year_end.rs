//! The year's end over HTTP: where a year stands, closing and reopening it, the preview and
//! the adoption of its distribution, its labour records one at a time, and the members'
//! statements.

use std::collections::BTreeMap;

use artel_app::{
    Artel, DistributionFigures, DistributionPlan, LabourLine, MemberStatement, StoredDistribution,
    YearStanding, check_pieces, days_text, parse_days, parse_draw, parse_wages,
};
use artel_ledger::{Currency, Money, Period};
use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use crate::auth::Signed;
use crate::error::{ApiError, ErrorBody};

/// A closing of the year.
#[derive(Debug, Serialize, ToSchema)]
pub struct ClosingBody {
    /// The closing entry; none when the year had no income or expenses.
    pub sequence: Option<u64>,
    pub surplus: String,
    /// The motion that reopened it and the entry that reversed it, when reopened.
    pub reopened_by_motion: Option<u64>,
    pub reversed_by: Option<u64>,
}

/// The division of a year's result: the funds, and each member's dividends.
#[derive(Debug, Serialize, ToSchema)]
pub struct DistributionBody {
    pub year: i32,
    /// The motion that adopted it, the entry that posted it and its day; none in a preview.
    pub motion: Option<u64>,
    pub sequence: Option<u64>,
    #[schema(value_type = Option<String>, format = Date)]
    pub date: Option<NaiveDate>,
    pub surplus: String,
    pub loss_covered: String,
    pub distributable: String,
    pub accumulation_fund: String,
    pub welfare_fund: String,
    pub other_levies: String,
    pub labour_dividend: String,
    pub share_dividend: String,
    pub share_cap: String,
    pub cap_excess: String,
    /// `accumulation-fund` or `welfare-fund`, when a reserve was drawn on.
    pub draw_from: Option<String>,
    pub draw: String,
    pub loss_charged: String,
    pub loss_carried: String,
    pub members: Vec<DividendBody>,
}

/// One member's dividends.
#[derive(Debug, Serialize, ToSchema)]
pub struct DividendBody {
    pub member: u64,
    pub name: String,
    pub labour: String,
    pub share: String,
}

/// Where a year stands.
#[derive(Debug, Serialize, ToSchema)]
pub struct YearBody {
    pub year: i32,
    pub closed: bool,
    /// Every closing of the year, reopened ones too, oldest first.
    pub closings: Vec<ClosingBody>,
    pub distribution: Option<DistributionBody>,
}

/// A division as the API shows it: adopted (`made`: motion, entry, day) or previewed;
/// `names` are the members' names by number.
fn division_body(
    year: i32,
    made: Option<(u64, u64, NaiveDate)>,
    f: &DistributionFigures,
    dividends: &[(u64, Money, Money)],
    names: &BTreeMap<u64, String>,
    currency: &Currency,
) -> DistributionBody {
    DistributionBody {
        year,
        motion: made.map(|(motion, _, _)| motion),
        sequence: made.map(|(_, sequence, _)| sequence),
        date: made.map(|(_, _, date)| date),
        surplus: currency.format(f.surplus),
        loss_covered: currency.format(f.loss_covered),
        distributable: currency.format(f.distributable),
        accumulation_fund: currency.format(f.accumulation),
        welfare_fund: currency.format(f.welfare),
        other_levies: currency.format(f.levies),
        labour_dividend: currency.format(f.labour),
        share_dividend: currency.format(f.share),
        share_cap: currency.format(f.share_cap),
        cap_excess: currency.format(f.cap_excess),
        draw_from: f.draw.as_ref().map(|(r, _)| r.clone()),
        draw: currency.format(f.draw.as_ref().map_or(Money::ZERO, |(_, a)| *a)),
        loss_charged: currency.format(f.loss_charged),
        loss_carried: currency.format(f.loss_carried),
        members: dividends
            .iter()
            .map(|(member, labour, share)| DividendBody {
                member: *member,
                name: names.get(member).cloned().unwrap_or_default(),
                labour: currency.format(*labour),
                share: currency.format(*share),
            })
            .collect(),
    }
}

fn stored_body(
    d: &StoredDistribution,
    names: &BTreeMap<u64, String>,
    currency: &Currency,
) -> DistributionBody {
    let made = Some((d.motion, d.sequence, d.date));
    division_body(d.year, made, &d.figures, &d.dividends, names, currency)
}

fn year_body(
    standing: YearStanding,
    names: &BTreeMap<u64, String>,
    currency: &Currency,
) -> YearBody {
    YearBody {
        year: standing.year,
        closed: standing.closing().is_some(),
        closings: standing
            .closings
            .iter()
            .map(|c| ClosingBody {
                sequence: c.sequence,
                surplus: currency.format(c.surplus),
                reopened_by_motion: c.reopened.map(|r| r.motion),
                reversed_by: c.reopened.and_then(|r| r.sequence),
            })
            .collect(),
        distribution: standing
            .distribution
            .as_ref()
            .map(|d| stored_body(d, names, currency)),
    }
}

/// The members' names by number.
async fn member_names(artel: &Artel, code: &str) -> Result<BTreeMap<u64, String>, ApiError> {
    Ok(artel
        .members(code)
        .await?
        .into_iter()
        .map(|m| (m.number, m.name))
        .collect())
}

fn plan_body(plan: &DistributionPlan, currency: &Currency) -> DistributionBody {
    let figures = plan.figures();
    division_body(
        plan.year,
        None,
        &figures,
        &plan.dividends(),
        &plan.names,
        currency,
    )
}

async fn standing_body(artel: &Artel, code: &str, year: i32) -> Result<YearBody, ApiError> {
    let standing = artel.year_standing(code, year).await?;
    let currency = artel.book(code).await?.currency;
    let names = member_names(artel, code).await?;
    Ok(year_body(standing, &names, &currency))
}

/// Where a year stands: its closings and its distribution with every member's dividends.
#[utoipa::path(get, path = "/organisations/{code}/years/{year}", tag = "year end",
    params(("code" = String, Path, description = "The organisation's code"), ("year" = i32, Path, description = "The year")),
    responses((status = 200, body = YearBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_year(
    Signed(artel): Signed,
    path: Result<Path<(String, i32)>, PathRejection>,
) -> Result<Json<YearBody>, ApiError> {
    let Path((code, year)) = path?;
    Ok(Json(standing_body(&artel, &code, year).await?))
}

/// Closes the year: its income and expenses into `Equity:Current Year Surplus`, its months
/// locked.
#[utoipa::path(post, path = "/organisations/{code}/years/{year}/close", tag = "year end",
    params(("code" = String, Path, description = "The organisation's code"), ("year" = i32, Path, description = "The year")),
    responses((status = 201, body = YearBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn close_year(
    Signed(artel): Signed,
    path: Result<Path<(String, i32)>, PathRejection>,
) -> Result<(StatusCode, Json<YearBody>), ApiError> {
    let Path((code, year)) = path?;
    artel.close_year(&code, year).await?;
    Ok((
        StatusCode::CREATED,
        Json(standing_body(&artel, &code, year).await?),
    ))
}

/// The motion that decides a reopening or a distribution.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ReopenBody {
    pub motion: u64,
}

/// Reopens a closed year as an adopted motion decided; a distributed year stays closed.
#[utoipa::path(post, path = "/organisations/{code}/years/{year}/reopen", tag = "year end",
    params(("code" = String, Path, description = "The organisation's code"), ("year" = i32, Path, description = "The year")),
    request_body = ReopenBody,
    responses((status = 200, body = YearBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn reopen_year(
    Signed(artel): Signed,
    path: Result<Path<(String, i32)>, PathRejection>,
    body: Result<Json<ReopenBody>, JsonRejection>,
) -> Result<Json<YearBody>, ApiError> {
    let (Path((code, year)), Json(body)) = (path?, body?);
    artel.reopen_year(&code, year, body.motion).await?;
    Ok(Json(standing_body(&artel, &code, year).await?))
}

/// The day a preview is for and a draw on a reserve.
#[derive(Debug, Deserialize, IntoParams)]
pub struct PreviewQuery {
    /// The day the distribution would be posted (default: today).
    #[param(value_type = Option<String>, format = Date)]
    pub date: Option<NaiveDate>,
    /// `accumulation-fund` or `welfare-fund`.
    pub draw_from: Option<String>,
    /// The amount drawn for the labour dividend.
    pub draw: Option<String>,
}

/// How the charter would divide the closed year's result, writing nothing.
#[utoipa::path(get, path = "/organisations/{code}/years/{year}/distribution/preview", tag = "year end",
    params(("code" = String, Path, description = "The organisation's code"), ("year" = i32, Path, description = "The year"), PreviewQuery),
    responses((status = 200, body = DistributionBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody),
        (status = 422, body = ErrorBody)))]
pub async fn preview_distribution(
    Signed(artel): Signed,
    path: Result<Path<(String, i32)>, PathRejection>,
    query: Result<Query<PreviewQuery>, QueryRejection>,
) -> Result<Json<DistributionBody>, ApiError> {
    let (Path((code, year)), Query(query)) = (path?, query?);
    let currency = artel.book(&code).await?.currency;
    let draw = parse_draw(query.draw_from.as_deref(), query.draw.as_deref(), &currency)?;
    let on = query
        .date
        .unwrap_or_else(|| chrono::Utc::now().date_naive());
    let plan = artel.preview_distribution(&code, year, on, draw).await?;
    Ok(Json(plan_body(&plan, &currency)))
}

/// A distribution to carry out.
#[derive(Debug, Deserialize, ToSchema)]
pub struct DistributeBody {
    /// The adopted motion of kind `distribution`.
    pub motion: u64,
    /// The day it is posted (default: the day of the motion's meeting).
    #[schema(value_type = Option<String>, format = Date)]
    pub date: Option<NaiveDate>,
    pub draw_from: Option<String>,
    pub draw: Option<String>,
}

/// Distributes the closed year's result as the adopted motion decided, posting it.
#[utoipa::path(post, path = "/organisations/{code}/years/{year}/distribution", tag = "year end",
    params(("code" = String, Path, description = "The organisation's code"), ("year" = i32, Path, description = "The year")),
    request_body = DistributeBody,
    responses((status = 201, body = YearBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn distribute(
    Signed(artel): Signed,
    path: Result<Path<(String, i32)>, PathRejection>,
    body: Result<Json<DistributeBody>, JsonRejection>,
) -> Result<(StatusCode, Json<YearBody>), ApiError> {
    let (Path((code, year)), Json(body)) = (path?, body?);
    let currency = artel.book(&code).await?.currency;
    let draw = parse_draw(body.draw_from.as_deref(), body.draw.as_deref(), &currency)?;
    artel
        .distribute(&code, year, body.motion, body.date, draw)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(standing_body(&artel, &code, year).await?),
    ))
}

/// One member's labour in one month.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct LabourBody {
    /// `YYYY-MM`.
    pub month: String,
    pub member: u64,
    /// Labour days, at most one decimal: `"21.5"`.
    pub days: String,
    #[serde(default)]
    pub pieces: u64,
    /// Wages earned, `"42.10"`.
    #[serde(default)]
    pub wages: String,
}

/// The year's labour records by member and month.
#[utoipa::path(get, path = "/organisations/{code}/years/{year}/labour", tag = "year end",
    params(("code" = String, Path, description = "The organisation's code"), ("year" = i32, Path, description = "The year")),
    responses((status = 200, body = Vec<LabourBody>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_labour(
    Signed(artel): Signed,
    path: Result<Path<(String, i32)>, PathRejection>,
) -> Result<Json<Vec<LabourBody>>, ApiError> {
    let Path((code, year)) = path?;
    let currency = artel.book(&code).await?.currency;
    Ok(Json(
        artel
            .labour(&code, year)
            .await?
            .into_iter()
            .map(|r| LabourBody {
                month: r.month.to_string(),
                member: r.member,
                days: days_text(r.days_tenths),
                pieces: r.pieces,
                wages: currency.format(r.wages),
            })
            .collect(),
    ))
}

/// Records one member's labour in a month of the year, replacing what that month held.
#[utoipa::path(post, path = "/organisations/{code}/years/{year}/labour", tag = "year end",
    params(("code" = String, Path, description = "The organisation's code"), ("year" = i32, Path, description = "The year")),
    request_body = LabourBody,
    responses((status = 201, body = LabourBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn record_labour(
    Signed(artel): Signed,
    path: Result<Path<(String, i32)>, PathRejection>,
    body: Result<Json<LabourBody>, JsonRejection>,
) -> Result<(StatusCode, Json<LabourBody>), ApiError> {
    let (Path((code, year)), Json(body)) = (path?, body?);
    let currency = artel.book(&code).await?.currency;
    let line = labour_line(&body, year, &currency)?;
    artel.record_labour(&code, &[line], "api").await?;
    Ok((StatusCode::CREATED, Json(body)))
}

/// One labour record as typed, its fields checked by name; `year` is the year it must fall in.
pub(crate) fn labour_line(
    body: &LabourBody,
    year: i32,
    currency: &Currency,
) -> Result<LabourLine, artel_app::AppError> {
    let mut problems = Vec::new();
    let mut refuse = |place: &str, message: String| {
        problems.push(artel_app::Problem {
            place: place.into(),
            message,
        });
    };
    let month = match Period::parse(body.month.trim()) {
        Ok(month) if month.year() == year => Some(month),
        Ok(_) => {
            refuse("month", format!("{} is not in {year}", body.month.trim()));
            None
        }
        Err(e) => {
            refuse("month", e.to_string());
            None
        }
    };
    let days = parse_days(body.days.trim())
        .map_err(|e| refuse("days", e))
        .ok();
    let pieces = check_pieces(body.pieces)
        .map_err(|e| refuse("pieces", e))
        .ok();
    let wages = parse_wages(body.wages.trim(), currency)
        .map_err(|e| refuse("wages", e))
        .ok();
    match (month, days, pieces, wages) {
        (Some(month), Some(days_tenths), Some(pieces), Some(wages)) if problems.is_empty() => {
            Ok(LabourLine {
                line: 0,
                month,
                member: body.member,
                labour: artel_app::Labour {
                    days_tenths,
                    pieces,
                    wages,
                },
            })
        }
        _ => Err(artel_app::AppError::Rejected(problems)),
    }
}

/// One member's statement for the year.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatementBody {
    pub member: u64,
    pub name: String,
    /// Paid-in share capital at the year's end.
    pub share_capital: String,
    pub days: String,
    pub pieces: u64,
    pub wages: String,
    pub labour_dividend: String,
    pub share_dividend: String,
    pub dividends: String,
}

pub(crate) fn statement_body(
    s: &MemberStatement,
    currency: &Currency,
) -> Result<StatementBody, artel_app::AppError> {
    Ok(StatementBody {
        member: s.number,
        name: s.name.clone(),
        share_capital: currency.format(s.share_capital),
        days: days_text(s.labour.days_tenths),
        pieces: s.labour.pieces,
        wages: currency.format(s.labour.wages),
        labour_dividend: currency.format(s.labour_dividend),
        share_dividend: currency.format(s.share_dividend),
        dividends: currency.format(s.dividends()?),
    })
}

/// Every member's statement for the year: share capital, labour, wages and dividends.
#[utoipa::path(get, path = "/organisations/{code}/years/{year}/statements", tag = "year end",
    params(("code" = String, Path, description = "The organisation's code"), ("year" = i32, Path, description = "The year")),
    responses((status = 200, body = Vec<StatementBody>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn statements(
    Signed(artel): Signed,
    path: Result<Path<(String, i32)>, PathRejection>,
) -> Result<Json<Vec<StatementBody>>, ApiError> {
    let Path((code, year)) = path?;
    let currency = artel.book(&code).await?.currency;
    let statements = artel.member_statements(&code, year).await?;
    Ok(Json(
        statements
            .iter()
            .map(|s| statement_body(s, &currency))
            .collect::<Result<_, _>>()?,
    ))
}

/// Every distribution of the organisation, by year.
#[utoipa::path(get, path = "/organisations/{code}/distributions", tag = "year end",
    params(("code" = String, Path, description = "The organisation's code")),
    responses((status = 200, body = Vec<DistributionBody>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_distributions(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
) -> Result<Json<Vec<DistributionBody>>, ApiError> {
    let Path(code) = code?;
    let currency = artel.book(&code).await?.currency;
    let names = member_names(&artel, &code).await?;
    Ok(Json(
        artel
            .distributions(&code)
            .await?
            .iter()
            .map(|d| stored_body(d, &names, &currency))
            .collect(),
    ))
}

/// One member organisation's distribution of the year, in a federation's roll-up.
#[derive(Debug, Serialize, ToSchema)]
pub struct RollupRowBody {
    pub code: String,
    pub name: String,
    pub distributed: bool,
    pub surplus: String,
    pub accumulation_fund: String,
    pub welfare_fund: String,
    pub other_levies: String,
    /// The dividends on labour and on shares together.
    pub dividends: String,
    /// The members who received a dividend.
    pub members: usize,
}

/// The distributions of the year of the organisations that were members of this one (a
/// federation) at the year's end, with their totals; no entries of theirs.
#[utoipa::path(get, path = "/organisations/{code}/years/{year}/rollup", tag = "year end",
    params(("code" = String, Path, description = "The organisation's code"), ("year" = i32, Path, description = "The year")),
    responses((status = 200, body = Vec<RollupRowBody>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn rollup(
    Signed(artel): Signed,
    path: Result<Path<(String, i32)>, PathRejection>,
) -> Result<Json<Vec<RollupRowBody>>, ApiError> {
    let Path((code, year)) = path?;
    let currency = artel.book(&code).await?.currency;
    let mut rows = Vec::new();
    for member in artel.distribution_rollup(&code, year).await? {
        let f = member.distribution.as_ref().map(|d| &d.figures);
        let amount =
            |pick: fn(&DistributionFigures) -> Money| currency.format(f.map_or(Money::ZERO, pick));
        let dividends = f
            .map_or(Ok(Money::ZERO), |f| f.labour.checked_add(f.share))
            .map_err(|e| artel_app::AppError::Failed(e.to_string()))?;
        rows.push(RollupRowBody {
            distributed: f.is_some(),
            surplus: amount(|f| f.surplus),
            accumulation_fund: amount(|f| f.accumulation),
            welfare_fund: amount(|f| f.welfare),
            other_levies: amount(|f| f.levies),
            dividends: currency.format(dividends),
            members: member
                .distribution
                .as_ref()
                .map_or(0, |d| d.dividends.len()),
            code: member.code,
            name: member.name,
        });
    }
    Ok(Json(rows))
}
