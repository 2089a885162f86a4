//! The year-end commands: close and reopen a year, preview and carry out the distribution
//! of its surplus, and show the labour records and the members' statements.

use std::io::Write;

use artel_app::{Artel, DistributionPlan, days_text, parse_draw};
use artel_ledger::{Currency, Money};

use artel_reports_out::{Fonts, StatementLabels, StatementSource, member_statement, render_pdf};

use crate::cli::{DrawArgs, Language, YearCommand};
use crate::places::on_the_command_line;
use crate::render;

/// The command line's names for the fields a refusal names.
const NAMES: &[(&str, &str)] = &[
    ("year", "--year"),
    ("motion", "--motion"),
    ("date", "--date"),
    ("draw", "--draw"),
    ("draw_from", "--draw-from"),
];

/// The distribution as rows `line,member,name,amount`: the funds first, then each member's
/// labour and share dividends.
fn plan_rows(plan: &DistributionPlan, currency: &Currency) -> Vec<[String; 4]> {
    let d = &plan.distribution;
    let fund = |line: &str, amount: Money| {
        [
            line.to_owned(),
            String::new(),
            String::new(),
            currency.format(amount),
        ]
    };
    let mut rows = vec![
        fund("surplus", d.surplus),
        fund("loss_covered", d.loss_covered),
        fund("distributable", d.distributable),
        fund("accumulation_fund", d.accumulation_fund),
        fund("welfare_fund", d.welfare_fund),
        fund("other_levies", d.other_levies),
        fund("labour_dividend", d.labour_dividend),
        fund("share_dividend", d.share_dividend),
        fund("share_cap", d.share_cap),
        fund("cap_excess", d.cap_excess),
        fund("loss_charged", d.loss_charged),
        fund("loss_carried", d.loss_carried),
    ];
    if let Some((reserve, amount)) = d.draw {
        rows.push(fund(&format!("draw.{reserve}"), amount));
    }
    for m in &d.members {
        let name = plan.names.get(&m.member).cloned().unwrap_or_default();
        for (line, amount) in [("labour_dividend", m.labour), ("share_dividend", m.share)] {
            rows.push([
                line.to_owned(),
                m.member.to_string(),
                name.clone(),
                currency.format(amount),
            ]);
        }
    }
    rows
}

async fn draw_of(
    artel: &Artel,
    org: &str,
    draw: &DrawArgs,
) -> anyhow::Result<Option<(artel_app::Reserve, Money)>> {
    let currency = artel.book(org).await?.currency;
    Ok(
        parse_draw(draw.draw_from.as_deref(), draw.draw.as_deref(), &currency)
            .map_err(|e| on_the_command_line(e, NAMES))?,
    )
}

/// Runs a year command.
pub async fn run(artel: &Artel, command: YearCommand, out: &mut impl Write) -> anyhow::Result<()> {
    match command {
        YearCommand::Close { org, year } => {
            let closed = artel
                .close_year(&org, year)
                .await
                .map_err(|e| on_the_command_line(e, NAMES))?;
            let currency = artel.book(&org).await?.currency;
            let entry = closed.sequence.map_or_else(
                || "no income or expenses to close".to_owned(),
                |s| format!("closing entry {s}"),
            );
            writeln!(
                out,
                "{org}: {year} closed with a surplus of {} ({entry}); its months are locked",
                currency.format(closed.surplus)
            )?;
        }
        YearCommand::Reopen { org, year, motion } => {
            let reversal = artel
                .reopen_year(&org, year, motion)
                .await
                .map_err(|e| on_the_command_line(e, NAMES))?;
            let entry = reversal.map_or_else(
                || "nothing to reverse".to_owned(),
                |s| format!("the closing reversed by entry {s}"),
            );
            writeln!(out, "{org}: {year} reopened by motion {motion}, {entry}")?;
        }
        YearCommand::Preview {
            org,
            year,
            date,
            draw,
            format,
        } => {
            let draw = draw_of(artel, &org, &draw).await?;
            let on = date.unwrap_or_else(|| chrono::Utc::now().date_naive());
            let plan = artel
                .preview_distribution(&org, year, on, draw)
                .await
                .map_err(|e| on_the_command_line(e, NAMES))?;
            let currency = artel.book(&org).await?.currency;
            render::table(
                out,
                format,
                &["line", "member", "name", "amount"],
                &plan_rows(&plan, &currency),
            )?;
        }
        YearCommand::Distribute {
            org,
            year,
            motion,
            date,
            draw,
        } => {
            let draw = draw_of(artel, &org, &draw).await?;
            let (sequence, plan) = artel
                .distribute(&org, year, motion, date, draw)
                .await
                .map_err(|e| on_the_command_line(e, NAMES))?;
            let currency = artel.book(&org).await?.currency;
            let d = &plan.distribution;
            writeln!(
                out,
                "{org}: {year} distributed by motion {motion} as entry {sequence}: {} to the members, {} to the accumulation fund, {} to the welfare fund, {} in levies",
                currency.format(d.dividends()?),
                currency.format(d.accumulation_fund),
                currency.format(d.welfare_fund),
                currency.format(d.other_levies)
            )?;
        }
        YearCommand::Labour { org, year, format } => {
            let currency = artel.book(&org).await?.currency;
            let rows: Vec<[String; 5]> = artel
                .labour(&org, year)
                .await?
                .into_iter()
                .map(|r| {
                    [
                        r.month.to_string(),
                        r.member.to_string(),
                        days_text(r.days_tenths),
                        r.pieces.to_string(),
                        currency.format(r.wages),
                    ]
                })
                .collect();
            render::table(
                out,
                format,
                &["month", "member", "days", "pieces", "wages"],
                &rows,
            )?;
        }
        YearCommand::Statement {
            org,
            year,
            member,
            out: path,
            lang,
        } => {
            let (organisation, statement, distribution) =
                artel.member_statement(&org, year, member).await?;
            let labels = match lang {
                Language::En => StatementLabels::english(),
                Language::Zh => StatementLabels::chinese(),
            };
            let source = StatementSource {
                organisation: &organisation.name,
                currency: &organisation.currency,
                year,
                distribution: distribution.as_ref(),
            };
            let document = member_statement(source, &statement, &labels)?;
            let fonts = Fonts::load(None)?;
            let bytes = render_pdf(&document, &fonts)?;
            std::fs::write(&path, &bytes)
                .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            writeln!(
                out,
                "{org}: the {year} statement of member {member} written to {} ({} bytes)",
                path.display(),
                bytes.len()
            )?;
        }
        YearCommand::Statements { org, year, format } => {
            let currency = artel.book(&org).await?.currency;
            let mut rows: Vec<[String; 9]> = Vec::new();
            for s in artel.member_statements(&org, year).await? {
                rows.push([
                    s.number.to_string(),
                    s.name.clone(),
                    currency.format(s.share_capital),
                    days_text(s.labour.days_tenths),
                    s.labour.pieces.to_string(),
                    currency.format(s.labour.wages),
                    currency.format(s.labour_dividend),
                    currency.format(s.share_dividend),
                    currency.format(s.dividends()?),
                ]);
            }
            let header = [
                "member",
                "name",
                "share_capital",
                "days",
                "pieces",
                "wages",
                "labour_dividend",
                "share_dividend",
                "dividends",
            ];
            render::table(out, format, &header, &rows)?;
        }
    }
    Ok(())
}
