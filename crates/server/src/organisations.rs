//! Organisations the caller has a role over.

use axum::Json;
use axum::extract::Path;
use axum::extract::rejection::PathRejection;

use crate::auth::Signed;
use crate::dto::OrganisationBody;
use crate::error::{ApiError, ErrorBody};

/// The organisations the caller has a role over, by code.
#[utoipa::path(get, path = "/organisations", tag = "organisations",
    responses((status = 200, body = Vec<OrganisationBody>), (status = 401, body = ErrorBody)))]
pub async fn list_organisations(
    Signed(artel): Signed,
) -> Result<Json<Vec<OrganisationBody>>, ApiError> {
    Ok(Json(
        artel
            .organisations()
            .await?
            .into_iter()
            .map(OrganisationBody::from)
            .collect(),
    ))
}

/// One organisation.
#[utoipa::path(get, path = "/organisations/{code}", tag = "organisations",
    params(("code" = String, Path, description = "The organisation's code")),
    responses((status = 200, body = OrganisationBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_organisation(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
) -> Result<Json<OrganisationBody>, ApiError> {
    let Path(code) = code?;
    Ok(Json(artel.organisation(&code).await?.into()))
}
