//! A member's own page: their standing, history and share capital in the cooperative, and
//! their year-end statements as PDFs — and nothing of the other members' or the books.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};

use super::member::MemberRecord;
use super::{Chrome, Page, PageError};

#[derive(Template, WebTemplate)]
#[template(path = "membership.html")]
struct MembershipPage {
    c: Chrome,
    organisation: String,
    code: String,
    record: MemberRecord,
    /// The years with a year-end statement to print.
    statement_years: Vec<i32>,
}

pub async fn membership(page: Page, Path(code): Path<String>) -> Result<Response, PageError> {
    let organisation = page.artel.organisation(&code).await?;
    let (member, history) = page.artel.my_membership(&code).await?;
    let scale = u32::from(organisation.currency.scale());
    let record = MemberRecord::new(&page.c, member, history, scale, None);
    let statement_years = page.artel.my_statement_years(&code).await?;
    Ok(MembershipPage {
        c: page.c,
        organisation: organisation.name,
        code,
        record,
        statement_years,
    }
    .into_response())
}
