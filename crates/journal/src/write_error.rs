//! Why writing a journal failed: the output could not be written, or the book cannot be
//! said in the chosen syntax without changing its meaning.

use chrono::NaiveDate;

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error(transparent)]
    Io(#[from] std::io::Error),
    #[error(
        "accounts '{first}' and '{second}' would both be written as '{written}' in beancount; rename one of them"
    )]
    NameCollision {
        first: String,
        second: String,
        written: String,
    },
    #[error(
        "currency '{0}' is not a valid beancount commodity (2 to 24 characters: upper-case letters, digits and '._-, starting with a letter); export as ledger instead"
    )]
    BeancountCommodity(String),
    #[error(
        "currency '{0}' cannot be written in a ledger journal (use letters or a currency sign)"
    )]
    LedgerCommodity(String),
    #[error("account name '{name}' cannot be written in a ledger journal: {reason}")]
    LedgerAccountName { name: String, reason: &'static str },
    #[error("an entry dated {date} uses account '{name}', which is not in the list of accounts")]
    UnknownAccount { date: NaiveDate, name: String },
    #[error(
        "an entry dated {date} is earlier than the first entry ({first}); the beancount export opens its accounts on the first entry's date, so entries must come in date order"
    )]
    OutOfOrder { date: NaiveDate, first: NaiveDate },
}
