//! The catalogue's storage (server only). The `schemes` table holds each scheme as JSON
//! (`domain::schemes::Scheme`) with a few columns for queries, plus `capacity_used` (places
//! coordinators granted), which the data file never overwrites, and `edited_at` (changed in
//! the portal: the seed file no longer overwrites it). Every write raises
//! `catalogue_version` in its transaction and keeps a revision (`scheme_revisions`).
use std::path::Path;

use sqlx::Row;

use crate::domain::schemes::flat::changed_fields;
use crate::domain::schemes::{Catalogue, Scheme};
use crate::server::audit::{self, Target};
use crate::server::auth::{digest, now};
use crate::server::{Db, DbError};

/// A scheme as stored.
#[derive(sqlx::FromRow)]
struct SchemeRow {
    id: String,
    data: String,
    capacity_used: i64,
}

/// The catalogue's version: raised by every change to a scheme.
pub async fn version(db: &Db) -> Result<i64, DbError> {
    Ok(
        sqlx::query_scalar("SELECT version FROM catalogue_version WHERE id = 1")
            .fetch_one(db.pool())
            .await?,
    )
}

/// Raises the catalogue's version, in the transaction of the change.
pub async fn bump(conn: &mut sqlx::AnyConnection) -> Result<(), DbError> {
    sqlx::query("UPDATE catalogue_version SET version = version + 1 WHERE id = 1")
        .execute(conn)
        .await?;
    Ok(())
}

/// Every scheme in the database, in catalogue order, with the places granted so far.
pub async fn load(db: &Db) -> Result<Catalogue, DbError> {
    let rows: Vec<SchemeRow> =
        sqlx::query_as("SELECT id, data, capacity_used FROM schemes ORDER BY position, id")
            .fetch_all(db.pool())
            .await?;
    let mut schemes = Vec::with_capacity(rows.len());
    for SchemeRow {
        id,
        data,
        capacity_used: used,
    } in rows
    {
        match serde_json::from_str::<Scheme>(&data) {
            Ok(mut scheme) => {
                if let Some(capacity) = scheme.capacity.as_mut() {
                    capacity.used = u32::try_from(used.max(0)).unwrap_or(u32::MAX);
                }
                schemes.push(scheme);
            }
            // A row the code cannot read is left out (and reported), never shown half.
            Err(error) => {
                tracing::error!(scheme = %id, %error, "unreadable scheme in the database")
            }
        }
    }
    Ok(Catalogue { schemes })
}

/// Reads and checks a catalogue file (`data/schemes.json`).
pub fn read_file(path: &Path) -> Result<Catalogue, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the catalogue {}: {e}", path.display()))?;
    let catalogue: Catalogue = serde_json::from_str(&text)
        .map_err(|e| format!("the catalogue {} is not valid: {e}", path.display()))?;
    let mut ids: Vec<&str> = catalogue.schemes.iter().map(|s| s.id.as_str()).collect();
    ids.sort_unstable();
    if let Some(pair) = ids.windows(2).find(|w| w[0] == w[1]) {
        return Err(format!("the catalogue has the id {} twice", pair[0]));
    }
    Ok(catalogue)
}

/// Writes the catalogue into the database in one transaction: new schemes are added, existing
/// ones updated; the places granted (`capacity_used`) are kept.
pub async fn store(db: &Db, catalogue: &Catalogue) -> Result<usize, DbError> {
    let mut tx = db.begin_write().await?;
    for (position, scheme) in catalogue.schemes.iter().enumerate() {
        let data = serde_json::to_string(scheme).map_err(|e| DbError::Internal(e.to_string()))?;
        let audience = serde_json::to_value(scheme.audience)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        let status = serde_json::to_value(scheme.status)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        sqlx::query(
            "INSERT INTO schemes (id, position, name, audience, status, data, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) \
             ON CONFLICT (id) DO UPDATE SET position = excluded.position, name = excluded.name, \
             audience = excluded.audience, status = excluded.status, data = excluded.data, \
             updated_at = excluded.updated_at \
             WHERE schemes.edited_at IS NULL AND schemes.data <> excluded.data",
        )
        .bind(&scheme.id)
        .bind(position as i64)
        .bind(&scheme.name)
        .bind(audience)
        .bind(status)
        .bind(data)
        .bind(now())
        .execute(&mut *tx)
        .await?;
    }
    bump(&mut tx).await?;
    tx.commit().await?;
    Ok(catalogue.schemes.len())
}

/// What a coordinator did to a scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Created,
    Edited,
    Retired,
}

impl Change {
    fn code(self) -> &'static str {
        match self {
            Change::Created => "created",
            Change::Edited => "edited",
            Change::Retired => "retired",
        }
    }
}

/// How a save went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Saved {
    /// Stored; the fields that changed (empty: nothing did, nothing was written).
    Done(Vec<&'static str>),
    /// A new scheme's id is taken.
    IdTaken,
    /// No such scheme (to edit or retire).
    Missing,
    /// Someone changed the scheme since the form was opened (`based_on` differs).
    Conflict,
}

/// A scheme as stored, with the fingerprint an edit form carries to notice a change in between.
pub struct Stored {
    pub scheme: Scheme,
    /// SHA-256 of the stored JSON.
    pub fingerprint: String,
}

/// One scheme as stored (`None`: no such id).
pub async fn get(db: &Db, id: &str) -> Result<Option<Stored>, DbError> {
    let data: Option<String> = sqlx::query_scalar("SELECT data FROM schemes WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    Ok(data.and_then(|data| {
        serde_json::from_str(&data).ok().map(|scheme| Stored {
            scheme,
            fingerprint: digest(&data),
        })
    }))
}

fn to_json(scheme: &Scheme) -> Result<String, DbError> {
    serde_json::to_string(scheme).map_err(|e| DbError::Internal(e.to_string()))
}

fn code_of<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Stores a coordinator's change to one scheme (already checked), with its revision, its audit
/// entry and the new catalogue version, in one transaction. An edit or retirement applies only
/// to the scheme as the form saw it (`based_on`, its fingerprint).
pub async fn save(
    db: &Db,
    scheme: &Scheme,
    change: Change,
    based_on: &str,
    actor: i64,
) -> Result<Saved, DbError> {
    let mut tx = db.begin_write().await?;
    let current: Option<String> = sqlx::query_scalar("SELECT data FROM schemes WHERE id = $1")
        .bind(&scheme.id)
        .fetch_optional(&mut *tx)
        .await?;
    let data = to_json(scheme)?;
    let at = now();
    let changed = match (change, current) {
        (Change::Created, Some(_)) => return Ok(Saved::IdTaken),
        (Change::Edited | Change::Retired, None) => return Ok(Saved::Missing),
        (Change::Created, None) => {
            let position: i64 =
                sqlx::query_scalar("SELECT COALESCE(MAX(position), -1) + 1 FROM schemes")
                    .fetch_one(&mut *tx)
                    .await?;
            sqlx::query(
                "INSERT INTO schemes (id, position, name, audience, status, data, updated_at, \
                 edited_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)",
            )
            .bind(&scheme.id)
            .bind(position)
            .bind(&scheme.name)
            .bind(code_of(&scheme.audience))
            .bind(code_of(&scheme.status))
            .bind(&data)
            .bind(at)
            .execute(&mut *tx)
            .await?;
            vec!["id"]
        }
        (Change::Edited | Change::Retired, Some(current)) => {
            if digest(&current) != based_on {
                return Ok(Saved::Conflict);
            }
            let before: Scheme =
                serde_json::from_str(&current).map_err(|e| DbError::Internal(e.to_string()))?;
            let changed = changed_fields(&before, scheme);
            if changed.is_empty() {
                return Ok(Saved::Done(changed));
            }
            sqlx::query(
                "UPDATE schemes SET name = $1, audience = $2, status = $3, data = $4, \
                 updated_at = $5, edited_at = $5 WHERE id = $6",
            )
            .bind(&scheme.name)
            .bind(code_of(&scheme.audience))
            .bind(code_of(&scheme.status))
            .bind(&data)
            .bind(at)
            .bind(&scheme.id)
            .execute(&mut *tx)
            .await?;
            changed
        }
    };
    let revision = record_revision(
        &mut tx,
        &scheme.id,
        change.code(),
        &changed,
        &data,
        Some(actor),
        at,
    )
    .await?;
    audit::record(
        &mut tx,
        Some(actor),
        &format!("scheme_{}", change.code()),
        Target::SchemeRevision(revision),
        None,
    )
    .await?;
    bump(&mut tx).await?;
    tx.commit().await?;
    Ok(Saved::Done(changed))
}

async fn record_revision(
    conn: &mut sqlx::AnyConnection,
    scheme_id: &str,
    action: &str,
    changed: &[&str],
    data: &str,
    actor: Option<i64>,
    at: i64,
) -> Result<i64, DbError> {
    Ok(sqlx::query_scalar(
        "INSERT INTO scheme_revisions (scheme_id, action, changed, data, actor_user_id, at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(scheme_id)
    .bind(action)
    .bind(changed.join(","))
    .bind(data)
    .bind(actor)
    .bind(at)
    .fetch_one(conn)
    .await?)
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Imported {
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
    /// Schemes in the catalogue the file did not hold: kept as they are (an import never
    /// deletes; retire a scheme instead).
    pub kept: usize,
}

/// Imports a whole catalogue (already checked) in one transaction: new schemes are added,
/// changed ones updated (each with a revision), the order follows the file. Nothing is
/// applied unless all of it is.
pub async fn import(db: &Db, schemes: &[Scheme], actor: Option<i64>) -> Result<Imported, DbError> {
    let mut tx = db.begin_write().await?;
    let at = now();
    let existing: Vec<(String, String)> =
        sqlx::query("SELECT id, data FROM schemes ORDER BY position, id")
            .fetch_all(&mut *tx)
            .await?
            .into_iter()
            .map(|row| Ok((row.try_get(0)?, row.try_get(1)?)))
            .collect::<Result<_, sqlx::Error>>()?;
    let mut report = Imported::default();
    for (position, scheme) in schemes.iter().enumerate() {
        let data = to_json(scheme)?;
        let before = existing.iter().find(|(id, _)| *id == scheme.id);
        let changed = match before {
            None => vec!["id"],
            Some((_, old)) => match serde_json::from_str::<Scheme>(old) {
                Ok(old) => changed_fields(&old, scheme),
                Err(_) => vec!["data"],
            },
        };
        match (before, changed.is_empty()) {
            (None, _) => report.added += 1,
            (Some(_), true) => report.unchanged += 1,
            (Some(_), false) => report.changed += 1,
        }
        sqlx::query(
            "INSERT INTO schemes (id, position, name, audience, status, data, updated_at, \
             edited_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) \
             ON CONFLICT (id) DO UPDATE SET position = excluded.position, name = excluded.name, \
             audience = excluded.audience, status = excluded.status, data = excluded.data, \
             updated_at = CASE WHEN schemes.data = excluded.data THEN schemes.updated_at \
             ELSE excluded.updated_at END, \
             edited_at = CASE WHEN schemes.data = excluded.data THEN schemes.edited_at \
             ELSE excluded.edited_at END",
        )
        .bind(&scheme.id)
        .bind(position as i64)
        .bind(&scheme.name)
        .bind(code_of(&scheme.audience))
        .bind(code_of(&scheme.status))
        .bind(&data)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        if !changed.is_empty() {
            let revision =
                record_revision(&mut tx, &scheme.id, "imported", &changed, &data, actor, at)
                    .await?;
            audit::record(
                &mut tx,
                actor,
                "scheme_imported",
                Target::SchemeRevision(revision),
                None,
            )
            .await?;
        }
    }
    // The schemes the file did not hold go after the file's, in their old order.
    let kept: Vec<&String> = existing
        .iter()
        .map(|(id, _)| id)
        .filter(|id| !schemes.iter().any(|s| s.id == **id))
        .collect();
    report.kept = kept.len();
    for (offset, id) in kept.into_iter().enumerate() {
        sqlx::query("UPDATE schemes SET position = $1 WHERE id = $2")
            .bind((schemes.len() + offset) as i64)
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    bump(&mut tx).await?;
    tx.commit().await?;
    Ok(report)
}

/// One change of a scheme, for its history.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Revision {
    pub action: String,
    pub changed: String,
    pub at: i64,
    /// The e-mail address of who changed it (coordinators see each other's work).
    pub by: Option<String>,
}

/// Every scheme as stored, in catalogue order, with when it last changed and whether that was
/// in the portal.
pub async fn admin_list(db: &Db) -> Result<Vec<(Stored, i64, bool)>, DbError> {
    let rows = sqlx::query("SELECT data, updated_at, edited_at FROM schemes ORDER BY position, id")
        .fetch_all(db.pool())
        .await?;
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let data: String = row.try_get(0)?;
        if let Ok(scheme) = serde_json::from_str::<Scheme>(&data) {
            out.push((
                Stored {
                    scheme,
                    fingerprint: digest(&data),
                },
                row.try_get(1)?,
                row.try_get::<Option<i64>, _>(2)?.is_some(),
            ));
        }
    }
    Ok(out)
}

/// Every change of one scheme, newest first, with its scheme's id.
pub async fn revisions_of(db: &Db, id: &str) -> Result<Vec<(String, Revision)>, DbError> {
    let rows = sqlx::query(
        "SELECT r.scheme_id, r.action, r.changed, r.at, u.email FROM scheme_revisions r \
         LEFT JOIN users u ON u.id = r.actor_user_id WHERE r.scheme_id = $1 ORDER BY r.id DESC",
    )
    .bind(id)
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok((
                row.try_get(0)?,
                Revision {
                    action: row.try_get(1)?,
                    changed: row.try_get(2)?,
                    at: row.try_get(3)?,
                    by: row.try_get(4)?,
                },
            ))
        })
        .collect::<Result<_, sqlx::Error>>()
        .map_err(DbError::from)
}
