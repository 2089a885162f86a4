//! The caller's own API tokens: list and revoke.

use axum::Json;
use axum::extract::Path;
use axum::extract::rejection::PathRejection;
use axum::http::StatusCode;
use uuid::Uuid;

use crate::auth::Signed;
use crate::dto::TokenBody;
use crate::error::{ApiError, ErrorBody};

/// The caller's API tokens (never the tokens themselves).
#[utoipa::path(get, path = "/me/tokens", tag = "me",
    responses((status = 200, body = Vec<TokenBody>), (status = 401, body = ErrorBody)))]
pub async fn my_tokens(Signed(artel): Signed) -> Result<Json<Vec<TokenBody>>, ApiError> {
    let tokens = artel.my_tokens().await?;
    Ok(Json(
        tokens
            .into_iter()
            .map(|t| TokenBody {
                id: t.token_id,
                name: t.name,
                revoked: t.revoked,
                expires_at: t.expires_at,
            })
            .collect(),
    ))
}

/// Revokes one of the caller's tokens; it stops working at once.
#[utoipa::path(delete, path = "/me/tokens/{id}", tag = "me",
    params(("id" = Uuid, Path, description = "The token's id")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn revoke_token(
    Signed(artel): Signed,
    id: Result<Path<Uuid>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    let Path(id) = id?;
    if artel.revoke_my_token(id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "no such live token of yours",
        ))
    }
}
