//! Amounts as people type them and as Dutch texts write them.
use super::super::schemes::Cents;

/// Reads an amount of euros as people type it: "2400", "2.400", "2400,50", "€ 2.400,-".
pub fn parse_euros(text: &str) -> Option<Cents> {
    let cleaned: String = text
        .trim()
        .trim_end_matches(",-")
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '€')
        .collect();
    if cleaned.is_empty() || cleaned.starts_with('-') {
        return None;
    }
    let (whole, fraction) = if let Some((w, f)) = cleaned.rsplit_once(',') {
        (w.replace('.', ""), f.to_string())
    } else if let Some((w, f)) = cleaned.rsplit_once('.') {
        if f.len() == 3 {
            // "2.400": a thousands separator.
            (cleaned.replace('.', ""), String::new())
        } else {
            (w.replace('.', ""), f.to_string())
        }
    } else {
        (cleaned.clone(), String::new())
    };
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) || whole.len() > 10 {
        return None;
    }
    if fraction.len() > 2 || !fraction.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let euros: i64 = whole.parse().ok()?;
    let cents: i64 = match fraction.len() {
        0 => 0,
        1 => fraction.parse::<i64>().ok()? * 10,
        _ => fraction.parse().ok()?,
    };
    Some(euros * 100 + cents)
}

/// "2400" or "2400,50": the shortest form `parse_euros` reads back.
pub fn format_euros_plain(cents: Cents) -> String {
    if cents % 100 == 0 {
        (cents / 100).to_string()
    } else {
        format!("{},{:02}", cents / 100, cents % 100)
    }
}

/// "€ 2.400" or "€ 2.400,50", as Dutch texts write amounts.
pub fn format_euros(cents: Cents) -> String {
    let negative = cents < 0;
    let cents = cents.abs();
    let euros = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, ch) in euros.chars().enumerate() {
        if i > 0 && (euros.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(ch);
    }
    let sign = if negative { "-" } else { "" };
    if cents % 100 == 0 {
        format!("{sign}€ {grouped}")
    } else {
        format!("{sign}€ {grouped},{:02}", cents % 100)
    }
}
