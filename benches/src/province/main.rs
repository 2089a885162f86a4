//! `province`: writes the province-scale dataset of issue 10's fifth target into a new
//! database — a benchmark input for `scripts/bench --province`, not part of CI.
//!
//! A province (region `bench`) with ten prefectures of ten counties each, and `--coops`
//! cooperatives (10,000 by default) spread over the counties in turn, each founded before
//! `--first-year`, keeping its books in CNY. Each has `--members-per-coop` members (100),
//! two or three products with standard prices, and over `--years` years (10) one
//! production report per product and month with its monthly plan, two to four contracts a
//! year and two to four invoiced sales a month, cash and on credit, to buyers of every
//! counterparty type (`records`: deterministic from `--seed`, the same cooperative whatever
//! `--coops` says). Everything is written through artel-app's use cases, as `artel org
//! add`, `artel import members|plans|production|contracts|sales` and `artel product` would:
//! the CSV files are written to a temporary directory (the current directory while it runs,
//! so that the stored sources read `bench-00001-sales.csv:12`) and imported from there.
//!
//! At the end it adds two users with the password `--password`: `bench-director`, a
//! director of the first cooperative (whose dashboard `scripts/bench` reads), and
//! `bench-officer`, a government officer over the province (its statistics). It refuses a
//! database that already holds organisations, so that a run is never mixed with other
//! data. Progress goes to stderr, the totals to stdout.
//!
//! ```sh
//! province --db sqlite:/root/bench/province.sqlite            # the full size
//! province --db sqlite:/tmp/small.sqlite --coops 200          # a quick small one
//! ```

mod records;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use artel_app::{Artel, OrganisationRequest, ProductDetails, Scope};
use clap::Parser;

use records::{Rows, Shape};

#[derive(Parser)]
#[command(about = "Write the province-scale benchmark dataset into a new database")]
struct Args {
    /// The database, as `artel --db` takes it: `sqlite:PATH` or a postgres:// URL.
    #[arg(long)]
    db: String,
    /// Cooperatives.
    #[arg(long, default_value_t = 10_000)]
    coops: u64,
    /// Members of each cooperative.
    #[arg(long, default_value_t = 100)]
    members_per_coop: u64,
    /// Years of monthly production and sales.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(i32).range(1..=50))]
    years: i32,
    /// The first of those years; every cooperative is founded before it.
    #[arg(long, default_value_t = 2015, value_parser = clap::value_parser!(i32).range(1900..=2100))]
    first_year: i32,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Cooperatives written at once (their files are made and checked while another's
    /// are written; the database still takes one writer at a time).
    #[arg(long, default_value_t = 1)]
    jobs: usize,
    /// The password of the two users it adds.
    #[arg(long, default_value = "artel-province-bench")]
    password: String,
}

/// The steps of one cooperative, in order, as the time spent in each is reported.
const STEPS: [&str; 7] = [
    "org add",
    "products",
    "import members",
    "import plans",
    "import production",
    "import contracts",
    "import sales",
];

/// What the workers have done so far, for the progress lines.
#[derive(Default)]
struct Done {
    cooperatives: AtomicU64,
    rows: AtomicU64,
}

/// What one worker did: rows written and the time each step took.
#[derive(Default)]
struct Work {
    rows: Rows,
    steps: [Duration; STEPS.len()],
}

/// `sqlite:PATH` with `PATH` made absolute, since the files are imported from a directory
/// of their own; other URLs as they are.
fn absolute_url(url: &str) -> Result<String> {
    let Some(path) = url.strip_prefix("sqlite:") else {
        return Ok(url.to_owned());
    };
    let path = path.strip_prefix("//").unwrap_or(path);
    let path = Path::new(path);
    if path.is_absolute() {
        return Ok(url.to_owned());
    }
    let absolute = std::env::current_dir()?.join(path);
    Ok(format!("sqlite:{}", absolute.display()))
}

/// The province, its prefectures and counties, each added unless it exists.
async fn add_regions(artel: &Artel) -> Result<()> {
    let existing: Vec<String> = artel.regions().await?.into_iter().map(|r| r.code).collect();
    let add = async |code: String, name: String, parent: Option<String>, level: &str| {
        if !existing.contains(&code) {
            artel
                .add_region(&code, &name, parent.as_deref(), Some(level))
                .await
                .with_context(|| format!("adding region {code}"))?;
        }
        anyhow::Ok(())
    };
    add(
        records::PROVINCE.into(),
        "Bench province".into(),
        None,
        "province",
    )
    .await?;
    for prefecture in 1..=10 {
        let code = records::prefecture_code(prefecture);
        add(
            code.clone(),
            format!("Prefecture {prefecture:02}"),
            Some(records::PROVINCE.into()),
            "district",
        )
        .await?;
        for county in 1..=10 {
            add(
                records::county_code(prefecture, county),
                format!("County {prefecture:02}-{county:02}"),
                Some(code.clone()),
                "county",
            )
            .await?;
        }
    }
    Ok(())
}

/// Writes `contents` to `name` in the current directory, for an import.
fn file(name: String, contents: &str) -> Result<PathBuf> {
    let path = PathBuf::from(name);
    std::fs::write(&path, contents).with_context(|| format!("writing {}", path.display()))?;
    Ok(path)
}

/// Writes the cooperative `number` through the use cases, timing each step into `work`.
async fn write_cooperative(
    artel: &Artel,
    shape: Shape,
    number: u64,
    work: &mut Work,
) -> Result<()> {
    let coop = records::cooperative(shape, number);
    let code = coop.code.as_str();
    let mut clock = Instant::now();
    let mut lap = |step: usize, work: &mut Work| {
        work.steps[step] += clock.elapsed();
        clock = Instant::now();
    };
    artel
        .add_organisation(&OrganisationRequest {
            code: coop.code.clone(),
            kind: "cooperative".into(),
            name: coop.name.clone(),
            region: Some(coop.region.clone()),
            parent: None,
            currency: "CNY".into(),
            scale: 2,
            founded: Some(coop.founded),
            status: None,
        })
        .await?;
    lap(0, work);
    for product in &coop.products {
        let details = ProductDetails {
            standard_price: Some(records::yuan(product.price)),
            unit: Some(product.unit.into()),
            name_zh: Some(product.name_zh.into()),
        };
        artel.set_product(code, product.name, &details).await?;
    }
    lap(1, work);
    let members = file(format!("{code}-members.csv"), &coop.members_csv)?;
    artel.import_members(code, &members).await?;
    lap(2, work);
    let plans = file(format!("{code}-plans.csv"), &coop.plans_csv)?;
    artel.import_plans(code, &plans).await?;
    lap(3, work);
    let production = file(format!("{code}-production.csv"), &coop.production_csv)?;
    artel.import_production(code, &production).await?;
    lap(4, work);
    let contracts = file(format!("{code}-contracts.csv"), &coop.contracts_csv)?;
    artel.import_contracts(code, &contracts).await?;
    lap(5, work);
    let sales = file(format!("{code}-sales.csv"), &coop.sales_csv)?;
    artel.import_sales(code, &sales).await?;
    lap(6, work);
    for path in [members, plans, production, contracts, sales] {
        std::fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
    }
    work.rows.add(coop.rows);
    Ok(())
}

/// Takes the next cooperative's number until there are none left.
async fn worker(
    artel: Artel,
    shape: Shape,
    coops: u64,
    next: Arc<AtomicU64>,
    done: Arc<Done>,
) -> Result<Work> {
    let mut work = Work::default();
    loop {
        let number = next.fetch_add(1, Ordering::Relaxed);
        if number > coops {
            return Ok(work);
        }
        let before = work.rows.total();
        write_cooperative(&artel, shape, number, &mut work)
            .await
            .with_context(|| format!("cooperative {}", records::cooperative_code(number)))?;
        done.rows
            .fetch_add(work.rows.total() - before, Ordering::Relaxed);
        done.cooperatives.fetch_add(1, Ordering::Relaxed);
    }
}

/// A progress line every ten seconds until stopped.
async fn report_progress(done: Arc<Done>, coops: u64, started: Instant) {
    let mut tick = tokio::time::interval(Duration::from_secs(10));
    tick.tick().await;
    let mut last = (0u64, Instant::now());
    loop {
        tick.tick().await;
        let (cooperatives, rows) = (
            done.cooperatives.load(Ordering::Relaxed),
            done.rows.load(Ordering::Relaxed),
        );
        let elapsed = started.elapsed().as_secs_f64();
        let recent = (rows - last.0) as f64 / last.1.elapsed().as_secs_f64();
        last = (rows, Instant::now());
        let left = if cooperatives > 0 {
            elapsed / cooperatives as f64 * (coops - cooperatives) as f64
        } else {
            0.0
        };
        eprintln!(
            "province: {cooperatives}/{coops} cooperatives, {rows} rows, {:.0} rows/s ({recent:.0} in the last 10 s), {elapsed:.0} s, about {left:.0} s left",
            rows as f64 / elapsed
        );
    }
}

/// The two users `scripts/bench` signs in as.
async fn add_users(artel: &Artel, password: &str) -> Result<()> {
    let first = records::cooperative_code(1);
    artel
        .add_user("bench-director", "director", &Scope::Organisation(first))
        .await?;
    artel
        .add_user(
            "bench-officer",
            "government-officer",
            &Scope::Region(records::PROVINCE.into()),
        )
        .await?;
    for user in ["bench-director", "bench-officer"] {
        artel.set_password(user, password).await?;
    }
    Ok(())
}

async fn run(args: Args) -> Result<()> {
    let url = absolute_url(&args.db)?;
    let artel = Artel::open(&url, "province-bench")
        .await
        .with_context(|| format!("opening {}", args.db))?;
    let existing = artel.organisations().await?.len();
    if existing > 0 {
        eprintln!(
            "error: {} already holds {existing} organisations; the province is written only into a database without any, so that it is never mixed with other data",
            args.db
        );
        std::process::exit(1);
    }
    let shape = Shape {
        seed: args.seed,
        members: args.members_per_coop,
        years: args.years,
        first_year: args.first_year,
    };
    let started = Instant::now();
    add_regions(&artel).await?;
    // The files are imported by names relative to their own directory, as a person at the
    // command line would import `sales.csv`: the sources stored with every row stay short.
    let directory = tempfile::Builder::new()
        .prefix("artel-province-")
        .tempdir()
        .context("a directory for the files")?;
    let home = std::env::current_dir()?;
    std::env::set_current_dir(directory.path())?;
    let (next, done) = (Arc::new(AtomicU64::new(1)), Arc::new(Done::default()));
    let progress = tokio::spawn(report_progress(Arc::clone(&done), args.coops, started));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..args.jobs.max(1) {
        workers.spawn(worker(
            artel.clone(),
            shape,
            args.coops,
            Arc::clone(&next),
            Arc::clone(&done),
        ));
    }
    let mut total = Work::default();
    while let Some(finished) = workers.join_next().await {
        let work = match finished.context("a worker stopped")? {
            Ok(work) => work,
            Err(error) => {
                workers.abort_all();
                progress.abort();
                std::env::set_current_dir(&home)?;
                return Err(error.context(format!(
                    "{} now holds a part of the province: remove it before running again",
                    args.db
                )));
            }
        };
        total.rows.add(work.rows);
        for (sum, step) in total.steps.iter_mut().zip(work.steps) {
            *sum += step;
        }
    }
    progress.abort();
    std::env::set_current_dir(&home)?;
    add_users(&artel, &args.password).await?;
    artel.close().await?;
    let seconds = started.elapsed().as_secs_f64();
    let rows = total.rows;
    println!(
        "organisations: {} cooperatives in 111 regions (bench, 10 prefectures, 100 counties)",
        args.coops
    );
    println!("members: {}", rows.members);
    println!("production reports: {}", rows.production);
    println!("monthly plans: {}", rows.plans);
    println!("contracts: {}", rows.contracts);
    println!("invoices: {}", rows.invoices);
    println!(
        "rows: {} in {seconds:.1} s, {:.0} rows/s",
        rows.total(),
        rows.total() as f64 / seconds
    );
    let step_times: Vec<String> = STEPS
        .iter()
        .zip(total.steps)
        .map(|(step, time)| format!("{step} {:.1} s", time.as_secs_f64()))
        .collect();
    println!("time by step (summed over jobs): {}", step_times.join(", "));
    println!(
        "users: bench-director (director of {}), bench-officer (government officer over {}), password '{}'",
        records::cooperative_code(1),
        records::PROVINCE,
        args.password
    );
    println!("seconds: {seconds:.1}");
    Ok(())
}

#[tokio::main]
async fn main() -> Result<()> {
    run(Args::parse()).await
}
