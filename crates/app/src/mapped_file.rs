//! Journal files read through a read-only memory map: the parser walks the file's bytes
//! without copying them, and the pages behind it are handed back to the kernel as it moves
//! on, so that reading a file of any size holds only a few megabytes of it in memory.

use std::fs::File;
use std::ops::Range;
use std::path::Path;

use artel_journal::{Format, Parser, parse};
use memmap2::Mmap;

use crate::AppError;

/// Bytes read between two releases of the pages behind the parser.
const RELEASE_EVERY: usize = 8 << 20;
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
    pub(crate) fn items(&self, format: Format) -> Items<'_> {
        Items {
            parser: parse(self.bytes(), format),
            file: self,
            released: 0,
        }
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

/// A parser over a mapped file that releases the pages it has read (see [`MappedFile`]).
pub(crate) struct Items<'a> {
    parser: Parser<'a>,
    file: &'a MappedFile,
    released: usize,
}

impl Items<'_> {
    /// Bytes of the file read so far.
    pub(crate) fn offset(&self) -> usize {
        self.parser.offset()
    }
}

impl Iterator for Items<'_> {
    type Item = <Parser<'static> as Iterator>::Item;

    fn next(&mut self) -> Option<Self::Item> {
        let item = self.parser.next();
        let offset = self.parser.offset();
        if offset - self.released >= RELEASE_EVERY || item.is_none() {
            self.file.release(self.released..offset);
            self.released = offset;
        }
        item
    }
}
