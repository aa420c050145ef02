//! The monthly monitor's figures and the rule that keeps small numbers from pointing at a
//! person: pure, shared by the page, its CSV files and `/api/v1/monitor`, so all three show
//! exactly the same cells.
//!
//! A breakdown (one figure of one month, by sector or by gemeente) never shows a count of 1–4:
//! such a cell is taken out of the list and merged into one "Overig (samengevoegd)" row. When
//! only one cell would be taken out, the next-smallest goes with it (secondary suppression: one
//! hidden cell could be worked out as the total minus the rest), and while the merged row is
//! still below 5 the next-smallest cell joins it too. A total (a month's count for the whole
//! region, no breakdown) is shown as it is: it says how many, not who or where — and so a
//! partner, or a test, sees every count it made.
use serde::{Deserialize, Serialize};

/// Counts below this (and above 0) are never shown.
pub const THRESHOLD: i64 = 5;

/// The figures of the stages drive, from its own tables (places, responses, placements).
pub const STAGES_METRICS: [&str; 5] =
    ["pledged", "verified", "openings", "responses", "placements"];

/// The anonymous counters the capabilities add to (`server::tally`), by name.
pub const TALLY_METRICS: [&str; 6] = [
    "intake_completed",
    "calculator_result",
    "application",
    "subsidy_search",
    "vacancy_search",
    "match_run",
];

/// Every figure of the monitor, in the order the page, the CSV files and the API give them.
pub const METRICS: [&str; 11] = [
    "pledged",
    "verified",
    "openings",
    "responses",
    "placements",
    "intake_completed",
    "calculator_result",
    "application",
    "subsidy_search",
    "vacancy_search",
    "match_run",
];

/// Whether a figure is counted by sector and by gemeente (a subsidy search knows neither).
pub fn has_breakdown(metric: &str) -> bool {
    METRICS.contains(&metric) && metric != "subsidy_search"
}

/// A calendar month, as the monitor counts by it (UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Month {
    pub year: u16,
    pub month: u8,
}

impl Month {
    /// Reads "YYYY-MM" (years 2000–2999): `None` for anything else.
    pub fn parse(text: &str) -> Option<Month> {
        let (year, month) = text.split_once('-')?;
        if year.len() != 4
            || month.len() != 2
            || !(year.bytes().chain(month.bytes())).all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let (year, month) = (year.parse::<u16>().ok()?, month.parse::<u8>().ok()?);
        ((2000..=2999).contains(&year) && (1..=12).contains(&month))
            .then_some(Month { year, month })
    }

    /// The month (UTC) of a unix time in seconds.
    pub fn of_unix(at: i64) -> Month {
        let date = super::date::Date::from_days_since_epoch(at.div_euclid(86_400));
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// The unix time at which the month begins (UTC midnight of its first day).
    pub fn start(self) -> i64 {
        super::date::Date::new(self.year, self.month, 1)
            .map_or(0, |d| d.days_since_epoch() * 86_400)
    }

    /// The month after this one.
    pub fn next(self) -> Month {
        if self.month == 12 {
            Month {
                year: self.year + 1,
                month: 1,
            }
        } else {
            Month {
                year: self.year,
                month: self.month + 1,
            }
        }
    }

    /// The month before this one.
    pub fn previous(self) -> Month {
        if self.month == 1 {
            Month {
                year: self.year - 1,
                month: 12,
            }
        } else {
            Month {
                year: self.year,
                month: self.month - 1,
            }
        }
    }

    /// The `n` months that end with this one, oldest first.
    pub fn last(self, n: usize) -> Vec<Month> {
        let mut months = Vec::with_capacity(n);
        let mut month = self;
        for _ in 0..n {
            months.push(month);
            month = month.previous();
        }
        months.reverse();
        months
    }
}

impl std::fmt::Display for Month {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// A count as it may be published: `None` would be a hidden count ("< 5" on the page and in
/// the CSV, `null` in the API). Totals are always published; a breakdown hides its small cells
/// by merging them ([`suppress`]), so today every published count is a number.
pub type Shown = Option<i64>;

/// A total as it is published: the region's count for a month says how many, not who.
pub fn total(count: i64) -> Shown {
    Some(count.max(0))
}

/// "< 5" for a suppressed count, else the number (the page and the CSV files).
pub fn shown_text(count: Shown) -> String {
    count.map_or_else(|| format!("< {THRESHOLD}"), |n| n.to_string())
}

/// One figure of one month by sector or by gemeente, as it may be published.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breakdown {
    /// The cells that may be shown, largest first (each 0 or at least 5).
    pub rows: Vec<(String, i64)>,
    /// The cells taken out, merged: how many, and their sum (below 5 only when the total is:
    /// then every cell is merged and nothing points at a sector or gemeente). `None` when
    /// nothing was taken out.
    pub other: Option<(usize, Shown)>,
    /// The sum of every cell, as a total ([`total`]).
    pub total: Shown,
}

/// Applies the rule (see the module's comment) to the cells of one breakdown: (key, count).
/// Cells of 0 are dropped; keys must be distinct.
pub fn suppress(cells: &[(String, i64)]) -> Breakdown {
    let mut rows: Vec<(String, i64)> = cells.iter().filter(|(_, n)| *n > 0).cloned().collect();
    // Largest first; equal counts by key, so the outcome never depends on the input's order.
    rows.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let sum: i64 = rows.iter().map(|(_, n)| n).sum();
    let mut merged: Vec<(String, i64)> = Vec::new();
    // Primary: every cell of 1–4.
    while rows.last().is_some_and(|(_, n)| *n < THRESHOLD) {
        merged.extend(rows.pop());
    }
    // Secondary: one hidden cell is never alone; and the merged row reaches 5 when it can.
    let merged_sum = |m: &[(String, i64)]| m.iter().map(|(_, n)| n).sum::<i64>();
    while !merged.is_empty() && (merged.len() == 1 || merged_sum(&merged) < THRESHOLD) {
        match rows.pop() {
            Some(cell) => merged.push(cell),
            None => break,
        }
    }
    let other = (!merged.is_empty()).then(|| (merged.len(), total(merged_sum(&merged))));
    Breakdown {
        rows,
        other,
        total: total(sum),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(list: &[(&str, i64)]) -> Vec<(String, i64)> {
        list.iter().map(|(k, n)| (k.to_string(), *n)).collect()
    }

    #[test]
    fn months_read_write_and_count() {
        let m = Month::parse("2026-12").unwrap();
        assert_eq!(m.to_string(), "2026-12");
        assert_eq!(m.next().to_string(), "2027-01");
        assert_eq!(Month::parse("2027-01").unwrap().previous(), m);
        for bad in [
            "",
            "2026",
            "2026-13",
            "2026-00",
            "26-12",
            "2026-1",
            "2026-012",
            "abcd-ef",
            "1999-12",
            "2026-1a",
            "２０２６-12",
        ] {
            assert_eq!(Month::parse(bad), None, "{bad}");
        }
        let year = m.last(12);
        assert_eq!(year.len(), 12);
        assert_eq!(year[0].to_string(), "2026-01");
        assert_eq!(year[11], m);
        assert_eq!(Month::of_unix(m.start()), m);
        assert_eq!(Month::of_unix(m.start() - 1), m.previous());
        assert_eq!(Month::of_unix(m.next().start() - 1), m);
        assert_eq!(Month::parse("2026-03").unwrap().start(), 1_772_323_200);
    }

    #[test]
    fn totals_are_shown_as_they_are() {
        assert_eq!(total(0), Some(0));
        for n in 1..5 {
            assert_eq!(total(n), Some(n));
        }
        assert_eq!(total(5), Some(5));
        assert_eq!(shown_text(None), "< 5");
        assert_eq!(shown_text(Some(12)), "12");
    }

    #[test]
    fn nothing_small_nothing_hidden() {
        let b = suppress(&cells(&[("zorg", 7), ("bouw", 12), ("ict", 0)]));
        assert_eq!(b.rows, cells(&[("bouw", 12), ("zorg", 7)]));
        assert_eq!(b.other, None);
        assert_eq!(b.total, Some(19));
    }

    #[test]
    fn a_single_small_cell_takes_the_next_smallest_with_it() {
        // 3 alone could be worked out as 30 - 20 - 7: the 7 is hidden with it.
        let b = suppress(&cells(&[("GM0193", 20), ("GM0148", 3), ("GM0166", 7)]));
        assert_eq!(b.rows, cells(&[("GM0193", 20)]));
        assert_eq!(b.other, Some((2, Some(10))));
        assert_eq!(b.total, Some(30));
        assert!(!b.rows.iter().any(|(_, n)| *n > 0 && *n < THRESHOLD));
    }

    #[test]
    fn small_cells_merge_and_the_merged_row_reaches_five() {
        // 2 + 1 = 3 is still small: the smallest shown cell joins the merged row.
        let b = suppress(&cells(&[("a", 2), ("b", 1), ("c", 9), ("d", 30)]));
        assert_eq!(b.rows, cells(&[("d", 30)]));
        assert_eq!(b.other, Some((3, Some(12))));
        // Two small cells that reach 5 together stay among themselves.
        let b = suppress(&cells(&[("a", 4), ("b", 3), ("c", 9)]));
        assert_eq!(b.rows, cells(&[("c", 9)]));
        assert_eq!(b.other, Some((2, Some(7))));
    }

    #[test]
    fn when_everything_is_small_every_cell_is_merged() {
        let b = suppress(&cells(&[("a", 1), ("b", 2)]));
        assert!(b.rows.is_empty());
        assert_eq!(b.other, Some((2, Some(3))));
        assert_eq!(b.total, Some(3));
        let b = suppress(&cells(&[("a", 3)]));
        assert_eq!(
            (b.rows.len(), b.other, b.total),
            (0, Some((1, Some(3))), Some(3))
        );
        let b = suppress(&[]);
        assert_eq!((b.rows.len(), b.other, b.total), (0, None, Some(0)));
    }

    #[test]
    fn no_shown_cell_is_small_and_no_hidden_cell_can_be_worked_out() {
        // Every breakdown of up to 5 cells of 0–12: no shown cell of 1–4; the merged row never
        // holds a single cell unless it is the only one; the parts always add up.
        let mut counts = [0i64; 5];
        loop {
            let list: Vec<(String, i64)> = counts
                .iter()
                .enumerate()
                .map(|(i, n)| (format!("k{i}"), *n))
                .collect();
            let b = suppress(&list);
            let sum: i64 = counts.iter().sum();
            assert!(b.rows.iter().all(|(_, n)| *n >= THRESHOLD), "{counts:?}");
            if let Some((cells, merged)) = b.other {
                let nonzero = counts.iter().filter(|n| **n > 0).count();
                assert!(cells >= 2 || nonzero == 1, "{counts:?}");
                let m = merged.expect("a merged count is published");
                assert!(
                    m >= THRESHOLD || (sum < THRESHOLD && b.rows.is_empty()),
                    "{counts:?}"
                );
                assert_eq!(m + b.rows.iter().map(|(_, n)| n).sum::<i64>(), sum);
            }
            let mut i = 0;
            while i < 5 && counts[i] == 12 {
                counts[i] = 0;
                i += 1;
            }
            if i == 5 {
                break;
            }
            counts[i] += 1;
        }
    }

    #[test]
    fn metrics_are_the_two_lists() {
        let all: Vec<&str> = STAGES_METRICS
            .iter()
            .chain(TALLY_METRICS.iter())
            .copied()
            .collect();
        assert_eq!(all, METRICS.to_vec());
        assert!(!has_breakdown("subsidy_search"));
        assert!(has_breakdown("pledged") && !has_breakdown("nonsense"));
    }
}
