//! Chapter: chambers (to be written).

pub fn run() {}
