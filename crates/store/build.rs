//! Rebuilds the crate when a migration is added or changed: `sqlx::migrate!` embeds the
//! files of `migrations/` at compile time, and cargo would not look at them otherwise.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
}
