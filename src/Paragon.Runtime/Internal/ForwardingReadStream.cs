using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Paragon.Internal;

/// <summary>
/// A read-only view of another stream; what disposing it does is decided by its creator. Used so that a caller's body
/// stream survives HttpClient disposing request content, and so that disposing a streamed response body also releases
/// the response (and its connection).
/// </summary>
internal sealed class ForwardingReadStream(Stream inner, bool seekable, Action? onDispose) : Stream
{
    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => seekable && inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => CanSeek ? inner.Length : throw new NotSupportedException();

    public override long Position
    {
        get => CanSeek ? inner.Position : throw new NotSupportedException();
        set => inner.Position = CanSeek ? value : throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

#if NET5_0_OR_GREATER
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);
#endif

    public override long Seek(long offset, SeekOrigin origin) => CanSeek ? inner.Seek(offset, origin) : throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            onDispose?.Invoke();
        }

        base.Dispose(disposing);
    }
}
