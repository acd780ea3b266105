//! `reference`: the smallest server `make bench` compares LocalLibrary with. Bare axum serving a
//! fixed 2.4 KB page (`GET /static`) and the same page with a per-session visit count kept in a
//! tower-sessions `MemoryStore` (`GET /counter`), with the app's cookie settings.
//!
//! Usage: `reference [ADDR]` (else `$REFERENCE_ADDR`, else 127.0.0.1:3991; port 0 picks one).
use axum::{response::Html, routing::get, Router};
use std::sync::LazyLock;
use tower_sessions::{cookie::SameSite, Expiry, MemoryStore, Session, SessionManagerLayer};

/// The address used when neither the first argument nor `REFERENCE_ADDR` gives one.
const DEFAULT_ADDR: &str = "127.0.0.1:3991";

/// Roughly the size of a LocalLibrary page; `{visits}` is replaced by the count.
const TEMPLATE: &str = r#"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Local Library</title>
<link rel="stylesheet" href="/pkg/reference.css">
</head>
<body>
<div class="container">
<nav class="sidebar">
<ul>
<li><a href="/">Home</a></li>
<li><a href="/catalog/books/">All books</a></li>
<li><a href="/catalog/authors/">All authors</a></li>
<li><a href="/catalog/genres/">All genres</a></li>
<li><a href="/catalog/languages/">All languages</a></li>
<li><a href="/catalog/bookinstances/">All copies</a></li>
<li><a href="/register">Register</a></li>
<li><a href="/session">Your session</a></li>
</ul>
</nav>
<main class="content">
<h1>Local Library Home</h1>
<p>Welcome to LocalLibrary, a website developed by <em>Mozilla Developer Network</em>!</p>
<h2>Dynamic content</h2>
<p>The library has the following record counts:</p>
<ul>
<li><strong>Books:</strong> 2000</li>
<li><strong>Copies:</strong> 6000</li>
<li><strong>Copies available:</strong> 1500</li>
<li><strong>Authors:</strong> 500</li>
<li><strong>Genres:</strong> 12</li>
<li><strong>Languages:</strong> 8</li>
</ul>
<p>You have visited this page {visits}.</p>
<h2>About this page</h2>
<p>This page is served by the benchmark's reference server: bare axum with no database, no
templates and no rendering, so that the numbers measured against it show what the framework,
the session store and the catalog queries of the real application cost on top of the HTTP stack.
The text is padded to be about as long as the real home page, because the size of a response
matters for throughput on loopback just as the work to produce it does.</p>
<p>Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut
labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris
nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit
esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt
in culpa qui officia deserunt mollit anim id est laborum.</p>
<p>Sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium doloremque
laudantium, totam rem aperiam, eaque ipsa quae ab illo inventore veritatis et quasi architecto
beatae vitae dicta sunt explicabo. Nemo enim ipsam voluptatem quia voluptas sit aspernatur.</p>
</main>
</div>
</body>
</html>
"#;

/// The page `/static` serves, built once.
static STATIC_PAGE: LazyLock<String> = LazyLock::new(|| page("many times"));

/// The session key of the visit count.
const COUNT_KEY: &str = "visits";

/// The template with its visit count filled in.
fn page(visits: &str) -> String {
    TEMPLATE.replace("{visits}", visits)
}

/// `GET /static`: the fixed page.
async fn static_page() -> Html<&'static str> {
    Html(STATIC_PAGE.as_str())
}

/// `GET /counter`: the page with this session's visit count, incremented and saved each time.
async fn counter(session: Session) -> Html<String> {
    let visits = session
        .get::<u64>(COUNT_KEY)
        .await
        .ok()
        .flatten()
        .unwrap_or(0)
        + 1;
    // A store error would only lose the count; the page is still served.
    let _ = session.insert(COUNT_KEY, visits).await;
    let times = if visits == 1 { "time" } else { "times" };
    Html(page(&format!("{visits} {times}")))
}

/// The router: both routes, sessions in memory with LocalLibrary's default cookie settings.
fn router() -> Router {
    let sessions = SessionManagerLayer::new(MemoryStore::default())
        .with_name("sessionid")
        .with_same_site(SameSite::Lax)
        .with_secure(false)
        .with_expiry(Expiry::OnInactivity(time::Duration::weeks(2)));
    Router::new()
        .route("/static", get(static_page))
        .route("/counter", get(counter))
        .layer(sessions)
}

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let addr = std::env::args()
        .nth(1)
        .or_else(|| std::env::var("REFERENCE_ADDR").ok())
        .unwrap_or_else(|| DEFAULT_ADDR.to_string());
    let listener = tokio::net::TcpListener::bind(&addr).await?;
    println!("reference listening on http://{}", listener.local_addr()?);
    axum::serve(listener, router()).await
}
