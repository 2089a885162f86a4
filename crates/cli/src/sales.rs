//! The sales commands: a payment from a buyer, and the receivables aged on a day.

use std::io::Write;

use artel_app::{AgingBucket, Artel, Buckets};

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
        } => {
            let currency = artel.book(&org).await?.currency;
            let paid = artel
                .record_payment(
                    &org,
                    &counterparty,
                    &amount,
                    date.unwrap_or_else(today),
                    into.as_deref(),
                )
                .await
                .map_err(|e| {
                    on_the_command_line(
                        e,
                        &[
                            ("amount", "--amount"),
                            ("into", "--into"),
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
    }
    Ok(())
}
