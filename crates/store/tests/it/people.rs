//! Who a token or a session stands for: the user and every role granted to them, read in
//! one statement — one row per grant, and a user without grants still found.

use artel_store::{Grantee, NewSession, RoleGrant};
use chrono::{Duration, Utc};
use uuid::Uuid;

use crate::harness::{TestDb, engine_tests, new_region};

engine_tests!(
    a_token_stands_for_its_user_with_every_grant,
    a_session_stands_for_its_user_with_every_grant
);

/// `clerk` with two grants (a cooperative, a region subtree) and `guest` with none.
async fn two_users(t: &TestDb) -> Vec<RoleGrant> {
    let org = t.cooperative("red-star").await;
    let region =
        t.db.add_region(&new_region("hubei", "province", None))
            .await
            .unwrap();
    t.db.grant_role("clerk", "accountant", Some(org.org_id), None)
        .await
        .unwrap();
    t.db.grant_role("clerk", "government-officer", None, Some(region.region_id))
        .await
        .unwrap();
    t.db.grant_role("guest", "accountant", Some(org.org_id), None)
        .await
        .unwrap();
    t.execute(
        "DELETE FROM role_grants WHERE user_id IN (SELECT user_id FROM users WHERE name = 'guest')",
    )
    .await
    .unwrap();
    vec![
        RoleGrant {
            role: "accountant".into(),
            org_id: Some(org.org_id),
            region_path: None,
        },
        RoleGrant {
            role: "government-officer".into(),
            org_id: None,
            region_path: Some(region.path),
        },
    ]
}

fn sorted(mut grantee: Grantee) -> Grantee {
    grantee.grants.sort_by(|a, b| a.role.cmp(&b.role));
    grantee
}

async fn a_token_stands_for_its_user_with_every_grant(t: &TestDb) {
    let grants = two_users(t).await;
    let now = Utc::now();
    for (name, hash) in [("clerk", [1u8; 32]), ("guest", [2u8; 32])] {
        t.db.create_token(name, "laptop", &hash, Some(now + Duration::days(1)))
            .await
            .unwrap();
    }

    let clerk = t.db.user_by_token(&[1u8; 32], now).await.unwrap().unwrap();
    assert_eq!(clerk.user.name, "clerk");
    assert_eq!(sorted(clerk).grants, grants);
    let guest = t.db.user_by_token(&[2u8; 32], now).await.unwrap().unwrap();
    assert_eq!(guest.user.name, "guest");
    assert!(guest.grants.is_empty(), "{guest:?}");

    // Unknown, expired, and revoked tokens stand for no one.
    assert_eq!(t.db.user_by_token(&[3u8; 32], now).await.unwrap(), None);
    let later = now + Duration::days(2);
    assert_eq!(t.db.user_by_token(&[1u8; 32], later).await.unwrap(), None);
    let guest_id = guest.user.user_id;
    let token_id = t.db.tokens(guest_id).await.unwrap()[0].token_id;
    assert!(t.db.revoke_token(guest_id, token_id).await.unwrap());
    assert_eq!(t.db.user_by_token(&[2u8; 32], now).await.unwrap(), None);
}

async fn a_session_stands_for_its_user_with_every_grant(t: &TestDb) {
    let grants = two_users(t).await;
    let now = Utc::now();
    for (name, hash) in [("clerk", [1u8; 32]), ("guest", [2u8; 32])] {
        let user = t.db.user_by_name(name).await.unwrap().unwrap();
        t.db.insert_session(&NewSession {
            session_id: Uuid::now_v7(),
            user_id: user.user_id,
            token_hash: &hash,
            created_at: now,
            expires_at: now + Duration::hours(8),
            address: "127.0.0.1",
            user_agent: "test",
        })
        .await
        .unwrap();
    }

    let (session, clerk) = t.db.session_by_token(&[1u8; 32]).await.unwrap().unwrap();
    assert_eq!(session.user_id, clerk.user.user_id);
    assert_eq!(clerk.user.name, "clerk");
    assert_eq!(sorted(clerk).grants, grants);
    let (_, guest) = t.db.session_by_token(&[2u8; 32]).await.unwrap().unwrap();
    assert_eq!(guest.user.name, "guest");
    assert!(guest.grants.is_empty(), "{guest:?}");
    assert_eq!(t.db.session_by_token(&[3u8; 32]).await.unwrap(), None);
}
