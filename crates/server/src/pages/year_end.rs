//! The year-end page: where a year stands (open, closed with its surplus, reopened by a
//! motion), the close and reopen forms, the preview of its distribution by the charter with
//! a chart of the parts, the distribution form (an adopted motion of kind distribution),
//! the distribution once adopted, the year's labour records with their form, and every
//! member's statement with the workbook of all of them and each one's printable page.

use std::collections::BTreeMap;

use artel_app::{
    AppError, Artel, DistributionFigures, LabourLine, YearStanding, days_text, parse_draw,
    parse_pieces,
};
use artel_ledger::{Currency, Money};
use artel_reports_out::chart::{Series, category_bars};
use artel_reports_out::{
    Fonts, PdfError, StatementLabels, StatementSource, member_statement, render_pdf,
    statements_xlsx,
};
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::book_nav::BookNav;
use super::form::{optional_date, refusal};
use super::i18n::Locale;
use super::year::{shown_year, year_days};
use super::{Choice, Chrome, FieldErrors, Page, PageError, XLSX};
use crate::year_end::{LabourBody, labour_line};

/// The parts of a distribution as shown: label and amount.
struct Part {
    label: String,
    amount: String,
}

/// One member's dividends as shown.
struct DividendRow {
    member: u64,
    name: String,
    labour: String,
    share: String,
    total: String,
}

/// A distribution as shown, previewed or adopted.
struct DivisionView {
    parts: Vec<Part>,
    members: Vec<DividendRow>,
    chart: String,
}

/// A labour record as shown.
struct LabourRowView {
    month: String,
    member: u64,
    name: String,
    days: String,
    pieces: u64,
    wages: String,
}

/// A year's distribution in the summary of every year.
struct YearRow {
    year: i32,
    surplus: String,
    accumulation: String,
    welfare: String,
    dividends: String,
    motion: u64,
}

/// A member organisation's distribution in a federation's roll-up.
struct RollupRow {
    code: String,
    name: String,
    /// Surplus, accumulation fund, dividends and members paid, once distributed.
    figures: Option<(String, String, String, usize)>,
}

/// A member's statement as shown.
struct StatementRow {
    member: u64,
    name: String,
    share_capital: String,
    days: String,
    pieces: u64,
    wages: String,
    labour_dividend: String,
    share_dividend: String,
    dividends: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "year_end.html")]
struct YearEndPage {
    c: Chrome,
    nav: BookNav,
    year: i32,
    status: String,
    closed: bool,
    /// The closing entry in force.
    closing_entry: Option<u64>,
    distributed: bool,
    may_distribute: bool,
    may_record_labour: bool,
    preview: Option<DivisionView>,
    /// Why the preview cannot be made (no labour, a year before not distributed, …).
    preview_refusal: Option<String>,
    distribution: Option<DivisionView>,
    /// The adopted distribution's motion, entry and day.
    distribution_made: Option<(u64, u64, String)>,
    distribution_motions: Vec<Choice>,
    adopted_motions: Vec<Choice>,
    distribute: DistributeForm,
    distribute_errors: FieldErrors,
    reopen_errors: FieldErrors,
    close_errors: FieldErrors,
    labour: Vec<LabourRowView>,
    members: Vec<Choice>,
    labour_form: LabourForm,
    labour_errors: FieldErrors,
    statements: Vec<StatementRow>,
    /// Every year's distribution of this organisation.
    years: Vec<YearRow>,
    /// For a federation: its members' distributions of the year.
    rollup: Vec<RollupRow>,
    notice: Option<String>,
}

/// The distribution form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct DistributeForm {
    motion: String,
    date: String,
    draw_from: String,
    draw: String,
}

/// The reopening form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ReopenForm {
    motion: String,
}

/// The labour form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct LabourForm {
    month: String,
    member: String,
    days: String,
    pieces: String,
    wages: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct YearQuery {
    year: Option<i32>,
    /// What was just done, for the notice: `closed`, `reopened`, `distributed`, `labour`.
    done: Option<String>,
}

/// What went wrong while the page was made; the forms' refusals, when one comes back.
#[derive(Default)]
struct Refusals {
    distribute: (DistributeForm, FieldErrors),
    reopen: FieldErrors,
    close: FieldErrors,
    labour: (LabourForm, FieldErrors),
}

pub(super) fn failed(error: impl std::fmt::Display) -> PageError {
    PageError::from(AppError::Failed(error.to_string()))
}

fn amount(c: &Chrome, currency: &Currency, money: Money) -> String {
    c.locale.amount(money.minor(), u32::from(currency.scale()))
}

/// A division's parts, its members' rows and the chart of its parts; `names` are the
/// members' names by number.
fn division(
    c: &Chrome,
    currency: &Currency,
    f: &DistributionFigures,
    dividends: &[(u64, Money, Money)],
    names: &BTreeMap<u64, String>,
) -> Result<DivisionView, PageError> {
    let parts = [
        ("charter-accumulation-fund", f.accumulation),
        ("charter-welfare-fund", f.welfare),
        ("charter-other-levies", f.levies),
        ("charter-labour-dividend", f.labour),
        ("charter-share-dividend", f.share),
    ];
    let chart = category_bars(
        &c.t("year-end-chart"),
        &[Series {
            name: c.t("year-end-amount"),
            values: parts.iter().map(|(_, m)| m.minor()).collect(),
        }],
        &parts.iter().map(|(key, _)| c.t(key)).collect::<Vec<_>>(),
        currency.scale(),
    );
    let mut shown = vec![
        ("year-end-surplus", f.surplus),
        ("year-end-loss-covered", f.loss_covered),
        ("year-end-distributable", f.distributable),
        ("year-end-share-cap", f.share_cap),
        ("year-end-cap-excess", f.cap_excess),
    ];
    if f.surplus < Money::ZERO {
        shown.push(("year-end-loss-charged", f.loss_charged));
        shown.push(("year-end-loss-carried", f.loss_carried));
    }
    let parts = shown
        .into_iter()
        .chain(parts)
        .map(|(key, money)| Part {
            label: c.t(key),
            amount: amount(c, currency, money),
        })
        .collect();
    let members = dividends
        .iter()
        .map(|(member, labour, share)| {
            Ok(DividendRow {
                member: *member,
                name: names.get(member).cloned().unwrap_or_default(),
                labour: amount(c, currency, *labour),
                share: amount(c, currency, *share),
                total: amount(c, currency, labour.checked_add(*share).map_err(failed)?),
            })
        })
        .collect::<Result<_, PageError>>()?;
    Ok(DivisionView {
        parts,
        members,
        chart,
    })
}

/// The year's standing in a sentence.
fn status(c: &Chrome, currency: &Currency, standing: &YearStanding) -> String {
    match (standing.closing(), standing.closings.last()) {
        (Some(closing), _) => c.t1(
            "year-end-status-closed",
            "surplus",
            &amount(c, currency, closing.surplus),
        ),
        (None, Some(reopened)) => c.tn(
            "year-end-status-reopened",
            "motion",
            reopened.reopened.map_or(0, |r| r.motion),
        ),
        (None, None) => c.t("year-end-status-open"),
    }
}

/// The adopted motions, all of them and those of kind distribution, as choices.
async fn adopted_motions(
    artel: &Artel,
    code: &str,
    selected: &str,
) -> Result<(Vec<Choice>, Vec<Choice>), PageError> {
    let (mut all, mut distribution) = (Vec::new(), Vec::new());
    for meeting in artel.meetings(code).await? {
        let (held, motions) = artel.meeting(code, meeting.number).await?;
        for motion in motions.into_iter().filter(|m| m.outcome == "adopted") {
            let choice = Choice {
                value: motion.number.to_string(),
                label: format!("{} · {} · {}", motion.number, held.held_on, motion.text),
                selected: motion.number.to_string() == selected,
            };
            if motion.kind == "distribution" {
                distribution.push(Choice {
                    value: choice.value.clone(),
                    label: choice.label.clone(),
                    selected: choice.selected,
                });
            }
            all.push(choice);
        }
    }
    Ok((all, distribution))
}

async fn year_end_page(
    page: Page,
    code: &str,
    year: i32,
    refusals: Refusals,
) -> Result<YearEndPage, PageError> {
    let (nav, organisation) = BookNav::load(&page.artel, code, "year-end").await?;
    let artel = &page.artel;
    let c = page.c;
    let currency = organisation.currency.clone();
    let standing = artel.year_standing(code, year).await?;
    let statements = artel.member_statements(code, year).await?;
    let closed = standing.closing().is_some();
    let distributed = standing.distribution.is_some();
    let (_, last) = year_days(year)?;
    let (preview, preview_refusal) =
        if closed && !distributed && artel.may(&organisation, artel_app::Action::ReadBooks) {
            let today = chrono::Utc::now().date_naive();
            let on = today.max(last.succ_opt().unwrap_or(last));
            match artel.preview_distribution(code, year, on, None).await {
                Ok(plan) => {
                    let figures = plan.figures();
                    let view = division(&c, &currency, &figures, &plan.dividends(), &plan.names)?;
                    (Some(view), None)
                }
                Err(AppError::Rejected(problems)) => {
                    let key = match problems.first().map(|p| p.place.as_str()) {
                        Some("labour") => "year-end-no-labour",
                        Some("year") => "year-end-preview-pending",
                        _ => "form-refused",
                    };
                    (None, Some(c.t(key)))
                }
                Err(other) => return Err(other.into()),
            }
        } else {
            (None, None)
        };
    let names: BTreeMap<u64, String> = artel
        .members(code)
        .await?
        .into_iter()
        .map(|m| (m.number, m.name))
        .collect();
    let distribution = standing
        .distribution
        .as_ref()
        .map(|d| division(&c, &currency, &d.figures, &d.dividends, &names))
        .transpose()?;
    let distribution_made = standing
        .distribution
        .as_ref()
        .map(|d| (d.motion, d.sequence, c.locale.date(d.date)));
    let (distribute, distribute_errors) = refusals.distribute;
    let (adopted, distribution_motions) = adopted_motions(artel, code, &distribute.motion).await?;
    let (labour_form, labour_errors) = refusals.labour;
    let members = names
        .iter()
        .map(|(number, name)| Choice {
            value: number.to_string(),
            label: format!("{number} · {name}"),
            selected: number.to_string() == labour_form.member,
        })
        .collect();
    let labour = artel
        .labour(code, year)
        .await?
        .into_iter()
        .map(|r| LabourRowView {
            month: c.locale.month(r.month),
            name: names.get(&r.member).cloned().unwrap_or_default(),
            member: r.member,
            days: days_text(r.days_tenths),
            pieces: r.pieces,
            wages: amount(&c, &currency, r.wages),
        })
        .collect();
    let statements = statements
        .iter()
        .map(|s| {
            Ok(StatementRow {
                member: s.number,
                name: s.name.clone(),
                share_capital: amount(&c, &currency, s.share_capital),
                days: days_text(s.labour.days_tenths),
                pieces: s.labour.pieces,
                wages: amount(&c, &currency, s.labour.wages),
                labour_dividend: amount(&c, &currency, s.labour_dividend),
                share_dividend: amount(&c, &currency, s.share_dividend),
                dividends: amount(&c, &currency, s.dividends()?),
            })
        })
        .collect::<Result<_, AppError>>()?;
    let total = |f: &DistributionFigures| f.labour.checked_add(f.share).map_err(failed);
    let years = artel
        .distributions(code)
        .await?
        .iter()
        .map(|d| {
            Ok(YearRow {
                year: d.year,
                surplus: amount(&c, &currency, d.figures.surplus),
                accumulation: amount(&c, &currency, d.figures.accumulation),
                welfare: amount(&c, &currency, d.figures.welfare),
                dividends: amount(&c, &currency, total(&d.figures)?),
                motion: d.motion,
            })
        })
        .collect::<Result<_, PageError>>()?;
    let rollup = artel
        .distribution_rollup(code, year)
        .await?
        .into_iter()
        .map(|m| {
            let figures = match &m.distribution {
                Some(d) => Some((
                    amount(&c, &currency, d.figures.surplus),
                    amount(&c, &currency, d.figures.accumulation),
                    amount(&c, &currency, total(&d.figures)?),
                    d.dividends.len(),
                )),
                None => None,
            };
            Ok(RollupRow {
                code: m.code,
                name: m.name,
                figures,
            })
        })
        .collect::<Result<_, PageError>>()?;
    Ok(YearEndPage {
        years,
        rollup,
        status: status(&c, &currency, &standing),
        closing_entry: standing.closing().and_then(|c| c.sequence),
        may_distribute: artel.may(&organisation, artel_app::Action::Distribute),
        may_record_labour: artel.may(&organisation, artel_app::Action::RecordLabour),
        c,
        nav,
        year,
        closed,
        distributed,
        preview,
        preview_refusal,
        distribution,
        distribution_made,
        distribution_motions,
        adopted_motions: adopted,
        distribute,
        distribute_errors,
        reopen_errors: refusals.reopen,
        close_errors: refusals.close,
        labour,
        members,
        labour_form,
        labour_errors,
        statements,
        notice: None,
    })
}

pub async fn year_end(
    page: Page,
    Path(code): Path<String>,
    Query(query): Query<YearQuery>,
) -> Result<Response, PageError> {
    let year = shown_year(&page.artel, &code, query.year).await?;
    let notice = query
        .done
        .as_deref()
        .filter(|done| ["closed", "reopened", "distributed", "labour"].contains(done))
        .map(|done| page.c.t(&format!("year-end-done-{done}")));
    let shown = year_end_page(page, &code, year, Refusals::default()).await?;
    Ok(YearEndPage { notice, ..shown }.into_response())
}

fn done(code: &str, year: i32, what: &str) -> Response {
    Redirect::to(&format!("/books/{code}/year-end?year={year}&done={what}")).into_response()
}

async fn refused(
    page: Page,
    code: &str,
    year: i32,
    refusals: Refusals,
) -> Result<Response, PageError> {
    let shown = year_end_page(page, code, year, refusals).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
}

/// Closes the year.
pub async fn close(
    page: Page,
    Path((code, year)): Path<(String, i32)>,
) -> Result<Response, PageError> {
    match page.artel.close_year(&code, year).await {
        Ok(_) => Ok(done(&code, year, "closed")),
        Err(error) => {
            let close = refusal(
                &page.c,
                error,
                &[("year", "close", "year-end-close-refused")],
                "close",
            )?;
            refused(
                page,
                &code,
                year,
                Refusals {
                    close,
                    ..Refusals::default()
                },
            )
            .await
        }
    }
}

/// Reopens the year as the chosen motion decided.
pub async fn reopen(
    page: Page,
    Path((code, year)): Path<(String, i32)>,
    Form(form): Form<ReopenForm>,
) -> Result<Response, PageError> {
    let outcome = match form.motion.trim().parse::<u64>() {
        Ok(motion) => page
            .artel
            .reopen_year(&code, year, motion)
            .await
            .map(|_| ()),
        Err(_) => Err(AppError::rejected("motion", "choose the motion")),
    };
    match outcome {
        Ok(()) => Ok(done(&code, year, "reopened")),
        Err(error) => {
            let reopen = refusal(
                &page.c,
                error,
                &[
                    ("motion", "reopen_motion", "year-end-motion-refused"),
                    ("year", "reopen_motion", "year-end-reopen-refused"),
                ],
                "reopen_motion",
            )?;
            refused(
                page,
                &code,
                year,
                Refusals {
                    reopen,
                    ..Refusals::default()
                },
            )
            .await
        }
    }
}

/// Distributes the year's result as the chosen motion decided.
pub async fn distribute(
    page: Page,
    Path((code, year)): Path<(String, i32)>,
    Form(form): Form<DistributeForm>,
) -> Result<Response, PageError> {
    let c = &page.c;
    let mut errors = FieldErrors::default();
    let date = optional_date(c, &mut errors, "date", Some(&form.date));
    let motion = form.motion.trim().parse::<u64>().ok();
    if motion.is_none() {
        errors.add("motion", c.t("year-end-motion-refused"));
    }
    if let (Some(motion), true) = (motion, errors.is_empty()) {
        let currency = page.artel.book(&code).await?.currency;
        let outcome = match parse_draw(Some(&form.draw_from), Some(&form.draw), &currency) {
            Ok(draw) => page
                .artel
                .distribute(&code, year, motion, date, draw)
                .await
                .map(|_| ()),
            Err(error) => Err(error),
        };
        match outcome {
            Ok(()) => return Ok(done(&code, year, "distributed")),
            Err(error) => {
                errors = refusal(
                    c,
                    error,
                    &[
                        ("motion", "motion", "year-end-motion-refused"),
                        ("date", "date", "year-end-date-refused"),
                        ("draw", "draw", "year-end-draw-refused"),
                        ("draw_from", "draw_from", "year-end-draw-refused"),
                        ("labour", "motion", "year-end-no-labour"),
                        ("year", "motion", "year-end-distribute-refused"),
                    ],
                    "motion",
                )?;
            }
        }
    }
    refused(
        page,
        &code,
        year,
        Refusals {
            distribute: (form, errors),
            ..Refusals::default()
        },
    )
    .await
}

/// Records one member's labour in a month of the year.
pub async fn record_labour(
    page: Page,
    Path((code, year)): Path<(String, i32)>,
    Form(form): Form<LabourForm>,
) -> Result<Response, PageError> {
    let c = &page.c;
    let currency = page.artel.book(&code).await?.currency;
    let member = form.member.trim().parse::<u64>().unwrap_or(0);
    let pieces = parse_pieces(form.pieces.trim());
    let body = LabourBody {
        month: form.month.clone(),
        member,
        days: form.days.clone(),
        pieces: *pieces.as_ref().unwrap_or(&0),
        wages: form.wages.clone(),
    };
    let line = match pieces {
        Ok(_) => labour_line(&body, year, &currency),
        Err(e) => Err(AppError::rejected("pieces", e)),
    };
    let outcome = match line {
        Ok(line) => {
            let lines: [LabourLine; 1] = [line];
            page.artel
                .record_labour(&code, &lines, "web")
                .await
                .map(|_| ())
        }
        Err(error) => Err(error),
    };
    match outcome {
        Ok(()) => Ok(done(&code, year, "labour")),
        Err(error) => {
            let errors = refusal(
                c,
                error,
                &[
                    ("month", "month", "year-end-month-refused"),
                    ("member", "member", "year-end-member-refused"),
                    ("days", "days", "year-end-days-refused"),
                    ("pieces", "pieces", "year-end-pieces-refused"),
                    ("wages", "wages", "year-end-wages-refused"),
                ],
                "month",
            )?;
            refused(
                page,
                &code,
                year,
                Refusals {
                    labour: (form, errors),
                    ..Refusals::default()
                },
            )
            .await
        }
    }
}

/// Every member's statement of the year as a workbook, in the reader's language.
pub async fn statements_xlsx_download(
    page: Page,
    Path((code, year)): Path<(String, i32)>,
) -> Result<Response, PageError> {
    let organisation = page.artel.book(&code).await?;
    year_days(year)?;
    let statements = page.artel.member_statements(&code, year).await?;
    let labels = statement_labels(page.c.locale);
    let bytes = statements_xlsx(&code, &organisation.currency, year, &statements, &labels)
        .map_err(failed)?;
    Ok((
        [
            (header::CONTENT_TYPE, XLSX.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{code}-{year}-statements.xlsx\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// The fonts the statements are printed with, loaded on the first statement asked for.
static FONTS: std::sync::OnceLock<Fonts> = std::sync::OnceLock::new();

fn fonts() -> Result<&'static Fonts, PdfError> {
    if let Some(fonts) = FONTS.get() {
        return Ok(fonts);
    }
    let loaded = Fonts::load(None)?;
    Ok(FONTS.get_or_init(|| loaded))
}

fn statement_labels(locale: Locale) -> StatementLabels {
    match locale {
        Locale::En => StatementLabels::english(),
        Locale::ZhCn => StatementLabels::chinese(),
    }
}

/// A member's statement of the year as a PDF, in the reader's language.
pub async fn statement_pdf(
    page: Page,
    Path((code, year, number)): Path<(String, i32, u64)>,
) -> Result<Response, PageError> {
    year_days(year)?;
    let found = page.artel.member_statement(&code, year, number).await?;
    pdf_response(page.c.locale, found, year).await
}

/// The signed-in member's own statement of the year as a PDF.
pub async fn my_statement_pdf(
    page: Page,
    Path((code, year)): Path<(String, i32)>,
) -> Result<Response, PageError> {
    year_days(year)?;
    let found = page.artel.my_statement(&code, year).await?;
    pdf_response(page.c.locale, found, year).await
}

/// A statement printed as a PDF answer.
async fn pdf_response(
    locale: Locale,
    (organisation, statement, distribution): (
        artel_app::Organisation,
        artel_app::MemberStatement,
        Option<artel_app::StoredDistribution>,
    ),
    year: i32,
) -> Result<Response, PageError> {
    let source = StatementSource {
        organisation: &organisation.name,
        currency: &organisation.currency,
        year,
        distribution: distribution.as_ref(),
    };
    let document =
        member_statement(source, &statement, &statement_labels(locale)).map_err(failed)?;
    let fonts = fonts().map_err(|e| {
        tracing::error!(error = %e, "cannot print statements");
        failed(e)
    })?;
    let bytes = tokio::task::spawn_blocking(move || render_pdf(&document, fonts))
        .await
        .map_err(failed)?
        .map_err(failed)?;
    let file = format!(
        "{}-{year}-member-{}.pdf",
        organisation.code, statement.number
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/pdf".to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("inline; filename=\"{file}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}
