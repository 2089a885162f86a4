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
    let api = request.uri().path().starts_with("/api/v1/");
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
    // The API's answers carry books and registers: no cache along the way keeps them.
    if api && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if tls {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(STRICT_TRANSPORT_SECURITY),
        );
    }
    response
}

/// A handler that panics is answered `500` in the API's error body, the panic logged; the
/// connection and the server go on.
pub fn catch_panics()
-> tower_http::catch_panic::CatchPanicLayer<fn(Box<dyn std::any::Any + Send>) -> Response> {
    tower_http::catch_panic::CatchPanicLayer::custom(answer_panic as fn(_) -> _)
}

fn answer_panic(cause: Box<dyn std::any::Any + Send>) -> Response {
    let what = cause
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| cause.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    tracing::error!(panic = %what, "a request panicked");
    ApiError::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "the request failed on the server; it has been logged",
    )
    .into_response()
}

/// Sends the server's log to stderr: warnings and errors (every `500` among them) unless
/// `ARTEL_LOG` asks for more (`info`, `artel_server=debug`).
pub fn log_to_stderr() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("ARTEL_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    // A second call (a test starting two servers) keeps the first.
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .try_init();
}

#[cfg(test)]
mod tests {
    use axum::Router;
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use axum::routing::get;
    use tower::ServiceExt;

    #[tokio::test]
    #[allow(clippy::panic, clippy::unwrap_used)]
    async fn a_panicking_handler_is_answered_500_and_the_server_goes_on() {
        async fn boom() -> &'static str {
            panic!("out of thread")
        }
        let app = Router::new()
            .route("/boom", get(boom))
            .route("/fine", get(|| async { "ok" }))
            .layer(super::catch_panics());
        let request = |path: &str| Request::get(path).body(Body::empty()).unwrap();
        let boom = app.clone().oneshot(request("/boom")).await.unwrap();
        assert_eq!(boom.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(boom.into_body(), 4096).await.unwrap();
        let body = String::from_utf8(body.to_vec()).unwrap();
        assert!(body.contains("has been logged"), "{body}");
        assert!(
            !body.contains("out of thread"),
            "the panic's text reached the client"
        );
        let fine = app.oneshot(request("/fine")).await.unwrap();
        assert_eq!(fine.status(), StatusCode::OK);
    }
}
