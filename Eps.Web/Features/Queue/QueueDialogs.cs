using Eps.Core.Dispensing;
using Eps.Web.Features.Dispensing;
using MudBlazor;

namespace Eps.Web.Features.Queue;

/// <summary>The desk's dialogs opened from the queue: scan a token, verify and dispense; a dispense is confirmed in a snackbar.</summary>
internal static class QueueDialogs
{
    public static async Task ScanAsync(IDialogService dialogs, ISnackbar snackbar)
    {
        var code = await ScannerDialog.ShowAsync(dialogs);
        if (code is not null)
        {
            await VerifyAsync(dialogs, snackbar, code);
        }
    }

    public static Task VerifyIdAsync(IDialogService dialogs, ISnackbar snackbar, string prescriptionId) =>
        VerifyAsync(dialogs, snackbar, new ScannedCode(ScannedKind.PrescriptionId, prescriptionId));

    private static async Task VerifyAsync(IDialogService dialogs, ISnackbar snackbar, ScannedCode code)
    {
        var outcome = await VerifyDialog.ShowAsync(dialogs, code);
        if (outcome?.Succeeded == true)
        {
            snackbar.Add($"{outcome.Receipt!.PrescriptionId} dispensed to {outcome.Receipt.PatientName}.", Severity.Success);
        }
    }
}
