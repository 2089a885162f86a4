//! The web pages: server-rendered HTML (askama templates in `crates/server/templates/`)
//! over the same use cases as the JSON API, signed in with the session cookie, in English
//! and Simplified Chinese (Fluent catalogs in `crates/server/locales/`).
//!
//! # Adding a page
//!
//! 1. A template `templates/NAME.html` that starts with `{% extends "base.html" %}`, sets
//!    `{% block title %}` and fills `{% block content %}`; every word a user reads comes
//!    from `{{ c.t("key") }}` (or a message the handler translated), never from the
//!    template's own text.
//! 2. The keys in **both** `locales/en/main.ftl` and `locales/zh-CN/main.ftl` (a test
//!    fails when the key sets differ).
//! 3. A struct `#[derive(Template, WebTemplate)] #[template(path = "NAME.html")]` with a
//!    field `c: Chrome` (the layout's language, user and path) and the page's data, all
//!    formatted for the reader with `c.locale.date(..)`, `c.locale.amount(..)`.
//! 4. A handler taking [`Page`] (signed-in only: others are sent to `/sign-in?next=…`) or
//!    [`Visitor`] (anyone), returning `Result<impl IntoResponse, PageError>`: `?` on an
//!    [`AppError`] renders the error page in the reader's language (404 for an organisation
//!    the caller has no role over, showing none of it). Forms POST
//!    (`application/x-www-form-urlencoded`) and redirect with 303 after a change; a form
//!    with bad input comes back with status 422, the message next to each field
//!    ([`FieldErrors`]) and the input kept. No GET changes anything.
//! 5. The route in [`router`], and a test in `tests/it/pages/` that renders the page in
//!    both languages (`assert_translated` checks that the Chinese page has no English
//!    left).

mod account;
mod assets;
mod audit;
mod book_nav;
mod books;
mod campaign;
mod campaigns;
mod chart;
mod entries;
mod entry_form;
mod form;
mod home;
pub mod i18n;
mod integrity;
mod loans;
mod meetings;
mod member;
mod members;
mod membership;
mod periods;
mod production;
mod production_charts;
mod production_compare;
mod profile;
mod reports;
mod sales;
mod sales_charts;
mod statistics;
mod stock;
mod year;
mod year_end;

use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

use artel_app::{AppError, Artel};
use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{FromRequestParts, Request};
use axum::http::header::CACHE_CONTROL;
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::{Next, from_fn};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use uuid::Uuid;

use crate::auth::{client_address, session_cookie};
pub use i18n::{Arg, Locale};

/// Every page's route. Static files (`/static/…`) are served from the binary.
pub fn router() -> Router<Artel> {
    Router::new()
        .route("/", get(home::home))
        .route(
            "/sign-in",
            get(account::sign_in_form).post(account::sign_in),
        )
        .route("/sign-out", post(account::sign_out))
        .route("/language", post(account::language))
        .route("/me/sessions", get(account::sessions))
        .route("/me/sessions/{id}/end", post(account::end_session))
        .route(
            "/me/password",
            get(account::password_form).post(account::change_password),
        )
        .route("/campaigns", get(campaigns::campaigns))
        .route("/campaigns/{code}", get(campaign::campaign))
        .route("/campaigns/{code}/stages", post(campaign::record_stage))
        .route("/campaigns/{code}/findings", post(campaign::record_finding))
        .route("/campaigns/{code}/actions", post(campaign::record_action))
        .route(
            "/campaigns/{code}/actions/{number}/done",
            post(campaign::record_done),
        )
        .route("/campaigns/{code}/phase", post(campaign::record_phase))
        .route("/exhibitions", get(campaigns::exhibitions))
        .route("/books/{code}", get(books::book))
        .route("/membership/{code}", get(membership::membership))
        .route(
            "/membership/{code}/statements/{year}/pdf",
            get(year_end::my_statement_pdf),
        )
        .route(
            "/books/{code}/accounts",
            get(chart::chart).post(chart::add_account),
        )
        .route("/books/{code}/entries", get(entries::list))
        .route(
            "/books/{code}/entries/new",
            get(entry_form::new_entry).post(entry_form::post_entry),
        )
        .route("/books/{code}/entries/{sequence}", get(entries::show))
        .route(
            "/books/{code}/entries/{sequence}/reverse",
            post(entries::reverse),
        )
        .route(
            "/books/{code}/members",
            get(members::members).post(members::admit),
        )
        .route("/books/{code}/members.xlsx", get(members::register_xlsx))
        .route(
            "/books/{code}/members/{number}",
            get(member::member).post(member::change),
        )
        .route("/books/{code}/members/{number}/shares", post(member::pay))
        .route(
            "/books/{code}/meetings",
            get(meetings::meetings).post(meetings::add_meeting),
        )
        .route("/books/{code}/meetings/{number}", get(meetings::meeting))
        .route(
            "/books/{code}/meetings/{number}/motions",
            post(meetings::put_motion),
        )
        .route("/books/{code}/charter", get(meetings::charter))
        .route(
            "/books/{code}/production",
            get(production::production).post(production::record),
        )
        .route("/books/{code}/stock", get(stock::stock).post(stock::record))
        .route(
            "/books/{code}/sales",
            get(sales::sales).post(sales::record_sale),
        )
        .route("/books/{code}/sales/payments", post(sales::record_payment))
        .route("/books/{code}/loans", get(loans::loans).post(loans::add))
        .route("/books/{code}/loans/{number}/repay", post(loans::repay))
        .route("/books/{code}/year-end", get(year_end::year_end))
        .route("/books/{code}/year-end/{year}/close", post(year_end::close))
        .route(
            "/books/{code}/year-end/{year}/reopen",
            post(year_end::reopen),
        )
        .route(
            "/books/{code}/year-end/{year}/distribute",
            post(year_end::distribute),
        )
        .route(
            "/books/{code}/year-end/{year}/labour",
            post(year_end::record_labour),
        )
        .route(
            "/books/{code}/year-end/{year}/statements.xlsx",
            get(year_end::statements_xlsx_download),
        )
        .route(
            "/books/{code}/year-end/{year}/statements/{member}/pdf",
            get(year_end::statement_pdf),
        )
        .route("/books/{code}/periods", get(periods::periods))
        .route("/books/{code}/periods/{period}/close", post(periods::close))
        .route(
            "/books/{code}/periods/{period}/reopen",
            post(periods::reopen),
        )
        .route("/books/{code}/trial-balance", get(reports::trial_balance))
        .route("/books/{code}/general-ledger", get(reports::general_ledger))
        .route("/books/{code}/balance-sheet", get(reports::balance_sheet))
        .route(
            "/books/{code}/income-statement",
            get(reports::income_statement),
        )
        .route("/books/{code}/download/{file}", get(reports::download))
        .route("/books/{code}/integrity", get(integrity::integrity))
        .route("/books/{code}/audit", get(audit::audit))
        .route("/books/{code}/profile", get(profile::profile))
        .route("/regions/{code}/statistics", get(statistics::statistics))
        .route(
            "/regions/{code}/statistics.xlsx",
            get(statistics::statistics_xlsx_download),
        )
        .route_layer(from_fn(page_layer))
        .merge(assets::router())
}

/// What the layout needs on every page: the reader's language, who is signed in, and the
/// page's own address (for the language switch to come back to).
#[derive(Debug, Clone)]
pub struct Chrome {
    pub locale: Locale,
    /// The signed-in user's name.
    pub user: Option<String>,
    /// The path and query of this page.
    pub path: String,
}

impl Chrome {
    /// The message `key` in the reader's language.
    pub fn t(&self, key: &str) -> String {
        self.locale.t(key)
    }

    /// The message `key` with one text argument.
    pub fn t1(&self, key: &str, name: &'static str, value: &str) -> String {
        self.locale
            .t_with(key, &[(name, Arg::Text(value.to_owned()))])
    }

    /// The message `key` with one number argument (a count or an entry's number).
    pub fn tn(&self, key: &str, name: &'static str, value: impl Count) -> String {
        self.locale
            .t_with(key, &[(name, Arg::Number(value.count()))])
    }

    /// `<html lang>`.
    pub fn lang(&self) -> &'static str {
        self.locale.tag()
    }

    /// The languages of the switch, other than the current one.
    pub fn other_locales(&self) -> Vec<Locale> {
        Locale::ALL
            .into_iter()
            .filter(|l| *l != self.locale)
            .collect()
    }

    /// The address of a static file, with its version so that it may be cached for long.
    pub fn asset(&self, name: &str) -> String {
        assets::url(name)
    }
}

/// A whole number a message may count with (and choose its plural form by).
pub trait Count {
    fn count(&self) -> f64;
}

macro_rules! count_for {
    ($($t:ty),*) => {$(
        impl Count for $t {
            #[allow(clippy::cast_precision_loss, clippy::cast_lossless)]
            fn count(&self) -> f64 {
                *self as f64
            }
        }
    )*};
}
count_for!(i64, u64, u32, usize);

impl<T: Count> Count for &T {
    fn count(&self) -> f64 {
        (**self).count()
    }
}

/// The messages of a form's refused fields, by field name, in the reader's language.
#[derive(Debug, Clone, Default)]
pub struct FieldErrors(BTreeMap<String, String>);

impl FieldErrors {
    /// Refuses `field` with `message`; the first message for a field is the one shown.
    pub fn add(&mut self, field: impl Into<String>, message: String) {
        self.0.entry(field.into()).or_insert(message);
    }

    /// The message at `field`, if it was refused.
    pub fn get(&self, field: &str) -> Option<&String> {
        self.0.get(field)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// An account's amount on its side, debit or credit, formatted for the reader (a zero
/// shows on neither side).
#[derive(Debug, Clone)]
pub struct SidedRow {
    pub account: String,
    pub debit: String,
    pub credit: String,
}

impl SidedRow {
    pub fn new(c: &Chrome, account: String, minor: i64, scale: u32) -> SidedRow {
        let shown = c.locale.amount(minor.saturating_abs(), scale);
        let (debit, credit) = match minor.signum() {
            1 => (shown, String::new()),
            -1 => (String::new(), shown),
            _ => (String::new(), String::new()),
        };
        SidedRow {
            account,
            debit,
            credit,
        }
    }
}

/// The media type of an XLSX workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// One option of a choice in a form.
#[derive(Debug, Clone)]
pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// Where the extractors leave the layout of the request, for the error page.
#[derive(Clone, Default)]
struct ChromeSlot(Arc<Mutex<Option<Chrome>>>);

impl ChromeSlot {
    fn put(parts: &Parts, chrome: &Chrome) {
        if let Some(slot) = parts.extensions.get::<ChromeSlot>()
            && let Ok(mut guard) = slot.0.lock()
        {
            *guard = Some(chrome.clone());
        }
    }

    fn take(&self) -> Option<Chrome> {
        self.0.lock().ok().and_then(|mut guard| guard.take())
    }
}

/// The path and query of the request.
fn path_of(parts_uri: &axum::http::Uri) -> String {
    parts_uri
        .path_and_query()
        .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned())
}

/// Renders a [`PageError`] as the error page in the reader's language, and keeps pages out
/// of shared caches.
async fn page_layer(mut request: Request, next: Next) -> Response {
    let slot = ChromeSlot::default();
    request.extensions_mut().insert(slot.clone());
    let fallback = Chrome {
        locale: Locale::from_headers(request.headers()),
        user: None,
        path: path_of(request.uri()),
    };
    let mut response = next.run(request).await;
    if let Some(marker) = response.extensions().get::<PageErrorMarker>().copied() {
        let c = slot.take().unwrap_or(fallback);
        let message = c.t(marker.key);
        let status = response.status();
        response = (status, ErrorPage { c, message }).into_response();
    }
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

#[derive(Template, WebTemplate)]
#[template(path = "error.html")]
struct ErrorPage {
    c: Chrome,
    message: String,
}

/// A page that could not be shown; rendered as the error page in the reader's language.
#[derive(Debug, Clone, Copy)]
pub struct PageError {
    status: StatusCode,
    key: &'static str,
}

#[derive(Debug, Clone, Copy)]
struct PageErrorMarker {
    key: &'static str,
}

impl PageError {
    pub fn not_found() -> PageError {
        PageError {
            status: StatusCode::NOT_FOUND,
            key: "error-not-found",
        }
    }

    pub fn bad_request() -> PageError {
        PageError {
            status: StatusCode::BAD_REQUEST,
            key: "error-bad-request",
        }
    }
}

impl From<AppError> for PageError {
    fn from(error: AppError) -> PageError {
        match error {
            AppError::NotFound { .. } => PageError::not_found(),
            AppError::Forbidden(_) => PageError {
                status: StatusCode::FORBIDDEN,
                key: "error-forbidden",
            },
            AppError::Rejected(_) => PageError::bad_request(),
            other => {
                tracing::error!(error = %other, "page failed");
                PageError {
                    status: StatusCode::INTERNAL_SERVER_ERROR,
                    key: "error-server",
                }
            }
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        response
            .extensions_mut()
            .insert(PageErrorMarker { key: self.key });
        response
    }
}

/// Anyone, signed in or not, with their language.
pub struct Visitor {
    /// The application, acting for the signed-in user when there is one.
    pub artel: Artel,
    pub session: Option<Uuid>,
    pub c: Chrome,
}

impl FromRequestParts<Artel> for Visitor {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, artel: &Artel) -> Result<Visitor, PageError> {
        let address = client_address(parts);
        let found = match session_cookie(&parts.headers) {
            Some(token) => artel.caller_for_session(token, &address).await?,
            None => None,
        };
        let mut c = Chrome {
            locale: Locale::from_headers(&parts.headers),
            user: None,
            path: path_of(&parts.uri),
        };
        let visitor = match found {
            Some(found) => {
                if let Some(saved) = found.locale.as_deref() {
                    c.locale = Locale::from_tag(saved).unwrap_or(c.locale);
                }
                let acting = artel.acting_as(found.caller).from_address(address);
                c.user = Some(acting.caller().name().to_owned());
                Visitor {
                    artel: acting,
                    session: Some(found.session_id),
                    c,
                }
            }
            None => Visitor {
                artel: artel.clone(),
                session: None,
                c,
            },
        };
        ChromeSlot::put(parts, &visitor.c);
        Ok(visitor)
    }
}

/// A signed-in user, with their language. A request without a live session is sent to
/// `/sign-in?next=…` (back to this page, when it was a GET).
pub struct Page {
    /// The application, acting for the signed-in user.
    pub artel: Artel,
    /// The session the request came with.
    pub session: Uuid,
    pub c: Chrome,
}

/// Why a [`Page`] could not be had.
pub enum PageRejection {
    SignIn(String),
    Failed(PageError),
}

impl IntoResponse for PageRejection {
    fn into_response(self) -> Response {
        match self {
            PageRejection::SignIn(next) => {
                Redirect::to(&format!("/sign-in?next={}", encode(&next))).into_response()
            }
            PageRejection::Failed(error) => error.into_response(),
        }
    }
}

impl FromRequestParts<Artel> for Page {
    type Rejection = PageRejection;

    async fn from_request_parts(parts: &mut Parts, artel: &Artel) -> Result<Page, PageRejection> {
        let visitor = Visitor::from_request_parts(parts, artel)
            .await
            .map_err(PageRejection::Failed)?;
        match visitor.session {
            Some(session) => Ok(Page {
                artel: visitor.artel,
                session,
                c: visitor.c,
            }),
            None => Err(PageRejection::SignIn(if parts.method == Method::GET {
                visitor.c.path
            } else {
                "/".to_owned()
            })),
        }
    }
}

/// `next` when it is a path on this site, else `/`: never another site (`//evil`,
/// `https://…`, `/\evil`), so that a link cannot send a user who signs in elsewhere.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(next)
            if next.starts_with('/')
                && !next.starts_with("//")
                && !next.contains('\\')
                && !next.chars().any(char::is_control)
                && next.len() <= 2000 =>
        {
            next.to_owned()
        }
        _ => "/".to_owned(),
    }
}

/// Percent-encodes `text` for a query value.
pub fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-_.~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_same_site_paths_are_followed_after_sign_in() {
        assert_eq!(safe_next(Some("/me/sessions?x=1")), "/me/sessions?x=1");
        for bad in [
            "//evil.example/",
            "https://evil.example/",
            "/\\evil.example",
            "evil",
            "/a\nb",
            "",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/");
        assert_eq!(encode("/me/sessions?x=1&y"), "/me/sessions%3Fx%3D1%26y");
    }
}
