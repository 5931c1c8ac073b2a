//! Chapter: payments (to be written).

pub fn run() {}
