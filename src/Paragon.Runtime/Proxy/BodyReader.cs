using System;
using System.Buffers;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Paragon.Proxy;

/// <summary>
/// The one place a response body is read into memory: the success path (up to its limit, refused past it), the error path
/// and the attempt guard (cut at their cap). Every read is bounded, counts the bytes after decompression (what the handler
/// hands up), and honours cancellation on every target.
/// </summary>
internal static class BodyReader
{
    /// <summary>
    /// Buffers up to this size come from the shared pool and go back to it; larger ones are plain arrays the GC takes back.
    /// The shared pool keeps what it is given (up to 1 GiB a buffer on .NET 8): a hostile body that made the client grow a
    /// buffer to hundreds of megabytes would otherwise stay held by the pool after the call.
    /// </summary>
    internal const int MaxPooled = 1 << 20;

    /// <summary>The largest array a body can be read into.</summary>
    internal const int MaxArray = 0x7FFFFFC7;

    /// <summary>A buffer of at least <paramref name="size"/> bytes, pooled when small.</summary>
    internal static byte[] Rent(int size) => size <= MaxPooled ? ArrayPool<byte>.Shared.Rent(size) : new byte[size];

    /// <summary>Gives back a buffer from <see cref="Rent"/>; a large one is left to the GC.</summary>
    internal static void Return(byte[] buffer)
    {
        if (buffer.Length <= MaxPooled)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>
    /// Reads the whole body, or up to <paramref name="limit"/> bytes: one copy from the connection into a buffer from
    /// <see cref="Rent"/>, which the caller gives back with <see cref="Return"/>.
    /// </summary>
    /// <returns>
    /// The buffer, how much of it is the body, and whether the body went on past <paramref name="limit"/>. Past it, the
    /// rest is not read (disposing the response drops it), and the first <paramref name="limit"/> bytes are kept when
    /// <paramref name="keepPrefix"/> is set (an error body, cut); otherwise the buffer is empty (a success body, refused).
    /// </returns>
#if NET6_0_OR_GREATER
    [System.Runtime.CompilerServices.AsyncMethodBuilder(typeof(System.Runtime.CompilerServices.PoolingAsyncValueTaskMethodBuilder<>))]
#endif
    internal static async ValueTask<(byte[] Buffer, int Length, bool Truncated)> ReadAsync(HttpResponseMessage response, int limit, bool keepPrefix, CancellationToken cancellationToken)
    {
        HttpContent? content = response.Content;
        if (content is null)
        {
            return (Rent(0), 0, false);
        }

        // A known length is read into a buffer one byte larger, so that the read that finds the end needs no new buffer.
        long? declared = content.Headers.ContentLength;
        byte[] buffer = Rent(declared is >= 0 ? (int)Math.Min(declared.Value + 1, Math.Min((long)limit + 1, MaxPooled)) : 16 * 1024);
        int length = 0;
        try
        {
            using (GuardCancellation(response, cancellationToken))
            {
                try
                {
#if NET5_0_OR_GREATER
                    using Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
#else
                    using Stream stream = await content.ReadAsStreamAsync().ConfigureAwait(false);
#endif
                    while (true)
                    {
                        if (length == buffer.Length)
                        {
                            buffer = Grow(buffer, length, limit);
                        }

                        // One byte past the limit tells a body of exactly the limit from a longer one.
                        int wanted = (int)Math.Min(buffer.Length - length, (long)limit + 1 - length);
#if NET5_0_OR_GREATER
                        int read = await stream.ReadAsync(buffer.AsMemory(length, wanted), cancellationToken).ConfigureAwait(false);
#else
                        int read = await stream.ReadAsync(buffer, length, wanted, cancellationToken).ConfigureAwait(false);
#endif
                        if (read == 0)
                        {
                            return (buffer, length, false);
                        }

                        length += read;
                        if (length > limit)
                        {
                            if (keepPrefix)
                            {
                                return (buffer, limit, true);
                            }

                            // Refused whole: the buffer (up to the limit's size) is dropped here, and no reference to it
                            // outlives this read, whatever keeps this method's state after it ends.
                            Return(buffer);
                            buffer = [];
                            return (buffer, 0, true);
                        }
                    }
                }
                catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
                {
                    // The guard below disposed the response to end a stalled read: that shows as an I/O error.
                    throw new OperationCanceledException("The response body was not received in time.", ex, cancellationToken);
                }
            }
        }
        catch
        {
            Return(buffer);
            throw;
        }
    }

    /// <summary>Reads up to <paramref name="cap"/> bytes into an array of their own, and whether there was more.</summary>
    internal static async Task<(byte[] Bytes, bool Truncated)> ReadCappedAsync(HttpResponseMessage response, int cap, CancellationToken cancellationToken)
    {
        (byte[] buffer, int length, bool truncated) = await ReadAsync(response, cap, keepPrefix: true, cancellationToken).ConfigureAwait(false);
        byte[] bytes = length == 0 ? [] : buffer.AsSpan(0, length).ToArray();
        Return(buffer);
        return (bytes, truncated);
    }

    /// <summary>
    /// netstandard2.0's network streams may not honour a cancellation token: disposing the response aborts a stalled read.
    /// On .NET the token is honoured and nothing is registered.
    /// </summary>
    internal static CancellationTokenRegistration GuardCancellation(HttpResponseMessage response, CancellationToken cancellationToken)
    {
#if NET5_0_OR_GREATER
        _ = response;
        _ = cancellationToken;
        return default;
#else
        return cancellationToken.Register(static state => ((HttpResponseMessage)state!).Dispose(), response);
#endif
    }

    private static byte[] Grow(byte[] buffer, int length, int limit)
    {
        byte[] larger = Rent((int)Math.Min(Math.Min((long)buffer.Length * 2, (long)limit + 1), MaxArray));
        Buffer.BlockCopy(buffer, 0, larger, 0, length);
        Return(buffer);
        return larger;
    }
}
