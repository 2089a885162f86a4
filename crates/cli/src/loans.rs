//! The loan commands: a loan recorded with its drawdown posted, the loans with what is
//! outstanding, a loan's repayment schedule, and the next instalment repaid.

use std::io::Write;

use artel_app::{Artel, LoanRequest, format_rate};

use crate::cli::LoanCommand;
use crate::places::on_the_command_line;
use crate::render;

/// The command line's names for the fields a refusal of a loan names.
const NAMES: &[(&str, &str)] = &[
    ("lender", "--lender"),
    ("lender_kind", "--lender-kind"),
    ("principal", "--principal"),
    ("rate", "--rate"),
    ("drawn", "--drawn"),
    ("instalments", "--instalments"),
    ("months", "--every"),
    ("into", "--into"),
    ("from", "--from"),
    ("loan", "--loan"),
    ("date", "--date"),
];

/// Runs a loan command.
pub async fn run(artel: &Artel, command: LoanCommand, out: &mut impl Write) -> anyhow::Result<()> {
    match command {
        LoanCommand::Add {
            org,
            lender,
            lender_kind,
            principal,
            rate,
            drawn,
            instalments,
            every,
            into,
        } => {
            let request = LoanRequest {
                lender,
                lender_kind,
                principal,
                rate,
                drawn,
                instalments,
                months: every,
                into,
            };
            let added = artel
                .add_loan(&org, &request, "cli")
                .await
                .map_err(|e| on_the_command_line(e, NAMES))?;
            writeln!(
                out,
                "{org}: loan {} from {} recorded, drawdown posted as entry {}",
                added.number,
                request.lender.trim(),
                added.sequence
            )?;
        }
        LoanCommand::List { org, format } => {
            let currency = artel.book(&org).await?.currency;
            let rows: Vec<[String; 11]> = artel
                .loans(&org)
                .await?
                .into_iter()
                .map(|loan| {
                    let paid = loan.schedule.iter().filter(|s| s.repaid.is_some()).count();
                    let terms = &loan.terms;
                    [
                        loan.number.to_string(),
                        terms.lender().to_owned(),
                        terms.lender_kind().to_string(),
                        currency.format(terms.principal()),
                        format_rate(terms.rate_bp()),
                        terms.drawn().to_string(),
                        terms.instalments().to_string(),
                        terms.months().to_string(),
                        paid.to_string(),
                        currency.format(loan.outstanding),
                        loan.sequence.to_string(),
                    ]
                })
                .collect();
            let header = [
                "loan",
                "lender",
                "lender_kind",
                "principal",
                "rate",
                "drawn",
                "instalments",
                "every",
                "paid",
                "outstanding",
                "entry",
            ];
            render::table(out, format, &header, &rows)?;
        }
        LoanCommand::Schedule { org, loan, format } => {
            let currency = artel.book(&org).await?.currency;
            let loan = artel
                .loan(&org, loan)
                .await
                .map_err(|e| on_the_command_line(e, NAMES))?;
            let rows: Vec<[String; 6]> = loan
                .schedule
                .iter()
                .map(|s| {
                    let i = &s.instalment;
                    [
                        i.number.to_string(),
                        i.due.to_string(),
                        currency.format(i.principal),
                        currency.format(i.interest),
                        currency.format(i.total()),
                        s.repaid.map(|r| r.sequence.to_string()).unwrap_or_default(),
                    ]
                })
                .collect();
            let header = [
                "instalment",
                "due",
                "principal",
                "interest",
                "total",
                "paid_by",
            ];
            render::table(out, format, &header, &rows)?;
        }
        LoanCommand::Repay {
            org,
            loan,
            date,
            from,
        } => {
            let currency = artel.book(&org).await?.currency;
            let repaid = artel
                .repay_loan(&org, loan, date, from.as_deref(), "cli")
                .await
                .map_err(|e| on_the_command_line(e, NAMES))?;
            let i = &repaid.instalment;
            writeln!(
                out,
                "{org}: loan {loan} instalment {} repaid ({} principal, {} interest), posted as entry {}; outstanding {}",
                i.number,
                currency.format(i.principal),
                currency.format(i.interest),
                repaid.sequence,
                currency.format(repaid.outstanding)
            )?;
        }
    }
    Ok(())
}
