//! Completions and man pages come from the clap definition; the committed completion
//! scripts in `completions/` must match what the binary generates.

mod support;

use support::{root, run, snowplowctl};

const SCRIPTS: &[(&str, &str)] = &[
    ("bash", "snowplowctl.bash"),
    ("zsh", "_snowplowctl"),
    ("fish", "snowplowctl.fish"),
    ("powershell", "_snowplowctl.ps1"),
    ("elvish", "snowplowctl.elv"),
];

#[test]
fn committed_completions_are_fresh() {
    let cache = tempfile::tempdir().unwrap();
    let mut stale = Vec::new();
    for (shell, file) in SCRIPTS {
        let (code, generated, err) = run(snowplowctl(cache.path()).args(["completions", shell]));
        assert_eq!(code, 0, "{err}");
        let path = root().join("completions").join(file);
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        if committed != generated {
            if std::env::var_os("SNOWPLOWCTL_UPDATE_COMPLETIONS").is_some() {
                std::fs::write(&path, &generated).unwrap();
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "stale completion scripts {stale:?}: run `SNOWPLOWCTL_UPDATE_COMPLETIONS=1 cargo test --test completions`"
    );
}

#[test]
fn completions_know_the_subcommands() {
    let cache = tempfile::tempdir().unwrap();
    let (_, bash, _) = run(snowplowctl(cache.path()).args(["completions", "bash"]));
    for word in ["lint", "enrichments", "playbook", "--format", "sarif"] {
        assert!(bash.contains(word), "bash completion lacks {word}");
    }
}

#[test]
fn man_pages_are_generated() {
    let cache = tempfile::tempdir().unwrap();
    let (code, page, _) = run(snowplowctl(cache.path()).arg("man"));
    assert_eq!(code, 0);
    assert!(page.starts_with(".ie") || page.contains(".TH snowplowctl"), "{}", &page[..page.len().min(200)]);
    assert!(page.contains("lint"));
    let out = tempfile::tempdir().unwrap();
    let (code, _, err) = run(snowplowctl(cache.path()).arg("man").arg("--out-dir").arg(out.path()));
    assert_eq!(code, 0, "{err}");
    for page in ["snowplowctl.1", "snowplowctl-lint.1", "snowplowctl-lint-enrichments.1"] {
        assert!(out.path().join(page).is_file(), "{page} missing");
    }
}
