//! Chapter: allocation (to be written).

pub fn run() {}
