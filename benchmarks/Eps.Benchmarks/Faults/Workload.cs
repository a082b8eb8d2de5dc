using Eps.Core.Data;
using Eps.Core.Prescribing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Eps.Benchmarks.Faults;

/// <summary>
/// The stream a fault lands in: doctors approving three-item requests through the core services and pharmacists
/// dispensing every new prescription over HTTP, each one from two counters at once (one must win, one must get 409).
/// Every line is written after the change has been acknowledged: committed for approvals, a response for dispenses.
/// </summary>
internal sealed class Workload(IServiceProvider services, PharmacistClient first, PharmacistClient second, TextWriter output) : IDisposable
{
    private const int Approvers = 2;
    private const int Dispensers = 2;

    private readonly SemaphoreSlim _next = new(1, 1);
    private int _lastTaken;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var prescriber = await Prescriber.CreateAsync(services);
        var lagos = await Prescriber.PharmacyIdAsync(services, Prescriber.Lagos);
        var loops = Enumerable.Range(0, Approvers).Select(_ => LoopAsync(() => ApproveAsync(prescriber, lagos, cancellationToken), cancellationToken))
            .Concat(Enumerable.Range(0, Dispensers).Select(_ => LoopAsync(() => DispenseAsync(lagos, cancellationToken), cancellationToken)));
        await Task.WhenAll(loops);
    }

    public void Dispose() => _next.Dispose();

    private async Task ApproveAsync(Prescriber prescriber, int lagos, CancellationToken cancellationToken)
    {
        var issued = await prescriber.IssueAsync(lagos, cancellationToken);
        output.WriteLine($"approved {issued.Reference} {string.Join(',', issued.PrescriptionIds)}");
    }

    private async Task DispenseAsync(int lagos, CancellationToken cancellationToken)
    {
        var next = await NextPendingAsync(lagos, cancellationToken);
        if (next is not { } rx)
        {
            await Task.Delay(20, cancellationToken);
            return;
        }

        var statuses = await Task.WhenAll(
            first.DispenseAsync(rx.RxNumber, rx.Nonce, cancellationToken), second.DispenseAsync(rx.RxNumber, rx.Nonce, cancellationToken));
        foreach (var status in statuses)
        {
            output.WriteLine($"dispensed {rx.RxNumber} {status}");
        }
    }

    /// <summary>The oldest pending Lagos prescription not yet handed to a dispenser of this process.</summary>
    private async Task<(string RxNumber, Guid Nonce)?> NextPendingAsync(int lagos, CancellationToken cancellationToken)
    {
        await _next.WaitAsync(cancellationToken);
        try
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync(cancellationToken);
            var row = await db.Prescriptions.AsNoTracking()
                .Where(p => p.Id > _lastTaken && p.PharmacyId == lagos && p.Status == PrescriptionState.PendingCollection)
                .OrderBy(p => p.Id).Select(p => new { p.Id, p.RxNumber, p.Nonce }).FirstOrDefaultAsync(cancellationToken);
            if (row is null)
            {
                return null;
            }

            _lastTaken = row.Id;
            return (row.RxNumber, row.Nonce);
        }
        finally
        {
            _next.Release();
        }
    }

    // On a thread-pool thread of its own: SQLite's "async" calls complete synchronously, so a loop started inline
    // could run without ever yielding to the code that starts the next one.
    private Task LoopAsync(Func<Task> step, CancellationToken cancellationToken) => Task.Run(async () =>
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await step();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Reported to the parent, which counts it as a broken run; the stream goes on.
            catch (Exception e)
#pragma warning restore CA1031
            {
                output.WriteLine($"error {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
                await Task.Delay(100, CancellationToken.None);
            }
        }
    }, CancellationToken.None);
}
