using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Paragon.Proxy;

namespace Paragon.Runtime.Tests;

/// <summary>
/// The call's deadline: the caller's token and the time-out in one token, and (on .NET) a token source reused from call to
/// call only when nothing can still cancel it.
/// </summary>
public sealed class CallDeadlineTests
{
    private static readonly TimeSpan Long = TimeSpan.FromMinutes(5);

    [Fact]
    public void The_callers_cancellation_reaches_the_deadline_and_is_not_a_time_out()
    {
        using var caller = new CancellationTokenSource();
        using var deadline = new CallDeadline(Long, caller.Token);
        Assert.False(deadline.Token.IsCancellationRequested);
        caller.Cancel();
        Assert.True(deadline.Token.IsCancellationRequested);
        Assert.False(deadline.Expired);
    }

    [Fact]
    public async Task The_time_out_cancels_the_deadline_and_is_a_time_out()
    {
        using var deadline = new CallDeadline(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        await Task.Delay(Timeout.Infinite, deadline.Token).ContinueWith(static _ => { }, TaskScheduler.Default);
        Assert.True(deadline.Expired);
    }

    [Fact]
    public async Task A_source_that_was_cancelled_or_timed_out_is_never_handed_to_another_call()
    {
        using var caller = new CancellationTokenSource();
        var cancelled = new CallDeadline(Long, caller.Token);
        CancellationToken cancelledToken = cancelled.Token;
        caller.Cancel();
        cancelled.Dispose();

        var expired = new CallDeadline(TimeSpan.FromMilliseconds(1), CancellationToken.None);
        CancellationToken expiredToken = expired.Token;
        await Task.Delay(Timeout.Infinite, expiredToken).ContinueWith(static _ => { }, TaskScheduler.Default);
        expired.Dispose();

        // Held at once, more deadlines than the pool keeps: every pooled source is among them.
        List<CallDeadline> later = Take(CallDeadlinePoolCapacity + 8);
        try
        {
            Assert.All(later, d =>
            {
                Assert.False(d.Token.IsCancellationRequested);
                Assert.NotEqual(cancelledToken, d.Token);
                Assert.NotEqual(expiredToken, d.Token);
            });
        }
        finally
        {
            later.ForEach(d => d.Dispose());
        }
    }

    [Fact]
    public void A_callers_token_cancelled_after_its_call_ended_cancels_no_later_call()
    {
        using var caller = new CancellationTokenSource();
        new CallDeadline(Long, caller.Token).Dispose();
        List<CallDeadline> later = Take(CallDeadlinePoolCapacity + 8);
        try
        {
            caller.Cancel();
            Assert.All(later, d => Assert.False(d.Token.IsCancellationRequested));
        }
        finally
        {
            later.ForEach(d => d.Dispose());
        }
    }

#if !RUNTIME_NETSTANDARD
    [Fact]
    public void A_source_that_finished_its_call_untouched_serves_the_next_call()
    {
        // Other tests run calls at the same time and may take the source first: one reuse in a few tries is the proof. The
        // pool hands out its oldest source first, so the next call's is looked for among all the pool holds.
        bool reused = false;
        for (int i = 0; i < 5 && !reused; i++)
        {
            var first = new CallDeadline(Long, CancellationToken.None);
            CancellationToken token = first.Token;
            first.Dispose();
            List<CallDeadline> next = Take(CallDeadlinePoolCapacity + 8);
            try
            {
                reused = next.Exists(d => d.Token == token);
                Assert.All(next, d => Assert.False(d.Token.IsCancellationRequested));
            }
            finally
            {
                next.ForEach(d => d.Dispose());
            }
        }

        Assert.True(reused, "No deadline's token source was reused: every call allocates a new one (and its timer).");
    }

    private const int CallDeadlinePoolCapacity = CallDeadline.SourcePool.Capacity;
#else
    private const int CallDeadlinePoolCapacity = 0;
#endif

    private static List<CallDeadline> Take(int count)
    {
        var deadlines = new List<CallDeadline>(count);
        for (int i = 0; i < count; i++)
        {
            deadlines.Add(new CallDeadline(Long, CancellationToken.None));
        }

        return deadlines;
    }
}
