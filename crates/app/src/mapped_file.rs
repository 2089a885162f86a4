//! Journal files read through a read-only memory map: the parser walks the file's bytes
//! without copying them, and the kernel pages them in and out as the parser moves on.

use std::fs::File;
use std::path::Path;

use memmap2::Mmap;

use crate::AppError;

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
}
