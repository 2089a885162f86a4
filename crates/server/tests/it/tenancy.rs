//! The tenancy matrix, generated from the OpenAPI document: every route that reaches an
//! organisation's data, called by each role over the organisation, is allowed exactly as
//! the permission table says; called by someone with no role there, it is refused and
//! answers none of the organisation's data. A route added without a line in `ROUTE_ACTIONS`
//! fails the test, so the matrix cannot fall behind the API.

use artel_app::{Action, Role, allows};
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use artel_app::{OrganisationRequest, Scope};

use crate::harness::{COOP_A_SECRETS, ROLES, TestApp, engine_tests, motion};

engine_tests!(
    every_route_follows_the_permission_table,
    no_route_answers_without_a_token,
    region_counts_need_a_role_over_the_whole_region,
    joining_a_parent_needs_a_role_over_both,
    campaigns_need_a_role_over_their_owner_or_region
);

/// The action each organisation-scoped route takes, by method and path template.
const ROUTE_ACTIONS: &[(&str, &str, Action)] = &[
    (
        "get",
        "/api/v1/organisations/{code}",
        Action::SeeOrganisation,
    ),
    (
        "get",
        "/api/v1/organisations/{code}/members",
        Action::ReadBooks,
    ),
    (
        "post",
        "/api/v1/organisations/{code}/members",
        Action::ManageMembers,
    ),
    (
        "get",
        "/api/v1/organisations/{code}/members/{number}",
        Action::ReadBooks,
    ),
    (
        "post",
        "/api/v1/organisations/{code}/members/{number}/events",
        Action::ManageMembers,
    ),
    (
        "post",
        "/api/v1/organisations/{code}/members/{number}/shares",
        Action::ManageMembers,
    ),
    (
        "get",
        "/api/v1/organisations/{code}/meetings",
        Action::ReadDecisions,
    ),
    (
        "post",
        "/api/v1/organisations/{code}/meetings",
        Action::RecordDecisions,
    ),
    (
        "get",
        "/api/v1/organisations/{code}/meetings/{number}",
        Action::ReadDecisions,
    ),
    (
        "post",
        "/api/v1/organisations/{code}/meetings/{number}/motions",
        Action::RecordDecisions,
    ),
    (
        "get",
        "/api/v1/organisations/{code}/charter",
        Action::ReadDecisions,
    ),
    (
        "get",
        "/api/v1/organisations/{code}/committees",
        Action::ReadDecisions,
    ),
    (
        "get",
        "/api/v1/organisations/{code}/indicators",
        Action::ReadBooks,
    ),
    (
        "get",
        "/api/v1/organisations/{code}/production",
        Action::ReadBooks,
    ),
    (
        "post",
        "/api/v1/organisations/{code}/production",
        Action::RecordProduction,
    ),
    (
        "get",
        "/api/v1/organisations/{code}/products",
        Action::ReadBooks,
    ),
    (
        "patch",
        "/api/v1/organisations/{code}/products/{name}",
        Action::RecordProduction,
    ),
    (
        "get",
        "/api/v1/organisations/{code}/contracts",
        Action::ReadBooks,
    ),
    (
        "get",
        "/api/v1/organisations/{code}/invoices",
        Action::ReadBooks,
    ),
    (
        "post",
        "/api/v1/organisations/{code}/invoices",
        Action::RecordSales,
    ),
    (
        "post",
        "/api/v1/organisations/{code}/payments",
        Action::RecordSales,
    ),
    (
        "get",
        "/api/v1/organisations/{code}/aging",
        Action::ReadBooks,
    ),
    (
        "get",
        "/api/v1/organisations/{code}/contracts/fulfilment",
        Action::ReadBooks,
    ),
    (
        "post",
        "/api/v1/organisations/{code}/write-offs",
        Action::RecordSales,
    ),
    (
        "get",
        "/api/v1/organisations/{code}/stock",
        Action::ReadBooks,
    ),
    (
        "get",
        "/api/v1/organisations/{code}/stock/movements",
        Action::ReadBooks,
    ),
    (
        "post",
        "/api/v1/organisations/{code}/stock/movements",
        Action::RecordProduction,
    ),
    (
        "get",
        "/api/v1/organisations/{code}/loans",
        Action::ReadBooks,
    ),
    (
        "post",
        "/api/v1/organisations/{code}/loans",
        Action::PostEntries,
    ),
    (
        "get",
        "/api/v1/organisations/{code}/loans/{number}",
        Action::ReadBooks,
    ),
    (
        "post",
        "/api/v1/organisations/{code}/loans/{number}/repayments",
        Action::PostEntries,
    ),
    (
        "get",
        "/api/v1/organisations/{code}/years/{year}",
        Action::ReadBooks,
    ),
    (
        "post",
        "/api/v1/organisations/{code}/years/{year}/close",
        Action::ClosePeriods,
    ),
    (
        "post",
        "/api/v1/organisations/{code}/years/{year}/reopen",
        Action::ReopenPeriods,
    ),
    (
        "get",
        "/api/v1/organisations/{code}/years/{year}/distribution/preview",
        Action::ReadBooks,
    ),
    (
        "post",
        "/api/v1/organisations/{code}/years/{year}/distribution",
        Action::Distribute,
    ),
    (
        "get",
        "/api/v1/organisations/{code}/years/{year}/labour",
        Action::ReadBooks,
    ),
    (
        "post",
        "/api/v1/organisations/{code}/years/{year}/labour",
        Action::RecordLabour,
    ),
    (
        "get",
        "/api/v1/organisations/{code}/years/{year}/statements",
        Action::ReadBooks,
    ),
    (
        "get",
        "/api/v1/organisations/{code}/years/{year}/rollup",
        Action::ReadBooks,
    ),
    (
        "get",
        "/api/v1/organisations/{code}/distributions",
        Action::ReadBooks,
    ),
    ("get", "/api/v1/books/{code}/accounts", Action::ReadBooks),
    ("post", "/api/v1/books/{code}/accounts", Action::EditChart),
    ("get", "/api/v1/books/{code}/entries", Action::ReadEntries),
    ("post", "/api/v1/books/{code}/entries", Action::PostEntries),
    (
        "get",
        "/api/v1/books/{code}/entries/{sequence}",
        Action::ReadEntries,
    ),
    (
        "post",
        "/api/v1/books/{code}/entries/{sequence}/reverse",
        Action::PostEntries,
    ),
    (
        "post",
        "/api/v1/books/{code}/periods/{period}/close",
        Action::ClosePeriods,
    ),
    (
        "post",
        "/api/v1/books/{code}/periods/{period}/reopen",
        Action::ReopenPeriods,
    ),
    ("get", "/api/v1/books/{code}/verify", Action::ReadBooks),
    ("get", "/api/v1/books/{code}/head", Action::ReadBooks),
    (
        "get",
        "/api/v1/books/{code}/trial-balance",
        Action::ReadBooks,
    ),
    (
        "get",
        "/api/v1/books/{code}/general-ledger",
        Action::ReadEntries,
    ),
    (
        "get",
        "/api/v1/books/{code}/balance-sheet",
        Action::ReadBooks,
    ),
    (
        "get",
        "/api/v1/books/{code}/income-statement",
        Action::ReadBooks,
    ),
    ("get", "/api/v1/books/{code}/audit", Action::ReadAudit),
    ("get", "/api/v1/books/{code}/export", Action::ReadEntries),
    ("get", "/api/v1/books/{code}/dashboard", Action::ReadBooks),
    (
        "get",
        "/api/v1/organisations/{code}/history",
        Action::SeeOrganisation,
    ),
    (
        "post",
        "/api/v1/organisations/{code}/status",
        Action::ManageOrganisation,
    ),
    (
        "post",
        "/api/v1/organisations/{code}/upgrade",
        Action::ManageOrganisation,
    ),
    (
        "get",
        "/api/v1/organisations/{code}/bodies",
        Action::SeeOrganisation,
    ),
    (
        "post",
        "/api/v1/organisations/{code}/affiliations",
        Action::ManageOrganisation,
    ),
    (
        "post",
        "/api/v1/organisations/{code}/bodies",
        Action::ManageOrganisation,
    ),
];

/// Routes that change two organisations, allowed by a role over both (tested in
/// `joining_a_parent_needs_a_role_over_both`).
const PAIR_ROUTES: &[(&str, &str, Action)] = &[
    (
        "post",
        "/api/v1/organisations/{code}/memberships",
        Action::ManageOrganisation,
    ),
    (
        "post",
        "/api/v1/organisations/{code}/memberships/leave",
        Action::ManageOrganisation,
    ),
];

/// Routes over a region subtree, allowed by a role granted over the region (tested in
/// `region_counts_need_a_role_over_the_whole_region`).
const REGION_ROUTES: &[(&str, &str, Action)] = &[
    (
        "get",
        "/api/v1/regions/{code}/counts",
        Action::ReadRegionCounts,
    ),
    (
        "get",
        "/api/v1/regions/{code}/statistics",
        Action::ReadRegionCounts,
    ),
];

/// Routes of a campaign or an exhibition, allowed by a role over the organisation that runs
/// it or over its region; a focus cooperative's director reads its own part (tested in
/// `campaigns_need_a_role_over_their_owner_or_region`).
const CAMPAIGN_ROUTES: &[(&str, &str, Action)] = &[
    ("post", "/api/v1/campaigns", Action::ManageCampaigns),
    ("get", "/api/v1/campaigns/{code}", Action::ReadCampaigns),
    (
        "post",
        "/api/v1/campaigns/{code}/focus",
        Action::ManageCampaigns,
    ),
    (
        "post",
        "/api/v1/campaigns/{code}/stages",
        Action::ManageCampaigns,
    ),
    (
        "post",
        "/api/v1/campaigns/{code}/findings",
        Action::ManageCampaigns,
    ),
    (
        "post",
        "/api/v1/campaigns/{code}/actions",
        Action::ManageCampaigns,
    ),
    (
        "post",
        "/api/v1/campaigns/{code}/actions/{number}/done",
        Action::ManageCampaigns,
    ),
    (
        "post",
        "/api/v1/campaigns/{code}/phase",
        Action::ManageCampaigns,
    ),
    (
        "get",
        "/api/v1/campaigns/{code}/report",
        Action::ReadCampaigns,
    ),
    ("post", "/api/v1/exhibitions", Action::ManageCampaigns),
];

/// Routes about the caller alone or filtered to the caller's organisations.
const CALLER_ROUTES: &[(&str, &str)] = &[
    ("get", "/api/v1/campaigns"),
    ("get", "/api/v1/exhibitions"),
    ("get", "/api/v1/organisations"),
    ("get", "/api/v1/security-events"),
    ("get", "/api/v1/regions"),
    ("post", "/api/v1/regions"),
    ("post", "/api/v1/organisations"),
    ("get", "/api/v1/me/tokens"),
    ("get", "/api/v1/organisations/{code}/membership"),
    ("delete", "/api/v1/me/tokens/{id}"),
    ("delete", "/api/v1/session"),
    ("get", "/api/v1/me/sessions"),
    ("delete", "/api/v1/me/sessions/{id}"),
    ("get", "/api/v1/users/{name}/sessions"),
    ("delete", "/api/v1/users/{name}/sessions"),
    ("delete", "/api/v1/users/{name}/sessions/{id}"),
];

/// Routes open to anyone: signing in.
const PUBLIC_ROUTES: &[(&str, &str)] = &[("post", "/api/v1/session")];

/// Every (method, path) of the OpenAPI document.
async fn documented_routes(app: &TestApp) -> Vec<(String, String)> {
    let (_, document) = app.call(Method::GET, "/api/openapi.json", None, None).await;
    let mut routes = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            if ["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                routes.push((method.clone(), path.clone()));
            }
        }
    }
    routes
}

/// A concrete request for a route template on `coop-a`: its URL and a body that the
/// route accepts, so that only the caller's roles decide the answer.
fn request_for(method: &str, template: &str, round: usize) -> (Method, String, Option<Value>) {
    let url = template
        .replace("{code}", "coop-a")
        // Entries 1 and 2 by turns: each may be reversed once, and the two roles allowed
        // to reverse (accountant, administrator) come an odd number of rounds apart.
        .replace("{sequence}", &(round % 2 + 1).to_string())
        .replace("{name}", "member")
        // Meeting 1 exists; every round changes a member of its own (see `MATRIX_MEMBERS`).
        .replace("meetings/{number}", "meetings/1")
        // Loan 1 exists (see `prepare`); every round that repays pays its next instalment.
        .replace("loans/{number}", "loans/1")
        .replace("{number}", &round.to_string())
        // Each round closes a year of its own, long before the books' entries.
        .replace("{year}", &(1000 + round).to_string())
        .replace("{period}", &format!("2025-{:02}", round % 12 + 1));
    let (url, body) = match (method, template) {
        ("get", t) if t.ends_with("/general-ledger") => {
            (format!("{url}?account=Assets:Cash"), None)
        }
        ("post", t) if t.ends_with("/accounts") => {
            (url, Some(json!({"name": format!("Assets:Matrix {round}")})))
        }
        ("post", t) if t.ends_with("/entries") => (
            url,
            Some(
                json!({"date": "2024-07-01", "memo": "matrix", "postings": [{"account": "Assets:Cash", "amount": "1.00"}, {"account": "Income:Sales", "amount": "-1.00"}]}),
            ),
        ),
        ("post", t) if t.ends_with("/reverse") => (url, Some(json!({"date": "2024-07-02"}))),
        ("post", t) if t.ends_with("/reopen") => (url, Some(json!({"reason": "matrix"}))),
        ("get", t) if t.ends_with("/indicators") => (format!("{url}?period=2024"), None),
        ("patch", t) if t.ends_with("/products/{name}") => (url, Some(json!({"unit": "bolt"}))),
        ("get", t) if t.ends_with("/contracts") || t.ends_with("/invoices") => {
            (format!("{url}?from=2024-01-01&to=2024-12-31"), None)
        }
        ("get", t) if t.ends_with("/aging") || t.ends_with("/fulfilment") => {
            (format!("{url}?as_of=2024-12-31"), None)
        }
        ("post", t) if t.ends_with("/invoices") => (
            url,
            Some(
                json!({"date": "2024-07-04", "counterparty": "Matrix Buyer", "counterparty_type": "supply-marketing",
                    "product": "cloth", "quantity": 1, "amount": "1.00", "terms": "credit:30"}),
            ),
        ),
        ("post", t) if t.ends_with("/payments") => (
            url,
            Some(json!({"counterparty": "Matrix Buyer", "amount": "1.00", "date": "2024-07-04"})),
        ),
        ("get", t) if t.ends_with("/stock/movements") => {
            (format!("{url}?from=2024-01-01&to=2024-12-31"), None)
        }
        ("post", t) if t.ends_with("/stock/movements") => (
            url,
            Some(
                json!({"date": "2024-07-03", "kind": "purchase", "item": "yarn", "quantity": 10, "value": "30.00"}),
            ),
        ),
        ("get", t) if t.ends_with("/production") => {
            (format!("{url}?from=2024-01-01&to=2024-12-31"), None)
        }
        ("post", t) if t.ends_with("/production") => (
            url,
            Some(json!({"date": "2024-07-03", "product": "cloth", "quantity": 10, "defective": 1})),
        ),
        ("post", t) if t.ends_with("/members") => (
            url,
            Some(
                json!({"name": "Matrix", "joined": "2024-07-01", "shares_subscribed": 1, "applicant": true}),
            ),
        ),
        ("post", t) if t.ends_with("/shares") => {
            (url, Some(json!({"shares": 1, "date": "2024-07-05"})))
        }
        ("post", t) if t.ends_with("/events") => {
            (url, Some(json!({"event": "suspend", "date": "2024-07-05"})))
        }
        ("post", t) if t.ends_with("/meetings") => (
            url,
            Some(
                json!({"body": "general-assembly", "held_on": "2024-07-06", "title": "Matrix", "present": 0}),
            ),
        ),
        ("post", t) if t.ends_with("/motions") => (
            url,
            Some(json!({"kind": "ordinary", "text": "Matrix", "yes": 0, "no": 0})),
        ),
        ("post", t) if t.ends_with("/loans") => (
            url,
            Some(
                json!({"lender": "Matrix Bank", "lender_kind": "bank", "principal": "10.00", "rate": "5", "drawn": "2024-07-01", "instalments": 12, "months": 1}),
            ),
        ),
        ("post", t) if t.ends_with("/repayments") => (url, Some(json!({"date": "2024-08-01"}))),
        ("post", t) if t.ends_with("/years/{year}/labour") => (
            url.replace(&format!("/years/{}/", 1000 + round), "/years/2024/"),
            Some(json!({"month": "2024-07", "member": 1, "days": "1.5", "wages": "2.00"})),
        ),
        ("post", t) if t.ends_with("/upgrade") => (url, Some(json!({"date": "2030-01-01"}))),
        ("post", t) if t.ends_with("/affiliations") => (
            url,
            Some(json!({"body": "Matrix union", "member": round, "since": "2024-07-02"})),
        ),
        ("post", t) if t.ends_with("/bodies") => (
            url,
            Some(json!({"kind": "trade-union", "name": format!("Union {round}")})),
        ),
        _ => (url, None),
    };
    let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
    (method, url, body)
}

/// What a state-changing route needs so that only the caller's roles decide the answer:
/// a status change asks for a status other than the current one, on a later day each
/// round; an upgrade needs a team, so each round upgrades a new team of its own in coop-a's
/// region, over which `caller` (a user named after their role) is given the same role.
async fn prepare(
    app: &TestApp,
    template: &str,
    round: usize,
    caller: &str,
    url: String,
    body: Option<Value>,
) -> (String, Option<Value>) {
    if template.ends_with("/status") {
        let current = app.artel.organisation("coop-a").await.unwrap().status;
        let next = if current == "active" {
            "under-rectification"
        } else {
            "active"
        };
        let date =
            chrono::NaiveDate::from_ymd_opt(2030, 1, 1).unwrap() + chrono::Days::new(round as u64);
        return (
            url,
            Some(json!({"status": next, "date": date.to_string(), "note": "matrix"})),
        );
    }
    if template.ends_with("/payments") {
        let from = chrono::NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        let to = chrono::NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
        if app
            .artel
            .contracts("coop-a", from, to)
            .await
            .unwrap()
            .is_empty()
        {
            let file = tempfile::NamedTempFile::new().unwrap();
            std::fs::write(
                file.path(),
                "number,counterparty,counterparty_type,kind,signed,value\n\
                 M-1,Matrix Buyer,supply-marketing,sales,2024-07-01,100.00\n",
            )
            .unwrap();
            app.artel
                .import_contracts("coop-a", file.path())
                .await
                .unwrap();
        }
        return (url, body);
    }
    if template.ends_with("/write-offs") {
        return (url, Some(bad_debt(app, round).await));
    }
    if template.contains("/loans/{number}") && app.artel.loans("coop-a").await.unwrap().is_empty() {
        let loan = artel_app::LoanRequest {
            lender: "Matrix Bank".into(),
            lender_kind: "bank".into(),
            principal: "100.00".into(),
            rate: "5".into(),
            drawn: chrono::NaiveDate::from_ymd_opt(2024, 7, 1).unwrap(),
            instalments: 120,
            months: 1,
            into: None,
        };
        app.artel.add_loan("coop-a", &loan, "matrix").await.unwrap();
        return (url, body);
    }
    if template.ends_with("/years/{year}/reopen") || template.contains("/years/{year}/distribution")
    {
        return year_end_round(app, template, round, caller).await;
    }
    if template.ends_with("/upgrade") {
        let team = format!("team-{round}");
        let request = OrganisationRequest {
            code: team.clone(),
            kind: "team".into(),
            name: format!("Team {round}"),
            region: Some("shashi".into()),
            parent: None,
            currency: "CNY".into(),
            scale: 2,
            founded: chrono::NaiveDate::from_ymd_opt(2020, 1, 1),
            status: None,
        };
        app.artel.add_organisation(&request).await.unwrap();
        if ROLES.contains(&caller) {
            app.artel
                .add_user(caller, caller, &Scope::Organisation(team.clone()))
                .await
                .unwrap();
        }
        return (url.replace("coop-a", &team), body);
    }
    (url, body)
}

/// A cooperative of its own for a round of the year-end routes, the caller given the same
/// role over it: a member with share capital and labour in 2023, a sale of 10.00 in cash,
/// 2023 closed, and a general assembly in 2024 that adopted a motion — on a distribution for
/// the distribution routes, an ordinary one for a reopening. The request names that
/// cooperative and 2023.
async fn year_end_round(
    app: &TestApp,
    template: &str,
    round: usize,
    caller: &str,
) -> (String, Option<Value>) {
    let code = format!("year-end-{round}");
    let request = OrganisationRequest {
        code: code.clone(),
        kind: "cooperative".into(),
        name: format!("Year-end cooperative {round}"),
        region: Some("shashi".into()),
        parent: None,
        currency: "CNY".into(),
        scale: 2,
        founded: chrono::NaiveDate::from_ymd_opt(2020, 1, 1),
        status: None,
    };
    app.artel.add_organisation(&request).await.unwrap();
    if ROLES.contains(&caller) {
        app.artel
            .add_user(caller, caller, &Scope::Organisation(code.clone()))
            .await
            .unwrap();
    }
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        file.path(),
        "name,joined,shares_subscribed,shares_paid\nOne,2023-01-01,1,1\n",
    )
    .unwrap();
    app.artel.import_members(&code, file.path()).await.unwrap();
    std::fs::write(
        file.path(),
        "date,counterparty,counterparty_type,product,quantity,amount,terms\n\
         2023-03-01,Year Buyer,supply-marketing,cloth,1,10.00,cash\n",
    )
    .unwrap();
    app.artel.import_sales(&code, file.path()).await.unwrap();
    std::fs::write(file.path(), "month,member,days\n2023-03,1,1\n").unwrap();
    app.artel.import_labour(&code, file.path()).await.unwrap();
    app.artel.close_year(&code, 2023).await.unwrap();
    let meeting = artel_app::MeetingRequest {
        body: "general-assembly".into(),
        held_on: "2024-01-10".parse().unwrap(),
        title: "Year-end assembly".into(),
        agenda: String::new(),
        minutes: String::new(),
        eligible: None,
        present: 1,
    };
    let meeting = app.artel.record_meeting(&code, &meeting).await.unwrap();
    let kind = if template.ends_with("/reopen") {
        "ordinary"
    } else {
        "distribution"
    };
    let request = motion(kind, "The year's end", 1);
    let decided = app
        .artel
        .put_motion(&code, meeting, &request)
        .await
        .unwrap();
    let url = format!("/api/v1{}", template.trim_start_matches("/api/v1"))
        .replace("{code}", &code)
        .replace("{year}", "2023");
    if template.ends_with("/preview") {
        return (format!("{url}?date=2024-01-10"), None);
    }
    (url, Some(json!({"motion": decided.number})))
}

/// A write-off of its own for a round: an invoice on credit of 1.00 and a management
/// committee's adopted motion to write it off.
async fn bad_debt(app: &TestApp, round: usize) -> Value {
    let day =
        chrono::NaiveDate::from_ymd_opt(2024, 8, 1).unwrap() + chrono::Days::new(round as u64);
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(
        file.path(),
        format!(
            "date,counterparty,counterparty_type,product,quantity,amount,terms\n\
             {day},Matrix Debtor,private-merchant,cloth,1,1.00,credit:30\n"
        ),
    )
    .unwrap();
    app.artel.import_sales("coop-a", file.path()).await.unwrap();
    let invoice = app
        .artel
        .invoices("coop-a", day, day)
        .await
        .unwrap()
        .last()
        .unwrap()
        .sequence;
    let meeting = artel_app::MeetingRequest {
        body: "management-committee".into(),
        held_on: day,
        title: format!("Committee {round}"),
        agenda: String::new(),
        minutes: String::new(),
        eligible: Some(3),
        present: 3,
    };
    let meeting = app.artel.record_meeting("coop-a", &meeting).await.unwrap();
    let request = motion("ordinary", "Write off what Matrix Debtor owes", 3);
    let decided = app
        .artel
        .put_motion("coop-a", meeting, &request)
        .await
        .unwrap();
    json!({"invoice": invoice, "motion": decided.number, "date": day.to_string()})
}

fn leaks(body: &Value) -> Option<&'static str> {
    let text = body.to_string();
    COOP_A_SECRETS
        .into_iter()
        .find(|secret| text.contains(secret))
}

/// Members of coop-a for the matrix: each round that changes a member changes its own.
const MATRIX_MEMBERS: usize = 1000;

/// Gives coop-a a meeting and members enough for every round of the matrix.
async fn prepare_decisions(app: &TestApp) {
    let mut register = String::from("name,joined,shares_subscribed,shares_paid\n");
    for n in 1..=MATRIX_MEMBERS {
        register.push_str(&format!("Member {n},2024-07-01,1,0\n"));
    }
    let file = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(file.path(), register).unwrap();
    app.artel
        .import_members("coop-a", file.path())
        .await
        .unwrap();
    let meeting = artel_app::MeetingRequest {
        body: "general-assembly".into(),
        held_on: "2024-07-02".parse().unwrap(),
        title: "Matrix assembly".into(),
        agenda: String::new(),
        minutes: String::new(),
        eligible: None,
        present: 0,
    };
    app.artel.record_meeting("coop-a", &meeting).await.unwrap();
    let founded = "2024-01-01".parse().ok();
    app.artel
        .add_body("coop-a", "trade-union", "Matrix union", founded)
        .await
        .unwrap();
}

async fn every_route_follows_the_permission_table(app: &TestApp) {
    prepare_decisions(app).await;
    let routes = documented_routes(app).await;
    for (method, path) in &routes {
        let known = ROUTE_ACTIONS
            .iter()
            .any(|(m, p, _)| m == method && p == path)
            || REGION_ROUTES
                .iter()
                .any(|(m, p, _)| m == method && p == path)
            || PAIR_ROUTES.iter().any(|(m, p, _)| m == method && p == path)
            || CAMPAIGN_ROUTES
                .iter()
                .any(|(m, p, _)| m == method && p == path)
            || CALLER_ROUTES.iter().any(|(m, p)| m == method && p == path)
            || PUBLIC_ROUTES.iter().any(|(m, p)| m == method && p == path);
        assert!(
            known,
            "{method} {path} is in the API but not in the tenancy matrix"
        );
    }
    let mut round = 0;
    for (method, template, action) in ROUTE_ACTIONS {
        assert!(
            routes.iter().any(|(m, p)| m == method && p == template),
            "{method} {template} is in the matrix but not in the API"
        );
        // Callers with no role over coop-a: refused, and none of its data in the answer.
        for outsider in ["outsider", "hunan-officer"] {
            round += 1;
            let token = app.token(outsider).await;
            let (http_method, url, body) = request_for(method, template, round);
            let (url, body) = prepare(app, template, round, outsider, url, body).await;
            let (status, answer) = app.call(http_method, &url, Some(&token), body).await;
            assert!(
                matches!(status, StatusCode::NOT_FOUND | StatusCode::FORBIDDEN),
                "{outsider}: {method} {url} → {status} {answer}"
            );
            assert_eq!(
                leaks(&answer),
                None,
                "{outsider}: {method} {url} leaked coop-a's data: {answer}"
            );
        }
        // Each role over coop-a: allowed exactly when the table says so.
        for role_name in ROLES {
            round += 1;
            let role = Role::parse(role_name).unwrap();
            let token = app.token(role_name).await;
            let (http_method, url, body) = request_for(method, template, round);
            let (url, body) = prepare(app, template, round, role_name, url, body).await;
            let (status, answer) = app.call(http_method, &url, Some(&token), body).await;
            if allows(role, *action) {
                assert!(
                    status.is_success(),
                    "{role_name} may {action:?}: {method} {url} → {status} {answer}"
                );
            } else {
                assert_eq!(
                    status,
                    StatusCode::FORBIDDEN,
                    "{role_name} may not {action:?}: {method} {url} → {answer}"
                );
                assert_eq!(
                    leaks(&answer),
                    None,
                    "{role_name}: {method} {url} leaked data in a refusal: {answer}"
                );
            }
        }
        // A government officer over the whole province reads the books of every cooperative in
        // it, but not their individual entries.
        round += 1;
        let token = app.token("hubei-officer").await;
        let (http_method, url, body) = request_for(method, template, round);
        let (url, body) = prepare(app, template, round, "hubei-officer", url, body).await;
        let (status, _) = app.call(http_method, &url, Some(&token), body).await;
        let expected_allowed = allows(Role::GovernmentOfficer, *action);
        assert_eq!(
            status.is_success(),
            expected_allowed,
            "hubei-officer: {method} {url} → {status}"
        );
    }
    // The list of organisations shows each caller only their own.
    let token = app.token("outsider").await;
    let (_, list) = app
        .call(Method::GET, "/api/v1/organisations", Some(&token), None)
        .await;
    let codes: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["coop-b"]);
}

async fn no_route_answers_without_a_token(app: &TestApp) {
    for (method, template) in documented_routes(app).await {
        if PUBLIC_ROUTES
            .iter()
            .any(|(m, p)| *m == method && *p == template)
        {
            continue;
        }
        let (http_method, url, body) = request_for(
            &method,
            &template.replace("{id}", "00000000-0000-0000-0000-000000000000"),
            0,
        );
        let (status, answer) = app.call(http_method, &url, None, body).await;
        assert_eq!(
            status,
            StatusCode::UNAUTHORIZED,
            "{method} {url} → {answer}"
        );
        assert_eq!(leaks(&answer), None);
    }
}

async fn region_counts_need_a_role_over_the_whole_region(app: &TestApp) {
    for (method, template, action) in REGION_ROUTES {
        assert_eq!(*method, "get");
        let mut url = template.replace("{code}", "shashi");
        if url.ends_with("/statistics") {
            url.push_str("?period=2024-Q1");
        }
        // Region-wide roles that allow the action, over the region or one above it.
        for (caller, role) in [
            ("hubei-officer", Role::GovernmentOfficer),
            ("province-admin", Role::Administrator),
        ] {
            assert!(allows(role, *action));
            let token = app.token(caller).await;
            let (status, answer) = app.call(Method::GET, &url, Some(&token), None).await;
            assert_eq!(status, StatusCode::OK, "{caller}: {answer}");
            assert_eq!(answer["region"], "shashi");
        }
        // Every role over coop-a alone, and officers of another region: refused, no counts.
        let callers = ROLES.iter().copied().chain(["outsider", "hunan-officer"]);
        for caller in callers {
            let token = app.token(caller).await;
            let (status, answer) = app.call(Method::GET, &url, Some(&token), None).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{caller}: {answer}");
            assert!(answer.get("rows").is_none(), "{caller}: {answer}");
        }
        let token = app.token("hubei-officer").await;
        let unknown = url.replace("shashi", "nowhere");
        let (status, _) = app.call(Method::GET, &unknown, Some(&token), None).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
    }
}

async fn joining_a_parent_needs_a_role_over_both(app: &TestApp) {
    let federation = artel_app::OrganisationRequest {
        code: "shashi-federation".into(),
        kind: "federation".into(),
        name: "Shashi Handicraft Federation".into(),
        region: Some("shashi".into()),
        parent: None,
        currency: "CNY".into(),
        scale: 2,
        founded: "2024-01-01".parse().ok(),
        status: None,
    };
    app.artel.add_organisation(&federation).await.unwrap();
    let body = json!({"parent": "shashi-federation", "date": "2030-06-01"});
    let [join, leave] = [PAIR_ROUTES[0].1, PAIR_ROUTES[1].1].map(|t| t.replace("{code}", "coop-a"));
    // Roles over coop-a alone do not reach the federation (it looks as if it did not
    // exist: 422 naming the parent); no role over coop-a at all is 404.
    for caller in ROLES.iter().copied().chain(["outsider", "hunan-officer"]) {
        let token = app.token(caller).await;
        let (status, answer) = app
            .call(Method::POST, &join, Some(&token), Some(body.clone()))
            .await;
        assert!(
            matches!(
                status,
                StatusCode::FORBIDDEN | StatusCode::NOT_FOUND | StatusCode::UNPROCESSABLE_ENTITY
            ),
            "{caller}: {status} {answer}"
        );
        assert_eq!(leaks(&answer), None, "{caller}: {answer}");
    }
    assert!(app.artel.memberships("coop-a").await.unwrap().is_empty());
    // An administrator over the province holds both: the cooperative joins, then leaves.
    let token = app.token("province-admin").await;
    let (status, joined) = app
        .call(Method::POST, &join, Some(&token), Some(body))
        .await;
    assert_eq!(status, StatusCode::CREATED, "{joined}");
    assert_eq!(joined[0]["parent"], "shashi-federation");
    assert!(joined[0]["until"].is_null());
    let left = json!({"parent": "shashi-federation", "date": "2031-01-01"});
    let (status, after) = app
        .call(Method::POST, &leave, Some(&token), Some(left))
        .await;
    assert_eq!(status, StatusCode::OK, "{after}");
    assert_eq!(after[0]["until"], "2031-01-01");
}

/// A request for a campaign route on the campaign `matrix` (run by `hubei-office` over
/// `shashi`, coop-a its focus cooperative): its URL and a body that succeeds when the
/// caller may. Each round that records an action done or a campaign has one of its own.
async fn campaign_request(
    app: &TestApp,
    method: &str,
    template: &str,
    round: usize,
) -> (Method, String, Option<Value>) {
    let base = "/api/v1/campaigns/matrix";
    let url = template.replace("{code}", "matrix");
    let body = match template {
        "/api/v1/campaigns" => Some(crate::campaigns::campaign_body(&format!("matrix-{round}"))),
        "/api/v1/exhibitions" => Some(
            json!({"owner": "hubei-office", "kind": "exhibition", "title": "Matrix fair",
            "place": "Shashi", "first_day": "1954-05-01", "last_day": "1954-05-01", "participants": ["coop-a"]}),
        ),
        t if t.ends_with("/focus") => Some(json!({"organisations": ["coop-a"]})),
        t if t.ends_with("/stages") => {
            Some(json!({"organisation": "coop-a", "stage": "mobilisation",
            "status": "in-progress", "started": "1954-03-02"}))
        }
        t if t.ends_with("/findings") => {
            Some(json!({"organisation": "coop-a", "category": "other", "text": "Matrix"}))
        }
        t if t.ends_with("/actions") => {
            Some(json!({"finding": 1, "owner": "Matrix", "due": "1954-04-01"}))
        }
        t if t.ends_with("/done") => {
            let number = app
                .artel
                .add_action("matrix", 1, "Matrix", "1954-04-01".parse().unwrap())
                .await
                .unwrap();
            return (
                Method::POST,
                format!("{base}/actions/{number}/done"),
                Some(json!({"date": "1954-04-02"})),
            );
        }
        t if t.ends_with("/phase") => {
            let phase = app
                .artel
                .campaign("matrix", "1954-05-01".parse().unwrap())
                .await
                .unwrap()
                .phase;
            let next = if phase == artel_app::Phase::Pilot {
                "summing-up"
            } else {
                "extension"
            };
            Some(json!({"phase": next, "date": "1954-05-20"}))
        }
        _ => None,
    };
    let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
    (method, url, body)
}

async fn campaigns_need_a_role_over_their_owner_or_region(app: &TestApp) {
    crate::campaigns::office(app).await;
    app.artel
        .record_campaign(&artel_app::CampaignRequest {
            code: "matrix".into(),
            owner: "hubei-office".into(),
            region: "shashi".into(),
            title: "Matrix rectification".into(),
            start: "1954-03-01".parse().unwrap(),
            deadline: "1954-06-30".parse().unwrap(),
            goals: String::new(),
            meeting: None,
            baseline: "1954-01".into(),
            follow_up: "1954-04".into(),
        })
        .await
        .unwrap();
    app.artel
        .select_focus(
            "matrix",
            &artel_app::FocusSelection::Codes(vec!["coop-a".into()]),
        )
        .await
        .unwrap();
    app.artel
        .add_finding("matrix", "coop-a", "quality", "Matrix finding")
        .await
        .unwrap();
    let mut round = 0;
    for (method, template, action) in CAMPAIGN_ROUTES {
        let reads = *action == Action::ReadCampaigns;
        // Officers and administrators of the province run and read it.
        for caller in ["hubei-officer", "province-admin"] {
            round += 1;
            let token = app.token(caller).await;
            let (http_method, url, body) = campaign_request(app, method, template, round).await;
            let (status, answer) = app.call(http_method, &url, Some(&token), body).await;
            assert!(
                status.is_success(),
                "{caller}: {method} {url} → {status} {answer}"
            );
        }
        // Callers with no role over the office, the region or a focus cooperative: the
        // campaign does not exist for them (a new one names an unknown owner).
        for caller in ["outsider", "hunan-officer"] {
            round += 1;
            let token = app.token(caller).await;
            let (http_method, url, body) = campaign_request(app, method, template, round).await;
            let (status, answer) = app.call(http_method, &url, Some(&token), body).await;
            assert!(
                matches!(
                    status,
                    StatusCode::NOT_FOUND | StatusCode::UNPROCESSABLE_ENTITY
                ),
                "{caller}: {method} {url} → {status} {answer}"
            );
            let text = answer.to_string();
            assert!(
                !text.contains("Matrix rectification") && !text.contains("Matrix finding"),
                "{caller}: {text}"
            );
        }
        // Roles over coop-a, a focus cooperative: its director and supervisor read its part;
        // no one of them runs the campaign.
        for role_name in ROLES {
            round += 1;
            let role = Role::parse(role_name).unwrap();
            let token = app.token(role_name).await;
            let (http_method, url, body) = campaign_request(app, method, template, round).await;
            let (status, answer) = app.call(http_method, &url, Some(&token), body).await;
            let allowed = reads && allows(role, Action::ReadOwnRectification);
            if allowed {
                assert!(
                    status.is_success(),
                    "{role_name}: {method} {url} → {status} {answer}"
                );
            } else if template.starts_with("/api/v1/campaigns/") {
                assert_eq!(
                    status,
                    StatusCode::FORBIDDEN,
                    "{role_name}: {method} {url} → {answer}"
                );
                assert!(
                    !answer.to_string().contains("Matrix finding"),
                    "{role_name}: {answer}"
                );
            } else {
                // A new campaign or event for an office they have no role over.
                assert_eq!(
                    status,
                    StatusCode::UNPROCESSABLE_ENTITY,
                    "{role_name}: {method} {url} → {answer}"
                );
            }
        }
    }
}
