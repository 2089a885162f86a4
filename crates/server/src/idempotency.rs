//! `Idempotency-Key` on every POST of the API. Journal entries and reversals keep their keys
//! in the books, in the posting's own transaction (exactly once). For every other POST this
//! layer keeps the first successful answer per client and key, and answers a retry with it
//! (header `Idempotent-Replayed: true`) without acting again; the same key with another
//! request is refused, naming the header.

use artel_app::{Artel, StoredAnswer};
use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, COOKIE};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::error::ApiError;

/// Largest answer kept for a replay; larger answers are not replayable.
const ANSWER_BYTES_MAX: usize = 1024 * 1024;
/// Largest request body read to fingerprint the request (the body limit layer bounds it too).
const REQUEST_BYTES_MAX: usize = 2 * 1024 * 1024;
/// Longest key accepted.
const KEY_BYTES_MAX: usize = 200;

/// Routes whose keys the books keep themselves.
fn keyed_by_the_books(path: &str) -> bool {
    path.starts_with("/api/v1/books/") && (path.ends_with("/entries") || path.ends_with("/reverse"))
}

pub async fn layer(State(artel): State<Artel>, request: Request, next: Next) -> Response {
    match replay_or_run(artel, request, next).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    }
}

async fn replay_or_run(artel: Artel, request: Request, next: Next) -> Result<Response, ApiError> {
    let path = request.uri().path().to_owned();
    let key = request.headers().get("idempotency-key").cloned();
    let (Some(key), true) = (
        key,
        request.method() == Method::POST
            && path.starts_with("/api/v1/")
            && !keyed_by_the_books(&path),
    ) else {
        return Ok(next.run(request).await);
    };
    let key = key
        .to_str()
        .ok()
        .map(str::trim)
        .filter(|k| !k.is_empty() && k.len() <= KEY_BYTES_MAX)
        .map(str::to_owned);
    let key = key.ok_or_else(|| {
        ApiError::field(
            "Idempotency-Key",
            format!("the key must be 1 to {KEY_BYTES_MAX} visible characters"),
        )
    })?;
    // A client is its credentials: one client's keys never meet another's. Without
    // credentials the request goes on, to be refused by the route.
    let credentials = request
        .headers()
        .get(AUTHORIZATION)
        .or_else(|| request.headers().get(COOKIE))
        .map(HeaderValue::as_bytes);
    let Some(credentials) = credentials else {
        return Ok(next.run(request).await);
    };
    let scope: [u8; 32] = Sha256::digest(credentials).into();
    let (parts, body) = request.into_parts();
    let body = to_bytes(body, REQUEST_BYTES_MAX)
        .await
        .map_err(|_| ApiError::field("body", "the request body is too large"))?;
    let mut fingerprint = Sha256::new();
    fingerprint.update(parts.method.as_str().as_bytes());
    fingerprint.update([0]);
    fingerprint.update(path.as_bytes());
    fingerprint.update([0]);
    fingerprint.update(&body);
    let request_hash: [u8; 32] = fingerprint.finalize().into();
    if let Some(stored) = artel.stored_answer(&scope, &key).await? {
        if stored.request_hash != request_hash {
            return Err(ApiError::field(
                "Idempotency-Key",
                "this key was used for another request",
            ));
        }
        let status = StatusCode::from_u16(stored.status).unwrap_or(StatusCode::OK);
        let content_type = HeaderValue::from_str(&stored.content_type)
            .unwrap_or(HeaderValue::from_static("application/json"));
        let mut response = (status, stored.body).into_response();
        response.headers_mut().insert(CONTENT_TYPE, content_type);
        response
            .headers_mut()
            .insert("idempotent-replayed", HeaderValue::from_static("true"));
        return Ok(response);
    }
    let response = next.run(Request::from_parts(parts, Body::from(body))).await;
    if !response.status().is_success() {
        return Ok(response);
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, ANSWER_BYTES_MAX).await else {
        return Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the answer was too large to keep for a retry",
        ));
    };
    let content_type = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("application/json")
        .to_owned();
    let answer = StoredAnswer {
        request_hash,
        status: parts.status.as_u16(),
        content_type,
        body: bytes.to_vec(),
    };
    artel.store_answer(&scope, &key, &answer).await?;
    Ok(Response::from_parts(parts, Body::from(bytes)))
}
