//! Stories: events that several articles report about the same real event.
//!
//! Two events can be one story when they have the same PLOVER type, the
//! same modality and the same source and target global keys (their
//! **group**, see [`group_key`]), and
//! - their dates are compatible: equal, within [`DATE_WINDOW_DAYS`] days,
//!   one a prefix of the other (`2024-03` and `2024-03-05`), or one missing;
//! - their locations are compatible: the same key, or one missing.
//!
//! Compatibility is not transitive, so [`cluster`] builds stories greedily
//! in a fixed order: events with a full date first, in date order, each
//! joining the first story whose first date is at most three days before
//! its own; then events with a partial date, then events with none, each
//! joining the largest compatible story. The order depends only on the
//! events themselves (date, then article publication date, article id and
//! position), so a group always clusters the same way whatever order its
//! events were stored in.
//!
//! Events with neither source nor target are grouped by their location; with
//! no location either, each stands alone.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

/// Two full dates at most this many days apart can be the same event.
pub const DATE_WINDOW_DAYS: i64 = 3;

/// The group an event belongs to: only events of the same group can join
/// one story. `unique` names the event, for events that must stand alone.
pub fn group_key(
    ty: &str,
    modality: &str,
    source: Option<&str>,
    target: Option<&str>,
    location: Option<&str>,
    unique: &str,
) -> String {
    match (source, target, location) {
        (None, None, None) => format!("alone\u{1f}{unique}"),
        (None, None, Some(place)) => format!("{ty}\u{1f}{modality}\u{1f}\u{1f}\u{1f}@{place}"),
        _ => format!(
            "{ty}\u{1f}{modality}\u{1f}{}\u{1f}{}",
            source.unwrap_or(""),
            target.unwrap_or("")
        ),
    }
}

/// One event of a group, with what clustering and story figures need.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryEvent {
    /// The event's row id.
    pub id: i64,
    /// The event's date, `YYYY[-MM[-DD]]`.
    pub date: Option<String>,
    /// The location's global key.
    pub location: Option<String>,
    /// The article's row.
    pub article: i64,
    /// The article's id, for a stable order.
    pub article_id: String,
    /// The event's position in its article, for a stable order.
    pub ord: i64,
    /// The article's publication date.
    pub published: Option<String>,
    /// The outlet (else the host of the address), for counting outlets.
    pub outlet: Option<String>,
    /// Intensity, averaged over the story.
    pub intensity: f64,
}

/// A story's figures, computed from its events.
#[derive(Clone, Debug, PartialEq)]
pub struct StoryFigures {
    /// Indices into the events given to [`cluster`].
    pub members: Vec<usize>,
    /// The location's key, if any event gives one.
    pub location: Option<String>,
    /// The earliest date (full if any event has one).
    pub date: Option<String>,
    /// The latest full date, when it differs from `date`.
    pub date_last: Option<String>,
    /// Distinct articles.
    pub articles: u64,
    /// Distinct outlets.
    pub outlets: u64,
    /// Earliest publication date.
    pub first_reported: Option<String>,
    /// Latest publication date.
    pub last_reported: Option<String>,
    /// Mean intensity.
    pub intensity: f64,
}

enum When {
    Day(NaiveDate),
    Partial(String),
    Unknown,
}

fn when(date: Option<&str>) -> When {
    match date {
        None => When::Unknown,
        Some(d) => match NaiveDate::parse_from_str(d, "%Y-%m-%d") {
            Ok(day) => When::Day(day),
            Err(_) if !d.trim().is_empty() => When::Partial(d.trim().to_string()),
            Err(_) => When::Unknown,
        },
    }
}

struct Cluster {
    first: Option<NaiveDate>,
    partial: Option<String>,
    location: Option<String>,
    members: Vec<usize>,
}

impl Cluster {
    fn place_fits(&self, location: Option<&str>) -> bool {
        match (self.location.as_deref(), location) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        }
    }

    fn partial_fits(&self, partial: &str) -> bool {
        if let Some(first) = self.first {
            return first.format("%Y-%m-%d").to_string().starts_with(partial);
        }
        match &self.partial {
            Some(p) => p.starts_with(partial) || partial.starts_with(p.as_str()),
            None => true,
        }
    }
}

/// Splits the events of one group into stories; see the module docs.
pub fn cluster(events: &[StoryEvent]) -> Vec<StoryFigures> {
    let mut order: Vec<(u8, String, usize)> = events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let rank = match when(e.date.as_deref()) {
                When::Day(_) => 0,
                When::Partial(_) => 1,
                When::Unknown => 2,
            };
            // Longer partial dates are more precise: place them first.
            let date = e.date.clone().unwrap_or_default();
            let key = if rank == 1 {
                format!("{:02}{date}", 99 - date.len().min(99))
            } else {
                date
            };
            (rank, key, i)
        })
        .collect();
    order.sort_by(|a, b| {
        let (ea, eb) = (&events[a.2], &events[b.2]);
        (a.0, &a.1, &ea.published, &ea.article_id, ea.ord, ea.id).cmp(&(
            b.0,
            &b.1,
            &eb.published,
            &eb.article_id,
            eb.ord,
            eb.id,
        ))
    });
    let mut clusters: Vec<Cluster> = Vec::new();
    for &(_, _, i) in &order {
        let e = &events[i];
        let location = e.location.as_deref();
        let chosen = match when(e.date.as_deref()) {
            When::Day(day) => clusters.iter().position(|c| {
                c.place_fits(location)
                    && c.first
                        .is_some_and(|f| (day - f).num_days().abs() <= DATE_WINDOW_DAYS)
            }),
            When::Partial(p) => {
                largest(&clusters, |c| c.place_fits(location) && c.partial_fits(&p))
            }
            When::Unknown => largest(&clusters, |c| c.place_fits(location)),
        };
        let c = match chosen {
            Some(c) => c,
            None => {
                clusters.push(Cluster {
                    first: None,
                    partial: None,
                    location: None,
                    members: Vec::new(),
                });
                clusters.len() - 1
            }
        };
        let c = &mut clusters[c];
        match when(e.date.as_deref()) {
            When::Day(day) if c.first.is_none() => c.first = Some(day),
            When::Partial(p) if c.first.is_none() && c.partial.is_none() => c.partial = Some(p),
            _ => {}
        }
        if c.location.is_none() {
            c.location = e.location.clone();
        }
        c.members.push(i);
    }
    clusters
        .into_iter()
        .map(|c| figures(events, c.members, c.location))
        .collect()
}

/// The compatible cluster with the most members; the first on ties.
fn largest(clusters: &[Cluster], fits: impl Fn(&Cluster) -> bool) -> Option<usize> {
    let mut best: Option<usize> = None;
    for (i, c) in clusters.iter().enumerate() {
        let larger = match best {
            None => true,
            Some(b) => clusters[b].members.len() < c.members.len(),
        };
        if fits(c) && larger {
            best = Some(i);
        }
    }
    best
}

fn figures(events: &[StoryEvent], members: Vec<usize>, location: Option<String>) -> StoryFigures {
    let days: BTreeSet<NaiveDate> = members
        .iter()
        .filter_map(|&i| match when(events[i].date.as_deref()) {
            When::Day(d) => Some(d),
            _ => None,
        })
        .collect();
    let fmt = |d: &NaiveDate| d.format("%Y-%m-%d").to_string();
    let (date, date_last) = match (days.first(), days.last()) {
        (Some(a), Some(b)) => (Some(fmt(a)), (a != b).then(|| fmt(b))),
        _ => {
            // No full date: the most precise partial date.
            let partial = members
                .iter()
                .filter_map(|&i| events[i].date.clone())
                .max_by(|a, b| a.len().cmp(&b.len()).then(b.cmp(a)));
            (partial, None)
        }
    };
    let articles: BTreeSet<i64> = members.iter().map(|&i| events[i].article).collect();
    let outlets: BTreeSet<&str> = members
        .iter()
        .filter_map(|&i| events[i].outlet.as_deref())
        .collect();
    let published: BTreeSet<&str> = members
        .iter()
        .filter_map(|&i| events[i].published.as_deref())
        .collect();
    let intensity =
        members.iter().map(|&i| events[i].intensity).sum::<f64>() / members.len().max(1) as f64;
    StoryFigures {
        location,
        date,
        date_last,
        articles: articles.len() as u64,
        outlets: outlets.len() as u64,
        first_reported: published.first().map(|s| s.to_string()),
        last_reported: published.last().map(|s| s.to_string()),
        intensity,
        members,
    }
}

/// The outlet to count: the one given, else the host of the address
/// without `www.`.
pub fn outlet_of(outlet: Option<&str>, url: Option<&str>) -> Option<String> {
    if let Some(o) = outlet.map(str::trim).filter(|o| !o.is_empty()) {
        return Some(o.to_lowercase());
    }
    let url = url?.trim();
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// Groups event indices by their group key, in first-seen order.
pub fn by_group<'a>(keys: impl IntoIterator<Item = &'a str>) -> Vec<(&'a str, Vec<usize>)> {
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut groups: Vec<(&str, Vec<usize>)> = Vec::new();
    for (i, k) in keys.into_iter().enumerate() {
        let g = *index.entry(k).or_insert_with(|| {
            groups.push((k, Vec::new()));
            groups.len() - 1
        });
        groups[g].1.push(i);
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(
        id: i64,
        date: Option<&str>,
        location: Option<&str>,
        article: i64,
        outlet: &str,
    ) -> StoryEvent {
        StoryEvent {
            id,
            date: date.map(str::to_string),
            location: location.map(str::to_string),
            article,
            article_id: format!("a{article}"),
            ord: 0,
            published: date.map(|d| d.to_string()),
            outlet: Some(outlet.to_string()),
            intensity: 1.0,
        }
    }

    fn sizes(stories: &[StoryFigures]) -> Vec<usize> {
        stories.iter().map(|s| s.members.len()).collect()
    }

    #[test]
    fn dates_within_three_days_join() {
        let events = [
            ev(1, Some("2024-03-05"), None, 1, "x"),
            ev(2, Some("2024-03-07"), None, 2, "y"),
            ev(3, Some("2024-03-08"), None, 3, "y"),
            ev(4, Some("2024-03-09"), None, 4, "z"),
        ];
        let stories = cluster(&events);
        assert_eq!(sizes(&stories), vec![3, 1]);
        assert_eq!(stories[0].articles, 3);
        assert_eq!(stories[0].outlets, 2);
        assert_eq!(stories[0].date.as_deref(), Some("2024-03-05"));
        assert_eq!(stories[0].date_last.as_deref(), Some("2024-03-08"));
        assert_eq!(stories[0].first_reported.as_deref(), Some("2024-03-05"));
        assert_eq!(stories[0].last_reported.as_deref(), Some("2024-03-08"));
    }

    #[test]
    fn missing_and_partial_dates_join_the_largest_story() {
        let events = [
            ev(1, Some("2024-03-05"), None, 1, "x"),
            ev(2, Some("2024-06-01"), None, 2, "y"),
            ev(3, Some("2024-06-02"), None, 3, "z"),
            ev(4, None, None, 4, "w"),
            ev(5, Some("2024-03"), None, 5, "v"),
            ev(6, Some("2023"), None, 6, "u"),
            ev(7, Some("2024-06-03"), None, 7, "t"),
        ];
        let stories = cluster(&events);
        // The March partial joins March; 2023 fits nothing; June is the
        // largest story, so the undated event joins it.
        assert_eq!(sizes(&stories), vec![2, 4, 1]);
        assert!(stories[1].members.contains(&3));
        assert!(stories[0].members.contains(&4));
        assert_eq!(stories[2].date.as_deref(), Some("2023"));
    }

    #[test]
    fn different_places_stay_apart() {
        let events = [
            ev(1, Some("2024-03-05"), Some("tripoli"), 1, "x"),
            ev(2, Some("2024-03-05"), Some("benghazi"), 2, "y"),
            ev(3, Some("2024-03-06"), None, 3, "z"),
        ];
        let stories = cluster(&events);
        assert_eq!(sizes(&stories), vec![2, 1]);
        assert_eq!(stories[0].location.as_deref(), Some("tripoli"));
    }

    #[test]
    fn order_of_input_does_not_matter() {
        let events = vec![
            ev(1, Some("2024-03-05"), None, 1, "x"),
            ev(2, None, Some("kyiv"), 2, "y"),
            ev(3, Some("2024-03-09"), None, 3, "z"),
            ev(4, Some("2024-03-07"), None, 4, "z"),
            ev(5, Some("2024-03"), None, 5, "z"),
        ];
        let canon = |stories: Vec<StoryFigures>, events: &[StoryEvent]| {
            let mut s: Vec<Vec<i64>> = stories
                .iter()
                .map(|s| {
                    let mut ids: Vec<i64> = s.members.iter().map(|&i| events[i].id).collect();
                    ids.sort();
                    ids
                })
                .collect();
            s.sort();
            s
        };
        let forward = canon(cluster(&events), &events);
        let mut reversed = events.clone();
        reversed.reverse();
        assert_eq!(forward, canon(cluster(&reversed), &reversed));
    }

    #[test]
    fn group_keys() {
        let a = group_key("CONSULT", "asserted", Some("a"), Some("b"), Some("x"), "1");
        let b = group_key("CONSULT", "asserted", Some("a"), Some("b"), None, "2");
        assert_eq!(a, b);
        assert_ne!(
            a,
            group_key("CONSULT", "asserted", Some("b"), Some("a"), None, "2")
        );
        assert_ne!(
            a,
            group_key("CONSULT", "planned", Some("a"), Some("b"), None, "2")
        );
        assert_ne!(
            group_key("PROTEST", "asserted", None, None, None, "1"),
            group_key("PROTEST", "asserted", None, None, None, "2")
        );
        assert_eq!(
            group_key("PROTEST", "asserted", None, None, Some("dakar"), "1"),
            group_key("PROTEST", "asserted", None, None, Some("dakar"), "2")
        );
    }

    #[test]
    fn outlets_from_addresses() {
        assert_eq!(
            outlet_of(None, Some("https://www.Example.com/a/b")).as_deref(),
            Some("example.com")
        );
        assert_eq!(
            outlet_of(Some(" Le Monde "), Some("https://x.org")).as_deref(),
            Some("le monde")
        );
        assert_eq!(outlet_of(None, None), None);
    }
}
