//! The signed-in user's own pages: sign-in and sign-out, the language switch, their
//! sessions and their password.

use artel_app::{
    AppError, PASSWORD_LENGTH_MAX, PASSWORD_LENGTH_MIN, PasswordLength, SESSION_IDLE,
    SESSION_LIFETIME, SignInRefusal,
};
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, Query};
use axum::http::header::{SET_COOKIE, USER_AGENT};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::i18n::{Arg, LANGUAGE_COOKIE};
use super::{Chrome, FieldErrors, Page, PageError, Visitor, safe_next};
use crate::auth::{ClientAddress, session_cookie};
use crate::session::{cleared_cookie, cookie};

/// A year, for the language cookie.
const LANGUAGE_COOKIE_SECONDS: i64 = 365 * 24 * 60 * 60;

#[derive(Template, WebTemplate)]
#[template(path = "sign_in.html")]
struct SignInPage {
    c: Chrome,
    name: String,
    next: String,
    show_code: bool,
    message: Option<String>,
    errors: FieldErrors,
}

#[derive(Debug, Default, Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// The sign-in form; a visitor already signed in goes on to `next`.
pub async fn sign_in_form(visitor: Visitor, Query(query): Query<NextQuery>) -> Response {
    let next = safe_next(query.next.as_deref());
    if visitor.session.is_some() {
        return Redirect::to(&next).into_response();
    }
    SignInPage {
        c: visitor.c,
        name: String::new(),
        next,
        show_code: false,
        message: None,
        errors: FieldErrors::default(),
    }
    .into_response()
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SignInForm {
    name: String,
    password: String,
    totp: String,
    next: String,
}

/// Signs in: sets the session cookie and goes on to `next`; a refusal comes back with the
/// form, the name kept and the reason in the reader's language.
pub async fn sign_in(
    visitor: Visitor,
    ClientAddress(address): ClientAddress,
    headers: HeaderMap,
    Form(form): Form<SignInForm>,
) -> Result<Response, PageError> {
    let c = visitor.c;
    let next = safe_next(Some(&form.next));
    let name = form.name.trim().to_owned();
    let totp = form.totp.trim();
    let mut errors = FieldErrors::default();
    if name.is_empty() {
        errors.add("name", c.t("field-required"));
    }
    if form.password.is_empty() {
        errors.add("password", c.t("field-required"));
    }
    let mut message = None;
    let mut status = StatusCode::UNPROCESSABLE_ENTITY;
    if errors.is_empty() {
        let user_agent = headers
            .get(USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let totp_code = (!totp.is_empty()).then_some(totp);
        match visitor
            .artel
            .sign_in(&name, &form.password, totp_code, &address, user_agent)
            .await
        {
            Ok(signed_in) => {
                let mut response = Redirect::to(&next).into_response();
                response.headers_mut().insert(
                    SET_COOKIE,
                    cookie(&signed_in.session_token, SESSION_LIFETIME.num_seconds()),
                );
                return Ok(response);
            }
            Err(AppError::SignInRefused(refusal)) => match refusal {
                SignInRefusal::Credentials => {
                    status = StatusCode::UNAUTHORIZED;
                    message = Some(c.t("sign-in-refused"));
                }
                SignInRefusal::CodeRequired => {
                    status = StatusCode::UNAUTHORIZED;
                    errors.add("totp", c.t("sign-in-code-required"));
                }
                SignInRefusal::CodeSetupRequired => {
                    status = StatusCode::FORBIDDEN;
                    message = Some(c.t("sign-in-code-setup"));
                }
                SignInRefusal::Throttled {
                    retry_after_seconds,
                } => {
                    status = StatusCode::TOO_MANY_REQUESTS;
                    #[allow(clippy::cast_precision_loss)]
                    let minutes = retry_after_seconds.div_ceil(60).max(1) as f64;
                    message = Some(
                        c.locale
                            .t_with("sign-in-throttled", &[("minutes", Arg::Number(minutes))]),
                    );
                }
            },
            Err(other) => return Err(other.into()),
        }
    }
    let show_code = !totp.is_empty() || errors.get("totp").is_some();
    Ok((
        status,
        SignInPage {
            c,
            name,
            next,
            show_code,
            message,
            errors,
        },
    )
        .into_response())
}

/// Signs out: ends the session on the server, clears the cookie, back to the sign-in form.
pub async fn sign_out(visitor: Visitor, headers: HeaderMap) -> Result<Response, PageError> {
    if let Some(token) = session_cookie(&headers) {
        visitor.artel.sign_out(token).await?;
    }
    let mut response = Redirect::to("/sign-in").into_response();
    response.headers_mut().insert(SET_COOKIE, cleared_cookie());
    Ok(response)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LanguageForm {
    lang: String,
    next: String,
}

/// Switches the language: remembered for the signed-in user, and in a cookie for the
/// browser (so the sign-in page after a sign-out keeps it too).
pub async fn language(
    visitor: Visitor,
    Form(form): Form<LanguageForm>,
) -> Result<Response, PageError> {
    let Some(locale) = super::Locale::from_tag(&form.lang) else {
        return Err(PageError::bad_request());
    };
    if visitor.session.is_some() {
        visitor.artel.set_my_locale(locale.tag()).await?;
    }
    let mut response = Redirect::to(&safe_next(Some(&form.next))).into_response();
    let value = format!(
        "{LANGUAGE_COOKIE}={}; Path=/; Max-Age={LANGUAGE_COOKIE_SECONDS}; SameSite=Lax",
        locale.tag()
    );
    if let Ok(value) = HeaderValue::from_str(&value) {
        response.headers_mut().insert(SET_COOKIE, value);
    }
    Ok(response)
}

/// A session as listed, written for the reader.
struct SessionRow {
    id: Uuid,
    created: String,
    last_seen: String,
    ends: String,
    address: String,
    user_agent: String,
    current: bool,
    end_label: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "sessions.html")]
struct SessionsPage {
    c: Chrome,
    sessions: Vec<SessionRow>,
}

/// The user's live sessions, each with a button that ends it.
pub async fn sessions(page: Page) -> Result<Response, PageError> {
    let c = page.c;
    let unknown = c.t("sessions-address-unknown");
    let sessions = page
        .artel
        .my_sessions()
        .await?
        .into_iter()
        .map(|s| {
            let created = c.locale.date_time(s.created_at);
            let shown = |address: String| {
                if address.is_empty() || address == "unknown" {
                    unknown.clone()
                } else {
                    address
                }
            };
            SessionRow {
                id: s.session_id,
                end_label: c.t1("sessions-end-label", "when", &created),
                created,
                last_seen: c.locale.date_time(s.last_seen_at),
                ends: c
                    .locale
                    .date_time((s.last_seen_at + SESSION_IDLE).min(s.expires_at)),
                address: shown(s.last_address),
                user_agent: s.user_agent,
                current: s.session_id == page.session,
            }
        })
        .collect();
    Ok(SessionsPage { c, sessions }.into_response())
}

/// Ends one of the user's sessions; ending the current one signs out.
pub async fn end_session(
    page: Page,
    id: Result<Path<Uuid>, PathRejection>,
) -> Result<Response, PageError> {
    let Ok(Path(id)) = id else {
        return Err(PageError::not_found());
    };
    if !page.artel.end_my_session(id).await? {
        return Err(PageError::not_found());
    }
    if id == page.session {
        let mut response = Redirect::to("/sign-in").into_response();
        response.headers_mut().insert(SET_COOKIE, cleared_cookie());
        return Ok(response);
    }
    Ok(Redirect::to("/me/sessions").into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "password.html")]
struct PasswordPage {
    c: Chrome,
    min_length: i64,
    done: bool,
    errors: FieldErrors,
}

fn min_length() -> i64 {
    i64::try_from(PASSWORD_LENGTH_MIN).unwrap_or(i64::MAX)
}

/// The password form.
pub async fn password_form(page: Page) -> Response {
    PasswordPage {
        c: page.c,
        min_length: min_length(),
        done: false,
        errors: FieldErrors::default(),
    }
    .into_response()
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PasswordForm {
    current_password: String,
    new_password: String,
    new_password_again: String,
}

/// Changes the password and ends the user's other sessions. Passwords typed are never
/// sent back: a refused form comes back empty, with the messages at their fields.
pub async fn change_password(
    page: Page,
    Form(form): Form<PasswordForm>,
) -> Result<Response, PageError> {
    let c = page.c;
    let mut errors = FieldErrors::default();
    if form.current_password.is_empty() {
        errors.add("current_password", c.t("field-required"));
    }
    if let Err(problem) = PasswordLength::check(&form.new_password) {
        let message = match problem {
            PasswordLength::TooShort => c.tn("password-too-short", "min", min_length()),
            PasswordLength::TooLong => c.tn(
                "password-too-long",
                "max",
                i64::try_from(PASSWORD_LENGTH_MAX).unwrap_or(i64::MAX),
            ),
        };
        errors.add("new_password", message);
    } else if form.new_password != form.new_password_again {
        errors.add("new_password_again", c.t("password-mismatch"));
    }
    if errors.is_empty() {
        match page
            .artel
            .change_password(
                &form.current_password,
                &form.new_password,
                Some(page.session),
            )
            .await
        {
            Ok(_) => {
                return Ok(PasswordPage {
                    c,
                    min_length: min_length(),
                    done: true,
                    errors,
                }
                .into_response());
            }
            Err(AppError::Rejected(problems)) => {
                for problem in problems {
                    match problem.place.as_str() {
                        "current_password" => {
                            errors.add("current_password", c.t("password-wrong-current"));
                        }
                        "new_password" => errors.add(
                            "new_password",
                            c.tn("password-too-short", "min", min_length()),
                        ),
                        _ => return Err(PageError::bad_request()),
                    }
                }
            }
            Err(AppError::SignInRefused(SignInRefusal::Throttled {
                retry_after_seconds,
            })) => {
                #[allow(clippy::cast_precision_loss)]
                let minutes = retry_after_seconds.div_ceil(60).max(1) as f64;
                let message = c
                    .locale
                    .t_with("sign-in-throttled", &[("minutes", Arg::Number(minutes))]);
                errors.add("current_password", message);
                return Ok((
                    StatusCode::TOO_MANY_REQUESTS,
                    PasswordPage {
                        c,
                        min_length: min_length(),
                        done: false,
                        errors,
                    },
                )
                    .into_response());
            }
            Err(other) => return Err(other.into()),
        }
    }
    Ok((
        StatusCode::UNPROCESSABLE_ENTITY,
        PasswordPage {
            c,
            min_length: min_length(),
            done: false,
            errors,
        },
    )
        .into_response())
}
