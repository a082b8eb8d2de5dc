using Eps.Core.Accounts;
using Eps.Core.Drugs;
using Eps.Core.Prescribing;
using Eps.Core.Tokens;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Eps.Web.Features.Tokens;

/// <summary>
/// One printable token: QR of the signed token, the prescription ID as text and CODE128, every field in plain text.
/// A token that can no longer be used is shown without its codes, so a printout of it never looks valid.
/// </summary>
public sealed partial class TokenSheet
{
    [Inject] private TimeProvider Time { get; set; } = null!;
    [Inject] private Eps.Core.Reporting.LocalClock Clock { get; set; } = null!;

    [Parameter, EditorRequired] public PrescriptionView Prescription { get; set; } = null!;

    private QrImage? _qr;
    private string? _barcode;
    private string? _drawnFor;

    private bool Usable => _qr is not null && _barcode is not null;

    /// <summary>"Repeat 1 of 2": the repeat this one's collection issued, when there is one.</summary>
    private string? NextLabel => Prescription is { NextRxNumber: not null } rx ? RepeatText.Label(rx.RepeatNumber + 1, rx.RepeatsAuthorised) : null;

    protected override void OnParametersSet()
    {
        // Codes are only drawn for a token that can still be used, and drawn again only for another token.
        var usable = Prescription is { State: PrescriptionState.PendingCollection, Token.Length: > 0 };
        var key = usable ? Prescription.Token : null;
        if (key != _drawnFor)
        {
            _qr = usable ? TokenQr.Render(Prescription.Token) : null;
            _barcode = usable ? PrescriptionBarcode.Code128Svg(Prescription.RxNumber) : null;
            _drawnFor = key;
        }
    }

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
