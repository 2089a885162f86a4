//! Browser sessions: sign in with a name, password and (where the account needs one) a
//! one-time code to get the `__Host-artel-session` cookie; sign out; list and end one's own
//! sessions; administrators list and end the sessions of users they administer.
//!
//! The cookie is `Secure; HttpOnly; SameSite=Lax; Path=/`, lives no longer than the session's
//! absolute lifetime, and holds a random token of which the server keeps only the SHA-256.
//! Ending a session ends it on the server: the cookie is worthless from then on.

use artel_app::{Artel, SESSION_IDLE, SESSION_LIFETIME, SessionRecord};
use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header::USER_AGENT};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use uuid::Uuid;

use crate::auth::{ClientAddress, CurrentSession, SESSION_COOKIE, Signed, session_cookie};
use crate::error::{ApiError, ErrorBody};

#[derive(Debug, Deserialize, ToSchema)]
pub struct SignInBody {
    pub name: String,
    pub password: String,
    /// The current six-digit code of the user's authenticator app; required for accounts
    /// with one-time codes, which every administrator has.
    #[serde(default)]
    pub totp: Option<String>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct SignedInBody {
    /// The new session's id (not its token, which is only in the cookie).
    pub session: Uuid,
    pub name: String,
    /// The session ends then at the latest.
    pub expires_at: DateTime<Utc>,
    /// The session also ends after this many minutes without a request.
    pub idle_minutes: i64,
}

/// A session as listed: never its token.
#[derive(Debug, Serialize, ToSchema)]
pub struct SessionBody {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: DateTime<Utc>,
    /// When it ends unless used before: the earlier of its idle and absolute ends.
    pub ends_at: DateTime<Utc>,
    /// Its absolute end, however busy.
    pub expires_at: DateTime<Utc>,
    /// Where it was signed in from.
    pub address: String,
    /// Where it was last used from.
    pub last_address: String,
    pub user_agent: String,
    /// Whether this request came with it.
    pub current: bool,
}

impl SessionBody {
    fn new(session: SessionRecord, current: Option<Uuid>) -> SessionBody {
        SessionBody {
            id: session.session_id,
            created_at: session.created_at,
            last_seen_at: session.last_seen_at,
            ends_at: (session.last_seen_at + SESSION_IDLE).min(session.expires_at),
            expires_at: session.expires_at,
            current: current == Some(session.session_id),
            address: session.address,
            last_address: session.last_address,
            user_agent: session.user_agent,
        }
    }
}

#[derive(Debug, Serialize, ToSchema)]
pub struct EndedBody {
    /// How many sessions were ended.
    pub ended: u64,
}

pub(crate) fn cookie(value: &str, max_age_seconds: i64) -> HeaderValue {
    let text = format!(
        "{SESSION_COOKIE}={value}; Path=/; Max-Age={max_age_seconds}; Secure; HttpOnly; SameSite=Lax"
    );
    HeaderValue::from_str(&text).unwrap_or_else(|_| HeaderValue::from_static(""))
}

/// A `Set-Cookie` that makes the browser forget the session cookie.
pub(crate) fn cleared_cookie() -> HeaderValue {
    cookie("", 0)
}

/// Signs in and sets the session cookie. Wrong names, passwords and codes, and disabled
/// accounts, are refused alike (401); repeated failures are throttled (429 with
/// `Retry-After`) per account and address, never locking out a user from an address of
/// their own.
#[utoipa::path(post, path = "/session", tag = "session", request_body = SignInBody,
    security(()),
    responses(
        (status = 201, body = SignedInBody, headers(("set-cookie" = String, description = "__Host-artel-session=…; Path=/; Secure; HttpOnly; SameSite=Lax"))),
        (status = 401, body = ErrorBody, description = "wrong name, password or code; or a code is needed"),
        (status = 403, body = ErrorBody, description = "an administrator without a one-time code set up"),
        (status = 422, body = ErrorBody),
        (status = 429, body = ErrorBody, description = "too many failed sign-ins")))]
pub async fn sign_in(
    State(artel): State<Artel>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    body: Result<Json<SignInBody>, JsonRejection>,
) -> Result<Response, ApiError> {
    let Json(body) = body?;
    let user_agent = headers
        .get(USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let signed_in = artel
        .sign_in(
            &body.name,
            &body.password,
            body.totp.as_deref(),
            &address,
            user_agent,
        )
        .await?;
    let answer = SignedInBody {
        session: signed_in.session_id,
        name: signed_in.caller.name().to_owned(),
        expires_at: signed_in.expires_at,
        idle_minutes: SESSION_IDLE.num_minutes(),
    };
    let mut response = (StatusCode::CREATED, Json(answer)).into_response();
    let headers = response.headers_mut();
    headers.insert(
        SET_COOKIE,
        cookie(&signed_in.session_token, SESSION_LIFETIME.num_seconds()),
    );
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

/// Signs out: ends the session of the cookie on the server and clears the cookie.
#[utoipa::path(delete, path = "/session", tag = "session",
    security(("session" = [])),
    responses((status = 204), (status = 401, body = ErrorBody)))]
pub async fn sign_out(
    State(artel): State<Artel>,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let token = session_cookie(&headers).ok_or_else(ApiError::unauthorized)?;
    if !artel.from_address(address).sign_out(token).await? {
        return Err(ApiError::unauthorized());
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    response.headers_mut().insert(SET_COOKIE, cleared_cookie());
    Ok(response)
}

/// The caller's live sessions (never their tokens).
#[utoipa::path(get, path = "/me/sessions", tag = "me",
    responses((status = 200, body = Vec<SessionBody>), (status = 401, body = ErrorBody)))]
pub async fn my_sessions(
    Signed(artel): Signed,
    current: Option<axum::Extension<CurrentSession>>,
) -> Result<Json<Vec<SessionBody>>, ApiError> {
    let current = current.map(|c| c.0.0);
    let sessions = artel.my_sessions().await?;
    Ok(Json(
        sessions
            .into_iter()
            .map(|s| SessionBody::new(s, current))
            .collect(),
    ))
}

/// Ends one of the caller's sessions; it stops working at once.
#[utoipa::path(delete, path = "/me/sessions/{id}", tag = "me",
    params(("id" = Uuid, Path, description = "The session's id")),
    responses((status = 204), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn end_my_session(
    Signed(artel): Signed,
    current: Option<axum::Extension<CurrentSession>>,
    id: Result<Path<Uuid>, PathRejection>,
) -> Result<Response, ApiError> {
    let Path(id) = id?;
    if !artel.end_my_session(id).await? {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "no such live session of yours",
        ));
    }
    let mut response = StatusCode::NO_CONTENT.into_response();
    if current.is_some_and(|c| c.0.0 == id) {
        response.headers_mut().insert(SET_COOKIE, cleared_cookie());
    }
    Ok(response)
}

/// The live sessions of a user, for an administrator over one of the user's organisations
/// or regions.
#[utoipa::path(get, path = "/users/{name}/sessions", tag = "users",
    params(("name" = String, Path, description = "The user's name")),
    responses((status = 200, body = Vec<SessionBody>), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn user_sessions(
    Signed(artel): Signed,
    name: Result<Path<String>, PathRejection>,
) -> Result<Json<Vec<SessionBody>>, ApiError> {
    let Path(name) = name?;
    let sessions = artel.sessions_of(&name).await?;
    Ok(Json(
        sessions
            .into_iter()
            .map(|s| SessionBody::new(s, None))
            .collect(),
    ))
}

/// Ends every session of a user, for an administrator over one of the user's
/// organisations or regions. The user's API tokens are not touched (disable the user to
/// stop those too).
#[utoipa::path(delete, path = "/users/{name}/sessions", tag = "users",
    params(("name" = String, Path, description = "The user's name")),
    responses((status = 200, body = EndedBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn end_user_sessions(
    Signed(artel): Signed,
    name: Result<Path<String>, PathRejection>,
) -> Result<Json<EndedBody>, ApiError> {
    let Path(name) = name?;
    let ended = artel.end_all_sessions_of(&name).await?;
    Ok(Json(EndedBody { ended }))
}

/// Ends one session of a user, for an administrator over one of the user's organisations
/// or regions.
#[utoipa::path(delete, path = "/users/{name}/sessions/{id}", tag = "users",
    params(("name" = String, Path, description = "The user's name"),
        ("id" = Uuid, Path, description = "The session's id")),
    responses((status = 204), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn end_user_session(
    Signed(artel): Signed,
    path: Result<Path<(String, Uuid)>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    let Path((name, id)) = path?;
    if artel.end_session_of(&name, id).await? {
        Ok(StatusCode::NO_CONTENT)
    } else {
        Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "no such live session of that user",
        ))
    }
}
