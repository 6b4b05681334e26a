use super::*;
use proptest::prelude::*;
#[cfg(unix)]
use std::os::unix::fs::symlink;

/// A site with its sources, a folder outside it, and links to both.
fn site() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    for dir in [
        "content/explainers",
        "locales/en-US",
        "static",
        "themes",
        "notes",
        "outside-made",
    ] {
        fs::create_dir_all(root.join(dir)).unwrap();
    }
    fs::write(root.join("glasshouse.yaml"), "base_url: x\n").unwrap();
    fs::write(root.join("notes/todo.txt"), "mine").unwrap();
    fs::write(root.join("file.txt"), "a file").unwrap();
    fs::create_dir_all(tmp.path().join("elsewhere")).unwrap();
    #[cfg(unix)]
    {
        symlink(root.join("content"), root.join("to-content")).unwrap();
        symlink(&root, root.join("to-root")).unwrap();
        symlink(tmp.path().join("elsewhere"), root.join("to-elsewhere")).unwrap();
        symlink(root.join("missing"), root.join("dangling")).unwrap();
    }
    (tmp, root)
}

fn check(root: &Path, out: &str) -> Result<PathBuf, GuardError> {
    check_output(root, &root.join(out))
}

#[test]
fn an_output_that_resolves_into_the_sources_is_refused_however_spelled() {
    let (_tmp, root) = site();
    for out in [
        "content",
        "content/public",
        "public/../content",
        "x/../locales",
        "x/y/../../themes/default",
        "./static/../static/public",
        "glasshouse.yaml",
        ".git/public",
        "to-content",
        "to-content/public",
        "to-root/content",
        "public/../../site/locales",
    ] {
        let e = check(&root, out).unwrap_err();
        assert!(matches!(e, GuardError::Sources { .. }), "{out}: {e}");
    }
}

#[test]
fn an_output_that_is_or_contains_the_site_is_refused() {
    let (tmp, root) = site();
    for out in [
        ".",
        "public/..",
        "to-root",
        "to-root/.",
        "..",
        "../site/x/..",
    ] {
        let e = check(&root, out).unwrap_err();
        assert!(matches!(e, GuardError::ContainsSite { .. }), "{out}: {e}");
    }
    let e = check_output(&root, tmp.path()).unwrap_err();
    assert!(matches!(e, GuardError::ContainsSite { .. }), "{e}");
}

#[test]
fn a_folder_glasshouse_did_not_make_is_not_taken_over() {
    let (_tmp, root) = site();
    assert!(matches!(
        check(&root, "notes"),
        Err(GuardError::NotOurs { .. })
    ));
    assert!(matches!(
        check(&root, "file.txt"),
        Err(GuardError::NotAFolder { .. })
    ));
    assert!(matches!(
        check(&root, "dangling"),
        Err(GuardError::Io { .. })
    ));
    // A staging or previous folder beside the output that is someone else's.
    fs::create_dir_all(root.join(".fresh.prev/keep")).unwrap();
    assert!(matches!(
        check(&root, "fresh"),
        Err(GuardError::NotOurs { .. })
    ));
    fs::write(root.join(".other.staging"), "a file").unwrap();
    assert!(matches!(
        check(&root, "other"),
        Err(GuardError::NotAFolder { .. })
    ));
}

#[test]
fn new_empty_marked_and_linked_outputs_are_accepted_at_their_real_path() {
    let (tmp, root) = site();
    let real_root = root.canonicalize().unwrap();
    assert_eq!(check(&root, "public").unwrap(), real_root.join("public"));
    assert_eq!(check(&root, "dist/uk").unwrap(), real_root.join("dist/uk"));
    assert_eq!(
        check(&root, "outside-made").unwrap(),
        real_root.join("outside-made")
    );
    fs::write(root.join("notes").join(MARKER), "{}").unwrap();
    assert!(check(&root, "notes").is_ok(), "marked as glasshouse's");
    fs::create_dir_all(root.join("old/us")).unwrap();
    fs::write(root.join(".old.manifest"), "").unwrap();
    assert!(check(&root, "old").is_ok(), "made by an earlier version");
    let elsewhere = tmp.path().join("elsewhere").canonicalize().unwrap();
    assert_eq!(check(&root, "to-elsewhere").unwrap(), elsewhere);
    assert_eq!(
        check(&root, "to-elsewhere/x/../y").unwrap(),
        elsewhere.join("y")
    );
}

#[test]
fn a_second_lock_waits_for_the_first() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let first = lock(&out, |_| panic!("nothing holds it yet")).unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    let waiter = std::thread::spawn(move || {
        let mut waited = false;
        let _second = lock(&out, |_| waited = true).unwrap();
        tx.send(waited).unwrap();
    });
    std::thread::sleep(std::time::Duration::from_millis(100));
    assert!(
        rx.try_recv().is_err(),
        "the second waits while the first holds it"
    );
    drop(first);
    assert!(rx.recv().unwrap(), "and says it waited");
    waiter.join().unwrap();
    assert!(
        !tmp.path().join(".public.lock").exists(),
        "no lock file is left"
    );
}

#[test]
fn a_lock_file_left_by_a_killed_build_does_not_block() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    fs::write(tmp.path().join(".public.lock"), "").unwrap();
    let held = lock(&out, |_| panic!("nothing holds it")).unwrap();
    drop(held);
    assert!(!tmp.path().join(".public.lock").exists());
}

/// The parts of a spelled output path.
fn part() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "public",
        "x",
        "y",
        ".",
        "..",
        "content",
        "locales",
        "static",
        "themes",
        "notes",
        "to-content",
        "to-root",
        "to-elsewhere",
        "glasshouse.yaml",
        ".git",
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// However an output is spelled, the guard resolves it to the folder that
    /// creating it would make, and accepts it exactly when that folder is
    /// neither in the sources nor around the site.
    #[test]
    fn the_guard_judges_the_real_folder(parts in prop::collection::vec(part(), 1..6)) {
        let (_tmp, root) = site();
        let spelled = parts.iter().fold(root.clone(), |p, part| p.join(part));
        let verdict = check_output(&root, &spelled);
        let real_root = root.canonicalize().unwrap();
        // The oracle: make the folder, and ask the system where it is.
        let made = fs::create_dir_all(&spelled).and_then(|()| spelled.canonicalize());
        let Ok(real) = made else {
            // A path through a file cannot be made: the guard may refuse it or
            // let the build fail to create it; it must not be in the sources.
            if let Ok(r) = verdict { prop_assert!(!r.starts_with(real_root.join("content"))); }
            return Ok(());
        };
        let forbidden = real_root.starts_with(&real)
            || SOURCES.iter().any(|s| {
                let s = real_root.join(s);
                let s = s.canonicalize().unwrap_or(s);
                real.starts_with(&s) || s.starts_with(&real)
            });
        match verdict {
            Ok(resolved) => {
                prop_assert_eq!(&resolved, &real);
                prop_assert!(!forbidden, "accepted {}", real.display());
            }
            Err(GuardError::NotOurs { .. } | GuardError::NotAFolder { .. }) => {
                prop_assert!(!forbidden || real.starts_with(real_root.join("notes")));
            }
            Err(e) => prop_assert!(forbidden, "refused {}: {}", real.display(), e),
        }
    }
}
