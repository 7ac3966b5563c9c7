//! The web page's files, compiled into the binary. Only these exact paths
//! are served: nothing is read from disk, so no path can reach outside.

/// `(path, content type, body)`.
const FILES: &[(&str, &str, &[u8])] = &[
    (
        "/",
        "text/html; charset=utf-8",
        include_bytes!("../web/index.html"),
    ),
    (
        "/index.html",
        "text/html; charset=utf-8",
        include_bytes!("../web/index.html"),
    ),
    (
        "/app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../web/app.js"),
    ),
    (
        "/app.css",
        "text/css; charset=utf-8",
        include_bytes!("../web/app.css"),
    ),
    (
        "/world.svg",
        "image/svg+xml",
        include_bytes!("../web/world.svg"),
    ),
    (
        "/favicon.svg",
        "image/svg+xml",
        include_bytes!("../web/favicon.svg"),
    ),
];

/// The embedded file at exactly `path`, with its content type.
pub fn get(path: &str) -> Option<(&'static str, &'static [u8])> {
    FILES
        .iter()
        .find(|(p, _, _)| *p == path)
        .map(|(_, ty, body)| (*ty, *body))
}

#[cfg(test)]
mod tests {
    use super::get;

    #[test]
    fn only_exact_paths() {
        assert!(get("/").is_some());
        assert!(get("/app.js").is_some());
        assert!(get("/../etc/passwd").is_none());
        assert!(get("/app.js/").is_none());
        assert!(get("//app.js").is_none());
        assert!(get("/APP.JS").is_none());
    }
}
