//! Campaigns and exhibitions over HTTP: the campaigns the caller may read, one recorded,
//! one with everything recorded under it on a day, its focus cooperatives chosen, stages,
//! findings, actions and phases recorded, its before/after report; exhibitions recorded
//! and listed with their contracts' total value.

use artel_app::{
    Campaign, CampaignRequest, CampaignSummary, Exhibition, ExhibitionRequest, FocusSelection,
    StageUpdate,
};
use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::Signed;
use crate::dto::AsOfQuery;
use crate::error::{ApiError, ErrorBody};

/// A campaign, as asked.
#[derive(Debug, Deserialize, ToSchema)]
pub struct CampaignRequestBody {
    /// The campaign's short code: `hubei-1954-rectification`.
    pub code: String,
    /// The government office or federation that runs it.
    pub owner: String,
    /// The region it covers, within the owner's.
    pub region: String,
    pub title: String,
    #[schema(value_type = String, format = Date, example = "1954-03-01")]
    pub start: NaiveDate,
    #[schema(value_type = String, format = Date, example = "1954-06-30")]
    pub deadline: NaiveDate,
    #[serde(default)]
    pub goals: String,
    /// The number of the owner's meeting that decided it.
    pub meeting: Option<u64>,
    /// `YYYY`, `YYYY-Qn` or `YYYY-MM`.
    pub baseline: String,
    pub follow_up: String,
}

/// A campaign in the list.
#[derive(Debug, Serialize, ToSchema)]
pub struct CampaignSummaryBody {
    pub code: String,
    pub title: String,
    pub owner: String,
    pub region: String,
    #[schema(value_type = String, format = Date)]
    pub start: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub deadline: NaiveDate,
    pub phase: String,
    /// Focus cooperatives the caller sees.
    pub focus: usize,
}

/// One stage of a focus cooperative.
#[derive(Debug, Serialize, ToSchema)]
pub struct StageBody {
    pub stage: String,
    pub status: String,
    #[schema(value_type = Option<String>, format = Date)]
    pub started: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub finished: Option<NaiveDate>,
    pub notes: String,
}

/// A focus cooperative with its six stages.
#[derive(Debug, Serialize, ToSchema)]
pub struct FocusBody {
    pub organisation: String,
    pub name: String,
    pub stages_done: u64,
    pub stages: Vec<StageBody>,
}

/// A finding.
#[derive(Debug, Serialize, ToSchema)]
pub struct FindingBody {
    pub number: u64,
    pub organisation: String,
    pub category: String,
    pub text: String,
}

/// A corrective action, with whether it is overdue on the day asked.
#[derive(Debug, Serialize, ToSchema)]
pub struct ActionBody {
    pub number: u64,
    pub finding: u64,
    pub organisation: String,
    pub owner: String,
    #[schema(value_type = String, format = Date)]
    pub due: NaiveDate,
    pub status: String,
    #[schema(value_type = Option<String>, format = Date)]
    pub done_on: Option<NaiveDate>,
    pub overdue: bool,
}

/// A phase reached.
#[derive(Debug, Serialize, ToSchema)]
pub struct PhaseBody {
    pub phase: String,
    #[schema(value_type = String, format = Date)]
    pub since: NaiveDate,
}

/// A campaign with everything recorded under it and its progress on a day.
#[derive(Debug, Serialize, ToSchema)]
pub struct CampaignBody {
    pub code: String,
    pub title: String,
    pub owner: String,
    pub region: String,
    pub goals: String,
    #[schema(value_type = String, format = Date)]
    pub start: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub deadline: NaiveDate,
    pub baseline: String,
    pub follow_up: String,
    /// The owner's meeting that decided it.
    pub meeting: Option<u64>,
    pub phase: String,
    pub phases: Vec<PhaseBody>,
    #[schema(value_type = String, format = Date)]
    pub as_of: NaiveDate,
    /// Negative once the deadline is past.
    pub days_to_deadline: i64,
    pub stages_done: u64,
    pub stages_total: u64,
    pub actions_open: u64,
    pub actions_done: u64,
    pub actions_overdue: u64,
    /// Whether only the caller's own cooperatives are shown.
    pub partial: bool,
    pub focus: Vec<FocusBody>,
    pub findings: Vec<FindingBody>,
    pub actions: Vec<ActionBody>,
}

impl From<Campaign> for CampaignBody {
    fn from(c: Campaign) -> CampaignBody {
        let p = c.progress;
        CampaignBody {
            code: c.code,
            title: c.terms.title,
            owner: c.owner,
            region: c.region,
            goals: c.terms.goals,
            start: c.terms.start,
            deadline: c.terms.deadline,
            baseline: c.terms.baseline.to_string(),
            follow_up: c.terms.follow_up.to_string(),
            meeting: c.meeting.map(|m| m.number),
            phase: c.phase.to_string(),
            phases: c
                .phases
                .iter()
                .map(|(phase, since)| PhaseBody {
                    phase: phase.to_string(),
                    since: *since,
                })
                .collect(),
            as_of: c.as_of,
            days_to_deadline: p.days_to_deadline,
            stages_done: p.stages_done,
            stages_total: p.stages_total,
            actions_open: p.actions_open,
            actions_done: p.actions_done,
            actions_overdue: p.actions_overdue,
            partial: c.partial,
            focus: c
                .focus
                .into_iter()
                .map(|f| FocusBody {
                    organisation: f.code,
                    name: f.name,
                    stages_done: f.stages_done,
                    stages: f
                        .stages
                        .into_iter()
                        .map(|s| StageBody {
                            stage: s.stage.to_string(),
                            status: s.status.to_string(),
                            started: s.started,
                            finished: s.finished,
                            notes: s.notes,
                        })
                        .collect(),
                })
                .collect(),
            findings: c
                .findings
                .into_iter()
                .map(|f| FindingBody {
                    number: f.number,
                    organisation: f.organisation,
                    category: f.category.to_string(),
                    text: f.text,
                })
                .collect(),
            actions: c
                .actions
                .into_iter()
                .map(|a| ActionBody {
                    number: a.number,
                    finding: a.finding,
                    organisation: a.organisation,
                    owner: a.owner,
                    due: a.due,
                    status: a.status.to_string(),
                    done_on: a.done_on,
                    overdue: a.overdue,
                })
                .collect(),
        }
    }
}

impl From<CampaignSummary> for CampaignSummaryBody {
    fn from(c: CampaignSummary) -> CampaignSummaryBody {
        CampaignSummaryBody {
            code: c.code,
            title: c.title,
            owner: c.owner,
            region: c.region,
            start: c.start,
            deadline: c.deadline,
            phase: c.phase.to_string(),
            focus: c.focus,
        }
    }
}

/// Focus cooperatives to add: by code, or `per_district` from each district.
#[derive(Debug, Deserialize, ToSchema)]
pub struct FocusRequestBody {
    #[serde(default)]
    pub organisations: Vec<String>,
    pub per_district: Option<u32>,
}

/// The focus cooperatives chosen.
#[derive(Debug, Serialize, ToSchema)]
pub struct ChosenBody {
    pub organisations: Vec<String>,
}

/// A focus cooperative's stage as it now stands.
#[derive(Debug, Deserialize, ToSchema)]
pub struct StageRequestBody {
    pub organisation: String,
    /// `mobilisation`, `explaining-policy`, `democratic-review`, `inspection-of-work`,
    /// `establishing-systems` or `solving-problems`.
    pub stage: String,
    /// `pending`, `in-progress` or `done`.
    pub status: String,
    #[schema(value_type = Option<String>, format = Date)]
    pub started: Option<NaiveDate>,
    #[schema(value_type = Option<String>, format = Date)]
    pub finished: Option<NaiveDate>,
    #[serde(default)]
    pub notes: String,
}

/// A finding, as asked.
#[derive(Debug, Deserialize, ToSchema)]
pub struct FindingRequestBody {
    pub organisation: String,
    /// `management`, `finance-accounting`, `quality`, `sales-credit`, `membership` or `other`.
    pub category: String,
    pub text: String,
}

/// A corrective action, as asked.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ActionRequestBody {
    pub finding: u64,
    pub owner: String,
    #[schema(value_type = String, format = Date)]
    pub due: NaiveDate,
}

/// The number a finding or an action was given.
#[derive(Debug, Serialize, ToSchema)]
pub struct NumberBody {
    pub number: u64,
}

/// A day: an action done, a phase begun.
#[derive(Debug, Deserialize, ToSchema)]
pub struct DoneRequestBody {
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
}

/// A move into a phase.
#[derive(Debug, Deserialize, ToSchema)]
pub struct PhaseRequestBody {
    /// `summing-up` or `extension`.
    pub phase: String,
    #[schema(value_type = String, format = Date)]
    pub date: NaiveDate,
}

/// One indicator of one focus cooperative before and after.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportRowBody {
    pub organisation: String,
    pub indicator: String,
    pub baseline: Option<String>,
    pub follow_up: Option<String>,
    pub change_pct: Option<String>,
}

/// A campaign's before/after report.
#[derive(Debug, Serialize, ToSchema)]
pub struct ReportBody {
    pub campaign: String,
    pub baseline: String,
    pub follow_up: String,
    pub rows: Vec<ReportRowBody>,
}

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

/// The campaigns the caller may read.
#[utoipa::path(get, path = "/campaigns", tag = "campaigns",
    responses((status = 200, body = Vec<CampaignSummaryBody>), (status = 401, body = ErrorBody)))]
pub async fn list_campaigns(
    Signed(artel): Signed,
) -> Result<Json<Vec<CampaignSummaryBody>>, ApiError> {
    Ok(Json(
        artel
            .campaigns()
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

/// Records a campaign in its pilot phase.
#[utoipa::path(post, path = "/campaigns", tag = "campaigns", request_body = CampaignRequestBody,
    responses((status = 201, body = CampaignBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_campaign(
    Signed(artel): Signed,
    body: Result<Json<CampaignRequestBody>, JsonRejection>,
) -> Result<(StatusCode, Json<CampaignBody>), ApiError> {
    let Json(body) = body?;
    let request = CampaignRequest {
        code: body.code,
        owner: body.owner,
        region: body.region,
        title: body.title,
        start: body.start,
        deadline: body.deadline,
        goals: body.goals,
        meeting: body.meeting,
        baseline: body.baseline,
        follow_up: body.follow_up,
    };
    artel.record_campaign(&request).await?;
    let campaign = artel.campaign(&request.code, request.start).await?;
    Ok((StatusCode::CREATED, Json(campaign.into())))
}

/// A campaign with everything recorded under it, its progress and overdue actions on a day
/// (default today).
#[utoipa::path(get, path = "/campaigns/{code}", tag = "campaigns",
    params(("code" = String, Path, description = "The campaign's code"), AsOfQuery),
    responses((status = 200, body = CampaignBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_campaign(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    query: Result<Query<AsOfQuery>, QueryRejection>,
) -> Result<Json<CampaignBody>, ApiError> {
    let (Path(code), Query(query)) = (code?, query?);
    let campaign = artel
        .campaign(&code, query.as_of.unwrap_or_else(today))
        .await?;
    Ok(Json(campaign.into()))
}

/// Adds focus cooperatives: by code, or the first `per_district` by code of each
/// district's working cooperatives.
#[utoipa::path(post, path = "/campaigns/{code}/focus", tag = "campaigns",
    params(("code" = String, Path, description = "The campaign's code")), request_body = FocusRequestBody,
    responses((status = 201, body = ChosenBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_focus(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    body: Result<Json<FocusRequestBody>, JsonRejection>,
) -> Result<(StatusCode, Json<ChosenBody>), ApiError> {
    let (Path(code), Json(body)) = (code?, body?);
    let selection = match body.per_district {
        Some(n) => FocusSelection::PerDistrict(n),
        None => FocusSelection::Codes(body.organisations),
    };
    let organisations = artel.select_focus(&code, &selection).await?;
    Ok((StatusCode::CREATED, Json(ChosenBody { organisations })))
}

/// Records where a focus cooperative's stage stands.
#[utoipa::path(post, path = "/campaigns/{code}/stages", tag = "campaigns",
    params(("code" = String, Path, description = "The campaign's code")), request_body = StageRequestBody,
    responses((status = 200, body = StageBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn update_stage(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    body: Result<Json<StageRequestBody>, JsonRejection>,
) -> Result<Json<StageBody>, ApiError> {
    let (Path(code), Json(body)) = (code?, body?);
    let update = StageUpdate {
        organisation: body.organisation,
        stage: body.stage,
        status: body.status,
        started: body.started,
        finished: body.finished,
        notes: body.notes,
    };
    artel.update_stage(&code, &update).await?;
    Ok(Json(StageBody {
        stage: update.stage.trim().to_owned(),
        status: update.status.trim().to_owned(),
        started: update.started,
        finished: update.finished,
        notes: update.notes.trim().to_owned(),
    }))
}

/// Records a finding on a focus cooperative.
#[utoipa::path(post, path = "/campaigns/{code}/findings", tag = "campaigns",
    params(("code" = String, Path, description = "The campaign's code")), request_body = FindingRequestBody,
    responses((status = 201, body = NumberBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_finding(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    body: Result<Json<FindingRequestBody>, JsonRejection>,
) -> Result<(StatusCode, Json<NumberBody>), ApiError> {
    let (Path(code), Json(body)) = (code?, body?);
    let number = artel
        .add_finding(&code, &body.organisation, &body.category, &body.text)
        .await?;
    Ok((StatusCode::CREATED, Json(NumberBody { number })))
}

/// Records a corrective action on a finding.
#[utoipa::path(post, path = "/campaigns/{code}/actions", tag = "campaigns",
    params(("code" = String, Path, description = "The campaign's code")), request_body = ActionRequestBody,
    responses((status = 201, body = NumberBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_action(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    body: Result<Json<ActionRequestBody>, JsonRejection>,
) -> Result<(StatusCode, Json<NumberBody>), ApiError> {
    let (Path(code), Json(body)) = (code?, body?);
    let number = artel
        .add_action(&code, body.finding, &body.owner, body.due)
        .await?;
    Ok((StatusCode::CREATED, Json(NumberBody { number })))
}

/// Marks a corrective action done.
#[utoipa::path(post, path = "/campaigns/{code}/actions/{number}/done", tag = "campaigns",
    params(("code" = String, Path, description = "The campaign's code"), ("number" = u64, Path, description = "The action's number")),
    request_body = DoneRequestBody,
    responses((status = 200, body = NumberBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn action_done(
    Signed(artel): Signed,
    path: Result<Path<(String, u64)>, PathRejection>,
    body: Result<Json<DoneRequestBody>, JsonRejection>,
) -> Result<Json<NumberBody>, ApiError> {
    let (Path((code, number)), Json(body)) = (path?, body?);
    artel.action_done(&code, number, body.date).await?;
    Ok(Json(NumberBody { number }))
}

/// Moves the campaign forward into a phase.
#[utoipa::path(post, path = "/campaigns/{code}/phase", tag = "campaigns",
    params(("code" = String, Path, description = "The campaign's code")), request_body = PhaseRequestBody,
    responses((status = 200, body = PhaseBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn move_phase(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    body: Result<Json<PhaseRequestBody>, JsonRejection>,
) -> Result<Json<PhaseBody>, ApiError> {
    let (Path(code), Json(body)) = (code?, body?);
    artel.move_phase(&code, &body.phase, body.date).await?;
    Ok(Json(PhaseBody {
        phase: body.phase.trim().to_owned(),
        since: body.date,
    }))
}

/// Each focus cooperative's indicators for the baseline and the follow-up periods, with
/// the follow-up's change against the baseline.
#[utoipa::path(get, path = "/campaigns/{code}/report", tag = "campaigns",
    params(("code" = String, Path, description = "The campaign's code")),
    responses((status = 200, body = ReportBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn report(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
) -> Result<Json<ReportBody>, ApiError> {
    let Path(code) = code?;
    let report = artel.campaign_report(&code).await?;
    Ok(Json(ReportBody {
        campaign: report.code,
        baseline: report.baseline,
        follow_up: report.follow_up,
        rows: report
            .rows
            .into_iter()
            .map(|r| ReportRowBody {
                organisation: r.organisation,
                indicator: r.indicator.to_owned(),
                baseline: r.baseline,
                follow_up: r.follow_up,
                change_pct: r.change_pct,
            })
            .collect(),
    }))
}

/// An exhibition or material exchange meeting, as asked.
#[derive(Debug, Deserialize, ToSchema)]
pub struct ExhibitionRequestBody {
    /// The organisation that held it.
    pub owner: String,
    pub region: Option<String>,
    /// `exhibition` or `exchange-meeting`.
    pub kind: String,
    pub title: String,
    pub place: String,
    #[schema(value_type = String, format = Date)]
    pub first_day: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub last_day: NaiveDate,
    /// Organisation codes.
    #[serde(default)]
    pub participants: Vec<String>,
    #[serde(default)]
    pub visitors: u64,
    /// `ORGANISATION: PRODUCT`.
    #[serde(default)]
    pub products: Vec<String>,
    /// `ORGANISATION/NUMBER`.
    #[serde(default)]
    pub contracts: Vec<String>,
}

/// A contract signed at an event.
#[derive(Debug, Serialize, ToSchema)]
pub struct SignedContractBody {
    pub organisation: String,
    pub number: String,
    #[schema(value_type = String, format = Date)]
    pub signed: NaiveDate,
    pub value: String,
}

/// A product shown.
#[derive(Debug, Serialize, ToSchema)]
pub struct ShownProductBody {
    pub organisation: String,
    pub product: String,
}

/// An event with its contracts' total value.
#[derive(Debug, Serialize, ToSchema)]
pub struct ExhibitionBody {
    pub owner: String,
    pub number: u64,
    pub kind: String,
    pub title: String,
    pub place: String,
    pub region: Option<String>,
    #[schema(value_type = String, format = Date)]
    pub first_day: NaiveDate,
    #[schema(value_type = String, format = Date)]
    pub last_day: NaiveDate,
    pub participants: Vec<String>,
    pub visitors: u64,
    pub products: Vec<ShownProductBody>,
    pub contracts: Vec<SignedContractBody>,
    /// The contracts' values added, exactly.
    pub contract_value: String,
}

impl From<Exhibition> for ExhibitionBody {
    fn from(e: Exhibition) -> ExhibitionBody {
        let currency = e.currency;
        ExhibitionBody {
            owner: e.owner,
            number: e.number,
            kind: e.kind.to_string(),
            title: e.title,
            place: e.place,
            region: e.region,
            first_day: e.first_day,
            last_day: e.last_day,
            participants: e.participants,
            visitors: e.visitors,
            products: e
                .products
                .into_iter()
                .map(|p| ShownProductBody {
                    organisation: p.organisation,
                    product: p.product,
                })
                .collect(),
            contracts: e
                .contracts
                .into_iter()
                .map(|c| SignedContractBody {
                    organisation: c.organisation,
                    number: c.number,
                    signed: c.signed,
                    value: currency.format(c.value),
                })
                .collect(),
            contract_value: currency.format(e.total_value),
        }
    }
}

/// The exhibitions and exchange meetings the caller may read.
#[utoipa::path(get, path = "/exhibitions", tag = "campaigns",
    responses((status = 200, body = Vec<ExhibitionBody>), (status = 401, body = ErrorBody)))]
pub async fn list_exhibitions(
    Signed(artel): Signed,
) -> Result<Json<Vec<ExhibitionBody>>, ApiError> {
    Ok(Json(
        artel
            .exhibitions()
            .await?
            .into_iter()
            .map(Into::into)
            .collect(),
    ))
}

/// Records an exhibition or a material exchange meeting.
#[utoipa::path(post, path = "/exhibitions", tag = "campaigns", request_body = ExhibitionRequestBody,
    responses((status = 201, body = ExhibitionBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_exhibition(
    Signed(artel): Signed,
    body: Result<Json<ExhibitionRequestBody>, JsonRejection>,
) -> Result<(StatusCode, Json<ExhibitionBody>), ApiError> {
    let Json(body) = body?;
    let request = ExhibitionRequest {
        owner: body.owner,
        region: body.region,
        kind: body.kind,
        title: body.title,
        place: body.place,
        first_day: body.first_day,
        last_day: body.last_day,
        participants: body.participants,
        visitors: body.visitors,
        products: body.products,
        contracts: body.contracts,
    };
    let number = artel.record_exhibition(&request).await?;
    let recorded = artel
        .exhibitions()
        .await?
        .into_iter()
        .find(|e| e.owner == request.owner && e.number == number)
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the event was not stored",
            )
        })?;
    Ok((StatusCode::CREATED, Json(recorded.into())))
}
