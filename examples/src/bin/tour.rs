//! The main tour of sportello, on the embedded defaults: `cargo run -p sportello-examples --bin tour`.
//!
//! Each chapter shows one capability with real figures and prints readable output.
#![allow(missing_docs)]

use sportello::money::{Euro, RoundingMode};

mod chapters {
    pub mod money;
}

fn main() {
    println!("sportello {} — the online one-stop counter of the Chambers of Commerce\n", env!("CARGO_PKG_VERSION"));
    chapters::money::run();
}

#[allow(dead_code)]
fn _uses(_: Euro, _: RoundingMode) {}
