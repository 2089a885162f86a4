//! The trial balance page, with the same report to download as CSV or XLSX. (The other
//! reports' pages follow this one's pattern.)

use artel_reports_out::{Labels, trial_balance_csv, trial_balance_xlsx};
use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;

use super::i18n::Locale;
use super::{Chrome, Page, PageError};

/// A date range from the page's form, both ends inclusive, either open.
#[derive(Debug, Deserialize)]
pub struct RangeForm {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

impl RangeForm {
    fn query(&self) -> String {
        let mut parts = Vec::new();
        if let Some(from) = self.from {
            parts.push(format!("from={from}"));
        }
        if let Some(to) = self.to {
            parts.push(format!("to={to}"));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

struct Row {
    account: String,
    debit: String,
    credit: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "trial_balance.html")]
struct TrialBalancePage {
    c: Chrome,
    code: String,
    name: String,
    from: String,
    to: String,
    rows: Vec<Row>,
    debit_total: String,
    credit_total: String,
    /// `?from=…&to=…` for the download links.
    query: String,
}

pub async fn trial_balance(
    page: Page,
    Path(code): Path<String>,
    Query(range): Query<RangeForm>,
) -> Result<Response, PageError> {
    let organisation = page.artel.organisation(&code).await?;
    let report = page
        .artel
        .trial_balance(&code, range.from, range.to)
        .await?;
    let c = page.c;
    let scale = u32::from(report.currency.scale());
    let amount = |minor: i64| c.locale.amount(minor, scale);
    let rows = report
        .trial_balance
        .rows
        .iter()
        .map(|r| {
            let minor = r.balance.minor();
            Row {
                account: r.account.to_string(),
                debit: if minor > 0 {
                    amount(minor)
                } else {
                    String::new()
                },
                credit: if minor < 0 {
                    amount(minor.saturating_neg())
                } else {
                    String::new()
                },
            }
        })
        .collect();
    Ok(TrialBalancePage {
        code: organisation.code,
        name: organisation.name,
        from: range.from.map(|d| d.to_string()).unwrap_or_default(),
        to: range.to.map(|d| d.to_string()).unwrap_or_default(),
        rows,
        debit_total: amount(report.trial_balance.debit_total.minor()),
        credit_total: amount(report.trial_balance.credit_total.minor()),
        query: range.query(),
        c,
    }
    .into_response())
}

/// `trial-balance.csv` and `trial-balance.xlsx`, for the same range as the page.
pub async fn trial_balance_download(
    page: Page,
    Path((code, file)): Path<(String, String)>,
    Query(range): Query<RangeForm>,
) -> Result<Response, PageError> {
    let report = page
        .artel
        .trial_balance(&code, range.from, range.to)
        .await?;
    let failed = |error: artel_reports_out::OutError| {
        PageError::from(artel_app::AppError::Failed(error.to_string()))
    };
    let (content_type, bytes) = match file.as_str() {
        "trial-balance.csv" => (
            "text/csv; charset=utf-8",
            trial_balance_csv(&report).map_err(failed)?,
        ),
        "trial-balance.xlsx" => {
            let labels = match page.c.locale {
                Locale::En => Labels::english(),
                Locale::ZhCn => Labels::chinese(),
            };
            (
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                trial_balance_xlsx(&report, &labels).map_err(failed)?,
            )
        }
        _ => {
            return Err(PageError::from(artel_app::AppError::NotFound {
                place: "file".into(),
                message: format!("no download '{file}'"),
            }));
        }
    };
    let disposition = format!("attachment; filename=\"{code}-{file}\"");
    Ok((
        [
            (header::CONTENT_TYPE, content_type.to_owned()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response())
}
