//! `artel`, the single binary: set-up, import, export, reports and checks of the books
//! from the command line (and, from later issues, the server).
//!
//! Exit codes: 0 success, 2 usage error, 3 the input was rejected and nothing was
//! written, 1 any other failure. Every error line goes to stderr and starts `error: `.

mod campaigns;
mod cli;
mod commands;
mod heads;
mod loans;
mod members;
mod orgs;
mod places;
mod render;
mod sales;
mod stock;
mod year;

use std::process::ExitCode;

use artel_app::AppError;
use clap::Parser;

/// mimalloc instead of the system's allocator: under the server's loads (many short
/// requests on a few threads) it took a sixth of the CPU time a page or a post costs
/// (BENCHMARKS.md, "What the profiles showed"). How it is compiled: `.cargo/config.toml`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start: {error}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(code) => code,
        Err(error) => report(&error),
    }
}

/// Prints an error, one line per problem, and chooses the exit code.
fn report(error: &anyhow::Error) -> ExitCode {
    match error.downcast_ref::<AppError>() {
        Some(AppError::Rejected(problems)) => {
            for problem in problems {
                eprintln!("error: {problem}");
            }
            return ExitCode::from(3);
        }
        Some(AppError::NotFound { place, message }) => {
            eprintln!("error: {place}: {message}");
            return ExitCode::from(3);
        }
        _ => {}
    }
    eprintln!("error: {error:#}");
    ExitCode::from(1)
}
