//! The member register: every member by number with their trade, the date they joined,
//! where they stand, and their share capital subscribed and paid in.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};

use artel_reports_out::{RegisterLabels, RegisterRow, member_register_xlsx};
use axum::http::header;

use super::book_nav::BookNav;
use super::i18n::Locale;
use super::{Chrome, Page, PageError, XLSX};

struct MemberRow {
    number: u64,
    name: String,
    trade: String,
    joined: String,
    status: String,
    subscribed: u64,
    paid: u64,
    paid_in: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "members.html")]
struct MembersPage {
    c: Chrome,
    nav: BookNav,
    rows: Vec<MemberRow>,
    paid_in_total: String,
}

/// The register as a workbook, headings and standings in the reader's language.
pub async fn register_xlsx(page: Page, Path(code): Path<String>) -> Result<Response, PageError> {
    let organisation = page.artel.book(&code).await?;
    let register = page.artel.members(&code).await?;
    let c = page.c;
    let rows: Vec<RegisterRow> = register
        .into_iter()
        .map(|m| RegisterRow {
            number: m.number,
            status: c.t(&format!("member-status-{}", m.status)),
            name: m.name,
            trade: m.trade,
            joined: m.joined,
            shares_subscribed: m.shares_subscribed,
            shares_paid: m.shares_paid,
            paid_in: m.paid_in,
        })
        .collect();
    let labels = match c.locale {
        Locale::En => RegisterLabels::english(),
        Locale::ZhCn => RegisterLabels::chinese(),
    };
    let today = c.locale.date(chrono::Utc::now().date_naive());
    let bytes = member_register_xlsx(&code, &organisation.currency, &today, &rows, &labels)
        .map_err(|e| PageError::from(artel_app::AppError::Failed(e.to_string())))?;
    Ok((
        [
            (header::CONTENT_TYPE, XLSX.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{code}-members.xlsx\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

pub async fn members(page: Page, Path(code): Path<String>) -> Result<Response, PageError> {
    let (nav, organisation) = BookNav::load(&page.artel, &code, "members").await?;
    let register = page.artel.members(&code).await?;
    let c = page.c;
    let scale = u32::from(organisation.currency.scale());
    let total = register
        .iter()
        .map(|m| m.paid_in.minor())
        .fold(0_i64, i64::saturating_add);
    let rows = register
        .into_iter()
        .map(|m| MemberRow {
            number: m.number,
            status: c.t(&format!("member-status-{}", m.status)),
            joined: c.locale.date(m.joined),
            subscribed: m.shares_subscribed,
            paid: m.shares_paid,
            paid_in: c.locale.amount(m.paid_in.minor(), scale),
            name: m.name,
            trade: m.trade,
        })
        .collect();
    Ok(MembersPage {
        paid_in_total: c.locale.amount(total, scale),
        c,
        nav,
        rows,
    }
    .into_response())
}
