#!/usr/bin/env bash
# What the specs add to an edit-rebuild of a customer's app, measured, not asserted: the inner loop a user feels.
#
# One run builds four variants of the same net10.0 console app, with the generator, props and runtime of this work tree:
#   none      the app with the runtime and no spec;
#   curated   the app with the five curated specs (<ParagonIntegration> for each of specs/*.yaml, which resolves to
#             AdditionalFiles with ParagonSpec="true");
#   kiota     the app with Kiota's clients of the same five specs (the dotnet tool Microsoft.OpenApi.Kiota 1.38.0, its
#             Microsoft.Kiota.* 2.1.6 packages) generated once and compiled in the project;
#   library   the README's layout for big specs: an Integrations class library holds the five specs, the app references
#             it with a ProjectReference.
# The edit is a constant in the app's Program.cs, different on every build so that the app's compile really runs, then
# `dotnet build --no-restore` (Debug, as the inner loop builds), timed. The BUILD SERVER IS ON (the SDK's default:
# VBCSCompiler and MSBuild's nodes stay up between builds), because that is what an edit-rebuild uses. Each variant
# gets a first build and one warm edit-rebuild that are not timed; then the variants are built in turn, round after
# round, so that drift on a busy machine hits them alike. Prints medians, the time added over `none`, the ratios to
# Kiota's, and the lines each variant compiles that the app's author did not write.
#
#   bash bench/EditRebuild/run.sh [--runs N] [--only none,curated,kiota,library] [--report-analyzer] [--generator-cache]
#
#   --report-analyzer  after the timed runs, for `curated` (and `library`), N more edit-rebuilds with
#                      -p:ReportAnalyzer=true -v:d, and the medians of the Paragon generator's time and of the total
#                      analyzer and generator time the compiler reports (`library`: in the app, which has no spec, and
#                      whether the library's compile, and so the generator over the specs, ran at all).
#   --generator-cache  every build gets -p:Features=enable-generator-cache: Roslyn's opt-in cache of generator drivers in
#                      the compiler server (off by default, also in SDK 10). Compare the generator's share with a run
#                      without it.
#
# Needs the package registry (Kiota is installed as a dotnet tool, its client restores Microsoft.Kiota.* 2.1.6). Work
# files go to $PARAGON_BENCH_DIR (default /tmp/paragon-edit-rebuild). With --runs 2 a "median" is the mean of two.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
WORK="${PARAGON_BENCH_DIR:-/tmp/paragon-edit-rebuild}"
RUNS=5
ONLY="none,curated,kiota,library"
REPORT=0
FEATURES=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) RUNS="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    --report-analyzer) REPORT=1; shift ;;
    --generator-cache) FEATURES=(-p:Features=enable-generator-cache); shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The point of this benchmark: the compiler server stays on, as on a user's machine. CI-like environments (and
# bench/ConsumerBuild) turn it and MSBuild's node reuse off through the environment; these builds take the SDK's defaults.
# The servers exit by themselves when idle (VBCSCompiler after 10 minutes).
unset UseSharedCompilation MSBUILDDISABLENODEREUSE
mkdir -p "$WORK"

# The generator (with the DLLs it loads), the runtime, the props/targets as the package lays them out (buildTransitive/
# beside specs/, so that <ParagonIntegration> resolves the curated specs as it does from the package), into $WORK/gen/.
stage_generator() {
  local out="$WORK/gen"
  rm -rf "$out"; mkdir -p "$out/analyzer" "$out/buildTransitive" "$out/specs"
  dotnet build "$ROOT/src/Paragon.Generator" -c Release -nologo -v:q >/dev/null
  dotnet build "$ROOT/src/Paragon.Runtime" -c Release -nologo -v:q -f net8.0 >/dev/null
  cp "$ROOT/src/Paragon.Generator/bin/Release/netstandard2.0/Paragon.Generator.dll" "$out/analyzer/"
  dotnet msbuild "$ROOT/src/Paragon.Generator" -p:Configuration=Release -getItem:GeneratorDependency \
    | grep -o '"FullPath": *"[^"]*"' | sed 's/.*"FullPath": *"\(.*\)"/\1/' | while read -r dll; do cp "$dll" "$out/analyzer/"; done
  cp "$ROOT/src/Paragon.Runtime/buildTransitive/Paragon.Typed.props" "$ROOT/src/Paragon.Runtime/buildTransitive/Paragon.Typed.targets" "$out/buildTransitive/"
  cp "$ROOT/src/Paragon.Runtime/bin/Release/net8.0/Paragon.Runtime.dll" "$out/"
  cp "$ROOT"/specs/*.yaml "$out/specs/"
}

CURATED=()
for spec in "$ROOT"/specs/*.yaml; do CURATED+=("$(basename "$spec" .yaml)"); done
# Kiota's names: slack -> Slack, googleCalendar -> GoogleCalendar.
pascal() { echo "${1^}"; }

# A project: net10.0, the runtime as a reference; with specs, the generator as an analyzer and one <ParagonIntegration>
# per curated spec. $4 is more project XML.
write_project() { # dir name kind(exe|lib) with-specs extra-xml
  local dir="$1" name="$2" kind="$3" specs="$4" extra="${5:-}" gen="$WORK/gen" items="" output=""
  mkdir -p "$dir"
  [ "$kind" = exe ] && output="<OutputType>Exe</OutputType>"
  if [ "$specs" = 1 ]; then
    items="<Analyzer Include=\"$gen/analyzer/*.dll\" />"
    for s in "${CURATED[@]}"; do items+=$'\n    '"<ParagonIntegration Include=\"$s\" />"; done
  fi
  cat > "$dir/$name.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <Import Project="$gen/buildTransitive/Paragon.Typed.props" />
  <PropertyGroup>
    $output
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <ParagonSpecsDirectory>none</ParagonSpecsDirectory>
    <WarningsAsErrors>CS8785;CS8784;CS9057</WarningsAsErrors>
    <NoWarn>\$(NoWarn);CS0618;CS0108;CS1591;CS8618;CS8625</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <Reference Include="$gen/Paragon.Runtime.dll" />
    $items
  </ItemGroup>
  $extra
  <Import Project="$gen/buildTransitive/Paragon.Typed.targets" />
</Project>
XML
}

# The app's Program.cs: one type from what the variant brings (so that the app really binds to it) and the constant the
# edit changes.
write_program() { # dir type
  cat > "$1/Program.cs" <<CS
const int Edit = 0;
Console.WriteLine(\$"{typeof($2).FullName} {Edit}");
CS
}

KIOTA_PACKAGES='<ItemGroup>
    <PackageReference Include="Microsoft.Kiota.Abstractions" Version="2.1.6" />
    <PackageReference Include="Microsoft.Kiota.Http.HttpClientLibrary" Version="2.1.6" />
    <PackageReference Include="Microsoft.Kiota.Serialization.Form" Version="2.1.6" />
    <PackageReference Include="Microsoft.Kiota.Serialization.Json" Version="2.1.6" />
    <PackageReference Include="Microsoft.Kiota.Serialization.Multipart" Version="2.1.6" />
    <PackageReference Include="Microsoft.Kiota.Serialization.Text" Version="2.1.6" />
  </ItemGroup>'

make_variant() { # name
  local v="$1" dir="$WORK/$1"
  rm -rf "$dir"; mkdir -p "$dir"
  case "$v" in
    none)
      write_project "$dir/App" App exe 0
      write_program "$dir/App" "Paragon.ParagonClient" ;;
    curated)
      write_project "$dir/App" App exe 1
      write_program "$dir/App" "Paragon.Integrations.Slack.SlackClient" ;;
    kiota)
      local tools="$WORK/tools" s
      if [ ! -x "$tools/kiota" ]; then dotnet tool install Microsoft.OpenApi.Kiota --version 1.38.0 --tool-path "$tools" >/dev/null; fi
      write_project "$dir/App" App exe 0 "$KIOTA_PACKAGES"
      for s in "${CURATED[@]}"; do
        "$tools/kiota" generate -l CSharp -d "$ROOT/specs/$s.yaml" -o "$dir/App/Client/$(pascal "$s")" -c "$(pascal "$s")Client" \
          -n "Kiota.$(pascal "$s")" --log-level Error >/dev/null
      done
      write_program "$dir/App" "Kiota.Slack.SlackClient" ;;
    library)
      write_project "$dir/Integrations" Integrations lib 1
      # The package reaches the app through the reference with its generator (eng/check-package.sh checks it), which
      # finds no spec there: the app gets it too.
      write_project "$dir/App" App exe 0 "<ItemGroup>
    <ProjectReference Include=\"../Integrations/Integrations.csproj\" />
    <Analyzer Include=\"$WORK/gen/analyzer/*.dll\" />
  </ItemGroup>"
      write_program "$dir/App" "Paragon.Integrations.Slack.SlackClient" ;;
  esac
  dotnet restore "$dir/App" -nologo -v:q >/dev/null
}

EDIT=0
# One edit-rebuild: a new value of the constant, then the build. Prints seconds; the log goes to App/build.log.
edit_build() { # name [more build arguments]
  local dir="$WORK/$1/App"; shift
  EDIT=$((EDIT + 1))
  sed -i "s/^const int Edit = [0-9]*;/const int Edit = $EDIT;/" "$dir/Program.cs"
  local start end
  start=$(date +%s.%N)
  dotnet build "$dir" --no-restore -nologo -v:q "${FEATURES[@]}" "$@" >"$dir/build.log" 2>&1 || { cat "$dir/build.log" >&2; exit 1; }
  end=$(date +%s.%N)
  echo "$end - $start" | bc
}

median() { sort -n | awk '{a[NR]=$1} END {if (NR == 0) print "nan"; else if (NR % 2) print a[(NR+1)/2]; else print (a[NR/2] + a[NR/2+1]) / 2}'; }

# Lines and characters compiled that the app's author did not write: what the generator wrote (one extra build that
# writes it to disk, after the timed runs), or Kiota's source.
sizes() { # name
  local dir="$WORK/$1" src="" files=0 lines=0 chars=0 proj=""
  case "$1" in
    curated) proj="$dir/App" ;;
    library) proj="$dir/Integrations" ;;
    kiota) src="$dir/App/Client" ;;
  esac
  if [ -n "$proj" ]; then
    # --no-incremental: the generated files are written only by a compile, and nothing the compile reads changed.
    dotnet build "$proj" --no-restore --no-incremental -nologo -v:q -p:EmitCompilerGeneratedFiles=true -p:CompilerGeneratedFilesOutputPath="$WORK/generated-$1" >/dev/null
    src="$WORK/generated-$1"
  fi
  if [ -n "$src" ] && [ -d "$src" ]; then
    files=$(find "$src" -name '*.cs' | wc -l)
    lines=$(find "$src" -name '*.cs' -exec cat {} + | wc -l)
    chars=$(find "$src" -name '*.cs' -exec cat {} + | wc -c)
  fi
  echo "$files $lines $chars"
}

stage_generator
VARIANTS=(${ONLY//,/ })
for v in "${VARIANTS[@]}"; do make_variant "$v"; done
# The first build (everything compiles) and one warm edit-rebuild, not timed: the server and its caches are up.
for v in "${VARIANTS[@]}"; do edit_build "$v" >/dev/null; edit_build "$v" >/dev/null; done

declare -A TIMES MED SIZE
for ((r = 1; r <= RUNS; r++)); do
  for v in "${VARIANTS[@]}"; do TIMES[$v]+="$(edit_build "$v") "; done
done
for v in "${VARIANTS[@]}"; do MED[$v]=$(echo "${TIMES[$v]}" | tr ' ' '\n' | grep . | median); done

# The generator's share, from the compiler's own report (csc /reportanalyzer, in the detailed log). Its lines:
#   Total analyzer execution time: 2.512 seconds.
#   Total generator execution time: 0.912 seconds.
#   ...   0.912   100      Paragon.Generator.ParagonGenerator
declare -A GEN ANA RAN
if [ "$REPORT" = 1 ]; then
  for v in curated library; do
    [[ " ${VARIANTS[*]} " == *" $v "* ]] || continue
    gens="" anas="" ran=0
    for ((r = 1; r <= RUNS; r++)); do
      edit_build "$v" -p:ReportAnalyzer=true -v:d >/dev/null
      log="$WORK/$v/App/build.log"
      # Whether the generator ran over the specs: in `library`, the library's compile runs only if it is not skipped.
      if [ "$v" = library ]; then
        grep -q 'Skipping target "CoreCompile" because all output files are up-to-date' "$log" || ran=$((ran + 1))
      elif grep -q 'Paragon.Generator.ParagonGenerator' "$log"; then ran=$((ran + 1)); fi
      g=$(grep -E '^\s+[0-9.]+\s+[0-9<]+\s+Paragon\.Generator\.ParagonGenerator' "$log" | awk '{print $1}' | sort -n | tail -1 || true)
      a=$(grep -oE 'Total (analyzer|generator) execution time: [0-9.]+' "$log" | awk '{s += $NF} END {print s + 0}' || true)
      gens+="${g:-0} "; anas+="$a "
    done
    GEN[$v]=$(echo "$gens" | tr ' ' '\n' | grep . | median)
    ANA[$v]=$(echo "$anas" | tr ' ' '\n' | grep . | median)
    RAN[$v]=$ran
  done
fi

for v in "${VARIANTS[@]}"; do SIZE[$v]=$(sizes "$v"); done

features="off"; [ ${#FEATURES[@]} -gt 0 ] && features="on (-p:Features=enable-generator-cache)"
echo
echo "Edit-rebuilds of an app (one constant in Program.cs changed, dotnet build --no-restore, Debug, build server on):"
echo "median of $RUNS per variant after a first build and one warm edit-rebuild, interleaved, in one run"
echo "($(date -u '+%F %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), generator driver cache $features)."
echo
printf '| %-8s | %9s | %9s | %9s | %6s | %9s | %11s | %s\n' variant "median s" "added s" "÷ kiota" files lines characters "runs s"
printf '|%s|%s|%s|%s|%s|%s|%s|%s\n' ---------- ----------: ----------: ----------: -------: ----------: ------------: ------
kiota_added=""
if [ -n "${MED[kiota]:-}" ] && [ -n "${MED[none]:-}" ]; then kiota_added=$(echo "${MED[kiota]} - ${MED[none]}" | bc -l); fi
for v in "${VARIANTS[@]}"; do
  read -r files lines chars <<<"${SIZE[$v]}"
  added="-"; ratio="-"
  if [ -n "${MED[none]:-}" ] && [ "$v" != none ]; then
    added=$(printf '%.1f' "$(echo "${MED[$v]} - ${MED[none]}" | bc -l)")
    if [ -n "$kiota_added" ]; then ratio=$(printf '%.2f' "$(echo "(${MED[$v]} - ${MED[none]}) / $kiota_added" | bc -l)"); fi
  fi
  printf '| %-8s | %9.1f | %9s | %9s | %6d | %9d | %11d | %s\n' "$v" "${MED[$v]}" "$added" "$ratio" "$files" "$lines" "$chars" "${TIMES[$v]}"
done
echo
echo "added = median − none's median; ÷ kiota = added / kiota's added (curated/kiota and library/kiota are the rows' values)."
echo "lines = the C# compiled that the app's author did not write (the generator's output, or Kiota's Client/ source)."
if [ "$REPORT" = 1 ]; then
  echo
  echo "The generator's share (csc /reportanalyzer, median of $RUNS more edit-rebuilds each):"
  for v in curated library; do
    [ -n "${GEN[$v]:-}" ] || continue
    printf '  %-8s Paragon generator %6.3f s; all analyzers and generators %6.3f s; generator ran over the specs in %d of %d builds\n' \
      "$v" "${GEN[$v]}" "${ANA[$v]}" "${RAN[$v]}" "$RUNS"
  done
fi
