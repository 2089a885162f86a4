//! Stock of materials and products: movements recorded one at a time (a form, the API) or
//! imported (`artel import stock`, all or nothing, every bad line named), planned against
//! what is on hand by `artel_coop::stock` and written with the entries that value own stock
//! at cost; a buyer's supplied materials counted apart and never posted.

use std::path::Path;

use artel_coop::{ItemKind, OnHand, Stock, StockChange, StockMove, plan_movements, read_stock};
use artel_ledger::{Account, JournalEntry, Posting};
use artel_store::{Organisation, Quantity, StockWrite, StoredMovement, StoredStock};
use chrono::NaiveDate;

use crate::books::template_accounts;
use crate::production::{read, refused};
use crate::{Action, AppError, Artel, Problem};

/// One movement as recorded: its change of quantity and value, and the entry that posted
/// it, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordedMovement {
    pub change: Quantity,
    pub sequence: Option<u64>,
}

/// The accounts movements of own stock post to, as the cooperative chart opens them.
pub(crate) fn stock_accounts() -> Result<Vec<Account>, AppError> {
    use artel_coop::stock::{CHANGE_IN_PRODUCTS, COUNT_DIFFERENCES, MATERIALS, PRODUCTS};
    template_accounts(&[MATERIALS, PRODUCTS, CHANGE_IN_PRODUCTS, COUNT_DIFFERENCES])
}

fn quantity(on_hand: OnHand) -> Quantity {
    Quantity {
        quantity: on_hand.quantity,
        value: on_hand.value,
    }
}

/// The entry of one planned movement, when it posts anything.
fn entry_of(
    movement: &StockMove,
    change: &StockChange,
    source: &str,
) -> Result<Option<JournalEntry>, AppError> {
    if change.lines.is_empty() {
        return Ok(None);
    }
    let memo = match movement.note.as_str() {
        "" => format!(
            "stock {}: {} {}",
            movement.kind, movement.quantity, movement.item
        ),
        note => format!(
            "stock {}: {} {} — {note}",
            movement.kind, movement.quantity, movement.item
        ),
    };
    let postings = change
        .lines
        .iter()
        .map(|(account, amount)| Posting {
            account: account.clone(),
            amount: *amount,
        })
        .collect();
    JournalEntry::new(movement.date, memo, Some(source.to_owned()), postings)
        .map(Some)
        .map_err(|e| AppError::rejected("value", e.to_string()))
}

/// Plans `movements` against `stock`: what each changes and the write that records it;
/// `refuse` turns the movements' problems into the error.
pub(crate) fn plan_against(
    stock: Stock,
    movements: &[StockMove],
    source: impl Fn(&StockMove) -> String,
    refuse: impl FnOnce(Vec<artel_coop::LineError>) -> AppError,
) -> Result<Vec<StockWrite>, AppError> {
    let changes = plan_movements(stock, movements).map_err(refuse)?;
    movements
        .iter()
        .zip(&changes)
        .map(|(movement, change)| {
            let source = source(movement);
            Ok(StockWrite {
                date: movement.date,
                kind: movement.kind.as_str(),
                item: movement.item.clone(),
                item_kind: change.item_kind.as_str(),
                owner: change.owner.clone(),
                change: Quantity {
                    quantity: change.quantity,
                    value: change.value,
                },
                before: quantity(change.before),
                after: quantity(change.after),
                note: movement.note.clone(),
                entry: entry_of(movement, change, &source)?,
                source,
            })
        })
        .collect()
}

impl Artel {
    /// The stock movements are planned from: every item's kind and what is on hand.
    pub(crate) async fn stock_of(&self, organisation: &Organisation) -> Result<Stock, AppError> {
        let mut stock = Stock::default();
        for row in self.db.stock_on_hand(organisation.org_id).await? {
            let kind = ItemKind::parse(&row.item_kind).map_err(AppError::Failed)?;
            stock.items.insert(row.item.clone(), kind);
            stock.on_hand.insert(
                (row.item, row.owner),
                OnHand {
                    quantity: row.on_hand.quantity,
                    value: row.on_hand.value,
                },
            );
        }
        Ok(stock)
    }

    /// Plans `movements` against the stock of `organisation`: what to write, each with the
    /// entry that posts it; `source` names where each came from, `refuse` turns the plan's
    /// refusals into problems.
    pub(crate) async fn plan_stock(
        &self,
        organisation: &Organisation,
        movements: &[StockMove],
        source: impl Fn(&StockMove) -> String,
        refuse: impl FnOnce(Vec<artel_coop::LineError>) -> AppError,
    ) -> Result<Vec<StockWrite>, AppError> {
        let stock = self.stock_of(organisation).await?;
        plan_against(stock, movements, source, refuse)
    }

    /// Plans `movements` and writes them, all or none; the sequence each posted.
    async fn write_stock(
        &self,
        organisation: &Organisation,
        movements: &[StockMove],
        source: impl Fn(&StockMove) -> String,
        refuse: impl FnOnce(Vec<artel_coop::LineError>) -> AppError,
    ) -> Result<Vec<Option<u64>>, AppError> {
        let writes = self
            .plan_stock(organisation, movements, source, refuse)
            .await?;
        Ok(self
            .db
            .record_stock(
                organisation.org_id,
                &writes,
                &stock_accounts()?,
                &self.actor,
            )
            .await?)
    }

    /// Records one movement of stock; a refusal names its field. What it changed, as
    /// planned (a count's difference, an issue's average cost), and the entry it posted.
    pub async fn record_stock(
        &self,
        code: &str,
        movement: &StockMove,
        source: &str,
    ) -> Result<RecordedMovement, AppError> {
        let organisation = self.book_for(code, Action::RecordProduction).await?;
        let movement = StockMove {
            item: movement.item.trim().to_owned(),
            owner: movement
                .owner
                .as_deref()
                .map(str::trim)
                .filter(|o| !o.is_empty())
                .map(str::to_owned),
            ..movement.clone()
        };
        let refuse = |errors: Vec<artel_coop::LineError>| {
            AppError::Rejected(
                errors
                    .into_iter()
                    .map(|e| Problem {
                        place: e.column.unwrap_or_else(|| "movement".into()),
                        message: e.message,
                    })
                    .collect(),
            )
        };
        let writes = self
            .plan_stock(
                &organisation,
                std::slice::from_ref(&movement),
                |_| source.to_owned(),
                refuse,
            )
            .await?;
        let sequences = self
            .db
            .record_stock(
                organisation.org_id,
                &writes,
                &stock_accounts()?,
                &self.actor,
            )
            .await?;
        match (writes.first(), sequences.first()) {
            (Some(write), Some(sequence)) => Ok(RecordedMovement {
                change: write.change,
                sequence: *sequence,
            }),
            _ => Err(AppError::Failed("a movement was not recorded".into())),
        }
    }

    /// Imports stock movements from a CSV file into `code`: every line or none. How many.
    pub async fn import_stock(&self, code: &str, path: &Path) -> Result<usize, AppError> {
        let organisation = self.book_for(code, Action::RecordProduction).await?;
        let (file, text) = read(path)?;
        let movements =
            read_stock(&text, &organisation.currency).map_err(|errors| refused(&file, errors))?;
        self.write_stock(
            &organisation,
            &movements,
            |m| format!("{file}:{}", m.line),
            |errors| refused(&file, errors),
        )
        .await?;
        Ok(movements.len())
    }

    /// What is on hand of every item of `code`: own stock (owner empty) and each buyer's.
    pub async fn stock_on_hand(&self, code: &str) -> Result<Vec<StoredStock>, AppError> {
        let organisation = self.book(code).await?;
        Ok(self.db.stock_on_hand(organisation.org_id).await?)
    }

    /// The movements of stock of `code` dated between two days, both included.
    pub async fn stock_movements(
        &self,
        code: &str,
        first: NaiveDate,
        last: NaiveDate,
    ) -> Result<Vec<StoredMovement>, AppError> {
        let organisation = self.book(code).await?;
        Ok(self
            .db
            .stock_movements(organisation.org_id, first, last)
            .await?)
    }
}
