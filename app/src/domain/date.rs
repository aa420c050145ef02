//! A calendar date, as the catalogue and the calculator need it: ordered, written "2026-11-24".
//! Hand-written because the engine only compares dates and reads month and day; a date-time
//! crate would add weight to the browser bundle for nothing (see ARCHITECTURE.md).
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// A valid date, else `None`.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        let leap =
            (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (year >= 1900 && (1..=days).contains(&day)).then_some(Date { year, month, day })
    }

    /// Parses "YYYY-MM-DD".
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.trim().splitn(3, '-');
        let year = parts.next()?.parse().ok()?;
        let month = parts.next()?.parse().ok()?;
        let day = parts.next()?.parse().ok()?;
        Date::new(year, month, day)
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// (month, day), for yearly windows.
    pub fn month_day(self) -> (u8, u8) {
        (self.month, self.day)
    }

    /// The same month and day in `year` (29 February becomes 28 in other years).
    pub fn with_year(year: u16, (month, day): (u8, u8)) -> Option<Self> {
        Date::new(year, month, day).or_else(|| Date::new(year, month, day.saturating_sub(1)))
    }

    /// "24-11-2026", as Dutch readers write dates.
    pub fn dutch(self) -> String {
        format!("{}-{}-{}", self.day, self.month, self.year)
    }

    /// Today in the Netherlands (the server's or the browser's clock).
    pub fn today() -> Self {
        #[cfg(target_arch = "wasm32")]
        {
            let now = js_sys::Date::new_0();
            Date::new(
                now.get_full_year() as u16,
                now.get_month() as u8 + 1,
                now.get_date() as u8,
            )
            .unwrap_or(Date {
                year: 2026,
                month: 1,
                day: 1,
            })
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            let secs = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0);
            // Central European time, near enough for dates (an hour ahead of UTC).
            Date::from_days_since_epoch((secs + 3600).div_euclid(86_400))
        }
    }

    /// The civil date `days` after 1970-01-01 (Howard Hinnant's algorithm).
    pub fn from_days_since_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        Date { year, month, day }
    }

    /// Days after 1970-01-01 (the inverse of [`Date::from_days_since_epoch`]).
    pub fn days_since_epoch(self) -> i64 {
        let (m, d) = (i64::from(self.month), i64::from(self.day));
        let y = i64::from(self.year) - i64::from(m <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("not a date (YYYY-MM-DD): {text}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_formats_and_orders() {
        let d = Date::parse("2026-11-24").unwrap();
        assert_eq!(d.to_string(), "2026-11-24");
        assert_eq!(d.dutch(), "24-11-2026");
        assert!(Date::parse("2024-01-01").unwrap() < d);
        assert_eq!(Date::parse("2026-02-29"), None);
        assert!(Date::parse("2024-02-29").is_some());
        assert_eq!(Date::parse("2026-13-01"), None);
        assert_eq!(Date::parse("yesterday"), None);
    }

    #[test]
    fn civil_dates_from_epoch_days() {
        assert_eq!(Date::from_days_since_epoch(0).to_string(), "1970-01-01");
        assert_eq!(
            Date::from_days_since_epoch(20_416).to_string(),
            "2025-11-24"
        );
        assert_eq!(
            Date::from_days_since_epoch(19_782).to_string(),
            "2024-02-29"
        );
    }

    #[test]
    fn yearly_days_in_any_year() {
        assert_eq!(
            Date::with_year(2026, (2, 29)).unwrap().to_string(),
            "2026-02-28"
        );
        assert_eq!(
            Date::with_year(2026, (6, 2)).unwrap().to_string(),
            "2026-06-02"
        );
    }
}
