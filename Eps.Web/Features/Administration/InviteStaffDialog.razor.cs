using Eps.Core.Administration;
using Eps.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Eps.Web.Features.Administration;

/// <summary>Invites a doctor, pharmacist or admin by email; field errors from the core are shown beside their fields.</summary>
public sealed partial class InviteStaffDialog
{
    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;
    [Inject] private StaffInvitations Invitations { get; set; } = null!;
    [Inject] private CurrentActor Current { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    private string? _name;
    private string? _email;
    private string _role = Core.Accounts.Roles.Pharmacist;
    private int? _pharmacyId;
    private string? _registrationNumber;
    private Dictionary<string, string> _errors = [];
    private string? _message;
    private bool _busy;

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.GetValueOrDefault(field);

    private async Task SendAsync()
    {
        _busy = true;
        try
        {
            var actor = await Current.GetAsync();
            if (actor is null)
            {
                _message = "Your session has ended; sign in again.";
                return;
            }

            var result = await Invitations.InviteAsync(actor,
                new Invitation(_email ?? "", _name ?? "", _role, _pharmacyId, _registrationNumber), CancellationToken.None);
            _errors = new Dictionary<string, string>(result.Errors);
            _message = result.Succeeded || result.Errors.Count > 0 ? null : result.Message;
            if (result.Succeeded)
            {
                Snackbar.Add(result.Message, Severity.Success);
                Dialog.Close(DialogResult.Ok(true));
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
