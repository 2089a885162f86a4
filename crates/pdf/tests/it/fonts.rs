//! Loading the fonts: a directory without them fails with a message that says which file
//! is missing, where, and which package provides it.

use artel_pdf::Fonts;

#[test]
fn an_empty_directory_names_the_regular_file_the_directory_and_the_package() {
    let dir = tempfile::tempdir().unwrap();
    let error = Fonts::load(Some(dir.path())).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "the font NotoSansCJK-Regular.ttc was not found in {}; install Debian's package \
             fonts-noto-cjk or set ARTEL_FONT_DIR to the directory that holds it",
            dir.path().display()
        )
    );
}

#[test]
fn a_directory_without_the_bold_face_names_the_bold_file() {
    let dir = tempfile::tempdir().unwrap();
    let regular = artel_font_dir().join("NotoSansCJK-Regular.ttc");
    std::os::unix::fs::symlink(regular, dir.path().join("NotoSansCJK-Regular.ttc")).unwrap();
    let error = Fonts::load(Some(dir.path())).unwrap_err().to_string();
    assert!(
        error.starts_with("the font NotoSansCJK-Bold.ttc was not found in "),
        "{error}"
    );
    assert!(error.contains("fonts-noto-cjk"), "{error}");
}

/// Where the tests' fonts are: ARTEL_FONT_DIR, else Debian's path.
fn artel_font_dir() -> std::path::PathBuf {
    std::env::var_os("ARTEL_FONT_DIR")
        .filter(|dir| !dir.is_empty())
        .map_or_else(|| "/usr/share/fonts/opentype/noto".into(), Into::into)
}
