//! The matcher's storage (server only): vacancies, kept whole as JSON with the columns queries
//! need (see the migration `vacancies`), the version every change raises, and the Skills CVs
//! people chose to save on their account. Every write is one transaction.
use sqlx::Row;

use crate::domain::date::Date;
use crate::domain::skills::Taxonomy;
use crate::domain::vacancies::{self, Vacancy};
use crate::server::{Db, DbError};

/// Where a vacancy came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// Posted by an employer in the portal.
    Portal,
    /// Imported from a JSON-LD or CSV file.
    Import,
    /// Generated demo data.
    Demo,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Portal => "portal",
            Source::Import => "import",
            Source::Demo => "demo",
        }
    }
}

/// A vacancy as stored: its number, whose it is, whether it is open.
#[derive(Debug, Clone, PartialEq)]
pub struct Stored {
    pub id: i64,
    pub organisation_id: Option<i64>,
    pub open: bool,
    pub vacancy: Vacancy,
}

/// The vacancies' version: raised by every change.
pub async fn version(db: &Db) -> Result<i64, DbError> {
    Ok(
        sqlx::query_scalar("SELECT version FROM vacancy_version WHERE id = 1")
            .fetch_one(db.pool())
            .await?,
    )
}

async fn bump(conn: &mut sqlx::AnyConnection) -> Result<(), DbError> {
    sqlx::query("UPDATE vacancy_version SET version = version + 1 WHERE id = 1")
        .execute(conn)
        .await?;
    Ok(())
}

fn read(row: &sqlx::any::AnyRow) -> Result<Stored, DbError> {
    let id: i64 = row.try_get("id")?;
    let data: String = row.try_get("data")?;
    let status: String = row.try_get("status")?;
    let mut vacancy: Vacancy = serde_json::from_str(&data)
        .map_err(|e| DbError::Internal(format!("vacancy {id} cannot be read: {e}")))?;
    vacancy.id = id.to_string();
    Ok(Stored {
        id,
        organisation_id: row.try_get("organisation_id")?,
        open: status == "open",
        vacancy,
    })
}

const COLUMNS: &str = "id, organisation_id, status, data";

/// Every open vacancy that has not expired on `today`, oldest first (the order is the row of
/// the matcher's index).
pub async fn open_vacancies(db: &Db, today: Date) -> Result<Vec<Vacancy>, DbError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM vacancies WHERE status = 'open' \
         AND (valid_through IS NULL OR valid_through >= $1) ORDER BY id"
    ))
    .bind(today.to_string())
    .fetch_all(db.pool())
    .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in &rows {
        match read(row) {
            Ok(stored) => out.push(stored.vacancy),
            // A row the code cannot read is left out (and reported), never shown half.
            Err(error) => tracing::error!(%error, "unreadable vacancy in the database"),
        }
    }
    Ok(out)
}

pub async fn get(db: &Db, id: i64) -> Result<Option<Stored>, DbError> {
    let row = sqlx::query(&format!("SELECT {COLUMNS} FROM vacancies WHERE id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    row.as_ref().map(read).transpose()
}

/// An organisation's vacancies, open ones first, newest first.
pub async fn of_organisation(db: &Db, organisation: i64) -> Result<Vec<Stored>, DbError> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS} FROM vacancies WHERE organisation_id = $1 \
         ORDER BY CASE status WHEN 'open' THEN 0 ELSE 1 END, id DESC"
    ))
    .bind(organisation)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(read).collect()
}

/// The longest source identifier an import keeps (a longer one is refused as a record).
pub const MAX_REF_ID: usize = 200;

/// What names an imported vacancy across imports: its employer with the source's identifier
/// (two systems may both number from 1), else what it is (title, employer, place, date).
pub fn import_ref(vacancy: &Vacancy) -> String {
    let employer = crate::domain::skills::normalise(&vacancy.employer);
    let what = if vacancy.id.trim().is_empty() {
        format!(
            "{}\u{1f}{}\u{1f}{}",
            crate::domain::skills::normalise(&vacancy.title),
            vacancy.town,
            vacancy.posted
        )
    } else {
        format!("id\u{1f}{}", vacancy.id.trim())
    };
    format!(
        "import-{}",
        crate::server::auth::digest(&format!("{employer}\u{1f}{what}"))
    )
}

fn ref_for(source: Source, vacancy: &Vacancy) -> String {
    match source {
        Source::Demo => vacancy.id.clone(),
        Source::Portal => format!("portal-{}", crate::server::auth::new_secret()),
        Source::Import => import_ref(vacancy),
    }
}

/// The columns a vacancy is written with, and what an upsert replaces.
const INSERT: &str = "INSERT INTO vacancies (ref, source, organisation_id, data, gemeente_code, \
     status, posted, valid_through, created_at, updated_at, actor_user_id) VALUES ";
const UPSERT: &str = " ON CONFLICT (ref) DO UPDATE SET data = excluded.data, \
     gemeente_code = excluded.gemeente_code, status = 'open', posted = excluded.posted, \
     valid_through = excluded.valid_through, updated_at = excluded.updated_at, \
     actor_user_id = excluded.actor_user_id";
/// Rows per statement: 100 × 9 parameters stays far below both databases' limits.
const BATCH: usize = 100;

/// Inserts vacancies, or replaces those with the same `ref` (an import read again), 100 rows
/// a statement; the numbers of the rows written, in order. Within one call a `ref` counts once
/// (the last record with it wins), as one statement may not change a row twice.
async fn put(
    conn: &mut sqlx::AnyConnection,
    source: Source,
    organisation: Option<i64>,
    actor: Option<i64>,
    list: &[Vacancy],
    now: i64,
) -> Result<Vec<i64>, DbError> {
    let mut rows: Vec<(String, &Vacancy)> = Vec::with_capacity(list.len());
    let mut at: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for v in list {
        let r = ref_for(source, v);
        match at.get(&r) {
            Some(&i) => rows[i].1 = v,
            None => {
                at.insert(r.clone(), rows.len());
                rows.push((r, v));
            }
        }
    }
    let mut ids = Vec::with_capacity(rows.len());
    for chunk in rows.chunks(BATCH) {
        let tuples: Vec<String> = (0..chunk.len())
            .map(|i| {
                let p = i * 9;
                format!(
                    "(${}, ${}, ${}, ${}, ${}, 'open', ${}, ${}, ${}, ${}, ${})",
                    p + 1,
                    p + 2,
                    p + 3,
                    p + 4,
                    p + 5,
                    p + 6,
                    p + 7,
                    p + 8,
                    p + 8,
                    p + 9
                )
            })
            .collect();
        let sql = format!("{INSERT}{}{UPSERT} RETURNING id", tuples.join(", "));
        let mut query = sqlx::query_scalar::<_, i64>(&sql);
        for (r, v) in chunk {
            let data = serde_json::to_string(v).map_err(|e| DbError::Internal(e.to_string()))?;
            query = query
                .bind(r.clone())
                .bind(source.as_str())
                .bind(organisation)
                .bind(data)
                .bind(v.gemeente.clone())
                .bind(v.posted.to_string())
                .bind(v.valid_through.map(|d| d.to_string()))
                .bind(now)
                .bind(actor);
        }
        ids.extend(query.fetch_all(&mut *conn).await?);
    }
    Ok(ids)
}

/// Stores vacancies read from a file (or generated) in one transaction: all or none. How many
/// rows were written.
pub async fn put_all(
    db: &Db,
    source: Source,
    actor: Option<i64>,
    list: &[Vacancy],
    now: i64,
) -> Result<usize, DbError> {
    let mut tx = db.begin_write().await?;
    let written = put(&mut tx, source, None, actor, list, now).await?.len();
    bump(&mut tx).await?;
    tx.commit().await?;
    Ok(written)
}

/// An employer posts a vacancy: its number.
pub async fn create(
    db: &Db,
    organisation: i64,
    actor: i64,
    vacancy: &Vacancy,
    now: i64,
) -> Result<i64, DbError> {
    let mut tx = db.begin_write().await?;
    let id = put(
        &mut tx,
        Source::Portal,
        Some(organisation),
        Some(actor),
        std::slice::from_ref(vacancy),
        now,
    )
    .await?
    .first()
    .copied()
    .ok_or_else(|| DbError::Internal("the insert gave no id".into()))?;
    bump(&mut tx).await?;
    tx.commit().await?;
    Ok(id)
}

/// An employer changes one of its open vacancies; false when it is not theirs or closed.
pub async fn update(
    db: &Db,
    organisation: i64,
    actor: i64,
    id: i64,
    vacancy: &Vacancy,
    now: i64,
) -> Result<bool, DbError> {
    let data = serde_json::to_string(vacancy).map_err(|e| DbError::Internal(e.to_string()))?;
    let mut tx = db.begin_write().await?;
    let changed = sqlx::query(
        "UPDATE vacancies SET data = $1, gemeente_code = $2, posted = $3, valid_through = $4, \
         updated_at = $5, actor_user_id = $6 \
         WHERE id = $7 AND organisation_id = $8 AND status = 'open'",
    )
    .bind(data)
    .bind(vacancy.gemeente.clone())
    .bind(vacancy.posted.to_string())
    .bind(vacancy.valid_through.map(|d| d.to_string()))
    .bind(now)
    .bind(actor)
    .bind(id)
    .bind(organisation)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if changed {
        bump(&mut tx).await?;
    }
    tx.commit().await?;
    Ok(changed)
}

/// An employer closes one of its vacancies; false when it is not theirs or closed already.
pub async fn close(
    db: &Db,
    organisation: i64,
    actor: i64,
    id: i64,
    now: i64,
) -> Result<bool, DbError> {
    let mut tx = db.begin_write().await?;
    let closed = sqlx::query(
        "UPDATE vacancies SET status = 'closed', updated_at = $1, actor_user_id = $2 \
         WHERE id = $3 AND organisation_id = $4 AND status = 'open'",
    )
    .bind(now)
    .bind(actor)
    .bind(id)
    .bind(organisation)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if closed {
        bump(&mut tx).await?;
    }
    tx.commit().await?;
    Ok(closed)
}

/// How many demo vacancies a demo installation holds.
pub const DEMO_COUNT: usize = 3000;
/// The demo generator's seed (the relevance test names what it expects of it).
pub const DEMO_SEED: u64 = 2026;

/// Fills the demo vacancies when there are none, or when every one of them has expired (a
/// demo left running for months gets fresh ones). Deterministic. One transaction.
pub async fn seed_demo(db: &Db, taxonomy: &Taxonomy, today: Date) -> Result<usize, DbError> {
    let open: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM vacancies WHERE source = 'demo' \
         AND (valid_through IS NULL OR valid_through >= $1)",
    )
    .bind(today.to_string())
    .fetch_one(db.pool())
    .await?;
    if open > 0 {
        return Ok(0);
    }
    let mut list = vacancies::generate(taxonomy, DEMO_COUNT, DEMO_SEED, today);
    // Named as demo data, as the stages board's demo organisations are.
    for v in &mut list {
        v.employer.push_str(" (demo)");
    }
    put_all(db, Source::Demo, None, &list, crate::server::auth::now()).await
}

/// The Skills CV a person saved on their account (its JSON), if any.
pub async fn saved_cv(db: &Db, user: i64) -> Result<Option<String>, DbError> {
    Ok(
        sqlx::query_scalar("SELECT data FROM skills_cvs WHERE user_id = $1")
            .bind(user)
            .fetch_optional(db.pool())
            .await?,
    )
}

pub async fn save_cv(db: &Db, user: i64, json: &str, now: i64) -> Result<(), DbError> {
    let mut tx = db.begin_write().await?;
    sqlx::query(
        "INSERT INTO skills_cvs (user_id, data, saved_at) VALUES ($1, $2, $3) \
         ON CONFLICT (user_id) DO UPDATE SET data = excluded.data, saved_at = excluded.saved_at",
    )
    .bind(user)
    .bind(json)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

pub async fn delete_cv(db: &Db, user: i64) -> Result<bool, DbError> {
    Ok(sqlx::query("DELETE FROM skills_cvs WHERE user_id = $1")
        .bind(user)
        .execute(db.pool())
        .await?
        .rows_affected()
        > 0)
}
