//! The catalogue's storage (server only). The `schemes` table holds each scheme as JSON
//! (`domain::schemes::Scheme`) with a few columns for queries, plus `capacity_used` (places
//! coordinators granted), which the data file never overwrites.
use std::path::Path;

use crate::domain::schemes::{Catalogue, Scheme};
use crate::server::auth::now;
use crate::server::{Db, DbError};

/// A scheme as stored.
#[derive(sqlx::FromRow)]
struct SchemeRow {
    id: String,
    data: String,
    capacity_used: i64,
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
             updated_at = excluded.updated_at",
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
    tx.commit().await?;
    Ok(catalogue.schemes.len())
}
