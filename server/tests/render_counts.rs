//! Per-page render counts: heap allocations, SQL statements and server-function calls while the
//! real application (every middleware layer, a fresh SQLite catalog) answers one page.
//!
//! Unlike time, these counts do not depend on the machine or on what else runs on it, so CI can
//! guard them: the test fails when a page's count grows more than 10 % over
//! `bench/render-counts.txt`. A change that costs more on purpose records the file anew in the
//! same commit (`RECORD_RENDER_COUNTS=1 cargo test -p server --test render_counts`) and says why
//! in BENCHMARKS.md.
//!
//! Its own test binary, because it needs the process's global allocator and tracing subscriber.
use axum::{
    body::Body,
    extract::ConnectInfo,
    http::{header, Request, StatusCode},
    Router,
};
use server::{config::Config, startup::Application};
use std::{
    alloc::{GlobalAlloc, Layout, System},
    collections::BTreeMap,
    net::SocketAddr,
    path::PathBuf,
    sync::atomic::{AtomicBool, AtomicU64, Ordering},
};
use tower::ServiceExt;
use tracing::{subscriber::Interest, Metadata};
use tracing_subscriber::{layer::Context, prelude::*, Layer};

/// How far a count may grow over the recorded one before the test fails.
const ALLOWED_GROWTH: f64 = 1.10;
/// Renders of each page before measuring (caches, lazily built statics, prepared statements).
const WARM_UPS: usize = 3;
/// Measured renders of each page; the smallest count of each kind is the page's figure, so a
/// background task (the WAL checkpointer, the session cleaner) landing in one run does not
/// count. Many, because a list page's render takes one of two paths (about 15 % apart in
/// allocations) depending on whether its data arrives before the first poll; the smallest of
/// ten is the shorter path for certain in practice.
const RUNS: usize = 21;

/// Counts every allocation (and reallocation) of the process, then hands it to the system.
struct CountingAllocator;

static ALLOCATIONS: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: CountingAllocator = CountingAllocator;

/// Counts the statements sqlx runs (its `sqlx::query` log events), only while switched on: when
/// off, sqlx sees nobody listening and does not format its log line, so the allocation counts
/// are those of a server that logs at `warn`.
struct StatementCounter;

static COUNT_STATEMENTS: AtomicBool = AtomicBool::new(false);
static STATEMENTS: AtomicU64 = AtomicU64::new(0);

impl<S: tracing::Subscriber> Layer<S> for StatementCounter {
    fn register_callsite(&self, meta: &'static Metadata<'static>) -> Interest {
        if meta.target() == "sqlx::query" {
            Interest::sometimes()
        } else {
            Interest::never()
        }
    }
    fn enabled(&self, meta: &Metadata<'_>, _: Context<'_, S>) -> bool {
        meta.target() == "sqlx::query" && COUNT_STATEMENTS.load(Ordering::Relaxed)
    }
    fn on_event(&self, event: &tracing::Event<'_>, _: Context<'_, S>) {
        if event.metadata().target() == "sqlx::query" {
            STATEMENTS.fetch_add(1, Ordering::Relaxed);
            // RENDER_COUNTS_SHOW_SQL=1 prints each statement counted, to see which they are.
            if std::env::var_os("RENDER_COUNTS_SHOW_SQL").is_some() {
                let mut fields = String::new();
                event.record(
                    &mut |field: &tracing::field::Field, value: &dyn std::fmt::Debug| {
                        if field.name() == "db.statement" || field.name() == "summary" {
                            fields.push_str(&format!(" {value:?}"));
                        }
                    },
                );
                println!("  sql: {fields}");
            }
        }
    }
}

/// What one page costs to answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Counts {
    allocations: u64,
    statements: u64,
    server_fn_calls: u64,
}

/// A browser's cookies, kept from response to response.
#[derive(Default, Clone)]
struct Jar(BTreeMap<String, String>);

impl Jar {
    fn header(&self) -> Option<String> {
        (!self.0.is_empty()).then(|| {
            self.0
                .iter()
                .map(|(name, value)| format!("{name}={value}"))
                .collect::<Vec<_>>()
                .join("; ")
        })
    }

    fn keep(&mut self, response: &axum::response::Response) {
        for set in response.headers().get_all(header::SET_COOKIE) {
            let Some((pair, _)) = set.to_str().unwrap_or("").split_once(';') else {
                continue;
            };
            if let Some((name, value)) = pair.split_once('=') {
                if value.is_empty() || set.to_str().unwrap_or("").contains("Max-Age=0") {
                    self.0.remove(name);
                } else {
                    self.0.insert(name.to_string(), value.to_string());
                }
            }
        }
    }
}

/// One visitor's page: its name in the file, its address, and whether it sends cookies.
struct Page {
    name: &'static str,
    path: &'static str,
    with_cookie: bool,
}

const PAGES: &[Page] = &[
    Page {
        name: "home_cookie",
        path: "/",
        with_cookie: true,
    },
    Page {
        name: "home_no_cookie",
        path: "/",
        with_cookie: false,
    },
    Page {
        name: "books_cookie",
        path: "/catalog/books",
        with_cookie: true,
    },
    Page {
        name: "books_no_cookie",
        path: "/catalog/books",
        with_cookie: false,
    },
    Page {
        name: "book_cookie",
        path: "/catalog/book/1",
        with_cookie: true,
    },
    Page {
        name: "book_no_cookie",
        path: "/catalog/book/1",
        with_cookie: false,
    },
    Page {
        name: "search_cookie",
        path: "/catalog/search?q=hobit",
        with_cookie: true,
    },
    Page {
        name: "login_cookie",
        path: "/accounts/login",
        with_cookie: true,
    },
];

/// Answers one GET through every layer; returns the response after reading its whole body.
async fn get(app: &Router, path: &str, jar: &mut Jar) -> (StatusCode, usize) {
    let mut request = Request::get(path).header(header::HOST, "127.0.0.1");
    if let Some(cookies) = jar.header() {
        request = request.header(header::COOKIE, cookies);
    }
    let mut request = request.body(Body::empty()).unwrap();
    let peer: SocketAddr = "127.0.0.1:40000".parse().unwrap();
    request.extensions_mut().insert(ConnectInfo(peer));
    let response = app.clone().oneshot(request).await.unwrap();
    jar.keep(&response);
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, body.len())
}

/// The counts of one answer to `page`, sent with `jar`'s cookies (or none).
async fn measure(app: &Router, page: &Page, jar: &Jar, statements: bool) -> Counts {
    let mut jar = if page.with_cookie {
        jar.clone()
    } else {
        Jar::default()
    };
    COUNT_STATEMENTS.store(statements, Ordering::Relaxed);
    tracing::callsite::rebuild_interest_cache();
    let (allocations, sql, calls) = (
        ALLOCATIONS.load(Ordering::SeqCst),
        STATEMENTS.load(Ordering::SeqCst),
        app::server::calls::total(),
    );
    let (status, length) = get(app, page.path, &mut jar).await;
    let counts = Counts {
        allocations: ALLOCATIONS.load(Ordering::SeqCst) - allocations,
        statements: STATEMENTS.load(Ordering::SeqCst) - sql,
        server_fn_calls: app::server::calls::total() - calls,
    };
    COUNT_STATEMENTS.store(false, Ordering::Relaxed);
    assert_eq!(status, StatusCode::OK, "{} answered {status}", page.path);
    assert!(length > 1000, "{} answered only {length} bytes", page.path);
    counts
}

/// The recorded counts, by page name.
fn recorded(path: &PathBuf) -> BTreeMap<String, Counts> {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    text.lines()
        .filter(|line| !line.trim_start().starts_with('#') && !line.trim().is_empty())
        .filter_map(|line| {
            let fields: Vec<&str> = line.split_whitespace().collect();
            let number = |i: usize| fields.get(i)?.parse::<u64>().ok();
            Some((
                fields.first()?.to_string(),
                Counts {
                    allocations: number(1)?,
                    statements: number(2)?,
                    server_fn_calls: number(3)?,
                },
            ))
        })
        .collect()
}

fn write_recorded(path: &PathBuf, measured: &[(&str, Counts)]) {
    let mut text = String::from(
        "# Per-page render counts (server/tests/render_counts.rs): heap allocations, SQL statements\n\
         # and server-function calls to answer one page, the smallest of several runs. `make test`\n\
         # fails when a count grows more than 10 %. Record anew on purpose, and say why in\n\
         # BENCHMARKS.md: RECORD_RENDER_COUNTS=1 cargo test -p server --test render_counts\n\
         # page              allocations  statements  server_fn_calls\n",
    );
    for (name, counts) in measured {
        text.push_str(&format!(
            "{name:<20}{:>11}{:>12}{:>17}\n",
            counts.allocations, counts.statements, counts.server_fn_calls
        ));
    }
    std::fs::write(path, text).expect("bench/render-counts.txt is writable");
}

/// The smallest counts of one page over [`RUNS`] answers.
async fn best_of_runs(app: &Router, page: &Page, jar: &Jar) -> Counts {
    let mut best: Option<Counts> = None;
    for run in 0..RUNS {
        // Statements are counted in every other run only: sqlx formats a log line for each
        // statement it reports, which the allocation count must not include.
        let count_statements = run % 2 == 1;
        let counts = measure(app, page, jar, count_statements).await;
        if std::env::var_os("RENDER_COUNTS_EACH").is_some() {
            println!("  {} run {run}: {counts:?}", page.name);
        }
        best = Some(match best {
            None => Counts {
                statements: if count_statements {
                    counts.statements
                } else {
                    u64::MAX
                },
                ..counts
            },
            Some(best) => Counts {
                allocations: if count_statements {
                    best.allocations
                } else {
                    best.allocations.min(counts.allocations)
                },
                statements: if count_statements {
                    best.statements.min(counts.statements)
                } else {
                    best.statements
                },
                server_fn_calls: best.server_fn_calls.min(counts.server_fn_calls),
            },
        });
    }
    best.expect("RUNS is not zero")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_page_costs_more_than_recorded() {
    tracing_subscriber::registry().with(StatementCounter).init();
    let dir = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}", dir.path().join("library.db").display());
    let site = dir.path().join("site");
    std::fs::create_dir_all(site.join("pkg")).unwrap();
    let vars = [
        ("DATABASE_URL", database),
        ("LEPTOS_SITE_ADDR", "127.0.0.1:0".to_string()),
        ("LEPTOS_SITE_ROOT", site.display().to_string()),
        (
            "EMAIL_OUTBOX",
            dir.path().join("outbox").display().to_string(),
        ),
    ];
    let config = Config::from_lookup(|key| {
        vars.iter()
            .find(|(name, _)| *name == key)
            .map(|(_, value)| value.clone())
    })
    .expect("the test's settings are valid");
    let application = Application::build(&config).await.expect("the app starts");
    let app = application.service();

    // A returning visitor: the first visit gets the test cookie, the second a stored session.
    let mut jar = Jar::default();
    for _ in 0..3 {
        get(&app, "/", &mut jar).await;
    }
    assert!(
        jar.0.contains_key(config.session.cookie_name.as_str()),
        "no session cookie after three visits: {:?}",
        jar.0.keys().collect::<Vec<_>>()
    );

    let mut measured = Vec::new();
    for page in PAGES {
        for _ in 0..WARM_UPS {
            measure(&app, page, &jar, false).await;
        }
        let best = best_of_runs(&app, page, &jar).await;
        if std::env::var_os("RENDER_COUNTS_SHOW_SQL").is_some() {
            println!("^ {} ({})", page.name, page.path);
        }
        measured.push((page.name, best));
    }

    let file = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../bench/render-counts.txt");
    println!(
        "{:<20}{:>11}{:>12}{:>17}",
        "page", "allocations", "statements", "server_fn_calls"
    );
    for (name, counts) in &measured {
        println!(
            "{name:<20}{:>11}{:>12}{:>17}",
            counts.allocations, counts.statements, counts.server_fn_calls
        );
    }
    if std::env::var_os("RECORD_RENDER_COUNTS").is_some() {
        write_recorded(&file, &measured);
        return;
    }
    let recorded = recorded(&file);
    // Work on the server's other threads (the once-a-second catalog-version recheck, the WAL
    // checkpoint) sometimes lands in every run of a page for a second or so and adds its own
    // allocations: a page over its allocations is measured again, after a pause, before it fails.
    for (name, counts) in measured.iter_mut() {
        let Some(before) = recorded.get(*name) else {
            continue;
        };
        for _ in 0..3 {
            if counts.allocations as f64 <= before.allocations as f64 * ALLOWED_GROWTH {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
            let page = PAGES
                .iter()
                .find(|p| p.name == *name)
                .expect("a measured page");
            let again = best_of_runs(&app, page, &jar).await;
            counts.allocations = counts.allocations.min(again.allocations);
        }
    }
    let mut grown = Vec::new();
    for (name, counts) in &measured {
        let Some(before) = recorded.get(*name) else {
            grown.push(format!("{name}: not in {}", file.display()));
            continue;
        };
        for (what, now, then) in [
            ("allocations", counts.allocations, before.allocations),
            ("SQL statements", counts.statements, before.statements),
            (
                "server-function calls",
                counts.server_fn_calls,
                before.server_fn_calls,
            ),
        ] {
            if now as f64 > then as f64 * ALLOWED_GROWTH {
                grown.push(format!("{name}: {what} {then} → {now}"));
            } else if (now as f64) < then as f64 * 0.8 {
                println!("{name}: {what} {then} → {now}: record the file anew to keep the gain");
            }
        }
    }
    assert!(
        grown.is_empty(),
        "pages cost more than bench/render-counts.txt records (more than 10 %):\n  {}\n\
         If that is the price of a change, record the file anew in the same commit and say why \
         in BENCHMARKS.md (RECORD_RENDER_COUNTS=1 cargo test -p server --test render_counts).",
        grown.join("\n  ")
    );
}
