//! Polite HTTP(S) fetching: timeouts, retries with backoff, a size limit,
//! one request at a time per host with a delay between them, and
//! robots.txt.

use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use url::Url;

/// The name depeche gives itself to servers and looks for in robots.txt.
pub const USER_AGENT: &str = concat!("depeche/", env!("CARGO_PKG_VERSION"));

/// How to fetch.
#[derive(Clone, Debug)]
pub struct FetchConfig {
    /// Time allowed for one whole request (connection, headers and body).
    pub timeout: Duration,
    /// Attempts after the first when the server is unreachable, times out
    /// or answers 429 or 5xx.
    pub retries: u32,
    /// Wait before the first retry; doubled at each further retry.
    pub backoff: Duration,
    /// The largest body accepted, in bytes.
    pub max_bytes: u64,
    /// The least time between two requests to the same host (a
    /// robots.txt `Crawl-delay` may make it longer, up to a minute).
    pub host_delay: Duration,
    /// Whether robots.txt is read and obeyed.
    pub robots: bool,
}

impl Default for FetchConfig {
    fn default() -> Self {
        FetchConfig {
            timeout: Duration::from_secs(20),
            retries: 2,
            backoff: Duration::from_millis(500),
            max_bytes: 5 * 1024 * 1024,
            host_delay: Duration::from_secs(1),
            robots: true,
        }
    }
}

/// Why a page could not be had.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchError {
    /// Not an absolute http(s) address.
    BadUrl(String),
    /// robots.txt forbids it.
    Robots(String),
    /// The body is larger than the limit.
    TooLarge { url: String, size: u64, limit: u64 },
    /// The server answered with an error status.
    Status { url: String, status: u16 },
    /// The network failed (after the retries).
    Network { url: String, message: String },
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::BadUrl(u) => write!(f, "not an http(s) address: {u:?}"),
            FetchError::Robots(u) => write!(f, "robots.txt disallows fetching {u}"),
            FetchError::TooLarge { url, size, limit } => write!(
                f,
                "page {url} is {size} bytes or more, over the limit of {limit} bytes"
            ),
            FetchError::Status { url, status } => write!(f, "{url} answered HTTP {status}"),
            FetchError::Network { url, message } => write!(f, "cannot fetch {url}: {message}"),
        }
    }
}

impl std::error::Error for FetchError {}

/// A fetched page.
#[derive(Clone, Debug)]
pub struct Page {
    /// The address after redirects.
    pub url: String,
    /// The `Content-Type` header, if any.
    pub content_type: Option<String>,
    /// The body, at most the configured size.
    pub body: Vec<u8>,
}

/// What robots.txt says for depeche on one host.
#[derive(Clone, Debug, Default)]
struct Robots {
    /// `(allow, pattern)` rules of the group that applies.
    rules: Vec<(bool, String)>,
    /// Everything is forbidden (robots.txt unreachable or 5xx).
    deny_all: bool,
    crawl_delay: Option<Duration>,
}

/// Fetches pages politely. Safe to share between threads; requests to one
/// host are spaced by the host delay.
pub struct Fetcher {
    agent: ureq::Agent,
    config: FetchConfig,
    last: Mutex<HashMap<String, Instant>>,
    robots: Mutex<HashMap<String, Robots>>,
}

impl Fetcher {
    /// A fetcher with this configuration.
    pub fn new(config: FetchConfig) -> Fetcher {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(config.timeout))
            .http_status_as_error(false)
            .max_redirects(5)
            .user_agent(USER_AGENT)
            .build()
            .into();
        Fetcher {
            agent,
            config,
            last: Mutex::new(HashMap::new()),
            robots: Mutex::new(HashMap::new()),
        }
    }

    /// The configuration in force.
    pub fn config(&self) -> &FetchConfig {
        &self.config
    }

    /// Fetches `url` if robots.txt allows it, with retries.
    pub fn fetch(&self, url: &str) -> Result<Page, FetchError> {
        let parsed = Url::parse(url).map_err(|_| FetchError::BadUrl(url.to_string()))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none() {
            return Err(FetchError::BadUrl(url.to_string()));
        }
        let host = host_key(&parsed);
        let mut delay = self.config.host_delay;
        if self.config.robots {
            let robots = self.robots_for(&parsed, &host);
            if let Some(d) = robots.crawl_delay {
                delay = delay.max(d.min(Duration::from_secs(60)));
            }
            if robots.deny_all || !allowed(&robots.rules, &path_and_query(&parsed)) {
                return Err(FetchError::Robots(url.to_string()));
            }
        }
        self.get_with_retries(url, &host, delay, self.config.max_bytes)
    }

    fn robots_for(&self, url: &Url, host: &str) -> Robots {
        if let Some(r) = self.robots.lock().expect("robots lock").get(host) {
            return r.clone();
        }
        let mut robots_url = url.clone();
        robots_url.set_path("/robots.txt");
        robots_url.set_query(None);
        robots_url.set_fragment(None);
        let robots = match self.get_with_retries(
            robots_url.as_str(),
            host,
            self.config.host_delay,
            512 * 1024,
        ) {
            Ok(page) => parse_robots(&String::from_utf8_lossy(&page.body), "depeche"),
            // RFC 9309: a 4xx robots.txt means no rules; a server error or
            // an unreachable server means "assume everything is forbidden".
            Err(FetchError::Status { status, .. }) if (400..500).contains(&status) => {
                Robots::default()
            }
            Err(FetchError::TooLarge { .. }) => Robots::default(),
            Err(_) => Robots {
                deny_all: true,
                ..Robots::default()
            },
        };
        self.robots
            .lock()
            .expect("robots lock")
            .insert(host.to_string(), robots.clone());
        robots
    }

    /// Waits until this host may be asked again, then books the slot.
    fn wait_turn(&self, host: &str, delay: Duration) {
        loop {
            let wait = {
                let mut last = self.last.lock().expect("host lock");
                let now = Instant::now();
                match last.get(host) {
                    Some(&t) if now < t + delay => t + delay - now,
                    _ => {
                        last.insert(host.to_string(), now);
                        return;
                    }
                }
            };
            std::thread::sleep(wait);
        }
    }

    fn get_with_retries(
        &self,
        url: &str,
        host: &str,
        delay: Duration,
        max_bytes: u64,
    ) -> Result<Page, FetchError> {
        let mut attempt = 0;
        loop {
            self.wait_turn(host, delay);
            let result = self.get_once(url, max_bytes);
            let transient = match &result {
                Err(FetchError::Network { .. }) => true,
                Err(FetchError::Status { status, .. }) => *status == 429 || *status >= 500,
                _ => false,
            };
            if !transient || attempt >= self.config.retries {
                return result;
            }
            std::thread::sleep(self.config.backoff * 2u32.saturating_pow(attempt));
            attempt += 1;
        }
    }

    fn get_once(&self, url: &str, max_bytes: u64) -> Result<Page, FetchError> {
        use ureq::ResponseExt;
        let network = |e: ureq::Error| FetchError::Network {
            url: url.to_string(),
            message: e.to_string(),
        };
        let mut response = self.agent.get(url).call().map_err(network)?;
        let status = response.status().as_u16();
        if !(200..300).contains(&status) {
            return Err(FetchError::Status {
                url: url.to_string(),
                status,
            });
        }
        let too_large = |size| FetchError::TooLarge {
            url: url.to_string(),
            size,
            limit: max_bytes,
        };
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        if let Some(size) = header("content-length").and_then(|s| s.trim().parse::<u64>().ok()) {
            if size > max_bytes {
                return Err(too_large(size));
            }
        }
        let content_type = header("content-type");
        let final_url = response.get_uri().to_string();
        let mut body = Vec::new();
        response
            .body_mut()
            .as_reader()
            .take(max_bytes + 1)
            .read_to_end(&mut body)
            .map_err(|e| FetchError::Network {
                url: url.to_string(),
                message: e.to_string(),
            })?;
        if body.len() as u64 > max_bytes {
            return Err(too_large(body.len() as u64));
        }
        Ok(Page {
            url: final_url,
            content_type,
            body,
        })
    }
}

fn host_key(url: &Url) -> String {
    format!(
        "{}://{}:{}",
        url.scheme(),
        url.host_str().unwrap_or(""),
        url.port_or_known_default().unwrap_or(0)
    )
}

fn path_and_query(url: &Url) -> String {
    match url.query() {
        Some(q) => format!("{}?{q}", url.path()),
        None => url.path().to_string(),
    }
}

/// Reads robots.txt: the group naming `agent` if any, else the `*` group.
fn parse_robots(text: &str, agent: &str) -> Robots {
    let agent = agent.to_ascii_lowercase();
    // (user agents of the group, its rules, its crawl delay)
    type Group = (Vec<String>, Vec<(bool, String)>, Option<Duration>);
    let mut groups: Vec<Group> = Vec::new();
    let mut in_agents = false;
    for line in text.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        let Some((key, value)) = line.split_once(':') else {
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        let value = value.trim();
        match key.as_str() {
            "user-agent" => {
                if !in_agents || groups.is_empty() {
                    groups.push((Vec::new(), Vec::new(), None));
                }
                in_agents = true;
                if let Some(g) = groups.last_mut() {
                    g.0.push(value.to_ascii_lowercase());
                }
            }
            "allow" | "disallow" => {
                in_agents = false;
                if let Some(g) = groups.last_mut() {
                    // An empty Disallow allows everything: no rule.
                    if !value.is_empty() {
                        g.1.push((key == "allow", value.to_string()));
                    }
                }
            }
            "crawl-delay" => {
                in_agents = false;
                if let (Some(g), Ok(secs)) = (groups.last_mut(), value.parse::<f64>()) {
                    if secs.is_finite() && secs >= 0.0 {
                        g.2 = Some(Duration::from_secs_f64(secs.min(3600.0)));
                    }
                }
            }
            _ => {}
        }
    }
    let named = groups.iter().find(|g| {
        g.0.iter()
            .any(|a| a != "*" && agent.starts_with(a.as_str()))
    });
    let any = groups.iter().find(|g| g.0.iter().any(|a| a == "*"));
    match named.or(any) {
        Some((_, rules, delay)) => Robots {
            rules: rules.clone(),
            deny_all: false,
            crawl_delay: *delay,
        },
        None => Robots::default(),
    }
}

/// Whether `path` may be fetched: the longest matching rule wins, Allow
/// on a tie; no matching rule allows.
fn allowed(rules: &[(bool, String)], path: &str) -> bool {
    let mut best: Option<(usize, bool)> = None;
    for (allow, pattern) in rules {
        if robots_match(pattern, path) {
            let len = pattern.len();
            best = match best {
                Some((l, a)) if l > len || (l == len && a) => Some((l, a)),
                _ => Some((len, *allow)),
            };
        }
    }
    best.is_none_or(|(_, allow)| allow)
}

/// A robots.txt path pattern: a prefix, `*` any run of characters, a final
/// `$` the end of the path.
fn robots_match(pattern: &str, path: &str) -> bool {
    let (pattern, anchored) = match pattern.strip_suffix('$') {
        Some(p) => (p, true),
        None => (pattern, false),
    };
    let parts: Vec<&str> = pattern.split('*').collect();
    let mut rest = path;
    for (i, part) in parts.iter().enumerate() {
        if i == 0 {
            match rest.strip_prefix(part) {
                Some(r) => rest = r,
                None => return false,
            }
        } else if i == parts.len() - 1 && anchored {
            return rest.ends_with(part);
        } else {
            match rest.find(part) {
                Some(p) => rest = &rest[p + part.len()..],
                None => return false,
            }
        }
    }
    !anchored || rest.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn robots_groups_and_rules() {
        let text = "User-agent: *\nDisallow: /private/\nAllow: /private/open\n\n\
                    User-agent: depeche\nUser-agent: other\nDisallow: /no-depeche\nCrawl-delay: 2\n";
        let r = parse_robots(text, "depeche");
        assert_eq!(r.crawl_delay, Some(Duration::from_secs(2)));
        assert!(!allowed(&r.rules, "/no-depeche/x"));
        assert!(allowed(&r.rules, "/private/x"));
        let r = parse_robots(text, "somebot");
        assert!(!allowed(&r.rules, "/private/x"));
        assert!(allowed(&r.rules, "/private/open/page"));
        assert!(allowed(&r.rules, "/news"));
    }

    #[test]
    fn robots_wildcards() {
        assert!(robots_match("/*.pdf$", "/a/b.pdf"));
        assert!(!robots_match("/*.pdf$", "/a/b.pdf?x"));
        assert!(robots_match("/a*c", "/abbbc/d"));
        assert!(robots_match("/exact$", "/exact"));
        assert!(!robots_match("/exact$", "/exact/more"));
        assert!(!robots_match("/b", "/a"));
    }
}
