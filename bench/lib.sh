# Shared by the bench/ scripts: paths, the Python environment, the build.
# Source it, do not run it.
set -euo pipefail

BENCH="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH/.." && pwd)"
SHARED="${DEPECHE_SHARED:-$ROOT/../shared}"
VENV="$BENCH/.venv"
PY="$VENV/bin/python"
SPACY_VERSION="${SPACY_VERSION:-3.8.7}"
MODEL_VERSION="3.8.0"

[ -d "$SHARED/eval" ] || { echo "bench: $SHARED/eval not found (clone depeche beside ../shared, or set DEPECHE_SHARED)" >&2; exit 2; }

log() { echo "bench: $*" >&2; }

# ensure_venv PACKAGE... : create bench/.venv with spaCy and the named model packages (PyPI names).
ensure_venv() {
    if [ ! -x "$PY" ]; then
        log "creating $VENV"
        python3 -m venv "$VENV"
        "$PY" -m pip install -q --upgrade pip
    fi
    # click: spaCy imports it, but recent typer releases no longer pull it in.
    local want=("spacy==$SPACY_VERSION" click)
    local pkg mod
    for pkg in "$@"; do
        mod="${pkg//-/_}"
        if ! "$PY" -c "import $mod" 2>/dev/null; then want+=("$pkg==$MODEL_VERSION"); fi
    done
    if ! "$PY" -c "import spacy" 2>/dev/null || [ ${#want[@]} -gt 2 ]; then
        log "pip install ${want[*]}"
        "$PY" -m pip install -q "${want[@]}"
    fi
}

# build_depeche : cargo build --release of the `depeche` binary (only the crates
# it needs, so a half-edited crate elsewhere in the workspace does not stop the
# benchmark), sets DEPECHE to the binary.
build_depeche() {
    log "cargo build --release -p depeche"
    (cd "$ROOT" && cargo build --release -q -p depeche)
    DEPECHE="$ROOT/target/release/depeche"
}
