using Eps.Core.Prescribing;
using Eps.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Eps.Web.Features.Tokens;

/// <summary>
/// The printable token page of one prescription (<see cref="TokenSheet"/>), for those who may see it; anyone else reads
/// "not found", exactly as for an ID that does not exist.
/// </summary>
public sealed partial class TokenPage
{
    [Inject] private CurrentActor Current { get; set; } = null!;
    [Inject] private Prescriptions Prescriptions { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;

    [Parameter] public string RxNumber { get; set; } = "";

    private bool _loading = true;
    private bool _isPatient;
    private PrescriptionView? _rx;

    private string BackHref => _isPatient ? "/prescriptions" : "/";

    private string BackText => _isPatient ? "My prescriptions" : "Home";

    private string BackLinkText => _isPatient ? "Back to my prescriptions" : "Back to the home page";

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        var actor = await Current.GetAsync();
        _isPatient = actor?.IsPatient == true;
        var rxNumber = RxNumber.Trim().ToUpperInvariant();
        _rx = actor is null ? null : await Prescriptions.FindForAsync(actor, rxNumber, CancellationToken.None);
        _loading = false;
    }

    private async Task PrintAsync() => await JS.InvokeVoidAsync("print");
}
