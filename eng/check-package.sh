#!/usr/bin/env bash
# Packs Paragon.Typed.Runtime and Paragon.Typed.Generator, checks that the generator package bundles every DLL the
# generator loads (analyzers/dotnet/cs) and the props that add specs/**, then builds and runs a customer project that
# takes both from the packages. A missing DLL would only be warning CS8785 and no code: the consumer makes it an error.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
version="0.1.0-check.$(date +%s)"

dotnet pack "$root/src/Paragon.Runtime" -c Release -o "$work/packages" -p:Version="$version" --nologo -v q
dotnet pack "$root/src/Paragon.Generator" -c Release -o "$work/packages" -p:Version="$version" --nologo -v q

package="$work/packages/Paragon.Typed.Generator.$version.nupkg"
listing=$(unzip -l "$package")
for entry in analyzers/dotnet/cs/Paragon.Generator.dll analyzers/dotnet/cs/Microsoft.OpenApi.dll \
             analyzers/dotnet/cs/Microsoft.OpenApi.YamlReader.dll analyzers/dotnet/cs/SharpYaml.dll build/Paragon.Typed.Generator.props; do
  if ! grep -q "$entry" <<<"$listing"; then
    echo "The generator package lacks $entry" >&2
    exit 1
  fi
done
if grep -q "lib/" <<<"$listing"; then
  echo "The generator package must not put the generator in lib/ (it is an analyzer only)" >&2
  exit 1
fi

mkdir -p "$work/consumer/specs"
cp "$root/tests/PackageConsumer/PackageConsumer.csproj" "$root/tests/PackageConsumer/Program.cs" "$work/consumer/"
cp "$root/specs/slack.yaml" "$work/consumer/specs/"
cat > "$work/consumer/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <!-- Added to the machine's own sources, which serve everything else. -->
    <add key="paragon-local" value="$work/packages" />
  </packageSources>
</configuration>
XML

dotnet build "$work/consumer" -p:ParagonVersion="$version" --nologo -v q
dotnet run --project "$work/consumer" --no-build
