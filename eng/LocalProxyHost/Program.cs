// Starts the local proxy (src/Paragon.Testing) with a fake Slack and Google Calendar and a throwaway signing key, writes
// what a client needs into the folder given as the argument (proxy-url, project-id, signing-key.pem, then ready last, so
// that a reader who sees ready sees the rest), and serves until killed: at most ten minutes, so that a script that died
// without killing it leaves nothing running for long.
using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using Paragon.Testing;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: LocalProxyHost <folder to write proxy-url, project-id, signing-key.pem and ready into>");
    return 2;
}

string folder = Directory.CreateDirectory(args[0]).FullName;
using LocalSigningKey key = LocalSigningKey.Create();
await using LocalParagonProxy proxy = await LocalParagonProxy.StartAsync(new LocalProxyOptions()
    .TrustKey(key.PublicKeyPem)
    .AddProvider("slack", FakeProviders.Slack())
    .AddProvider("googleCalendar", FakeProviders.GoogleCalendar()));
await File.WriteAllTextAsync(Path.Combine(folder, "proxy-url"), proxy.BaseUrl.ToString());
await File.WriteAllTextAsync(Path.Combine(folder, "project-id"), proxy.ProjectId);
await File.WriteAllTextAsync(Path.Combine(folder, "signing-key.pem"), key.PrivateKeyPem);
await File.WriteAllTextAsync(Path.Combine(folder, "ready"), "");
Console.WriteLine($"local proxy: {proxy.BaseUrl}");

// SIGTERM (the script's kill) ends the wait; without this handler the runtime would wait for Main to return.
using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(10));
using PosixSignalRegistration onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
{
    context.Cancel = true;
    stop.Cancel();
});
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}
return 0;
