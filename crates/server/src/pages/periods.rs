//! The book's months: which are open and which closed, closing a month, and reopening
//! one — an audited decision that needs a reason.

use std::collections::BTreeSet;

use artel_app::EntryFilter;
use artel_ledger::Period;
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::book_nav::BookNav;
use super::form::refusal;
use super::{Chrome, FieldErrors, Page, PageError};

struct PeriodRow {
    /// `1954-03`.
    period: String,
    label: String,
    closed: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "periods.html")]
struct PeriodsPage {
    c: Chrome,
    nav: BookNav,
    rows: Vec<PeriodRow>,
    errors: FieldErrors,
    /// What was just done, for the notice.
    notice: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct PeriodsQuery {
    closed: Option<String>,
    reopened: Option<String>,
}

/// The months from the first entry's to the last entry's (this month when the book is
/// empty), and every closed month, newest first.
async fn months(page: &Page, code: &str) -> Result<(Vec<Period>, BTreeSet<Period>), PageError> {
    let closed: BTreeSet<Period> = page.artel.closed_periods(code).await?.into_iter().collect();
    let first_filter = EntryFilter {
        from: None,
        to: None,
        after: None,
        limit: 1,
        newest_first: false,
    };
    let first = page.artel.entries(code, first_filter).await?;
    let today = chrono::Utc::now().date_naive();
    let first = first.first().map_or(today, |entry| entry.date);
    let last = page.artel.last_entry_date(code).await?.unwrap_or(today);
    let mut shown: BTreeSet<Period> = closed.clone();
    let mut month = Period::of(first);
    let end = Period::of(last);
    while month <= end {
        shown.insert(month);
        month = month.next();
    }
    Ok((shown.into_iter().rev().collect(), closed))
}

async fn periods_page(
    page: Page,
    code: &str,
    errors: FieldErrors,
    notice: Option<String>,
) -> Result<PeriodsPage, PageError> {
    let (nav, _) = BookNav::load(&page.artel, code, "periods").await?;
    let (shown, closed) = months(&page, code).await?;
    let c = page.c;
    let rows = shown
        .into_iter()
        .map(|period| PeriodRow {
            period: period.to_string(),
            label: c.locale.month(period),
            closed: closed.contains(&period),
        })
        .collect();
    Ok(PeriodsPage {
        c,
        nav,
        rows,
        errors,
        notice,
    })
}

/// The month of a path, or "no such page".
fn period_of(text: &str) -> Result<Period, PageError> {
    Period::parse(text).map_err(|_| PageError::not_found())
}

pub async fn periods(
    page: Page,
    Path(code): Path<String>,
    Query(query): Query<PeriodsQuery>,
) -> Result<Response, PageError> {
    let notice = match (query.closed.as_deref(), query.reopened.as_deref()) {
        (Some(closed), _) => Some(page.c.t1(
            "periods-closed-notice",
            "month",
            &page.c.locale.month(period_of(closed)?),
        )),
        (None, Some(reopened)) => Some(page.c.t1(
            "periods-reopened-notice",
            "month",
            &page.c.locale.month(period_of(reopened)?),
        )),
        (None, None) => None,
    };
    Ok(periods_page(page, &code, FieldErrors::default(), notice)
        .await?
        .into_response())
}

pub async fn close(
    page: Page,
    Path((code, period)): Path<(String, String)>,
) -> Result<Response, PageError> {
    let period = period_of(&period)?;
    page.artel.close_period(&code, &period.to_string()).await?;
    Ok(Redirect::to(&format!("/books/{code}/periods?closed={period}")).into_response())
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReopenForm {
    reason: String,
}

/// Reopens the month; without a reason the page comes back with the message next to the
/// month's reason field.
pub async fn reopen(
    page: Page,
    Path((code, period)): Path<(String, String)>,
    Form(form): Form<ReopenForm>,
) -> Result<Response, PageError> {
    let period = period_of(&period)?;
    let field = format!("reason_{period}");
    let mut errors = FieldErrors::default();
    if form.reason.trim().is_empty() {
        errors.add(field.clone(), page.c.t("periods-reason-required"));
    } else {
        match page
            .artel
            .reopen_period(&code, &period.to_string(), form.reason.trim())
            .await
        {
            Ok(_) => {
                return Ok(
                    Redirect::to(&format!("/books/{code}/periods?reopened={period}"))
                        .into_response(),
                );
            }
            Err(error) => {
                let mut refused = refusal(&page.c, error, &[], "reason")?;
                if let Some(message) = refused.get("reason").cloned() {
                    refused = FieldErrors::default();
                    refused.add(field, message);
                }
                errors = refused;
            }
        }
    }
    let periods_page = periods_page(page, &code, errors, None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, periods_page).into_response())
}
