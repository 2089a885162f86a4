//! A cooperative's dashboard, the first page of its books: cash and bank, receivables, the
//! surplus so far this year, and a chart of income and costs by month. Callers without a
//! role over the organisation get the "no such page" error (404), as for one that does not
//! exist.

use artel_ledger::Money;
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};
use chrono::Datelike;

use super::chart::{BarChart, Group, bar_chart};
use super::{Chrome, Page, PageError};

#[derive(Template, WebTemplate)]
#[template(path = "books.html")]
struct DashboardPage {
    c: Chrome,
    name: String,
    as_of: String,
    cash_and_bank: String,
    receivables: String,
    surplus: String,
    /// The chart, as SVG drawn here (its text escaped).
    chart: String,
}

pub async fn book(page: Page, Path(code): Path<String>) -> Result<Response, PageError> {
    let artel = &page.artel;
    let as_of = match artel.last_entry_date(&code).await? {
        Some(date) => date,
        None => chrono::Utc::now().date_naive(),
    };
    let figures = artel.dashboard(&code, as_of).await?;
    let c = page.c;
    let scale = u32::from(figures.currency.scale());
    let amount = |money: Money| c.locale.amount(money.minor(), scale);
    let groups: Vec<Group> = figures
        .months
        .iter()
        .map(|m| Group {
            label: c.t(&format!("month-{}", m.period.month())),
            amounts: vec![m.income.minor(), m.costs.minor()],
        })
        .collect();
    let series = [c.t("dashboard-income"), c.t("dashboard-costs")];
    let title = c.t1("dashboard-chart-title", "year", &as_of.year().to_string());
    let description = c.t("dashboard-chart-description");
    let format = |minor: i64| c.locale.amount(minor, scale);
    let chart = bar_chart(&BarChart {
        title: &title,
        description: &description,
        series: &series,
        groups: &groups,
        format: &format,
    });
    Ok(DashboardPage {
        name: figures.name.clone(),
        as_of: c.locale.date(figures.as_of),
        cash_and_bank: amount(figures.cash_and_bank),
        receivables: amount(figures.receivables),
        surplus: amount(figures.surplus_this_year),
        chart,
        c,
    }
    .into_response())
}
