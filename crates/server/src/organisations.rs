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

#[derive(Debug, serde::Serialize, utoipa::ToSchema)]
pub struct RegionBody {
    pub code: String,
    pub name: String,
    /// `province`, `district`, `county`, `city` or `subdistrict`.
    pub level: String,
    /// The codes from the root down: `/hubei/shashi/`.
    pub path: String,
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
pub struct NewRegionBody {
    pub code: String,
    pub name: String,
    /// The parent region's code; a top-level region is the operator's to add.
    pub parent: Option<String>,
    pub level: Option<String>,
}

#[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
pub struct NewOrganisationBody {
    pub code: String,
    /// `cooperative`, `team`, `supply-marketing`, `federation`, `association` or `government`.
    pub kind: String,
    pub name: String,
    /// The region's code; the caller must be an administrator over it.
    pub region: Option<String>,
    /// The code of the organisation it belongs to (a team's cooperative).
    pub parent: Option<String>,
    /// The book's currency; default `CNY`.
    pub currency: Option<String>,
    /// Decimal places of the currency; default 2.
    pub scale: Option<u8>,
    #[schema(value_type = Option<String>, format = Date)]
    pub founded: Option<chrono::NaiveDate>,
}

fn region_body(region: artel_app::Region) -> RegionBody {
    RegionBody {
        code: region.code,
        name: region.name,
        level: region.level,
        path: region.path,
    }
}

/// Every region, parents before their children.
#[utoipa::path(get, path = "/regions", tag = "organisations",
    responses((status = 200, body = Vec<RegionBody>), (status = 401, body = ErrorBody)))]
pub async fn list_regions(Signed(artel): Signed) -> Result<Json<Vec<RegionBody>>, ApiError> {
    Ok(Json(
        artel
            .regions()
            .await?
            .into_iter()
            .map(region_body)
            .collect(),
    ))
}

/// Adds a region under one the caller administers.
#[utoipa::path(post, path = "/regions", tag = "organisations",
    request_body = NewRegionBody,
    responses((status = 201, body = RegionBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_region(
    Signed(artel): Signed,
    body: Result<Json<NewRegionBody>, axum::extract::rejection::JsonRejection>,
) -> Result<(axum::http::StatusCode, Json<RegionBody>), ApiError> {
    let Json(body) = body?;
    let region = artel
        .add_region(
            &body.code,
            &body.name,
            body.parent.as_deref(),
            body.level.as_deref(),
        )
        .await?;
    Ok((axum::http::StatusCode::CREATED, Json(region_body(region))))
}

/// Adds an organisation, and opens its book, in a region the caller administers.
#[utoipa::path(post, path = "/organisations", tag = "organisations",
    request_body = NewOrganisationBody,
    responses((status = 201, body = OrganisationBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_organisation(
    Signed(artel): Signed,
    body: Result<Json<NewOrganisationBody>, axum::extract::rejection::JsonRejection>,
) -> Result<(axum::http::StatusCode, Json<OrganisationBody>), ApiError> {
    let Json(body) = body?;
    let request = artel_app::OrganisationRequest {
        code: body.code,
        kind: body.kind,
        name: body.name,
        region: body.region,
        parent: body.parent,
        currency: body.currency.unwrap_or_else(|| "CNY".to_owned()),
        scale: body.scale.unwrap_or(2),
        founded: body.founded,
        status: None,
    };
    let organisation = artel.add_organisation(&request).await?;
    Ok((axum::http::StatusCode::CREATED, Json(organisation.into())))
}
