//! Opening a database, regions and organisations: migrations run once, the region tree's
//! materialised paths, and the chart of accounts a book opens with.

use artel_ledger::chart::cooperative_chart;
use artel_ledger::{Account, AccountType};
use artel_store::{Db, StoreError};

use crate::harness::{TestDb, engine_tests, entry, name, new_cooperative, new_region};

engine_tests!(
    opening_twice_is_safe_and_shares_the_data,
    regions_form_a_tree_of_paths,
    an_organisation_opens_with_its_chart
);

async fn opening_twice_is_safe_and_shares_the_data(t: &TestDb) {
    let org = t.cooperative("red-star").await;
    t.db.post(
        org.org_id,
        &[entry(
            "1954-01-05",
            &[("Assets:Cash", 500), ("Equity:Share Capital", -500)],
        )],
        "tester",
    )
    .await
    .unwrap();

    // A second handle on the same database migrates nothing twice and sees the first's data.
    let second = Db::open(&t.url)
        .await
        .expect("open the same database again");
    assert_eq!(second.engine(), t.engine());
    assert_eq!(second.organisation("red-star").await.unwrap(), org);
    assert_eq!(second.head(org.org_id).await.unwrap().0, 1);
    assert_eq!(
        second.accounts(org.org_id).await.unwrap(),
        t.db.accounts(org.org_id).await.unwrap()
    );
    second.close().await.unwrap();

    // And a third, opened after the second was closed, still does.
    let third = Db::open(&t.url).await.expect("open it a third time");
    assert_eq!(
        third.head(org.org_id).await.unwrap(),
        t.db.head(org.org_id).await.unwrap()
    );
    third.close().await.unwrap();
}

async fn regions_form_a_tree_of_paths(t: &TestDb) {
    let hubei =
        t.db.add_region(&new_region("hubei", "province", None))
            .await
            .unwrap();
    assert_eq!(hubei.path, "/hubei/");
    assert_eq!(hubei.parent_id, None);
    let shashi =
        t.db.add_region(&new_region("shashi", "city", Some("hubei")))
            .await
            .unwrap();
    assert_eq!(shashi.path, "/hubei/shashi/");
    assert_eq!(shashi.parent_id, Some(hubei.region_id));
    let street =
        t.db.add_region(&new_region("zhongshan", "subdistrict", Some("shashi")))
            .await
            .unwrap();
    assert_eq!(street.path, "/hubei/shashi/zhongshan/");
    assert_eq!(
        t.db.region_by_code("shashi").await.unwrap().as_ref(),
        Some(&shashi)
    );
    assert_eq!(t.db.region_by_code("wuhan").await.unwrap(), None);

    let duplicate =
        t.db.add_region(&new_region("shashi", "city", Some("hubei")))
            .await;
    assert!(
        matches!(&duplicate, Err(StoreError::AlreadyExists { what: "region", key }) if key == "shashi"),
        "{duplicate:?}"
    );
    let orphan =
        t.db.add_region(&new_region("jingzhou", "city", Some("nowhere")))
            .await;
    assert!(
        matches!(&orphan, Err(StoreError::NotFound { what: "region", key }) if key == "nowhere"),
        "{orphan:?}"
    );
    assert_eq!(t.db.region_by_code("jingzhou").await.unwrap(), None);

    // An organisation is placed in a region by its code; an unknown code is refused.
    let mut placed = new_cooperative("shashi-coop");
    placed.region_code = Some("shashi".to_owned());
    let organisation = t.db.add_organisation(&placed, &[], "tester").await.unwrap();
    assert_eq!(organisation.region_id, Some(shashi.region_id));
    let mut lost = new_cooperative("lost-coop");
    lost.region_code = Some("atlantis".to_owned());
    let refused = t.db.add_organisation(&lost, &[], "tester").await;
    assert!(
        matches!(&refused, Err(StoreError::NotFound { what: "region", key }) if key == "atlantis"),
        "{refused:?}"
    );
    assert_eq!(t.db.organisation_by_code("lost-coop").await.unwrap(), None);
}

async fn an_organisation_opens_with_its_chart(t: &TestDb) {
    let chart = cooperative_chart().unwrap();
    let org = t.cooperative("east-wind").await;
    assert_eq!(org.code, "east-wind");
    assert_eq!(t.db.organisation("east-wind").await.unwrap(), org);

    let stored: Vec<Account> =
        t.db.accounts(org.org_id)
            .await
            .unwrap()
            .into_iter()
            .map(|a| a.account)
            .collect();
    let mut expected = chart.clone();
    expected.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(
        stored, expected,
        "the accounts, ordered by name, with their types and labels"
    );

    // A second book with the same chart is separate from the first.
    let other = t.cooperative("west-wind").await;
    assert_ne!(other.org_id, org.org_id);
    assert_eq!(
        t.db.accounts(other.org_id).await.unwrap().len(),
        chart.len()
    );

    let duplicate =
        t.db.add_organisation(&new_cooperative("east-wind"), &chart, "tester")
            .await;
    assert!(
        matches!(&duplicate, Err(StoreError::AlreadyExists { what: "organisation", key }) if key == "east-wind"),
        "{duplicate:?}"
    );
    let missing = t.db.organisation("north-wind").await;
    assert!(
        matches!(
            &missing,
            Err(StoreError::NotFound {
                what: "organisation",
                ..
            })
        ),
        "{missing:?}"
    );

    // Accounts are added to one book; a name the book has is refused.
    let tractors = Account::unlabelled(name("Assets:Fixed Assets:Tractors"), AccountType::Asset);
    t.db.add_accounts(org.org_id, std::slice::from_ref(&tractors), "tester")
        .await
        .unwrap();
    assert_eq!(
        t.db.accounts(org.org_id).await.unwrap().len(),
        chart.len() + 1
    );
    assert_eq!(
        t.db.accounts(other.org_id).await.unwrap().len(),
        chart.len()
    );
    let again = t.db.add_accounts(org.org_id, &[tractors], "tester").await;
    assert!(
        matches!(&again, Err(StoreError::AlreadyExists { what: "account", key }) if key == "Assets:Fixed Assets:Tractors"),
        "{again:?}"
    );
}
