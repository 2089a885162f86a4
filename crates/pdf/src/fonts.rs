//! [`Fonts`]: Noto Sans CJK SC, regular and bold, read once from Debian's
//! `fonts-noto-cjk` files, and the typst engine built over them and the statement
//! template, which every render then shares.
//!
//! typst's bundled fonts have no Chinese glyphs, so the Noto Sans CJK collections are
//! loaded instead. Each collection holds the same design in several regional forms
//! (Japanese first); only the faces of the family `Noto Sans CJK SC` are kept, and the
//! template names that family, so Chinese prints in its simplified-Chinese forms and
//! bold text finds its bold face.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use typst::foundations::Bytes;
use typst::text::Font;
use typst_as_lib::{TypstEngine, TypstTemplateMainFile};

use crate::PdfError;

/// The collection that holds the regular weight.
const REGULAR_FILE: &str = "NotoSansCJK-Regular.ttc";
/// The collection that holds the bold weight.
const BOLD_FILE: &str = "NotoSansCJK-Bold.ttc";
/// The family the template sets; it must match a face of each collection exactly.
pub(crate) const FAMILY: &str = "Noto Sans CJK SC";
/// Where Debian's package `fonts-noto-cjk` installs the collections.
const DEBIAN_FONT_DIR: &str = "/usr/share/fonts/opentype/noto";
/// The environment variable that names another directory holding the collections.
const FONT_DIR_VARIABLE: &str = "ARTEL_FONT_DIR";

/// The template's name in typst's diagnostics.
const TEMPLATE_NAME: &str = "statement.typ";
/// The fixed layout of every statement.
const TEMPLATE: &str = include_str!("statement.typ");

/// The two Noto Sans CJK SC faces, loaded once and reused: with them, the typst engine
/// that lays out statements. Cheap to share — it is `Send + Sync`, so a web server can
/// hold one in an `Arc` and render from many requests at once.
pub struct Fonts {
    pub(crate) engine: TypstEngine<TypstTemplateMainFile>,
}

impl Fonts {
    /// Loads NotoSansCJK-Regular.ttc and NotoSansCJK-Bold.ttc from `dir`, or, when None,
    /// from the environment variable ARTEL_FONT_DIR, else Debian's standard path
    /// /usr/share/fonts/opentype/noto.
    pub fn load(dir: Option<&Path>) -> Result<Fonts, PdfError> {
        let dir = font_dir(dir, std::env::var_os(FONT_DIR_VARIABLE));
        let mut faces = read_faces(&dir, REGULAR_FILE)?;
        faces.extend(read_faces(&dir, BOLD_FILE)?);
        let engine = TypstEngine::builder()
            .main_file((TEMPLATE_NAME, TEMPLATE))
            .fonts(faces)
            .build();
        Ok(Fonts { engine })
    }
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter.debug_struct("Fonts").finish_non_exhaustive()
    }
}

/// The directory to read the fonts from: the caller's, else the environment's (when it
/// is set and not empty), else Debian's.
fn font_dir(explicit: Option<&Path>, environment: Option<OsString>) -> PathBuf {
    match (explicit, environment) {
        (Some(dir), _) => dir.to_path_buf(),
        (None, Some(dir)) if !dir.is_empty() => PathBuf::from(dir),
        _ => PathBuf::from(DEBIAN_FONT_DIR),
    }
}

/// Reads the collection `file` from `dir` and returns its faces of [`FAMILY`].
fn read_faces(dir: &Path, file: &'static str) -> Result<Vec<Font>, PdfError> {
    let path = dir.join(file);
    let data = std::fs::read(&path).map_err(|source| match source.kind() {
        std::io::ErrorKind::NotFound => PdfError::FontMissing {
            file,
            dir: dir.to_path_buf(),
        },
        _ => PdfError::FontUnreadable {
            path: path.clone(),
            source,
        },
    })?;
    let faces: Vec<Font> = Font::iter(Bytes::new(data))
        .filter(|face| face.info().family == FAMILY)
        .collect();
    if faces.is_empty() {
        return Err(PdfError::FontFamilyMissing { path });
    }
    Ok(faces)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_callers_directory_comes_first() {
        let dir = font_dir(Some(Path::new("/fonts")), Some("/elsewhere".into()));
        assert_eq!(dir, Path::new("/fonts"));
    }

    #[test]
    fn the_environment_comes_next_unless_empty() {
        assert_eq!(
            font_dir(None, Some("/elsewhere".into())),
            Path::new("/elsewhere")
        );
        assert_eq!(font_dir(None, Some("".into())), Path::new(DEBIAN_FONT_DIR));
        assert_eq!(font_dir(None, None), Path::new(DEBIAN_FONT_DIR));
    }

    #[test]
    fn a_file_that_is_not_a_font_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(REGULAR_FILE), b"not a font").unwrap();
        let error = read_faces(dir.path(), REGULAR_FILE).unwrap_err();
        assert!(matches!(error, PdfError::FontFamilyMissing { .. }));
        assert!(error.to_string().contains("Noto Sans CJK SC"));
    }

    #[test]
    fn fonts_can_be_shared_between_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<Fonts>();
    }
}
