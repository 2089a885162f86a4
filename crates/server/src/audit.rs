//! The audit trail over HTTP, for those who may audit: an organisation's changes (JSON, or
//! CSV to export) and the installation's security events.

use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use uuid::Uuid;

use crate::auth::Signed;
use crate::error::{ApiError, ErrorBody};

/// Events per page when the client does not say.
const EVENTS_PER_PAGE_DEFAULT: u32 = 200;

#[derive(Debug, Deserialize, IntoParams)]
pub struct EventsQuery {
    /// Only events after this one (the previous page's last `id`).
    pub after: Option<Uuid>,
    /// Events per page, 1 to 1000; default 200.
    pub limit: Option<u32>,
    /// `json` (default) or `csv`.
    pub format: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct AuditEventBody {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub address: Option<String>,
    pub action: String,
    pub detail: String,
    pub before: Option<String>,
    pub after: Option<String>,
}

fn page(query: &EventsQuery) -> Result<(u32, bool), ApiError> {
    let limit = query.limit.unwrap_or(EVENTS_PER_PAGE_DEFAULT);
    if !(1..=artel_app::EVENTS_PER_PAGE_MAX).contains(&limit) {
        return Err(ApiError::field(
            "limit",
            format!("limit must be 1 to {}", artel_app::EVENTS_PER_PAGE_MAX),
        ));
    }
    match query.format.as_deref() {
        None | Some("json") => Ok((limit, false)),
        Some("csv") => Ok((limit, true)),
        Some(other) => Err(ApiError::field(
            "format",
            format!("'{other}' is not json or csv"),
        )),
    }
}

/// A CSV field, quoted when it holds a comma, quote or line break.
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn csv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Response {
    let mut text = header.join(",");
    text.push('\n');
    for row in rows {
        text.push_str(
            &row.iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        text.push('\n');
    }
    ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], text).into_response()
}

/// The organisation's audit trail, oldest first: who changed what, when, from where.
#[utoipa::path(get, path = "/books/{code}/audit", tag = "audit",
    params(("code" = String, Path, description = "The organisation's code"), EventsQuery),
    responses((status = 200, body = Vec<AuditEventBody>, description = "JSON, or CSV with format=csv"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn audit_trail(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    query: Result<Query<EventsQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let (Path(code), Query(query)) = (code?, query?);
    let (limit, as_csv) = page(&query)?;
    let events = artel.audit_trail(&code, query.after, limit).await?;
    let bodies = events.into_iter().map(|e| AuditEventBody {
        id: e.event_id,
        at: e.at,
        actor: e.actor,
        address: e.address,
        action: e.action,
        detail: e.detail,
        before: e.before,
        after: e.after,
    });
    if as_csv {
        let header = [
            "id", "at", "actor", "address", "action", "detail", "before", "after",
        ];
        return Ok(csv(
            &header,
            bodies.map(|e| {
                vec![
                    e.id.to_string(),
                    e.at.to_rfc3339(),
                    e.actor,
                    e.address.unwrap_or_default(),
                    e.action,
                    e.detail,
                    e.before.unwrap_or_default(),
                    e.after.unwrap_or_default(),
                ]
            }),
        ));
    }
    Ok(Json(bodies.collect::<Vec<_>>()).into_response())
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SecurityEventBody {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub address: Option<String>,
    pub action: String,
    pub detail: String,
}

/// Sign-ins, failed sign-ins and refused accesses, oldest first; for administrators over a region.
#[utoipa::path(get, path = "/security-events", tag = "audit",
    params(EventsQuery),
    responses((status = 200, body = Vec<SecurityEventBody>, description = "JSON, or CSV with format=csv"),
        (status = 401, body = ErrorBody), (status = 403, body = ErrorBody)))]
pub async fn security_events(
    Signed(artel): Signed,
    query: Result<Query<EventsQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Query(query) = query?;
    let (limit, as_csv) = page(&query)?;
    let events = artel.security_events(query.after, limit).await?;
    let bodies = events.into_iter().map(|e| SecurityEventBody {
        id: e.event_id,
        at: e.at,
        actor: e.actor,
        address: e.address,
        action: e.action,
        detail: e.detail,
    });
    if as_csv {
        let header = ["id", "at", "actor", "address", "action", "detail"];
        return Ok(csv(
            &header,
            bodies.map(|e| {
                vec![
                    e.id.to_string(),
                    e.at.to_rfc3339(),
                    e.actor,
                    e.address.unwrap_or_default(),
                    e.action,
                    e.detail,
                ]
            }),
        ));
    }
    Ok(Json(bodies.collect::<Vec<_>>()).into_response())
}
