//! Stock of materials and products, pure: the movements in and out of stock, checked
//! against what is on hand, and what each of them posts.
//!
//! Each item is a material or a product. The cooperative's own stock is valued at cost by
//! moving average: a receipt adds its cost, an issue takes the average cost of what is on
//! hand (all of the value when all of the quantity leaves, so no residue stays behind).
//! Materials a buyer supplies under a combined contract are held for that buyer (`owner`)
//! until used: counted apart, never valued, never posted — they are not the cooperative's
//! assets.
//!
//! What own stock posts (production costs stay where they were incurred; the products'
//! stock is carried by the change-in-products account, as in the nature-of-expense method):
//!
//! | movement   | debit                                 | credit                                |
//! |------------|---------------------------------------|---------------------------------------|
//! | `purchase` | `Assets:Inventory:Materials`          | the account paid from (`Assets:Cash`) |
//! | `issue`    | `Expenses:Production:Materials`       | `Assets:Inventory:Materials`          |
//! | `finish`   | `Assets:Inventory:Products`           | `Expenses:Inventory:Change in Products` |
//! | `deliver`  | `Expenses:Inventory:Change in Products` | `Assets:Inventory:Products`         |
//! | `count`, `adjust` | the item's inventory account or `Expenses:Inventory:Count Differences`, by the sign |

use std::collections::HashMap;

use artel_ledger::{AccountName, Currency, Money};
use chrono::NaiveDate;

use crate::csv_input::{LineError, Row, read_rows};

pub const MATERIALS: &str = "Assets:Inventory:Materials";
pub const PRODUCTS: &str = "Assets:Inventory:Products";
pub const MATERIALS_USED: &str = "Expenses:Production:Materials";
pub const CHANGE_IN_PRODUCTS: &str = "Expenses:Inventory:Change in Products";
pub const COUNT_DIFFERENCES: &str = "Expenses:Inventory:Count Differences";
/// What a purchase is paid from unless it says.
pub const PAID_FROM: &str = "Assets:Cash";

word_enum! {
    /// What an item of stock is.
    ItemKind {
        Material = "material",
        Product = "product",
    }
}

word_enum! {
    /// A movement of stock.
    StockKind {
        /// Materials bought, into own stock at their cost.
        Purchase = "purchase",
        /// Materials a buyer supplies under a combined contract: the buyer's until used.
        Supplied = "supplied",
        /// Materials issued to production.
        Issue = "issue",
        /// Finished products into stock at their cost.
        Finish = "finish",
        /// Products delivered out of stock.
        Deliver = "deliver",
        /// A count: the quantity found replaces the quantity on hand.
        Count = "count",
        /// An adjustment by a signed quantity: spoilt, lost, found.
        Adjust = "adjust",
    }
}

impl StockKind {
    /// The kind of item this movement moves, when only one kind can move so.
    pub fn item_kind(self) -> Option<ItemKind> {
        match self {
            StockKind::Purchase | StockKind::Supplied | StockKind::Issue => {
                Some(ItemKind::Material)
            }
            StockKind::Finish | StockKind::Deliver => Some(ItemKind::Product),
            StockKind::Count | StockKind::Adjust => None,
        }
    }
}

/// A quantity on hand and, for own stock, its value at cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct OnHand {
    pub quantity: i64,
    pub value: Money,
}

/// One movement as asked: by a form, the API or a line of `artel import stock`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StockMove {
    /// The line of the file, 0 when not imported.
    pub line: u64,
    pub date: NaiveDate,
    pub kind: StockKind,
    pub item: String,
    /// Pieces (or the item's unit) moved; for a count, the quantity found; for an
    /// adjustment, signed.
    pub quantity: i64,
    /// The cost of what comes in, where it is not the average cost of the stock.
    pub value: Option<Money>,
    /// The buyer whose supplied materials these are; none for own stock.
    pub owner: Option<String>,
    /// What a purchase is paid from (default [`PAID_FROM`]).
    pub paid_from: Option<AccountName>,
    pub note: String,
}

/// A movement planned against the stock on hand: the change of quantity and value, the
/// stock before and after, and what it posts (nothing for a buyer's materials or a value
/// of nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StockChange {
    pub item_kind: ItemKind,
    /// The buyer's name, empty for own stock.
    pub owner: String,
    pub quantity: i64,
    pub value: Money,
    pub before: OnHand,
    pub after: OnHand,
    /// Debits positive, credits negative; empty when nothing is posted.
    pub lines: Vec<(AccountName, Money)>,
}

/// The stock a plan starts from: the items known with their kinds, and what is on hand
/// per item and owner (`""` for own stock).
#[derive(Debug, Clone, Default)]
pub struct Stock {
    pub items: HashMap<String, ItemKind>,
    pub on_hand: HashMap<(String, String), OnHand>,
}

fn account(name: &str) -> Result<AccountName, Refusal> {
    AccountName::parse(name).map_err(|e| refuse("account", e.to_string()))
}

/// `value × part ÷ whole`, rounded half away from zero; all of it when the part is whole.
fn share_of(value: Money, part: i64, whole: i64) -> Money {
    if part == whole || whole == 0 {
        return value;
    }
    let product = i128::from(value.minor()) * i128::from(part);
    let whole = i128::from(whole);
    let rounded = (product.abs() * 2 + whole.abs()) / (whole.abs() * 2);
    let signed = if (product < 0) != (whole < 0) {
        -rounded
    } else {
        rounded
    };
    Money::from_minor(i64::try_from(signed).unwrap_or(i64::MAX))
}

type Refusal = (&'static str, String);

fn refuse(column: &'static str, message: impl Into<String>) -> Refusal {
    (column, message.into())
}

/// The item's kind: what the movement says, which must agree with what is known.
fn item_kind_of(stock: &Stock, movement: &StockMove) -> Result<ItemKind, Refusal> {
    let known = stock.items.get(&movement.item).copied();
    match (movement.kind.item_kind(), known) {
        (Some(moved), Some(known)) if moved != known => Err(refuse(
            "item",
            format!(
                "'{}' is a {known}; {} moves {moved}s",
                movement.item, movement.kind
            ),
        )),
        (Some(moved), _) => Ok(moved),
        (None, Some(known)) => Ok(known),
        (None, None) => Err(refuse(
            "item",
            format!("no stock of '{}' is known", movement.item),
        )),
    }
}

/// Checks the owner and value a movement may carry.
fn check_fields(movement: &StockMove, item_kind: ItemKind) -> Result<(), Refusal> {
    let kind = movement.kind;
    match (&movement.owner, kind) {
        (None, StockKind::Supplied) => {
            return Err(refuse("owner", "supplied materials need the buyer's name"));
        }
        (Some(_), StockKind::Purchase | StockKind::Finish | StockKind::Deliver) => {
            return Err(refuse(
                "owner",
                format!("a {kind} moves the cooperative's own stock; leave the owner empty"),
            ));
        }
        (Some(_), _) if item_kind == ItemKind::Product => {
            return Err(refuse("owner", "only materials are held for a buyer"));
        }
        _ => {}
    }
    match (movement.value, kind) {
        (None, StockKind::Purchase | StockKind::Finish) => {
            Err(refuse("value", format!("a {kind} needs its cost")))
        }
        (Some(value), _) if value < Money::ZERO => {
            Err(refuse("value", "a cost cannot be negative"))
        }
        (Some(_), StockKind::Issue | StockKind::Deliver) => Err(refuse(
            "value",
            format!("a {kind} is valued at the stock's average cost; leave the value empty"),
        )),
        (Some(_), _) if movement.owner.is_some() => Err(refuse(
            "value",
            "a buyer's materials are not valued in the books",
        )),
        _ if movement.paid_from.is_some() && kind != StockKind::Purchase => {
            Err(refuse("account", "only a purchase is paid from an account"))
        }
        _ => Ok(()),
    }
}

/// The change of quantity a movement makes to `on_hand`.
fn quantity_change(movement: &StockMove, on_hand: OnHand) -> Result<i64, Refusal> {
    let q = movement.quantity;
    match movement.kind {
        StockKind::Count if q < 0 => Err(refuse("quantity", "a count cannot be below 0")),
        StockKind::Count => Ok(q - on_hand.quantity),
        StockKind::Adjust if q == 0 => Err(refuse("quantity", "an adjustment of nothing")),
        StockKind::Adjust => Ok(q),
        _ if q <= 0 => Err(refuse("quantity", "must be more than 0")),
        StockKind::Issue | StockKind::Deliver => Ok(-q),
        _ => Ok(q),
    }
}

/// The value of a change of `quantity` to own stock `on_hand`: its stated cost, or the
/// average cost of the stock.
fn value_change(movement: &StockMove, on_hand: OnHand, quantity: i64) -> Result<Money, Refusal> {
    if quantity < 0 {
        if movement.value.is_some() {
            return Err(refuse(
                "value",
                "what leaves is valued at the stock's average cost; leave the value empty",
            ));
        }
        return Ok(share_of(on_hand.value, quantity, on_hand.quantity));
    }
    match movement.value {
        Some(value) => Ok(value),
        None if quantity == 0 => Ok(Money::ZERO),
        None if on_hand.quantity > 0 => Ok(share_of(on_hand.value, quantity, on_hand.quantity)),
        None => Err(refuse(
            "value",
            "nothing is on hand to value the extra at; give its cost",
        )),
    }
}

fn posting(
    movement: &StockMove,
    item_kind: ItemKind,
    value: Money,
) -> Result<Vec<(AccountName, Money)>, Refusal> {
    if value.is_zero() {
        return Ok(Vec::new());
    }
    let inventory = match item_kind {
        ItemKind::Material => MATERIALS,
        ItemKind::Product => PRODUCTS,
    };
    let (debit, credit) = match movement.kind {
        StockKind::Purchase => {
            let from = match &movement.paid_from {
                Some(from) => from.clone(),
                None => account(PAID_FROM)?,
            };
            return Ok(vec![(account(MATERIALS)?, value), (from, negate(value)?)]);
        }
        StockKind::Issue => (MATERIALS_USED, MATERIALS),
        StockKind::Finish => (PRODUCTS, CHANGE_IN_PRODUCTS),
        StockKind::Deliver => (CHANGE_IN_PRODUCTS, PRODUCTS),
        StockKind::Count | StockKind::Adjust if value > Money::ZERO => {
            (inventory, COUNT_DIFFERENCES)
        }
        StockKind::Count | StockKind::Adjust => (COUNT_DIFFERENCES, inventory),
        StockKind::Supplied => return Ok(Vec::new()),
    };
    let amount = if value < Money::ZERO {
        negate(value)?
    } else {
        value
    };
    Ok(vec![
        (account(debit)?, amount),
        (account(credit)?, negate(amount)?),
    ])
}

fn negate(value: Money) -> Result<Money, Refusal> {
    value
        .checked_neg()
        .map_err(|e| refuse("value", e.to_string()))
}

fn plan_one(stock: &Stock, movement: &StockMove) -> Result<StockChange, Refusal> {
    if movement.item.trim().is_empty() {
        return Err(refuse("item", "is empty"));
    }
    let item_kind = item_kind_of(stock, movement)?;
    check_fields(movement, item_kind)?;
    let owner = movement.owner.clone().unwrap_or_default();
    let before = stock
        .on_hand
        .get(&(movement.item.clone(), owner.clone()))
        .copied()
        .unwrap_or_default();
    let quantity = quantity_change(movement, before)?;
    if before.quantity + quantity < 0 {
        return Err(refuse(
            "quantity",
            format!("only {} of '{}' on hand", before.quantity, movement.item),
        ));
    }
    let value = if owner.is_empty() {
        value_change(movement, before, quantity)?
    } else {
        Money::ZERO
    };
    let after = OnHand {
        quantity: before.quantity + quantity,
        value: before
            .value
            .checked_add(value)
            .map_err(|e| refuse("value", e.to_string()))?,
    };
    Ok(StockChange {
        item_kind,
        lines: posting(movement, item_kind, value)?,
        owner,
        quantity,
        value,
        before,
        after,
    })
}

/// Plans `movements` in order, each against the stock the ones before it leave: every
/// refusal named by line and column, or every change.
pub fn plan_movements(
    mut stock: Stock,
    movements: &[StockMove],
) -> Result<Vec<StockChange>, Vec<LineError>> {
    let mut changes = Vec::new();
    let mut errors = Vec::new();
    for movement in movements {
        match plan_one(&stock, movement) {
            Ok(change) => {
                stock.items.insert(movement.item.clone(), change.item_kind);
                stock
                    .on_hand
                    .insert((movement.item.clone(), change.owner.clone()), change.after);
                changes.push(change);
            }
            Err((column, message)) => errors.push(LineError {
                line: movement.line,
                column: Some(column.to_owned()),
                message,
            }),
        }
    }
    if errors.is_empty() {
        Ok(changes)
    } else {
        Err(errors)
    }
}

fn read_move(row: &Row<'_>, currency: &Currency) -> Result<StockMove, Vec<LineError>> {
    let mut errors = Vec::new();
    let date = row.date("date").map_err(|e| errors.push(e)).ok();
    let kind = row
        .required("kind")
        .and_then(|text| StockKind::parse(text).map_err(|e| row.refuse("kind", e)))
        .map_err(|e| errors.push(e))
        .ok();
    let item = row.required("item").map_err(|e| errors.push(e)).ok();
    let quantity = row
        .required("quantity")
        .and_then(|text| {
            text.parse::<i64>()
                .map_err(|_| row.refuse("quantity", format!("'{text}' is not a whole number")))
        })
        .map_err(|e| errors.push(e))
        .ok();
    let value = match row.text("value") {
        "" => None,
        text => currency
            .parse(text)
            .map_err(|e| errors.push(row.refuse("value", e.to_string())))
            .ok(),
    };
    let paid_from = match row.text("account") {
        "" => None,
        text => AccountName::parse(text)
            .map_err(|e| errors.push(row.refuse("account", e.to_string())))
            .ok(),
    };
    let owner = Some(row.text("owner")).filter(|o| !o.is_empty());
    match (date, kind, item, quantity) {
        (Some(date), Some(kind), Some(item), Some(quantity)) if errors.is_empty() => {
            Ok(StockMove {
                line: row.line,
                date,
                kind,
                item: item.to_owned(),
                quantity,
                value,
                owner: owner.map(str::to_owned),
                paid_from,
                note: row.text("note").to_owned(),
            })
        }
        _ => Err(errors),
    }
}

/// Reads stock movements: CSV `date,kind,item,quantity[,value,owner,account,note]`.
pub fn read_stock(text: &str, currency: &Currency) -> Result<Vec<StockMove>, Vec<LineError>> {
    read_rows(
        text,
        &["date", "kind", "item", "quantity"],
        &["value", "owner", "account", "note"],
        |row| read_move(row, currency),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cny() -> Currency {
        Currency::new("CNY", 2).unwrap()
    }

    fn movement(kind: StockKind, item: &str, quantity: i64) -> StockMove {
        StockMove {
            line: 0,
            date: NaiveDate::from_ymd_opt(1954, 4, 1).unwrap(),
            kind,
            item: item.into(),
            quantity,
            value: None,
            owner: None,
            paid_from: None,
            note: String::new(),
        }
    }

    fn costing(kind: StockKind, item: &str, quantity: i64, minor: i64) -> StockMove {
        StockMove {
            value: Some(Money::from_minor(minor)),
            ..movement(kind, item, quantity)
        }
    }

    fn of_buyer(kind: StockKind, item: &str, quantity: i64) -> StockMove {
        StockMove {
            owner: Some("Shashi SMC".into()),
            ..movement(kind, item, quantity)
        }
    }

    fn lines(change: &StockChange) -> Vec<(&str, i64)> {
        change
            .lines
            .iter()
            .map(|(a, m)| (a.as_str(), m.minor()))
            .collect()
    }

    #[test]
    fn every_kind_of_movement_moves_quantity_and_value_by_hand() {
        let moves = [
            costing(StockKind::Purchase, "yarn", 100, 30_000),
            costing(StockKind::Purchase, "yarn", 50, 18_000),
            // 150 on hand worth 480.00: 3.20 each; 45 issued are 144.00.
            movement(StockKind::Issue, "yarn", 45),
            costing(StockKind::Finish, "cloth", 30, 21_000),
            movement(StockKind::Deliver, "cloth", 10),
            // Counted 100 of the 105 left: 5 short at 3.20.
            movement(StockKind::Count, "yarn", 100),
            movement(StockKind::Adjust, "cloth", -20),
        ];
        let changes = plan_movements(Stock::default(), &moves).unwrap();
        let after: Vec<(i64, i64)> = changes
            .iter()
            .map(|c| (c.after.quantity, c.after.value.minor()))
            .collect();
        assert_eq!(
            after,
            [
                (100, 30_000),
                (150, 48_000),
                (105, 33_600),
                (30, 21_000),
                (20, 14_000),
                (100, 32_000),
                (0, 0)
            ]
        );
        assert_eq!(
            lines(&changes[0]),
            [(MATERIALS, 30_000), (PAID_FROM, -30_000)]
        );
        assert_eq!(
            lines(&changes[2]),
            [(MATERIALS_USED, 14_400), (MATERIALS, -14_400)]
        );
        assert_eq!(
            lines(&changes[3]),
            [(PRODUCTS, 21_000), (CHANGE_IN_PRODUCTS, -21_000)]
        );
        assert_eq!(
            lines(&changes[4]),
            [(CHANGE_IN_PRODUCTS, 7_000), (PRODUCTS, -7_000)]
        );
        assert_eq!(
            lines(&changes[5]),
            [(COUNT_DIFFERENCES, 1_600), (MATERIALS, -1_600)]
        );
        // The last pieces take all the value left: nothing stays behind.
        assert_eq!(
            lines(&changes[6]),
            [(COUNT_DIFFERENCES, 14_000), (PRODUCTS, -14_000)]
        );
    }

    #[test]
    fn average_cost_rounds_half_away_from_zero_and_leaves_no_residue() {
        // 3 pieces for 1.00: one is 0.33 (0.333…), two more 0.67, the total is whole.
        let moves = [
            costing(StockKind::Purchase, "dye", 3, 100),
            movement(StockKind::Issue, "dye", 1),
            movement(StockKind::Issue, "dye", 1),
            movement(StockKind::Issue, "dye", 1),
        ];
        let changes = plan_movements(Stock::default(), &moves).unwrap();
        let issued: Vec<i64> = changes[1..].iter().map(|c| -c.value.minor()).collect();
        assert_eq!(issued, [33, 34, 33]);
        assert_eq!(issued.iter().sum::<i64>(), 100);
        // 2 of 4 worth 0.05 is 0.025: half away from zero makes 0.03.
        assert_eq!(share_of(Money::from_minor(5), -2, 4).minor(), -3);
    }

    #[test]
    fn a_buyers_materials_are_kept_apart_and_never_posted() {
        let moves = [
            costing(StockKind::Purchase, "cotton", 10, 5_000),
            of_buyer(StockKind::Supplied, "cotton", 400),
            of_buyer(StockKind::Issue, "cotton", 150),
            movement(StockKind::Issue, "cotton", 4),
            StockMove {
                owner: Some("Shashi SMC".into()),
                ..movement(StockKind::Count, "cotton", 240)
            },
        ];
        let changes = plan_movements(Stock::default(), &moves).unwrap();
        let buyers: Vec<_> = changes.iter().filter(|c| !c.owner.is_empty()).collect();
        assert_eq!(
            buyers.iter().map(|c| c.after.quantity).collect::<Vec<_>>(),
            [400, 250, 240]
        );
        assert!(
            buyers
                .iter()
                .all(|c| c.lines.is_empty() && c.after.value.is_zero())
        );
        // Own cotton: 10 bought, 4 issued at 5.00 each.
        assert_eq!(
            changes[3].after,
            OnHand {
                quantity: 6,
                value: Money::from_minor(3_000)
            }
        );
        assert_eq!(
            lines(&changes[3]),
            [(MATERIALS_USED, 2_000), (MATERIALS, -2_000)]
        );
    }

    #[test]
    fn refusals_name_the_line_and_the_column() {
        let numbered = |line, m: StockMove| StockMove { line, ..m };
        let moves = [
            numbered(2, costing(StockKind::Purchase, "yarn", 5, 500)),
            numbered(3, movement(StockKind::Issue, "yarn", 6)),
            numbered(4, movement(StockKind::Purchase, "yarn", 1)),
            numbered(5, movement(StockKind::Supplied, "cotton", 1)),
            numbered(6, costing(StockKind::Deliver, "yarn", 1, 1)),
            numbered(7, movement(StockKind::Count, "linen", 1)),
            numbered(8, of_buyer(StockKind::Finish, "cloth", 1)),
            numbered(9, movement(StockKind::Adjust, "yarn", 0)),
            numbered(10, movement(StockKind::Adjust, "yarn", 3)),
        ];
        let errors = plan_movements(Stock::default(), &moves).unwrap_err();
        let named: Vec<(u64, &str)> = errors
            .iter()
            .map(|e| (e.line, e.column.as_deref().unwrap()))
            .collect();
        assert_eq!(
            named,
            [
                (3, "quantity"),
                (4, "value"),
                (5, "owner"),
                (6, "item"),
                (7, "item"),
                (8, "owner"),
                (9, "quantity"),
            ]
        );
        assert_eq!(errors[0].message, "only 5 of 'yarn' on hand");
        assert_eq!(
            errors[3].message,
            "'yarn' is a material; deliver moves products"
        );
    }

    #[test]
    fn a_count_above_nothing_on_hand_needs_a_cost() {
        let stock = Stock {
            items: HashMap::from([("yarn".to_owned(), ItemKind::Material)]),
            on_hand: HashMap::new(),
        };
        let errors =
            plan_movements(stock.clone(), &[movement(StockKind::Count, "yarn", 4)]).unwrap_err();
        assert_eq!(errors[0].column.as_deref(), Some("value"));
        let found = costing(StockKind::Count, "yarn", 4, 900);
        let change = &plan_movements(stock, &[found]).unwrap()[0];
        assert_eq!(lines(change), [(MATERIALS, 900), (COUNT_DIFFERENCES, -900)]);
    }

    #[test]
    fn the_csv_names_every_bad_line() {
        let text = "date,kind,item,quantity,value,owner\n\
                    1954-04-01,purchase,yarn,100,300.00,\n\
                    1954-04-02,take,yarn,1,,\n\
                    1954-04-03,adjust,yarn,-2.5,,\n\
                    1954-04-04,supplied,cotton,40,,Shashi SMC\n";
        let errors = read_stock(text, &cny()).unwrap_err();
        let named: Vec<(u64, &str)> = errors
            .iter()
            .map(|e| (e.line, e.column.as_deref().unwrap()))
            .collect();
        assert_eq!(named, [(3, "kind"), (4, "quantity")]);
        let good = "date,kind,item,quantity,owner\n1954-04-04,supplied,cotton,40,Shashi SMC\n";
        let moves = read_stock(good, &cny()).unwrap();
        assert_eq!(moves[0].owner.as_deref(), Some("Shashi SMC"));
        assert_eq!(moves[0].line, 2);
    }
}
