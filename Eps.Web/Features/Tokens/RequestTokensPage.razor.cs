using Eps.Core.Prescribing;
using Eps.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Eps.Web.Features.Tokens;

/// <summary>
/// Every token of one request that can still be used, one <see cref="TokenSheet"/> per A4 page, printed in one go. Only
/// the prescriptions the user may open on the token page are shown (patient, prescriber, the pharmacy, admins).
/// </summary>
public sealed partial class RequestTokensPage
{
    [Inject] private CurrentActor Current { get; set; } = null!;
    [Inject] private Prescriptions Prescriptions { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;

    [Parameter] public string Reference { get; set; } = "";

    /// <summary>The address of the page for a request.</summary>
    public static string For(string reference) => $"/prescriptions/request/{Uri.EscapeDataString(reference)}/tokens";

    private bool _loading = true;
    private bool _isPatient;
    private IReadOnlyList<PrescriptionView> _all = [];
    private List<PrescriptionView> _printable = [];
    private List<PrescriptionView> _unusable = [];

    private string BackHref => _isPatient ? "/prescriptions" : "/";

    private string BackText => _isPatient ? "My prescriptions" : "Home";

    private string PrintLabel => _printable.Count == 1 ? "Print token" : $"Print all {_printable.Count} tokens";

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        var actor = await Current.GetAsync();
        _isPatient = actor?.IsPatient == true;
        _all = actor is null ? [] : await Prescriptions.ForRequestAsync(actor, Reference.Trim().ToUpperInvariant(), CancellationToken.None);
        _printable = [.. _all.Where(p => p.State == PrescriptionState.PendingCollection)];
        _unusable = [.. _all.Where(p => p.State != PrescriptionState.PendingCollection)];
        _loading = false;
    }

    private async Task PrintAsync() => await JS.InvokeVoidAsync("print");
}
