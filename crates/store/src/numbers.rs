//! Numbers crossing into and out of the database's signed 64-bit integers: a number given
//! from outside (a motion's, a member's, an entry's sequence) beyond what a column can hold
//! cannot name anything stored, and is refused as such rather than treated as a fault; a
//! stored number that reads back negative or too large is corruption.

use crate::error::StoreError;

/// A number bound to a statement; one beyond `i64::MAX` is refused as out of range.
pub(crate) fn to_i64(value: u64) -> Result<i64, StoreError> {
    i64::try_from(value).map_err(|_| StoreError::OutOfRange(value))
}

/// A stored number of `what` (a sequence, a motion's number) read back.
pub(crate) fn to_u64(value: i64, what: &str) -> Result<u64, StoreError> {
    u64::try_from(value).map_err(|_| StoreError::Corrupt(format!("{what} below zero")))
}

/// A stored count of `what` (pieces, days) read back.
pub(crate) fn count(value: i64, what: &str) -> Result<u32, StoreError> {
    u32::try_from(value).map_err(|_| StoreError::Corrupt(format!("{what} out of range")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_beyond_a_column_is_out_of_range_not_corrupt() {
        assert_eq!(to_i64(i64::MAX as u64).unwrap(), i64::MAX);
        assert!(
            matches!(to_i64(i64::MAX as u64 + 1), Err(StoreError::OutOfRange(n)) if n == i64::MAX as u64 + 1)
        );
        assert!(matches!(
            to_u64(-1, "sequence"),
            Err(StoreError::Corrupt(_))
        ));
        assert!(matches!(
            count(i64::from(u32::MAX) + 1, "pieces"),
            Err(StoreError::Corrupt(_))
        ));
    }
}
