//! Loads the reference and demo data in `data/` into the database. Idempotent: running it
//! again updates what is there and adds nothing twice.
use crate::domain::region::RegionData;

use super::{Db, DbError};

/// The region's municipalities, compiled into the binary so `seed` needs no files at run time.
const REGION_JSON: &str = include_str!("../../../data/region.json");

pub fn region() -> RegionData {
    serde_json::from_str(REGION_JSON).expect("data/region.json is valid (checked by a unit test)")
}

#[derive(Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub gemeenten: usize,
}

/// Loads the demo data (and the reference data it stands on) in one transaction.
pub async fn seed(db: &Db) -> Result<SeedReport, DbError> {
    load_reference(db).await
}

/// Loads the reference data every installation needs (the 22 gemeenten), in one transaction.
/// Runs at every start-up, after the migrations; idempotent.
pub async fn load_reference(db: &Db) -> Result<SeedReport, DbError> {
    let region = region();
    let mut tx = db.pool().begin().await?;
    for g in &region.gemeenten {
        sqlx::query(
            "INSERT INTO gemeenten (code, name, province) VALUES ($1, $2, $3) \
             ON CONFLICT (code) DO UPDATE SET name = excluded.name, province = excluded.province",
        )
        .bind(&g.code)
        .bind(&g.name)
        .bind(g.province.as_str())
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(SeedReport {
        gemeenten: region.gemeenten.len(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_has_the_22_gemeenten_of_regio_zwolle() {
        let region = region();
        assert_eq!(region.gemeenten.len(), 22);
        let mut codes: Vec<_> = region.gemeenten.iter().map(|g| g.code.as_str()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), 22, "codes are unique");
        assert!(region.gemeenten.iter().any(|g| g.name == "Zwolle"));
    }
}
