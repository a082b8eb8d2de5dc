using Eps.Core.Tokens;

namespace Eps.Tests.Core.Tokens;

public sealed class ConcurrencyTests
{
    [Theory]
    [InlineData(SigningAlgorithm.ES256)]
    [InlineData(SigningAlgorithm.HS256)]
    public void Eight_threads_issue_and_read_on_one_ring_without_a_failure(SigningAlgorithm algorithm)
    {
        using var ring = TokenTestKit.NewRing(algorithm);
        var codec = new PrescriptionTokenCodec(ring);
        var failures = 0;

        var threads = Enumerable.Range(0, 8).Select(t => new Thread(() =>
        {
            for (var i = 0; i < 2_000; i++)
            {
                var claims = TokenTestKit.Typical() with { Nonce = Nonces.New(), Quantity = t * 10_000 + i };
                var result = codec.Read(codec.Issue(claims));
                if (result.Status != TokenStatus.Valid || result.Claims != claims)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());

        Assert.Equal(0, failures);
    }

    [Fact]
    public async Task Rotating_while_others_sign_and_verify_loses_no_token()
    {
        using var ring = TokenTestKit.NewRing();
        var codec = new PrescriptionTokenCodec(ring);
        var failures = 0;
        using var stop = new CancellationTokenSource();

        // Dedicated threads: the test's own awaits must not wait for pool threads kept busy by the workers.

        var workers = Enumerable.Range(0, 4).Select(_ => Task.Factory.StartNew(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                if (codec.Read(codec.Issue(TokenTestKit.Typical())).Status != TokenStatus.Valid)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)).ToArray();
        for (var i = 0; i < 20; i++)
        {
            ring.Rotate(i % 3 == 0 ? SigningAlgorithm.HS256 : SigningAlgorithm.ES256);
            await Task.Delay(5);
        }

        stop.Cancel();
        await Task.WhenAll(workers);

        Assert.Equal(0, failures);
        Assert.Equal(21, ring.Keys.Count);
        Assert.Single(ring.Keys, k => !k.IsRetired);
    }
}
