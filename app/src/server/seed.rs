//! Loads the reference and demo data in `data/` into the database. Idempotent: running it
//! again updates what is there and adds nothing twice.
use crate::domain::region::GEMEENTEN;

use super::{Db, DbError};

#[derive(Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub gemeenten: usize,
    pub schemes: usize,
    /// Demo pledges added to an empty stages board (0 when it had demo data already).
    pub demo_pledges: usize,
    /// Demo vacancies added (0 when open ones were there already).
    pub demo_vacancies: usize,
}

/// Loads the reference data every installation needs (the 22 gemeenten), in one transaction.
/// Runs at every start-up, after the migrations; idempotent.
pub async fn load_reference(db: &Db) -> Result<SeedReport, DbError> {
    let mut tx = db.begin_write().await?;
    for g in GEMEENTEN {
        sqlx::query(
            "INSERT INTO gemeenten (code, name, province) VALUES ($1, $2, $3) \
             ON CONFLICT (code) DO UPDATE SET name = excluded.name, province = excluded.province",
        )
        .bind(g.code)
        .bind(g.name)
        .bind(g.province.as_str())
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(SeedReport {
        gemeenten: GEMEENTEN.len(),
        schemes: 0,
        demo_pledges: 0,
        demo_vacancies: 0,
    })
}
