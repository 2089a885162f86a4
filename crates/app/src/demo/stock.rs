//! The demo's stock in 1954. Every month the cooperative buys cotton yarn from the supply
//! and marketing cooperative on account, issues nine tenths of it to the looms, puts the
//! month's good cloth into stock at cost and delivers the month before's under contract.
//! From March the buyer also supplies yarn of its own for a combined contract, counted
//! under its name and never posted. The purchases and issues post the yarn's cost, so the
//! books (`books`) post none of it themselves.
//!
//! A movement is recorded unless one with its source (`demo-1954:N`) is already there.

use std::collections::HashSet;

use artel_ledger::{AccountName, Money};

use super::books::{SEASON_PER_MILLE, YARN_PRICE, day, yarn_jin, yarn_used_jin};
use super::production::good_cloth;
use super::{AppError, Artel, DEMO_BOOK, source};
use crate::{StockKind, StockMove};

/// The buyer who supplies materials of its own.
pub(super) const BUYER: &str = "Shashi Supply and Marketing Cooperative";
const YARN: &str = "cotton yarn";
const CLOTH: &str = "cloth";
/// What a bolt of cloth costs to make, in yuan: its value in stock.
const CLOTH_COST: i64 = 25_000;
/// What the purchases are owed on until the yarn is paid for (`books`).
const BOUGHT_ON: &str = "Liabilities:Payables";

fn yuan(amount: i64) -> Money {
    Money::from_minor(amount * 100)
}

fn movement(date: chrono::NaiveDate, kind: StockKind, item: &str, quantity: i64) -> StockMove {
    StockMove {
        line: 0,
        date,
        kind,
        item: item.into(),
        quantity,
        value: None,
        owner: None,
        paid_from: None,
        note: String::new(),
    }
}

/// The year's movements in the order they happened.
fn movements() -> Result<Vec<StockMove>, AppError> {
    let bought_on = AccountName::parse(BOUGHT_ON).map_err(|e| AppError::Failed(e.to_string()))?;
    let mut moves = Vec::new();
    let mut delivered_next = None;
    for ((month, season), (_, good)) in (1..).zip(SEASON_PER_MILLE).zip(good_cloth()) {
        let bought = yarn_jin(season);
        moves.push(StockMove {
            value: Some(yuan(bought * YARN_PRICE)),
            paid_from: Some(bought_on.clone()),
            note: "from the supply and marketing cooperative, on account".into(),
            ..movement(day(month, 5)?, StockKind::Purchase, YARN, bought)
        });
        if let Some(bolts) = delivered_next {
            moves.push(StockMove {
                note: "under contract to the supply and marketing cooperative".into(),
                ..movement(day(month, 20)?, StockKind::Deliver, CLOTH, bolts)
            });
        }
        let used = yarn_used_jin(season);
        moves.push(movement(day(month, 28)?, StockKind::Issue, YARN, used));
        moves.push(StockMove {
            value: Some(yuan(good * CLOTH_COST)),
            ..movement(day(month, 28)?, StockKind::Finish, CLOTH, good)
        });
        delivered_next = Some(good);
    }
    for (date, kind, jin) in [
        (day(3, 15)?, StockKind::Supplied, 300),
        (day(4, 6)?, StockKind::Issue, 120),
        (day(5, 6)?, StockKind::Issue, 100),
    ] {
        moves.push(StockMove {
            owner: Some(BUYER.into()),
            note: "for the combined contract".into(),
            ..movement(date, kind, YARN, jin)
        });
    }
    // Stable: a day's movements keep their order.
    moves.sort_by_key(|m| m.date);
    Ok(moves)
}

impl Artel {
    /// Records the demo's stock movements not recorded yet, in order.
    pub(super) async fn load_demo_stock(&self) -> Result<(), AppError> {
        let recorded: HashSet<String> = self
            .stock_movements(DEMO_BOOK, day(1, 1)?, day(12, 31)?)
            .await?
            .into_iter()
            .map(|m| m.source)
            .collect();
        for (number, movement) in movements()?.iter().enumerate() {
            let source = source(number);
            if !recorded.contains(&source) {
                self.record_stock(DEMO_BOOK, movement, &source).await?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_year_leaves_a_tenth_of_the_yarn_the_december_cloth_and_the_buyer_s_yarn() {
        let moves = movements().unwrap();
        let on_hand = |item: &str, owner: Option<&str>| -> i64 {
            moves
                .iter()
                .filter(|m| m.item == item && m.owner.as_deref() == owner)
                .map(|m| match m.kind {
                    StockKind::Issue | StockKind::Deliver => -m.quantity,
                    _ => m.quantity,
                })
                .sum()
        };
        // 2,640 jin bought over the year (13,200 thousandths of a season / 5), a tenth left.
        assert_eq!(on_hand(YARN, None), 264);
        assert_eq!(on_hand(YARN, Some(BUYER)), 80);
        // December's 165 good bolts are delivered in January 1955.
        assert_eq!(on_hand(CLOTH, None), 165);
        assert!(moves.windows(2).all(|pair| pair[0].date <= pair[1].date));
    }
}
