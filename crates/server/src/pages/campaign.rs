//! A campaign's dashboard (`/campaigns/{code}`): the days to its deadline, its phase and
//! the conference that decided it, each focus cooperative's stages done as a meter, the
//! stages grid (cooperative × stage), the findings by category, the corrective actions with
//! the overdue ones marked, and the before/after report of the indicators; with the forms
//! that record a stage, a finding, an action, an action done and a move to the next phase,
//! for those who may run the campaign.

use artel_app::{
    ActionStatus, AppError, Campaign, FindingCategory, Phase, Stage, StageStatus, StageUpdate,
};
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::NaiveDate;
use serde::Deserialize;

use super::form::{optional_date, refusal, required_date};
use super::year::{EMPTY, indicator_label};
use super::{Arg, Chrome, FieldErrors, Page, PageError};

/// A focus cooperative's row: its stages done and each stage's status.
struct FocusRow {
    code: String,
    name: String,
    done: u64,
    done_text: String,
    /// `(status word, label)` per stage, in order.
    stages: Vec<(&'static str, String)>,
}

/// A category with its findings.
struct CategoryRow {
    label: String,
    /// `(number, organisation, text)`.
    findings: Vec<(u64, String, String)>,
}

/// A corrective action, formatted.
struct ActionRow {
    number: u64,
    finding: u64,
    organisation: String,
    owner: String,
    due: String,
    status: String,
    done_on: String,
    open: bool,
    overdue: bool,
}

/// One row of the before/after report.
struct ReportRow {
    organisation: String,
    indicator: String,
    baseline: String,
    follow_up: String,
    change: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "campaign.html")]
struct CampaignPage {
    c: Chrome,
    code: String,
    title: String,
    owner: String,
    region: String,
    dates: String,
    goals: String,
    as_of: String,
    days: String,
    phase: String,
    stages_done: String,
    actions: String,
    meeting: Option<(String, String)>,
    partial: bool,
    focus: Vec<FocusRow>,
    stage_labels: Vec<String>,
    categories: Vec<CategoryRow>,
    action_rows: Vec<ActionRow>,
    report_title: String,
    report: Vec<ReportRow>,
    may_manage: bool,
    /// Choices of the forms: `(value, label)`.
    organisations: Vec<(String, String)>,
    stage_choices: Vec<(&'static str, String)>,
    status_choices: Vec<(&'static str, String)>,
    category_choices: Vec<(&'static str, String)>,
    finding_choices: Vec<(u64, String)>,
    phase_choices: Vec<(&'static str, String)>,
    form: CampaignForm,
    errors: FieldErrors,
    /// The action whose done form came back refused.
    refused_action: Option<u64>,
    notice: Option<String>,
}

impl CampaignPage {
    /// The message next to `field` of action `number`'s done form.
    fn done_error(&self, number: &u64) -> Option<&String> {
        match self.refused_action {
            Some(refused) if refused == *number => self.errors.get("done_date"),
            _ => None,
        }
    }
}

/// Every form of the dashboard as typed; each form sends only its own fields.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct CampaignForm {
    stage_organisation: String,
    stage: String,
    status: String,
    started: String,
    finished: String,
    notes: String,
    finding_organisation: String,
    category: String,
    text: String,
    finding: String,
    owner: String,
    due: String,
    done_date: String,
    phase: String,
    phase_date: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct CampaignQuery {
    as_of: Option<String>,
    /// What was just recorded, for the notice: `stage`, `finding`, `action`, `done`, `phase`.
    done: Option<String>,
}

fn today() -> NaiveDate {
    chrono::Utc::now().date_naive()
}

fn days_text(c: &Chrome, days: i64) -> String {
    match days {
        0 => c.t("campaign-days-today"),
        d if d > 0 => c.tn("campaign-days-left", "days", d),
        d => c.tn("campaign-days-past", "days", d.saturating_neg()),
    }
}

/// The label of a report's indicator: the pages' own, or the campaign's for those the
/// other pages do not show.
fn report_label(c: &Chrome, indicator: &str) -> String {
    match indicator {
        "members" | "withdrawal_requests" | "member_income" => c.t(&format!(
            "campaign-indicator-{}",
            indicator.replace('_', "-")
        )),
        other => indicator_label(c, other),
    }
}

/// The page as of the day asked for; when none was, today — or, once the deadline has
/// passed, the deadline, so that a finished campaign shows how it stood at its end.
async fn campaign_page(
    page: &Page,
    code: &str,
    asked: Option<NaiveDate>,
    form: CampaignForm,
    errors: FieldErrors,
) -> Result<CampaignPage, PageError> {
    let c = page.c.clone();
    let mut as_of = asked.unwrap_or_else(today);
    let mut campaign: Campaign = page.artel.campaign(code, as_of).await?;
    if asked.is_none() && campaign.terms.deadline < as_of {
        as_of = campaign.terms.deadline;
        campaign = page.artel.campaign(code, as_of).await?;
    }
    let report = page.artel.campaign_report(code).await?;
    let may_manage = page.artel.may_manage_campaign(code).await?;
    let p = campaign.progress;
    let total_stages = Stage::ALL.len() as u64;
    let focus: Vec<FocusRow> = campaign
        .focus
        .iter()
        .map(|f| FocusRow {
            code: f.code.clone(),
            name: f.name.clone(),
            done: f.stages_done,
            done_text: format!("{}/{total_stages}", f.stages_done),
            stages: f
                .stages
                .iter()
                .map(|s| {
                    (
                        s.status.as_str(),
                        c.t(&format!("campaign-status-{}", s.status)),
                    )
                })
                .collect(),
        })
        .collect();
    let categories = FindingCategory::ALL
        .iter()
        .filter_map(|category| {
            let findings: Vec<(u64, String, String)> = campaign
                .findings
                .iter()
                .filter(|f| f.category == *category)
                .map(|f| (f.number, f.organisation.clone(), f.text.clone()))
                .collect();
            (!findings.is_empty()).then(|| CategoryRow {
                label: c.t(&format!("campaign-category-{category}")),
                findings,
            })
        })
        .collect();
    let action_rows = campaign
        .actions
        .iter()
        .map(|a| ActionRow {
            number: a.number,
            finding: a.finding,
            organisation: a.organisation.clone(),
            owner: a.owner.clone(),
            due: c.locale.date(a.due),
            status: if a.overdue {
                c.t("campaign-action-overdue")
            } else {
                c.t(&format!("campaign-action-{}", a.status))
            },
            done_on: a.done_on.map_or_else(String::new, |d| c.locale.date(d)),
            open: a.status == ActionStatus::Open,
            overdue: a.overdue,
        })
        .collect();
    let report_rows = report
        .rows
        .iter()
        .map(|r| ReportRow {
            organisation: r.organisation.clone(),
            indicator: report_label(&c, r.indicator),
            baseline: r.baseline.clone().unwrap_or_else(|| EMPTY.into()),
            follow_up: r.follow_up.clone().unwrap_or_else(|| EMPTY.into()),
            change: r.change_pct.clone().unwrap_or_else(|| EMPTY.into()),
        })
        .collect();
    let stages_done = c.locale.t_with(
        "campaign-stages-done-of",
        &[
            ("done", Arg::Number(p.stages_done as f64)),
            ("total", Arg::Number(p.stages_total as f64)),
        ],
    );
    let actions = c.locale.t_with(
        "campaign-actions-summary",
        &[
            ("open", Arg::Number(p.actions_open as f64)),
            ("overdue", Arg::Number(p.actions_overdue as f64)),
            ("done", Arg::Number(p.actions_done as f64)),
        ],
    );
    let report_title = c.locale.t_with(
        "campaign-report-title",
        &[
            ("baseline", Arg::Text(report.baseline.clone())),
            ("follow_up", Arg::Text(report.follow_up.clone())),
        ],
    );
    let meeting = campaign.meeting.as_ref().map(|m| {
        (
            format!("/books/{}/meetings/{}", campaign.owner, m.number),
            format!("{} · {}", m.title, c.locale.date(m.held_on)),
        )
    });
    let next_phases = Phase::ALL
        .iter()
        .skip_while(|p| **p != campaign.phase)
        .skip(1)
        .map(|p| (p.as_str(), c.t(&format!("campaign-phase-{p}"))))
        .collect();
    Ok(CampaignPage {
        code: campaign.code.clone(),
        title: campaign.terms.title.clone(),
        owner: campaign.owner_name.clone(),
        region: campaign.region_name.clone(),
        dates: format!(
            "{} – {}",
            c.locale.date(campaign.terms.start),
            c.locale.date(campaign.terms.deadline)
        ),
        goals: campaign.terms.goals.clone(),
        as_of: as_of.to_string(),
        days: days_text(&c, p.days_to_deadline),
        phase: c.locale.t_with(
            "campaign-phase-since",
            &[
                (
                    "phase",
                    Arg::Text(c.t(&format!("campaign-phase-{}", campaign.phase))),
                ),
                ("since", Arg::Text(c.locale.date(campaign.phase_since))),
            ],
        ),
        stages_done,
        actions,
        meeting,
        partial: campaign.partial,
        organisations: campaign
            .focus
            .iter()
            .map(|f| (f.code.clone(), f.name.clone()))
            .collect(),
        focus,
        stage_labels: Stage::ALL
            .iter()
            .map(|s| c.t(&format!("campaign-stage-{s}")))
            .collect(),
        categories,
        finding_choices: campaign
            .findings
            .iter()
            .map(|f| (f.number, format!("{} · {}", f.number, f.organisation)))
            .collect(),
        action_rows,
        report_title,
        report: report_rows,
        may_manage,
        stage_choices: Stage::ALL
            .iter()
            .map(|s| (s.as_str(), c.t(&format!("campaign-stage-{s}"))))
            .collect(),
        status_choices: StageStatus::ALL
            .iter()
            .map(|s| (s.as_str(), c.t(&format!("campaign-status-{s}"))))
            .collect(),
        category_choices: FindingCategory::ALL
            .iter()
            .map(|k| (k.as_str(), c.t(&format!("campaign-category-{k}"))))
            .collect(),
        phase_choices: next_phases,
        form,
        errors,
        refused_action: None,
        notice: None,
        c,
    })
}

pub async fn campaign(
    page: Page,
    Path(code): Path<String>,
    Query(query): Query<CampaignQuery>,
) -> Result<Response, PageError> {
    let mut errors = FieldErrors::default();
    let as_of = optional_date(&page.c, &mut errors, "as_of", query.as_of.as_deref());
    let shown = campaign_page(&page, &code, as_of, CampaignForm::default(), errors).await?;
    let notice = query
        .done
        .filter(|d| ["stage", "finding", "action", "done", "phase"].contains(&d.as_str()))
        .map(|d| page.c.t(&format!("campaign-done-{d}")));
    Ok(CampaignPage { notice, ..shown }.into_response())
}

/// Where a form's answer goes: the notice and anchor after a change; the refusal's places
/// (as `form::refusal` takes them) and the field for anything else refused; the action
/// whose done form it was.
struct Outcome {
    done: &'static str,
    anchor: &'static str,
    places: &'static [(&'static str, &'static str, &'static str)],
    fallback: &'static str,
    action: Option<u64>,
}

/// Answers a form: after a change, back to the dashboard with a notice (303); else the
/// dashboard again (422) with the messages next to the form's fields and what was typed.
/// `result` is `None` when the form could not be read (`errors` say why).
async fn answer(
    page: Page,
    code: &str,
    form: CampaignForm,
    mut errors: FieldErrors,
    result: Option<Result<(), AppError>>,
    outcome: Outcome,
) -> Result<Response, PageError> {
    match result {
        Some(Ok(())) => {
            let to = format!("/campaigns/{code}?done={}#{}", outcome.done, outcome.anchor);
            return Ok(Redirect::to(&to).into_response());
        }
        Some(Err(error)) => errors = refusal(&page.c, error, outcome.places, outcome.fallback)?,
        None => {}
    }
    let shown = campaign_page(&page, code, None, form, errors).await?;
    let shown = CampaignPage {
        refused_action: outcome.action,
        ..shown
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
}

pub async fn record_stage(
    page: Page,
    Path(code): Path<String>,
    Form(form): Form<CampaignForm>,
) -> Result<Response, PageError> {
    let mut errors = FieldErrors::default();
    let started = optional_date(&page.c, &mut errors, "started", Some(&form.started));
    let finished = optional_date(&page.c, &mut errors, "finished", Some(&form.finished));
    let result = if errors.is_empty() {
        let update = StageUpdate {
            organisation: form.stage_organisation.clone(),
            stage: form.stage.clone(),
            status: form.status.clone(),
            started,
            finished,
            notes: form.notes.clone(),
        };
        Some(page.artel.update_stage(&code, &update).await)
    } else {
        None
    };
    let outcome = Outcome {
        done: "stage",
        anchor: "stages",
        places: &[
            (
                "organisation",
                "stage_organisation",
                "campaign-organisation-refused",
            ),
            ("stage", "stage", "campaign-stage-refused"),
            ("status", "status", "campaign-status-refused"),
            ("started", "started", "campaign-started-refused"),
            ("finished", "finished", "campaign-finished-refused"),
            ("notes", "notes", "campaign-text-refused"),
        ],
        fallback: "stage",
        action: None,
    };
    answer(page, &code, form, errors, result, outcome).await
}

pub async fn record_finding(
    page: Page,
    Path(code): Path<String>,
    Form(form): Form<CampaignForm>,
) -> Result<Response, PageError> {
    let result = page
        .artel
        .add_finding(
            &code,
            &form.finding_organisation,
            &form.category,
            &form.text,
        )
        .await
        .map(|_| ());
    let outcome = Outcome {
        done: "finding",
        anchor: "findings",
        places: &[
            (
                "organisation",
                "finding_organisation",
                "campaign-organisation-refused",
            ),
            ("category", "category", "campaign-category-refused"),
            ("text", "text", "campaign-text-refused"),
        ],
        fallback: "text",
        action: None,
    };
    answer(
        page,
        &code,
        form,
        FieldErrors::default(),
        Some(result),
        outcome,
    )
    .await
}

pub async fn record_action(
    page: Page,
    Path(code): Path<String>,
    Form(form): Form<CampaignForm>,
) -> Result<Response, PageError> {
    let mut errors = FieldErrors::default();
    let finding = form.finding.trim().parse::<u64>().ok();
    if finding.is_none() {
        errors.add("finding", page.c.t("campaign-finding-refused"));
    }
    let due = required_date(&page.c, &mut errors, "due", &form.due);
    let result = match (finding, due) {
        (Some(finding), Some(due)) if errors.is_empty() => Some(
            page.artel
                .add_action(&code, finding, &form.owner, due)
                .await
                .map(|_| ()),
        ),
        _ => None,
    };
    let outcome = Outcome {
        done: "action",
        anchor: "actions",
        places: &[
            ("finding", "finding", "campaign-finding-refused"),
            ("owner", "owner", "campaign-owner-refused"),
            ("due", "due", "campaign-due-refused"),
        ],
        fallback: "owner",
        action: None,
    };
    answer(page, &code, form, errors, result, outcome).await
}

pub async fn record_done(
    page: Page,
    Path((code, number)): Path<(String, u64)>,
    Form(form): Form<CampaignForm>,
) -> Result<Response, PageError> {
    let mut errors = FieldErrors::default();
    let result = match required_date(&page.c, &mut errors, "done_date", &form.done_date) {
        Some(date) => Some(page.artel.action_done(&code, number, date).await),
        None => None,
    };
    let outcome = Outcome {
        done: "done",
        anchor: "actions",
        places: &[
            ("action", "done_date", "campaign-action-refused"),
            ("date", "done_date", "campaign-date-refused"),
        ],
        fallback: "done_date",
        action: Some(number),
    };
    answer(page, &code, form, errors, result, outcome).await
}

pub async fn record_phase(
    page: Page,
    Path(code): Path<String>,
    Form(form): Form<CampaignForm>,
) -> Result<Response, PageError> {
    let mut errors = FieldErrors::default();
    let result = match required_date(&page.c, &mut errors, "phase_date", &form.phase_date) {
        Some(date) => Some(page.artel.move_phase(&code, &form.phase, date).await),
        None => None,
    };
    let outcome = Outcome {
        done: "phase",
        anchor: "phase",
        places: &[
            ("phase", "phase", "campaign-phase-refused"),
            ("date", "phase_date", "campaign-date-refused"),
        ],
        fallback: "phase",
        action: None,
    };
    answer(page, &code, form, errors, result, outcome).await
}
