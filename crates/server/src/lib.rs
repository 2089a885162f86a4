//! Artel's HTTP server: the JSON API under `/api/v1`, its OpenAPI document at
//! `/api/openapi.json` with an explorer at `/api/explorer`, and `/healthz`.
//!
//! Every API route is added the same way: a handler annotated with `#[utoipa::path]` and
//! listed in one `routes!` of [`api_router`], so the OpenAPI document always lists every
//! route. Handlers take a [`auth::Signed`] caller and call the use cases of `artel-app`,
//! which check the caller's roles against the one permission table.

mod audit;
pub mod auth;
mod books;
mod campaigns;
mod decisions;
mod dto;
mod error;
mod forwarded;
mod heads;
mod history;
mod idempotency;
mod limits;
mod loans;
mod me;
mod members;
mod organisations;
pub mod pages;
mod production;
mod receivables;
mod reports;
mod sales;
mod security;
mod session;
mod statistics;
mod stock;
mod year_end;

use std::net::SocketAddr;
use std::time::Duration;

use artel_app::Artel;
use axum::Router;
use axum::http::StatusCode;
use axum::routing::get;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use utoipa_swagger_ui::SwaggerUi;

pub use error::ApiError;
pub use limits::RateLimit;
pub use security::log_to_stderr;

use auth::BearerSecurity;

/// Largest request body accepted: a journal entry with many postings fits easily.
const REQUEST_BODY_BYTES_MAX: usize = 2 * 1024 * 1024;
/// A request that takes longer is answered with 503 rather than held open.
const REQUEST_SECONDS_MAX: u64 = 60;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Artel API",
        description = "Books and records of producer cooperatives. Amounts are exact decimal strings.",
        license(name = "AGPL-3.0-or-later")
    ),
    components(schemas(error::ErrorBody, error::ProblemBody)),
    modifiers(&BearerSecurity),
    security(("bearer" = []))
)]
struct ApiDoc;

/// The API routes with their OpenAPI description.
pub fn api_router() -> OpenApiRouter<Artel> {
    OpenApiRouter::new()
        .routes(routes!(
            organisations::list_organisations,
            organisations::add_organisation
        ))
        .routes(routes!(organisations::get_organisation))
        .routes(routes!(members::list_members, members::add_member))
        .routes(routes!(members::get_member))
        .routes(routes!(members::my_membership))
        .routes(routes!(members::change_member))
        .routes(routes!(members::pay_shares))
        .routes(routes!(decisions::list_meetings, decisions::add_meeting))
        .routes(routes!(decisions::get_meeting))
        .routes(routes!(decisions::put_motion))
        .routes(routes!(decisions::get_charter))
        .routes(routes!(decisions::committees))
        .routes(routes!(decisions::indicators))
        .routes(routes!(
            production::record_production,
            production::list_production
        ))
        .routes(routes!(production::list_products))
        .routes(routes!(production::change_product))
        .routes(routes!(stock::on_hand))
        .routes(routes!(sales::list_contracts))
        .routes(routes!(sales::list_invoices, sales::record_invoice))
        .routes(routes!(sales::record_payment))
        .routes(routes!(sales::aging))
        .routes(routes!(receivables::contract_fulfilment))
        .routes(routes!(receivables::write_off))
        .routes(routes!(loans::list_loans, loans::add_loan))
        .routes(routes!(loans::get_loan))
        .routes(routes!(loans::repay_loan))
        .routes(routes!(year_end::get_year))
        .routes(routes!(year_end::close_year))
        .routes(routes!(year_end::reopen_year))
        .routes(routes!(year_end::preview_distribution))
        .routes(routes!(year_end::distribute))
        .routes(routes!(year_end::list_labour, year_end::record_labour))
        .routes(routes!(year_end::statements))
        .routes(routes!(year_end::rollup))
        .routes(routes!(year_end::list_distributions))
        .routes(routes!(stock::record_movement, stock::list_movements))
        .routes(routes!(campaigns::list_campaigns, campaigns::add_campaign))
        .routes(routes!(campaigns::get_campaign))
        .routes(routes!(campaigns::add_focus))
        .routes(routes!(campaigns::update_stage))
        .routes(routes!(campaigns::add_finding))
        .routes(routes!(campaigns::add_action))
        .routes(routes!(campaigns::action_done))
        .routes(routes!(campaigns::move_phase))
        .routes(routes!(campaigns::report))
        .routes(routes!(
            campaigns::list_exhibitions,
            campaigns::add_exhibition
        ))
        .routes(routes!(history::history))
        .routes(routes!(history::change_status))
        .routes(routes!(history::upgrade))
        .routes(routes!(history::list_bodies, history::add_body))
        .routes(routes!(history::affiliate_member))
        .routes(routes!(history::join_parent))
        .routes(routes!(history::leave_parent))
        .routes(routes!(history::region_counts))
        .routes(routes!(statistics::region_statistics))
        .routes(routes!(
            organisations::list_regions,
            organisations::add_region
        ))
        .routes(routes!(books::export))
        .routes(routes!(books::list_accounts, books::add_account))
        .routes(routes!(books::list_entries, books::post_entry))
        .routes(routes!(books::get_entry))
        .routes(routes!(books::reverse_entry))
        .routes(routes!(books::close_period))
        .routes(routes!(books::reopen_period))
        .routes(routes!(books::verify))
        .routes(routes!(heads::signed_head))
        .routes(routes!(reports::trial_balance))
        .routes(routes!(reports::dashboard))
        .routes(routes!(reports::general_ledger))
        .routes(routes!(reports::balance_sheet))
        .routes(routes!(reports::income_statement))
        .routes(routes!(audit::audit_trail))
        .routes(routes!(audit::security_events))
        .routes(routes!(me::my_tokens))
        .routes(routes!(me::revoke_token))
        .routes(routes!(session::sign_in, session::sign_out))
        .routes(routes!(session::my_sessions))
        .routes(routes!(session::end_my_session))
        .routes(routes!(session::user_sessions, session::end_user_sessions))
        .routes(routes!(session::end_user_session))
}

/// The whole application: API, OpenAPI document and explorer, health check, with the
/// layers every response passes through.
pub fn router(artel: Artel) -> Router {
    // The document's title, licence and security come from `ApiDoc`, on the outer router:
    // nesting keeps only the inner router's paths and components.
    let (api, mut document) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .nest("/api/v1", api_router())
        .split_for_parts();
    document_unreadable_parameters(&mut document);
    Router::new()
        .merge(api)
        .merge(SwaggerUi::new("/api/explorer").url("/api/openapi.json", document))
        .route("/healthz", get(|| async { "ok" }))
        .merge(pages::router())
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "no such route") })
        .layer(axum::middleware::from_fn_with_state(
            artel.clone(),
            idempotency::layer,
        ))
        .with_state(artel)
        .layer(RequestBodyLimitLayer::new(REQUEST_BODY_BYTES_MAX))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(REQUEST_SECONDS_MAX),
        ))
        .layer(security::csrf())
        .layer(security::catch_panics())
        .layer(axum::middleware::from_fn(security::headers))
}

/// Every operation that takes a parameter in its path or query may answer `422` when one
/// cannot be read (a number too large, a date that is none), and every operation that
/// takes a JSON body answers `415` to a body sent as anything else; the document says so
/// for each, so that a client — and schemathesis — finds every status it may get.
fn document_unreadable_parameters(document: &mut utoipa::openapi::OpenApi) {
    use utoipa::openapi::{Content, Ref, ResponseBuilder};
    let error_body = |description: &str| {
        ResponseBuilder::new()
            .description(description)
            .content(
                "application/json",
                Content::new(Some(Ref::from_schema_name("ErrorBody"))),
            )
            .build()
    };
    let refusal = error_body("A parameter or the body could not be read; the body names it");
    let not_json = error_body("The body was not sent as `application/json`");
    for item in document.paths.paths.values_mut() {
        let operations = [
            &mut item.get,
            &mut item.put,
            &mut item.post,
            &mut item.delete,
            &mut item.patch,
        ];
        for operation in operations.into_iter().flatten() {
            if operation.parameters.as_ref().is_some_and(|p| !p.is_empty()) {
                operation
                    .responses
                    .responses
                    .entry("422".to_owned())
                    .or_insert_with(|| refusal.clone().into());
            }
            let takes_json = operation
                .request_body
                .as_ref()
                .is_some_and(|body| match body {
                    utoipa::openapi::RefOr::T(body) => {
                        body.content.contains_key("application/json")
                    }
                    utoipa::openapi::RefOr::Ref(_) => true,
                });
            if takes_json {
                operation
                    .responses
                    .responses
                    .entry("415".to_owned())
                    .or_insert_with(|| not_json.clone().into());
            }
        }
    }
}

/// Serves the application on `address` until `shutdown` completes; then stops taking
/// requests, lets those under way finish, and returns. `on_listening` is told the bound
/// address (useful with port 0). With a `limit`, each client address is held to it.
/// Requests from one of `proxies` are taken to come from the client their
/// `X-Forwarded-For` names (`forwarded`).
pub async fn serve(
    artel: Artel,
    address: SocketAddr,
    limit: Option<RateLimit>,
    proxies: &[std::net::IpAddr],
    on_listening: impl FnOnce(SocketAddr),
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(address).await?;
    on_listening(listener.local_addr()?);
    let app = match limit {
        Some(limit) => router(artel).layer(limits::layer(limit)),
        None => router(artel),
    };
    // Outermost, so that the limit and everything after see the client, not the proxy.
    let app = app.layer(axum::middleware::from_fn_with_state(
        forwarded::TrustedProxies(proxies.into()),
        forwarded::client_behind_proxy,
    ));
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
}
