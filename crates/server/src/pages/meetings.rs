//! Meetings and resolutions in the browser: the organisation's meetings and the form that
//! records one; a meeting's page with its motions, their counts and outcomes, and the form
//! that puts a motion to the vote — the charter's rule decides it, and an adopted admission
//! pays the member's shares into the books; and the charter in effect today.

use artel_app::{DecisionKind, MeetingRequest, MotionRequest, Outcome, StoredMember};
use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::book_nav::BookNav;
use super::form::{optional_count, optional_date, positive_amount, refusal, required_date};
use super::i18n::Arg;
use super::{Chrome, FieldErrors, Page, PageError};

/// The bodies that meet, in the order the form offers them.
const BODIES: [&str; 4] = [
    "general-assembly",
    "management-committee",
    "supervisory-committee",
    "conference",
];

struct MeetingRow {
    number: u64,
    held_on: String,
    body: String,
    title: String,
    present: u64,
    eligible: u64,
}

struct SeatRow {
    committee: String,
    member: String,
    term_ends: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "meetings.html")]
struct MeetingsPage {
    c: Chrome,
    nav: BookNav,
    rows: Vec<MeetingRow>,
    /// The committees' members today.
    seats: Vec<SeatRow>,
    form: MeetingForm,
    errors: FieldErrors,
    bodies: Vec<(&'static str, String)>,
}

/// The meeting form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MeetingForm {
    body: String,
    held_on: String,
    title: String,
    agenda: String,
    minutes: String,
    eligible: String,
    present: String,
}

pub async fn meetings(page: Page, Path(code): Path<String>) -> Result<Response, PageError> {
    let form = MeetingForm {
        body: BODIES[0].into(),
        held_on: chrono::Utc::now().date_naive().to_string(),
        ..MeetingForm::default()
    };
    Ok(meetings_page(page, &code, form, FieldErrors::default())
        .await?
        .into_response())
}

async fn meetings_page(
    page: Page,
    code: &str,
    form: MeetingForm,
    errors: FieldErrors,
) -> Result<MeetingsPage, PageError> {
    let (nav, _) = BookNav::load(&page.artel, code, "meetings").await?;
    let c = page.c;
    let rows = page
        .artel
        .meetings(code)
        .await?
        .into_iter()
        .map(|m| MeetingRow {
            number: m.number,
            held_on: c.locale.date(m.held_on),
            body: c.t(&format!("body-{}", m.body)),
            title: m.title,
            present: m.present,
            eligible: m.eligible,
        })
        .collect();
    let bodies = BODIES
        .iter()
        .map(|body| (*body, c.t(&format!("body-{body}"))))
        .collect();
    let today = chrono::Utc::now().date_naive();
    let seats = page
        .artel
        .committees(code, today)
        .await?
        .into_iter()
        .map(|seat| SeatRow {
            committee: c.t(&format!("body-{}", seat.body)),
            member: format!("{} {}", seat.member, seat.name),
            term_ends: c.locale.date(seat.ends_on),
        })
        .collect();
    Ok(MeetingsPage {
        c,
        nav,
        rows,
        seats,
        form,
        errors,
        bodies,
    })
}

/// Records the meeting and opens its page; a refused form comes back with its messages.
pub async fn add_meeting(
    page: Page,
    Path(code): Path<String>,
    Form(form): Form<MeetingForm>,
) -> Result<Response, PageError> {
    let c = &page.c;
    let mut errors = FieldErrors::default();
    if form.title.trim().is_empty() {
        errors.add("title", c.t("field-required"));
    }
    let held_on = required_date(c, &mut errors, "held_on", &form.held_on);
    let eligible = optional_count(c, &mut errors, "eligible", &form.eligible);
    let present = optional_count(c, &mut errors, "present", &form.present).unwrap_or(0);
    if let Some(held_on) = held_on
        && errors.is_empty()
    {
        let request = MeetingRequest {
            body: form.body.clone(),
            held_on,
            title: form.title.clone(),
            agenda: form.agenda.clone(),
            minutes: form.minutes.clone(),
            eligible,
            present,
        };
        match page.artel.record_meeting(&code, &request).await {
            Ok(number) => {
                return Ok(
                    Redirect::to(&format!("/books/{code}/meetings/{number}")).into_response()
                );
            }
            Err(error) => {
                errors = refusal(
                    c,
                    error,
                    &[
                        ("title", "title", "field-required"),
                        ("body", "body", "field-required"),
                        ("eligible", "eligible", "meeting-eligible-required"),
                        ("present", "present", "meeting-present-too-many"),
                    ],
                    "title",
                )?;
            }
        }
    }
    let shown = meetings_page(page, &code, form, errors).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
}

struct MotionRow {
    number: u64,
    kind: String,
    text: String,
    ballot: String,
    member: Option<String>,
    yes: u64,
    no: u64,
    abstain: u64,
    outcome: String,
    adopted: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "meeting.html")]
struct MeetingPage {
    c: Chrome,
    nav: BookNav,
    number: u64,
    held_on: String,
    body: String,
    title: String,
    agenda: String,
    minutes: String,
    present: u64,
    eligible: u64,
    motions: Vec<MotionRow>,
    form: MotionForm,
    errors: FieldErrors,
    kinds: Vec<(&'static str, String)>,
    /// Members a motion may concern: number, name and standing.
    members: Vec<(u64, String)>,
    /// The motion just decided, for the notice.
    decided: Option<String>,
}

/// The motion form as typed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct MotionForm {
    kind: String,
    text: String,
    ballot: String,
    member: String,
    yes: String,
    no: String,
    abstain: String,
    /// An election's committee, the members elected (numbers, separated by commas or
    /// spaces) and the day their term ends.
    committee: String,
    elected: String,
    term_ends: String,
    /// What a withdrawing member owes, deducted at a settlement.
    debts: String,
}

#[derive(Debug, Default, Deserialize)]
pub struct MeetingQuery {
    motion: Option<u64>,
    outcome: Option<String>,
}

fn member_choice(c: &Chrome, member: StoredMember) -> (u64, String) {
    let standing = c.t(&format!("member-status-{}", member.status));
    (
        member.number,
        format!("{} {} ({standing})", member.number, member.name),
    )
}

pub async fn meeting(
    page: Page,
    Path((code, number)): Path<(String, u64)>,
    Query(query): Query<MeetingQuery>,
) -> Result<Response, PageError> {
    let decided = match (query.motion, query.outcome.as_deref()) {
        (Some(motion), Some(outcome @ ("adopted" | "rejected" | "no-quorum"))) => {
            let outcome = page.c.t(&format!("outcome-{outcome}"));
            Some(format!("{} {motion}: {outcome}", page.c.t("motion")))
        }
        _ => None,
    };
    let form = MotionForm {
        kind: "admission".into(),
        ballot: "open".into(),
        abstain: "0".into(),
        ..MotionForm::default()
    };
    let shown = meeting_page(page, &code, number, form, FieldErrors::default(), decided).await?;
    Ok(shown.into_response())
}

async fn meeting_page(
    page: Page,
    code: &str,
    number: u64,
    form: MotionForm,
    errors: FieldErrors,
    decided: Option<String>,
) -> Result<MeetingPage, PageError> {
    let (nav, _) = BookNav::load(&page.artel, code, "meetings").await?;
    let (meeting, motions) = page.artel.meeting(code, number).await?;
    let register = page.artel.members(code).await?;
    let c = page.c;
    let names: std::collections::HashMap<u64, String> = register
        .iter()
        .map(|m| (m.number, m.name.clone()))
        .collect();
    let motions = motions
        .into_iter()
        .map(|m| MotionRow {
            number: m.number,
            kind: c.t(&format!("decision-{}", m.kind)),
            text: m.text,
            ballot: c.t(&format!("ballot-{}", m.ballot)),
            member: m
                .member
                .map(|n| format!("{n} {}", names.get(&n).cloned().unwrap_or_default())),
            yes: m.yes,
            no: m.no,
            abstain: m.abstain,
            adopted: m.outcome == "adopted",
            outcome: c.t(&format!("outcome-{}", m.outcome)),
        })
        .collect();
    let kinds = DecisionKind::ALL
        .iter()
        .map(|kind| (kind.as_str(), c.t(&format!("decision-{kind}"))))
        .collect();
    let members = register.into_iter().map(|m| member_choice(&c, m)).collect();
    Ok(MeetingPage {
        number: meeting.number,
        held_on: c.locale.date(meeting.held_on),
        body: c.t(&format!("body-{}", meeting.body)),
        title: meeting.title,
        agenda: meeting.agenda,
        minutes: meeting.minutes,
        present: meeting.present,
        eligible: meeting.eligible,
        c,
        nav,
        motions,
        form,
        errors,
        kinds,
        members,
        decided,
    })
}

/// Puts the motion to the vote and shows the meeting with its outcome; a count that cannot
/// be true, or a motion without the member it concerns, comes back with its message.
pub async fn put_motion(
    page: Page,
    Path((code, number)): Path<(String, u64)>,
    Form(form): Form<MotionForm>,
) -> Result<Response, PageError> {
    let c = &page.c;
    let mut errors = FieldErrors::default();
    if form.text.trim().is_empty() {
        errors.add("text", c.t("field-required"));
    }
    let yes = optional_count(c, &mut errors, "yes", &form.yes).unwrap_or(0);
    let no = optional_count(c, &mut errors, "no", &form.no).unwrap_or(0);
    let abstain = optional_count(c, &mut errors, "abstain", &form.abstain).unwrap_or(0);
    let member = form.member.trim().parse::<u64>().ok();
    let elected: Vec<u64> = form
        .elected
        .split(|ch: char| ch == ',' || ch.is_whitespace())
        .filter(|part| !part.is_empty())
        .filter_map(|part| match part.parse() {
            Ok(number) => Some(number),
            Err(_) => {
                errors.add("elected", c.t("motion-elected-invalid"));
                None
            }
        })
        .collect();
    let term_ends = optional_date(c, &mut errors, "term_ends", Some(&form.term_ends));
    let debts = if form.debts.trim().is_empty() {
        artel_ledger::Money::ZERO
    } else {
        let currency = page.artel.organisation(&code).await?.currency;
        positive_amount(c, &currency, &form.debts).unwrap_or_else(|message| {
            errors.add("debts", message);
            artel_ledger::Money::ZERO
        })
    };
    if errors.is_empty() {
        let request = MotionRequest {
            kind: form.kind.clone(),
            text: form.text.clone(),
            ballot: form.ballot.clone(),
            member,
            yes,
            no,
            abstain,
            debts,
            charter: None,
            effective: None,
            committee: Some(form.committee.clone()).filter(|c| !c.is_empty()),
            elected: elected.clone(),
            term_ends,
        };
        match page.artel.put_motion(&code, number, &request).await {
            Ok(decided) => {
                let outcome = match decided.outcome {
                    Outcome::Adopted => "adopted",
                    Outcome::Rejected => "rejected",
                    Outcome::NoQuorum { .. } => "no-quorum",
                };
                return Ok(Redirect::to(&format!(
                    "/books/{code}/meetings/{number}?motion={}&outcome={outcome}",
                    decided.number
                ))
                .into_response());
            }
            Err(error) => {
                errors = refusal(
                    c,
                    error,
                    &[
                        ("kind", "kind", "motion-kind-refused"),
                        ("charter", "kind", "motion-kind-refused"),
                        ("member", "member", "motion-member-refused"),
                        ("event", "member", "motion-member-refused"),
                        ("status", "member", "motion-member-refused"),
                        ("date", "member", "motion-member-refused"),
                        ("votes", "yes", "motion-votes-refused"),
                        ("committee", "committee", "motion-committee-refused"),
                        ("elected", "elected", "motion-elected-refused"),
                        ("term_ends", "term_ends", "motion-term-refused"),
                        ("debts", "debts", "member-debts-refused"),
                        ("text", "text", "field-required"),
                    ],
                    "text",
                )?;
            }
        }
    }
    let shown = meeting_page(page, &code, number, form, errors, None).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, shown).into_response())
}

struct RuleRow {
    kind: String,
    quorum: String,
    majority: String,
    by_resolution: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "charter.html")]
struct CharterPage {
    c: Chrome,
    nav: BookNav,
    effective: Option<String>,
    motion: Option<u64>,
    share_value: String,
    minimum_shares: u32,
    entrance_fee: String,
    notice_days: u32,
    instalments: u32,
    rules: Vec<RuleRow>,
    distribution: Vec<(String, String)>,
    /// The year-end rules: what the labour dividend goes by, where a loss and the capped
    /// share dividend go, the reserves never paid out.
    year_end: Vec<(String, String)>,
}

/// A majority in words: "more than 1/2 of the votes cast".
fn majority_text(c: &Chrome, rule: &artel_app::VoteRule) -> String {
    let majority = rule.majority;
    let key = if majority.strictly_more {
        "majority-more-than"
    } else {
        "majority-at-least"
    };
    let share = format!(
        "{}/{}",
        majority.share.numerator, majority.share.denominator
    );
    let base = c.t(&format!("majority-base-{}", majority.base));
    c.locale.t_with(
        key,
        &[("share", Arg::Text(share)), ("base", Arg::Text(base))],
    )
}

/// Thousandths as a percentage with one decimal: 300 → `30.0`.
fn per_mille(value: u32) -> String {
    format!("{}.{}", value / 10, value % 10)
}

/// The charter in effect today.
pub async fn charter(page: Page, Path(code): Path<String>) -> Result<Response, PageError> {
    let (nav, organisation) = BookNav::load(&page.artel, &code, "charter").await?;
    let today = chrono::Utc::now().date_naive();
    let (in_effect, _) = page.artel.charter(&code, today).await?;
    let c = page.c;
    let rules_of = &in_effect.charter;
    let scale = u32::from(organisation.currency.scale());
    let rules = rules_of
        .decisions
        .iter()
        .map(|(kind, rule)| RuleRow {
            kind: c.t(&format!("decision-{kind}")),
            quorum: format!("{}/{}", rule.quorum.numerator, rule.quorum.denominator),
            majority: majority_text(&c, rule),
            by_resolution: rules_of.needs_resolution(*kind),
        })
        .collect();
    let d = rules_of.distribution;
    let distribution = [
        ("charter-accumulation-fund", d.accumulation_fund),
        ("charter-welfare-fund", d.welfare_fund),
        ("charter-other-levies", d.other_levies),
        ("charter-labour-dividend", d.labour_dividend),
        ("charter-share-dividend", d.share_dividend),
    ]
    .into_iter()
    .map(|(key, value)| (c.t(key), per_mille(value)))
    .collect();
    let y = &rules_of.year_end;
    let indivisible: Vec<String> = y
        .indivisible
        .iter()
        .map(|r| c.t(&format!("charter-reserve-{r}")))
        .collect();
    let year_end = vec![
        (
            c.t("charter-labour-basis"),
            c.t(&format!("charter-labour-basis-{}", y.labour_basis)),
        ),
        (
            c.t("charter-loss"),
            c.t(&format!("charter-loss-{}", y.loss)),
        ),
        (
            c.t("charter-cap-excess"),
            c.t(&format!("charter-cap-excess-{}", y.cap_excess)),
        ),
        (
            c.t("charter-indivisible"),
            indivisible.join(c.t("list-separator").as_str()),
        ),
    ];
    let shown = CharterPage {
        year_end,
        effective: in_effect.effective.map(|d| c.locale.date(d)),
        motion: in_effect.motion,
        share_value: c.locale.amount(rules_of.share_value.minor(), scale),
        minimum_shares: rules_of.minimum_shares,
        entrance_fee: c.locale.amount(rules_of.entrance_fee.minor(), scale),
        notice_days: rules_of.withdrawal.notice_days,
        instalments: rules_of.withdrawal.instalments,
        rules,
        distribution,
        c,
        nav,
    };
    Ok(shown.into_response())
}
