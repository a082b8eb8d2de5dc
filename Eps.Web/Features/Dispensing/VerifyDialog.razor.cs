using Eps.Core.Accounts;
using Eps.Core.Dispensing;
using Eps.Core.Pharmacies;
using Eps.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace Eps.Web.Features.Dispensing;

/// <summary>
/// Verifies a scanned token (or a typed/barcode ID after the patient's HPN is confirmed), shows the outcome and
/// dispenses through the same core service as the API. Closes with the <see cref="DispenseOutcome"/> on success.
/// </summary>
public sealed partial class VerifyDialog
{
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;

    [Parameter, EditorRequired] public ScannedCode Code { get; set; } = null!;

    [Inject] private CurrentActor Current { get; set; } = null!;
    [Inject] private VerificationService Verifier { get; set; } = null!;
    [Inject] private DispenseService Dispenser { get; set; } = null!;
    [Inject] private PharmacyDirectory Pharmacies { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    private Actor? _actor;
    private Task _signedIn = Task.CompletedTask;
    private string? _pharmacyCode;
    private VerificationOutcome? _outcome;
    private bool _needsHpn;
    private bool _busy;
    private string? _hpn;
    private string? _hpnError;
    private IdDocumentType? _idType;
    private string? _idNumber;
    private string? _pharmacist;
    private string? _notes;
    private Dictionary<string, string> _errors = [];
    private MudTextField<string>? _hpnField;
    private ElementReference _outcomeRegion;
    private bool _focusHpn;
    private bool _focusOutcome;

    /// <summary>A typed ID whose HPN did not match can be tried again in place, without scanning anew.</summary>
    private bool CanRetryHpn => Code.Kind == ScannedKind.PrescriptionId && _outcome?.StepFailed == VerificationSteps.Identity && !_busy;

    public static async Task<DispenseOutcome?> ShowAsync(IDialogService dialogs, ScannedCode code)
    {
        var dialog = await dialogs.ShowAsync<VerifyDialog>(null, new DialogParameters<VerifyDialog> { { d => d.Code, code } },
            new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: DispenseOutcome outcome } ? outcome : null;
    }

    protected override async Task OnInitializedAsync()
    {
        // Known before anything loads, so the HPN field is in the first render and the dialog's focus trap starts on it.
        _needsHpn = Code.Kind == ScannedKind.PrescriptionId;
        _signedIn = LoadPharmacistAsync();
        await _signedIn;
        if (_needsHpn)
        {
            return;
        }

        await RunAsync(() => Verifier.VerifyAsync(new VerifyRequest(Code.Text, null, null, null, _pharmacyCode, null),
            Current.OriginOf(_actor!), CancellationToken.None));
    }

    /// <summary>Who verifies, and at which pharmacy; the HPN field is on screen (and may be answered) before this ends.</summary>
    private async Task LoadPharmacistAsync()
    {
        _actor = await Current.GetAsync();
        _pharmacist = _actor?.FullName;
        if (_actor?.PharmacyId is { } id)
        {
            _pharmacyCode = (await Pharmacies.FindAsync(id, CancellationToken.None))?.Code;
        }
    }

    /// <summary>Keyboard users land where the next step is: the HPN field when it appears, the outcome once it is known.</summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_focusHpn && _hpnField is not null)
        {
            _focusHpn = false;
            await _hpnField.FocusAsync();
        }
        else if (_focusOutcome && _outcome is not null && !_busy && !_needsHpn)
        {
            _focusOutcome = false;
            await _outcomeRegion.FocusAsync();
        }
    }

    private void OnHpnChanged(string? value)
    {
        _hpn = value;
        _hpnError = null;
    }

    private void OnIdNumberChanged(string? value)
    {
        _idNumber = value;
        _errors.Remove("id_document_number");
    }

    private void OnIdTypeChanged(IdDocumentType? value)
    {
        _idType = value;
        _errors.Remove("id_document_type");
    }

    private void RetryHpn()
    {
        _outcome = null;
        _hpn = null;
        _needsHpn = _focusHpn = true;
    }

    private async Task OnHpnKeyUp(KeyboardEventArgs e)
    {
        if (e.Key == "Enter")
        {
            await ContinueAsync();
        }
    }

    private async Task ContinueAsync()
    {
        if (!Hpn.TryNormalize(_hpn, out _))
        {
            _hpnError = "An HPN is 10 digits, e.g. 123 456 7890.";
            return;
        }

        // A quick pharmacist may answer before the dialog knows who is signed in.
        await _signedIn;
        if (_actor is null)
        {
            _hpnError = "Your session has ended. Sign in again to verify.";
            return;
        }

        _needsHpn = false;
        await RunAsync(() => Verifier.VerifyByIdAsync(Code.Text, _hpn, Current.OriginOf(_actor), CancellationToken.None));
    }

    private async Task RunAsync(Func<Task<VerificationOutcome>> verify)
    {
        _busy = true;
        try
        {
            _outcome = await verify();
            _focusOutcome = true;
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task DispenseAsync()
    {
        if (_outcome?.Prescription is not { } p || _actor is null || _busy)
        {
            return;
        }

        _errors = [];
        if (string.IsNullOrWhiteSpace(_pharmacist))
        {
            _errors["pharmacist_name"] = "Enter the dispensing pharmacist's name.";
            return;
        }

        _busy = true;
        try
        {
            var outcome = await Dispenser.DispenseAsync(
                new DispenseCommand(p.PrescriptionId, p.Nonce, _pharmacyCode ?? "", _pharmacist, _notes, _idType, _idNumber),
                Current.OriginOf(_actor), CancellationToken.None);
            if (outcome.Succeeded)
            {
                Dialog.Close(DialogResult.Ok(outcome));
                return;
            }

            if (outcome.Field is { } field)
            {
                _errors[field] = outcome.Message;
            }
            else
            {
                Snackbar.Add(outcome.Message, Severity.Error);
                _outcome = VerificationOutcome.Fail(VerificationSteps.Dispensing, outcome.Message, p, outcome.AlreadyDispensed);
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
