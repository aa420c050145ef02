//! Work in progress.
#[test]
fn placeholder() {}
