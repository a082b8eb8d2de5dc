using Eps.Core.Accounts;
using Eps.Core.Pharmacies;
using Eps.Core.Prescribing;
using Eps.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Eps.Web.Features.Prescribing;

/// <summary>
/// The patient's prescriptions by state, with the pharmacy for new requests (changeable) and, on each prescription
/// waiting for collection, a move to another pharmacy.
/// </summary>
public sealed partial class MyPrescriptions
{
    private static readonly (string Label, PrescriptionState State)[] Tabs =
    [
        ("Pending collection", PrescriptionState.PendingCollection),
        ("Collected", PrescriptionState.Dispensed),
        ("Expired", PrescriptionState.Expired),
        ("Cancelled", PrescriptionState.Cancelled),
    ];

    [Inject] private CurrentActor Current { get; set; } = null!;
    [Inject] private Prescriptions Prescriptions { get; set; } = null!;
    [Inject] private PatientRequests Requests { get; set; } = null!;
    [Inject] private Nominations Nominations { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    private Actor? _actor;
    private IReadOnlyList<PrescriptionView>? _all;
    private Pharmacy? _default;
    private bool _changingDefault;
    private Pharmacy? _newDefault;
    private string? _moving;
    private Pharmacy? _moveTo;
    private bool _saving;
    private CommandResult? _notice;

    protected override async Task OnInitializedAsync()
    {
        _actor = await Current.GetAsync();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        if (_actor is null)
        {
            _all = [];
            return;
        }

        // Both read before either is shown, so the page renders once with both.
        var all = await Prescriptions.ForPatientAsync(_actor, CancellationToken.None);
        _default = await Requests.NominatedPharmacyAsync(_actor, CancellationToken.None);
        _all = all;
    }

    private async Task<IEnumerable<Pharmacy>> SearchPharmaciesAsync(string? term, CancellationToken cancellationToken) =>
        await Requests.SearchPharmaciesAsync(term, 20, cancellationToken);

    private async Task<IEnumerable<Pharmacy>> SearchOtherPharmaciesAsync(PrescriptionView prescription, string? term, CancellationToken cancellationToken) =>
        (await Requests.SearchPharmaciesAsync(term, 21, cancellationToken)).Where(p => p.Code != prescription.Pharmacy.Code).Take(20);

    /// <summary>
    /// Where the prescription sits among its repeats: the repeat its collection issued, or what collecting it will
    /// issue. A repeat not issued yet is never shown as available.
    /// </summary>
    private static string? RepeatLine(PrescriptionView p) => p switch
    {
        { RepeatLabel: null } => null,
        { NextRxNumber: { } next } => $"{p.RepeatLabel} · {RepeatText.Label(p.RepeatNumber + 1, p.RepeatsAuthorised)} issued as {next}",
        { State: PrescriptionState.PendingCollection, RepeatNumber: 0 } => p.RepeatNext,
        { State: PrescriptionState.PendingCollection } => $"{p.RepeatLabel} · {p.RepeatNext}",
        _ => p.RepeatLabel,
    };

    private void StartChangingDefault()
    {
        _changingDefault = true;
        _newDefault = null;
    }

    private void StartMoving(PrescriptionView prescription)
    {
        _moving = prescription.RxNumber;
        _moveTo = null;
    }

    private void StopMoving()
    {
        _moving = null;
        _moveTo = null;
    }

    private Task SaveDefaultAsync() => RunAsync(async actor =>
    {
        var result = await Nominations.ChangeDefaultAsync(actor, _newDefault!.Id, CancellationToken.None);
        if (result.Succeeded)
        {
            _changingDefault = false;
        }

        return result;
    });

    private Task MoveAsync(PrescriptionView prescription) => RunAsync(async actor =>
    {
        var result = await Nominations.MoveAsync(actor, prescription.RxNumber, _moveTo!.Id, CancellationToken.None);
        StopMoving();
        return result;
    });

    /// <summary>Runs a change, shows its outcome at the top of the page and as a snackbar, and reloads what it changed.</summary>
    private async Task RunAsync(Func<Actor, Task<CommandResult>> change)
    {
        if (_actor is null)
        {
            return;
        }

        _saving = true;
        try
        {
            var result = await change(_actor);
            _notice = result.Succeeded || result.Errors.Count == 0
                ? result
                : CommandResult.Fail(string.Join(" ", result.Errors.Values));
            Snackbar.Add(_notice.Message, result.Succeeded ? Severity.Success : Severity.Warning);
            await LoadAsync();
        }
        finally
        {
            _saving = false;
        }
    }
}
