//! The stock commands: recording a movement, what is on hand, the movements of a range.

use std::io::Write;

use artel_app::{AppError, Artel, StockKind, StockMove};
use artel_ledger::AccountName;

use crate::cli::StockCommand;
use crate::places::on_the_command_line;
use crate::render;

/// The command line's names for the fields a refusal of a movement names.
const NAMES: &[(&str, &str)] = &[
    ("item", "ITEM"),
    ("quantity", "QUANTITY"),
    ("account", "--paid-from"),
    ("value", "--value"),
    ("owner", "--owner"),
    ("date", "--date"),
];

/// Runs a stock command.
pub async fn run(artel: &Artel, command: StockCommand, out: &mut impl Write) -> anyhow::Result<()> {
    match command {
        StockCommand::Record {
            org,
            kind,
            item,
            quantity,
            value,
            owner,
            paid_from,
            date,
            note,
        } => {
            let kind = StockKind::parse(&kind).map_err(|e| AppError::rejected("KIND", e))?;
            let currency = artel.book(&org).await?.currency;
            let value = value
                .map(|text| currency.parse(&text))
                .transpose()
                .map_err(|e| AppError::rejected("--value", e.to_string()))?;
            let paid_from = paid_from
                .map(|text| AccountName::parse(&text))
                .transpose()
                .map_err(|e| AppError::rejected("--paid-from", e.to_string()))?;
            let movement = StockMove {
                line: 0,
                date: date.unwrap_or_else(|| chrono::Local::now().date_naive()),
                kind,
                item,
                quantity,
                value,
                owner,
                paid_from,
                note,
            };
            let recorded = artel
                .record_stock(&org, &movement, "cli")
                .await
                .map_err(|e| on_the_command_line(e, NAMES))?;
            match recorded.sequence {
                Some(sequence) => writeln!(
                    out,
                    "{org}: stock {kind} of {quantity} {} recorded, posted as entry {sequence}",
                    movement.item
                )?,
                None => writeln!(
                    out,
                    "{org}: stock {kind} of {quantity} {} recorded, nothing posted",
                    movement.item
                )?,
            }
        }
        StockCommand::Show { org, format } => {
            let currency = artel.book(&org).await?.currency;
            let rows: Vec<[String; 5]> = artel
                .stock_on_hand(&org)
                .await?
                .into_iter()
                .map(|s| {
                    let value = if s.owner.is_empty() {
                        currency.format(s.on_hand.value)
                    } else {
                        String::new()
                    };
                    [
                        s.item,
                        s.item_kind,
                        s.owner,
                        s.on_hand.quantity.to_string(),
                        value,
                    ]
                })
                .collect();
            render::table(
                out,
                format,
                &["item", "kind", "owner", "quantity", "value"],
                &rows,
            )?;
        }
        StockCommand::Movements {
            org,
            from,
            to,
            format,
        } => {
            let currency = artel.book(&org).await?.currency;
            let rows: Vec<[String; 8]> = artel
                .stock_movements(&org, from, to)
                .await?
                .into_iter()
                .map(|m| {
                    [
                        m.date.to_string(),
                        m.kind,
                        m.item,
                        m.owner,
                        m.change.quantity.to_string(),
                        currency.format(m.change.value),
                        m.sequence.map(|s| s.to_string()).unwrap_or_default(),
                        m.note,
                    ]
                })
                .collect();
            let header = [
                "date", "kind", "item", "owner", "quantity", "value", "entry", "note",
            ];
            render::table(out, format, &header, &rows)?;
        }
    }
    Ok(())
}
