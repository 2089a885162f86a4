//! The home page: for now, the organisations the caller can see, each linking to its
//! books. (The dashboard will grow here.)

use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};

use super::{Chrome, Page, PageError};

struct OrganisationRow {
    code: String,
    name: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
struct HomePage {
    c: Chrome,
    organisations: Vec<OrganisationRow>,
}

pub async fn home(page: Page) -> Result<Response, PageError> {
    let organisations = page
        .artel
        .organisations()
        .await?
        .into_iter()
        .map(|o| OrganisationRow {
            code: o.code,
            name: o.name,
        })
        .collect();
    Ok(HomePage {
        c: page.c,
        organisations,
    }
    .into_response())
}
