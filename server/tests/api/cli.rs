//! The binary's behaviour on bad settings and arguments.
use std::process::Command;

fn locallibrary(args: &[&str], env: &[(&str, &str)]) -> (i32, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_locallibrary"))
        .args(args)
        .envs(env.iter().copied())
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn nonsense_database_url_stops_with_one_clear_line() {
    let (code, stderr) = locallibrary(&[], &[("DATABASE_URL", "nonsense")]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("error: invalid setting DATABASE_URL=\"nonsense\""),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn unknown_command_prints_usage() {
    let (code, stderr) = locallibrary(&["frobnicate"], &[]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("unknown command") && stderr.contains("usage:"),
        "{stderr}"
    );
}

/// On PostgreSQL: `postgres_app.rs::migrate_seed_and_clearsessions_work_on_postgres`.
#[test]
fn migrate_and_seed_work_on_a_fresh_file() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/cli.db", dir.path().display());
    let env = [("DATABASE_URL", url.as_str())];
    assert_eq!(locallibrary(&["migrate"], &env).0, 0);
    let (code, stderr) = locallibrary(&["seed", "--books", "300", "--authors", "20"], &env);
    assert_eq!(code, 0, "{stderr}");
    // The synthetic loans belong to synthetic members, who cannot log in.
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (lent, members): (i64, i64) = runtime.block_on(async {
        let pool = sqlx::SqlitePool::connect(&url).await.unwrap();
        sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM book_instances WHERE status = 'o' AND borrower_id IS NOT NULL), \
                    (SELECT COUNT(*) FROM users WHERE password_hash = '!')",
        )
        .fetch_one(&pool)
        .await
        .unwrap()
    });
    assert!(lent > 0, "no synthetic loan has a borrower");
    assert_eq!(members, 100);
}

#[test]
fn bad_session_settings_stop_the_server_naming_the_variable() {
    let (code, stderr) = locallibrary(&["serve"], &[("SESSION_ENGINE", "memcached")]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("SESSION_ENGINE=\"memcached\"") && stderr.contains("signed_cookies"),
        "{stderr}"
    );
    let (code, stderr) = locallibrary(&["serve"], &[("SESSION_ENGINE", "signed_cookies")]);
    assert_eq!(code, 1);
    assert!(stderr.contains("SECRET_KEY"), "{stderr}");
    let (code, stderr) = locallibrary(&["serve"], &[("SESSION_COOKIE_SAMESITE", "None")]);
    assert_eq!(code, 1);
    assert!(stderr.contains("SESSION_COOKIE_SECURE=true"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

/// Run from the wrong folder, the default relative `DATABASE_URL` names no file: dumpdata and
/// loaddata say so instead of creating an empty database and reporting success (dumpdata also
/// for a file named on purpose: there is nothing to dump).
#[test]
fn fixtures_need_an_existing_database() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/nowhere.db", dir.path().display());
    let (code, stderr) = locallibrary(&["dumpdata"], &[("DATABASE_URL", url.as_str())]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("there is no database at"), "{stderr}");
    for args in [&["dumpdata"][..], &["loaddata", "fixture.json"][..]] {
        let output = Command::new(env!("CARGO_BIN_EXE_locallibrary"))
            .args(args)
            .current_dir(dir.path())
            .env_remove("DATABASE_URL")
            .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert!(
            stderr.contains("there is no database at data/locallibrary.db")
                && stderr.contains("locallibrary migrate"),
            "{stderr}"
        );
    }
    assert!(
        !dir.path().join("nowhere.db").exists(),
        "no empty database was made"
    );
    assert!(
        !dir.path().join("data").exists(),
        "no empty database was made"
    );
}
