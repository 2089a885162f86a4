//! Model-based test: seeded random sequences of operations on one cooperative — post,
//! reverse, close and reopen a month, admit a member, pay shares — run against the real
//! use cases and store (SQLite and PostgreSQL) and against a small in-memory model of the
//! same rules. After every step the two agree: what was accepted and refused, the entry
//! numbers, every balance, the closed months and the member register; the chain verifies
//! every few steps and at the end.
//!
//! `ARTEL_MODEL_STEPS` (default 300) and `ARTEL_MODEL_SEED` (default: from the clock)
//! choose the sequence; a failure prints the seed and the step, and the same seed replays
//! the same sequence.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod rules;

use std::collections::{BTreeMap, BTreeSet};

use artel_app::{AppError, Artel, MemberRequest, NewPosting, OrganisationRequest};
use chrono::NaiveDate;
use sqlx::{AssertSqlSafe, Connection};

use rules::{Model, Operation, Random};

const BOOK: &str = "model-coop";
/// Steps between two runs of `verify`.
const VERIFY_EVERY: u32 = 25;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_agrees_with_the_model() {
    let directory = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", directory.path().join("model.db").display());
    run(&url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_agrees_with_the_model() {
    let base = std::env::var("ARTEL_TEST_POSTGRES")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432".to_owned());
    let base = base.trim_end_matches('/');
    let name = format!("artel_m_{}", uuid::Uuid::now_v7().simple());
    run(&format!("{base}/{name}")).await;
    let mut maintenance = sqlx::PgConnection::connect(&format!("{base}/postgres"))
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL must be reachable at {base}: {e}"));
    sqlx::query(AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"
    )))
    .execute(&mut maintenance)
    .await
    .unwrap();
}

/// Runs the seeded sequence on the database at `url`, checking after every step.
async fn run(url: &str) {
    let steps: u32 = env_number("ARTEL_MODEL_STEPS").unwrap_or(300) as u32;
    let seed = env_number("ARTEL_MODEL_SEED").unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64)
    });
    let artel = Artel::open(url, "model").await.unwrap();
    artel
        .add_organisation(&OrganisationRequest {
            code: BOOK.into(),
            kind: "cooperative".into(),
            name: "Model Weaving Cooperative".into(),
            region: None,
            parent: None,
            currency: "CNY".into(),
            scale: 2,
            founded: None,
            status: None,
        })
        .await
        .unwrap();
    let mut model = Model::default();
    let mut random = Random::new(seed);
    // Per kind of operation, how many were accepted and refused.
    let mut tally: BTreeMap<&'static str, (u32, u32)> = BTreeMap::new();
    for step in 1..=steps {
        let operation = model.choose(&mut random);
        let failure = |what: String| {
            format!(
                "step {step} of seed {seed} ({operation:?}): {what}; replay with ARTEL_MODEL_SEED={seed}"
            )
        };
        let real = apply(&artel, &operation).await;
        let expected = model.apply(&operation);
        let counts = tally.entry(operation.kind()).or_default();
        if real.is_ok() {
            counts.0 += 1;
        } else {
            counts.1 += 1;
        }
        match (&real, &expected) {
            (Ok(got), Ok(wanted)) => {
                assert_eq!(got, wanted, "{}", failure("outcomes differ".into()))
            }
            (Err(_), Err(_)) => {}
            _ => panic!(
                "{}",
                failure(format!("the store said {real:?}, the model {expected:?}"))
            ),
        }
        compare(&artel, &model)
            .await
            .unwrap_or_else(|what| panic!("{}", failure(what)));
        if step % VERIFY_EVERY == 0 || step == steps {
            let outcome = artel.verify(BOOK).await.unwrap();
            assert!(
                outcome.problem.is_none(),
                "{}",
                failure(format!("verify: {:?}", outcome.problem))
            );
        }
    }
    // A sequence that only ever refused (or only accepted) a kind would test little.
    // Closing and reopening are never refused: they answer whether the month changed.
    if steps >= 200 {
        for (kind, (accepted, refused)) in &tally {
            let refusable = !matches!(*kind, "close" | "reopen");
            assert!(
                *accepted > 0 && (*refused > 0 || !refusable),
                "seed {seed}: {kind} accepted {accepted} and refused {refused} times"
            );
        }
        assert_eq!(tally.len(), 6, "seed {seed}: kinds run {tally:?}");
    }
    artel.close().await.unwrap();
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().map(|v| {
        v.parse()
            .unwrap_or_else(|_| panic!("{name} must be a number"))
    })
}

/// Runs `operation` through the use cases; what it returns is what the model predicts
/// (an entry's number, whether a month changed), or the refusal.
async fn apply(artel: &Artel, operation: &Operation) -> Result<u64, String> {
    let refused = |e: AppError| e.to_string();
    match operation {
        Operation::Post {
            date,
            debit,
            credit,
            minor,
        } => {
            let amount = |sign: i64| format!("{}.{:02}", sign * minor / 100, minor % 100);
            let postings = [
                NewPosting {
                    account: (*debit).to_owned(),
                    amount: amount(1),
                },
                NewPosting {
                    account: (*credit).to_owned(),
                    amount: format!("-{}", amount(1)),
                },
            ];
            artel
                .post_entry(BOOK, *date, "model post", None, &postings, None)
                .await
                .map(|outcome| outcome.posted.sequence)
                .map_err(refused)
        }
        Operation::Reverse { sequence, date } => artel
            .reverse_entry(BOOK, *sequence, *date, None, None)
            .await
            .map(|outcome| outcome.posted.sequence)
            .map_err(refused),
        Operation::Close { month } => artel
            .close_period(BOOK, month)
            .await
            .map(u64::from)
            .map_err(refused),
        Operation::Reopen { month } => artel
            .reopen_period(BOOK, month, "a correction")
            .await
            .map(u64::from)
            .map_err(refused),
        Operation::Admit {
            joined,
            subscribed,
            paid,
        } => artel
            .admit_member(
                BOOK,
                MemberRequest {
                    name: "Member".into(),
                    trade: "weaver".into(),
                    joined: *joined,
                    shares_subscribed: *subscribed,
                    shares_paid: *paid,
                },
            )
            .await
            .map(|member| member.number)
            .map_err(refused),
        Operation::PayShares {
            number,
            shares,
            date,
        } => artel
            .pay_shares(BOOK, *number, *shares, *date)
            .await
            .map_err(refused),
    }
}

/// The store's balances, closed months and register against the model's; the first
/// difference, described.
async fn compare(artel: &Artel, model: &Model) -> Result<(), String> {
    let report = artel
        .trial_balance(BOOK, None, None)
        .await
        .map_err(|e| e.to_string())?;
    let stored: BTreeMap<String, i64> = report
        .trial_balance
        .rows
        .iter()
        .map(|row| (row.account.as_str().to_owned(), row.balance.minor()))
        .collect();
    let modelled = model.balances();
    if stored != modelled {
        return Err(format!("balances: store {stored:?}, model {modelled:?}"));
    }
    let closed: BTreeSet<String> = artel
        .closed_periods(BOOK)
        .await
        .map_err(|e| e.to_string())?
        .iter()
        .map(ToString::to_string)
        .collect();
    if &closed != model.closed() {
        return Err(format!(
            "closed months: store {closed:?}, model {:?}",
            model.closed()
        ));
    }
    let register: Vec<(u64, String, u64)> = artel
        .members(BOOK)
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|m| (m.number, m.status, m.shares_paid))
        .collect();
    let modelled = model.register();
    if register != modelled {
        return Err(format!("register: store {register:?}, model {modelled:?}"));
    }
    Ok(())
}

/// A date of 2024 in month `month` (1–6) on day `day` (1–28).
pub fn day(month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2024, month, day).expect("a day of 2024")
}
