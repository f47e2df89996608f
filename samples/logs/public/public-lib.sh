#!/bin/bash
# Shared helper for the make-<sample>.sh scripts in this folder.
# Each sample here is a byte-for-byte copy (or a leading cut at a message boundary)
# of a file committed to a public GitHub repository. The scripts re-extract it
# with git and check its SHA-256.
#
# Where the repositories come from:
#   MIRROR_BASE=/path   use existing local clones laid out as $MIRROR_BASE/<owner>+<name>/repo
#                       (bare git dirs), (no network traffic)
#   otherwise           `git clone --bare https://github.com/<owner>/<name>` into a temp dir
#                       (this needs network access to github.com).
set -euo pipefail

pub_repo_dir() {   # $1 = owner/name ; prints a git dir
    local slug="$1" d
    if [ -n "${MIRROR_BASE:-}" ]; then
        d="$MIRROR_BASE/${slug/\//+}/repo"
        [ -d "$d/.git" ] && d="$d/.git"
        [ -d "$d" ] || { echo "no mirror for $slug at $d" >&2; return 1; }
        printf '%s\n' "$d"
        return 0
    fi
    : "${PUB_TMP:?PUB_TMP not set}"
    d="$PUB_TMP/${slug/\//+}.git"
    if [ ! -d "$d" ]; then
        timeout 600 git clone --quiet --bare "https://github.com/$slug" "$d" >&2
    fi
    printf '%s\n' "$d"
}

# pub_extract OUTDIR OUTNAME OWNER/NAME COMMIT PATH SHA256 [sed-line-range]
pub_extract() {
    local outdir="$1" outname="$2" slug="$3" commit="$4" path="$5" sha="$6" range="${7:-}"
    local gd tmp
    gd="$(pub_repo_dir "$slug")"
    tmp="$outdir/.$outname.tmp"
    if [ -n "$range" ]; then
        git --git-dir="$gd" show "$commit:$path" | sed -n "${range}p" > "$tmp"
    else
        git --git-dir="$gd" show "$commit:$path" > "$tmp"
    fi
    if ! echo "$sha  $tmp" | sha256sum -c --quiet - ; then
        echo "checksum mismatch for $outname" >&2
        rm -f "$tmp"
        return 1
    fi
    mv "$tmp" "$outdir/$outname"
    echo "wrote $outdir/$outname"
}

pub_main() {   # $1 = outdir ; then a function name to call with the outdir
    local outdir="${1:?usage: $0 OUTPUT_DIR}"
    mkdir -p "$outdir"
    outdir="$(cd "$outdir" && pwd)"
    if [ -z "${MIRROR_BASE:-}" ]; then
        PUB_TMP="$(mktemp -d)"
        trap 'rm -rf "$PUB_TMP"' EXIT
    fi
    "$2" "$outdir"
}
