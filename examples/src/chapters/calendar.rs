//! Chapter: calendar (to be written).

pub fn run() {}
