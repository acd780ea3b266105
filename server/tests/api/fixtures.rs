//! `locallibrary dumpdata` / `loaddata` (issue 27), run as the binary: a catalog goes from SQLite
//! to PostgreSQL and back unchanged and is served and searched there; loading twice adds
//! nothing; a bad file loads nothing and names its bad record; `--all` carries the people.
//! Each test loads into a fresh SQLite file and, when it is configured, a fresh PostgreSQL
//! database.
use crate::helpers::{fresh_database, TestApp};
use serde_json::Value;
use sqlx::{any::AnyPoolOptions, AnyPool};
use std::{path::Path, process::Command};
use tempfile::TempDir;

/// What one run of the binary gave.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn locallibrary(database_url: &str, args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_locallibrary"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("LEPTOS_SITE_ADDR", "127.0.0.1:0")
        .output()
        .unwrap();
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn dump(url: &str, scope: &str) -> String {
    let run = locallibrary(url, &["dumpdata", scope]);
    assert_eq!(run.code, 0, "dumpdata {scope}: {}", run.stderr);
    run.stdout
}

/// Loads `file` into `url`, which must succeed; returns the report.
fn load_ok(url: &str, file: &Path) -> String {
    let run = locallibrary(url, &["loaddata", file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "loaddata: {}", run.stderr);
    run.stdout
}

/// Loads `file` into `url`, which must fail; returns the error printed.
fn load_fails(url: &str, file: &Path) -> String {
    let run = locallibrary(url, &["loaddata", file.to_str().unwrap()]);
    assert_eq!(
        run.code, 1,
        "loaddata should fail: {}{}",
        run.stdout, run.stderr
    );
    assert!(run.stderr.starts_with("error: "), "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    run.stderr
}

fn write(dir: &TempDir, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Panics at the first line where two dumps differ (not with two whole dumps).
fn assert_same(actual: &str, expected: &str, what: &str) {
    if actual == expected {
        return;
    }
    let line = actual
        .lines()
        .zip(expected.lines())
        .position(|(a, e)| a != e)
        .unwrap_or(actual.lines().count().min(expected.lines().count()));
    panic!(
        "{what}: the dumps differ at line {}: {:?} instead of {:?}",
        line + 1,
        actual.lines().nth(line),
        expected.lines().nth(line)
    );
}

async fn pool(url: &str) -> AnyPool {
    sqlx::any::install_default_drivers();
    AnyPoolOptions::new()
        .max_connections(2)
        .connect(url)
        .await
        .unwrap()
}

/// A migrated SQLite file holding the bundled catalog, as a first `serve` seeds it.
async fn bundled_catalog(dir: &TempDir) -> String {
    let url = format!("sqlite://{}", dir.path().join("source.db").display());
    assert_eq!(locallibrary(&url, &["migrate"]).code, 0);
    let pool = pool(&url).await;
    assert!(server::seed::seed_bundled_if_empty(&pool).await.unwrap());
    pool.close().await;
    url
}

/// Fresh, migrated, empty databases: an SQLite file, and PostgreSQL when it is configured.
async fn empty_targets(dir: &TempDir) -> Vec<String> {
    let mut urls = vec![format!(
        "sqlite://{}",
        dir.path().join("target.db").display()
    )];
    urls.extend(fresh_database().await);
    for url in &urls {
        assert_eq!(locallibrary(url, &["migrate"]).code, 0, "migrate {url}");
    }
    urls
}

const TABLES: [&str; 10] = [
    "genres",
    "languages",
    "authors",
    "books",
    "book_genres",
    "book_instances",
    "users",
    "user_profiles",
    "holds",
    "audit_log",
];

/// The row count of every table a fixture writes, and the catalog's version.
async fn counts(url: &str) -> Vec<i64> {
    let pool = pool(url).await;
    let mut counts = Vec::new();
    for table in TABLES {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        counts.push(sqlx::query_scalar(&sql).fetch_one(&pool).await.unwrap());
    }
    let version = sqlx::query_scalar("SELECT version FROM catalog_version")
        .fetch_one(&pool)
        .await
        .unwrap();
    counts.push(version);
    pool.close().await;
    counts
}

/// `dump` with `edit` applied to its objects.
fn edited(dump: &str, edit: impl FnOnce(&mut Vec<Value>)) -> String {
    let mut json: Value = serde_json::from_str(dump).unwrap();
    edit(json["objects"].as_array_mut().unwrap());
    serde_json::to_string_pretty(&json).unwrap()
}

/// The index of the first object of `model` whose `field` is `value`.
fn find(objects: &[Value], model: &str, field: &str, value: &str) -> usize {
    objects
        .iter()
        .position(|o| o["model"] == model && o["fields"][field] == value)
        .unwrap_or_else(|| panic!("no {model} with {field} {value:?}"))
}

/// The books `/catalog/search?q=` found on `app`, as HTML without the marks on matched words.
async fn found_books(app: &TestApp, q: &str) -> String {
    let (status, _, body) = app
        .get(&app.browser(), &format!("/catalog/search?q={q}"))
        .await;
    assert_eq!(status, 200);
    body.split("class=\"found-books\"")
        .nth(1)
        .unwrap_or_default()
        .replace("<mark>", "")
        .replace("</mark>", "")
}

#[tokio::test]
async fn a_catalog_round_trips_between_sqlite_and_postgres_and_is_served() {
    let dir = tempfile::tempdir().unwrap();
    let source = bundled_catalog(&dir).await;
    let first = dump(&source, "--catalog");
    assert_same(&dump(&source, "--catalog"), &first, "dumping again");
    assert_same(
        &locallibrary(&source, &["dumpdata"]).stdout,
        &first,
        "the default scope",
    );
    assert!(first.ends_with("}\n") && first.starts_with("{\n  \"format\""));
    let json: Value = serde_json::from_str(&first).unwrap();
    assert_eq!(
        (&json["format"], &json["version"], &json["scope"]),
        (&"locallibrary-fixture".into(), &1.into(), &"catalog".into())
    );
    let objects = json["objects"].as_array().unwrap();
    let mut models: Vec<&str> = objects
        .iter()
        .map(|o| o["model"].as_str().unwrap())
        .collect();
    models.dedup();
    let expected =
        ["genre", "language", "author", "book", "bookinstance"].map(|m| format!("catalog.{m}"));
    assert_eq!(models, expected, "models in load order, each once");
    let hobbit = &objects[find(objects, "catalog.book", "title", "The Hobbit")]["pk"];

    let mut file = write(&dir, "catalog.json", &first);
    let mut loaded = Vec::new();
    if let Some(postgres) = fresh_database().await {
        load_ok(&postgres, &file);
        let there = dump(&postgres, "--catalog");
        assert_same(&there, &first, "SQLite → PostgreSQL");
        file = write(&dir, "from-postgres.json", &there);
        loaded.push(postgres);
    }
    let back = format!("sqlite://{}", dir.path().join("back.db").display());
    load_ok(&back, &file);
    assert_same(&dump(&back, "--catalog"), &first, "back to SQLite");
    loaded.push(back);

    for url in loaded {
        let app = TestApp::builder().database_url(&url).spawn().await.unwrap();
        let (status, _, page) = app
            .get(&app.browser(), &format!("/catalog/book/{hobbit}"))
            .await;
        assert_eq!(status, 200, "{url}");
        assert!(page.contains("The Hobbit"), "{url}");
        assert!(
            found_books(&app, "hobbit").await.contains("The Hobbit"),
            "{url}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn loading_twice_adds_nothing_and_a_change_is_written_and_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let first = dump(&bundled_catalog(&dir).await, "--catalog");
    let file = write(&dir, "catalog.json", &first);
    let renamed = edited(&first, |objects| {
        let book = find(objects, "catalog.book", "title", "The Hobbit");
        objects[book]["fields"]["title"] = "The Quixotic Zebra".into();
    });
    let renamed = write(&dir, "renamed.json", &renamed);
    for url in empty_targets(&dir).await {
        let report = load_ok(&url, &file);
        assert!(report.contains(" new, 0 changed, 0 unchanged"), "{report}");
        let loaded = counts(&url).await;
        let report = load_ok(&url, &file);
        assert!(
            report.contains(": 0 new, 0 changed,") && report.contains("(nothing to write)"),
            "{report}"
        );
        assert_eq!(
            counts(&url).await,
            loaded,
            "{url}: the second load wrote nothing"
        );

        let report = load_ok(&url, &renamed);
        assert!(report.contains(": 0 new, 1 changed,"), "{report}");
        let app = TestApp::builder().database_url(&url).spawn().await.unwrap();
        assert!(
            found_books(&app, "zebra")
                .await
                .contains("The Quixotic Zebra"),
            "{url}"
        );
        app.stop().await;

        // The site's own inserts get ids past the loaded ones (PostgreSQL's sequences moved).
        let pool = pool(&url).await;
        for (table, insert) in [
            (
                "genres",
                "INSERT INTO genres (name) VALUES ('Brand-new genre') RETURNING id",
            ),
            (
                "authors",
                "INSERT INTO authors (first_name, last_name) VALUES ('N', 'A') RETURNING id",
            ),
            (
                "books",
                "INSERT INTO books (title, isbn) VALUES ('New', '9780306406157') RETURNING id",
            ),
        ] {
            let id: i64 = sqlx::query_scalar(insert).fetch_one(&pool).await.unwrap();
            let max: i64 = sqlx::query_scalar(&format!("SELECT MAX(id) FROM {table}"))
                .fetch_one(&pool)
                .await
                .unwrap();
            assert_eq!(id, max, "{url}: {table}");
        }
        pool.close().await;
    }
}

#[tokio::test]
async fn a_bad_record_among_good_ones_loads_nothing_and_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let first = dump(&bundled_catalog(&dir).await, "--catalog");
    let objects: Vec<Value> = serde_json::from_str::<Value>(&first).unwrap()["objects"]
        .as_array()
        .unwrap()
        .clone();
    let hobbit = find(&objects, "catalog.book", "title", "The Hobbit");
    let isbn = objects[hobbit]["fields"]["isbn"]
        .as_str()
        .unwrap()
        .to_string();
    let last = isbn.as_bytes()[12] - b'0';
    let bad_isbn = format!("{}{}", &isbn[..12], (last + 1) % 10);
    let bad = write(
        &dir,
        "bad-isbn.json",
        &edited(&first, |objects| {
            objects[hobbit]["fields"]["isbn"] = bad_isbn.clone().into();
        }),
    );
    let label = format!(
        "objects[{hobbit}] catalog.book pk={}",
        objects[hobbit]["pk"]
    );

    // The database refuses a swap of two ISBNs that the checks let through: what was written
    // before it (a new author, a renamed genre) is undone.
    let other = find(&objects, "catalog.book", "title", "War and Peace");
    let other_isbn = objects[other]["fields"]["isbn"].clone();
    let swapped = write(
        &dir,
        "swapped.json",
        &edited(&first, |objects| {
            objects[0]["fields"]["name"] = "Renamed genre".into();
            objects[hobbit]["fields"]["isbn"] = other_isbn;
            objects[other]["fields"]["isbn"] = isbn.clone().into();
            let mut author =
                objects[find(objects, "catalog.author", "last_name", "Tolstoy")].clone();
            author["pk"] = 100_000.into();
            objects.push(author);
        }),
    );

    for url in empty_targets(&dir).await {
        let empty = counts(&url).await;
        let error = load_fails(&url, &bad);
        assert!(
            error.contains(&format!(
                "{label}: isbn \"{bad_isbn}\" has a wrong check digit"
            )),
            "{error}"
        );
        assert_eq!(counts(&url).await, empty, "{url}: nothing was written");

        load_ok(&url, &write(&dir, "good.json", &first));
        let loaded = counts(&url).await;
        let error = load_fails(&url, &swapped);
        assert!(
            error.contains("catalog.book pk=") && error.contains("refused"),
            "{error}"
        );
        assert_eq!(counts(&url).await, loaded, "{url}: nothing was written");
        let pool = pool(&url).await;
        let renamed: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM genres WHERE name = 'Renamed genre'")
                .fetch_one(&pool)
                .await
                .unwrap();
        assert_eq!(renamed, 0, "{url}");
        pool.close().await;
    }
}

#[tokio::test]
async fn every_kind_of_bad_file_is_refused_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let first = dump(&bundled_catalog(&dir).await, "--catalog");
    let objects: Vec<Value> = serde_json::from_str::<Value>(&first).unwrap()["objects"]
        .as_array()
        .unwrap()
        .clone();
    let book = find(&objects, "catalog.book", "title", "The Hobbit");
    let author = find(&objects, "catalog.author", "last_name", "Tolstoy");
    let edit = |f: &dyn Fn(&mut Vec<Value>)| edited(&first, |o| f(o));
    let author_label = format!(
        "objects[{author}] catalog.author pk={}",
        objects[author]["pk"]
    );
    let cases: Vec<(&str, String, String)> = vec![
        (
            "dangling reference",
            edit(&|o| o[book]["fields"]["author"] = 424242.into()),
            "author 424242 is not a catalog.author in the file or the database".into(),
        ),
        (
            "bad date",
            edit(&|o| o[author]["fields"]["date_of_birth"] = "1900-02-30".into()),
            format!("{author_label}: date_of_birth \"1900-02-30\" is not a date"),
        ),
        (
            "death before birth",
            edit(&|o| o[author]["fields"]["date_of_death"] = "1000-01-01".into()),
            "date of death cannot be before the date of birth".into(),
        ),
        (
            "unknown model",
            edit(&|o| o[0]["model"] = "catalog.shelf".into()),
            "objects[0] catalog.shelf pk=1: unknown model \"catalog.shelf\"".into(),
        ),
        (
            "duplicate pk",
            edit(&|o| o.push(o[book].clone())),
            format!("objects[{book}] has the same model and pk"),
        ),
        (
            "extra field",
            edit(&|o| o[book]["fields"]["colour"] = "red".into()),
            "unknown field `colour`".into(),
        ),
        (
            "missing field",
            edit(&|o| {
                o[book]["fields"].as_object_mut().unwrap().remove("summary");
            }),
            "missing field `summary`".into(),
        ),
        (
            "mistyped field",
            edit(&|o| o[book]["fields"]["genres"] = "Fantasy".into()),
            "invalid type: string \"Fantasy\", expected a sequence".into(),
        ),
        (
            "wrong version",
            first.replacen("\"version\": 1", "\"version\": 2", 1),
            "has fixture version 2; this locallibrary reads version 1 only".into(),
        ),
        (
            "broken JSON",
            first[..first.len() / 2].to_string(),
            "is not valid JSON: EOF while parsing".into(),
        ),
        (
            "not JSON",
            "hello\n".into(),
            "is not valid JSON: expected value at line 1 column 1".into(),
        ),
        (
            "Django's list",
            "[]".into(),
            "is not a locallibrary fixture: the top level is a list".into(),
        ),
    ];
    let url = format!("sqlite://{}", dir.path().join("target.db").display());
    assert_eq!(locallibrary(&url, &["migrate"]).code, 0);
    let empty = counts(&url).await;
    for (case, text, expected) in cases {
        let error = load_fails(&url, &write(&dir, "case.json", &text));
        assert!(error.contains(&expected), "{case}: {error}");
    }
    let broken = first.replacen("\"scope\": \"catalog\",", "\"scope\": \"catalog\"", 1);
    let error = load_fails(&url, &write(&dir, "case.json", &broken));
    assert!(error.contains("at line 5 column 3"), "{error}");
    let error = load_fails(&url, &dir.path().join("missing.json"));
    assert!(
        error.contains("cannot read") && error.contains("No such file"),
        "{error}"
    );
    let error = load_fails(&url, dir.path());
    assert!(error.contains("is a directory"), "{error}");
    assert_eq!(counts(&url).await, empty, "nothing was written");
}

#[tokio::test]
async fn an_everything_dump_carries_the_people_and_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let source = bundled_catalog(&dir).await;
    let seeded = locallibrary(&source, &["seed", "--books", "40", "--authors", "5"]);
    assert_eq!(seeded.code, 0, "{}", seeded.stderr);
    let pool = pool(&source).await;
    for sql in [
        "INSERT INTO user_profiles (email, name) VALUES ('ada@example.com', 'Ada')",
        "INSERT INTO holds (book_id, user_id, placed_at) \
         VALUES (1, (SELECT id FROM users WHERE username = 'member-1'), 1700000000)",
        "INSERT INTO audit_log (at, user_id, username, action, detail) \
         VALUES (1700000000, NULL, 'admin', 'add genre', 'Poetry')",
    ] {
        sqlx::query(sql).execute(&pool).await.unwrap();
    }
    pool.close().await;

    let catalog = dump(&source, "--catalog");
    let all = dump(&source, "--all");
    for model in [
        "accounts.user",
        "visitor.profile",
        "loans.loan",
        "holds.hold",
        "audit.logentry",
    ] {
        let tag = format!("\"model\": \"{model}\"");
        assert!(all.contains(&tag), "--all has {model}");
        assert!(!catalog.contains(&tag), "--catalog has no {model}");
    }
    assert!(all.contains("\"password_hash\": \"!\"") && !catalog.contains("password_hash"));
    assert!(all.contains("\"scope\": \"all\""));

    let file = write(&dir, "all.json", &all);
    for url in empty_targets(&dir).await {
        load_ok(&url, &file);
        assert_same(&dump(&url, "--all"), &all, &url);
        let report = load_ok(&url, &file);
        assert!(report.contains(": 0 new, 0 changed,"), "{report}");
    }
}
