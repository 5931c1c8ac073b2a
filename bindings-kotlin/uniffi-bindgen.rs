//! The UniFFI binding generator, pinned to the same `uniffi` as the library:
//! `cargo run -p sportello-ffi --bin uniffi-bindgen -- generate <libsportello_ffi.so> --language kotlin --out-dir <dir>`.
fn main() {
    uniffi::uniffi_bindgen_main()
}
