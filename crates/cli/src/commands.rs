//! What each command does: call the use case, print its result.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use artel_app::{
    AppError, Artel, JournalFormat as Format, NewPosting, ProductDetails, Progress, Scope,
};
use artel_ledger::Decimal;
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::{
    AccountCommand, CheckArgs, Cli, Command, EntryCommand, ExportArgs, HeadCommand, ImportArgs,
    Importing, JournalFormat, KeyCommand, OutputFormat, PeriodCommand, ProductCommand, RecordsArgs,
    RegionCommand, ReportCommand, TokenCommand, UserCommand,
};
use crate::places::on_the_command_line;
use crate::{heads, members, render};

fn journal_format(format: JournalFormat) -> Format {
    match format {
        JournalFormat::Ledger => Format::Ledger,
        JournalFormat::Beancount => Format::Beancount,
    }
}

/// The command line's names for the fields a refusal of a product names.
const PRODUCT_NAMES: &[(&str, &str)] = &[("product", "NAME"), ("standard_price", "--price")];

/// Who the command line acts as, for the audit trail.
fn actor() -> String {
    format!(
        "cli:{}",
        std::env::var("USER")
            .or_else(|_| std::env::var("LOGNAME"))
            .unwrap_or_else(|_| "operator".into())
    )
}

/// `artel import ledger|beancount`: the journal, with a progress bar on a terminal.
async fn import_journal(
    artel: &Artel,
    format: JournalFormat,
    ImportArgs { file, book }: ImportArgs,
    out: &mut impl Write,
) -> anyhow::Result<()> {
    let bar = progress_bar();
    let progress: Option<Arc<Progress>> = bar.clone().map(|bar| {
        Arc::new(move |done: u64, total: u64| {
            bar.set_length(total);
            bar.set_position(done);
        }) as Arc<Progress>
    });
    let summary = artel
        .import_journal(&book, &file, journal_format(format), progress)
        .await;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let summary = summary?;
    let outcome = summary.outcome;
    let range = if outcome.entries == 0 {
        String::new()
    } else {
        format!(
            " (entries {}..={})",
            outcome.first_sequence, outcome.last_sequence
        )
    };
    writeln!(
        out,
        "imported {} entries into {book}{range}, {} new accounts",
        outcome.entries,
        summary.accounts_created.len()
    )?;
    Ok(())
}

pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    if let Command::Check(check) = &cli.command {
        // `check` needs no database.
        let (
            format,
            CheckArgs {
                file,
                format: output,
            },
        ) = check.split();
        let summary = artel_app::check_journal(file, journal_format(format))?;
        let rows: Vec<(String, String)> = summary
            .balances()
            .iter()
            .map(|(account, balance)| (account.to_string(), balance.to_string()))
            .collect();
        let total = Decimal {
            mantissa: 0,
            scale: summary.scale(),
        }
        .to_string();
        let mut out = std::io::stdout().lock();
        render::balance_rows(&mut out, *output, "", &rows, &[("Total".into(), total)])?;
        return Ok(ExitCode::SUCCESS);
    }
    // Backups copy the whole database; a restore must not hold it open meanwhile.
    match &cli.command {
        Command::Backup { file } => {
            artel_app::backup_database(&cli.db, file).await?;
            eprintln!("artel: backup written to {}", file.display());
            return Ok(ExitCode::SUCCESS);
        }
        Command::Restore { file } => {
            artel_app::restore_database(&cli.db, file).await?;
            eprintln!("artel: database restored from {}", file.display());
            return Ok(ExitCode::SUCCESS);
        }
        Command::Key(KeyCommand::New { file }) => return heads::key_new(file),
        _ => {}
    }
    let artel = Artel::open(&cli.db, actor())
        .await
        .with_context(|| format!("cannot open the database {}", cli.db))?;
    // A server marks its database for as long as it serves: no restore replaces it meanwhile.
    let _serving = match cli.command {
        Command::Serve { .. } => Some(artel_app::hold_serving_lock(&cli.db).await?),
        _ => None,
    };
    let result = execute(&artel, cli.command).await;
    // Close even after a failure, so SQLite's log is folded into the database file.
    let closed = artel.close().await;
    let code = result?;
    closed?;
    Ok(code)
}

async fn execute(artel: &Artel, command: Command) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match command {
        Command::Init | Command::Check(_) | Command::Backup { .. } | Command::Restore { .. } => {}
        Command::Region(RegionCommand::Add {
            code,
            name,
            parent,
            level,
        }) => {
            let region = artel
                .add_region(&code, &name, parent.as_deref(), level.as_deref())
                .await?;
            writeln!(out, "added region {} ({})", region.code, region.path)?;
        }
        Command::Org(command) => crate::orgs::run(artel, command, &mut out).await?,
        Command::Region(RegionCommand::Counts {
            code,
            as_of,
            format,
        }) => crate::orgs::region_counts(artel, &code, as_of, format, &mut out).await?,
        Command::Import(import) => match import.split() {
            Importing::Journal(format, args) => {
                import_journal(artel, format, args, &mut out).await?
            }
            Importing::Production(RecordsArgs { file, org }) => {
                let imported = artel.import_production(&org, &file).await?;
                writeln!(
                    out,
                    "imported {} production reports into {org} ({} new products)",
                    imported.lines, imported.new_products
                )?;
            }
            Importing::Plans(RecordsArgs { file, org }) => {
                let imported = artel.import_plans(&org, &file).await?;
                writeln!(
                    out,
                    "imported {} monthly plans into {org} ({} new products)",
                    imported.lines, imported.new_products
                )?;
            }
            Importing::Stock(RecordsArgs { file, org }) => {
                let count = artel.import_stock(&org, &file).await?;
                writeln!(out, "imported {count} stock movements into {org}")?;
            }
            Importing::Contracts(RecordsArgs { file, org }) => {
                let count = artel.import_contracts(&org, &file).await?;
                writeln!(out, "imported {count} contracts into {org}")?;
            }
            Importing::Sales(RecordsArgs { file, org }) => {
                let count = artel.import_sales(&org, &file).await?;
                writeln!(out, "imported {count} invoices into {org}, each posted")?;
            }
            Importing::Labour(RecordsArgs { file, org }) => {
                let count = artel.import_labour(&org, &file).await?;
                writeln!(out, "imported {count} labour records into {org}")?;
            }
            Importing::Members(RecordsArgs { file, org }) => {
                let imported = artel.import_members(&org, &file).await?;
                writeln!(
                    out,
                    "imported {} members into {org}, {} shares paid ({} posted to share capital)",
                    imported.members,
                    imported.shares_paid,
                    artel.book(&org).await?.currency.format(imported.paid_in)
                )?;
            }
        },
        Command::Export(export) => {
            let (format, ExportArgs { book }) = export.split();
            drop(out);
            let mut stdout = std::io::stdout();
            artel_app::export_journal(artel, &book, journal_format(format), &mut stdout).await?;
        }
        Command::Verify {
            book,
            signed,
            public_key,
        } => {
            return heads::verify(
                artel,
                &book,
                signed.as_deref(),
                public_key.as_deref(),
                &mut out,
            )
            .await;
        }
        Command::Head(HeadCommand::Sign {
            book,
            key,
            out: file,
        }) => {
            return heads::sign(artel, &book, &key, file.as_deref(), &mut out).await;
        }
        Command::Key(_) => {}
        Command::Report(report) => run_report(artel, report, &mut out).await?,
        Command::Product(ProductCommand::Price { org, name, price }) => {
            artel
                .set_product_price(&org, &name, &price)
                .await
                .map_err(|e| on_the_command_line(e, PRODUCT_NAMES))?;
            writeln!(out, "{name} in {org}: standard price {price}")?;
        }
        Command::Product(ProductCommand::Set {
            org,
            name,
            price,
            unit,
            name_zh,
        }) => {
            let details = ProductDetails {
                standard_price: price,
                unit,
                name_zh,
            };
            artel
                .set_product(&org, &name, &details)
                .await
                .map_err(|e| on_the_command_line(e, PRODUCT_NAMES))?;
            let product = artel
                .products(&org)
                .await?
                .into_iter()
                .find(|p| p.name == name.trim())
                .ok_or_else(|| anyhow::anyhow!("product '{name}' was not stored"))?;
            let currency = artel.book(&org).await?.currency;
            writeln!(
                out,
                "{} in {org}: standard price {}, unit '{}', Chinese name '{}'",
                product.name,
                currency.format(product.standard_price),
                product.unit,
                product.name_zh
            )?;
        }
        Command::Stock(command) => crate::stock::run(artel, command, &mut out).await?,
        Command::Sales(command) => crate::sales::run(artel, command, &mut out).await?,
        Command::Loan(command) => crate::loans::run(artel, command, &mut out).await?,
        Command::Campaign(command) => crate::campaigns::run(artel, command, &mut out).await?,
        Command::Exhibition(command) => {
            crate::campaigns::run_exhibition(artel, command, &mut out).await?
        }
        Command::Year(command) => crate::year::run(artel, command, &mut out).await?,
        Command::Member(member) => members::run_member(artel, member, &mut out).await?,
        Command::Meeting(meeting) => members::run_meeting(artel, meeting, &mut out).await?,
        Command::Period(PeriodCommand::Close { book, period }) => {
            let changed = artel.close_period(&book, &period).await?;
            writeln!(
                out,
                "{book}: period {period} {}",
                if changed {
                    "closed"
                } else {
                    "was already closed"
                }
            )?;
        }
        Command::Period(PeriodCommand::Reopen {
            book,
            period,
            reason,
        }) => {
            let changed = artel.reopen_period(&book, &period, &reason).await?;
            writeln!(
                out,
                "{book}: period {period} {}",
                if changed {
                    "reopened"
                } else {
                    "was not closed"
                }
            )?;
        }
        Command::Entry(EntryCommand::Post {
            book,
            date,
            memo,
            postings,
        }) => {
            let postings = postings
                .iter()
                .enumerate()
                .map(|(index, text)| {
                    let (account, amount) = text.rsplit_once('=').ok_or_else(|| {
                        AppError::rejected(
                            format!("--posting #{}", index + 1),
                            format!("'{text}' is not ACCOUNT=AMOUNT"),
                        )
                    })?;
                    Ok(NewPosting {
                        account: account.trim().to_owned(),
                        amount: amount.trim().to_owned(),
                    })
                })
                .collect::<Result<Vec<_>, AppError>>()?;
            let posted = artel
                .post_entry(&book, date, &memo, None, &postings, None)
                .await?
                .posted;
            writeln!(
                out,
                "posted entry {} ({})",
                posted.sequence, posted.entry_id
            )?;
        }
        Command::Entry(EntryCommand::Reverse {
            book,
            sequence,
            date,
            memo,
        }) => {
            let date = date.unwrap_or_else(|| chrono::Local::now().date_naive());
            let posted = artel
                .reverse_entry(&book, sequence, date, memo.as_deref(), None)
                .await?
                .posted;
            writeln!(
                out,
                "posted entry {} reversing entry {sequence}",
                posted.sequence
            )?;
        }
        Command::Account(AccountCommand::List { book, format }) => {
            let accounts = artel.accounts(&book).await?;
            account_list(&mut out, format, &book, &accounts)?;
        }
        Command::Account(AccountCommand::Add {
            book,
            name,
            account_type,
            label_en,
            label_zh,
            production_cost,
        }) => {
            artel
                .add_account(
                    &book,
                    &name,
                    account_type.as_deref(),
                    &label_en,
                    &label_zh,
                    production_cost,
                )
                .await?;
            writeln!(out, "added account {name} to {book}")?;
        }
        Command::Audit {
            book,
            security,
            format,
        } => {
            let header = [
                "at", "actor", "address", "action", "detail", "before", "after",
            ];
            let rows: Vec<[String; 7]> = if security {
                let events = artel
                    .security_events(None, artel_app::EVENTS_PER_PAGE_MAX)
                    .await?;
                events
                    .into_iter()
                    .map(|e| {
                        [
                            e.at.to_rfc3339(),
                            e.actor,
                            e.address.unwrap_or_default(),
                            e.action,
                            e.detail,
                            String::new(),
                            String::new(),
                        ]
                    })
                    .collect()
            } else {
                let code = book.unwrap_or_default();
                let events = artel
                    .audit_trail(&code, None, artel_app::EVENTS_PER_PAGE_MAX)
                    .await?;
                events
                    .into_iter()
                    .map(|e| {
                        [
                            e.at.to_rfc3339(),
                            e.actor,
                            e.address.unwrap_or_default(),
                            e.action,
                            e.detail,
                            e.before.unwrap_or_default(),
                            e.after.unwrap_or_default(),
                        ]
                    })
                    .collect()
            };
            render::table(&mut out, format, &header, &rows)?;
        }
        Command::Demo => {
            let sign_in = artel.load_demo().await?;
            writeln!(out, "{}", demo_sign_in(&sign_in))?;
        }
        Command::Serve {
            addr,
            demo,
            rate_limit,
            no_rate_limit,
            trusted_proxy,
            sign_heads,
            signing_key,
            sign_every,
        } => {
            drop(out);
            if demo {
                let sign_in = artel.load_demo().await?;
                eprintln!("artel: {}", demo_sign_in(&sign_in));
            }
            let signer = signing_key
                .as_deref()
                .map(artel_app::HeadSigner::read)
                .transpose()?;
            let served = match &signer {
                Some(signer) => artel.clone().with_head_signer(signer.clone()),
                None => artel.clone(),
            };
            let schedule = match (sign_heads, signer) {
                (Some(dir), Some(signer)) => {
                    let every = sign_every.unwrap_or(heads::SIGN_EVERY_DEFAULT);
                    Some(heads::start_schedule(artel, dir, signer, every).await?)
                }
                _ => None,
            };
            let announce = |bound: std::net::SocketAddr| {
                eprintln!(
                    "artel: listening on http://{bound} (API under /api/v1, explorer at /api/explorer)"
                );
            };
            artel_server::log_to_stderr();
            let limit = (!no_rate_limit).then_some(rate_limit);
            let served = artel_server::serve(
                served,
                addr,
                limit,
                &trusted_proxy,
                announce,
                stop_signal()?,
            )
            .await;
            // The schedule holds the database too: end it before the database is closed.
            if let Some(schedule) = schedule {
                schedule.abort();
                let _ = schedule.await;
            }
            served.with_context(|| format!("cannot serve on {addr}"))?;
            eprintln!("artel: stopped; the database is closed");
        }
        Command::User(UserCommand::Add {
            name,
            role,
            org,
            region,
        }) => {
            let scope = match (org, region) {
                (Some(code), _) => Scope::Organisation(code),
                (None, Some(code)) => Scope::Region(code),
                (None, None) => {
                    return Err(AppError::rejected("--org", "give --org or --region").into());
                }
            };
            artel.add_user(&name, &role, &scope).await?;
            writeln!(
                out,
                "{name} is {role} over {}",
                match &scope {
                    Scope::Organisation(code) => format!("organisation {code}"),
                    Scope::Region(code) => format!("region {code}"),
                }
            )?;
        }
        Command::User(UserCommand::Password { name }) => {
            let mut line = String::new();
            std::io::stdin()
                .read_line(&mut line)
                .context("cannot read the password from standard input")?;
            artel
                .set_password(&name, line.trim_end_matches(['\n', '\r']))
                .await?;
            writeln!(out, "password of {name} set")?;
        }
        Command::User(UserCommand::Disable { name }) => {
            artel.set_user_disabled(&name, true).await?;
            writeln!(out, "{name} disabled")?;
        }
        Command::User(UserCommand::Enable { name }) => {
            artel.set_user_disabled(&name, false).await?;
            writeln!(out, "{name} enabled")?;
        }
        Command::User(UserCommand::Totp { name }) => {
            let setup = artel.setup_totp(&name).await?;
            writeln!(out, "{}", setup.url)?;
            writeln!(out, "secret: {}", setup.secret)?;
        }
        Command::Token(TokenCommand::Create {
            name,
            label,
            expires_in_days,
            no_expiry,
        }) => {
            let lifetime = (!no_expiry).then(|| chrono::Duration::days(expires_in_days.into()));
            let token = artel.create_token(&name, &label, lifetime).await?;
            writeln!(out, "{token}")?;
        }
        Command::Account(AccountCommand::Relabel {
            book,
            name,
            label_en,
            label_zh,
        }) => {
            artel
                .relabel_account(&book, &name, &label_en, &label_zh)
                .await?;
            writeln!(out, "relabelled {name}")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

async fn run_report(
    artel: &Artel,
    report: ReportCommand,
    out: &mut dyn Write,
) -> anyhow::Result<()> {
    match report {
        ReportCommand::TrialBalance { options, range } => {
            let report = artel
                .trial_balance(&options.book, range.from, range.to)
                .await?;
            render::trial_balance(out, options.format, &report)?;
        }
        ReportCommand::GeneralLedger {
            options,
            account,
            range,
        } => {
            let report = artel
                .general_ledger(&options.book, &account, range.from, range.to)
                .await?;
            render::general_ledger(out, options.format, &report)?;
        }
        ReportCommand::BalanceSheet { options, as_of } => {
            let report = artel.balance_sheet(&options.book, as_of).await?;
            render::balance_sheet(out, options.format, &report)?;
        }
        ReportCommand::IncomeStatement { options, range } => {
            let report = artel
                .income_statement(&options.book, range.from, range.to)
                .await?;
            render::income_statement(out, options.format, &report)?;
        }
        ReportCommand::Indicators {
            org,
            period,
            compare,
            format,
        } => {
            let rows = artel.indicators(&org, &period, compare.as_deref()).await?;
            members::indicators(out, format, &org, &rows)?;
        }
        ReportCommand::Statistics {
            region,
            period,
            compare,
            format,
        } => {
            let statistics = artel
                .statistics(&region, &period, compare.as_deref())
                .await?;
            crate::orgs::statistics(out, format, &statistics)?;
        }
    }
    Ok(())
}

fn account_list(
    out: &mut dyn Write,
    format: OutputFormat,
    book: &str,
    accounts: &[artel_ledger::Account],
) -> anyhow::Result<()> {
    match format {
        OutputFormat::Json => {
            let rows: Vec<_> = accounts
                .iter()
                .map(|a| serde_json::json!({"name": a.name.as_str(), "type": a.account_type.as_str(), "label_en": a.label_en, "label_zh": a.label_zh, "production_cost": a.production_cost}))
                .collect();
            writeln!(
                out,
                "{}",
                serde_json::json!({"book": book, "accounts": rows})
            )?;
        }
        OutputFormat::Csv => {
            let mut writer = csv::Writer::from_writer(out);
            writer.write_record(["name", "type", "label_en", "label_zh", "production_cost"])?;
            for a in accounts {
                writer.write_record([
                    a.name.as_str(),
                    a.account_type.as_str(),
                    &a.label_en,
                    &a.label_zh,
                    if a.production_cost { "yes" } else { "no" },
                ])?;
            }
            writer.flush()?;
        }
        OutputFormat::Text => {
            for a in accounts {
                writeln!(
                    out,
                    "{:<40} {:<10} {} {}",
                    a.name.as_str(),
                    a.account_type.as_str(),
                    a.label_en,
                    a.label_zh
                )?;
            }
        }
    }
    Ok(())
}

/// Completes on Ctrl-C or SIGTERM, so the server stops taking requests, finishes those under
/// way, and the database is closed cleanly (SQLite's log folded into the file). The
/// handlers are installed here, before the server announces itself, so that a signal sent
/// as soon as it listens is not lost.
fn stop_signal() -> anyhow::Result<impl std::future::Future<Output = ()> + Send + 'static> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let mut interrupt = signal(SignalKind::interrupt()).context("cannot watch for Ctrl-C")?;
        let mut terminate = signal(SignalKind::terminate()).context("cannot watch for SIGTERM")?;
        Ok(async move {
            tokio::select! {
                _ = interrupt.recv() => {}
                _ = terminate.recv() => {}
            }
        })
    }
    #[cfg(not(unix))]
    {
        Ok(async {
            let _ = tokio::signal::ctrl_c().await;
        })
    }
}

/// A progress bar on stderr, only when stderr is a terminal.
fn progress_bar() -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new(0);
    if let Ok(style) =
        ProgressStyle::with_template("{msg} {wide_bar} {bytes}/{total_bytes} ({eta})")
    {
        bar.set_style(style);
    }
    bar.set_message("importing");
    Some(bar)
}

/// How to sign in to the demo, on one line.
fn demo_sign_in(sign_in: &artel_app::DemoSignIn) -> String {
    format!(
        "demo loaded — sign in as '{}' with password '{}' (book {}), or as '{}' (government officer over {})",
        sign_in.user, sign_in.password, sign_in.book, sign_in.officer, sign_in.region
    )
}
