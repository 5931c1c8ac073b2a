#!/usr/bin/env bash
# Runs every test of sportello: Rust (unit, doc, proptest), Python (pytest, mypy and stubtest on the
# stubs), Kotlin (JUnit 5 through Maven). Needs only the toolchains: Python packages go into .venv,
# Maven fetches what the pom declares.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

section() { printf '\n==== %s ====\n' "$1"; }

section "Rust: format and lints"
cargo fmt --all -- --check
cargo clippy -q --workspace --all-targets -- -D warnings

section "Rust: core, examples, benches (as tests), Kotlin FFI crate"
cargo test --workspace --exclude sportello-python
cargo run -q -p sportello-examples --bin tour > /dev/null

section "Python: build the extension into .venv and run pytest"
if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r bindings-python/requirements-dev.txt
VIRTUAL_ENV="$ROOT/.venv" PATH="$ROOT/.venv/bin:$PATH" \
    .venv/bin/maturin develop -q -m bindings-python/Cargo.toml
.venv/bin/python -m pytest -q bindings-python/tests
(cd bindings-python && "$ROOT/.venv/bin/python" -m mypy --strict python/sportello tests)
# The stubs against the compiled module: names, parameters, defaults, @final (allowlist commented).
(cd bindings-python && "$ROOT/.venv/bin/python" -m mypy.stubtest sportello --allowlist stubtest-allowlist.txt)

section "Kotlin: cargo build + uniffi-bindgen + JUnit 5 through Maven"
mvn -B -ntp -f bindings-kotlin/kotlin/pom.xml test
