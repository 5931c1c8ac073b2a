//! Chapter: catalog (to be written).

pub fn run() {}
