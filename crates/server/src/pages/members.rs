//! The member register: every member by number with their trade, the date they joined,
//! where they stand, and their share capital subscribed and paid in.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};

use super::book_nav::BookNav;
use super::{Chrome, Page, PageError};

struct MemberRow {
    number: u64,
    name: String,
    trade: String,
    joined: String,
    status: String,
    subscribed: u64,
    paid: i64,
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
