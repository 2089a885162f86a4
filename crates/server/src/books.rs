//! The books of one organisation over HTTP: accounts, entries (post, list, read, reverse),
//! periods (close, reopen with a reason) and `verify`.

use axum::Json;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{Path, Query};
use axum::http::{HeaderMap, StatusCode};

use crate::auth::Signed;
use crate::dto::{
    AccountBody, EntriesBody, EntriesQuery, EntryBody, NewEntryBody, PeriodBody, PostedBody,
    ReopenBody, ReverseBody, VerifyBody, hex,
};
use crate::error::{ApiError, ErrorBody};
use artel_app::{EntryFilter, NewPosting};

/// Entries per page when the client does not say.
const ENTRIES_PER_PAGE_DEFAULT: u32 = 100;
/// Longest Idempotency-Key accepted.
const IDEMPOTENCY_KEY_LENGTH_MAX: usize = 200;

/// The `Idempotency-Key` header, when the request has one.
fn idempotency_key(headers: &HeaderMap) -> Result<Option<String>, ApiError> {
    let Some(value) = headers.get("idempotency-key") else {
        return Ok(None);
    };
    let key = value
        .to_str()
        .map_err(|_| ApiError::field("Idempotency-Key", "the key must be visible ASCII"))?
        .trim();
    if key.is_empty() || key.len() > IDEMPOTENCY_KEY_LENGTH_MAX {
        return Err(ApiError::field(
            "Idempotency-Key",
            format!("the key must be 1 to {IDEMPOTENCY_KEY_LENGTH_MAX} characters"),
        ));
    }
    Ok(Some(key.to_owned()))
}

fn posted(outcome: artel_app::PostOutcome) -> (StatusCode, Json<PostedBody>) {
    let body = PostedBody {
        id: outcome.posted.entry_id,
        sequence: outcome.posted.sequence,
        hash: hex(&outcome.posted.hash),
        replayed: outcome.replayed,
    };
    (StatusCode::CREATED, Json(body))
}

/// The book's chart of accounts.
#[utoipa::path(get, path = "/books/{code}/accounts", tag = "books",
    params(("code" = String, Path, description = "The organisation's code")),
    responses((status = 200, body = Vec<AccountBody>), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_accounts(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
) -> Result<Json<Vec<AccountBody>>, ApiError> {
    let Path(code) = code?;
    Ok(Json(
        artel
            .accounts(&code)
            .await?
            .into_iter()
            .map(AccountBody::from)
            .collect(),
    ))
}

/// Adds an account to the chart.
#[utoipa::path(post, path = "/books/{code}/accounts", tag = "books",
    params(("code" = String, Path, description = "The organisation's code")),
    request_body = AccountBody,
    responses((status = 201, body = AccountBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn add_account(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    body: Result<Json<AccountBody>, JsonRejection>,
) -> Result<(StatusCode, Json<AccountBody>), ApiError> {
    let (Path(code), Json(body)) = (code?, body?);
    artel
        .add_account(
            &code,
            &body.name,
            body.account_type.as_deref(),
            &body.label_en,
            &body.label_zh,
            body.production_cost,
        )
        .await?;
    let added = artel
        .accounts(&code)
        .await?
        .into_iter()
        .find(|a| a.name.as_str() == body.name);
    let added = added.ok_or_else(|| {
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the account was not stored",
        )
    })?;
    Ok((StatusCode::CREATED, Json(added.into())))
}

/// Posts a journal entry. With an `Idempotency-Key`, the same key again returns the same
/// entry and posts nothing more.
#[utoipa::path(post, path = "/books/{code}/entries", tag = "books",
    params(("code" = String, Path, description = "The organisation's code"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe")),
    request_body = NewEntryBody,
    responses((status = 201, body = PostedBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody, description = "Unbalanced, unknown account, closed period")))]
pub async fn post_entry(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    headers: HeaderMap,
    body: Result<Json<NewEntryBody>, JsonRejection>,
) -> Result<(StatusCode, Json<PostedBody>), ApiError> {
    let (Path(code), Json(body)) = (code?, body?);
    let key = idempotency_key(&headers)?;
    let postings: Vec<NewPosting> = body
        .postings
        .into_iter()
        .map(|p| NewPosting {
            account: p.account,
            amount: p.amount,
        })
        .collect();
    let outcome = artel
        .post_entry(
            &code,
            body.date,
            &body.memo,
            body.source,
            &postings,
            key.as_deref(),
        )
        .await?;
    Ok(posted(outcome))
}

/// Lists the book's entries, filtered by date and paged by sequence number.
#[utoipa::path(get, path = "/books/{code}/entries", tag = "books",
    params(("code" = String, Path, description = "The organisation's code"), EntriesQuery),
    responses((status = 200, body = EntriesBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list_entries(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    query: Result<Query<EntriesQuery>, QueryRejection>,
) -> Result<Json<EntriesBody>, ApiError> {
    let (Path(code), Query(query)) = (code?, query?);
    let limit = query.limit.unwrap_or(ENTRIES_PER_PAGE_DEFAULT);
    if !(1..=artel_app::ENTRIES_PER_PAGE_MAX).contains(&limit) {
        return Err(ApiError::field(
            "limit",
            format!("limit must be 1 to {}", artel_app::ENTRIES_PER_PAGE_MAX),
        ));
    }
    let filter = EntryFilter {
        from: query.from,
        to: query.to,
        after: query.after,
        limit,
        newest_first: false,
    };
    let organisation = artel.organisation(&code).await?;
    let entries = artel.entries(&code, filter).await?;
    let next_after = (entries.len() == limit as usize)
        .then(|| entries.last().map(|e| e.sequence))
        .flatten();
    let entries = entries
        .into_iter()
        .map(|e| EntryBody::new(e, &organisation.currency))
        .collect();
    Ok(Json(EntriesBody {
        book: organisation.code,
        entries,
        next_after,
    }))
}

/// One entry with its postings.
#[utoipa::path(get, path = "/books/{code}/entries/{sequence}", tag = "books",
    params(("code" = String, Path, description = "The organisation's code"), ("sequence" = u64, Path, description = "The entry's number")),
    responses((status = 200, body = EntryBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_entry(
    Signed(artel): Signed,
    path: Result<Path<(String, u64)>, PathRejection>,
) -> Result<Json<EntryBody>, ApiError> {
    let Path((code, sequence)) = path?;
    let entry = artel.entry(&code, sequence).await?;
    let organisation = artel.organisation(&code).await?;
    Ok(Json(EntryBody::new(entry, &organisation.currency)))
}

/// Posts the reversal of an entry: history is never edited.
#[utoipa::path(post, path = "/books/{code}/entries/{sequence}/reverse", tag = "books",
    params(("code" = String, Path, description = "The organisation's code"), ("sequence" = u64, Path, description = "The entry to reverse"),
        ("Idempotency-Key" = Option<String>, Header, description = "Makes a retried request safe")),
    request_body = ReverseBody,
    responses((status = 201, body = PostedBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn reverse_entry(
    Signed(artel): Signed,
    path: Result<Path<(String, u64)>, PathRejection>,
    headers: HeaderMap,
    body: Result<Json<ReverseBody>, JsonRejection>,
) -> Result<(StatusCode, Json<PostedBody>), ApiError> {
    let (Path((code, sequence)), Json(body)) = (path?, body?);
    let key = idempotency_key(&headers)?;
    let date = body.date.unwrap_or_else(|| chrono::Utc::now().date_naive());
    let outcome = artel
        .reverse_entry(&code, sequence, date, body.memo.as_deref(), key.as_deref())
        .await?;
    Ok(posted(outcome))
}

/// Closes a month: no entry dated in it may be posted.
#[utoipa::path(post, path = "/books/{code}/periods/{period}/close", tag = "books",
    params(("code" = String, Path, description = "The organisation's code"), ("period" = String, Path, description = "YYYY-MM")),
    responses((status = 200, body = PeriodBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn close_period(
    Signed(artel): Signed,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<Json<PeriodBody>, ApiError> {
    let Path((code, period)) = path?;
    let changed = artel.close_period(&code, &period).await?;
    Ok(Json(PeriodBody {
        book: code,
        period,
        closed: true,
        changed,
    }))
}

/// Reopens a closed month; the reason is kept in the audit trail.
#[utoipa::path(post, path = "/books/{code}/periods/{period}/reopen", tag = "books",
    params(("code" = String, Path, description = "The organisation's code"), ("period" = String, Path, description = "YYYY-MM")),
    request_body = ReopenBody,
    responses((status = 200, body = PeriodBody), (status = 401, body = ErrorBody), (status = 403, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn reopen_period(
    Signed(artel): Signed,
    path: Result<Path<(String, String)>, PathRejection>,
    body: Result<Json<ReopenBody>, JsonRejection>,
) -> Result<Json<PeriodBody>, ApiError> {
    let (Path((code, period)), Json(body)) = (path?, body?);
    let changed = artel.reopen_period(&code, &period, &body.reason).await?;
    Ok(Json(PeriodBody {
        book: code,
        period,
        closed: false,
        changed,
    }))
}

/// Recomputes the book's hash chain and balances.
#[utoipa::path(get, path = "/books/{code}/verify", tag = "books",
    params(("code" = String, Path, description = "The organisation's code")),
    responses((status = 200, body = VerifyBody), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn verify(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
) -> Result<Json<VerifyBody>, ApiError> {
    let Path(code) = code?;
    let outcome = artel.verify(&code).await?;
    Ok(Json(VerifyBody {
        book: code,
        entries_checked: outcome.entries_checked,
        head: hex(&outcome.head),
        audit_events_checked: outcome.audit_events_checked,
        audit_head: hex(&outcome.audit_head),
        intact: outcome.problem.is_none(),
        problem: outcome.problem.map(|p| p.to_string()),
    }))
}

#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
pub struct ExportQuery {
    /// `ledger` (default; account names kept exactly) or `beancount`.
    pub format: Option<String>,
}

/// The whole book as a plain-text journal that hledger or bean-check reads back to the same
/// balances.
#[utoipa::path(get, path = "/books/{code}/export", tag = "books",
    params(("code" = String, Path, description = "The organisation's code"), ExportQuery),
    responses((status = 200, content_type = "text/plain", body = String), (status = 401, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn export(
    Signed(artel): Signed,
    code: Result<Path<String>, PathRejection>,
    query: Result<Query<ExportQuery>, QueryRejection>,
) -> Result<axum::response::Response, ApiError> {
    use axum::response::IntoResponse;
    let (Path(code), Query(query)) = (code?, query?);
    let format = match query.format.as_deref() {
        None | Some("ledger") => artel_app::JournalFormat::Ledger,
        Some("beancount") => artel_app::JournalFormat::Beancount,
        Some(other) => {
            return Err(ApiError::field(
                "format",
                format!("'{other}' is not ledger or beancount"),
            ));
        }
    };
    let mut text = Vec::new();
    artel_app::export_journal(&artel, &code, format, &mut text).await?;
    Ok((
        [(
            axum::http::header::CONTENT_TYPE,
            "text/plain; charset=utf-8",
        )],
        text,
    )
        .into_response())
}
