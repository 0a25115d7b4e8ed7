using System;
using System.IO;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Paragon.Proxy;

/// <summary>
/// A streamed response body (<see cref="ProxyRequest.StreamResponse"/>) whose every read must bring data within the
/// client's <see cref="ParagonClientOptions.Timeout"/>, as Azure.Core bounds each read of a streamed body by its network
/// time-out. The whole download may take as long as it takes; a provider that stops sending after the headers no longer
/// hangs the reader for ever. A stalled read ends with a <see cref="TimeoutException"/>, and the response (its connection)
/// is released.
/// </summary>
internal sealed class StreamedBody(Stream inner, HttpResponseMessage response, TimeSpan timeout, string call) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        // A synchronous read cannot be cancelled: the timer releases the response, which ends the read with an I/O error.
        using var timer = new CancellationTokenSource();
        using CancellationTokenRegistration abort = timer.Token.Register(static state => ((HttpResponseMessage)state!).Dispose(), response);
        Arm(timer);
        try
        {
            return inner.Read(buffer, offset, count);
        }
        catch (Exception ex) when (timer.IsCancellationRequested && ex is not TimeoutException)
        {
            throw Stalled(ex);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadBoundedAsync(new Memory<byte>(buffer, offset, count), cancellationToken).AsTask();

#if NET5_0_OR_GREATER
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ReadBoundedAsync(buffer, cancellationToken);
#endif

    private async ValueTask<int> ReadBoundedAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        using CancellationTokenSource timer = cancellationToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken)
            : new CancellationTokenSource();
        using (BodyReader.GuardCancellation(response, timer.Token))
        {
            Arm(timer);
            try
            {
#if NET5_0_OR_GREATER
                return await inner.ReadAsync(buffer, timer.Token).ConfigureAwait(false);
#else
                byte[] array = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(buffer, out ArraySegment<byte> segment) ? segment.Array! : new byte[buffer.Length];
                int offset = segment.Array is null ? 0 : segment.Offset;
                int read = await inner.ReadAsync(array, offset, buffer.Length, timer.Token).ConfigureAwait(false);
                if (segment.Array is null)
                {
                    array.AsSpan(0, read).CopyTo(buffer.Span);
                }

                return read;
#endif
            }
            catch (Exception ex) when (timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw Stalled(ex);
            }
        }
    }

    private void Arm(CancellationTokenSource timer)
    {
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            timer.CancelAfter(timeout);
        }
    }

    private TimeoutException Stalled(Exception inner) =>
        new($"{call}: the streamed body sent nothing for {timeout.TotalSeconds:0.###} s (ParagonClientOptions.Timeout bounds each read of a streamed body); the response was released.", inner);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
