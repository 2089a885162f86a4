//! The sales commands: a payment from a buyer, a bad debt written off, the contracts and
//! how far they are fulfilled, the receivables aged on a day, and the charter's credit
//! limits they cross.

use std::io::Write;

use artel_app::{AgingBucket, Artel, Buckets, CreditWarning, PaymentRequest, per_mille_as_percent};

use crate::cli::SalesCommand;
use crate::places::on_the_command_line;
use crate::render;

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Runs a sales command.
pub async fn run(artel: &Artel, command: SalesCommand, out: &mut impl Write) -> anyhow::Result<()> {
    match command {
        SalesCommand::Pay {
            org,
            counterparty,
            amount,
            date,
            into,
            invoice,
        } => {
            let currency = artel.book(&org).await?.currency;
            let request = PaymentRequest {
                counterparty: &counterparty,
                amount: &amount,
                date: date.unwrap_or_else(today),
                into: into.as_deref(),
                invoice,
            };
            let paid = artel.record_payment(&org, &request).await.map_err(|e| {
                on_the_command_line(
                    e,
                    &[
                        ("amount", "--amount"),
                        ("into", "--into"),
                        ("invoice", "--invoice"),
                        ("counterparty", "COUNTERPARTY"),
                    ],
                )
            })?;
            let applied: Vec<String> = paid
                .applied
                .iter()
                .map(|(invoice, m)| format!("{} to invoice {invoice}", currency.format(*m)))
                .collect();
            writeln!(
                out,
                "{org}: payment from {counterparty} posted as entry {}; {}; advance {}",
                paid.sequence,
                if applied.is_empty() {
                    "no open invoices".to_owned()
                } else {
                    applied.join(", ")
                },
                currency.format(paid.advance)
            )?;
        }
        SalesCommand::WriteOff {
            org,
            invoice,
            motion,
            date,
        } => {
            let sequence = artel
                .write_off(&org, invoice, motion, date.unwrap_or_else(today))
                .await
                .map_err(|e| {
                    on_the_command_line(e, &[("motion", "--motion"), ("invoice", "INVOICE")])
                })?;
            writeln!(
                out,
                "{org}: invoice {invoice} written off as entry {sequence}, by motion {motion}"
            )?;
        }
        SalesCommand::Contracts { org, as_of, format } => {
            let currency = artel.book(&org).await?.currency;
            let standings = artel
                .contract_standings(&org, as_of.unwrap_or_else(today))
                .await?;
            let rows: Vec<[String; 8]> = standings
                .iter()
                .map(|s| {
                    [
                        s.contract.number.clone(),
                        s.contract.counterparty.clone(),
                        s.contract.kind.clone(),
                        s.contract.signed.to_string(),
                        currency.format(s.contract.value),
                        currency.format(s.fulfilment.delivered),
                        per_mille_as_percent(s.fulfilment.per_mille),
                        s.fulfilment.status.as_str().to_owned(),
                    ]
                })
                .collect();
            let header = [
                "number",
                "counterparty",
                "kind",
                "signed",
                "value",
                "delivered",
                "fulfilled_pct",
                "status",
            ];
            render::table(out, format, &header, &rows)?;
        }
        SalesCommand::Aging { org, as_of, format } => {
            let currency = artel.book(&org).await?.currency;
            let aging = artel.aging(&org, as_of.unwrap_or_else(today)).await?;
            let mut header = vec!["counterparty"];
            header.extend(AgingBucket::ALL.iter().map(|b| b.as_str()));
            let header: [&str; 7] = header
                .try_into()
                .map_err(|_| anyhow::anyhow!("six aging buckets"))?;
            let row = |name: &str, buckets: &Buckets| -> [String; 7] {
                let mut row: [String; 7] = Default::default();
                row[0] = name.to_owned();
                for (cell, amount) in row[1..].iter_mut().zip(buckets) {
                    *cell = currency.format(*amount);
                }
                row
            };
            let mut rows: Vec<[String; 7]> = aging
                .counterparties
                .iter()
                .map(|(name, buckets)| row(name, buckets))
                .collect();
            rows.push(row("total", &aging.total));
            render::table(out, format, &header, &rows)?;
        }
        SalesCommand::Warnings { org, as_of } => {
            let warnings = artel
                .credit_warnings(&org, as_of.unwrap_or_else(today))
                .await?;
            if warnings.is_empty() {
                writeln!(out, "{org}: within the charter's credit limits")?;
            }
            for warning in warnings {
                writeln!(out, "{org}: {}", describe(&warning))?;
            }
        }
    }
    Ok(())
}

/// Thousandths as a percentage: `805` is `80.5 %`.
fn percent(per_mille: u64) -> String {
    format!("{} %", per_mille_as_percent(per_mille))
}

fn describe(warning: &CreditWarning) -> String {
    match warning {
        CreditWarning::CreditShare { per_mille, limit } => format!(
            "{} of the year's sales on credit, above the charter's {}",
            percent(*per_mille),
            percent(u64::from(*limit))
        ),
        CreditWarning::CreditTerm {
            counterparty,
            days,
            limit,
        } => format!("{counterparty} granted {days} days' credit, above the charter's {limit}"),
        CreditWarning::Exposure {
            counterparty,
            per_mille,
            limit,
        } => format!(
            "{counterparty} owes {} of the receivables, above the charter's {}",
            percent(*per_mille),
            percent(u64::from(*limit))
        ),
    }
}
