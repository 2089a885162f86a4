//! Signing in with a password (and a one-time code), browser sessions, and login
//! throttling.
//!
//! **Sessions.** A session is a random 256-bit token, handed to the browser once (in a
//! cookie) and stored only as its SHA-256. It stops working at sign-out, when its user or an
//! administrator ends it, when its user is disabled, after [`SESSION_IDLE`] without use, or
//! [`SESSION_LIFETIME`] after sign-in however busy it is. Every lookup checks all of these,
//! so a session ends on the server, not only in the browser.
//!
//! **One-time codes.** A user with a TOTP secret (`artel user totp NAME`) must give a
//! current code with their password; a user who holds an `administrator` grant anywhere must
//! have one, and is refused until it is set up. A code is accepted once.
//!
//! **Throttling.** Failed sign-ins (a wrong or unknown name, a wrong password, a disabled
//! account, a wrong code) are counted in the database under three keys: the (account name,
//! client address) pair, the account name, and the address. A count lapses
//! [`THROTTLE_WINDOW`] after its last failure. A sign-in is refused, before the password is
//! even checked, when
//!
//! 1. its (account, address) pair has [`PAIR_FAILURES_MAX`] failures: one address gets a
//!    few guesses at one account per window;
//! 2. its address has [`ADDRESS_FAILURES_MAX`] failures against any accounts: an address
//!    that sprays guesses over many accounts is shut out;
//! 3. its account has [`ACCOUNT_FAILURES_UNDER_ATTACK`] failures from all addresses
//!    together, and this address has failed against it at least once: while an account is
//!    under a distributed attack, each attacking address gets a single guess per window.
//!
//! No rule ever refuses an address that has no recent failures of its own against the
//! account (rules 1 and 3) and few overall (rule 2), so failures from elsewhere cannot lock
//! a user out: the right password (and code) from a clean address always gets in. A
//! successful sign-in forgets only the failures of its own (account, address) pair; it never
//! clears the account's or the address's count, so an attacker cannot reset their limits by
//! signing in to an account of their own. Unknown names are counted like known ones and
//! every refusal of a wrong name, password, code or disabled account reads the same, so
//! neither the answers nor the throttling tell which accounts exist. Refused attempts are
//! not counted, so a refusal never extends itself.

use std::sync::OnceLock;

use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use artel_coop::Role;
use artel_store::{Grantee, LoginFailures, NewSession, SessionRecord};
use chrono::{DateTime, Duration, Utc};
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::permissions::smallest_common_region;
use crate::{AppError, Artel, Caller};

/// A session ends after this long without a request.
pub const SESSION_IDLE: Duration = Duration::minutes(30);
/// A session ends this long after sign-in, however busy.
pub const SESSION_LIFETIME: Duration = Duration::hours(12);
/// A session's last use is written at most this often (a read would otherwise write).
const SESSION_TOUCH_INTERVAL: Duration = Duration::seconds(60);
/// How long a failed sign-in counts.
pub const THROTTLE_WINDOW: Duration = Duration::minutes(15);
/// Failures of one (account, address) pair that stop further attempts from it.
pub const PAIR_FAILURES_MAX: i64 = 5;
/// Failures from one address, against any accounts, that stop further attempts from it.
pub const ADDRESS_FAILURES_MAX: i64 = 30;
/// Failures against one account, from all addresses, that leave each address that failed
/// against it a single attempt per window.
pub const ACCOUNT_FAILURES_UNDER_ATTACK: i64 = 10;

/// What every session token starts with, so that a leaked one is easy to recognise.
const SESSION_PREFIX: &str = "artel_session_";
/// Longest account name, address and user agent kept.
const NAME_LENGTH_MAX: usize = 100;
const ADDRESS_LENGTH_MAX: usize = 100;
const USER_AGENT_LENGTH_MAX: usize = 300;
/// The issuer shown by authenticator apps.
const TOTP_ISSUER: &str = "Artel";

/// A new session: the token to hand to the client (shown only this once) and who it is.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub session_token: String,
    pub session_id: Uuid,
    pub expires_at: DateTime<Utc>,
    pub caller: Caller,
}

/// A session's caller, as found by its token.
#[derive(Debug, Clone)]
pub struct SessionCaller {
    pub session_id: Uuid,
    pub caller: Caller,
    /// The language the user chose for the pages, if any (read with the session).
    pub locale: Option<String>,
}

/// Why a sign-in was refused. `Credentials` covers a wrong or unknown name, a wrong
/// password, a disabled account and a wrong code alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInRefusal {
    Credentials,
    /// The password was right, but this account needs a one-time code too.
    CodeRequired,
    /// The password was right, but the account is an administrator's without a TOTP secret.
    CodeSetupRequired,
    /// Too many recent failures; try again after this many seconds.
    Throttled {
        retry_after_seconds: u64,
    },
}

impl std::fmt::Display for SignInRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SignInRefusal::Credentials => f.write_str("wrong name, password or one-time code"),
            SignInRefusal::CodeRequired => f.write_str("this account needs a one-time code too"),
            SignInRefusal::CodeSetupRequired => f.write_str(
                "administrators sign in with a one-time code: have the operator run `artel user totp NAME` and add it to an authenticator app first",
            ),
            SignInRefusal::Throttled {
                retry_after_seconds,
            } => write!(
                f,
                "too many failed sign-ins; try again in {} minutes",
                retry_after_seconds.div_ceil(60).max(1)
            ),
        }
    }
}

/// A user's new TOTP secret, to be added to an authenticator app.
#[derive(Debug, Clone)]
pub struct TotpSetup {
    /// The secret in base32, for typing in.
    pub secret: String,
    /// An `otpauth://totp/…` URL, for a QR code.
    pub url: String,
}

fn session_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn random_bytes<const N: usize>() -> Result<[u8; N], AppError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)
        .map_err(|e| AppError::Failed(format!("no randomness available: {e}")))?;
    Ok(bytes)
}

/// At most `max` characters of `text`.
fn clipped(text: &str, max: usize) -> String {
    text.chars().take(max).collect()
}

/// A hash to verify against when there is no user, so that an unknown name takes as long
/// to refuse as a wrong password.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| {
        Argon2::default()
            .hash_password_with_salt(b"no such user", b"artel-decoy-salt")
            .map(|hash| hash.to_string())
            .unwrap_or_default()
    })
}

/// Whether `password` matches the Argon2id `hash` (off the async threads: it takes a while).
async fn password_matches(hash: String, password: String) -> bool {
    tokio::task::spawn_blocking(move || {
        Argon2::default()
            .verify_password(password.as_bytes(), hash.as_str())
            .is_ok()
    })
    .await
    .unwrap_or(false)
}

fn totp(secret_base32: &str, account: Option<&str>) -> Result<totp_rs::Totp, AppError> {
    let secret = totp_rs::Secret::try_from_base32(secret_base32)
        .map_err(|e| AppError::Failed(format!("a stored TOTP secret is not valid: {e}")))?;
    let mut builder = totp_rs::Builder::new().with_secret(secret);
    if let Some(account) = account {
        builder = builder
            .with_account_name(account.replace(':', "_"))
            .with_issuer(Some(TOTP_ISSUER));
    }
    builder
        .build()
        .map_err(|e| AppError::Failed(format!("TOTP: {e}")))
}

fn seconds_until(until: DateTime<Utc>, now: DateTime<Utc>) -> u64 {
    u64::try_from((until - now).num_seconds())
        .unwrap_or(0)
        .max(1)
}

/// Whether the counts refuse a sign-in at `now`, and for how long: the rule of the module
/// documentation.
pub fn throttled(failures: &LoginFailures, now: DateTime<Utc>) -> Option<u64> {
    let live = |count: Option<artel_store::FailureCount>| {
        count.filter(|c| now - c.last_failure_at < THROTTLE_WINDOW)
    };
    let pair = live(failures.pair);
    let account = live(failures.account);
    let address = live(failures.address);
    let mut refused_until: Option<DateTime<Utc>> = None;
    let mut refuse = |until: DateTime<Utc>| {
        refused_until = Some(refused_until.map_or(until, |u| u.max(until)));
    };
    if let Some(pair) = pair {
        let under_attack = account.is_some_and(|a| a.failures >= ACCOUNT_FAILURES_UNDER_ATTACK);
        if pair.failures >= PAIR_FAILURES_MAX || under_attack {
            refuse(pair.last_failure_at + THROTTLE_WINDOW);
        }
    }
    if let Some(address) = address
        && address.failures >= ADDRESS_FAILURES_MAX
    {
        refuse(address.last_failure_at + THROTTLE_WINDOW);
    }
    refused_until.map(|until| seconds_until(until, now))
}

impl Caller {
    /// Whether the caller holds an `administrator` grant anywhere.
    pub fn is_administrator(&self) -> bool {
        match self {
            Caller::Operator { .. } => true,
            Caller::User { grants, .. } => grants
                .iter()
                .any(|g| g.role == Role::Administrator.as_str()),
        }
    }
}

impl Artel {
    /// Signs `name` in with `password` (and `totp_code` where the account needs one) from
    /// `address`, and opens a session. A refusal is `AppError::SignInRefused`, and says which
    /// rule refused it, for the audit trail; the caller tells the client no more than
    /// [`SignInRefusal`]'s message.
    pub async fn sign_in(
        &self,
        name: &str,
        password: &str,
        totp_code: Option<&str>,
        address: &str,
        user_agent: &str,
    ) -> Result<SignedIn, AppError> {
        self.sign_in_at(name, password, totp_code, address, user_agent, Utc::now())
            .await
    }

    /// [`Artel::sign_in`] as if it were `now`; for tests and tools that replay time. Every
    /// attempt, let in or refused, is a security event naming the account and the address.
    pub async fn sign_in_at(
        &self,
        name: &str,
        password: &str,
        totp_code: Option<&str>,
        address: &str,
        user_agent: &str,
        now: DateTime<Utc>,
    ) -> Result<SignedIn, AppError> {
        let outcome = self
            .attempt_sign_in(name, password, totp_code, address, user_agent, now)
            .await;
        let (action, detail) = match &outcome {
            Ok(signed_in) => ("sign-in", format!("session {}", signed_in.session_id)),
            Err(AppError::SignInRefused(refusal)) => ("sign-in.refused", format!("{refusal:?}")),
            Err(_) => return outcome,
        };
        let actor = artel_store::Actor {
            name: name.chars().take(100).collect(),
            address: Some(address.to_owned()),
        };
        let region_path = self.region_of_user(name).await?;
        self.db
            .record_security_event(&actor, action, &detail, region_path.as_deref())
            .await?;
        outcome
    }

    /// Records a security event by the caller about the account of the user `subject`
    /// (a password set, a token made, a session ended), for the administrators over that
    /// user's region.
    pub(crate) async fn record_account_event(
        &self,
        subject: &str,
        action: &str,
        detail: &str,
    ) -> Result<(), AppError> {
        self.record_account_event_by(&self.actor, subject, action, detail)
            .await
    }

    /// [`Artel::record_account_event`] by `actor`.
    async fn record_account_event_by(
        &self,
        actor: &artel_store::Actor,
        subject: &str,
        action: &str,
        detail: &str,
    ) -> Result<(), AppError> {
        let region_path = self.region_of_user(subject).await?;
        self.db
            .record_security_event(actor, action, detail, region_path.as_deref())
            .await?;
        Ok(())
    }

    /// The smallest region holding every grant of the user `name`, whose administrators
    /// read that user's sign-ins; `None` for an unknown name or a user with a grant outside
    /// every region.
    async fn region_of_user(&self, name: &str) -> Result<Option<String>, AppError> {
        let Some(user) = self.db.user_by_name(name).await? else {
            return Ok(None);
        };
        let reach = self.db.grant_reach(user.user_id).await?;
        Ok(smallest_common_region(
            reach.iter().map(|r| r.region_path.as_deref()),
        ))
    }

    async fn attempt_sign_in(
        &self,
        name: &str,
        password: &str,
        totp_code: Option<&str>,
        address: &str,
        user_agent: &str,
        now: DateTime<Utc>,
    ) -> Result<SignedIn, AppError> {
        let refused = |refusal| Err(AppError::SignInRefused(refusal));
        let address = match clipped(address.trim(), ADDRESS_LENGTH_MAX) {
            a if a.is_empty() => "unknown".to_owned(),
            a => a,
        };
        let user_agent = clipped(user_agent, USER_AGENT_LENGTH_MAX);
        let name_usable = !name.is_empty() && name.chars().count() <= NAME_LENGTH_MAX;
        // An unusable name is counted against the address only.
        let account = if name_usable { name } else { "" };
        let failures = self.db.login_failures(account, &address).await?;
        if let Some(retry_after_seconds) = throttled(&failures, now) {
            return refused(SignInRefusal::Throttled {
                retry_after_seconds,
            });
        }
        let user = if name_usable {
            self.db.user_by_name(name).await?
        } else {
            None
        };
        let hash = user
            .as_ref()
            .and_then(|u| u.password_hash.clone())
            .unwrap_or_else(|| decoy_hash().to_owned());
        let matches = password_matches(hash, password.to_owned()).await;
        let user = match user {
            Some(user) if matches && !user.disabled && user.password_hash.is_some() => user,
            _ => return self.failed_sign_in(account, &address, now).await,
        };
        let grants = self.db.grants(user.user_id).await?;
        let caller = Caller::User {
            user_id: user.user_id,
            name: user.name.clone(),
            grants,
        };
        match self.db.totp_secret(user.user_id).await? {
            None if caller.is_administrator() => return refused(SignInRefusal::CodeSetupRequired),
            None => {}
            Some(secret) => {
                let Some(code) = totp_code.map(str::trim).filter(|c| !c.is_empty()) else {
                    return refused(SignInRefusal::CodeRequired);
                };
                let seconds = u64::try_from(now.timestamp()).unwrap_or(0);
                let step = totp(&secret, None)?.check(code, seconds);
                let accepted = match step.and_then(|s| i64::try_from(s).ok()) {
                    Some(step) => self.db.accept_totp_step(user.user_id, step).await?,
                    None => false,
                };
                if !accepted {
                    return self.failed_sign_in(account, &address, now).await;
                }
            }
        }
        self.db.clear_login_failures(name, &address).await?;
        let session_token = format!("{SESSION_PREFIX}{}", hex(&random_bytes::<32>()?));
        let session_id = Uuid::now_v7();
        let expires_at = now + SESSION_LIFETIME;
        self.db
            .insert_session(&NewSession {
                session_id,
                user_id: user.user_id,
                token_hash: &session_hash(&session_token),
                created_at: now,
                expires_at,
                address: &address,
                user_agent: &user_agent,
            })
            .await?;
        Ok(SignedIn {
            session_token,
            session_id,
            expires_at,
            caller,
        })
    }

    /// Counts a failed sign-in against `account` (`""` when the name was unusable) from
    /// `address`, and refuses it.
    async fn failed_sign_in(
        &self,
        account: &str,
        address: &str,
        now: DateTime<Utc>,
    ) -> Result<SignedIn, AppError> {
        self.count_password_failure(account, address, now).await?;
        Err(AppError::SignInRefused(SignInRefusal::Credentials))
    }

    /// Counts a wrong password for `account` (`""` when unusable) from `address` at `now`,
    /// under each key the throttling reads.
    pub(crate) async fn count_password_failure(
        &self,
        account: &str,
        address: &str,
        now: DateTime<Utc>,
    ) -> Result<(), AppError> {
        let keys: Vec<(&str, &str)> = if account.is_empty() {
            vec![("", address)]
        } else {
            vec![(account, address), (account, ""), ("", address)]
        };
        self.db
            .record_login_failure(&keys, now, now - THROTTLE_WINDOW)
            .await?;
        Ok(())
    }

    /// The caller of a live session, used now from `address`; `None` for an unknown, ended,
    /// idle or expired session, or one whose user is disabled.
    pub async fn caller_for_session(
        &self,
        token: &str,
        address: &str,
    ) -> Result<Option<SessionCaller>, AppError> {
        self.caller_for_session_at(token, address, Utc::now()).await
    }

    /// [`Artel::caller_for_session`] as if it were `now`. A session found idle or expired is
    /// marked ended.
    pub async fn caller_for_session_at(
        &self,
        token: &str,
        address: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<SessionCaller>, AppError> {
        if !token.starts_with(SESSION_PREFIX) || token.len() > 200 {
            return Ok(None);
        }
        let Some((session, Grantee { user, grants })) =
            self.db.session_by_token(&session_hash(token)).await?
        else {
            return Ok(None);
        };
        if session.ended_at.is_some() || user.disabled {
            return Ok(None);
        }
        if let Some(reason) = lapsed(&session, now) {
            self.db
                .end_session(session.user_id, session.session_id, now, reason)
                .await?;
            return Ok(None);
        }
        let address = clipped(address, ADDRESS_LENGTH_MAX);
        if now - session.last_seen_at >= SESSION_TOUCH_INTERVAL || address != session.last_address {
            self.db
                .touch_session(session.session_id, now, &address)
                .await?;
        }
        Ok(Some(SessionCaller {
            session_id: session.session_id,
            caller: Caller::User {
                user_id: user.user_id,
                name: user.name,
                grants,
            },
            locale: user.locale,
        }))
    }

    /// Ends the session of `token` (sign-out); `false` when it was not live.
    pub async fn sign_out(&self, token: &str) -> Result<bool, AppError> {
        if !token.starts_with(SESSION_PREFIX) || token.len() > 200 {
            return Ok(false);
        }
        let Some((session, Grantee { user, .. })) =
            self.db.session_by_token(&session_hash(token)).await?
        else {
            return Ok(false);
        };
        let ended = self
            .db
            .end_session(session.user_id, session.session_id, Utc::now(), "sign-out")
            .await?;
        if ended {
            // Signing out needs no other sign-in: the event is the session's user's.
            let actor = artel_store::Actor {
                name: user.name.clone(),
                address: self.actor.address.clone(),
            };
            let detail = format!("session {}", session.session_id);
            self.record_account_event_by(&actor, &user.name, "sign-out", &detail)
                .await?;
        }
        Ok(ended)
    }

    /// The caller's live sessions, oldest first (never their tokens).
    pub async fn my_sessions(&self) -> Result<Vec<SessionRecord>, AppError> {
        let Caller::User { user_id, .. } = &self.caller else {
            return Ok(Vec::new());
        };
        self.live_sessions(*user_id, Utc::now()).await
    }

    /// Ends one of the caller's sessions; `false` when they have no live one with that id.
    pub async fn end_my_session(&self, session_id: Uuid) -> Result<bool, AppError> {
        let Caller::User { user_id, .. } = &self.caller else {
            return Ok(false);
        };
        Ok(self
            .db
            .end_session(*user_id, session_id, Utc::now(), "ended by its user")
            .await?)
    }

    /// The live sessions of the user `name`, for an administrator over them.
    pub async fn sessions_of(&self, name: &str) -> Result<Vec<SessionRecord>, AppError> {
        let user_id = self.administered_user(name).await?;
        self.live_sessions(user_id, Utc::now()).await
    }

    /// Ends one session of the user `name`, for an administrator over them; `false` when
    /// the user has no live session with that id.
    pub async fn end_session_of(&self, name: &str, session_id: Uuid) -> Result<bool, AppError> {
        let user_id = self.administered_user(name).await?;
        let reason = format!("ended by {}", self.caller.name());
        let ended = self
            .db
            .end_session(user_id, session_id, Utc::now(), &reason)
            .await?;
        if ended {
            let detail = format!("session {session_id} of '{name}'");
            self.record_account_event(name, "session.end", &detail)
                .await?;
        }
        Ok(ended)
    }

    /// Ends every session of the user `name`, for an administrator over them; returns how
    /// many were live.
    pub async fn end_all_sessions_of(&self, name: &str) -> Result<u64, AppError> {
        let user_id = self.administered_user(name).await?;
        let reason = format!("ended by {}", self.caller.name());
        let ended = self
            .db
            .end_sessions_of(user_id, Utc::now(), &reason)
            .await?;
        let detail = format!("{ended} sessions of '{name}'");
        self.record_account_event(name, "session.end", &detail)
            .await?;
        Ok(ended)
    }

    /// Gives the user `name` a new TOTP secret (replacing any), for the operator to hand
    /// over; from now on the user signs in with a code.
    pub async fn setup_totp(&self, name: &str) -> Result<TotpSetup, AppError> {
        if !matches!(self.caller, Caller::Operator { .. }) {
            return Err(AppError::Forbidden(
                "only the operator sets up one-time codes".into(),
            ));
        }
        let secret = totp_rs::Secret::from(random_bytes::<20>()?.to_vec()).to_base32();
        let url = totp(&secret, Some(name))?
            .to_url()
            .map_err(|e| AppError::Failed(format!("TOTP: {e}")))?;
        self.db.set_totp_secret(name, Some(&secret)).await?;
        self.record_account_event(name, "totp.setup", &format!("user '{name}'"))
            .await?;
        Ok(TotpSetup { secret, url })
    }

    async fn live_sessions(
        &self,
        user_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Vec<SessionRecord>, AppError> {
        let sessions = self.db.open_sessions(user_id).await?;
        Ok(sessions
            .into_iter()
            .filter(|s| lapsed(s, now).is_none())
            .collect())
    }

    /// The id of the user `name` when the caller administers them: the operator, or a user
    /// whose `administrator` grant covers one of the user's grants: an administrator over an
    /// organisation covers grants over that organisation; one over a region covers grants
    /// over its organisations and its sub-regions. Anyone else, and a user name that does
    /// not exist, is answered alike (not found), so that the answer tells nothing of users
    /// elsewhere; a caller who administers nothing at all is forbidden.
    async fn administered_user(&self, name: &str) -> Result<Uuid, AppError> {
        let unknown = || AppError::NotFound {
            place: "name".into(),
            message: format!("no user '{name}' that you administer"),
        };
        let user = self.db.user_by_name(name).await?.ok_or_else(unknown)?;
        let Caller::User { grants, .. } = &self.caller else {
            return Ok(user.user_id);
        };
        let administered: Vec<_> = grants
            .iter()
            .filter(|g| g.role == Role::Administrator.as_str())
            .collect();
        if administered.is_empty() {
            return Err(AppError::Forbidden(
                "only administrators end other users' sessions".into(),
            ));
        }
        let reach = self.db.grant_reach(user.user_id).await?;
        let covered = reach.iter().any(|target| {
            administered
                .iter()
                .any(|admin| match (&admin.org_id, &admin.region_path) {
                    (Some(org_id), _) => target.org_id == Some(*org_id),
                    (None, Some(region)) => target
                        .region_path
                        .as_deref()
                        .is_some_and(|path| path.starts_with(region.as_str())),
                    (None, None) => false,
                })
        });
        if covered {
            Ok(user.user_id)
        } else {
            Err(unknown())
        }
    }
}

/// Why a session not marked ended has run out at `now`, if it has.
fn lapsed(session: &SessionRecord, now: DateTime<Utc>) -> Option<&'static str> {
    if now >= session.expires_at {
        Some("expired")
    } else if now - session.last_seen_at >= SESSION_IDLE {
        Some("idle")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use artel_store::FailureCount;

    fn count(failures: i64, minutes_ago: i64, now: DateTime<Utc>) -> Option<FailureCount> {
        Some(FailureCount {
            failures,
            last_failure_at: now - Duration::minutes(minutes_ago),
        })
    }

    #[test]
    fn throttling_refuses_the_failing_pair_and_address_never_a_clean_address() {
        let now = Utc::now();
        let none = LoginFailures::default();
        assert_eq!(throttled(&none, now), None);
        // Four failures from this address: one more try.
        let pair = LoginFailures {
            pair: count(4, 1, now),
            account: count(4, 1, now),
            address: count(4, 1, now),
        };
        assert_eq!(throttled(&pair, now), None);
        // Five: refused until the window has passed since the last.
        let pair = LoginFailures {
            pair: count(5, 1, now),
            ..pair
        };
        assert_eq!(throttled(&pair, now), Some(14 * 60));
        // ... and not after.
        let old = LoginFailures {
            pair: count(5, 16, now),
            ..pair
        };
        assert_eq!(throttled(&old, now), None);
        // An account under attack from many addresses: a clean address still gets in,
        // an address that failed once against it does not.
        let attacked_clean = LoginFailures {
            pair: None,
            account: count(500, 0, now),
            address: None,
        };
        assert_eq!(throttled(&attacked_clean, now), None);
        let attacked_once = LoginFailures {
            pair: count(1, 2, now),
            ..attacked_clean
        };
        assert_eq!(throttled(&attacked_once, now), Some(13 * 60));
        // An address spraying many accounts.
        let spraying = LoginFailures {
            pair: None,
            account: None,
            address: count(ADDRESS_FAILURES_MAX, 0, now),
        };
        assert_eq!(throttled(&spraying, now), Some(15 * 60));
    }

    #[test]
    fn an_unknown_name_is_checked_against_a_real_hash() {
        assert!(decoy_hash().starts_with("$argon2id$"), "{}", decoy_hash());
    }

    #[test]
    fn refusals_of_wrong_credentials_read_alike() {
        assert_eq!(
            SignInRefusal::Credentials.to_string(),
            "wrong name, password or one-time code"
        );
        assert_eq!(
            SignInRefusal::Throttled {
                retry_after_seconds: 61
            }
            .to_string(),
            "too many failed sign-ins; try again in 2 minutes"
        );
    }
}
