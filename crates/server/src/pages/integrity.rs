//! The books' integrity: `verify` run on request — every entry's hash recomputed along
//! the chain and every stored monthly balance summed again — and what it found.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};

use super::book_nav::BookNav;
use super::{Chrome, Page, PageError};

#[derive(Template, WebTemplate)]
#[template(path = "integrity.html")]
struct IntegrityPage {
    c: Chrome,
    nav: BookNav,
    entries_checked: u64,
    head: String,
    /// What was found wrong first, as `verify` words it.
    problem: Option<String>,
}

pub async fn integrity(page: Page, Path(code): Path<String>) -> Result<Response, PageError> {
    let (nav, _) = BookNav::load(&page.artel, &code, "integrity").await?;
    let outcome = page.artel.verify(&code).await?;
    Ok(IntegrityPage {
        c: page.c,
        nav,
        entries_checked: outcome.entries_checked,
        head: crate::dto::hex(&outcome.head),
        problem: outcome.problem.map(|p| p.to_string()),
    }
    .into_response())
}
