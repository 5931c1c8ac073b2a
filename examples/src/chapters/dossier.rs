//! Chapter: dossier (to be written).

pub fn run() {}
