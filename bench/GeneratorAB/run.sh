#!/usr/bin/env bash
# The generator of an earlier commit against this tree's, one whole driver run per build per round, interleaved in one
# process (thread CPU time, allocations). Usage: bash bench/GeneratorAB/run.sh [--before REV] [--rounds N] [SPEC…]
# SPEC: files, or names in ../shared/specs-corpus (default: github-full.json stripe.json).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
before=HEAD~1
rounds=40
specs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --before) before="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) specs+=("$1"); shift ;;
  esac
done
[ ${#specs[@]} -gt 0 ] || specs=(github-full.json stripe.json)

work="$(mktemp -d)"
trap 'git -C "$repo" worktree remove --force "$work/before-tree" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
git -C "$repo" worktree add --detach "$work/before-tree" "$before" >/dev/null
for tree in "$work/before-tree" "$repo"; do
  dotnet build "$tree/src/Paragon.Generator" -c Release -v q -nologo >/dev/null
done
mkdir -p "$work/before" "$work/after"
cp "$work/before-tree/src/Paragon.Generator/bin/Release/netstandard2.0/Paragon.Generator.dll" "$work/before/"
cp "$repo/src/Paragon.Generator/bin/Release/netstandard2.0/Paragon.Generator.dll" "$work/after/"
dotnet build "$here" -c Release -v q -nologo >/dev/null
for spec in "${specs[@]}"; do
  [ -f "$spec" ] || spec="$repo/../shared/specs-corpus/$spec"
  dotnet "$here/bin/Release/net10.0/GeneratorAB.dll" "$rounds" "$spec" "$work/before" "$work/after"
done
