//! A placeholder for an organisation's books: shows its name to callers with a role over
//! it, and the "no such page" error (404) to everyone else. The books' pages replace it.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};

use super::{Chrome, Page, PageError};

#[derive(Template, WebTemplate)]
#[template(path = "books.html")]
struct BooksPage {
    c: Chrome,
    name: String,
}

pub async fn book(page: Page, Path(code): Path<String>) -> Result<Response, PageError> {
    let organisation = page.artel.organisation(&code).await?;
    Ok(BooksPage {
        c: page.c,
        name: organisation.name,
    }
    .into_response())
}
