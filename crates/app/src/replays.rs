//! Answers to requests retried with the same idempotency key (everything but journal
//! entries, whose keys are kept by the posting itself).

use artel_store::StoredAnswer;

use crate::{AppError, Artel};

impl Artel {
    /// The first answer given to `key` for the client whose credentials hash to `scope`.
    pub async fn stored_answer(
        &self,
        scope: &[u8; 32],
        key: &str,
    ) -> Result<Option<StoredAnswer>, AppError> {
        Ok(self.db.stored_answer(scope, key).await?)
    }

    /// Keeps the first answer to `key` for that client.
    pub async fn store_answer(
        &self,
        scope: &[u8; 32],
        key: &str,
        answer: &StoredAnswer,
    ) -> Result<(), AppError> {
        Ok(self.db.store_answer(scope, key, answer).await?)
    }
}
