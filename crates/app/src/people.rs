//! Users, their roles and their API tokens. Passwords are kept as Argon2id hashes; a token
//! is 256 random bits shown once, of which only the SHA-256 is stored.

use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use artel_coop::Role;
use artel_store::TokenInfo;
use sha2::{Digest, Sha256};

use crate::{AppError, Artel, Caller, SignInRefusal};

/// What every token starts with, so that a leaked one is easy to recognise.
const TOKEN_PREFIX: &str = "artel_";
/// Shortest password accepted, in characters (ASVS 2.1.1).
pub const PASSWORD_LENGTH_MIN: usize = 12;
/// Longest password accepted, in characters (ASVS 2.1.2): long passphrases pass, and no
/// megabyte of text is handed to Argon2.
pub const PASSWORD_LENGTH_MAX: usize = 128;

/// What is wrong with a new password: its length, counted in characters, is the only rule
/// (no composition rules, ASVS 2.1.9).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordLength {
    TooShort,
    TooLong,
}

impl PasswordLength {
    /// Checks a new password's length.
    pub fn check(password: &str) -> Result<(), PasswordLength> {
        match password.chars().count() {
            n if n < PASSWORD_LENGTH_MIN => Err(PasswordLength::TooShort),
            n if n > PASSWORD_LENGTH_MAX => Err(PasswordLength::TooLong),
            _ => Ok(()),
        }
    }

    /// The refusal of a password of this length, naming the field `place`.
    fn refusal(self, place: &str) -> AppError {
        let message = match self {
            PasswordLength::TooShort => {
                format!("a password needs at least {PASSWORD_LENGTH_MIN} characters")
            }
            PasswordLength::TooLong => {
                format!("a password has at most {PASSWORD_LENGTH_MAX} characters")
            }
        };
        AppError::rejected(place, message)
    }
}

fn token_hash(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}

fn random_bytes<const N: usize>() -> Result<[u8; N], AppError> {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes)
        .map_err(|e| AppError::Failed(format!("no randomness available: {e}")))?;
    Ok(bytes)
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where a role is granted: over one organisation or a region subtree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    Organisation(String),
    Region(String),
}

impl Artel {
    /// Grants `role` over `scope` to the user `name`, adding the user when new.
    pub async fn add_user(&self, name: &str, role: &str, scope: &Scope) -> Result<(), AppError> {
        let role = Role::parse(role).map_err(|e| AppError::rejected("--role", e))?;
        if name.trim().is_empty() || name.len() > 100 || name.chars().any(char::is_whitespace) {
            return Err(AppError::rejected(
                "NAME",
                "a user name is 1 to 100 characters without spaces",
            ));
        }
        let (org_id, region_id) = match scope {
            Scope::Organisation(code) => {
                let organisation = self
                    .book_for(code, crate::Action::SeeOrganisation)
                    .await
                    .map_err(|_| {
                        AppError::rejected("--org", format!("organisation '{code}' does not exist"))
                    })?;
                (Some(organisation.org_id), None)
            }
            Scope::Region(code) => {
                let region = self.db.region_by_code(code).await?.ok_or_else(|| {
                    AppError::rejected("--region", format!("region '{code}' does not exist"))
                })?;
                (None, Some(region.region_id))
            }
        };
        self.require_operator()?;
        self.db
            .grant_role(name, role.as_str(), org_id, region_id)
            .await?;
        let over = match scope {
            Scope::Organisation(code) => format!("organisation '{code}'"),
            Scope::Region(code) => format!("region '{code}'"),
        };
        let detail = format!("user '{name}' granted {} over {over}", role.as_str());
        self.record_account_event(name, "user.grant", &detail).await
    }

    /// Sets a user's password (Argon2id).
    pub async fn set_password(&self, name: &str, password: &str) -> Result<(), AppError> {
        self.require_operator()?;
        PasswordLength::check(password).map_err(|problem| problem.refusal("password"))?;
        let salt = random_bytes::<16>()?;
        let hash = Argon2::default()
            .hash_password_with_salt(password.as_bytes(), &salt)
            .map_err(|e| AppError::Failed(e.to_string()))?;
        self.db.set_password_hash(name, &hash.to_string()).await?;
        self.record_account_event(name, "password.set", &format!("user '{name}'"))
            .await
    }

    /// Checks a user's password; `None` when the user, the password or the account is wrong.
    pub async fn check_password(
        &self,
        name: &str,
        password: &str,
    ) -> Result<Option<Caller>, AppError> {
        let Some(user) = self.db.user_by_name(name).await? else {
            return Ok(None);
        };
        let Some(stored) = user.password_hash.as_deref() else {
            return Ok(None);
        };
        if user.disabled
            || Argon2::default()
                .verify_password(password.as_bytes(), stored)
                .is_err()
        {
            return Ok(None);
        }
        let grants = self.db.grants(user.user_id).await?;
        Ok(Some(Caller::User {
            user_id: user.user_id,
            name: user.name,
            grants,
        }))
    }

    /// Disables or enables a user; a disabled user's tokens stop working at once.
    pub async fn set_user_disabled(&self, name: &str, disabled: bool) -> Result<(), AppError> {
        self.require_operator()?;
        self.db.set_user_disabled(name, disabled).await?;
        let action = if disabled {
            "user.disable"
        } else {
            "user.enable"
        };
        self.record_account_event(name, action, &format!("user '{name}'"))
            .await
    }

    /// Makes a new API token for the user `name`, expiring after `lifetime` (never when
    /// `None`); the token is shown only this once.
    pub async fn create_token(
        &self,
        name: &str,
        token_name: &str,
        lifetime: Option<chrono::Duration>,
    ) -> Result<String, AppError> {
        self.require_operator()?;
        let token = format!("{TOKEN_PREFIX}{}", hex(&random_bytes::<32>()?));
        let expires_at = lifetime.map(|lifetime| chrono::Utc::now() + lifetime);
        let token_id = self
            .db
            .create_token(name, token_name, &token_hash(&token), expires_at)
            .await?;
        let expiry = expires_at.map_or_else(|| "never".to_owned(), |at| at.to_rfc3339());
        let detail = format!("token {token_id} '{token_name}' of '{name}', expires {expiry}");
        self.record_account_event(name, "token.create", &detail)
            .await?;
        Ok(token)
    }

    /// The caller a bearer token stands for at `now`, if it is a live token (unrevoked,
    /// unexpired) of an enabled user.
    pub async fn caller_for_token(
        &self,
        token: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Result<Option<Caller>, AppError> {
        if !token.starts_with(TOKEN_PREFIX) || token.len() > 200 {
            return Ok(None);
        }
        let Some(artel_store::Grantee { user, grants }) =
            self.db.user_by_token(&token_hash(token), now).await?
        else {
            return Ok(None);
        };
        Ok(Some(Caller::User {
            user_id: user.user_id,
            name: user.name,
            grants,
        }))
    }

    /// The caller's own tokens.
    pub async fn my_tokens(&self) -> Result<Vec<TokenInfo>, AppError> {
        let Caller::User { user_id, .. } = &self.caller else {
            return Ok(Vec::new());
        };
        Ok(self.db.tokens(*user_id).await?)
    }

    /// Revokes one of the caller's own tokens; `false` when it was not theirs or not live.
    pub async fn revoke_my_token(&self, token_id: uuid::Uuid) -> Result<bool, AppError> {
        let Caller::User { user_id, name, .. } = &self.caller else {
            return Ok(false);
        };
        let revoked = self.db.revoke_token(*user_id, token_id).await?;
        if revoked {
            self.record_account_event(name, "token.revoke", &format!("token {token_id}"))
                .await?;
        }
        Ok(revoked)
    }

    /// Changes the signed-in user's own password, given their current one, and ends their
    /// other sessions (`keep_session` is the one they are using, which stays signed in).
    /// A wrong current password is refused at `current_password`, a short new one at
    /// `new_password`; nothing is written then.
    pub async fn change_password(
        &self,
        current: &str,
        new: &str,
        keep_session: Option<uuid::Uuid>,
    ) -> Result<u64, AppError> {
        let Caller::User { user_id, name, .. } = &self.caller else {
            return Err(AppError::Forbidden(
                "only a signed-in user changes their own password".into(),
            ));
        };
        PasswordLength::check(new).map_err(|problem| problem.refusal("new_password"))?;
        // The current password is guessed no faster here than at sign-in: the same
        // counters, the same refusal once they are full.
        let now = chrono::Utc::now();
        let address = self.actor.address.as_deref().unwrap_or("unknown");
        let failures = self.db.login_failures(name, address).await?;
        if let Some(retry_after_seconds) = crate::sign_in::throttled(&failures, now) {
            return Err(AppError::SignInRefused(SignInRefusal::Throttled {
                retry_after_seconds,
            }));
        }
        if self.check_password(name, current).await?.is_none() {
            self.count_password_failure(name, address, now).await?;
            self.record_account_event(name, "password.change.refused", &format!("user '{name}'"))
                .await?;
            return Err(AppError::rejected(
                "current_password",
                "the current password is not right",
            ));
        }
        let salt = random_bytes::<16>()?;
        let hash = Argon2::default()
            .hash_password_with_salt(new.as_bytes(), &salt)
            .map_err(|e| AppError::Failed(e.to_string()))?;
        let ended = self
            .db
            .change_password_hash(
                *user_id,
                &hash.to_string(),
                keep_session,
                "password changed",
            )
            .await?;
        let detail = format!("user '{name}'; {ended} other sessions ended");
        self.record_account_event(name, "password.change", &detail)
            .await?;
        Ok(ended)
    }

    /// Remembers the signed-in user's chosen language: a tag of at most 20 letters, digits
    /// and hyphens (the pages accept only the languages they have).
    pub async fn set_my_locale(&self, locale: &str) -> Result<(), AppError> {
        let Caller::User { user_id, .. } = &self.caller else {
            return Ok(());
        };
        if locale.is_empty()
            || locale.len() > 20
            || !locale
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(AppError::rejected("locale", "not a language tag"));
        }
        Ok(self.db.set_user_locale(*user_id, Some(locale)).await?)
    }

    fn require_operator(&self) -> Result<(), AppError> {
        match self.caller {
            Caller::Operator { .. } => Ok(()),
            Caller::User { .. } => Err(AppError::Forbidden(
                "only the operator manages users and tokens".into(),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_has_twelve_to_128_characters_counted_as_characters() {
        let of = |c: &str, n: usize| PasswordLength::check(&c.repeat(n));
        assert_eq!(of("a", 11), Err(PasswordLength::TooShort));
        assert_eq!(of("a", 12), Ok(()));
        assert_eq!(of("a", 128), Ok(()));
        assert_eq!(of("a", 129), Err(PasswordLength::TooLong));
        // Twelve Chinese characters are 36 bytes and still twelve characters.
        assert_eq!(of("密", 11), Err(PasswordLength::TooShort));
        assert_eq!(of("密", 128), Ok(()));
        assert_eq!(of("密", 129), Err(PasswordLength::TooLong));
    }
}
