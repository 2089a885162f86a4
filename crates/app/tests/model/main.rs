//! Model-based test: seeded random sequences of operations on one cooperative run against
//! the real use cases and store (SQLite and PostgreSQL) and against a small in-memory model
//! of the same rules. The operations: post and reverse an entry; close and reopen a month;
//! admit a member, pay shares, ask to withdraw and settle the withdrawal; sell (in cash or
//! on credit, which makes a receivable) and receive a buyer's payment; record labour; close
//! a year, hold a general assembly on its distribution and distribute the year's result.
//! After every step the two agree: what was accepted and refused, the entry numbers, every
//! balance, the closed months, the member register, the open receivables, the labour
//! records of the years not yet distributed, and each distribution with every member's
//! dividends; the chain verifies every few steps and at the end. Every kind of operation
//! must be accepted, and refused where it can be, in a run of 200 steps or more.
//!
//! `ARTEL_MODEL_STEPS` (default 300) and `ARTEL_MODEL_SEED` (default: from the clock)
//! choose the sequence; a failure prints the seed and the step, and the same seed replays
//! the same sequence. The sequence moves through the years from 1900, a year closed about
//! every 25 steps (some 80 years in 2,000 steps); from the last year that has ended on, no
//! year closes any more.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod receivables;
mod register;
mod rules;
mod tally;
mod year_end;

use std::collections::{BTreeMap, BTreeSet};

use artel_app::{
    AppError, Artel, Labour, LabourLine, MeetingRequest, MemberAction, MemberEvent, MemberRequest,
    MotionRequest, NewPosting, OrganisationRequest, PaymentRequest, SaleRequest,
};
use artel_ledger::{Money, Period};
use chrono::NaiveDate;
use sqlx::{AssertSqlSafe, Connection};

use rules::{Model, Operation, Random};
use tally::Tally;
use year_end::Distributed;

const BOOK: &str = "model-coop";
/// Steps between two runs of `verify`.
const VERIFY_EVERY: u32 = 25;
/// Steps in a run unless `ARTEL_MODEL_STEPS` says.
const DEFAULT_STEPS: u64 = 300;
/// Steps from which a run must accept every kind, and refuse each that can be refused.
const COVERING_STEPS: u32 = 200;

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
    let steps: u32 = env_number("ARTEL_MODEL_STEPS").unwrap_or(DEFAULT_STEPS) as u32;
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
    let mut tally = Tally::default();
    for step in 1..=steps {
        let operation = model.choose(&mut random, &tally);
        let failure = |what: String| {
            format!(
                "step {step} of seed {seed} ({operation:?}): {what}; replay with ARTEL_MODEL_SEED={seed}"
            )
        };
        let real = apply(&artel, &operation, &model).await;
        let expected = model.apply(&operation);
        tally.count(operation.kind(), real.is_ok());
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
    if steps >= COVERING_STEPS
        && let Some(lacking) = tally.lacking()
    {
        panic!("seed {seed}: {}", tally.describe(lacking));
    }
    artel.close().await.unwrap();
}

/// The model alone, over 250 seeds: a default run accepts every kind, and refuses
/// each that can be refused, whatever seed the clock gives (the store agrees with the
/// model at every step, so its tally is the model's).
#[test]
fn a_default_run_covers_every_kind() {
    for seed in 0..250 {
        let mut model = Model::default();
        let mut random = Random::new(seed);
        let mut tally = Tally::default();
        for _ in 0..DEFAULT_STEPS {
            let operation = model.choose(&mut random, &tally);
            tally.count(operation.kind(), model.apply(&operation).is_ok());
        }
        if let Some(lacking) = tally.lacking() {
            panic!("seed {seed}: {}", tally.describe(lacking));
        }
    }
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().map(|v| {
        v.parse()
            .unwrap_or_else(|_| panic!("{name} must be a number"))
    })
}

/// Minor units as the book's currency writes them (`"1234.05"`).
fn amount(minor: i64) -> String {
    format!("{}.{:02}", minor / 100, minor % 100)
}

/// Runs `operation` through the use cases; what it returns is what the model predicts
/// (an entry's number, whether a month changed, how many may vote), or the refusal. The
/// model gives an assembly's attendance: every member who may vote on its day.
async fn apply(artel: &Artel, operation: &Operation, model: &Model) -> Result<u64, String> {
    let refused = |e: AppError| e.to_string();
    match operation {
        Operation::Post {
            date,
            debit,
            credit,
            minor,
        } => {
            let postings = [
                NewPosting {
                    account: (*debit).to_owned(),
                    amount: amount(*minor),
                },
                NewPosting {
                    account: (*credit).to_owned(),
                    amount: format!("-{}", amount(*minor)),
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
        Operation::Withdraw { number, date } => {
            change(artel, *number, MemberEvent::RequestWithdrawal, *date, 0).await
        }
        Operation::Settle {
            number,
            date,
            debts,
        } => change(artel, *number, MemberEvent::SettleWithdrawal, *date, *debts).await,
        Operation::Sell {
            date,
            buyer,
            kind,
            minor,
            credit,
        } => {
            let sale = SaleRequest {
                date: *date,
                counterparty: (*buyer).to_owned(),
                counterparty_type: (*kind).to_owned(),
                product: "cloth".into(),
                quantity: 10,
                amount: amount(*minor),
                terms: if *credit { "credit:30" } else { "cash" }.into(),
                contract: None,
            };
            artel.record_sale(BOOK, &sale).await.map_err(refused)
        }
        Operation::ReceivePayment {
            date,
            buyer,
            minor,
            invoice,
        } => {
            let paid = amount(*minor);
            let payment = PaymentRequest {
                counterparty: buyer,
                amount: &paid,
                date: *date,
                into: None,
                invoice: *invoice,
            };
            artel
                .record_payment(BOOK, &payment)
                .await
                .map(|recorded| recorded.sequence)
                .map_err(refused)
        }
        Operation::Labour {
            member,
            year,
            month,
            days,
        } => {
            let line = LabourLine {
                line: 0,
                month: Period::new(*year, *month).expect("a month"),
                member: *member,
                labour: Labour {
                    days_tenths: *days,
                    pieces: 0,
                    wages: Money::ZERO,
                },
            };
            artel
                .record_labour(BOOK, &[line], "model")
                .await
                .map(|lines| lines as u64)
                .map_err(refused)
        }
        Operation::CloseYear { year } => artel
            .close_year(BOOK, *year)
            .await
            .map(|closed| closed.sequence.unwrap_or(0))
            .map_err(refused),
        Operation::Assembly { date } => assembly(artel, *date, model.voters_on(*date)).await,
        Operation::Distribute { year, motion } => {
            // A preview on the motion's day divides as the adoption then does.
            let preview = match model.motion_day(*motion) {
                Some(day) => Some(artel.preview_distribution(BOOK, *year, day, None).await),
                None => None,
            };
            let (sequence, plan) = artel
                .distribute(BOOK, *year, *motion, None, None)
                .await
                .map_err(refused)?;
            match preview {
                Some(Ok(preview)) if preview.distribution == plan.distribution => Ok(sequence),
                other => Err(format!(
                    "distributed as {plan:?}, but previewed as {other:?}"
                )),
            }
        }
    }
}

/// A director's change to member `number`'s standing; the entry it posted, or 0.
async fn change(
    artel: &Artel,
    number: u64,
    event: MemberEvent,
    date: NaiveDate,
    debts: i64,
) -> Result<u64, String> {
    let action = MemberAction {
        event,
        date,
        note: String::new(),
        debts: Money::from_minor(debts),
    };
    artel
        .change_member(BOOK, number, &action)
        .await
        .map(|sequence| sequence.unwrap_or(0))
        .map_err(|e| e.to_string())
}

/// A general assembly on `date` with `present` members, all voting for a motion on a
/// distribution; how many the store counted as entitled to vote.
async fn assembly(artel: &Artel, date: NaiveDate, present: u32) -> Result<u64, String> {
    let refused = |e: AppError| e.to_string();
    let meeting = MeetingRequest {
        body: "general-assembly".into(),
        held_on: date,
        title: "General assembly".into(),
        agenda: "The year's result".into(),
        minutes: String::new(),
        eligible: None,
        present,
    };
    let number = artel
        .record_meeting(BOOK, &meeting)
        .await
        .map_err(refused)?;
    let motion = MotionRequest {
        kind: "distribution".into(),
        text: "Distribute the year's result by the charter".into(),
        ballot: "open".into(),
        member: None,
        yes: present,
        no: 0,
        abstain: 0,
        debts: Money::ZERO,
        charter: None,
        effective: None,
        committee: None,
        elected: Vec::new(),
        term_ends: None,
    };
    artel
        .put_motion(BOOK, number, &motion)
        .await
        .map_err(refused)?;
    let (held, _) = artel.meeting(BOOK, number).await.map_err(refused)?;
    Ok(held.eligible)
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
    let open: Vec<(u64, String, i64)> = artel
        .open_invoices(BOOK, NaiveDate::from_ymd_opt(9999, 12, 31).expect("a day"))
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|i| (i.sequence, i.counterparty, i.open.minor()))
        .collect();
    let modelled = model.receivables();
    if open != modelled {
        return Err(format!("receivables: store {open:?}, model {modelled:?}"));
    }
    // What each buyer owes, summed in SQL for the credit warnings, is the same receivables.
    let org_id = artel
        .db()
        .organisation(BOOK)
        .await
        .map_err(|e| e.to_string())?
        .org_id;
    let owed: BTreeMap<String, i64> = artel
        .db()
        .owed_by_buyer(
            org_id,
            NaiveDate::from_ymd_opt(9999, 12, 31).expect("a day"),
        )
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|(buyer, amount)| (buyer, amount.minor()))
        .collect();
    let mut summed: BTreeMap<String, i64> = BTreeMap::new();
    for (_, buyer, amount) in &modelled {
        *summed.entry(buyer.clone()).or_insert(0) += amount;
    }
    if owed != summed {
        return Err(format!("owed by buyer: store {owed:?}, model {summed:?}"));
    }
    for (year, modelled) in model.open_labour() {
        let mut labour: Vec<(u64, u32, u64)> = artel
            .labour(BOOK, year)
            .await
            .map_err(|e| e.to_string())?
            .into_iter()
            .map(|row| (row.member, row.month.month(), row.days_tenths))
            .collect();
        labour.sort_unstable();
        if labour != modelled {
            return Err(format!(
                "labour of {year}: store {labour:?}, model {modelled:?}"
            ));
        }
    }
    let distributions: Vec<Distributed> = artel
        .distributions(BOOK)
        .await
        .map_err(|e| e.to_string())?
        .into_iter()
        .map(|d| {
            let mut dividends: Vec<(u64, i64, i64)> = d
                .dividends
                .iter()
                .map(|(member, labour, share)| (*member, labour.minor(), share.minor()))
                .collect();
            dividends.sort_unstable();
            Distributed {
                year: d.year,
                motion: d.motion,
                sequence: d.sequence,
                date: d.date,
                dividends,
            }
        })
        .collect();
    let modelled = model.distributions();
    if distributions != modelled {
        return Err(format!(
            "distributions: store {distributions:?}, model {modelled:?}"
        ));
    }
    Ok(())
}
