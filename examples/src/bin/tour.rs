//! The main tour of sportello, on the embedded defaults: `cargo run -p sportello-examples --bin tour`.
//!
//! Each chapter shows one capability with real figures and prints readable output.
#![allow(missing_docs)]

#[path = "../chapters/mod.rs"]
mod chapters;

fn main() {
    println!(
        "sportello {} — the online one-stop counter of the Chambers of Commerce\n",
        env!("CARGO_PKG_VERSION")
    );
    chapters::money::run();
    chapters::identifiers::run();
    chapters::calendar::run();
    chapters::chambers::run();
    chapters::identity::run();
    chapters::catalog::run();
    chapters::fees::run();
    chapters::payments::run();
    chapters::dossier::run();
    chapters::dossier_payments::run();
    chapters::allocation::run();
    chapters::satisfaction::run();
}
