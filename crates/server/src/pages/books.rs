//! A cooperative's dashboard, the first page of its books: cash and bank, receivables, the
//! surplus so far this year, the charter's credit limits crossed, and a chart of income and
//! costs by month. Callers without a
//! role over the organisation get the "no such page" error (404), as for one that does not
//! exist.

use artel_ledger::Money;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use chrono::Datelike;

use artel_app::{CreditWarning, per_mille_as_percent};

use super::book_nav::BookNav;
use super::i18n::Arg;
use super::{Chrome, Page, PageError};
use artel_reports_out::chart::{Series, monthly_bars};

#[derive(Template, WebTemplate)]
#[template(path = "books.html")]
struct DashboardPage {
    c: Chrome,
    nav: BookNav,
    as_of: String,
    cash_and_bank: String,
    receivables: String,
    surplus: String,
    /// The chart, as SVG drawn here (its text escaped).
    chart: String,
    /// The charter's credit limits crossed, as sentences.
    warnings: Vec<String>,
}

/// A crossed credit limit in the reader's language (the dashboard and the sales page).
pub fn credit_warning(c: &Chrome, warning: &CreditWarning) -> String {
    let text = |value: String| Arg::Text(value);
    match warning {
        CreditWarning::CreditShare { per_mille, limit } => c.locale.t_with(
            "dashboard-warning-credit-share",
            &[
                ("share", text(per_mille_as_percent(*per_mille))),
                ("limit", text(per_mille_as_percent(u64::from(*limit)))),
            ],
        ),
        CreditWarning::CreditTerm {
            counterparty,
            days,
            limit,
        } => c.locale.t_with(
            "dashboard-warning-credit-term",
            &[
                ("buyer", text(counterparty.clone())),
                ("days", text(days.to_string())),
                ("limit", text(limit.to_string())),
            ],
        ),
        CreditWarning::Exposure {
            counterparty,
            per_mille,
            limit,
        } => c.locale.t_with(
            "dashboard-warning-exposure",
            &[
                ("buyer", text(counterparty.clone())),
                ("share", text(per_mille_as_percent(*per_mille))),
                ("limit", text(per_mille_as_percent(u64::from(*limit)))),
            ],
        ),
    }
}

pub async fn book(page: Page, Path(code): Path<String>) -> Result<Response, PageError> {
    let artel = &page.artel;
    let (nav, organisation) = BookNav::load(artel, &code, "dashboard").await?;
    let figures = artel.dashboard_of(&organisation, None).await?;
    let as_of = figures.as_of;
    let crossed = artel.credit_warnings_of(&organisation, as_of).await?;
    let c = page.c;
    let scale = u32::from(figures.currency.scale());
    let amount = |money: Money| c.locale.amount(money.minor(), scale);
    let months: Vec<String> = figures
        .months
        .iter()
        .map(|m| c.t(&format!("month-{}", m.period.month())))
        .collect();
    let series = [
        Series {
            name: c.t("dashboard-income"),
            values: figures.months.iter().map(|m| m.income.minor()).collect(),
        },
        Series {
            name: c.t("dashboard-costs"),
            values: figures.months.iter().map(|m| m.costs.minor()).collect(),
        },
    ];
    let title = c.t1("dashboard-chart-title", "year", &as_of.year().to_string());
    let chart = monthly_bars(&title, &series, &months, figures.currency.scale());
    Ok(DashboardPage {
        nav,
        as_of: c.locale.date(figures.as_of),
        cash_and_bank: amount(figures.cash_and_bank),
        receivables: amount(figures.receivables),
        surplus: amount(figures.surplus_this_year),
        chart,
        warnings: crossed.iter().map(|w| credit_warning(&c, w)).collect(),
        c,
    }
    .into_response())
}
