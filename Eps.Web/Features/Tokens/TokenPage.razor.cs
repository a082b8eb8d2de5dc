using Eps.Core.Accounts;
using Eps.Core.Drugs;
using Eps.Core.Prescribing;
using Eps.Core.Tokens;
using Eps.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Eps.Web.Features.Tokens;

/// <summary>
/// The printable token: QR of the signed token, the prescription ID as text and CODE128, every field in plain text.
/// A token that can no longer be used is shown without its codes, so a printout of it never looks valid.
/// </summary>
public sealed partial class TokenPage
{
    [Inject] private CurrentActor Current { get; set; } = null!;
    [Inject] private Prescriptions Prescriptions { get; set; } = null!;
    [Inject] private TimeProvider Time { get; set; } = null!;
    [Inject] private Eps.Core.Reporting.LocalClock Clock { get; set; } = null!;
    [Inject] private IJSRuntime JS { get; set; } = null!;

    [Parameter] public string RxNumber { get; set; } = "";

    private bool _loading = true;
    private bool _isPatient;
    private PrescriptionView? _rx;
    private QrImage? _qr;
    private string? _barcode;

    private bool Usable => _qr is not null && _barcode is not null;

    /// <summary>"Repeat 1 of 2": the repeat this one's collection issued, when there is one.</summary>
    private string? NextLabel => _rx is { NextRxNumber: not null } rx ? RepeatText.Label(rx.RepeatNumber + 1, rx.RepeatsAuthorised) : null;

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

        // Codes are only drawn for a token that can still be used.
        var usable = _rx is { State: PrescriptionState.PendingCollection, Token.Length: > 0 };
        _qr = usable ? TokenQr.Render(_rx!.Token) : null;
        _barcode = usable ? PrescriptionBarcode.Code128Svg(_rx!.RxNumber) : null;
        _loading = false;
    }

    private async Task PrintAsync() => await JS.InvokeVoidAsync("print");

    private static string HpnText(string hpn) => Hpn.Format(hpn);

    private static string ScheduleText(DrugSchedule schedule) => schedule switch
    {
        DrugSchedule.Schedule2 => "Schedule 2 (controlled)",
        DrugSchedule.Schedule3 => "Schedule 3 (controlled)",
        _ => "Not controlled",
    };

    private static string CancellationText(PrescriptionView rx) =>
        string.IsNullOrWhiteSpace(rx.CancellationReason) ? "" : $" Reason: \u201c{rx.CancellationReason.Trim()}\u201d.";

    /// <summary>"Valid for 30 days", from the dates the token carries rather than from configuration.</summary>
    private static string ValidityText(PrescriptionView rx)
    {
        var days = (int)Math.Round((rx.ExpiresAt - rx.IssuedAt).TotalDays, MidpointRounding.AwayFromZero);
        return days == 1 ? "Valid for 1 day" : $"Valid for {days} days";
    }

    private string RemainingText(PrescriptionView rx)
    {
        var left = rx.ExpiresAt - Time.GetUtcNow().UtcDateTime;
        var days = (int)Math.Ceiling(left.TotalDays);
        return days switch
        {
            <= 0 => "Expired",
            1 => "Last day to collect",
            _ => $"{days} days left to collect",
        };
    }

    private static string StateTitle(PrescriptionState state) => state switch
    {
        PrescriptionState.Dispensed => "Already collected: this token has been used",
        PrescriptionState.Expired => "Expired: this token can no longer be used",
        PrescriptionState.Cancelled => "Cancelled: this token can no longer be used",
        _ => "This token can no longer be used",
    };

    /// <summary>Collected is the happy ending (green, like pending); expired and cancelled are errors.</summary>
    private static Color StateColor(PrescriptionState state) =>
        state is PrescriptionState.PendingCollection or PrescriptionState.Dispensed ? Color.Success : Color.Error;
}
