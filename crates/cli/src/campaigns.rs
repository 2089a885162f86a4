//! The campaign and exhibition commands: a campaign recorded, its focus cooperatives
//! chosen, stages, findings, actions and phases recorded, its progress shown on a day and
//! its before/after report; exhibitions recorded and listed.

use std::io::Write;

use artel_app::{
    Artel, Campaign, CampaignRequest, ExhibitionRequest, FocusSelection, Stage, StageUpdate,
};
use serde_json::json;

use crate::cli::{CampaignCommand, ExhibitionAdd, ExhibitionCommand, OutputFormat};
use crate::places::on_the_command_line;
use crate::render;

/// The command line's names for the fields a refusal names.
const NAMES: &[(&str, &str)] = &[
    ("code", "CODE"),
    ("owner", "--org"),
    ("region", "--region"),
    ("title", "--title"),
    ("start", "--start"),
    ("deadline", "--deadline"),
    ("goals", "--goals"),
    ("meeting", "--meeting"),
    ("baseline", "--baseline"),
    ("follow_up", "--follow-up"),
    ("organisation", "--org"),
    ("per_district", "--per-district"),
    ("stage", "--stage"),
    ("status", "--status"),
    ("started", "--started"),
    ("finished", "--finished"),
    ("notes", "--notes"),
    ("category", "--category"),
    ("text", "--text"),
    ("finding", "--finding"),
    ("due", "--due"),
    ("action", "--action"),
    ("date", "--date"),
    ("phase", "--phase"),
    ("campaign", "CODE"),
];

/// The exhibition command's names for the fields a refusal names.
const EXHIBITION_NAMES: &[(&str, &str)] = &[
    ("owner", "--org"),
    ("region", "--region"),
    ("kind", "--kind"),
    ("title", "--title"),
    ("place", "--place"),
    ("last_day", "--last"),
    ("participants", "--participant"),
    ("products", "--product"),
    ("contracts", "--contract"),
];

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Runs a campaign command.
pub async fn run(
    artel: &Artel,
    command: CampaignCommand,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let cli = |e| on_the_command_line(e, NAMES);
    match command {
        CampaignCommand::Add {
            code,
            org,
            region,
            title,
            start,
            deadline,
            goals,
            meeting,
            baseline,
            follow_up,
        } => {
            let request = CampaignRequest {
                code: code.clone(),
                owner: org,
                region,
                title,
                start,
                deadline,
                goals,
                meeting,
                baseline,
                follow_up,
            };
            artel.record_campaign(&request).await.map_err(cli)?;
            writeln!(
                out,
                "campaign {code} recorded: {start} to {deadline}, in its pilot phase"
            )?;
        }
        CampaignCommand::Focus {
            code,
            org,
            per_district,
        } => {
            let selection = match per_district {
                Some(n) => FocusSelection::PerDistrict(n),
                None => FocusSelection::Codes(org),
            };
            let chosen = artel.select_focus(&code, &selection).await.map_err(cli)?;
            writeln!(
                out,
                "{code}: {} focus cooperatives: {}",
                chosen.len(),
                chosen.join(", ")
            )?;
        }
        CampaignCommand::Stage {
            code,
            org,
            stage,
            status,
            started,
            finished,
            notes,
        } => {
            let update = StageUpdate {
                organisation: org.clone(),
                stage: stage.clone(),
                status: status.clone(),
                started,
                finished,
                notes,
            };
            artel.update_stage(&code, &update).await.map_err(cli)?;
            writeln!(out, "{code}: {org} {stage} {status}")?;
        }
        CampaignCommand::Finding {
            code,
            org,
            category,
            text,
        } => {
            let number = artel
                .add_finding(&code, &org, &category, &text)
                .await
                .map_err(cli)?;
            writeln!(out, "{number}")?;
        }
        CampaignCommand::Action {
            code,
            finding,
            owner,
            due,
        } => {
            let number = artel
                .add_action(&code, finding, &owner, due)
                .await
                .map_err(cli)?;
            writeln!(out, "{number}")?;
        }
        CampaignCommand::ActionDone { code, action, date } => {
            artel.action_done(&code, action, date).await.map_err(cli)?;
            writeln!(out, "{code}: action {action} done on {date}")?;
        }
        CampaignCommand::Phase { code, phase, date } => {
            artel.move_phase(&code, &phase, date).await.map_err(cli)?;
            writeln!(out, "{code}: {phase} from {date}")?;
        }
        CampaignCommand::Show {
            code,
            as_of,
            format,
        } => {
            let campaign = artel
                .campaign(&code, as_of.unwrap_or_else(today))
                .await
                .map_err(cli)?;
            show(out, format, &campaign)?;
        }
        CampaignCommand::List { format } => {
            let rows: Vec<[String; 8]> = artel
                .campaigns()
                .await?
                .into_iter()
                .map(|c| {
                    [
                        c.code,
                        c.title,
                        c.owner,
                        c.region,
                        c.start.to_string(),
                        c.deadline.to_string(),
                        c.phase.to_string(),
                        c.focus.to_string(),
                    ]
                })
                .collect();
            let header = [
                "campaign", "title", "owner", "region", "start", "deadline", "phase", "focus",
            ];
            render::table(out, format, &header, &rows)?;
        }
        CampaignCommand::Report { code, format } => {
            let report = artel.campaign_report(&code).await.map_err(cli)?;
            let rows: Vec<[String; 5]> = report
                .rows
                .into_iter()
                .map(|r| {
                    [
                        r.organisation,
                        r.indicator.to_owned(),
                        r.baseline.unwrap_or_default(),
                        r.follow_up.unwrap_or_default(),
                        r.change_pct.unwrap_or_default(),
                    ]
                })
                .collect();
            let header = [
                "organisation",
                "indicator",
                "baseline",
                "follow_up",
                "change_pct",
            ];
            render::table(out, format, &header, &rows)?;
        }
    }
    Ok(())
}

/// The campaign's figures as `(item, value)` rows: the totals, then each focus
/// cooperative's stages done and each stage's status, then the overdue actions.
fn show_rows(campaign: &Campaign) -> Vec<[String; 2]> {
    let p = &campaign.progress;
    let mut rows = vec![
        ["phase".to_owned(), campaign.phase.to_string()],
        [
            "days_to_deadline".to_owned(),
            p.days_to_deadline.to_string(),
        ],
        ["stages_done".to_owned(), p.stages_done.to_string()],
        ["stages_total".to_owned(), p.stages_total.to_string()],
        ["actions_open".to_owned(), p.actions_open.to_string()],
        ["actions_done".to_owned(), p.actions_done.to_string()],
        ["actions_overdue".to_owned(), p.actions_overdue.to_string()],
    ];
    for focus in &campaign.focus {
        rows.push([
            format!("stages_done.{}", focus.code),
            focus.stages_done.to_string(),
        ]);
        for record in &focus.stages {
            rows.push([
                format!("stage.{}.{}", focus.code, record.stage),
                record.status.to_string(),
            ]);
        }
    }
    for action in campaign.actions.iter().filter(|a| a.overdue) {
        rows.push([format!("overdue.{}", action.number), action.due.to_string()]);
    }
    rows
}

fn show(out: &mut impl Write, format: OutputFormat, campaign: &Campaign) -> anyhow::Result<()> {
    match format {
        OutputFormat::Csv => render::table(out, format, &["item", "value"], &show_rows(campaign))?,
        OutputFormat::Json => {
            let p = &campaign.progress;
            let focus: Vec<_> = campaign
                .focus
                .iter()
                .map(|f| {
                    let stages: serde_json::Map<String, serde_json::Value> = f
                        .stages
                        .iter()
                        .map(|s| (s.stage.to_string(), json!(s.status.as_str())))
                        .collect();
                    json!({"organisation": f.code, "stages_done": f.stages_done, "stages": stages})
                })
                .collect();
            let actions: Vec<_> = campaign
                .actions
                .iter()
                .map(|a| {
                    json!({"action": a.number, "finding": a.finding, "organisation": a.organisation,
                        "owner": a.owner, "due": a.due.to_string(), "status": a.status.as_str(),
                        "done_on": a.done_on.map(|d| d.to_string()), "overdue": a.overdue})
                })
                .collect();
            writeln!(
                out,
                "{}",
                json!({
                    "campaign": campaign.code, "title": campaign.terms.title, "owner": campaign.owner,
                    "region": campaign.region, "phase": campaign.phase.as_str(),
                    "as_of": campaign.as_of.to_string(), "deadline": campaign.terms.deadline.to_string(),
                    "days_to_deadline": p.days_to_deadline, "stages_done": p.stages_done,
                    "stages_total": p.stages_total, "actions_open": p.actions_open,
                    "actions_done": p.actions_done, "actions_overdue": p.actions_overdue,
                    "focus": focus, "actions": actions,
                })
            )?;
        }
        OutputFormat::Text => {
            let p = &campaign.progress;
            writeln!(
                out,
                "{}: {} ({} phase since {}), deadline {}",
                campaign.code,
                campaign.terms.title,
                campaign.phase,
                campaign.phase_since,
                campaign.terms.deadline
            )?;
            writeln!(
                out,
                "as of {}: {} days to the deadline; stages done {} of {}; actions {} open ({} overdue), {} done",
                campaign.as_of,
                p.days_to_deadline,
                p.stages_done,
                p.stages_total,
                p.actions_open,
                p.actions_overdue,
                p.actions_done
            )?;
            let rows: Vec<[String; 8]> = campaign
                .focus
                .iter()
                .map(|f| {
                    let mut row: [String; 8] = Default::default();
                    row[0] = f.code.clone();
                    row[1] = format!("{}/{}", f.stages_done, Stage::ALL.len());
                    for (cell, record) in row[2..].iter_mut().zip(&f.stages) {
                        *cell = record.status.to_string();
                    }
                    row
                })
                .collect();
            let mut header = ["organisation", "done", "", "", "", "", "", ""];
            for (cell, stage) in header[2..].iter_mut().zip(Stage::ALL) {
                *cell = stage.as_str();
            }
            render::table(out, OutputFormat::Text, &header, &rows)?;
            let overdue: Vec<[String; 4]> = campaign
                .actions
                .iter()
                .filter(|a| a.overdue)
                .map(|a| {
                    [
                        a.number.to_string(),
                        a.organisation.clone(),
                        a.owner.clone(),
                        a.due.to_string(),
                    ]
                })
                .collect();
            if !overdue.is_empty() {
                writeln!(out, "overdue actions:")?;
                render::table(
                    out,
                    OutputFormat::Text,
                    &["action", "organisation", "owner", "due"],
                    &overdue,
                )?;
            }
        }
    }
    Ok(())
}

/// Runs an exhibition command.
pub async fn run_exhibition(
    artel: &Artel,
    command: ExhibitionCommand,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    match command {
        ExhibitionCommand::Add(add) => {
            let ExhibitionAdd {
                org,
                kind,
                title,
                place,
                region,
                first,
                last,
                participant,
                visitors,
                product,
                contract,
            } = *add;
            let request = ExhibitionRequest {
                owner: org.clone(),
                region,
                kind,
                title,
                place,
                first_day: first,
                last_day: last,
                participants: participant,
                visitors,
                products: product,
                contracts: contract,
            };
            let number = artel
                .record_exhibition(&request)
                .await
                .map_err(|e| on_the_command_line(e, EXHIBITION_NAMES))?;
            writeln!(out, "{number}")?;
        }
        ExhibitionCommand::List { format } => {
            let rows: Vec<[String; 10]> = artel
                .exhibitions()
                .await?
                .into_iter()
                .map(|e| {
                    [
                        e.owner,
                        e.number.to_string(),
                        e.kind.to_string(),
                        e.title,
                        e.place,
                        e.first_day.to_string(),
                        e.last_day.to_string(),
                        e.participants.len().to_string(),
                        e.contracts.len().to_string(),
                        e.currency.format(e.total_value),
                    ]
                })
                .collect();
            let header = [
                "organiser",
                "number",
                "kind",
                "title",
                "place",
                "first_day",
                "last_day",
                "participants",
                "contracts",
                "contract_value",
            ];
            render::table(out, format, &header, &rows)?;
        }
    }
    Ok(())
}
