//! What every response and every state-changing request passes through: protection from
//! cross-site request forgery, and the security headers.
//!
//! **CSRF.** tower-http's [`CsrfLayer`] refuses (403) a request with an unsafe method (POST,
//! PUT, PATCH, DELETE) that a browser marks as coming from another site: `Sec-Fetch-Site`
//! other than `same-origin` or `none`, or, from browsers that do not send it, an `Origin`
//! whose host is not the request's. Requests without either header (command-line clients,
//! scripts) are not from a browser and pass. The layer applies to every request, which is
//! what matters for the session cookie (a browser attaches it to cross-site requests);
//! requests with a bearer token lose nothing by it, as no cross-site page may send an
//! `Authorization` header to this server anyway (it answers no CORS preflight). Sign-in is
//! covered too, so no other site can sign a browser in to an account of its choosing. No
//! GET, HEAD or OPTIONS changes anything on this server, so they need no check.
//!
//! **Headers.** `Content-Security-Policy` allows only this origin's scripts, styles and
//! requests, no framing, no `<base>`, forms only to this origin; the API explorer (Swagger
//! UI) also gets inline styles and `data:` images, which it needs. `X-Content-Type-Options:
//! nosniff`, `X-Frame-Options: DENY` and `Referrer-Policy: same-origin` go on everything.
//! `Strict-Transport-Security` is sent only on a request that came over TLS (its URI says
//! `https`): the server itself speaks plain HTTP, where the header means nothing and a
//! browser ignores it; a TLS-terminating proxy in front should add it.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use tower_http::csrf::{CsrfLayer, ProtectionError};

use crate::error::ApiError;

/// The policy of every page and answer but the explorer.
pub const CONTENT_SECURITY_POLICY: &str =
    "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
/// The explorer's: Swagger UI sets inline styles and draws some icons from `data:` URLs.
const EXPLORER_CONTENT_SECURITY_POLICY: &str = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
/// Two years, subdomains included.
const STRICT_TRANSPORT_SECURITY: &str = "max-age=63072000; includeSubDomains";
/// Where the explorer is served.
const EXPLORER_PATH: &str = "/api/explorer";

fn refuse_cross_site(_: ProtectionError) -> Response<Body> {
    ApiError::new(
        StatusCode::FORBIDDEN,
        "cross-site requests that change anything are refused",
    )
    .into_response()
}

/// The CSRF layer: unsafe cross-site requests from browsers get 403.
pub fn csrf() -> CsrfLayer<fn(ProtectionError) -> Response<Body>> {
    CsrfLayer::new()
        .with_rejection_response(refuse_cross_site as fn(ProtectionError) -> Response<Body>)
}

/// Adds the security headers to every response.
pub async fn headers(request: Request, next: Next) -> Response {
    let explorer = request.uri().path().starts_with(EXPLORER_PATH);
    let tls = request.uri().scheme() == Some(&axum::http::uri::Scheme::HTTPS);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(if explorer {
            EXPLORER_CONTENT_SECURITY_POLICY
        } else {
            CONTENT_SECURITY_POLICY
        }),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    if tls {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(STRICT_TRANSPORT_SECURITY),
        );
    }
    response
}
