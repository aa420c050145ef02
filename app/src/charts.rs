//! Charts drawn by the server as SVG (a shared module: it imports no capability). A chart is
//! decoration beside the figures it draws, never their only place: the caller puts the same
//! numbers in a table next to it (for screen readers, print and copying). Plain shapes and
//! text, coloured by the stylesheet (`.bar`, `.bar-label`, `.bar-value`), so print and high
//! contrast modes follow the page. The geometry is worked out apart ([`horizontal`],
//! [`columns`]) and tested.
use leptos::prelude::*;

/// One bar: its name, its length (0 draws no bar) and the text at its end (the number, or
/// "< 5" for a count that is not shown).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartRow {
    pub label: String,
    /// A second, smaller line under a column's label (the year under a month); "" for none.
    pub sub: String,
    pub value: i64,
    pub text: String,
}

impl ChartRow {
    /// A bar whose text is its number.
    pub fn new(label: impl Into<String>, value: i64) -> Self {
        ChartRow {
            label: label.into(),
            sub: String::new(),
            value,
            text: value.to_string(),
        }
    }
}

/// The longest label a horizontal bar's line holds (300 units at 14 px): longer ones are cut
/// with "…" (the table beside the chart has them whole).
pub const MAX_LABEL: usize = 40;

/// The length of a bar of `value` when `max` fills `full`: at least 1 for anything above 0,
/// 0 for nothing (or a negative number).
pub fn scale(value: i64, max: i64, full: i64) -> i64 {
    if value <= 0 {
        return 0;
    }
    let length = i128::from(value) * i128::from(full) / i128::from(max.max(1));
    i64::try_from(length).unwrap_or(full).clamp(1, full)
}

/// `label` cut to [`MAX_LABEL`] characters.
pub fn fit(label: &str, max: usize) -> String {
    if label.chars().count() <= max {
        label.to_string()
    } else {
        let cut: String = label.chars().take(max.saturating_sub(1)).collect();
        format!("{}…", cut.trim_end())
    }
}

/// A horizontal bar as drawn: the top of its row and its length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed {
    pub at: i64,
    pub length: i64,
    pub label: String,
}

/// Row height of a horizontal chart, the width of its longest bar, and its view box's width.
const ROW: i64 = 44;
const BAR_FULL: i64 = 240;
const WIDTH: i64 = 300;

/// Where each bar of a horizontal chart goes (rows of [`ROW`] units: the name on a line of
/// its own, the bar below it with its value at its end, so names stay readable on a narrow
/// screen), and the chart's height.
pub fn horizontal(rows: &[ChartRow]) -> (Vec<Placed>, i64) {
    let max = rows.iter().map(|r| r.value).max().unwrap_or(0);
    let placed = rows
        .iter()
        .enumerate()
        .map(|(i, row)| Placed {
            at: i as i64 * ROW,
            length: scale(row.value, max, BAR_FULL),
            label: fit(&row.label, MAX_LABEL),
        })
        .collect::<Vec<_>>();
    (placed, rows.len() as i64 * ROW + 4)
}

/// Column width, the tallest column and the space below the columns for the labels.
const COLUMN: i64 = 40;
const COLUMN_FULL: i64 = 150;
const TOP: i64 = 20;
const LABELS: i64 = 36;

/// Where each column of a column chart goes (left edge and height, bottoms on one line), and
/// the chart's width and height.
pub fn columns(rows: &[ChartRow]) -> (Vec<Placed>, i64, i64) {
    let max = rows.iter().map(|r| r.value).max().unwrap_or(0);
    let placed = rows
        .iter()
        .enumerate()
        .map(|(i, row)| Placed {
            at: i as i64 * COLUMN,
            length: scale(row.value, max, COLUMN_FULL),
            label: fit(&row.label, 6),
        })
        .collect::<Vec<_>>();
    (
        placed,
        (rows.len() as i64 * COLUMN).max(COLUMN),
        TOP + COLUMN_FULL + LABELS,
    )
}

/// How the chart presents itself to assistive technology: its own name (`role="img"`), or
/// hidden because the table beside it says the same.
fn svg_role(name: &Option<String>) -> (Option<&'static str>, Option<String>, Option<&'static str>) {
    match name {
        Some(name) => (Some("img"), Some(name.clone()), None),
        None => (None, None, Some("true")),
    }
}

/// A horizontal bar chart in a `<figure>`, with its caption first and the caller's `children`
/// (the table, a download link) after the drawing. `name`: the chart's accessible name; `None` hides it from assistive
/// technology (the table beside it is the accessible version).
#[component]
pub fn BarChart(
    rows: Vec<ChartRow>,
    #[prop(optional)] name: Option<String>,
    /// The figure's title (`<figcaption>`, first) and its id, for `aria-labelledby`.
    #[prop(optional)]
    caption: Option<(String, String)>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let (placed, height) = horizontal(&rows);
    let (role, label, hidden) = svg_role(&name);
    view! {
        <figure class="bar-chart">
            {caption.map(|(id, text)| view! { <figcaption id=id>{text}</figcaption> })}
            <svg viewBox=format!("0 0 {WIDTH} {height}") role=role aria-label=label aria-hidden=hidden focusable="false">
                {rows.into_iter().zip(placed).map(|(row, bar)| {
                    let y = bar.at;
                    view! {
                        <text x="0" y=(y + 15).to_string() class="bar-label">{bar.label}</text>
                        <rect x="0" y=(y + 21).to_string() width=bar.length.to_string() height="16" class="bar"></rect>
                        <text x=(bar.length + 6).to_string() y=(y + 34).to_string() class="bar-value">{row.text}</text>
                    }
                }).collect_view()}
            </svg>
            {children.map(|c| c())}
        </figure>
    }
}

/// A column chart (a series over time: one column per month) in a `<figure>`, like
/// [`BarChart`].
#[component]
pub fn ColumnChart(
    rows: Vec<ChartRow>,
    #[prop(optional)] name: Option<String>,
    /// The figure's title (`<figcaption>`, first) and its id, for `aria-labelledby`.
    #[prop(optional)]
    caption: Option<(String, String)>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let (placed, width, height) = columns(&rows);
    let (role, label, hidden) = svg_role(&name);
    let base = TOP + COLUMN_FULL;
    view! {
        <figure class="bar-chart column-chart">
            {caption.map(|(id, text)| view! { <figcaption id=id>{text}</figcaption> })}
            <svg viewBox=format!("0 0 {width} {height}") role=role aria-label=label aria-hidden=hidden focusable="false">
                <line x1="0" x2=width.to_string() y1=base.to_string() y2=base.to_string() class="chart-axis"></line>
                {rows.into_iter().zip(placed).map(|(row, bar)| {
                    let middle = (bar.at + COLUMN / 2).to_string();
                    view! {
                        <rect x=(bar.at + 6).to_string() y=(base - bar.length).to_string() width=(COLUMN - 12).to_string() height=bar.length.to_string() class="bar"></rect>
                        <text x=middle.clone() y=(base - bar.length - 5).to_string() text-anchor="middle" class="bar-value">{row.text}</text>
                        <text x=middle.clone() y=(base + 15).to_string() text-anchor="middle" class="bar-label">{bar.label}</text>
                        <text x=middle y=(base + 30).to_string() text-anchor="middle" class="bar-sub">{row.sub}</text>
                    }
                }).collect_view()}
            </svg>
            {children.map(|c| c())}
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(values: &[i64]) -> Vec<ChartRow> {
        values
            .iter()
            .enumerate()
            .map(|(i, v)| ChartRow::new(format!("r{i}"), *v))
            .collect()
    }

    #[test]
    fn bars_scale_to_the_largest() {
        let (placed, height) = horizontal(&rows(&[200, 100, 50, 1, 0]));
        let lengths: Vec<i64> = placed.iter().map(|p| p.length).collect();
        assert_eq!(
            lengths,
            vec![240, 120, 60, 1, 0],
            "a small count still shows; nothing shows nothing"
        );
        assert_eq!(height, 5 * 44 + 4);
        assert_eq!(placed[2].at, 88);
        let (cols, width, _) = columns(&rows(&[10, 5, 0]));
        assert_eq!(
            cols.iter().map(|p| p.length).collect::<Vec<_>>(),
            vec![150, 75, 0]
        );
        assert_eq!(width, 120);
    }

    #[test]
    fn no_data_draws_an_empty_chart() {
        let (placed, height) = horizontal(&[]);
        assert!(placed.is_empty());
        assert_eq!(height, 4);
        let (placed, _) = horizontal(&rows(&[0, 0]));
        assert!(
            placed.iter().all(|p| p.length == 0),
            "all zero: no division by zero, no bars"
        );
        let (cols, width, height) = columns(&[]);
        assert!(cols.is_empty() && width > 0 && height > 0);
        assert_eq!(scale(-3, 10, 100), 0);
        assert_eq!(scale(i64::MAX, i64::MAX, 240), 240);
    }

    #[test]
    fn long_labels_are_cut() {
        let long = "Gemeente met een heel erg lange naam die niet op één regel past";
        let (placed, _) = horizontal(&[ChartRow::new(long, 3)]);
        assert_eq!(placed[0].label.chars().count(), MAX_LABEL);
        assert!(placed[0].label.ends_with('…'));
        assert_eq!(fit("Zwolle", MAX_LABEL), "Zwolle");
        assert_eq!(fit("ééééééééé", 4), "ééé…");
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_svg_escapes_its_texts_and_hides_when_a_table_says_it() {
        let html = view! { <BarChart rows=vec![ChartRow::new("<b>&</b>", 7)] /> }.to_html();
        assert!(html.contains("&lt;b&gt;&amp;&lt;/b&gt;"), "{html}");
        assert!(html.contains("aria-hidden=\"true\"") && !html.contains("role=\"img\""));
        let html =
            view! { <ColumnChart rows=rows(&[4, 8]) name="Per maand".to_string() /> }.to_html();
        assert!(html.contains("role=\"img\"") && html.contains("aria-label=\"Per maand\""));
        assert!(html.contains("height=\"150\"") && html.contains("height=\"75\""));
    }
}
