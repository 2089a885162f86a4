//! The book's journal entries: the list, newest first, with its date filter, one entry with its
//! postings, and "reverse" — history is never edited; a mistake is undone by a reversing
//! entry that links back to it.

use artel_app::{EntryFilter, PostOutcome, StoredEntry};
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::book_nav::BookNav;
use super::form::{date_range, refusal, required_date};
use super::{Chrome, FieldErrors, Page, PageError, SidedRow};

/// Entries on one page of the list.
const PER_PAGE: u32 = 50;

/// The postings of an entry, each on its side, and the entry's total (its debits).
pub fn posting_rows(c: &Chrome, entry: &StoredEntry, scale: u32) -> (Vec<SidedRow>, String) {
    let total: i64 = entry
        .postings
        .iter()
        .map(|posting| posting.amount.minor().max(0))
        .fold(0, i64::saturating_add);
    let rows = entry
        .postings
        .iter()
        .map(|posting| {
            SidedRow::new(
                c,
                posting.account.to_string(),
                posting.amount.minor(),
                scale,
            )
        })
        .collect();
    (rows, c.locale.amount(total, scale))
}

struct ListRow {
    sequence: u64,
    date: String,
    memo: String,
    accounts: String,
    amount: String,
    reverses: Option<u64>,
}

#[derive(Template, WebTemplate)]
#[template(path = "entries.html")]
struct EntriesPage {
    c: Chrome,
    nav: BookNav,
    errors: FieldErrors,
    from: String,
    to: String,
    rows: Vec<ListRow>,
    /// The address of the next page, when there may be one.
    next: Option<String>,
}

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    from: Option<String>,
    to: Option<String>,
    after: Option<u64>,
}

pub async fn list(
    page: Page,
    Path(code): Path<String>,
    Query(query): Query<ListQuery>,
) -> Result<Response, PageError> {
    let (nav, organisation) = BookNav::load(&page.artel, &code, "entries").await?;
    let c = page.c;
    let mut errors = FieldErrors::default();
    let (from, to) = date_range(&c, &mut errors, query.from.as_deref(), query.to.as_deref());
    let entries = if errors.is_empty() {
        let filter = EntryFilter {
            from,
            to,
            after: query.after,
            limit: PER_PAGE,
            newest_first: true,
        };
        page.artel.entries(&code, filter).await?
    } else {
        Vec::new()
    };
    let scale = u32::from(organisation.currency.scale());
    let next = match entries.last() {
        Some(last) if entries.len() == PER_PAGE as usize => {
            let mut address = format!("/books/{code}/entries?after={}", last.sequence);
            for (name, value) in [("from", &query.from), ("to", &query.to)] {
                if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
                    address.push_str(&format!("&{name}={}", super::encode(value)));
                }
            }
            Some(address)
        }
        _ => None,
    };
    let rows = entries
        .iter()
        .map(|entry| {
            let mut accounts: Vec<String> = Vec::new();
            for posting in &entry.postings {
                let name = posting.account.to_string();
                if !accounts.contains(&name) {
                    accounts.push(name);
                }
            }
            ListRow {
                sequence: entry.sequence,
                date: c.locale.date(entry.date),
                memo: entry.memo.clone(),
                accounts: accounts.join(", "),
                amount: posting_rows(&c, entry, scale).1,
                reverses: entry.reverses,
            }
        })
        .collect();
    let status = if errors.is_empty() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    Ok((
        status,
        EntriesPage {
            nav,
            errors,
            from: query.from.unwrap_or_default(),
            to: query.to.unwrap_or_default(),
            rows,
            next,
            c,
        },
    )
        .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "entry.html")]
struct EntryPage {
    c: Chrome,
    nav: BookNav,
    sequence: u64,
    date: String,
    memo: String,
    source: String,
    reverses: Option<u64>,
    reversed_by: Option<u64>,
    rows: Vec<SidedRow>,
    total: String,
    hash: String,
    /// Just posted: the notice says so.
    posted: bool,
    /// The reverse form, when the caller may post and the entry is not reversed yet.
    reverse: Option<ReverseForm>,
    errors: FieldErrors,
}

#[derive(Debug, Clone, Deserialize)]
pub struct ReverseForm {
    date: String,
    #[serde(default)]
    memo: String,
    /// The idempotency key: the same reversal sent twice posts once.
    key: String,
}

#[derive(Debug, Deserialize)]
pub struct EntryQuery {
    #[serde(default)]
    posted: Option<String>,
}

/// After a post: to the entry's page, which says it was posted (303, so that reloading
/// it posts nothing).
pub fn show_posted(code: &str, outcome: &PostOutcome) -> Response {
    Redirect::to(&format!(
        "/books/{code}/entries/{}?posted=1",
        outcome.posted.sequence
    ))
    .into_response()
}

/// The entry number of a path, or "no such page".
fn sequence_of(text: &str) -> Result<u64, PageError> {
    text.parse().map_err(|_| PageError::not_found())
}

pub async fn show(
    page: Page,
    Path((code, sequence)): Path<(String, String)>,
    Query(query): Query<EntryQuery>,
) -> Result<Response, PageError> {
    let sequence = sequence_of(&sequence)?;
    let form = ReverseForm {
        date: chrono::Utc::now().date_naive().to_string(),
        memo: String::new(),
        key: Uuid::now_v7().to_string(),
    };
    let entry_page = entry_page(page, &code, sequence, form, FieldErrors::default()).await?;
    Ok(EntryPage {
        posted: query.posted.is_some(),
        ..entry_page
    }
    .into_response())
}

async fn entry_page(
    page: Page,
    code: &str,
    sequence: u64,
    form: ReverseForm,
    errors: FieldErrors,
) -> Result<EntryPage, PageError> {
    let (nav, organisation) = BookNav::load(&page.artel, code, "entries").await?;
    let entry = page.artel.entry(code, sequence).await?;
    let reversed_by = page.artel.reversal_of(code, sequence).await?;
    let c = page.c;
    let (rows, total) = posting_rows(&c, &entry, u32::from(organisation.currency.scale()));
    Ok(EntryPage {
        sequence,
        date: c.locale.date(entry.date),
        memo: entry.memo.clone(),
        source: entry.source.clone().unwrap_or_default(),
        reverses: entry.reverses,
        reversed_by,
        rows,
        total,
        hash: crate::dto::hex(&entry.hash),
        posted: false,
        // Kept after a refusal, so that its message shows next to the date.
        reverse: (nav.may_post && (reversed_by.is_none() || !errors.is_empty())).then_some(form),
        nav,
        errors,
        c,
    })
}

/// Posts the reversal and shows it; a refusal (a closed period, reversed already) comes
/// back on the entry's page next to the date.
pub async fn reverse(
    page: Page,
    Path((code, sequence)): Path<(String, String)>,
    Form(form): Form<ReverseForm>,
) -> Result<Response, PageError> {
    let sequence = sequence_of(&sequence)?;
    let mut errors = FieldErrors::default();
    let date = required_date(&page.c, &mut errors, "date", &form.date);
    if let Some(date) = date
        && errors.is_empty()
    {
        let memo = Some(form.memo.trim()).filter(|m| !m.is_empty());
        match page
            .artel
            .reverse_entry(&code, sequence, date, memo, Some(&form.key))
            .await
        {
            Ok(outcome) => return Ok(show_posted(&code, &outcome)),
            Err(error) => {
                errors = refusal(
                    &page.c,
                    error,
                    &[
                        ("date", "date", "entry-period-closed"),
                        ("SEQUENCE", "date", "entry-already-reversed"),
                        ("Idempotency-Key", "date", "form-resubmitted"),
                    ],
                    "date",
                )?;
            }
        }
    }
    let entry_page = entry_page(page, &code, sequence, form, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, entry_page).into_response())
}
