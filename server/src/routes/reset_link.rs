//! `GET /accounts/reset/{token}`, the link in a reset mail: the token is exchanged for a session
//! value at once and the browser sent on to the set-password page, so the token does not stay
//! in the address bar, the history, nginx's access log or any `Referer`.
use crate::{errors::error_response, middleware::client_ip::ClientInfo, state::AppState};
use app::{
    accounts::reset::{open_link, SET_PASSWORD_PATH},
    i18n::Lang,
    server::session::VisitorSession,
};
use axum::{
    extract::{Path, State},
    http::{header, HeaderValue, StatusCode},
    response::{IntoResponse, Response},
    Extension,
};
use tower_sessions::Session;

/// Opens a reset link.
pub async fn open_reset_link(
    State(state): State<AppState>,
    lang: Option<Extension<Lang>>,
    client: Option<Extension<ClientInfo>>,
    session: Session,
    Path(token): Path<String>,
) -> Response {
    let outcome = match VisitorSession::new(session).await {
        Ok(visitor) => {
            let ip = client.map_or(std::net::Ipv4Addr::UNSPECIFIED.into(), |c| c.0.ip);
            open_link(state.pool(), &visitor, ip, &token).await
        }
        Err(error) => Err(error),
    };
    let mut response = match outcome {
        Ok(()) => (
            StatusCode::FOUND,
            [(
                header::LOCATION,
                HeaderValue::from_static(SET_PASSWORD_PATH),
            )],
        )
            .into_response(),
        Err(error) => error_response(
            "/accounts/reset",
            &error,
            lang.map(|Extension(lang)| lang).unwrap_or_default(),
        ),
    };
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}
