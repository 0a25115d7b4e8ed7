using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Paragon.Mcp;

// Paragon__ProjectId, Paragon__SigningKey, Paragon__ActionKitBaseUrl, … and Paragon__Mcp__UserId from the environment.
HostApplicationBuilder builder = Host.CreateApplicationBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddParagon(builder.Configuration.GetSection("Paragon"));
builder.Services.AddMcpServer().WithStdioServerTransport().WithParagonTools();
await builder.Build().RunAsync().ConfigureAwait(false);
