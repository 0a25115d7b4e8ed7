using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Linq;
using System.Threading.Tasks;
using Paragon.Integrations.Slack;

namespace Paragon.Benchmarks;

/// <summary>
/// Where a call's bytes go, without a profiler: each column of <see cref="CallBenchmarks"/> made many times, with the bytes
/// allocated per call (the proxy runs in another process, so the process's total is the client's) and, from the runtime's
/// own allocation sampling (an event about every 100 KB, naming the type that crossed it), the types that take the most.
/// <c>dotnet run -c Release --project bench/Paragon.Benchmarks -- --alloc [calls] [filter]</c>
/// </summary>
internal static class CallAllocations
{
    public static async Task RunAsync(string[] args)
    {
        int calls = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 20_000;
        string? filter = args.Length > 1 ? args[1] : null;
        var bench = new CallBenchmarks();
        await bench.Setup();
        try
        {
            var columns = new (string Name, Func<Task> Call)[]
            {
                ("post: hand-written, stream (baseline)", () => bench.StreamedPost()),
                ("post: hand-written, stream, Slack's fields", () => bench.StreamedFullPost()),
                ("post: raw RequestAsync<T>", () => bench.RawPost()),
                ("post: raw, Slack's fields", () => bench.RawFullPost()),
                ("post: typed", () => bench.TypedPost()),
                ("post: Refit", () => bench.RefitPost()),
                ("list: hand-written, stream (baseline)", () => bench.StreamedList()),
                ("list: hand-written, stream, Slack's fields", () => bench.StreamedFullList()),
                ("list: raw RequestAsync<T>", () => bench.RawList()),
                ("list: raw, Slack's fields", () => bench.RawFullList()),
                ("list: typed", () => bench.TypedList()),
                ("list: Refit", () => bench.RefitList()),
            };

            foreach ((string name, Func<Task> call) in columns)
            {
                if (filter is not null && !name.Contains(filter, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                for (int i = 0; i < 500; i++)
                {
                    await call();
                }

                using var sampler = new AllocationSampler();
                long before = GC.GetTotalAllocatedBytes(precise: true);
                for (int i = 0; i < calls; i++)
                {
                    await call();
                }

                long perCall = (GC.GetTotalAllocatedBytes(precise: true) - before) / calls;
                Console.WriteLine($"{name,-45} {perCall,8:N0} B/call");
                foreach ((string type, long bytes) in sampler.Top(int.TryParse(Environment.GetEnvironmentVariable("ALLOC_TOP"), out int top) ? top : 12, calls))
                {
                    Console.WriteLine($"    {bytes,8:N0} B/call  {type}");
                }
            }

            if (filter is null || filter == "pieces")
            {
                await PiecesAsync(bench.User);
            }
        }
        finally
        {
            bench.Cleanup();
        }
    }

    /// <summary>
    /// The parts of a typed call that are not the funnel's, each alone on this thread: reaching the integration's client,
    /// writing the request body, and reading the same response bytes into the hand-written models and the generated ones.
    /// </summary>
    private static async Task PiecesAsync(ParagonUserClient user)
    {
        var hand = new HandBody { Channel = "C0001", Text = "benchmark" };
        var typed = new ChatPostMessageRequest { Channel = "C0001", Text = "benchmark" };
        byte[] post;
        using (ParagonResponse response = await user.RequestAsync("slack", "/chat.postMessage", new ParagonRequestOptions { Method = System.Net.Http.HttpMethod.Post, Body = Paragon.Proxy.ProxyBody.Json(hand, HandJson.Default.HandBody) }))
        {
            post = response.ReadAsBytes();
        }

        byte[] list;
        using (ParagonResponse response = await user.RequestAsync("slack", "/conversations.list?limit=100"))
        {
            list = response.ReadAsBytes();
        }

        Console.WriteLine($"pieces (bytes each, this thread): post response {post.Length:N0} B, list response {list.Length:N0} B");
        Piece("user.Slack", () => _ = user.Slack);
        Piece("post body: hand model → UTF-8", () => _ = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(hand, HandJson.Default.HandBody));
        Piece("post body: typed model → UTF-8", () => _ = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(typed, SlackJsonContext.Default.ChatPostMessageRequest));
        Piece("post response → hand model", () => _ = System.Text.Json.JsonSerializer.Deserialize(post, HandJson.Default.HandResponse));
        Piece("post response → hand model, Slack's fields", () => _ = System.Text.Json.JsonSerializer.Deserialize(post, HandFullJson.Default.HandFullPostResponse));
        Piece("post response → typed model", () => _ = System.Text.Json.JsonSerializer.Deserialize(post, SlackJsonContext.Default.ChatPostMessageResponse));
        Piece("list response → hand model", () => _ = System.Text.Json.JsonSerializer.Deserialize(list, HandJson.Default.HandChannels));
        Piece("list response → hand model, Slack's fields", () => _ = System.Text.Json.JsonSerializer.Deserialize(list, HandFullJson.Default.HandFullChannels));
        Piece("list response → typed model", () => _ = System.Text.Json.JsonSerializer.Deserialize(list, SlackJsonContext.Default.ConversationsListResponse));
        // The same generated classes read by System.Text.Json's reflection (their [JsonPropertyName] attributes): the
        // difference from the line above is what the generated metadata adds to the model's own breadth.
        var reflection = new System.Text.Json.JsonSerializerOptions { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };
        Piece("post response → typed model, reflection", () => _ = System.Text.Json.JsonSerializer.Deserialize<ChatPostMessageResponse>(post, reflection));
        Piece("list response → typed model, reflection", () => _ = System.Text.Json.JsonSerializer.Deserialize<ConversationsListResponse>(list, reflection));
        Piece("call deadline (CTS + CancelAfter)", () =>
        {
            using var cts = new System.Threading.CancellationTokenSource();
            cts.CancelAfter(TimeSpan.FromSeconds(100));
        });
    }

    private static void Piece(string name, Action piece)
    {
        for (int i = 0; i < 1000; i++)
        {
            piece();
        }

        const int Runs = 10_000;
        using var sampler = new AllocationSampler();
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < Runs; i++)
        {
            piece();
        }

        long each = (GC.GetAllocatedBytesForCurrentThread() - before) / Runs;
        Console.WriteLine($"  {name,-45} {each,8:N0} B");
        if (each > 1000)
        {
            foreach ((string type, long bytes) in sampler.Top(8, Runs))
            {
                Console.WriteLine($"      {bytes,8:N0} B  {type}");
            }
        }
    }

    /// <summary>The runtime's GC AllocationTick events: each names the type whose allocation crossed the next ~100 KB.</summary>
    private sealed class AllocationSampler : EventListener
    {
        private readonly ConcurrentDictionary<string, long> _bytes = new();
        private bool _enabled;

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "Microsoft-Windows-DotNETRuntime")
            {
                EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x1);
                _enabled = true;
            }
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (!_enabled || e.EventName != "GCAllocationTick_V4" || e.Payload is null)
            {
                return;
            }

            int nameIndex = e.PayloadNames!.IndexOf("TypeName");
            int amountIndex = e.PayloadNames.IndexOf("AllocationAmount64");
            if (nameIndex >= 0 && amountIndex >= 0)
            {
                _bytes.AddOrUpdate((string)e.Payload[nameIndex]!, (long)(ulong)e.Payload[amountIndex]!, (_, total) => total + (long)(ulong)e.Payload[amountIndex]!);
            }
        }

        public IEnumerable<(string Type, long Bytes)> Top(int count, int calls) =>
            _bytes.OrderByDescending(pair => pair.Value).Take(count).Select(pair => (pair.Key, pair.Value / calls));
    }
}
