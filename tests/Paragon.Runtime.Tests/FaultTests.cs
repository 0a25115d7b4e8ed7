using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Paragon.Testing;
using Xunit.Abstractions;

namespace Paragon.Runtime.Tests;

/// <summary>
/// What a caller sees when the network or the provider misbehaves, over real HTTP. Each scenario asserts the exact
/// exception and what it carries, and hands the exception back so that <see cref="SecretTests"/> can replay the lot.
/// </summary>
[Collection(FaultSuite.Name)]
public sealed class FaultTests(FaultFixture fixture, ITestOutputHelper output)
{
    private readonly FaultScenarios _scenarios = new(fixture);

    [Fact]
    public Task A_GET_whose_connection_drops_mid_response_says_it_may_have_reached_the_provider() => _scenarios.DroppedMidResponseAsync(HttpMethod.Get);

    [Fact]
    public Task A_POST_whose_connection_drops_mid_response_says_so_and_is_sent_once() => _scenarios.DroppedMidResponseAsync(HttpMethod.Post);

    [Fact]
    public Task A_refused_connection_says_nothing_was_sent() => _scenarios.RefusedAsync();

    [Fact]
    public Task A_slow_server_runs_into_the_Timeout_and_sees_the_call_dropped() => _scenarios.TimedOutAsync();

    [Fact]
    public Task A_cancelled_call_is_OperationCanceled_not_Timeout_and_the_server_sees_it_dropped() => _scenarios.CancelledAsync();

    [Fact]
    public Task Truncated_JSON_in_a_200_is_unreadable_with_the_status_and_the_body() => _scenarios.TruncatedJsonAsync();

    [Theory]
    [InlineData(429, "0", new[] { 0, 0 }, 0)]
    [InlineData(503, "0", new[] { 0, 0 }, 0)]
    [InlineData(429, "2", new[] { 2000, 2000 }, 2000)]
    [InlineData(503, "2", new[] { 2000, 2000 }, 2000)]
    [InlineData(429, "past", new[] { 0, 0 }, 0)]
    [InlineData(503, "past", new[] { 0, 0 }, 0)]
    public Task A_Retry_After_within_MaxDelay_is_waited_before_each_retry(int status, string retryAfter, int[] waitsMs, int carriedMs) =>
        _scenarios.RetryAfterAsync(status, retryAfter, waitsMs.Select(ms => TimeSpan.FromMilliseconds(ms)).ToArray(), TimeSpan.FromMilliseconds(carriedMs));

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task A_Retry_After_date_a_few_seconds_ahead_is_waited_until_then(int status)
    {
        // An HTTP date has whole seconds, so "20 s ahead" is between 19 and 20 s away when it is read; a loaded machine
        // may take some seconds more to read it (the waits are recorded, not slept).
        (TimeSpan[] waits, ParagonApiException error) = await _scenarios.RetryAfterWaitsAsync(status, "future");
        Assert.Equal(2, waits.Length);
        Assert.All(waits, wait => Assert.InRange(wait, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)));
        Assert.InRange(error.RetryAfter!.Value, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20));
        Assert.Equal(3, _scenarios.LastCalls);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task A_negative_Retry_After_is_treated_as_absent_and_backs_off(int status)
    {
        (TimeSpan[] waits, ParagonApiException error) = await _scenarios.RetryAfterWaitsAsync(status, "-1");
        Assert.Null(error.RetryAfter);

        // Exponential from BaseDelay (10 ms here) with ±20% jitter.
        Assert.Equal(2, waits.Length);
        Assert.InRange(waits[0], TimeSpan.FromMilliseconds(8), TimeSpan.FromMilliseconds(12));
        Assert.InRange(waits[1], TimeSpan.FromMilliseconds(16), TimeSpan.FromMilliseconds(24));
        Assert.Equal(3, _scenarios.LastCalls);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public async Task A_Retry_After_beyond_MaxDelay_fails_at_once_and_carries_the_wait(int status)
    {
        (TimeSpan[] waits, ParagonApiException error) = await _scenarios.RetryAfterWaitsAsync(status, "86400");
        Assert.Empty(waits);
        Assert.Equal(TimeSpan.FromDays(1), error.RetryAfter);
        Assert.Equal(1, _scenarios.LastCalls);
    }

    [Fact]
    public async Task A_100_MB_body_is_read_as_a_stream_without_being_buffered()
    {
        (long bytes, long allocated, TimeSpan elapsed) = await _scenarios.StreamHundredMegabytesAsync();
        output.WriteLine($"100 MB streamed in {elapsed.TotalMilliseconds:0} ms, {allocated / 1024} KB allocated");
        Assert.Equal(FaultScenarios.BigLength, bytes);
        Assert.True(allocated < 30L << 20, $"Reading the stream allocated {allocated / (1 << 20)} MB: the body was buffered.");
    }
}

/// <summary>The fault calls, each with its assertions, shared by the fault tests and the secrets test.</summary>
internal sealed class FaultScenarios(FaultFixture fixture)
{
    public const long BigLength = 100L << 20;

    /// <summary>How many calls the provider received in the last Retry-After scenario.</summary>
    public int LastCalls { get; private set; }

    public async Task<HttpRequestException> DroppedMidResponseAsync(HttpMethod method)
    {
        using ParagonClient client = fixture.CreateClient();
        string path = "/" + Guid.NewGuid().ToString("N");
        var options = new ParagonRequestOptions { Method = method, Body = method == HttpMethod.Post ? new JsonObject { ["text"] = "hello" } : null };

        HttpRequestException error = fixture.Expose(await Assert.ThrowsAsync<HttpRequestException>(() => client.ForUser("u-drop").RequestAsync("drop", path, options)));

        Assert.Contains($"{method.Method} drop {path}", error.Message, StringComparison.Ordinal);
        Assert.Contains("may have reached the provider", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException); // the transport's own account of the failure
        Assert.Equal(1, fixture.CallsTo("drop", path)); // not repeated: the provider may already have acted on it
        return error;
    }

    public async Task<HttpRequestException> RefusedAsync()
    {
        // Nothing listens on port 1 of the loopback address: the connection is refused before a byte is sent.
        using ParagonClient client = fixture.CreateClient(o => o.ProxyBaseUrl = new Uri("http://127.0.0.1:1"));
        var options = new ParagonRequestOptions { Method = HttpMethod.Post, Body = new JsonObject { ["text"] = "hello" } };

        HttpRequestException error = fixture.Expose(await Assert.ThrowsAsync<HttpRequestException>(() => client.ForUser("u-refused").RequestAsync("echo", "/x", options)));

        Assert.Contains("POST echo /x could not connect", error.Message, StringComparison.Ordinal);
        Assert.Contains("nothing was sent", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("may have reached", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.InnerException);
        return error;
    }

    public async Task<TimeoutException> TimedOutAsync()
    {
        using ParagonClient client = fixture.CreateClient(o => o.Timeout = TimeSpan.FromSeconds(1));
        string path = "/" + Guid.NewGuid().ToString("N");
        var watch = Stopwatch.StartNew();

        TimeoutException error = fixture.Expose(await Assert.ThrowsAsync<TimeoutException>(() => client.ForUser("u-slow").RequestAsync("slow", path)));

        // Far below the provider's 60 s, so the client's limit is what ended it, with room for a loaded 2-core machine.
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(25));
        Assert.Contains($"GET slow {path} did not complete within 1 s", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
        await ServerSawAbortAsync(path);
        return error;
    }

    public async Task<OperationCanceledException> CancelledAsync()
    {
        using ParagonClient client = fixture.CreateClient(); // the 100 s default Timeout is far off
        string path = "/" + Guid.NewGuid().ToString("N");
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var watch = Stopwatch.StartNew();

        OperationCanceledException error = fixture.Expose(await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ForUser("u-slow").RequestAsync("slow", path, cancellationToken: cancel.Token)));

        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.4), TimeSpan.FromSeconds(25));
        Assert.True(cancel.IsCancellationRequested);
        await ServerSawAbortAsync(path);
        return error;
    }

    public async Task<ParagonUnreadableResponseException> TruncatedJsonAsync()
    {
        using ParagonClient client = fixture.CreateClient();

        ParagonUnreadableResponseException error = fixture.Expose(await Assert.ThrowsAsync<ParagonUnreadableResponseException>(
            () => client.ForUser("u-truncated").RequestAsync("truncated", "/conversations.list", TestJson.Default.Conversations)));

        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Equal("""{"ok":true,"channels":[{"id":"C1","na""", error.ResponseBody);
        Assert.Equal("truncated", error.Integration);
        Assert.Equal("/conversations.list", error.RequestPath);
        Assert.Contains("succeeded with 200", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<JsonException>(error.InnerException);
        return error;
    }

    public async Task RetryAfterAsync(int status, string retryAfter, TimeSpan[] expectedWaits, TimeSpan carried)
    {
        (TimeSpan[] waits, ParagonApiException error) = await RetryAfterWaitsAsync(status, retryAfter);
        Assert.Equal(expectedWaits, waits);
        Assert.Equal(carried, error.RetryAfter);
        Assert.Equal(3, LastCalls); // the first call and MaxRetries (2) retries
    }

    /// <summary>Calls <c>/{status}</c> with the given Retry-After ("future" and "past" become HTTP dates) and records the waits instead of sleeping.</summary>
    public async Task<(TimeSpan[] Waits, ParagonApiException Error)> RetryAfterWaitsAsync(int status, string retryAfter)
    {
        string value = retryAfter switch
        {
            "future" => DateTimeOffset.UtcNow.AddSeconds(20).ToString("r", CultureInfo.InvariantCulture),
            "past" => DateTimeOffset.UtcNow.AddMinutes(-5).ToString("r", CultureInfo.InvariantCulture),
            _ => retryAfter,
        };
        using ParagonClient client = fixture.CreateClient();
        var waits = new ConcurrentQueue<TimeSpan>();
        client.Pipeline.Delay = (delay, _) =>
        {
            waits.Enqueue(delay);
            return Task.CompletedTask;
        };
        string path = "/" + status.ToString(CultureInfo.InvariantCulture);
        int before = fixture.CallsTo("status", path);

        ParagonApiException error = fixture.Expose(await Assert.ThrowsAsync<ParagonApiException>(
            () => client.ForUser("u-retry").RequestAsync("status", path, new ParagonRequestOptions { Query = [new("retryAfter", value)] })));

        Assert.Equal((HttpStatusCode)status, error.StatusCode);
        LastCalls = fixture.CallsTo("status", path) - before;
        return ([.. waits], error);
    }

    public async Task<(long Bytes, long Allocated, TimeSpan Elapsed)> StreamHundredMegabytesAsync()
    {
        using ParagonClient client = fixture.CreateClient();
        ParagonUserClient user = client.ForUser("u-big");
        using (ParagonResponse warm = await user.RequestAsync("big", "/file", new ParagonRequestOptions { Query = [new("length", "1000")] }))
        {
            // A first call mints the token and opens the connection, which are not what is measured.
            Assert.Equal(1000, warm.ReadAsBytes().Length);
        }

        string expected = ExpectedHash(BigLength);
        byte[] chunk = new byte[81920];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long total = 0;
        var watch = Stopwatch.StartNew();
        long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        using (ParagonResponse response = await user.RequestAsync("big", "/file", new ParagonRequestOptions
        {
            StreamResponse = true,
            Query = [new("length", BigLength.ToString(CultureInfo.InvariantCulture))],
        }))
        {
            await using Stream stream = response.ReadAsStream();
            int read;
            while ((read = await stream.ReadAsync(chunk)) > 0)
            {
                hash.AppendData(chunk, 0, read);
                total += read;
            }
        }

        long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        Assert.Equal(expected, Convert.ToHexString(hash.GetHashAndReset()));
        return (total, allocated, watch.Elapsed);
    }

    private static string ExpectedHash(long length)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        byte[] chunk = new byte[50_000];
        for (long done = 0; done < length;)
        {
            int count = (int)Math.Min(chunk.Length, length - done);
            for (int i = 0; i < count; i++)
            {
                chunk[i] = FakeResponse.GeneratedByte(done + i);
            }

            hash.AppendData(chunk, 0, count);
            done += count;
        }

        return Convert.ToHexString(hash.GetHashAndReset());
    }

    private async Task ServerSawAbortAsync(string path)
    {
        var watch = Stopwatch.StartNew();
        while (!fixture.Aborted.Contains(path))
        {
            // The provider would answer after 60 s: seeing the abort well before then proves the client dropped the request.
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(25), $"The server never saw {path} aborted: the client left the request running.");
            await Task.Delay(20);
        }
    }
}
