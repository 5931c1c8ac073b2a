//! Chapter: identifiers (to be written).

pub fn run() {}
