//! Who is calling: `Authorization: Bearer TOKEN` (from `artel token create`) or the session
//! cookie set at sign-in names a user, whose role grants travel with every use case the
//! request calls.
//!
//! A request with an `Authorization` header is judged by it alone; only a request without
//! one is judged by its session cookie. Cookie-authenticated requests that change anything
//! are protected from cross-site forgery by the CSRF layer (see `security`).
//!
//! The client's address is the peer address of the connection (the port left out). The
//! server does not read `X-Forwarded-For`: behind a proxy every client has the proxy's
//! address, which throttles sign-ins per proxy rather than per client.

use std::net::SocketAddr;

use artel_app::Artel;
use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::header::{AUTHORIZATION, COOKIE};
use axum::http::request::Parts;
use utoipa::Modify;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use uuid::Uuid;

use crate::error::ApiError;

/// The session cookie. `__Host-` makes browsers accept it only with `Secure`, `Path=/` and
/// no `Domain`, so no other host or plain-HTTP page can set or shadow it.
pub const SESSION_COOKIE: &str = "__Host-artel-session";

/// The application acting for the signed-in caller. A handler that takes it answers 401
/// to a request without a valid token or session.
pub struct Signed(pub Artel);

/// The session a cookie-authenticated request came with (absent for bearer tokens).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CurrentSession(pub Uuid);

impl FromRequestParts<Artel> for Signed {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, artel: &Artel) -> Result<Signed, ApiError> {
        let address = client_address(parts);
        if let Some(value) = parts.headers.get(AUTHORIZATION) {
            let token = value
                .to_str()
                .ok()
                .and_then(|value| value.strip_prefix("Bearer "))
                .map(str::trim)
                .ok_or_else(ApiError::unauthorized)?;
            let caller = artel
                .caller_for_token(token, chrono::Utc::now())
                .await?
                .ok_or_else(ApiError::unauthorized)?;
            return Ok(Signed(artel.acting_as(caller).from_address(address)));
        }
        let token = session_cookie(&parts.headers).ok_or_else(ApiError::unauthorized)?;
        let session = artel
            .caller_for_session(token, &address)
            .await?
            .ok_or_else(ApiError::unauthorized)?;
        parts.extensions.insert(CurrentSession(session.session_id));
        Ok(Signed(
            artel.acting_as(session.caller).from_address(address),
        ))
    }
}

/// The client's network address: the connection's peer, without its port; `unknown` when
/// the server was not started with connection information (tests calling the router).
pub fn client_address(parts: &Parts) -> String {
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_owned(), |info| info.0.ip().to_string())
}

/// The value of the session cookie, when the request carries one.
pub fn session_cookie(headers: &HeaderMap) -> Option<&str> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().strip_prefix(SESSION_COOKIE)?.strip_prefix('='))
        .find(|value| !value.is_empty())
}

/// The client's address, for handlers.
pub struct ClientAddress(pub String);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        _state: &S,
    ) -> Result<ClientAddress, Self::Rejection> {
        Ok(ClientAddress(client_address(parts)))
    }
}

/// Declares the bearer scheme and the session cookie in the OpenAPI document.
pub(crate) struct BearerSecurity;

impl Modify for BearerSecurity {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::new(SESSION_COOKIE))),
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn the_session_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            COOKIE,
            "a=1; __Host-artel-session=abc; b=2".parse().unwrap(),
        );
        assert_eq!(session_cookie(&headers), Some("abc"));
        let mut headers = HeaderMap::new();
        headers.insert(
            COOKIE,
            "artel-session=abc; __Host-artel-sessionx=1"
                .parse()
                .unwrap(),
        );
        assert_eq!(session_cookie(&headers), None);
    }
}
