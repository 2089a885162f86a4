//! The home page: the regions whose statistics the caller reads, and the organisations
//! the caller can see, each linking to its books.

use askama::Template;
use askama_web::WebTemplate;
use axum::response::{IntoResponse, Response};

use super::{Chrome, Page, PageError};

struct OrganisationRow {
    code: String,
    name: String,
    /// The caller may read its books.
    books: bool,
    /// The caller is in its member register.
    member: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "home.html")]
struct HomePage {
    c: Chrome,
    /// The regions whose statistics the caller reads: code and name.
    regions: Vec<(String, String)>,
    organisations: Vec<OrganisationRow>,
    /// The campaigns the caller may read, by code and title, and whether to offer the
    /// campaigns and exhibitions at all (to those with a role over a region).
    campaigns: Vec<(String, String)>,
    show_campaigns: bool,
}

pub async fn home(page: Page) -> Result<Response, PageError> {
    let mut organisations = Vec::new();
    let memberships = page.artel.my_memberships().await?;
    for o in page.artel.organisations().await? {
        let books = page.artel.may(&o, artel_app::Action::ReadBooks);
        let member = memberships.contains(&o.org_id);
        organisations.push(OrganisationRow {
            code: o.code,
            name: o.name,
            books,
            member,
        });
    }
    let regions = page
        .artel
        .statistics_regions()
        .await?
        .into_iter()
        .map(|region| (region.code, region.name))
        .collect();
    let campaigns: Vec<(String, String)> = page
        .artel
        .campaigns()
        .await?
        .into_iter()
        .map(|k| (k.code, k.title))
        .collect();
    let show_campaigns =
        !campaigns.is_empty() || super::campaigns::has_a_region_role(page.artel.caller());
    Ok(HomePage {
        c: page.c,
        regions,
        organisations,
        campaigns,
        show_campaigns,
    }
    .into_response())
}
