using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace Paragon.Runtime.Tests;

/// <summary>
/// An HTTP/1.1 server on a raw socket (127.0.0.1), for what Kestrel will not send on purpose: a body that stalls after its
/// headers, a gzip bomb, a redirect to another host. It reads each request's head and body (by Content-Length), records
/// it, and hands the connection's stream to a script that writes the answer byte for byte.
/// </summary>
internal sealed class RawHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<RawRequest, Stream, CancellationToken, Task> _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RawHttpServer(Func<RawRequest, Stream, CancellationToken, Task> answer)
    {
        _answer = answer;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _loop = Task.Run(AcceptAsync);
    }

    public Uri BaseUrl { get; }

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<RawRequest> Requests { get; } = new();

    /// <summary>Writes a whole answer: status line, headers (Content-Length added unless given) and body.</summary>
    public static async Task WriteAsync(Stream stream, int status, IEnumerable<KeyValuePair<string, string>>? headers, byte[] body, CancellationToken cancellationToken)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} Status\r\n");
        bool lengthGiven = false;
        foreach (KeyValuePair<string, string> header in headers ?? [])
        {
            lengthGiven |= header.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || header.Key.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase);
            head.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
        }

        if (!lengthGiven)
        {
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), cancellationToken);
        await stream.WriteAsync(body, cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            NetworkStream stream = client.GetStream();
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    RawRequest? request = await ReadRequestAsync(stream, _stop.Token);
                    if (request is null)
                    {
                        return;
                    }

                    Requests.Enqueue(request);
                    await _answer(request, stream, _stop.Token);
                }
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
            }
            catch (IOException)
            {
                // The client went away (it gave up on a stalled body, or refused a large one).
            }
        }
    }

    private static async Task<RawRequest?> ReadRequestAsync(Stream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        byte[] one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return null;
            }

            head.Add(one[0]);
        }

        string[] lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        string[] start = lines[0].Split(' ');
        var headers = new List<KeyValuePair<string, string>>();
        int length = 0;
        for (int i = 1; i < lines.Length; i++)
        {
            int colon = lines[i].IndexOf(':', StringComparison.Ordinal);
            string name = lines[i][..colon].Trim();
            string value = lines[i][(colon + 1)..].Trim();
            headers.Add(new KeyValuePair<string, string>(name, value));
            if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                length = int.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        byte[] body = new byte[length];
        int read = 0;
        while (read < length)
        {
            int n = await stream.ReadAsync(body.AsMemory(read), cancellationToken);
            if (n == 0)
            {
                return null;
            }

            read += n;
        }

        return new RawRequest(start[0], start[1], headers, body, string.Join("\r\n", lines));
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }
}

/// <summary>A request as the raw server read it: the head as text too, to see exactly which header lines arrived.</summary>
internal sealed record RawRequest(string Method, string Target, List<KeyValuePair<string, string>> Headers, byte[] Body, string Head)
{
    public IEnumerable<string> Values(string name)
    {
        foreach (KeyValuePair<string, string> header in Headers)
        {
            if (header.Key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                yield return header.Value;
            }
        }
    }
}
