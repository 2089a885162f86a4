//! Journal files read through a read-only memory map: the parser walks the file's bytes
//! without copying them, and the pages behind it are handed back to the kernel as it moves
//! on, so that reading a file of any size holds only a few megabytes of it in memory.

use std::fs::File;
use std::ops::Range;
use std::path::Path;

use artel_journal::{Format, Telling, parse};
use memmap2::Mmap;

use crate::AppError;

/// Releases go by whole pages (any larger page size only rounds the release up to the
/// page being read, which is paged in again).
const PAGE: usize = 4096;

/// A file mapped into memory; an empty file (which cannot be mapped) reads as no bytes.
pub(crate) struct MappedFile {
    map: Option<Mmap>,
}

impl MappedFile {
    pub(crate) fn open(path: &Path) -> Result<MappedFile, AppError> {
        let io = |error| AppError::Io {
            path: path.display().to_string(),
            error,
        };
        let file = File::open(path).map_err(io)?;
        if file.metadata().map_err(io)?.len() == 0 {
            return Ok(MappedFile { map: None });
        }
        // SAFETY: the map is read-only and private to this process. Should another process
        // truncate the file while it is mapped, reading past the new end would fault;
        // Artel reads journals that people hand it, not files others are writing.
        #[allow(unsafe_code)]
        let map = unsafe { Mmap::map(&file) }.map_err(io)?;
        #[cfg(unix)]
        let _ = map.advise(memmap2::Advice::Sequential);
        Ok(MappedFile { map: Some(map) })
    }

    pub(crate) fn bytes(&self) -> &[u8] {
        self.map.as_deref().unwrap_or(&[])
    }

    /// The file's items, parsed, releasing the pages behind the parser as it goes.
    pub(crate) fn items(&self, format: Format) -> Telling<'_, impl Fn(Range<usize>) + '_> {
        Telling::new(parse(self.bytes(), format), 0, |range| self.release(range))
    }

    /// Hands the whole pages within `range` back to the kernel; reading them again pages
    /// them in again from the file.
    pub(crate) fn release(&self, range: Range<usize>) {
        #[cfg(unix)]
        if let Some(map) = &self.map {
            let start = range.start.next_multiple_of(PAGE);
            let end = range.end - range.end % PAGE;
            if start >= end {
                return;
            }
            // SAFETY: the map is read-only and backed by the file, so dropping its pages
            // loses nothing: the next read of them faults them in again from the file with
            // the same bytes. No reference into the map is invalidated.
            #[allow(unsafe_code)]
            let _ = unsafe {
                map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, start, end - start)
            };
        }
    }
}
