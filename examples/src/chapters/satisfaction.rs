//! Chapter: satisfaction (to be written).

pub fn run() {}
