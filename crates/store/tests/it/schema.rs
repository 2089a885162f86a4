//! The schema's rules, read from the databases' catalogues: on PostgreSQL every table of an
//! organisation's data has `org_id` first in every key (so Citus can distribute it), and
//! the SQLite and PostgreSQL migrations describe the same tables, columns and keys.

use std::collections::{BTreeMap, BTreeSet};

use artel_store::Engine;

use crate::harness::TestDb;

/// Tables that hold no one organisation's data: Citus reference or local tables.
const REFERENCE_TABLES: [&str; 11] = [
    "regions",
    "campaign_codes",
    "organisations",
    "users",
    "role_grants",
    "api_tokens",
    "sessions",
    "login_failures",
    "security_events",
    "request_replays",
    "_sqlx_migrations",
];

/// The tables of an organisation's books and records, all of which must follow the rule.
const BOOK_TABLES: [&str; 50] = [
    "accounts",
    "audit_chain_backfill",
    "audit_events",
    "audit_heads",
    "balances",
    "book_heads",
    "campaign_actions",
    "campaign_findings",
    "campaign_focus",
    "campaign_phases",
    "campaign_stages",
    "campaigns",
    "charters",
    "committee_seats",
    "contract_items",
    "contracts",
    "counterparties",
    "distributions",
    "dividends",
    "entries",
    "exhibition_contracts",
    "exhibition_participants",
    "exhibition_products",
    "exhibitions",
    "idempotency_keys",
    "invoices",
    "labour_records",
    "loan_repayments",
    "loans",
    "meetings",
    "member_affiliations",
    "member_events",
    "members",
    "motions",
    "org_bodies",
    "org_events",
    "org_memberships",
    "payment_allocations",
    "payments",
    "periods",
    "postings",
    "production_plans",
    "production_reports",
    "products",
    "share_movements",
    "stock_items",
    "stock_movements",
    "stock_on_hand",
    "write_offs",
    "year_closings",
];

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct ForeignKey {
    columns: Vec<String>,
    table: String,
    referenced: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Table {
    columns: Vec<String>,
    primary_key: Vec<String>,
    /// Unique constraints and unique indexes other than the primary key.
    unique_keys: BTreeSet<Vec<String>>,
    foreign_keys: BTreeSet<ForeignKey>,
}

type Schema = BTreeMap<String, Table>;

fn text(value: &Option<String>) -> String {
    value.clone().expect("a value, not NULL")
}

fn list(value: &Option<String>) -> Vec<String> {
    text(value).split(',').map(str::to_owned).collect()
}

async fn describe(t: &TestDb) -> Schema {
    match t.engine() {
        Engine::Sqlite => describe_sqlite(t).await,
        Engine::Postgres => describe_postgres(t).await,
    }
}

async fn describe_sqlite(t: &TestDb) -> Schema {
    let mut schema = Schema::new();
    for row in t
        .query_text(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'",
        )
        .await
    {
        let name = text(&row[0]);
        let mut table = Table::default();
        let mut primary: Vec<(i64, String)> = Vec::new();
        for column in t
            .query_text(&format!(
                "SELECT name, CAST(pk AS TEXT) FROM pragma_table_info('{name}') ORDER BY cid"
            ))
            .await
        {
            let position: i64 = text(&column[1]).parse().unwrap();
            if position > 0 {
                primary.push((position, text(&column[0])));
            }
            table.columns.push(text(&column[0]));
        }
        primary.sort();
        table.primary_key = primary.into_iter().map(|(_, column)| column).collect();
        let indexes = t.query_text(&format!("SELECT name FROM pragma_index_list('{name}') WHERE \"unique\" = 1 AND origin <> 'pk'")).await;
        for index in indexes {
            let columns = t
                .query_text(&format!(
                    "SELECT name FROM pragma_index_info('{}') ORDER BY seqno",
                    text(&index[0])
                ))
                .await;
            table
                .unique_keys
                .insert(columns.iter().map(|c| text(&c[0])).collect());
        }
        let mut foreign: BTreeMap<String, ForeignKey> = BTreeMap::new();
        let sql = format!(
            "SELECT CAST(id AS TEXT), \"table\", \"from\", \"to\" FROM pragma_foreign_key_list('{name}') ORDER BY id, seq"
        );
        for row in t.query_text(&sql).await {
            let key = foreign.entry(text(&row[0])).or_insert_with(|| ForeignKey {
                columns: vec![],
                table: text(&row[1]),
                referenced: vec![],
            });
            key.columns.push(text(&row[2]));
            key.referenced.push(row[3].clone().unwrap_or_else(|| {
                panic!("{name}: a foreign key names the columns it references")
            }));
        }
        table.foreign_keys = foreign.into_values().collect();
        schema.insert(name, table);
    }
    schema
}

/// `attributes` of the relation `relation` as a comma-separated list, in their order.
fn pg_columns(relation: &str, attributes: &str) -> String {
    format!(
        "array_to_string(ARRAY(SELECT a.attname::text FROM unnest({attributes}::int2[]) WITH ORDINALITY AS k(attnum, position) \
         JOIN pg_attribute a ON a.attrelid = {relation} AND a.attnum = k.attnum ORDER BY k.position), ',')"
    )
}

async fn describe_postgres(t: &TestDb) -> Schema {
    let mut schema = Schema::new();
    let tables = t.query_text("SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'").await;
    for row in tables {
        let name = text(&row[0]);
        let mut table = Table::default();
        let sql = format!(
            "SELECT column_name::text FROM information_schema.columns WHERE table_schema = 'public' AND table_name = '{name}' \
             ORDER BY ordinal_position"
        );
        table.columns = t
            .query_text(&sql)
            .await
            .iter()
            .map(|c| text(&c[0]))
            .collect();
        let sql = format!(
            "SELECT CASE WHEN ix.indisprimary THEN 'primary' ELSE 'unique' END, {} FROM pg_index ix \
             WHERE ix.indrelid = 'public.{name}'::regclass AND ix.indisunique",
            pg_columns("ix.indrelid", "ix.indkey")
        );
        for index in t.query_text(&sql).await {
            if text(&index[0]) == "primary" {
                table.primary_key = list(&index[1]);
            } else {
                table.unique_keys.insert(list(&index[1]));
            }
        }
        let sql = format!(
            "SELECT r.relname::text, {}, {} FROM pg_constraint c JOIN pg_class r ON r.oid = c.confrelid \
             WHERE c.conrelid = 'public.{name}'::regclass AND c.contype = 'f'",
            pg_columns("c.conrelid", "c.conkey"),
            pg_columns("c.confrelid", "c.confkey")
        );
        for key in t.query_text(&sql).await {
            table.foreign_keys.insert(ForeignKey {
                table: text(&key[0]),
                columns: list(&key[1]),
                referenced: list(&key[2]),
            });
        }
        schema.insert(name, table);
    }
    schema
}

/// Every way the schema breaks the Citus rule, described.
fn citus_violations(schema: &Schema) -> Vec<String> {
    let mut violations = Vec::new();
    let org_id_first = |columns: &[String]| columns.first().is_some_and(|c| c == "org_id");
    for (name, table) in schema {
        if REFERENCE_TABLES.contains(&name.as_str()) {
            continue;
        }
        if !table.columns.iter().any(|c| c == "org_id") {
            violations.push(format!("{name} has no org_id and is not a reference table"));
            continue;
        }
        if !org_id_first(&table.primary_key) {
            violations.push(format!("{name}: primary key {:?}", table.primary_key));
        }
        for key in &table.unique_keys {
            if !org_id_first(key) {
                violations.push(format!("{name}: unique key {key:?}"));
            }
        }
        for key in &table.foreign_keys {
            if REFERENCE_TABLES.contains(&key.table.as_str()) {
                continue;
            }
            if !org_id_first(&key.columns) || !org_id_first(&key.referenced) {
                violations.push(format!(
                    "{name}: foreign key {:?} → {}{:?}",
                    key.columns, key.table, key.referenced
                ));
            }
        }
    }
    violations
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_keys_follow_the_citus_rule() {
    let t = TestDb::postgres().await;
    let schema = describe(&t).await;
    for table in BOOK_TABLES {
        assert!(
            schema.contains_key(table),
            "table {table} in {:?}",
            schema.keys()
        );
    }
    let postings = &schema["postings"];
    assert_eq!(postings.primary_key, ["org_id", "sequence", "line"]);
    assert_eq!(postings.foreign_keys.len(), 2, "{postings:?}");
    assert_eq!(
        schema["accounts"].unique_keys,
        BTreeSet::from([vec!["org_id".to_owned(), "name".to_owned()]])
    );
    assert_eq!(citus_violations(&schema), Vec::<String>::new());

    // The check itself sees a table that breaks the rule in each way.
    let bad = "CREATE TABLE bad (org_id UUID NOT NULL, x INTEGER NOT NULL, y INTEGER NOT NULL, \
               PRIMARY KEY (x, org_id), UNIQUE (y), FOREIGN KEY (x, org_id) REFERENCES bad (x, org_id))";
    t.execute(bad).await.unwrap();
    t.execute("CREATE TABLE loose (note TEXT)").await.unwrap();
    let violations = citus_violations(&describe(&t).await);
    assert_eq!(violations.len(), 4, "{violations:#?}");
    assert!(
        violations
            .iter()
            .all(|v| v.starts_with("bad:") || v.starts_with("loose ")),
        "{violations:#?}"
    );
    t.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_and_postgres_schemas_agree() {
    let sqlite = TestDb::sqlite().await;
    let postgres = TestDb::postgres().await;
    let mut sqlite_schema = describe(&sqlite).await;
    let mut postgres_schema = describe(&postgres).await;
    // sqlx's own bookkeeping table is not part of the books.
    sqlite_schema
        .remove("_sqlx_migrations")
        .expect("SQLite migrations were recorded");
    postgres_schema
        .remove("_sqlx_migrations")
        .expect("PostgreSQL migrations were recorded");

    assert_eq!(
        sqlite_schema.keys().collect::<Vec<_>>(),
        postgres_schema.keys().collect::<Vec<_>>(),
        "the same tables"
    );
    for (name, table) in &sqlite_schema {
        let other = &postgres_schema[name];
        assert_eq!(table.columns, other.columns, "columns of {name}");
        assert_eq!(
            table.primary_key, other.primary_key,
            "primary key of {name}"
        );
        assert_eq!(
            table.unique_keys, other.unique_keys,
            "unique keys of {name}"
        );
        assert_eq!(
            table.foreign_keys, other.foreign_keys,
            "foreign keys of {name}"
        );
    }
    assert_eq!(
        sqlite_schema.len(),
        REFERENCE_TABLES.len() - 1 + BOOK_TABLES.len()
    );
    // The rule holds on SQLite too, so a Citus-ready schema is the same on both.
    assert_eq!(citus_violations(&sqlite_schema), Vec::<String>::new());
    sqlite.finish().await;
    postgres.finish().await;
}
