//! The regional drive for 1000 extra stages and leerbanen: what an employer can pledge, how a
//! pledge is read from a form, and the thermometer. Pure: the store and the pages use it alike.
//!
//! Pledged is not realised (the lesson of the earlier 1000-banenplan): the thermometer keeps
//! pledged, verified, open and filled apart and never adds one to another.
use serde::{Deserialize, Serialize};

use super::account::SECTORS;
use super::date::Date;
use super::region::GEMEENTEN;

/// The kinds of place an employer can pledge.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PlaceKind {
    /// A work placement (beroepspraktijkvorming) of an mbo BOL student.
    StageMboBol,
    /// A placement of an hbo student.
    StageHbo,
    /// A placement of a vmbo or praktijkonderwijs pupil.
    StageVmboPro,
    /// A job with training of an mbo BBL student: the student is an employee.
    LeerbaanBbl,
    /// A place to gain work experience, for people without a school.
    Werkervaringsplek,
}

impl PlaceKind {
    pub const ALL: [PlaceKind; 5] = [
        PlaceKind::StageMboBol,
        PlaceKind::StageHbo,
        PlaceKind::StageVmboPro,
        PlaceKind::LeerbaanBbl,
        PlaceKind::Werkervaringsplek,
    ];

    /// The code in forms, URLs and the database.
    pub fn code(self) -> &'static str {
        match self {
            PlaceKind::StageMboBol => "stage_mbo_bol",
            PlaceKind::StageHbo => "stage_hbo",
            PlaceKind::StageVmboPro => "stage_vmbo_pro",
            PlaceKind::LeerbaanBbl => "leerbaan_bbl",
            PlaceKind::Werkervaringsplek => "werkervaringsplek",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The levels a place of this kind can have.
    pub fn levels(self) -> &'static [Level] {
        match self {
            PlaceKind::StageMboBol | PlaceKind::LeerbaanBbl => {
                &[Level::Mbo1, Level::Mbo2, Level::Mbo3, Level::Mbo4]
            }
            PlaceKind::StageHbo => &[Level::Hbo],
            PlaceKind::StageVmboPro => &[Level::Vmbo, Level::Pro],
            PlaceKind::Werkervaringsplek => &[Level::Any],
        }
    }
}

/// The school level a place is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Level {
    Pro,
    Vmbo,
    Mbo1,
    Mbo2,
    Mbo3,
    Mbo4,
    Hbo,
    /// No school level asked (a werkervaringsplek).
    Any,
}

impl Level {
    pub const ALL: [Level; 8] = [
        Level::Pro,
        Level::Vmbo,
        Level::Mbo1,
        Level::Mbo2,
        Level::Mbo3,
        Level::Mbo4,
        Level::Hbo,
        Level::Any,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Level::Pro => "pro",
            Level::Vmbo => "vmbo",
            Level::Mbo1 => "mbo1",
            Level::Mbo2 => "mbo2",
            Level::Mbo3 => "mbo3",
            Level::Mbo4 => "mbo4",
            Level::Hbo => "hbo",
            Level::Any => "geen",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// Where a pledge stands. Only the employer withdraws; only a coordinator verifies or rejects;
/// an edit of a verified pledge makes it pending again (what was verified has changed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PledgeStatus {
    Pending,
    Verified,
    Rejected,
    Withdrawn,
}

impl PledgeStatus {
    pub fn code(self) -> &'static str {
        match self {
            PledgeStatus::Pending => "pending",
            PledgeStatus::Verified => "verified",
            PledgeStatus::Rejected => "rejected",
            PledgeStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        [
            Self::Pending,
            Self::Verified,
            Self::Rejected,
            Self::Withdrawn,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }

    /// Whether the places still count as pledged (not withdrawn, not rejected).
    pub fn counts(self) -> bool {
        matches!(self, PledgeStatus::Pending | PledgeStatus::Verified)
    }
}

/// The most places one pledge can hold (a larger offer is several pledges, per kind or period).
pub const MAX_PLACES: u32 = 500;
/// The longest period a pledge can cover, in years.
pub const MAX_YEARS: u16 = 3;

/// What an employer pledges, read and checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pledge {
    pub kind: PlaceKind,
    pub places: u32,
    pub sector: String,
    pub level: Level,
    pub gemeente: String,
    pub from: Date,
    pub to: Date,
    pub show_name: bool,
}

/// The fields of the pledge form.
pub const PLEDGE_FIELDS: [&str; 8] = [
    "soort",
    "aantal",
    "sector",
    "niveau",
    "gemeente",
    "van",
    "tot",
    "naam_tonen",
];

impl Pledge {
    /// Reads a pledge from the form's values (`get` gives a field's value, "" when absent), as
    /// of `today`; every problem as (field, message key), all of them at once.
    pub fn from_form<'a>(
        get: impl Fn(&str) -> &'a str,
        today: Date,
    ) -> Result<Pledge, Vec<(&'static str, &'static str)>> {
        let mut errors = Vec::new();
        let (kind, level, gemeente) = read_place(&get, &mut errors);
        let places = read_number(
            get("aantal"),
            "aantal",
            1,
            MAX_PLACES,
            "places_range",
            &mut errors,
        );
        let sector = get("sector").trim();
        if !SECTORS.contains(&sector) {
            errors.push(("sector", "choose_one"));
        }
        let from = read_date(get("van"), "van", &mut errors);
        let to = read_date(get("tot"), "tot", &mut errors);
        if let (Some(from), Some(to)) = (from, to) {
            let limit = Date::new(from.year() + MAX_YEARS, from.month(), 1);
            if to < from {
                errors.push(("tot", "period_order"));
            } else if limit.is_some_and(|limit| to >= limit) {
                errors.push(("tot", "period_long"));
            } else if to < today {
                errors.push(("tot", "period_past"));
            }
        }
        let show_name = match get("naam_tonen") {
            "ja" => Some(true),
            "nee" => Some(false),
            _ => {
                errors.push(("naam_tonen", "choose_one"));
                None
            }
        };
        match (kind, places, level, gemeente, from, to, show_name) {
            (
                Some(kind),
                Some(places),
                Some(level),
                Some(gemeente),
                Some(from),
                Some(to),
                Some(show_name),
            ) if errors.is_empty() => Ok(Pledge {
                kind,
                places,
                sector: sector.to_string(),
                level,
                gemeente,
                from,
                to,
                show_name,
            }),
            _ => Err(errors),
        }
    }

    /// The pledge as form values (for a form filled in with it, and for its history).
    pub fn to_pairs(&self) -> Vec<(&'static str, String)> {
        vec![
            ("soort", self.kind.code().to_string()),
            ("aantal", self.places.to_string()),
            ("sector", self.sector.clone()),
            ("niveau", self.level.code().to_string()),
            ("gemeente", self.gemeente.clone()),
            ("van", self.from.to_string()),
            ("tot", self.to.to_string()),
            (
                "naam_tonen",
                if self.show_name { "ja" } else { "nee" }.to_string(),
            ),
        ]
    }
}

fn read_date(
    value: &str,
    field: &'static str,
    errors: &mut Vec<(&'static str, &'static str)>,
) -> Option<Date> {
    match value.trim() {
        "" => {
            errors.push((field, "required"));
            None
        }
        text => {
            let date = Date::parse(text).filter(|d| d.year() >= 2020);
            if date.is_none() {
                errors.push((field, "date_invalid"));
            }
            date
        }
    }
}

/// The most hours a week an opening can ask.
pub const MAX_HOURS: u32 = 40;

/// A concrete place to respond to, made from a pledge: what, where, when and who to contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Opening {
    pub title: String,
    pub description: String,
    pub kind: PlaceKind,
    pub level: Level,
    pub gemeente: String,
    pub start: Date,
    pub hours: u32,
    pub places: u32,
    pub contact: String,
}

/// The fields of the opening form.
pub const OPENING_FIELDS: [&str; 9] = [
    "titel",
    "omschrijving",
    "soort",
    "niveau",
    "gemeente",
    "start",
    "uren",
    "aantal",
    "contactpersoon",
];

impl Opening {
    /// Reads an opening from its form, as of `today`; every problem at its field.
    pub fn from_form<'a>(
        get: impl Fn(&str) -> &'a str,
        today: Date,
    ) -> Result<Opening, Vec<(&'static str, &'static str)>> {
        let mut errors = Vec::new();
        let mut text =
            |field: &'static str, max: usize| match super::account::parse_text(get(field), max) {
                Ok(text) => Some(text),
                Err(message) => {
                    errors.push((field, message));
                    None
                }
            };
        let title = text("titel", 120);
        let contact = text("contactpersoon", 120);
        let description = get("omschrijving").trim();
        let description = if description.is_empty() {
            errors.push(("omschrijving", "required"));
            None
        } else if description.chars().count() > 4000 {
            errors.push(("omschrijving", "too_long"));
            None
        } else {
            Some(description.to_string())
        };
        let (kind, level, gemeente) = read_place(&get, &mut errors);
        let start = read_date(get("start"), "start", &mut errors);
        if start.is_some_and(|s| s < today) {
            errors.push(("start", "start_past"));
        }
        let hours = read_number(
            get("uren"),
            "uren",
            1,
            MAX_HOURS,
            "hours_week_range",
            &mut errors,
        );
        let places = read_number(
            get("aantal"),
            "aantal",
            1,
            MAX_PLACES,
            "places_range",
            &mut errors,
        );
        match (
            title,
            description,
            kind,
            level,
            gemeente,
            start,
            hours,
            places,
            contact,
        ) {
            (
                Some(title),
                Some(description),
                Some(kind),
                Some(level),
                Some(gemeente),
                Some(start),
                Some(hours),
                Some(places),
                Some(contact),
            ) if errors.is_empty() => Ok(Opening {
                title,
                description,
                kind,
                level,
                gemeente,
                start,
                hours,
                places,
                contact,
            }),
            _ => Err(errors),
        }
    }
}

/// The kind of place, its level (which must fit the kind) and the gemeente of a form, each
/// `None` with its problem in `errors` when it is not right.
fn read_place<'a>(
    get: &impl Fn(&str) -> &'a str,
    errors: &mut Vec<(&'static str, &'static str)>,
) -> (Option<PlaceKind>, Option<Level>, Option<String>) {
    let kind = PlaceKind::parse(get("soort").trim());
    if kind.is_none() {
        errors.push(("soort", "choose_one"));
    }
    let mut level = Level::parse(get("niveau").trim());
    match (kind, level) {
        (_, None) => errors.push(("niveau", "choose_one")),
        (Some(kind), Some(l)) if !kind.levels().contains(&l) => {
            errors.push(("niveau", "level_kind"));
            level = None;
        }
        _ => {}
    }
    let gemeente = get("gemeente").trim();
    let gemeente = if GEMEENTEN.iter().any(|g| g.code == gemeente) {
        Some(gemeente.to_string())
    } else {
        errors.push(("gemeente", "choose_one"));
        None
    };
    (kind, level, gemeente)
}

fn read_number(
    value: &str,
    field: &'static str,
    min: u32,
    max: u32,
    message: &'static str,
    errors: &mut Vec<(&'static str, &'static str)>,
) -> Option<u32> {
    match value.trim() {
        "" => {
            errors.push((field, "required"));
            None
        }
        text => match text.parse::<u32>() {
            Ok(n) if (min..=max).contains(&n) => Some(n),
            _ => {
                errors.push((field, message));
                None
            }
        },
    }
}

/// A young person's response to an opening, as read from its form (no account: the person is
/// known by what they leave here, and reached by e-mail or phone).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub school: String,
    pub study: String,
    pub level: Level,
    pub motivation: String,
    /// Younger than 16: a parent or guardian consented (AVG as applied in the Netherlands).
    pub under_16: bool,
    /// The parent's or guardian's name, when under 16.
    pub guardian: Option<String>,
}

/// The longest motivation, in characters.
pub const MAX_MOTIVATION: usize = 2000;

/// The fields of the response form.
pub const RESPONSE_FIELDS: [&str; 11] = [
    "naam",
    "email",
    "telefoon",
    "school",
    "opleiding",
    "niveau",
    "motivatie",
    "leeftijd",
    "ouder_naam",
    "ouder_toestemming",
    "toestemming",
];

impl Response {
    /// Reads a response from its form; every problem at its field. An e-mail address or a phone
    /// number (or both) is needed to be answered; consent always, and under 16 also a parent's
    /// or guardian's.
    pub fn from_form<'a>(
        get: impl Fn(&str) -> &'a str,
    ) -> Result<Response, Vec<(&'static str, &'static str)>> {
        use super::account::{parse_email, parse_phone, parse_text};
        let mut errors = Vec::new();
        let name = parse_text(get("naam"), 200)
            .map_err(|e| errors.push(("naam", e)))
            .ok();
        let email = match get("email").trim() {
            "" => None,
            value => parse_email(value)
                .map_err(|e| errors.push(("email", e)))
                .ok(),
        };
        let phone = match get("telefoon").trim() {
            "" => None,
            value => parse_phone(value)
                .map_err(|e| errors.push(("telefoon", e)))
                .ok(),
        };
        if get("email").trim().is_empty() && get("telefoon").trim().is_empty() {
            errors.push(("email", "email_or_phone"));
        }
        let optional = |field: &'static str, errors: &mut Vec<_>| {
            let value = get(field).trim();
            if value.chars().count() > 200 || value.chars().any(char::is_control) {
                errors.push((field, "too_long"));
            }
            value.to_string()
        };
        let school = optional("school", &mut errors);
        let study = optional("opleiding", &mut errors);
        let level = Level::parse(get("niveau").trim());
        if level.is_none() {
            errors.push(("niveau", "choose_one"));
        }
        let motivation = get("motivatie").trim();
        if motivation.is_empty() {
            errors.push(("motivatie", "required"));
        } else if motivation.chars().count() > MAX_MOTIVATION {
            errors.push(("motivatie", "too_long"));
        }
        let under_16 = match get("leeftijd") {
            "16plus" => Some(false),
            "onder16" => Some(true),
            _ => {
                errors.push(("leeftijd", "choose_one"));
                None
            }
        };
        let mut guardian = None;
        if under_16 == Some(true) {
            guardian = parse_text(get("ouder_naam"), 200)
                .map_err(|e| errors.push(("ouder_naam", e)))
                .ok();
            if get("ouder_toestemming") != "ja" {
                errors.push(("ouder_toestemming", "guardian_consent_required"));
            }
        }
        if get("toestemming") != "ja" {
            errors.push(("toestemming", "consent_required"));
        }
        match (name, level, under_16) {
            (Some(name), Some(level), Some(under_16)) if errors.is_empty() => Ok(Response {
                name,
                email,
                phone,
                school,
                study,
                level,
                motivation: motivation.to_string(),
                under_16,
                guardian,
            }),
            _ => Err(errors),
        }
    }
}

/// Where a response stands. An employer moves it on (read, invited, placed, declined); the young
/// person can withdraw it. Placed takes a place of the opening; declining a placed response or
/// withdrawing it gives the place back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ResponseStatus {
    New,
    Read,
    Invited,
    Placed,
    Declined,
    Withdrawn,
}

impl ResponseStatus {
    pub const ALL: [ResponseStatus; 6] = [
        ResponseStatus::New,
        ResponseStatus::Read,
        ResponseStatus::Invited,
        ResponseStatus::Placed,
        ResponseStatus::Declined,
        ResponseStatus::Withdrawn,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ResponseStatus::New => "new",
            ResponseStatus::Read => "read",
            ResponseStatus::Invited => "invited",
            ResponseStatus::Placed => "placed",
            ResponseStatus::Declined => "declined",
            ResponseStatus::Withdrawn => "withdrawn",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }

    /// Not yet answered by the employer: new or only read. Such a response counts toward the
    /// employer's reminder after 7 days and the young person's notice after 14.
    pub fn waits_for_employer(self) -> bool {
        matches!(self, ResponseStatus::New | ResponseStatus::Read)
    }

    /// The statuses the employer can move a response to from this one. Placed can still be
    /// declined (the place is given back); declined and withdrawn are final.
    pub fn employer_next(self) -> &'static [ResponseStatus] {
        use ResponseStatus::*;
        match self {
            New => &[Read, Invited, Placed, Declined],
            Read => &[Invited, Placed, Declined],
            Invited => &[Placed, Declined],
            Placed => &[Declined],
            Declined | Withdrawn => &[],
        }
    }

    /// The young person can withdraw while the response is not final.
    pub fn can_withdraw(self) -> bool {
        !matches!(self, ResponseStatus::Declined | ResponseStatus::Withdrawn)
    }
}

/// The longest message an employer sends with an answer.
pub const MAX_MESSAGE: usize = 1000;

/// Days a response may wait for the employer before the employer is reminded.
pub const REMIND_EMPLOYER_AFTER_DAYS: i64 = 7;

/// Days after which the young person's status page says plainly that no answer came, and
/// points to similar places.
pub const NO_ANSWER_AFTER_DAYS: i64 = 14;

/// The drive's state, in places. Each figure stands on its own: verified is part of pledged;
/// open and filled are places in openings (filled is what the drive has realised).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thermometer {
    pub target: i64,
    /// Places in pledges that are pending or verified.
    pub pledged: i64,
    /// Places in pledges a coordinator verified.
    pub verified: i64,
    /// Places in openings still to be filled.
    pub open: i64,
    /// Places filled: young people placed.
    pub filled: i64,
}

impl Thermometer {
    /// `part` as a whole percentage of the target, at most 100 (the bar's length).
    pub fn percent(&self, part: i64) -> i64 {
        if self.target <= 0 {
            return 0;
        }
        (part.max(0) * 100 / self.target).min(100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 11, 28).unwrap()
    }

    fn form(pairs: &[(&str, &str)]) -> Result<Pledge, Vec<(&'static str, &'static str)>> {
        Pledge::from_form(
            |name| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map_or("", |(_, v)| *v)
            },
            today(),
        )
    }

    const GOOD: &[(&str, &str)] = &[
        ("soort", "leerbaan_bbl"),
        ("aantal", "5"),
        ("sector", "zorg"),
        ("niveau", "mbo3"),
        ("gemeente", "GM0193"),
        ("van", "2027-02-01"),
        ("tot", "2028-01-31"),
        ("naam_tonen", "ja"),
    ];

    fn with(field: &str, value: &'static str) -> Vec<(&'static str, &'static str)> {
        GOOD.iter()
            .map(|(k, v)| if *k == field { (*k, value) } else { (*k, *v) })
            .collect()
    }

    #[test]
    fn a_good_pledge_reads_and_writes_back() {
        let pledge = form(GOOD).unwrap();
        assert_eq!(pledge.kind, PlaceKind::LeerbaanBbl);
        assert_eq!(pledge.places, 5);
        let pairs = pledge.to_pairs();
        let again: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
        assert_eq!(form(&again).unwrap(), pledge);
    }

    #[test]
    fn every_problem_is_named_at_its_field() {
        assert_eq!(form(&[]).unwrap_err().len(), 8);
        assert_eq!(
            form(&with("aantal", "0")).unwrap_err(),
            [("aantal", "places_range")]
        );
        assert_eq!(
            form(&with("aantal", "501")).unwrap_err(),
            [("aantal", "places_range")]
        );
        assert_eq!(
            form(&with("aantal", "vijf")).unwrap_err(),
            [("aantal", "places_range")]
        );
        assert_eq!(
            form(&with("niveau", "hbo")).unwrap_err(),
            [("niveau", "level_kind")]
        );
        assert_eq!(
            form(&with("gemeente", "GM0363")).unwrap_err(),
            [("gemeente", "choose_one")]
        );
        assert_eq!(
            form(&with("van", "2027-02-30")).unwrap_err(),
            [("van", "date_invalid")]
        );
        assert_eq!(
            form(&with("tot", "2027-01-01")).unwrap_err(),
            [("tot", "period_order")]
        );
        assert_eq!(
            form(&with("tot", "2030-02-01")).unwrap_err(),
            [("tot", "period_long")]
        );
        let past = vec![
            ("soort", "stage_hbo"),
            ("aantal", "1"),
            ("sector", "ict"),
            ("niveau", "hbo"),
            ("gemeente", "GM0193"),
            ("van", "2025-09-01"),
            ("tot", "2026-06-30"),
            ("naam_tonen", "nee"),
        ];
        assert_eq!(form(&past).unwrap_err(), [("tot", "period_past")]);
        assert_eq!(
            form(&with("naam_tonen", "")).unwrap_err(),
            [("naam_tonen", "choose_one")]
        );
    }

    #[test]
    fn each_kind_has_its_levels() {
        for kind in PlaceKind::ALL {
            assert!(!kind.levels().is_empty());
            assert_eq!(PlaceKind::parse(kind.code()), Some(kind));
        }
        for level in Level::ALL {
            assert_eq!(Level::parse(level.code()), Some(level));
        }
    }

    #[test]
    fn the_thermometer_never_passes_its_end() {
        let t = Thermometer {
            target: 1000,
            pledged: 1250,
            verified: 400,
            open: 10,
            filled: 5,
        };
        assert_eq!(t.percent(t.pledged), 100);
        assert_eq!(t.percent(t.verified), 40);
        assert_eq!(t.percent(t.filled), 0);
        assert_eq!(Thermometer::default().percent(5), 0);
    }

    #[test]
    fn an_opening_reads_with_every_problem_at_its_field() {
        let good: &[(&str, &str)] = &[
            ("titel", "Leerbaan verzorgende IG"),
            (
                "omschrijving",
                "Je werkt en leert op een afdeling met ouderen.",
            ),
            ("soort", "leerbaan_bbl"),
            ("niveau", "mbo3"),
            ("gemeente", "GM0166"),
            ("start", "2027-02-01"),
            ("uren", "32"),
            ("aantal", "2"),
            ("contactpersoon", "Mirjam Bos"),
        ];
        let read = |pairs: &[(&str, &str)]| {
            Opening::from_form(
                |name| {
                    pairs
                        .iter()
                        .find(|(k, _)| *k == name)
                        .map_or("", |(_, v)| *v)
                },
                today(),
            )
        };
        let opening = read(good).unwrap();
        assert_eq!((opening.places, opening.hours), (2, 32));
        let change = |field: &str, value: &'static str| -> Vec<(&str, &str)> {
            good.iter()
                .map(|(k, v)| if *k == field { (*k, value) } else { (*k, *v) })
                .collect()
        };
        assert_eq!(read(&[]).unwrap_err().len(), 9);
        assert_eq!(
            read(&change("uren", "41")).unwrap_err(),
            [("uren", "hours_week_range")]
        );
        assert_eq!(
            read(&change("aantal", "0")).unwrap_err(),
            [("aantal", "places_range")]
        );
        assert_eq!(
            read(&change("start", "2026-01-05")).unwrap_err(),
            [("start", "start_past")]
        );
        assert_eq!(
            read(&change("niveau", "vmbo")).unwrap_err(),
            [("niveau", "level_kind")]
        );
        assert_eq!(
            read(&change("titel", "  ")).unwrap_err(),
            [("titel", "required")]
        );
    }

    fn response(pairs: &[(&str, &str)]) -> Result<Response, Vec<(&'static str, &'static str)>> {
        Response::from_form(|name| {
            pairs
                .iter()
                .find(|(k, _)| *k == name)
                .map_or("", |(_, v)| *v)
        })
    }

    const ANSWER: &[(&str, &str)] = &[
        ("naam", "Sanne de Vries"),
        ("email", "sanne@example.nl"),
        ("niveau", "mbo3"),
        ("motivatie", "Ik wil graag in de zorg werken."),
        ("leeftijd", "16plus"),
        ("toestemming", "ja"),
    ];

    #[test]
    fn a_response_needs_a_way_to_answer_and_consent() {
        let ok = response(ANSWER).unwrap();
        assert_eq!(ok.email.as_deref(), Some("sanne@example.nl"));
        assert!(!ok.under_16 && ok.guardian.is_none());
        let no_contact: Vec<_> = ANSWER
            .iter()
            .filter(|(k, _)| *k != "email")
            .copied()
            .collect();
        assert_eq!(
            response(&no_contact).unwrap_err(),
            vec![("email", "email_or_phone")]
        );
        let mut by_phone = no_contact.clone();
        by_phone.push(("telefoon", "06 12345678"));
        assert_eq!(
            response(&by_phone).unwrap().phone.as_deref(),
            Some("06 12345678")
        );
        assert_eq!(response(&[]).unwrap_err().len(), 6);
    }

    #[test]
    fn under_16_a_parent_or_guardian_consents() {
        let mut young: Vec<_> = ANSWER
            .iter()
            .map(|&(k, v)| {
                if k == "leeftijd" {
                    (k, "onder16")
                } else {
                    (k, v)
                }
            })
            .collect();
        assert_eq!(
            response(&young).unwrap_err(),
            vec![
                ("ouder_naam", "required"),
                ("ouder_toestemming", "guardian_consent_required")
            ]
        );
        young.push(("ouder_naam", "Petra de Vries"));
        young.push(("ouder_toestemming", "ja"));
        let ok = response(&young).unwrap();
        assert!(ok.under_16);
        assert_eq!(ok.guardian.as_deref(), Some("Petra de Vries"));
    }

    #[test]
    fn a_response_moves_on_but_never_back_from_the_end() {
        use ResponseStatus::*;
        for s in ResponseStatus::ALL {
            assert_eq!(ResponseStatus::parse(s.code()), Some(s));
            assert!(
                !s.employer_next().contains(&New),
                "nothing goes back to new"
            );
        }
        assert!(Declined.employer_next().is_empty() && Withdrawn.employer_next().is_empty());
        assert!(New.waits_for_employer() && Read.waits_for_employer());
        assert!(!Invited.waits_for_employer());
        assert!(Placed.can_withdraw() && !Withdrawn.can_withdraw());
    }
}
