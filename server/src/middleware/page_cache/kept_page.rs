//! A kept page: the body cut at its CSP nonce, joined with each response's own.
use super::CACHE_STATE;
use axum::{
    body::{Body, Bytes},
    http::{HeaderMap, HeaderValue},
    response::Response,
};

/// A rendered page, cut where its nonce was.
pub(super) struct KeptPage {
    pub(super) version: i64,
    pub(super) headers: HeaderMap,
    /// The body between nonces: joined with a fresh nonce between each two parts.
    pub(super) parts: Vec<Bytes>,
}

impl KeptPage {
    pub(super) fn bytes(&self) -> usize {
        self.parts.iter().map(Bytes::len).sum::<usize>() + 256
    }

    pub(super) fn response(&self, nonce: &str) -> Response {
        let mut body = Vec::with_capacity(self.bytes() + nonce.len() * self.parts.len());
        for (i, part) in self.parts.iter().enumerate() {
            if i > 0 {
                body.extend_from_slice(nonce.as_bytes());
            }
            body.extend_from_slice(part);
        }
        let mut response = Response::new(Body::from(body));
        *response.headers_mut() = self.headers.clone();
        response
            .headers_mut()
            .insert(CACHE_STATE, HeaderValue::from_static("hit"));
        response
    }
}

/// `body` cut at every occurrence of `nonce` (which is not kept).
pub(super) fn split_at(body: &Bytes, nonce: &[u8]) -> Vec<Bytes> {
    let mut parts = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while !nonce.is_empty() && i + nonce.len() <= body.len() {
        if &body[i..i + nonce.len()] == nonce {
            parts.push(body.slice(start..i));
            i += nonce.len();
            start = i;
        } else {
            i += 1;
        }
    }
    parts.push(body.slice(start..));
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_cut_at_every_nonce_and_joined_with_another() {
        let body = Bytes::from_static(b"<script nonce=\"N1\">a</script><b nonce=\"N1\">N</b>N1");
        let parts = split_at(&body, b"N1");
        assert_eq!(parts.len(), 4);
        let page = KeptPage {
            version: 1,
            headers: HeaderMap::new(),
            parts,
        };
        let joined = futures_body(page.response("XY"));
        assert_eq!(
            joined,
            "<script nonce=\"XY\">a</script><b nonce=\"XY\">N</b>XY"
        );
    }

    fn futures_body(response: Response) -> String {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let bytes = runtime
            .block_on(axum::body::to_bytes(response.into_body(), usize::MAX))
            .unwrap();
        String::from_utf8(bytes.to_vec()).unwrap()
    }
}
