//! The organisation commands: adding one, its status, upgrade, memberships, history,
//! lists and counts as of a date, affiliated bodies; and how their results are printed.

use std::io::Write;

use artel_app::{Artel, OrganisationRequest, RegionCounts, RegionStatistics};
use chrono::NaiveDate;
use serde_json::json;

use crate::cli::{BodyCommand, OrgCommand, OutputFormat};
use crate::render;

fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Runs an organisation command.
pub async fn run(artel: &Artel, command: OrgCommand, out: &mut impl Write) -> anyhow::Result<()> {
    match command {
        OrgCommand::Add {
            code,
            kind,
            name,
            region,
            parent,
            currency,
            scale,
            founded,
            status,
        } => {
            let request = OrganisationRequest {
                code,
                kind,
                name,
                region,
                parent,
                currency,
                scale,
                founded,
                status,
            };
            let organisation = artel.add_organisation(&request).await?;
            writeln!(
                out,
                "added {} {} with a book in {}",
                organisation.kind,
                organisation.code,
                organisation.currency.symbol()
            )?;
        }
        OrgCommand::Status {
            code,
            status,
            date,
            note,
        } => {
            let event = artel.change_status(&code, &status, date, &note).await?;
            writeln!(out, "{code}: {} from {}", event.status, event.date)?;
        }
        OrgCommand::Upgrade { code, date, note } => {
            let event = artel.upgrade_team(&code, date, &note).await?;
            writeln!(out, "{code}: a {} from {}", event.kind, event.date)?;
        }
        OrgCommand::Join { code, parent, date } => {
            artel.join_parent(&code, &parent, date).await?;
            writeln!(out, "{code}: a member of {parent} from {date}")?;
        }
        OrgCommand::Leave { code, parent, date } => {
            artel.leave_parent(&code, &parent, date).await?;
            writeln!(out, "{code}: left {parent} on {date}")?;
        }
        OrgCommand::History { code, format } => history(artel, &code, format, out).await?,
        OrgCommand::List {
            region,
            as_of,
            format,
        } => {
            let as_of = as_of.unwrap_or_else(today);
            let list = artel.organisations_as_of(region.as_deref(), as_of).await?;
            let rows: Vec<[String; 6]> = list
                .into_iter()
                .map(|o| {
                    [
                        o.organisation.code,
                        o.organisation.name,
                        o.standing.kind.to_string(),
                        o.standing.status.to_string(),
                        o.founded.to_string(),
                        o.organisation.region_path.unwrap_or_default(),
                    ]
                })
                .collect();
            let header = ["code", "name", "kind", "status", "founded", "region"];
            render::table(out, format, &header, &rows)?;
        }
        OrgCommand::Body(BodyCommand::Add {
            code,
            kind,
            name,
            founded,
        }) => {
            let body = artel.add_body(&code, &kind, &name, founded).await?;
            writeln!(
                out,
                "added {} '{}' to {code}, founded {}",
                body.kind, body.name, body.founded
            )?;
        }
        OrgCommand::Body(BodyCommand::List { code, format }) => {
            let rows: Vec<[String; 4]> = artel
                .bodies(&code)
                .await?
                .into_iter()
                .map(|b| [b.kind, b.name, b.founded.to_string(), b.members.to_string()])
                .collect();
            render::table(out, format, &["kind", "name", "founded", "members"], &rows)?;
        }
        OrgCommand::Body(BodyCommand::Affiliate {
            code,
            body,
            member,
            since,
        }) => {
            artel.affiliate_member(&code, &body, member, since).await?;
            writeln!(
                out,
                "{code}: member {member} belongs to '{body}' since {since}"
            )?;
        }
    }
    Ok(())
}

async fn history(
    artel: &Artel,
    code: &str,
    format: OutputFormat,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let events = artel.org_history(code).await?;
    let memberships = artel.memberships(code).await?;
    let mut rows: Vec<[String; 5]> = events
        .into_iter()
        .map(|e| [e.date.to_string(), e.event, e.kind, e.status, e.note])
        .collect();
    for m in memberships {
        let (joined, left) = if m.org_code == code {
            (
                format!("joined {}", m.parent_code),
                format!("left {}", m.parent_code),
            )
        } else {
            (
                format!("{} joined", m.org_code),
                format!("{} left", m.org_code),
            )
        };
        rows.push([
            m.since.to_string(),
            "membership".into(),
            joined,
            String::new(),
            String::new(),
        ]);
        if let Some(until) = m.until {
            rows.push([
                until.to_string(),
                "membership".into(),
                left,
                String::new(),
                String::new(),
            ]);
        }
    }
    // Stable: on one date, events keep the order they were recorded in.
    rows.sort_by(|a, b| a[0].cmp(&b[0]));
    render::table(
        out,
        format,
        &["date", "event", "kind", "status", "note"],
        &rows,
    )?;
    Ok(())
}

/// `artel region counts`: `indicator,value` rows, every one always present.
pub async fn region_counts(
    artel: &Artel,
    code: &str,
    as_of: Option<NaiveDate>,
    format: OutputFormat,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let counts: RegionCounts = artel
        .region_counts(code, as_of.unwrap_or_else(today))
        .await?;
    let rows = counts.rows();
    match format {
        OutputFormat::Json => {
            let rows: Vec<_> = rows
                .iter()
                .map(|(indicator, value)| json!({"indicator": indicator, "value": value}))
                .collect();
            writeln!(
                out,
                "{}",
                json!({"region": counts.region.code, "as_of": counts.as_of.to_string(), "rows": rows})
            )?;
        }
        OutputFormat::Csv | OutputFormat::Text => {
            let rows: Vec<[String; 2]> = rows
                .into_iter()
                .map(|(indicator, value)| [indicator, value.to_string()])
                .collect();
            render::table(out, format, &["indicator", "value"], &rows)?;
        }
    }
    Ok(())
}

/// `artel report statistics`: CSV `indicator,value` — with `compare,change_pct` after them
/// when compared with another period — JSON with nulls for empty values, or a table.
pub fn statistics(
    out: &mut dyn Write,
    format: OutputFormat,
    statistics: &RegionStatistics,
) -> std::io::Result<()> {
    let compared = statistics.compare.is_some();
    if format == OutputFormat::Json {
        let rows: Vec<_> = statistics
            .rows
            .iter()
            .map(|r| {
                let text = |figure: Option<artel_app::Figure>| figure.map(|f| f.to_string());
                let mut row = json!({"indicator": r.statistic, "value": text(r.value)});
                if compared {
                    row["compare"] = json!(text(r.compare));
                    row["change_pct"] = json!(text(r.change_pct));
                }
                row
            })
            .collect();
        let mut body = json!({
            "region": statistics.region.code,
            "period": statistics.period.to_string(),
            "currency": statistics.currency,
            "rows": rows,
        });
        if let Some(compare) = statistics.compare {
            body["compare"] = json!(compare.to_string());
        }
        return writeln!(out, "{body}");
    }
    let text = |figure: Option<artel_app::Figure>| figure.map(|f| f.to_string());
    let rows = &statistics.rows;
    if compared {
        let rows: Vec<render::ComparedRow<'_>> = rows
            .iter()
            .map(|r| {
                (
                    r.statistic.as_str(),
                    text(r.value),
                    text(r.compare),
                    text(r.change_pct),
                )
            })
            .collect();
        render::compared_table(out, format, &rows)
    } else {
        let cells: Vec<[String; 2]> = rows
            .iter()
            .map(|r| [r.statistic.clone(), text(r.value).unwrap_or_default()])
            .collect();
        render::table(out, format, &["indicator", "value"], &cells)
    }
}
