//! The stages drive's storage (server only): pledges, their history, the target, and the
//! figures of the public board. Every write is one transaction with its history row and its
//! audit entry; an employer's write names the organisation, so it can only touch its own.
use sqlx::AnyConnection;

pub mod responses;

use super::{BoardView, Breakdown, OpeningFilter, OpeningRow, PipelineRow, PledgeEvent, PledgeRow};
use crate::domain::stages::{Opening, Pledge, PledgeStatus, Thermometer};
use crate::i18n::*;
use crate::server::audit::{self, Target};
use crate::server::auth::now;
use crate::server::outbox::{self, Email};
use crate::server::{AppState, Db, DbError};

/// A pledge as the queries read it.
#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    organisation_id: i64,
    organisation: String,
    kind: String,
    places: i64,
    sector: String,
    level: String,
    gemeente_code: String,
    period_from: String,
    period_to: String,
    show_name: i64,
    status: String,
    reason: Option<String>,
    created_at: i64,
}

impl From<Row> for PledgeRow {
    fn from(row: Row) -> Self {
        PledgeRow {
            id: row.id,
            organisation_id: row.organisation_id,
            organisation: row.organisation,
            kind: row.kind,
            places: row.places,
            sector: row.sector,
            level: row.level,
            gemeente: row.gemeente_code,
            from: row.period_from,
            to: row.period_to,
            show_name: row.show_name != 0,
            status: row.status,
            reason: row.reason,
            created_at: row.created_at,
        }
    }
}

const SELECT: &str = "SELECT p.id, p.organisation_id, o.name AS organisation, p.kind, p.places, \
     p.sector, p.level, p.gemeente_code, p.period_from, p.period_to, \
     CAST(CASE WHEN p.show_name THEN 1 ELSE 0 END AS BIGINT) AS show_name, p.status, p.reason, \
     p.created_at FROM pledges p JOIN organisations o ON o.id = p.organisation_id";

/// The pledge as its history keeps it: its form values as a query string.
fn snapshot(pledge: &Pledge) -> String {
    serde_urlencoded::to_string(pledge.to_pairs()).unwrap_or_default()
}

async fn add_event(
    conn: &mut AnyConnection,
    pledge: i64,
    event: &str,
    user: Option<i64>,
    details: &str,
) -> Result<(), DbError> {
    sqlx::query(
        "INSERT INTO pledge_events (pledge_id, event, user_id, details, at) \
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(pledge)
    .bind(event)
    .bind(user)
    .bind(details)
    .bind(now())
    .execute(conn)
    .await?;
    Ok(())
}

/// Stores a new pledge of `organisation`, made by `user`, and tells every coordinator and
/// admin at once (what was pledged and the link to the queue; no names). Returns its id.
pub async fn create(
    state: &AppState,
    organisation: i64,
    user: Option<i64>,
    pledge: &Pledge,
) -> Result<i64, DbError> {
    let mut tx = state.db.begin_write().await?;
    let id = insert(&mut tx, organisation, pledge, PledgeStatus::Pending).await?;
    add_event(&mut tx, id, "created", user, &snapshot(pledge)).await?;
    let queue = format!("{}/beheer/stages", state.site.public_url);
    let places = pledge.places.to_string();
    for staff in crate::server::digest::staff_addresses(&mut tx).await? {
        outbox::enqueue(
            &mut tx,
            &Email::from_templates(
                &staff,
                td_string!(Locale::nl, email.staff_pledge_subject),
                td_string!(Locale::nl, email.staff_pledge_body),
                &[
                    ("places", &places),
                    ("kind", super::kind_label(Locale::nl, pledge.kind.code())),
                    ("link", &queue),
                ],
            ),
        )
        .await?;
    }
    audit::record(
        &mut tx,
        user,
        "pledge_created",
        Target::Pledge(id),
        Some(organisation),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn insert(
    conn: &mut AnyConnection,
    organisation: i64,
    pledge: &Pledge,
    status: PledgeStatus,
) -> Result<i64, DbError> {
    let at = now();
    Ok(sqlx::query_scalar(
        "INSERT INTO pledges (organisation_id, kind, places, sector, level, gemeente_code, \
         period_from, period_to, show_name, status, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(organisation)
    .bind(pledge.kind.code())
    .bind(i64::from(pledge.places))
    .bind(&pledge.sector)
    .bind(pledge.level.code())
    .bind(&pledge.gemeente)
    .bind(pledge.from.to_string())
    .bind(pledge.to.to_string())
    .bind(pledge.show_name)
    .bind(status.code())
    .bind(at)
    .bind(at)
    .fetch_one(conn)
    .await?)
}

/// What became of a change to a pledge.
#[derive(Debug, PartialEq, Eq)]
pub enum Updated {
    Done,
    /// The organisation has no such pledge (or it was withdrawn).
    NoPledge,
    /// Fewer places than its openings already hold (that number).
    BelowOpenings(i64),
}

/// Changes a pledge of `organisation` that is not withdrawn. A verified or rejected pledge
/// becomes pending again: what a coordinator looked at has changed. Never below the places
/// its openings hold (checked with the row locked, as when an opening is added).
pub async fn update(
    db: &Db,
    organisation: i64,
    user: i64,
    id: i64,
    pledge: &Pledge,
) -> Result<Updated, DbError> {
    let mut tx = db.begin_write().await?;
    if !lock_pledge(
        &mut tx,
        id,
        organisation,
        &["pending", "verified", "rejected"],
    )
    .await?
    {
        return Ok(Updated::NoPledge);
    }
    let used = places_held(&mut tx, id).await?;
    if i64::from(pledge.places) < used {
        return Ok(Updated::BelowOpenings(used));
    }
    let done = sqlx::query(
        "UPDATE pledges SET kind = $1, places = $2, sector = $3, level = $4, gemeente_code = $5, \
         period_from = $6, period_to = $7, show_name = $8, status = 'pending', reason = NULL, \
         updated_at = $9 WHERE id = $10 AND organisation_id = $11 AND status <> 'withdrawn'",
    )
    .bind(pledge.kind.code())
    .bind(i64::from(pledge.places))
    .bind(&pledge.sector)
    .bind(pledge.level.code())
    .bind(&pledge.gemeente)
    .bind(pledge.from.to_string())
    .bind(pledge.to.to_string())
    .bind(pledge.show_name)
    .bind(now())
    .bind(id)
    .bind(organisation)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(Updated::NoPledge);
    }
    add_event(&mut tx, id, "edited", Some(user), &snapshot(pledge)).await?;
    audit::record(
        &mut tx,
        Some(user),
        "pledge_edited",
        Target::Pledge(id),
        Some(organisation),
    )
    .await?;
    tx.commit().await?;
    Ok(Updated::Done)
}

/// Withdraws a pledge of `organisation`; its places no longer count. False when there was
/// nothing to withdraw.
pub async fn withdraw(db: &Db, organisation: i64, user: i64, id: i64) -> Result<bool, DbError> {
    let mut tx = db.begin_write().await?;
    let done = sqlx::query(
        "UPDATE pledges SET status = 'withdrawn', updated_at = $1 \
         WHERE id = $2 AND organisation_id = $3 AND status <> 'withdrawn'",
    )
    .bind(now())
    .bind(id)
    .bind(organisation)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(false);
    }
    close_openings_of(&mut tx, id).await?;
    add_event(&mut tx, id, "withdrawn", Some(user), "").await?;
    audit::record(
        &mut tx,
        Some(user),
        "pledge_withdrawn",
        Target::Pledge(id),
        Some(organisation),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// A coordinator's decision on a pending pledge: verified, or rejected with `reason`. False
/// when the pledge is not pending (decided already, edited away or withdrawn).
pub async fn decide(
    state: &AppState,
    user: i64,
    id: i64,
    verdict: PledgeStatus,
    reason: Option<&str>,
) -> Result<bool, DbError> {
    let mut tx = state.db.begin_write().await?;
    let organisation: Option<i64> = sqlx::query_scalar(
        "UPDATE pledges SET status = $1, reason = $2, updated_at = $3 \
         WHERE id = $4 AND status = 'pending' RETURNING organisation_id",
    )
    .bind(verdict.code())
    .bind(reason)
    .bind(now())
    .bind(id)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(organisation) = organisation else {
        return Ok(false);
    };
    let event = match verdict {
        PledgeStatus::Verified => "verified",
        _ => "rejected",
    };
    if verdict == PledgeStatus::Rejected {
        close_openings_of(&mut tx, id).await?;
    }
    add_event(&mut tx, id, event, Some(user), reason.unwrap_or_default()).await?;
    audit::record(
        &mut tx,
        Some(user),
        if event == "verified" {
            "pledge_verified"
        } else {
            "pledge_rejected"
        },
        Target::Pledge(id),
        Some(organisation),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// Closes the open places of a pledge that no longer stands (withdrawn or rejected): nobody
/// responds to them any more.
async fn close_openings_of(conn: &mut AnyConnection, pledge: i64) -> Result<(), DbError> {
    sqlx::query(
        "UPDATE openings SET status = 'closed', closed_at = $1 WHERE pledge_id = $2 \
         AND status = 'open'",
    )
    .bind(now())
    .bind(pledge)
    .execute(conn)
    .await?;
    Ok(())
}

/// The pledges of one organisation, newest first.
pub async fn for_organisation(db: &Db, organisation: i64) -> Result<Vec<PledgeRow>, DbError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE p.organisation_id = $1 ORDER BY p.created_at DESC, p.id DESC"
    ))
    .bind(organisation)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(PledgeRow::from).collect())
}

/// The history of the pledges of one organisation, oldest first.
pub async fn history(db: &Db, organisation: i64) -> Result<Vec<PledgeEvent>, DbError> {
    Ok(sqlx::query_as(
        "SELECT e.pledge_id, e.event, e.details, e.at FROM pledge_events e \
         JOIN pledges p ON p.id = e.pledge_id WHERE p.organisation_id = $1 \
         ORDER BY e.at, e.id",
    )
    .bind(organisation)
    .fetch_all(db.pool())
    .await?)
}

/// The pledges waiting for a coordinator, oldest first.
pub async fn pending(db: &Db) -> Result<Vec<PledgeRow>, DbError> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE p.status = 'pending' ORDER BY p.created_at, p.id LIMIT 500"
    ))
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(PledgeRow::from).collect())
}

/// How many pledges wait for a coordinator (the queue's count on the beheer start page).
pub async fn pending_count(db: &Db) -> Result<i64, DbError> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM pledges WHERE status = 'pending'")
            .fetch_one(db.pool())
            .await?,
    )
}

/// The drive's figures: pledged and verified from the pledges, open (free places in open
/// openings) and filled (young people placed) from the openings.
pub async fn thermometer(db: &Db) -> Result<Thermometer, DbError> {
    let target: i64 = sqlx::query_scalar("SELECT target FROM drive_settings WHERE id = 1")
        .fetch_one(db.pool())
        .await?;
    let (pledged, verified): (i64, i64) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(places), 0) AS BIGINT), \
         CAST(COALESCE(SUM(CASE WHEN status = 'verified' THEN places ELSE 0 END), 0) AS BIGINT) \
         FROM pledges WHERE status IN ('pending', 'verified')",
    )
    .fetch_one(db.pool())
    .await?;
    let (open, filled): (i64, i64) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(CASE WHEN x.status = 'open' AND p.status = 'verified' \
         THEN x.places - x.filled ELSE 0 END), 0) AS BIGINT), \
         CAST(COALESCE(SUM(x.filled), 0) AS BIGINT) \
         FROM openings x JOIN pledges p ON p.id = x.pledge_id",
    )
    .fetch_one(db.pool())
    .await?;
    Ok(Thermometer {
        target,
        pledged,
        verified,
        open,
        filled,
    })
}

/// Pledged and verified places per value of `column` (kind, sector or gemeente_code), largest
/// first. `column` is one of three fixed names, never input.
async fn breakdown(db: &Db, column: &'static str) -> Result<Vec<Breakdown>, DbError> {
    let rows: Vec<(String, i64, i64)> = sqlx::query_as(&format!(
        "SELECT {column}, CAST(SUM(places) AS BIGINT), \
         CAST(SUM(CASE WHEN status = 'verified' THEN places ELSE 0 END) AS BIGINT) \
         FROM pledges WHERE status IN ('pending', 'verified') \
         GROUP BY {column} ORDER BY 2 DESC, 1"
    ))
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|(key, pledged, verified)| Breakdown {
            key,
            pledged,
            verified,
        })
        .collect())
}

/// Everything the public board shows, with the openings that match `filter`.
pub async fn board(db: &Db, filter: OpeningFilter) -> Result<BoardView, DbError> {
    let named: Vec<String> = sqlx::query_scalar(
        "SELECT DISTINCT o.name FROM pledges p JOIN organisations o ON o.id = p.organisation_id \
         WHERE p.show_name AND p.status = 'verified' ORDER BY o.name",
    )
    .fetch_all(db.pool())
    .await?;
    let latest: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE p.status IN ('pending', 'verified') \
         ORDER BY p.created_at DESC, p.id DESC LIMIT 10"
    ))
    .fetch_all(db.pool())
    .await?;
    Ok(BoardView {
        thermometer: thermometer(db).await?,
        by_kind: breakdown(db, "kind").await?,
        by_sector: breakdown(db, "sector").await?,
        by_gemeente: breakdown(db, "gemeente_code").await?,
        named,
        latest: latest
            .into_iter()
            .map(PledgeRow::from)
            .map(PledgeRow::anonymous_unless_named)
            .collect(),
        openings: open_openings(db, &filter)
            .await?
            .into_iter()
            .map(|mut o| {
                if !o.show_name {
                    o.organisation = String::new();
                }
                o
            })
            .collect(),
        filter,
    })
}

/// Fills an empty board with demo data: about 60 fictional organisations over the 22 gemeenten
/// and the region's sectors (marked `demo`, named "(demo)"), about 150 pledges in every state,
/// spread over the last 90 days, and an open place for about half of the verified ones (a third
/// of those with a young person placed).
/// Deterministic; does nothing when demo organisations exist already. One transaction.
pub async fn seed_demo(db: &Db) -> Result<usize, DbError> {
    use crate::domain::account::SECTORS;
    use crate::domain::region::GEMEENTEN;
    use crate::domain::stages::{Level, PlaceKind};

    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organisations WHERE demo")
        .fetch_one(db.pool())
        .await?;
    if existing > 0 {
        return Ok(0);
    }
    const FIRST: &[&str] = &[
        "Zorggroep",
        "Bouwbedrijf",
        "Transport",
        "Installatietechniek",
        "Zorgcentrum",
        "Metaalbewerking",
        "Kinderopvang",
        "Hotel",
        "Supermarkt",
        "Kwekerij",
        "Softwarehuis",
        "Aannemer",
    ];
    const SECOND: &[&str] = &[
        "De Linde",
        "Vechtdal",
        "IJsselzicht",
        "Sallandse",
        "Het Veen",
        "Noorderlicht",
        "De Kempen",
        "Hanze",
        "Reestdal",
        "Oldambt",
        "Zuiderzee",
        "Weerribben",
    ];
    // The sector that goes with each first word.
    const SECTOR_OF: &[&str] = &[
        "zorg",
        "bouw",
        "logistiek",
        "techniek",
        "zorg",
        "techniek",
        "onderwijs",
        "horeca",
        "retail",
        "landbouw",
        "ict",
        "bouw",
    ];
    // Small deterministic generators: the same demo board on every machine.
    let mut next = draws(0x1000_2026);
    let mut opening_draw = draws(0x0BE2_2026);
    let at = now();
    let mut tx = db.begin_write().await?;
    let mut organisations = Vec::new();
    for i in 0..60usize {
        let first = i % FIRST.len();
        let name = format!(
            "{} {} (demo)",
            FIRST[first],
            SECOND[(i / FIRST.len() + i) % SECOND.len()]
        );
        let sector = SECTOR_OF[first];
        debug_assert!(SECTORS.contains(&sector));
        let gemeente = GEMEENTEN[i % GEMEENTEN.len()].code;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO organisations (name, kvk, gemeente_code, sector, erkend_leerbedrijf, \
             created_at, demo) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(&name)
        .bind(format!("{:08}", 99_000_000 + i))
        .bind(gemeente)
        .bind(sector)
        .bind(i % 3 != 0)
        .bind(at - 120 * 86_400)
        .bind(true)
        .fetch_one(&mut *tx)
        .await?;
        organisations.push((id, sector, gemeente));
    }
    let mut count = 0;
    for i in 0..150usize {
        let (organisation, sector, gemeente) = organisations[next(organisations.len())];
        let kind = PlaceKind::ALL[next(PlaceKind::ALL.len())];
        let levels = kind.levels();
        let level: Level = levels[next(levels.len())];
        let places = 1 + next(8) as i64;
        let start_month = 1 + next(12);
        let from = format!("2027-{start_month:02}-01");
        let to = format!("2028-{start_month:02}-01");
        // Most pledges are checked; some wait, a few were rejected or withdrawn.
        let status = match next(20) {
            0..=10 => "verified",
            11..=16 => "pending",
            17 => "rejected",
            _ => "withdrawn",
        };
        let created = at - (next(90) as i64) * 86_400 - i as i64;
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO pledges (organisation_id, kind, places, sector, level, gemeente_code, \
             period_from, period_to, show_name, status, reason, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(organisation)
        .bind(kind.code())
        .bind(places)
        .bind(sector)
        .bind(level.code())
        .bind(gemeente)
        .bind(&from)
        .bind(&to)
        .bind(next(4) != 0)
        .bind(status)
        .bind((status == "rejected").then_some("Demo: niet bereikbaar voor navraag."))
        .bind(created)
        .bind(created)
        .fetch_one(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO pledge_events (pledge_id, event, user_id, details, at) \
             VALUES ($1, 'created', NULL, '', $2)",
        )
        .bind(id)
        .bind(created)
        .execute(&mut *tx)
        .await?;
        // About half of the verified pledges have an open place already (their own generator,
        // so the pledges stay the same whatever the openings draw).
        if status == "verified" && opening_draw(2) == 0 {
            let places = (1 + opening_draw(3) as i64).min(places);
            // Some are (partly) filled already: the drive's first placements.
            let filled = if opening_draw(3) == 0 { 1 } else { 0 };
            let opening: i64 = sqlx::query_scalar(
                "INSERT INTO openings (pledge_id, organisation_id, title, description, kind, \
                 level, gemeente_code, start_date, hours, places, contact, created_at, filled) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
            )
            .bind(id)
            .bind(organisation)
            .bind(demo_title(kind, sector))
            .bind(
                "Demo: een plek om te laten zien hoe het overzicht werkt. Je werkt mee in een \
                 team en leert het vak van ervaren collega's.\n\nDeze plek is verzonnen.",
            )
            .bind(kind.code())
            .bind(level.code())
            .bind(gemeente)
            .bind(&from)
            .bind(24 + 2 * opening_draw(8) as i64)
            .bind(places)
            .bind("Demo contactpersoon")
            .bind(created + 86_400)
            .bind(filled)
            .fetch_one(&mut *tx)
            .await?;
            if filled > 0 {
                responses::tally(&mut tx, opening, "placed", created + 86_400, filled).await?;
            }
        }
        count += 1;
    }
    tx.commit().await?;
    Ok(count)
}

/// A small deterministic generator (a linear congruential one): each call draws a number below
/// its argument.
fn draws(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n: usize| {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((seed >> 33) as usize) % n
    }
}

/// A demo opening's title: the kind of place and a job of the sector.
fn demo_title(kind: crate::domain::stages::PlaceKind, sector: &str) -> String {
    use crate::domain::stages::PlaceKind;
    let job = match sector {
        "zorg" => "verzorgende IG",
        "bouw" => "timmerman",
        "logistiek" => "logistiek medewerker",
        "techniek" => "monteur elektrotechniek",
        "onderwijs" => "pedagogisch medewerker kinderopvang",
        "horeca" => "kok",
        "retail" => "verkoopmedewerker",
        "landbouw" => "medewerker teelt",
        "ict" => "medewerker ICT-support",
        _ => "medewerker",
    };
    let prefix = match kind {
        PlaceKind::LeerbaanBbl => "Leerbaan",
        PlaceKind::Werkervaringsplek => "Werkervaringsplek",
        _ => "Stage",
    };
    format!("{prefix} {job} (demo)")
}

/// Sets the drive's target (an admin's change, in the audit log). `target` is checked by the
/// caller.
pub async fn set_target(db: &Db, user: i64, target: i64) -> Result<(), DbError> {
    let mut tx = db.begin_write().await?;
    sqlx::query("UPDATE drive_settings SET target = $1 WHERE id = 1")
        .bind(target)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut tx,
        Some(user),
        "drive_target_set",
        Target::Nothing,
        None,
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Every pledge, oldest first, with the organisation's KvK number (the coordinators' export).
pub async fn export(db: &Db) -> Result<Vec<(PledgeRow, String)>, DbError> {
    #[derive(sqlx::FromRow)]
    struct ExportRow {
        #[sqlx(flatten)]
        row: Row,
        kvk: String,
    }
    let select = SELECT.replace(" FROM pledges p", ", o.kvk FROM pledges p");
    let rows: Vec<ExportRow> = sqlx::query_as(&format!("{select} ORDER BY p.created_at, p.id"))
        .fetch_all(db.pool())
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (PledgeRow::from(r.row), r.kvk))
        .collect())
}

/// An opening as the queries read it.
#[derive(sqlx::FromRow)]
pub(super) struct OpeningDbRow {
    id: i64,
    pledge_id: i64,
    organisation: String,
    show_name: i64,
    title: String,
    description: String,
    kind: String,
    level: String,
    sector: String,
    gemeente_code: String,
    start_date: String,
    hours: i64,
    places: i64,
    filled: i64,
    contact: String,
    status: String,
    created_at: i64,
    pledge_status: String,
}

impl From<OpeningDbRow> for OpeningRow {
    fn from(r: OpeningDbRow) -> Self {
        OpeningRow {
            id: r.id,
            pledge_id: r.pledge_id,
            organisation: r.organisation,
            show_name: r.show_name != 0,
            title: r.title,
            description: r.description,
            kind: r.kind,
            level: r.level,
            sector: r.sector,
            gemeente: r.gemeente_code,
            start: r.start_date,
            hours: r.hours,
            places: r.places,
            filled: r.filled,
            contact: r.contact,
            status: r.status,
            created_at: r.created_at,
            distance_km: None,
            pledge_verified: r.pledge_status == "verified",
        }
    }
}

pub(super) const SELECT_OPENING: &str = "SELECT x.id, x.pledge_id, o.name AS organisation, \
     CAST(CASE WHEN p.show_name THEN 1 ELSE 0 END AS BIGINT) AS show_name, x.title, \
     x.description, x.kind, x.level, p.sector, x.gemeente_code, x.start_date, x.hours, x.places, \
     x.filled, x.contact, x.status, x.created_at, p.status AS pledge_status FROM openings x JOIN pledges p ON p.id = x.pledge_id \
     JOIN organisations o ON o.id = x.organisation_id";

/// Locks the row of `organisation`'s pledge `id` for the rest of the transaction (an update
/// that changes nothing: PostgreSQL holds the row lock, SQLite's write transaction holds the
/// database), if its status is one of `statuses`. False when there is no such pledge.
async fn lock_pledge(
    conn: &mut AnyConnection,
    id: i64,
    organisation: i64,
    statuses: &[&str],
) -> Result<bool, DbError> {
    let mut query = sqlx::query(
        "UPDATE pledges SET updated_at = updated_at WHERE id = $1 AND organisation_id = $2 \
         AND status IN ($3, $4, $5)",
    )
    .bind(id)
    .bind(organisation);
    // Three places for statuses; unused ones repeat the first (the list is never empty).
    for i in 0..3 {
        query = query.bind(statuses.get(i).unwrap_or(&statuses[0]).to_string());
    }
    Ok(query.execute(conn).await?.rows_affected() > 0)
}

/// The places a pledge's openings hold: an open opening all of its places, a closed one those
/// it filled.
async fn places_held(conn: &mut AnyConnection, pledge: i64) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar(
        "SELECT CAST(COALESCE(SUM(CASE WHEN status = 'open' THEN places ELSE filled END), 0) \
         AS BIGINT) FROM openings WHERE pledge_id = $1",
    )
    .bind(pledge)
    .fetch_one(conn)
    .await?)
}

/// Why an opening could not be added.
#[derive(Debug, PartialEq, Eq)]
pub enum OpeningRefused {
    /// The organisation has no such pledge, or it was withdrawn or rejected.
    NoPledge,
    /// More places than the pledge has left (the number left).
    TooMany(i64),
}

/// Adds an opening to a pledge of `organisation`, in one transaction that first locks the
/// pledge's row (an update), so two openings added at once cannot together pass the pledge.
/// An open opening holds its places; a closed one only those it filled.
pub async fn add_opening(
    db: &Db,
    organisation: i64,
    user: i64,
    pledge: i64,
    opening: &Opening,
) -> Result<Result<i64, OpeningRefused>, DbError> {
    let mut tx = db.begin_write().await?;
    if !lock_pledge(&mut tx, pledge, organisation, &["pending", "verified"]).await? {
        return Ok(Err(OpeningRefused::NoPledge));
    }
    let pledged: i64 = sqlx::query_scalar("SELECT places FROM pledges WHERE id = $1")
        .bind(pledge)
        .fetch_one(&mut *tx)
        .await?;
    let left = pledged - places_held(&mut tx, pledge).await?;
    if i64::from(opening.places) > left {
        return Ok(Err(OpeningRefused::TooMany(left.max(0))));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO openings (pledge_id, organisation_id, title, description, kind, level, \
         gemeente_code, start_date, hours, places, contact, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(pledge)
    .bind(organisation)
    .bind(&opening.title)
    .bind(&opening.description)
    .bind(opening.kind.code())
    .bind(opening.level.code())
    .bind(&opening.gemeente)
    .bind(opening.start.to_string())
    .bind(i64::from(opening.hours))
    .bind(i64::from(opening.places))
    .bind(&opening.contact)
    .bind(now())
    .fetch_one(&mut *tx)
    .await?;
    audit::record(
        &mut tx,
        Some(user),
        "opening_created",
        Target::Pledge(pledge),
        Some(organisation),
    )
    .await?;
    tx.commit().await?;
    Ok(Ok(id))
}

/// Closes an open opening of `organisation`: no new responses. False when there was none.
pub async fn close_opening(
    db: &Db,
    organisation: i64,
    user: i64,
    id: i64,
) -> Result<bool, DbError> {
    let mut tx = db.begin_write().await?;
    let pledge: Option<i64> = sqlx::query_scalar(
        "UPDATE openings SET status = 'closed', closed_at = $1 \
         WHERE id = $2 AND organisation_id = $3 AND status = 'open' RETURNING pledge_id",
    )
    .bind(now())
    .bind(id)
    .bind(organisation)
    .fetch_optional(&mut *tx)
    .await?;
    let Some(pledge) = pledge else {
        return Ok(false);
    };
    audit::record(
        &mut tx,
        Some(user),
        "opening_closed",
        Target::Pledge(pledge),
        Some(organisation),
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// The openings of one organisation, newest first.
pub async fn openings_of(db: &Db, organisation: i64) -> Result<Vec<OpeningRow>, DbError> {
    let rows: Vec<OpeningDbRow> = sqlx::query_as(&format!(
        "{SELECT_OPENING} WHERE x.organisation_id = $1 ORDER BY x.created_at DESC, x.id DESC"
    ))
    .bind(organisation)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(OpeningRow::from).collect())
}

/// The open openings with a free place that match `filter`, at most 200: soonest start first,
/// or nearest first when a place to measure from was given (each with its straight-line
/// distance). Every filter value is bound, never written into the SQL.
pub async fn open_openings(db: &Db, filter: &OpeningFilter) -> Result<Vec<OpeningRow>, DbError> {
    use crate::domain::region::{km_to, town_by_code, GEMEENTEN};
    let text = format!("%{}%", filter.text.to_lowercase());
    let from = town_by_code(&filter.from);
    // The gemeenten within reach, as ",GM0193,GM0166," (empty: no distance limit).
    let within = match from {
        Some(from) if filter.km > 0 => {
            let codes: Vec<&str> = GEMEENTEN
                .iter()
                .filter(|g| km_to(from, g.code).is_some_and(|km| km <= filter.km))
                .map(|g| g.code)
                .collect();
            format!(",{},", codes.join(","))
        }
        _ => String::new(),
    };
    let rows: Vec<OpeningDbRow> = sqlx::query_as(&format!(
        "{SELECT_OPENING} WHERE x.status = 'open' AND x.filled < x.places \
         AND p.status = 'verified' AND ($1 = '' OR x.kind = $1) AND ($2 = '' OR p.sector = $2) \
         AND ($3 = '' OR x.level = $3) AND ($4 = '' OR x.gemeente_code = $4) \
         AND ($5 = '%%' OR LOWER(x.title) LIKE $5 OR LOWER(x.description) LIKE $5) \
         AND ($6 = '' OR $6 LIKE '%,' || x.gemeente_code || ',%') \
         AND ($7 = '' OR x.start_date >= $7) \
         ORDER BY x.start_date, x.id LIMIT $8"
    ))
    .bind(&filter.kind)
    .bind(&filter.sector)
    .bind(&filter.level)
    .bind(&filter.gemeente)
    .bind(&text)
    .bind(&within)
    .bind(&filter.start)
    // Nearest first is sorted here, after the query: with a place to measure from, all of them.
    .bind(if from.is_some() { 5000_i64 } else { 200 })
    .fetch_all(db.pool())
    .await?;
    let mut openings: Vec<OpeningRow> = rows.into_iter().map(OpeningRow::from).collect();
    if let Some(from) = from {
        for o in &mut openings {
            o.distance_km = km_to(from, &o.gemeente);
        }
        // Stable: within the same distance, the soonest start stays first.
        openings.sort_by_key(|o| o.distance_km.unwrap_or(u32::MAX));
    }
    Ok(openings)
}

/// The newest open openings (for the Atom feed), at most `limit`.
pub async fn newest_openings(db: &Db, limit: i64) -> Result<Vec<OpeningRow>, DbError> {
    let rows: Vec<OpeningDbRow> = sqlx::query_as(&format!(
        "{SELECT_OPENING} WHERE x.status = 'open' AND x.filled < x.places \
         AND p.status = 'verified' ORDER BY x.created_at DESC, x.id DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    Ok(rows.into_iter().map(OpeningRow::from).collect())
}

/// Every opening, oldest first, with the organisation's KvK number and how many responses it
/// has now (the coordinators' export).
pub async fn export_openings(db: &Db) -> Result<Vec<(OpeningRow, String, i64)>, DbError> {
    #[derive(sqlx::FromRow)]
    struct ExportRow {
        #[sqlx(flatten)]
        row: OpeningDbRow,
        kvk: String,
        responses: i64,
    }
    let select = SELECT_OPENING.replace(
        " FROM openings x",
        ", o.kvk, CAST((SELECT COUNT(*) FROM responses r WHERE r.opening_id = x.id) AS BIGINT) \
         AS responses FROM openings x",
    );
    let rows: Vec<ExportRow> = sqlx::query_as(&format!("{select} ORDER BY x.created_at, x.id"))
        .fetch_all(db.pool())
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| (OpeningRow::from(r.row), r.kvk, r.responses))
        .collect())
}

/// One opening (open or closed), for its own page.
pub async fn opening(db: &Db, id: i64) -> Result<Option<OpeningRow>, DbError> {
    let row: Option<OpeningDbRow> = sqlx::query_as(&format!("{SELECT_OPENING} WHERE x.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    Ok(row.map(OpeningRow::from))
}

/// The drive's pipeline for the coordinators, as of `at`: per organisation (those with
/// responses waiting more than 7 days first, then by name), per sector and per gemeente —
/// pledged and verified places (pending and verified pledges), free places in open openings,
/// responses, responses waiting for the employer for more than 7 days, and places filled.
pub async fn pipeline(
    db: &Db,
    at: i64,
) -> Result<(Vec<PipelineRow>, Vec<PipelineRow>, Vec<PipelineRow>), DbError> {
    #[derive(sqlx::FromRow)]
    struct PerPledge {
        organisation_id: i64,
        organisation: String,
        sector: String,
        gemeente_code: String,
        places: i64,
        verified: i64,
        open: i64,
        filled: i64,
        responses: i64,
        waiting: i64,
    }
    let rows: Vec<PerPledge> = sqlx::query_as(
        "SELECT o.id AS organisation_id, o.name AS organisation, p.sector, p.gemeente_code, \
         p.places, \
         CAST(CASE WHEN p.status = 'verified' THEN p.places ELSE 0 END AS BIGINT) AS verified, \
         CAST(COALESCE((SELECT SUM(x.places - x.filled) FROM openings x \
             WHERE x.pledge_id = p.id AND x.status = 'open'), 0) AS BIGINT) AS open, \
         CAST(COALESCE((SELECT SUM(x.filled) FROM openings x WHERE x.pledge_id = p.id), 0) \
             AS BIGINT) AS filled, \
         CAST((SELECT COUNT(*) FROM responses r JOIN openings x ON x.id = r.opening_id \
             WHERE x.pledge_id = p.id) AS BIGINT) AS responses, \
         CAST((SELECT COUNT(*) FROM responses r JOIN openings x ON x.id = r.opening_id \
             WHERE x.pledge_id = p.id AND r.status IN ('new', 'read') AND r.created_at <= $1) \
             AS BIGINT) AS waiting \
         FROM pledges p JOIN organisations o ON o.id = p.organisation_id \
         WHERE p.status IN ('pending', 'verified')",
    )
    .bind(at - crate::domain::stages::REMIND_EMPLOYER_AFTER_DAYS * 86_400)
    .fetch_all(db.pool())
    .await?;
    // Grouped by an identity (an organisation's id; a sector or gemeente code), shown by `key`.
    let group = |identity: fn(&PerPledge) -> String, key: fn(&PerPledge) -> &str| {
        let mut out: Vec<(String, PipelineRow)> = Vec::new();
        for row in &rows {
            let id = identity(row);
            let i = match out.iter().position(|(i, _)| *i == id) {
                Some(i) => i,
                None => {
                    out.push((
                        id,
                        PipelineRow {
                            key: key(row).to_string(),
                            ..Default::default()
                        },
                    ));
                    out.len() - 1
                }
            };
            let p = &mut out[i].1;
            p.pledged += row.places;
            p.verified += row.verified;
            p.open += row.open;
            p.filled += row.filled;
            p.responses += row.responses;
            p.waiting += row.waiting;
        }
        out.into_iter().map(|(_, row)| row).collect::<Vec<_>>()
    };
    let mut by_organisation = group(|r| r.organisation_id.to_string(), |r| &r.organisation);
    by_organisation.sort_by(|a, b| b.waiting.cmp(&a.waiting).then(a.key.cmp(&b.key)));
    let mut by_sector = group(|r| r.sector.clone(), |r| &r.sector);
    by_sector.sort_by(|a, b| b.pledged.cmp(&a.pledged).then(a.key.cmp(&b.key)));
    let mut by_gemeente = group(|r| r.gemeente_code.clone(), |r| &r.gemeente_code);
    by_gemeente.sort_by(|a, b| b.pledged.cmp(&a.pledged).then(a.key.cmp(&b.key)));
    Ok((by_organisation, by_sector, by_gemeente))
}
