//! A book's signed chain heads over HTTP, for a federation or an auditor to fetch and
//! keep: the same statement as `artel head sign`, signed with the server's key.

use axum::Json;
use axum::extract::Path;
use axum::extract::rejection::PathRejection;
use axum::http::StatusCode;

use crate::auth::Signed;
use crate::dto::SignedHeadBody;
use crate::error::{ApiError, ErrorBody};
use artel_app::AppError;

/// The book's chain heads (entries and audit trail), checked intact and signed now with
/// the server's key (`artel serve --signing-key`). 404 when the server has no key; 409
/// when a chain is broken (a broken chain is never signed).
#[utoipa::path(get, path = "/books/{code}/head", tag = "books",
    params(("code" = String, Path, description = "The organisation's code")),
    responses((status = 200, body = SignedHeadBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 409, body = ErrorBody)))]
pub async fn signed_head(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
) -> Result<Json<SignedHeadBody>, ApiError> {
    let Path(code) = code?;
    match artel.signed_head(&code).await {
        Ok(signed) => Ok(Json(SignedHeadBody::from(signed.document()))),
        Err(AppError::Failed(message)) => Err(ApiError::new(StatusCode::CONFLICT, message)),
        Err(error) => Err(error.into()),
    }
}
