//! One member's page: where they stand, their history — each event with the resolution that
//! decided it and the entry that posted it — their share-capital ledger, and the form a
//! director changes their standing with (suspension, a withdrawal request and its
//! settlement, …), refused next to its fields when their standing or the charter does not
//! allow it.

use artel_app::{MemberAction, MemberEvent, MemberHistory, PAY_SHARES, StoredMember};
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::book_nav::BookNav;
use super::form::{positive_amount, refusal, required_date};
use super::{Chrome, FieldErrors, Page, PageError};

pub(super) struct EventRow {
    pub(super) date: String,
    pub(super) event: String,
    pub(super) note: String,
    pub(super) motion: Option<u64>,
    pub(super) entry: Option<u64>,
}

pub(super) struct MovementRow {
    pub(super) date: String,
    pub(super) shares: i64,
    pub(super) amount: String,
    pub(super) entry: u64,
}

/// What a member's page and a member's own page both show.
pub struct MemberRecord {
    pub(super) number: u64,
    pub(super) name: String,
    pub(super) trade: String,
    pub(super) joined: String,
    pub(super) status: String,
    pub(super) subscribed: u64,
    pub(super) paid: u64,
    pub(super) paid_in: String,
    pub(super) events: Vec<EventRow>,
    pub(super) movements: Vec<MovementRow>,
    /// Where the entries are, for those who may read the books (`/books/CODE/entries/`).
    pub(super) entries_href: Option<String>,
}

impl MemberRecord {
    pub fn new(
        c: &Chrome,
        member: StoredMember,
        history: MemberHistory,
        scale: u32,
        entries_href: Option<String>,
    ) -> MemberRecord {
        let events = history
            .events
            .into_iter()
            .map(|e| EventRow {
                date: c.locale.date(e.date),
                event: c.t(&format!("member-event-{}", e.event)),
                note: e.note,
                motion: e.motion,
                entry: e.sequence,
            })
            .collect();
        let movements = history
            .movements
            .into_iter()
            .map(|m| MovementRow {
                date: c.locale.date(m.date),
                shares: m.shares,
                amount: c.locale.amount(m.amount.minor(), scale),
                entry: m.sequence,
            })
            .collect();
        MemberRecord {
            number: member.number,
            name: member.name,
            trade: member.trade,
            joined: c.locale.date(member.joined),
            status: c.t(&format!("member-status-{}", member.status)),
            subscribed: member.shares_subscribed,
            paid: member.shares_paid,
            paid_in: c.locale.amount(member.paid_in.minor(), scale),
            events,
            movements,
            entries_href,
        }
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "member.html")]
struct MemberPage {
    c: Chrome,
    nav: BookNav,
    record: MemberRecord,
    form: ChangeForm,
    errors: FieldErrors,
    pay: PayForm,
    pay_errors: FieldErrors,
    /// The change just made, for the notice.
    changed: Option<String>,
    /// The events a director may choose from.
    choices: Vec<(&'static str, String)>,
}

/// The change form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct ChangeForm {
    event: String,
    date: String,
    note: String,
    debts: String,
}

/// The share payment form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct PayForm {
    shares: String,
    date: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct MemberQuery {
    changed: Option<String>,
}

pub async fn member(
    page: Page,
    Path((code, number)): Path<(String, u64)>,
    Query(query): Query<MemberQuery>,
) -> Result<Response, PageError> {
    let form = ChangeForm {
        date: chrono::Utc::now().date_naive().to_string(),
        ..ChangeForm::default()
    };
    let changed = query
        .changed
        .filter(|word| MemberEvent::parse(word).is_ok() || word == PAY_SHARES)
        .map(|event| page.c.t(&format!("member-event-{event}")));
    let mut shown = member_page(page, &code, number, form, FieldErrors::default(), changed).await?;
    shown.pay.date = shown.form.date.clone();
    Ok(shown.into_response())
}

async fn member_page(
    page: Page,
    code: &str,
    number: u64,
    form: ChangeForm,
    errors: FieldErrors,
    changed: Option<String>,
) -> Result<MemberPage, PageError> {
    let (nav, organisation) = BookNav::load(&page.artel, code, "members").await?;
    let (member, history) = page.artel.member(code, number).await?;
    let c = page.c;
    let scale = u32::from(organisation.currency.scale());
    let entries = Some(format!("/books/{code}/entries/"));
    let record = MemberRecord::new(&c, member, history, scale, entries);
    let choices = MemberEvent::ALL
        .iter()
        .map(|event| (event.as_str(), c.t(&format!("member-event-{event}"))))
        .collect();
    Ok(MemberPage {
        c,
        nav,
        record,
        form,
        errors,
        pay: PayForm::default(),
        pay_errors: FieldErrors::default(),
        changed,
        choices,
    })
}

/// Changes the member's standing and shows their page again; a refused change comes back
/// with its message next to the field.
pub async fn change(
    page: Page,
    Path((code, number)): Path<(String, u64)>,
    Form(form): Form<ChangeForm>,
) -> Result<Response, PageError> {
    let c = &page.c;
    let mut errors = FieldErrors::default();
    let event = MemberEvent::parse(&form.event).ok();
    if event.is_none() {
        errors.add("event", c.t("field-required"));
    }
    let date = required_date(c, &mut errors, "date", &form.date);
    let debts = if form.debts.trim().is_empty() {
        Some(artel_ledger::Money::ZERO)
    } else {
        let currency = page.artel.book(&code).await?.currency;
        match positive_amount(c, &currency, &form.debts) {
            Ok(amount) => Some(amount),
            Err(message) => {
                errors.add("debts", message);
                None
            }
        }
    };
    if let (Some(event), Some(date), Some(debts)) = (event, date, debts)
        && errors.is_empty()
    {
        let action = MemberAction {
            event,
            date,
            note: form.note.clone(),
            debts,
        };
        match page.artel.change_member(&code, number, &action).await {
            Ok(_) => {
                return Ok(Redirect::to(&format!(
                    "/books/{code}/members/{number}?changed={event}"
                ))
                .into_response());
            }
            Err(error) => {
                errors = refusal(
                    c,
                    error,
                    &[
                        ("event", "event", "member-change-refused"),
                        ("status", "event", "member-change-refused"),
                        ("date", "date", "member-change-date-refused"),
                        ("debts", "debts", "member-debts-refused"),
                    ],
                    "event",
                )?;
            }
        }
    }
    let shown = member_page(page, &code, number, form, errors, None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
}

/// Records a payment for more of the member's shares and shows their page again.
pub async fn pay(
    page: Page,
    Path((code, number)): Path<(String, u64)>,
    Form(form): Form<PayForm>,
) -> Result<Response, PageError> {
    let c = &page.c;
    let mut errors = FieldErrors::default();
    let shares = match form.shares.trim().parse::<u32>() {
        Ok(shares) if shares > 0 => Some(shares),
        _ => {
            errors.add("pay_shares", c.t("member-pay-shares-invalid"));
            None
        }
    };
    let date = required_date(c, &mut errors, "pay_date", &form.date);
    if let (Some(shares), Some(date)) = (shares, date) {
        match page.artel.pay_shares(&code, number, shares, date).await {
            Ok(_) => {
                return Ok(Redirect::to(&format!(
                    "/books/{code}/members/{number}?changed={PAY_SHARES}"
                ))
                .into_response());
            }
            Err(error) => {
                errors = refusal(
                    c,
                    error,
                    &[
                        ("shares", "pay_shares", "member-pay-refused"),
                        ("status", "pay_shares", "member-pay-refused"),
                        ("date", "pay_date", "member-change-date-refused"),
                    ],
                    "pay_shares",
                )?;
            }
        }
    }
    let blank = ChangeForm {
        date: form.date.clone(),
        ..ChangeForm::default()
    };
    let mut shown = member_page(page, &code, number, blank, FieldErrors::default(), None).await?;
    shown.pay = form;
    shown.pay_errors = errors;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
}
