#!/usr/bin/env bash
# What a spec adds to a customer's `dotnet build`, measured, not asserted.
#
# Builds one consumer project per variant (no spec; slack; stripe; github-full; github-full filtered to two tags) with
# the generator of this work tree, and optionally with the generator of an earlier commit (--before REF), plus Kiota's
# clients (the dotnet tool Microsoft.OpenApi.Kiota 1.38.0) of the specs named by --kiota (default stripe; also
# github-full) compiled in the same run. Every build is a fresh
# compiler (UseSharedCompilation=false), after the restore, with bin/ and obj/Release removed: what CI and a command
# line pay. Prints medians, the time added over the no-spec project, the ratio to Kiota's compile, DLL sizes and the
# generated lines.
#
#   bash bench/ConsumerBuild/run.sh [--runs N] [--warmup] [--before REF] [--only none,stripe,...] [--kiota stripe,github-full | --no-kiota]
#
# Needs ../shared/specs-corpus beside the repository, and the package registry (Kiota is installed as a dotnet tool, its
# client restores Microsoft.Kiota.* 2.1.6). Work files go to $PARAGON_BENCH_DIR (default /tmp/paragon-consumer-build).
# With --runs 2 a "median" is the mean of two; use an odd count where the spread matters.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
CORPUS="${PARAGON_CORPUS:-$ROOT/../shared/specs-corpus}"
WORK="${PARAGON_BENCH_DIR:-/tmp/paragon-consumer-build}"
RUNS=3
WARMUP=0
BEFORE=""
ONLY="none,slack,stripe,github-full,github-2tags"
KIOTA="stripe"
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --warmup) WARMUP=1; shift ;;
    --before) BEFORE="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --kiota) KIOTA="$2"; shift 2 ;;
    --no-kiota) KIOTA=""; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
[ -f "$CORPUS/stripe.json" ] || { echo "no specs corpus at $CORPUS" >&2; exit 2; }
export UseSharedCompilation=false DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
mkdir -p "$WORK"

# The generator (with the DLLs it loads), its build props and the runtime, from a source tree, into $WORK/gen-<name>/.
stage_generator() { # name source-dir
  local name="$1" src="$2" out="$WORK/gen-$1"
  rm -rf "$out"; mkdir -p "$out/analyzer"
  dotnet build "$src/src/Paragon.Generator" -c Release -nologo -v:q >/dev/null
  dotnet build "$src/src/Paragon.Runtime" -c Release -nologo -v:q -f net8.0 >/dev/null
  cp "$src/src/Paragon.Generator/bin/Release/netstandard2.0/Paragon.Generator.dll" "$out/analyzer/"
  dotnet msbuild "$src/src/Paragon.Generator" -p:Configuration=Release -getItem:GeneratorDependency \
    | grep -o '"FullPath": *"[^"]*"' | sed 's/.*"FullPath": *"\(.*\)"/\1/' | while read -r dll; do cp "$dll" "$out/analyzer/"; done
  # The props moved into the Paragon.Typed package (buildTransitive/); an earlier commit (--before) may have the old one.
  local props
  for props in src/Paragon.Runtime/buildTransitive/Paragon.Typed.props src/Paragon.Generator/build/Paragon.Generator.props; do
    if [ -f "$src/$props" ]; then cp "$src/$props" "$out/Paragon.Generator.props"; break; fi
  done
  cp "$src/src/Paragon.Runtime/bin/Release/net8.0/Paragon.Runtime.dll" "$out/"
}

# A consumer project: net10.0 library, the generator as an analyzer, the runtime as a reference, one spec.
make_consumer() { # dir generator-name spec-file extra-metadata
  local dir="$1" gen="$WORK/gen-$2" spec="$3" meta="$4"
  rm -rf "$dir"; mkdir -p "$dir"
  local specs=""
  [ -n "$spec" ] && specs="<AdditionalFiles Include=\"$spec\" ParagonSpec=\"true\" $meta />"
  cat > "$dir/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <Import Project="$gen/Paragon.Generator.props" />
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ParagonSpecsDirectory>none</ParagonSpecsDirectory>
    <WarningsAsErrors>CS8785;CS8784;CS9057</WarningsAsErrors>
    <GenerateDocumentationFile>false</GenerateDocumentationFile>
  </PropertyGroup>
  <ItemGroup>
    <Analyzer Include="$gen/analyzer/*.dll" />
    <Reference Include="$gen/Paragon.Runtime.dll" />
    $specs
  </ItemGroup>
</Project>
XML
  echo 'public static class Consumer { public static int Answer => 42; }' > "$dir/Consumer.cs"
  dotnet restore "$dir" -nologo -v:q >/dev/null
}

make_kiota() { # dir spec-name
  local dir="$1" spec="$2" tools="$WORK/tools"
  if [ ! -x "$tools/kiota" ]; then dotnet tool install Microsoft.OpenApi.Kiota --version 1.38.0 --tool-path "$tools" >/dev/null; fi
  rm -rf "$dir"; mkdir -p "$dir"
  "$tools/kiota" generate -l CSharp -d "$CORPUS/$spec.json" -o "$dir/Client" -c ApiClient -n Kiota.Client --log-level Error >/dev/null
  # Kiota 1.38 names GitHub's compare parameter `base`, a C# keyword, unescaped (CS1001 in two files of github-full's
  # client): escape it, the least change that lets its client compile, so that there is something to compare with.
  # (grep finds nothing in most clients; under pipefail that must not end the script.)
  { grep -rlE '\bstring base\b' "$dir/Client" || true; } | xargs -r sed -i -E \
    -e 's/\bstring base\b/string @base/g' -e 's/nameof\(base\)/nameof(@base)/g' -e 's/IsNullOrEmpty\(base\)/IsNullOrEmpty(@base)/g' \
    -e 's/IsNullOrWhiteSpace\(base\)/IsNullOrWhiteSpace(@base)/g' -e 's/"base", base\)/"base", @base)/g' -e 's/RequestAdapter, base, head\)/RequestAdapter, @base, head)/g'
  cat > "$dir/KiotaClient.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <NoWarn>\$(NoWarn);CS0618;CS0108;CS1591;CS8618;CS8625</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Microsoft.Kiota.Abstractions" Version="2.1.6" />
    <PackageReference Include="Microsoft.Kiota.Http.HttpClientLibrary" Version="2.1.6" />
    <PackageReference Include="Microsoft.Kiota.Serialization.Form" Version="2.1.6" />
    <PackageReference Include="Microsoft.Kiota.Serialization.Json" Version="2.1.6" />
    <PackageReference Include="Microsoft.Kiota.Serialization.Multipart" Version="2.1.6" />
    <PackageReference Include="Microsoft.Kiota.Serialization.Text" Version="2.1.6" />
  </ItemGroup>
</Project>
XML
  dotnet restore "$dir" -nologo -v:q >/dev/null
}

# Seconds of one clean Release build (after the restore).
time_build() { # dir
  rm -rf "$1/bin" "$1/obj/Release"
  local start end
  start=$(date +%s.%N)
  # Every timed build writes the generated files (the same small cost for every project), so that the sizes below come
  # from the last timed build rather than from another one.
  dotnet build "$1" -c Release --no-restore -nologo -v:q -p:TreatWarningsAsErrors=false -p:EmitCompilerGeneratedFiles=true >"$1/build.log" 2>&1 || { cat "$1/build.log" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2] + a[NR/2+1]) / 2}'; }

# Lines and characters the generator wrote, and the DLL's size, from the last timed build.
sizes() { # dir
  local dll; dll=$(find "$1/bin/Release" -path '*net10.0*' \( -name Consumer.dll -o -name KiotaClient.dll \) | head -1)
  local gen="$1/obj/Release/net10.0/generated"
  local files=0 lines=0 chars=0
  # Kiota's client is source in Client/; ours is what the generator wrote under obj/.
  local src="$gen/Paragon.Generator"
  [ -d "$1/Client" ] && src="$1/Client"
  if [ -d "$src" ]; then
    files=$(find "$src" -name '*.cs' | wc -l)
    lines=$(find "$src" -name '*.cs' -exec cat {} + | wc -l)
    chars=$(find "$src" -name '*.cs' -exec cat {} + | wc -c)
  fi
  echo "$(stat -c %s "$dll") $files $lines $chars"
}

GENS="after"
stage_generator after "$ROOT"
if [ -n "$BEFORE" ]; then
  rm -rf "$WORK/before-src"
  # A failed build of the earlier commit must not leave its worktree registered in the repository.
  trap 'git -C "$ROOT" worktree remove --force "$WORK/before-src" 2>/dev/null || true' EXIT
  git -C "$ROOT" worktree add --detach -f "$WORK/before-src" "$BEFORE" >/dev/null
  stage_generator before "$WORK/before-src"
  git -C "$ROOT" worktree remove --force "$WORK/before-src"
  trap - EXIT
  GENS="before after"
fi

declare -A SPEC META
SPEC[none]=""; META[none]=""
SPEC[slack]="$CORPUS/slack.json"; META[slack]=""
SPEC[stripe]="$CORPUS/stripe.json"; META[stripe]=""
SPEC[github-full]="$CORPUS/github-full.json"; META[github-full]=""
SPEC[github-2tags]="$CORPUS/github-full.json"; META[github-2tags]='IncludeTags="issues;pulls"'

declare -A MED SIZE
projects=()
for gen in $GENS; do
  for v in ${ONLY//,/ }; do
    dir="$WORK/consumer-$gen-$v"
    make_consumer "$dir" "$gen" "${SPEC[$v]}" "${META[$v]}"
    projects+=("$gen/$v")
  done
done
for k in ${KIOTA//,/ }; do make_kiota "$WORK/kiota-$k" "$k"; projects+=("kiota/$k"); done

dir_of() { case "$1" in kiota/*) echo "$WORK/kiota-${1#*/}" ;; *) echo "$WORK/consumer-${1%%/*}-${1#*/}" ;; esac; }

# Optionally warm the disk cache and the SDK once; the runs are interleaved so that drift hits every project alike.
if [ "$WARMUP" = 1 ]; then for p in "${projects[@]}"; do time_build "$(dir_of "$p")" >/dev/null; done; fi
declare -A TIMES
for ((r = 1; r <= RUNS; r++)); do
  for p in "${projects[@]}"; do TIMES[$p]+="$(time_build "$(dir_of "$p")") "; done
done
for p in "${projects[@]}"; do
  MED[$p]=$(echo "${TIMES[$p]}" | tr ' ' '\n' | grep . | median)
  SIZE[$p]=$(sizes "$(dir_of "$p")")
done

# What Kiota's client of a spec adds over the no-spec project: the yardstick for our projects of the same spec.
kiota_added() { # spec-name
  if [ -n "${MED[kiota/$1]:-}" ] && [ -n "${MED[after/none]:-}" ]; then echo "${MED[kiota/$1]} - ${MED[after/none]}" | bc -l; fi
}

echo
echo "Consumer builds: median of $RUNS clean Release builds each, in one run ($(date -u +%F), $(nproc) cores)."
echo
printf '| %-20s | %9s | %9s | %12s | %9s | %6s | %9s | %11s |\n' project "build s" "added s" "÷ Kiota" "DLL MB" files lines characters
printf '|%s|%s|%s|%s|%s|%s|%s|%s|\n' ---------------------- ----------: ----------: -------------: ----------: -------: ----------: ------------:
for p in "${projects[@]}"; do
  read -r dll files lines chars <<<"${SIZE[$p]}"
  gen="${p%%/*}"
  added="—"; ratio="—"
  kiota=$(kiota_added "${p#*/}")
  if [ "$gen" != kiota ] && [ -n "${MED[$gen/none]:-}" ]; then
    added=$(printf '%.1f' "$(echo "${MED[$p]} - ${MED[$gen/none]}" | bc -l)")
    [ -n "$kiota" ] && ratio=$(printf '%.2f×' "$(echo "(${MED[$p]} - ${MED[$gen/none]}) / $kiota" | bc -l)")
  elif [ "$gen" = kiota ] && [ -n "$kiota" ]; then
    added=$(printf '%.1f' "$kiota"); ratio="1.00×"
  fi
  printf '| %-20s | %9.1f | %9s | %12s | %9.1f | %6d | %9d | %11d |\n' "$p" "${MED[$p]}" "$added" "$ratio" "$(echo "$dll / 1048576" | bc -l)" "$files" "$lines" "$chars"
done
echo
echo "added = the build's median minus the no-spec project's, with the same generator; ÷ Kiota = added / what Kiota's client of the same spec adds (its build − the no-spec build)."
