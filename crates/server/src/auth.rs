//! Who is calling: `Authorization: Bearer TOKEN` (from `artel token create`) names a user,
//! whose role grants travel with every use case the request calls.

use artel_app::Artel;
use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use utoipa::Modify;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};

use crate::error::ApiError;

/// The application acting for the signed-in caller. A handler that takes it answers 401
/// to a request without a valid token.
pub struct Signed(pub Artel);

impl FromRequestParts<Artel> for Signed {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, artel: &Artel) -> Result<Signed, ApiError> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or_else(ApiError::unauthorized)?;
        let caller = artel
            .caller_for_token(token)
            .await?
            .ok_or_else(ApiError::unauthorized)?;
        Ok(Signed(artel.acting_as(caller)))
    }
}

/// Declares the bearer scheme in the OpenAPI document.
pub(crate) struct BearerSecurity;

impl Modify for BearerSecurity {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}
