//! An organisation's profile: what it is and where it stands, its status history (a
//! team's upgrade among it), its memberships of other organisations and theirs of it, and
//! the bodies affiliated to it with their numbers of members.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};

use super::book_nav::BookNav;
use super::{Chrome, Page, PageError};

struct EventRow {
    date: String,
    event: String,
    kind: String,
    status: String,
    note: String,
}

struct MembershipRow {
    /// The other organisation's name.
    name: String,
    /// Whether the profile's organisation is the member (else the other one is).
    belongs: bool,
    since: String,
    until: Option<String>,
}

struct BodyRow {
    kind: String,
    name: String,
    founded: String,
    members: u64,
}

#[derive(Template, WebTemplate)]
#[template(path = "profile.html")]
struct ProfilePage {
    c: Chrome,
    nav: BookNav,
    kind: String,
    status: String,
    founded: String,
    events: Vec<EventRow>,
    memberships: Vec<MembershipRow>,
    bodies: Vec<BodyRow>,
}

pub async fn profile(page: Page, Path(code): Path<String>) -> Result<Response, PageError> {
    let (nav, organisation) = BookNav::load(&page.artel, &code, "profile").await?;
    let events = page.artel.org_history(&code).await?;
    let memberships = page.artel.memberships(&code).await?;
    let bodies = page.artel.bodies(&code).await?;
    let c = page.c;
    let founded = events
        .first()
        .map(|e| c.locale.date(e.date))
        .unwrap_or_default();
    let events = events
        .into_iter()
        .map(|e| EventRow {
            date: c.locale.date(e.date),
            event: c.t(&format!("org-event-{}", e.event)),
            kind: c.t(&format!("org-kind-{}", e.kind)),
            status: c.t(&format!("org-status-{}", e.status)),
            note: e.note,
        })
        .collect();
    let memberships = memberships
        .into_iter()
        .map(|m| {
            let belongs = m.org_id == organisation.org_id;
            MembershipRow {
                name: if belongs { m.parent_name } else { m.org_name },
                belongs,
                since: c.locale.date(m.since),
                until: m.until.map(|until| c.locale.date(until)),
            }
        })
        .collect();
    let bodies = bodies
        .into_iter()
        .map(|b| BodyRow {
            kind: c.t(&format!("body-kind-{}", b.kind)),
            name: b.name,
            founded: c.locale.date(b.founded),
            members: b.members,
        })
        .collect();
    Ok(ProfilePage {
        kind: c.t(&format!("org-kind-{}", organisation.kind)),
        status: c.t(&format!("org-status-{}", organisation.status)),
        c,
        nav,
        founded,
        events,
        memberships,
        bodies,
    }
    .into_response())
}
