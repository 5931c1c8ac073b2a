//! Chapter: fees (to be written).

pub fn run() {}
