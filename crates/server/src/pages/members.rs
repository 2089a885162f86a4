//! The member register: every member by number with their trade, the date they joined,
//! where they stand, and their share capital subscribed and paid in.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::Path;
use axum::response::{IntoResponse, Response};

use artel_app::MemberRequest;
use artel_reports_out::{RegisterLabels, RegisterRow, member_register_xlsx};
use axum::Form;
use axum::extract::Query;
use axum::http::{StatusCode, header};
use axum::response::Redirect;
use serde::Deserialize;

use super::book_nav::BookNav;
use super::form::{refusal, required_date};
use super::i18n::Locale;
use super::{Chrome, FieldErrors, Page, PageError, XLSX, encode};

struct MemberRow {
    number: u64,
    name: String,
    trade: String,
    joined: String,
    status: String,
    subscribed: u64,
    paid: u64,
    paid_in: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "members.html")]
struct MembersPage {
    c: Chrome,
    nav: BookNav,
    rows: Vec<MemberRow>,
    paid_in_total: String,
    form: AdmitForm,
    errors: FieldErrors,
    /// The member just admitted, for the notice.
    admitted: Option<String>,
    /// The applicant just recorded, for the notice.
    applied: Option<String>,
}

/// The admission form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AdmitForm {
    name: String,
    trade: String,
    joined: String,
    shares_subscribed: String,
    shares_paid: String,
    /// Checked: an application for the general assembly to decide.
    applicant: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct MembersQuery {
    admitted: Option<String>,
    applied: Option<String>,
}

/// The register as a workbook, headings and standings in the reader's language.
pub async fn register_xlsx(page: Page, Path(code): Path<String>) -> Result<Response, PageError> {
    let organisation = page.artel.book(&code).await?;
    let register = page.artel.members(&code).await?;
    let c = page.c;
    let rows: Vec<RegisterRow> = register
        .into_iter()
        .map(|m| RegisterRow {
            number: m.number,
            status: c.t(&format!("member-status-{}", m.status)),
            name: m.name,
            trade: m.trade,
            joined: m.joined,
            shares_subscribed: m.shares_subscribed,
            shares_paid: m.shares_paid,
            paid_in: m.paid_in,
        })
        .collect();
    let labels = match c.locale {
        Locale::En => RegisterLabels::english(),
        Locale::ZhCn => RegisterLabels::chinese(),
    };
    let today = c.locale.date(chrono::Utc::now().date_naive());
    let bytes = member_register_xlsx(&code, &organisation.currency, &today, &rows, &labels)
        .map_err(|e| PageError::from(artel_app::AppError::Failed(e.to_string())))?;
    Ok((
        [
            (header::CONTENT_TYPE, XLSX.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{code}-members.xlsx\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

pub async fn members(
    page: Page,
    Path(code): Path<String>,
    Query(query): Query<MembersQuery>,
) -> Result<Response, PageError> {
    let form = AdmitForm {
        joined: chrono::Utc::now().date_naive().to_string(),
        shares_subscribed: "1".into(),
        shares_paid: "0".into(),
        ..AdmitForm::default()
    };
    let notices = (query.admitted, query.applied);
    Ok(
        members_page(page, &code, form, FieldErrors::default(), notices)
            .await?
            .into_response(),
    )
}

async fn members_page(
    page: Page,
    code: &str,
    form: AdmitForm,
    errors: FieldErrors,
    (admitted, applied): (Option<String>, Option<String>),
) -> Result<MembersPage, PageError> {
    let (nav, organisation) = BookNav::load(&page.artel, code, "members").await?;
    let register = page.artel.members(code).await?;
    let c = page.c;
    let scale = u32::from(organisation.currency.scale());
    let total = register
        .iter()
        .map(|m| m.paid_in.minor())
        .fold(0_i64, i64::saturating_add);
    let rows = register
        .into_iter()
        .map(|m| MemberRow {
            number: m.number,
            status: c.t(&format!("member-status-{}", m.status)),
            joined: c.locale.date(m.joined),
            subscribed: m.shares_subscribed,
            paid: m.shares_paid,
            paid_in: c.locale.amount(m.paid_in.minor(), scale),
            name: m.name,
            trade: m.trade,
        })
        .collect();
    Ok(MembersPage {
        paid_in_total: c.locale.amount(total, scale),
        c,
        nav,
        rows,
        form,
        errors,
        admitted,
        applied,
    })
}

/// A count of shares typed into the form.
fn shares(c: &Chrome, errors: &mut FieldErrors, field: &'static str, text: &str) -> Option<u32> {
    match text.trim().parse() {
        Ok(count) => Some(count),
        Err(_) => {
            errors.add(field, c.t("members-shares-invalid"));
            None
        }
    }
}

/// Admits the member, posting their paid shares, and shows the register; a refused form
/// comes back with each message next to its field.
pub async fn admit(
    page: Page,
    Path(code): Path<String>,
    Form(form): Form<AdmitForm>,
) -> Result<Response, PageError> {
    let c = &page.c;
    let mut errors = FieldErrors::default();
    if form.name.trim().is_empty() {
        errors.add("name", c.t("field-required"));
    }
    let joined = required_date(c, &mut errors, "joined", &form.joined);
    let subscribed = shares(c, &mut errors, "shares_subscribed", &form.shares_subscribed);
    let paid = shares(c, &mut errors, "shares_paid", &form.shares_paid);
    if let (Some(joined), Some(subscribed), Some(paid)) = (joined, subscribed, paid)
        && errors.is_empty()
    {
        let request = MemberRequest {
            name: form.name.clone(),
            trade: form.trade.clone(),
            joined,
            shares_subscribed: subscribed,
            shares_paid: paid,
        };
        let applicant = form.applicant.is_some();
        let recorded = if applicant {
            page.artel.apply_member(&code, request).await
        } else {
            page.artel.admit_member(&code, request).await
        };
        match recorded {
            Ok(member) => {
                let notice = if applicant { "applied" } else { "admitted" };
                return Ok(Redirect::to(&format!(
                    "/books/{code}/members?{notice}={}",
                    encode(&member.name)
                ))
                .into_response());
            }
            Err(error) => {
                errors = refusal(
                    c,
                    error,
                    &[
                        ("name", "name", "field-required"),
                        (
                            "shares_subscribed",
                            "shares_subscribed",
                            "members-too-few-shares",
                        ),
                        ("shares_paid", "shares_paid", "members-paid-refused"),
                        ("event", "applicant", "members-by-resolution"),
                    ],
                    "name",
                )?;
            }
        }
    }
    let members_page = members_page(page, &code, form, errors, (None, None)).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, members_page).into_response())
}
