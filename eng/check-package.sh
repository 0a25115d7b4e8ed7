#!/usr/bin/env bash
# The test of the Paragon.Typed package, as a customer meets it:
#  1. `dotnet pack` at the repository root gives exactly Paragon.Typed, Paragon.Typed.Mcp (its tools on an MCP server)
#     and Paragon.Typed.Testing (the local proxy, for users' integration tests), each with its .snupkg, nothing else;
#  2. the package holds the runtime (lib/netstandard2.0, lib/net8.0), the generator and every DLL it loads in
#     analyzers/dotnet/roslyn4.14/cs, the props/targets that add specs/**, the README, and no test or sample assembly;
#  3. a brand-new console project (dotnet new console, outside the repository) referencing ONLY Paragon.Typed:
#     - with a compiler API older than Roslyn 4.14 the build stops with PARAGON016;
#     - with the curated Slack spec asked for by name and cut to two tags (<ParagonIntegration Include="slack"
#       IncludeTags="chat;conversations" />, as the README writes it) it builds (CS8785/CS8784/CS9057 are errors: a
#       generator that fails to load is otherwise only a warning) and calls Slack through a local Paragon-compatible
#       proxy (eng/LocalProxyHost, built outside the repository for net8.0 against the Paragon.Typed.Testing package, so
#       that its net8.0 build is the one that serves, and run in the background): a post, a paged channel list (the second tag), and a post that Slack refuses with HTTP 200 and
#       ok: false, which must surface as ParagonApiException; a fake channel from SlackModelFactory reads back;
#     - after adding a second curated integration (googleCalendar), code that uses its client compiles and runs;
#  4. the README's layout for big specs, built from its commands and items as written there: an app that calls Slack
#     through a class library holding the clients; after an edit to the app's Program.cs, the rebuild skips the library's
#     CoreCompile (no generator run, no recompile of the generated code) and compiles only the app.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
version="0.1.0-check.$(date +%s)"
proxy_pid=""
cleanup() {
  if [ -n "$proxy_pid" ]; then kill "$proxy_pid" 2>/dev/null || true; wait "$proxy_pid" 2>/dev/null || true; fi
  rm -rf "$work" "${NUGET_PACKAGES:-$HOME/.nuget/packages}/paragon.typed/$version" "${NUGET_PACKAGES:-$HOME/.nuget/packages}/paragon.typed.testing/$version"
}
trap cleanup EXIT
fail() { echo "package check: $*" >&2; exit 1; }
step() { echo "package check: $* ($(( $(date +%s) - started ))s)"; }
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1
started=$(date +%s)

step "packing the repository root"
# 1. The root pack.
dotnet pack "$root" -c Release -o "$work/packages" -p:Version="$version" --nologo -v q
produced=$(cd "$work/packages" && ls | sort | tr '\n' ' ')
expected="Paragon.Typed.$version.nupkg Paragon.Typed.$version.snupkg Paragon.Typed.Mcp.$version.nupkg Paragon.Typed.Mcp.$version.snupkg Paragon.Typed.Testing.$version.nupkg Paragon.Typed.Testing.$version.snupkg "
[ "$produced" = "$expected" ] || fail "dotnet pack at the root must give only Paragon.Typed, Paragon.Typed.Mcp and Paragon.Typed.Testing (.nupkg and .snupkg), gave: $produced"

step "checking the package"
# 2. The package's contents.
package="$work/packages/Paragon.Typed.$version.nupkg"
listing=$(unzip -Z1 "$package")
for entry in lib/netstandard2.0/Paragon.Runtime.dll lib/netstandard2.0/Paragon.Runtime.xml \
             lib/net8.0/Paragon.Runtime.dll lib/net8.0/Paragon.Runtime.xml \
             analyzers/dotnet/roslyn4.14/cs/Paragon.Generator.dll analyzers/dotnet/roslyn4.14/cs/Microsoft.OpenApi.dll \
             analyzers/dotnet/roslyn4.14/cs/Microsoft.OpenApi.YamlReader.dll analyzers/dotnet/roslyn4.14/cs/SharpYaml.dll \
             buildTransitive/Paragon.Typed.props buildTransitive/Paragon.Typed.targets \
             build/Paragon.Typed.props build/Paragon.Typed.targets README.md \
             specs/slack.yaml specs/googleCalendar.yaml specs/salesforce.yaml specs/hubspot.yaml specs/notion.yaml; do
  grep -qx "$entry" <<<"$listing" || fail "the package lacks $entry"
done
if grep -E '\.dll$' <<<"$listing" | grep -vE '^(lib/(netstandard2\.0|net8\.0)/Paragon\.Runtime|analyzers/dotnet/roslyn4\.14/cs/(Paragon\.Generator|Microsoft\.OpenApi|Microsoft\.OpenApi\.YamlReader|SharpYaml))\.dll$'; then
  fail "the package holds assemblies it must not (above): only the runtime and the generator with what it loads"
fi
nuspec=$(unzip -p "$package" Paragon.Typed.nuspec)
grep -q 'Paragon.Generator' <<<"$nuspec" && fail "the package must not depend on the generator project (it is bundled)"
for field in '<license type="expression">MIT</license>' '<readme>README.md</readme>' '<repository type="git"' '<tags>'; do
  grep -qF "$field" <<<"$nuspec" || fail "the nuspec lacks $field"
done

grep -q 'ModelContextProtocol' <<<"$nuspec" && fail "Paragon.Typed must not depend on the MCP SDK (Paragon.Typed.Mcp does)"

# The MCP package: Paragon.Mcp for net8.0, depending on Paragon.Typed (this version) and the MCP SDK, nothing bundled.
mcp="$work/packages/Paragon.Typed.Mcp.$version.nupkg"
mcp_listing=$(unzip -Z1 "$mcp")
for entry in lib/net8.0/Paragon.Mcp.dll lib/net8.0/Paragon.Mcp.xml README.md; do
  grep -qx "$entry" <<<"$mcp_listing" || fail "the MCP package lacks $entry"
done
if grep -E '\.dll$' <<<"$mcp_listing" | grep -vE '^lib/net8\.0/Paragon\.Mcp\.dll$'; then
  fail "the MCP package holds assemblies it must not (above): only Paragon.Mcp"
fi
mcp_nuspec=$(unzip -p "$mcp" Paragon.Typed.Mcp.nuspec)
grep -qF "<dependency id=\"Paragon.Typed\" version=\"$version\"" <<<"$mcp_nuspec" || fail "the MCP package must depend on Paragon.Typed $version"
grep -qF '<dependency id="ModelContextProtocol.AspNetCore"' <<<"$mcp_nuspec" || fail "the MCP package must depend on ModelContextProtocol.AspNetCore"

# The testing package: the local proxy alone, assembly Paragon.Testing for net8.0 and net10.0 (ASP.NET Core's shared
# framework, no dependency on Paragon.Typed).
testing="$work/packages/Paragon.Typed.Testing.$version.nupkg"
testing_listing=$(unzip -Z1 "$testing")
for entry in lib/net8.0/Paragon.Testing.dll lib/net8.0/Paragon.Testing.xml lib/net10.0/Paragon.Testing.dll lib/net10.0/Paragon.Testing.xml README.md; do
  grep -qx "$entry" <<<"$testing_listing" || fail "the testing package lacks $entry"
done
if grep -E '\.dll$' <<<"$testing_listing" | grep -vE '^lib/net(8|10)\.0/Paragon\.Testing\.dll$'; then
  fail "the testing package holds assemblies it must not (above): only Paragon.Testing"
fi
testing_nuspec=$(unzip -p "$testing" Paragon.Typed.Testing.nuspec)
grep -q 'frameworkReference name="Microsoft.AspNetCore.App"' <<<"$testing_nuspec" || fail "the testing package must name ASP.NET Core's shared framework"

cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <!-- Added to the machine's own sources, which serve everything else. -->
    <add key="paragon-local" value="$work/packages" />
  </packageSources>
</configuration>
XML

step "building the local proxy (from Paragon.Typed.Testing) and the consumer"
# The local proxy the consumer calls, built outside the repository from the testing package as a user's test project on
# the .NET 8 LTS would take it, and run in the background until this script exits. RollForward: a machine with only a
# newer runtime still runs it (the package's net8.0 assembly, on that runtime).
mkdir -p "$work/proxyhost-src"
cp "$root/eng/LocalProxyHost/Program.cs" "$work/proxyhost-src/"
cat > "$work/proxyhost-src/LocalProxyHost.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net8.0</TargetFramework>
    <RollForward>Major</RollForward>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="Paragon.Typed.Testing" Version="$version" />
  </ItemGroup>
</Project>
XML
dotnet build "$work/proxyhost-src" -c Release -o "$work/proxyhost" --nologo -v q
mkdir -p "$work/proxy"
dotnet "$work/proxyhost/LocalProxyHost.dll" "$work/proxy" >"$work/proxy.log" 2>&1 &
proxy_pid=$!

# 3. A brand-new customer project that references only Paragon.Typed.
consumer="$work/consumer"
dotnet new console -o "$consumer" -n Consumer --framework net10.0 >/dev/null
sed -i 's#<PropertyGroup>#<PropertyGroup>\n    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>\n    <WarningsAsErrors>$(WarningsAsErrors);CS8785;CS8784;CS9057</WarningsAsErrors>#' "$consumer/Consumer.csproj"
dotnet add "$consumer" package Paragon.Typed --version "$version" >/dev/null
grep -c '<PackageReference' "$consumer/Consumer.csproj" | grep -qx 1 || fail "the consumer must reference only Paragon.Typed"
# The curated Slack spec from the package, by name, cut to two tags with MSBuild's own list separator.
sed -i 's#</Project>#  <ItemGroup>\n    <ParagonIntegration Include="slack" IncludeTags="chat;conversations" />\n  </ItemGroup>\n</Project>#' "$consumer/Consumer.csproj"

cat > "$consumer/Program.cs" <<'CS'
using Paragon;
using Paragon.Integrations.Slack;

string proxy = args[0];
using var paragon = new ParagonClient(new ParagonClientOptions
{
    ProjectId = File.ReadAllText(Path.Combine(proxy, "project-id")),
    SigningKey = File.ReadAllText(Path.Combine(proxy, "signing-key.pem")),
    ProxyBaseUrl = new Uri(File.ReadAllText(Path.Combine(proxy, "proxy-url"))),
});
ParagonUserClient user = paragon.ForUser("package-check");
ChatPostMessageResponse posted = await user.Slack.ChatPostMessageAsync(new ChatPostMessageRequest { Channel = "C0001", Text = "from the package" });
if (posted.Ok is not true)
{
    Console.Error.WriteLine("Slack call through the package failed");
    return 1;
}
Console.WriteLine($"consumer: Slack ChatPostMessageAsync ok={posted.Ok} ts={posted.Ts}");

// The second tag's operations were generated too, with their paged form.
int channels = 0;
await foreach (Conversation channel in user.Slack.ConversationsListPagedAsync(limit: 2))
{
    channels++;
}
Console.WriteLine($"consumer: Slack ConversationsListPagedAsync -> {channels} channel(s)");

// Slack refuses with HTTP 200 and ok: false; a typed call must not hand that back as a success.
try
{
    await user.Slack.ChatPostMessageAsync(new ChatPostMessageRequest { Channel = "C_MISSING", Text = "nobody reads this" });
    Console.Error.WriteLine("a post to a missing channel returned as a success");
    return 1;
}
catch (ParagonApiException e) when (e.StatusCode == System.Net.HttpStatusCode.OK && e.ErrorCode == "channel_not_found")
{
    Console.WriteLine($"consumer: Slack ok:false -> ParagonApiException {e.ErrorCode} ({e.ErrorSource})");
}

// A model factory: a fake channel with only the field the test cares about, which reads back under the strict read.
Conversation fake = SlackModelFactory.Conversation(name: "general");
string json = System.Text.Json.JsonSerializer.Serialize(fake, SlackJsonContext.Default.Conversation);
Conversation back = System.Text.Json.JsonSerializer.Deserialize(json, SlackJsonContext.Default.Conversation)!;
if (back.Name != "general")
{
    Console.Error.WriteLine($"the model factory's channel did not read back: {json}");
    return 1;
}
Console.WriteLine($"consumer: SlackModelFactory.Conversation -> {json.Length} bytes of JSON that read back");
return Second.Run(user);
CS
echo 'static class Second { public static int Run(Paragon.ParagonUserClient user) => 0; }' > "$consumer/Second.cs"

step "building with an old compiler API"
# An old compiler: PARAGON016 instead of a build that silently generates nothing.
if old=$(dotnet build "$consumer" -p:CompilerApiVersion=roslyn4.8 --nologo 2>&1); then
  fail "a build with CompilerApiVersion=roslyn4.8 succeeded; PARAGON016 expected"
fi
grep -q 'error PARAGON016: Paragon.Typed.s source generator needs the Roslyn 4.14 compiler' <<<"$old" \
  || { echo "$old" >&2; fail "a build with CompilerApiVersion=roslyn4.8 failed without PARAGON016"; }

for _ in $(seq 1 300); do [ -f "$work/proxy/ready" ] && break; kill -0 "$proxy_pid" 2>/dev/null || break; sleep 0.2; done
[ -f "$work/proxy/ready" ] || { cat "$work/proxy.log" >&2; fail "the local proxy did not start"; }

step "building and running the consumer (slack)"
dotnet build "$consumer" --nologo -v q
dotnet run --project "$consumer" --no-build -- "$work/proxy"

step "adding a second curated integration"
# A second curated integration, by name in another case: its client appears (code that uses it compiles) and works.
sed -i 's#    <ParagonIntegration Include="slack"#    <ParagonIntegration Include="GoogleCalendar" />\n    <ParagonIntegration Include="slack"#' "$consumer/Consumer.csproj"
cat > "$consumer/Second.cs" <<'CS'
using Paragon;
using Paragon.Integrations.GoogleCalendar;

static class Second
{
    public static int Run(Paragon.ParagonUserClient user)
    {
        Events events = user.GoogleCalendar.EventsListAsync("primary", singleEvents: true, maxResults: 10).GetAwaiter().GetResult();
        Console.WriteLine($"consumer: GoogleCalendar EventsListAsync -> {events.Items?.Count ?? 0} event(s), client {typeof(GoogleCalendarClient).FullName}");
        return 0;
    }
}
CS
dotnet build "$consumer" --nologo -v q
out=$(dotnet run --project "$consumer" --no-build -- "$work/proxy")
echo "$out"
grep -q 'consumer: GoogleCalendar EventsListAsync' <<<"$out" || fail "the second curated integration's client did not run"
step "building the README's two-project layout (Big specs)"
# 4. The README's recipe for big specs, as written there (with the version packed here): the clients in a class library
#    the app references. Then an edit-rebuild of the app: the library's CoreCompile must be skipped (so the generator did
#    not run for it and its code was not compiled again) and only the app compiled.
readme_block() { # n: the n-th fenced block after the README's recipe marker
  awk -v n="$1" 'index($0, "<!-- eng/check-package.sh builds the next two blocks") { found = 1; next }
    found && /^```/ { if (inside) { inside = 0; if (++count == n) exit } else inside = 1; next }
    found && inside && count == n - 1 { print }' "$root/README.md"
}
recipe="$work/recipe"
mkdir -p "$recipe"
commands=$(readme_block 1)
items=$(readme_block 2)
grep -q '^dotnet new classlib' <<<"$commands" && grep -q '<ParagonIntegration' <<<"$items" || fail "the README's recipe for big specs was not found"
dotnet new console -o "$recipe/MyApp" --framework net10.0 >/dev/null
sed -i 's#<PropertyGroup>#<PropertyGroup>\n    <TreatWarningsAsErrors>true</TreatWarningsAsErrors>\n    <WarningsAsErrors>$(WarningsAsErrors);CS8785;CS8784;CS9057</WarningsAsErrors>#' "$recipe/MyApp/MyApp.csproj"
(cd "$recipe" && sed "s/package Paragon.Typed\$/package Paragon.Typed --version $version/" <<<"$commands" | bash -e >/dev/null) || fail "the README's commands for big specs failed"
# The README's items go into the library's project file.
awk -v items="$items" '/<\/Project>/ { print items } { print }' "$recipe/MyApp.Integrations/MyApp.Integrations.csproj" > "$recipe/lib.csproj"
mv "$recipe/lib.csproj" "$recipe/MyApp.Integrations/MyApp.Integrations.csproj"
grep -q '<PackageReference' "$recipe/MyApp/MyApp.csproj" && fail "the app must get Paragon.Typed through the library only"
cat > "$recipe/MyApp/Program.cs" <<'CS'
using Paragon;
using Paragon.Integrations.Slack;

const int Edit = 1;
string proxy = args[0];
using var paragon = new ParagonClient(new ParagonClientOptions
{
    ProjectId = File.ReadAllText(Path.Combine(proxy, "project-id")),
    SigningKey = File.ReadAllText(Path.Combine(proxy, "signing-key.pem")),
    ProxyBaseUrl = new Uri(File.ReadAllText(Path.Combine(proxy, "proxy-url"))),
});
ChatPostMessageResponse posted = await paragon.ForUser("package-check").Slack.ChatPostMessageAsync(new ChatPostMessageRequest { Channel = "C0001", Text = "from the library" });
Console.WriteLine($"recipe: Slack ChatPostMessageAsync from MyApp through MyApp.Integrations ok={posted.Ok}, edit {Edit}");
return posted.Ok is true ? 0 : 1;
CS
dotnet build "$recipe/MyApp" --nologo -v q
dotnet run --project "$recipe/MyApp" --no-build -- "$work/proxy"
library_dll="$recipe/MyApp.Integrations/obj/Debug/net10.0/MyApp.Integrations.dll"
app_dll="$recipe/MyApp/obj/Debug/net10.0/MyApp.dll"
library_before=$(stat -c %Y.%N "$library_dll"); app_before=$(stat -c %Y.%N "$app_dll")
sed -i 's/^const int Edit = 1;/const int Edit = 2;/' "$recipe/MyApp/Program.cs"
dotnet build "$recipe/MyApp" --no-restore --nologo -v:n > "$recipe/edit-rebuild.log" 2>&1 || { cat "$recipe/edit-rebuild.log" >&2; fail "the edit-rebuild of the app failed"; }
log="$recipe/edit-rebuild.log"
compiles=$(grep -E 'csc(\.dll|\.exe)? .*/out:' "$log" || true)
[ "$(grep -c 'Skipping target "CoreCompile" because all output files are up-to-date' "$log")" = 1 ] \
  || fail "an edit in the app must skip the library's CoreCompile (see $log)"
grep -q '/out:obj/Debug/net10.0/MyApp.Integrations.dll' <<<"$compiles" && fail "an edit in the app compiled the library again (and ran the generator for it)"
[ "$(grep -c '/out:obj/Debug/net10.0/MyApp.dll' <<<"$compiles")" = 1 ] || fail "the edit-rebuild did not compile the app"
[ "$(stat -c %Y.%N "$library_dll")" = "$library_before" ] || fail "an edit in the app rewrote the library's assembly"
[ "$(stat -c %Y.%N "$app_dll")" != "$app_before" ] || fail "the edit-rebuild did not rewrite the app's assembly"
# The package reaches the app through the reference with its generator (the README says so): it finds no spec there.
grep '/out:obj/Debug/net10.0/MyApp.dll' <<<"$compiles" | grep -q 'analyzers/dotnet/roslyn4.14/cs/Paragon.Generator.dll' \
  || fail "the generator no longer reaches the app through the library's reference: update the README's recipe"
out=$(dotnet run --project "$recipe/MyApp" --no-build -- "$work/proxy")
echo "$out"
grep -q 'ok=True, edit 2' <<<"$out" || fail "the rebuilt app did not run with the edit"

echo "package check: OK in $(( $(date +%s) - started ))s (Paragon.Typed $version)"
