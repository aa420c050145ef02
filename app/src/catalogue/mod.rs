//! The catalogue of schemes (regelingen): the data the scholingscalculator evaluates and the
//! subsidy search will search. Its storage is here (`store`, server only); every request reads
//! the in-memory copy in `AppState::catalogue`, which is loaded at start-up and replaced after
//! every change, so no page waits for the database to compute a result.
#[cfg(feature = "ssr")]
mod store;

#[cfg(feature = "ssr")]
pub use server_side::*;

#[cfg(feature = "ssr")]
mod server_side {
    use std::path::Path;

    use crate::domain::schemes::Catalogue;
    use crate::server::{AppState, Db, DbError};

    use super::store;

    /// Every scheme in the database, in catalogue order, with the places granted so far.
    pub async fn load(db: &Db) -> Result<Catalogue, DbError> {
        store::load(db).await
    }

    /// Reads the catalogue from the database again into the in-memory copy.
    pub async fn reload(state: &AppState) -> Result<(), DbError> {
        state.catalogue.replace(store::load(&state.db).await?);
        Ok(())
    }

    /// Loads the catalogue file (`data/schemes.json`) into the database: schemes are added or
    /// updated, the places granted so far are kept. Returns how many schemes it holds.
    pub async fn seed(db: &Db, file: &Path) -> Result<usize, DbError> {
        let catalogue = store::read_file(file).map_err(DbError::Internal)?;
        store::store(db, &catalogue).await
    }
}
