//! The application's shared state: built once at start, handed to every handler, and given to
//! every render and server function as one Leptos context value, in one place.
use crate::{config::Config, middleware::rate_limit::RateLimiter};
use app::server::{
    catalog_version::CatalogVersion,
    context::{AccountServices, AppContext},
    counter_writer::CounterWriter,
    db::Pool,
    mailer::Mailer,
    passwords::PasswordHasher,
    signing::ServerSecret,
    split_chunks::SplitChunks,
    test_cookie::TestCookies,
};
use axum::extract::FromRef;
use leptos::{config::LeptosOptions, prelude::provide_context};
use std::{sync::Arc, time::Duration};

/// Everything a request may need that lives as long as the server.
#[derive(Clone, FromRef)]
pub struct AppState {
    /// Where the built site lives and how Leptos renders it.
    pub leptos_options: LeptosOptions,
    /// What the app's server functions read: the pool and the session cookie's name.
    pub app: AppContext,
    /// The validated settings.
    pub config: Arc<Config>,
    /// Registration attempts per client address.
    pub limiter: Arc<RateLimiter>,
}

impl AppState {
    /// The state for `config`, serving from `pool`; pages name the WASM, JS and CSS files
    /// `<output_name>.{wasm,js,css}`; the test cookie is signed with `secret`.
    pub fn new(
        config: &Config,
        pool: Pool,
        counter: CounterWriter,
        (mailer, site_url): (Mailer, String),
        (output_name, chunks): (String, SplitChunks),
        secret: ServerSecret,
    ) -> Self {
        Self {
            leptos_options: leptos_options(config, output_name),
            app: AppContext {
                pool: pool.clone(),
                session_cookie: config.session.cookie_name.as_str().into(),
                counter,
                session_age: config.session.cookie_age,
                accounts: Arc::new(AccountServices {
                    sign_ins: Default::default(),
                    mailer,
                    site_url,
                    hasher: PasswordHasher::new(config.accounts.password_hash_threads),
                }),
                test_cookies: TestCookies::new(secret, config.session.cookie_age),
                chunks: Arc::new(chunks),
                catalog_version: CatalogVersion::new(pool.clone()),
                holds: config.holds,
            },
            config: Arc::new(config.clone()),
            limiter: Arc::new(RateLimiter::new(
                pool.clone(),
                config.registration_rate_limit,
                Duration::from_secs(60),
            )),
        }
    }

    /// The app's database.
    pub fn pool(&self) -> &Pool {
        &self.app.pool
    }

    /// Provides the Leptos context of one request: the app context, the request's CSP nonce and
    /// its session data once decoded.
    /// Every Leptos entry point (pages, server functions, the no-JS form) calls this.
    pub fn provide_leptos_context(&self) {
        provide_context(self.app.clone());
        provide_context(app::server::session::DecodedSession::default());
        crate::middleware::security_headers::provide_leptos_nonce();
    }
}

fn leptos_options(config: &Config, output_name: String) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name(output_name)
        .site_root(config.site_root.display().to_string())
        .site_pkg_dir("pkg")
        .site_addr(config.site_addr)
        .env(if config.production {
            leptos::config::Env::PROD
        } else {
            leptos::config::Env::DEV
        })
        .build()
}

/// Where mail goes: SMTP at `EMAIL_URL`, or files in `EMAIL_OUTBOX`.
pub fn mailer(config: &Config) -> Result<Mailer, String> {
    match &config.accounts.email_url {
        Some(url) => Mailer::smtp(url.expose()).map_err(|err| {
            format!(
                "cannot use EMAIL_URL={}: {err}",
                crate::config::redact_url(url.expose())
            )
        }),
        None => Mailer::outbox(config.accounts.email_outbox.clone()).map_err(|err| {
            format!(
                "cannot use EMAIL_OUTBOX={}: {err}",
                config.accounts.email_outbox.display()
            )
        }),
    }
}
