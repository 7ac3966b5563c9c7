//! The readable digest of a record (`--format summary`): who, what, where,
//! when and who said what, one article after another.

use std::collections::HashMap;
use std::io::{self, Write};

use depeche_model::{EntityType, Record};

const TYPES: [(EntityType, &str); 4] = [
    (EntityType::Per, "people"),
    (EntityType::Org, "organisations"),
    (EntityType::Loc, "places"),
    (EntityType::Misc, "other names"),
];

/// Writes one article's digest.
pub fn write(out: &mut dyn Write, record: &Record) -> io::Result<()> {
    let names: HashMap<&str, &str> = record
        .entities
        .iter()
        .map(|e| (e.id.as_str(), e.name.as_str()))
        .collect();
    let name = |id: &Option<String>| {
        id.as_deref()
            .and_then(|i| names.get(i).copied())
            .unwrap_or("?")
            .to_string()
    };
    writeln!(
        out,
        "── {} ({}, published {})",
        record.id,
        record.lang,
        record.published.as_deref().unwrap_or("unknown")
    )?;
    for (ty, label) in TYPES {
        let listed: Vec<String> = record
            .entities
            .iter()
            .filter(|e| e.ty == ty)
            .map(|e| match (&e.country, e.lat, e.lon) {
                (Some(cc), Some(lat), Some(lon)) => format!("{} [{cc} {lat:.2},{lon:.2}]", e.name),
                _ => e.name.clone(),
            })
            .collect();
        if !listed.is_empty() {
            writeln!(out, "   {label:14} {}", listed.join("; "))?;
        }
    }
    if !record.dates.is_empty() {
        let dates: Vec<String> = record
            .dates
            .iter()
            .map(|d| format!("{} → {}", d.text, d.value.as_deref().unwrap_or("?")))
            .collect();
        writeln!(out, "   {:14} {}", "dates", dates.join("; "))?;
    }
    for e in &record.events {
        writeln!(
            out,
            "   {:14} {} {}{} → {}{}{}  ({})",
            "event",
            e.ty,
            e.mode
                .as_deref()
                .map(|m| format!("[{m}] "))
                .unwrap_or_default(),
            name(&e.source),
            name(&e.target),
            e.location
                .as_ref()
                .map(|_| format!(" at {}", name(&e.location)))
                .unwrap_or_default(),
            e.date
                .as_deref()
                .map(|d| format!(" on {d}"))
                .unwrap_or_default(),
            e.modality.label()
        )?;
    }
    for q in &record.quotes {
        let words: String = q.text.chars().take(70).collect();
        let more = if q.text.chars().count() > 70 {
            "…"
        } else {
            ""
        };
        let via: Vec<String> = q.via.iter().map(|v| name(&Some(v.clone()))).collect();
        writeln!(
            out,
            "   {:14} «{words}{more}» — {}{}",
            "quote",
            name(&q.speaker),
            if via.is_empty() {
                String::new()
            } else {
                format!(" (via {})", via.join(", "))
            }
        )?;
    }
    for w in &record.warnings {
        writeln!(out, "   {:14} {w}", "warning")?;
    }
    writeln!(out)
}
