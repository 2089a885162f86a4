//! The members' and meetings' commands: applications, changes of standing, a member's
//! history, meetings and motions, the charter, and the indicators report.

use std::io::Write;

use artel_app::{
    AppError, Artel, CharterDocument, IndicatorRow, MeetingRequest, MemberAction, MemberEvent,
    MemberRequest, MotionRequest, Outcome,
};
use artel_ledger::Money;
use serde_json::json;

use crate::cli::{MeetingCommand, MemberArgs, MemberCommand, OutputFormat};
use crate::render;

/// `AMOUNT` in the book of `org`'s currency; nothing is zero.
async fn amount(artel: &Artel, org: &str, text: Option<&str>) -> anyhow::Result<Money> {
    let Some(text) = text else {
        return Ok(Money::ZERO);
    };
    let currency = artel.book(org).await?.currency;
    Ok(currency
        .parse(text)
        .map_err(|e| AppError::rejected("--debts", e.to_string()))?)
}

fn request(args: MemberArgs) -> (String, MemberRequest) {
    let request = MemberRequest {
        name: args.name,
        trade: args.trade,
        joined: args.joined,
        shares_subscribed: args.subscribed,
        shares_paid: args.paid,
    };
    (args.org, request)
}

pub async fn run_member(
    artel: &Artel,
    command: MemberCommand,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match command {
        MemberCommand::Apply(args) => {
            let (org, request) = request(args);
            let member = artel.apply_member(&org, request).await?;
            writeln!(out, "applicant {} recorded in {org}", member.number)?;
        }
        MemberCommand::Change {
            org,
            number,
            event,
            date,
            note,
            debts,
        } => {
            let event = MemberEvent::parse(&event).map_err(|e| AppError::rejected("--event", e))?;
            let action = MemberAction {
                event,
                date,
                note,
                debts: amount(artel, &org, debts.as_deref()).await?,
            };
            let posted = artel.change_member(&org, number, &action).await?;
            match posted {
                Some(sequence) => {
                    writeln!(out, "member {number}: {event}, entry {sequence} posted")?
                }
                None => writeln!(out, "member {number}: {event}")?,
            }
        }
        MemberCommand::Pay {
            org,
            number,
            shares,
            date,
        } => {
            let sequence = artel.pay_shares(&org, number, shares, date).await?;
            writeln!(
                out,
                "member {number}: {shares} shares paid, entry {sequence} posted"
            )?;
        }
        MemberCommand::Link { org, number, user } => {
            artel.link_member(&org, number, &user).await?;
            writeln!(out, "member {number} of {org} signs in as {user}")?;
        }
        MemberCommand::Show {
            org,
            number,
            format,
        } => {
            let (member, history) = artel.member(&org, number).await?;
            let currency = artel.book(&org).await?.currency;
            writeln!(
                out,
                "{} {} ({}), {} shares paid, {} paid in",
                member.number,
                member.name,
                member.status,
                member.shares_paid,
                currency.format(member.paid_in)
            )?;
            let rows: Vec<[String; 5]> = history
                .events
                .iter()
                .map(|e| {
                    [
                        e.date.to_string(),
                        e.event.clone(),
                        e.motion.map(|n| n.to_string()).unwrap_or_default(),
                        e.sequence.map(|n| n.to_string()).unwrap_or_default(),
                        e.note.clone(),
                    ]
                })
                .collect();
            render::table(
                out,
                format,
                &["date", "event", "motion", "entry", "note"],
                &rows,
            )?;
        }
    }
    Ok(())
}

pub async fn run_meeting(
    artel: &Artel,
    command: MeetingCommand,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match command {
        MeetingCommand::Add {
            org,
            body,
            date,
            title,
            agenda,
            minutes,
            eligible,
            present,
        } => {
            let request = MeetingRequest {
                body,
                held_on: date,
                title,
                agenda,
                minutes,
                eligible,
                present,
            };
            let number = artel.record_meeting(&org, &request).await?;
            writeln!(out, "meeting {number} recorded in {org}")?;
        }
        MeetingCommand::Motion {
            org,
            meeting,
            kind,
            text,
            ballot,
            member,
            yes,
            no,
            abstain,
            debts,
            charter,
            effective,
            committee,
            elected,
            term_ends,
        } => {
            let charter = match charter {
                Some(path) => {
                    let text = std::fs::read_to_string(&path).map_err(|error| AppError::Io {
                        path: path.display().to_string(),
                        error,
                    })?;
                    let document: CharterDocument = serde_json::from_str(&text)
                        .map_err(|e| AppError::rejected("--charter", e.to_string()))?;
                    Some(document)
                }
                None => None,
            };
            let request = MotionRequest {
                kind,
                text,
                ballot,
                member,
                yes,
                no,
                abstain,
                debts: amount(artel, &org, debts.as_deref()).await?,
                charter,
                effective,
                committee,
                elected,
                term_ends,
            };
            let decided = artel.put_motion(&org, meeting, &request).await?;
            let outcome = match decided.outcome {
                Outcome::Adopted => "adopted".to_owned(),
                Outcome::Rejected => "rejected".to_owned(),
                Outcome::NoQuorum { needed } => {
                    format!("not decided: no quorum ({needed} present needed)")
                }
            };
            write!(out, "motion {}: {outcome}", decided.number)?;
            match decided.sequence {
                Some(sequence) => writeln!(out, ", entry {sequence} posted")?,
                None => writeln!(out)?,
            }
        }
        MeetingCommand::Committees { org, date, format } => {
            let date = date.unwrap_or_else(|| chrono::Utc::now().date_naive());
            let seats = artel.committees(&org, date).await?;
            let rows: Vec<[String; 5]> = seats
                .into_iter()
                .map(|seat| {
                    [
                        seat.body,
                        seat.member.to_string(),
                        seat.name,
                        seat.ends_on.to_string(),
                        seat.motion.to_string(),
                    ]
                })
                .collect();
            render::table(
                out,
                format,
                &["committee", "member", "name", "term_ends", "motion"],
                &rows,
            )?;
        }
        MeetingCommand::Charter { org, date } => {
            let date = date.unwrap_or_else(|| chrono::Utc::now().date_naive());
            let (_, document) = artel.charter(&org, date).await?;
            writeln!(out, "{}", serde_json::to_string_pretty(&document)?)?;
        }
    }
    Ok(())
}

/// The indicators report: CSV `indicator,value,compare,change_pct`, JSON with nulls for
/// empty values, or a table.
pub fn indicators(
    out: &mut dyn Write,
    format: OutputFormat,
    org: &str,
    rows: &[IndicatorRow],
) -> std::io::Result<()> {
    if format == OutputFormat::Json {
        let rows: Vec<_> = rows
            .iter()
            .map(|r| json!({"indicator": r.indicator, "value": r.value, "compare": r.compare, "change_pct": r.change_pct}))
            .collect();
        return writeln!(out, "{}", json!({"org": org, "rows": rows}));
    }
    let rows: Vec<render::ComparedRow<'_>> = rows
        .iter()
        .map(|r| {
            (
                r.indicator,
                r.value.clone(),
                r.compare.clone(),
                r.change_pct.clone(),
            )
        })
        .collect();
    render::compared_table(out, format, &rows)
}
