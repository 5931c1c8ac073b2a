//! Chapter: identity (to be written).

pub fn run() {}
