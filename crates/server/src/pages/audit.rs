//! The audit trail of an organisation, for those whose roles let them audit it: who
//! changed what, when and from where, with the values before and after; oldest first, a
//! page at a time.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::book_nav::BookNav;
use super::{Chrome, Page, PageError};

/// Events on one page.
const PER_PAGE: u32 = 100;

struct EventRow {
    at: String,
    actor: String,
    address: String,
    action: String,
    detail: String,
    before: String,
    after: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "audit.html")]
struct AuditPage {
    c: Chrome,
    nav: BookNav,
    rows: Vec<EventRow>,
    next: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    after: Option<Uuid>,
}

/// The action in the reader's language (`entry.post` → "Entries posted"); an action
/// the catalogs do not name yet shows as recorded.
fn action_name(c: &Chrome, action: &str) -> String {
    let key = format!("audit-action-{}", action.replace('.', "-"));
    let name = c.t(&key);
    if name == key { action.to_owned() } else { name }
}

pub async fn audit(
    page: Page,
    Path(code): Path<String>,
    Query(query): Query<AuditQuery>,
) -> Result<Response, PageError> {
    let events = page.artel.audit_trail(&code, query.after, PER_PAGE).await?;
    let (nav, _) = BookNav::load(&page.artel, &code, "audit").await?;
    let c = page.c;
    let next = match events.last() {
        Some(last) if events.len() == PER_PAGE as usize => {
            Some(format!("/books/{code}/audit?after={}", last.event_id))
        }
        _ => None,
    };
    let rows = events
        .into_iter()
        .map(|event| EventRow {
            at: c.locale.date_time(event.at),
            actor: event.actor,
            address: event.address.unwrap_or_default(),
            action: action_name(&c, &event.action),
            detail: event.detail,
            before: event.before.unwrap_or_default(),
            after: event.after.unwrap_or_default(),
        })
        .collect();
    Ok(AuditPage { c, nav, rows, next }.into_response())
}
