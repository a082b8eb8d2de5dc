using Eps.Core.Administration;
using Eps.Core.Prescribing;
using Eps.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Eps.Web.Features.Administration;

/// <summary>One account as an admin manages it: roles, pharmacy, registration number, lock and authenticator.</summary>
public sealed partial class StaffMemberPage
{
    [Parameter] public string Id { get; set; } = "";

    [Inject] private StaffDirectory Staff { get; set; } = null!;
    [Inject] private StaffAdministration Administration { get; set; } = null!;
    [Inject] private StaffInvitations Invitations { get; set; } = null!;
    [Inject] private CurrentActor Current { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    private StaffMember? _member;
    private bool _loading = true;
    private bool _busy;
    private string? _grantRole;
    private int? _pharmacyId;
    private string? _registrationNumber;
    private Dictionary<string, string> _errors = [];

    protected override async Task OnParametersSetAsync()
    {
        _loading = true;
        await LoadAsync();
        _loading = false;
    }

    private async Task LoadAsync()
    {
        var actor = await Current.GetAsync();
        _member = actor is null ? null : await Staff.FindAsync(actor, Id, CancellationToken.None);
        _pharmacyId = _member?.PharmacyId;
        _registrationNumber = _member?.RegistrationNumber;
        _grantRole = null;
    }

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.GetValueOrDefault(field);

    private Task GrantAsync() =>
        RunAsync((a, ct) => Administration.GrantRoleAsync(a, Id, _grantRole ?? "", _pharmacyId, _registrationNumber, ct));

    private async Task RevokeAsync(string role)
    {
        if (await ConfirmAsync($"Remove the {role} role?", $"{_member?.FullName} loses what the {role} role gives at once; open sessions end within 30 minutes.", "Remove"))
        {
            await RunAsync((a, ct) => Administration.RevokeRoleAsync(a, Id, role, ct));
        }
    }

    private Task MoveAsync() => RunAsync((a, ct) => Administration.AssignPharmacyAsync(a, Id, _pharmacyId ?? 0, ct));

    private Task SaveRegistrationAsync() => RunAsync((a, ct) => Administration.SetRegistrationNumberAsync(a, Id, _registrationNumber, ct));

    private async Task LockAsync()
    {
        if (await ConfirmAsync("Lock this account?", $"{_member?.FullName} cannot sign in until unlocked; open sessions end within 30 minutes.", "Lock"))
        {
            await RunAsync((a, ct) => Administration.LockAsync(a, Id, ct));
        }
    }

    private Task UnlockAsync() => RunAsync((a, ct) => Administration.UnlockAsync(a, Id, ct));

    private async Task ResetAuthenticatorAsync()
    {
        if (await ConfirmAsync("Reset the authenticator?",
                "Two-factor authentication is switched off and the old authenticator stops working. The user signs in with their password " +
                "and sets up a new authenticator before signing controlled prescriptions again.", "Reset"))
        {
            await RunAsync((a, ct) => Administration.ResetAuthenticatorAsync(a, Id, ct));
        }
    }

    private Task ResendAsync() => RunAsync((a, ct) => Invitations.ResendInvitationAsync(a, Id, ct));

    private async Task<bool> ConfirmAsync(string title, string text, string yes) =>
        await Dialogs.ShowMessageBoxAsync(title, text, yesText: yes, cancelText: "Cancel") == true;

    private async Task RunAsync(Func<Core.Accounts.Actor, CancellationToken, Task<CommandResult>> command)
    {
        _busy = true;
        try
        {
            var actor = await Current.GetAsync();
            if (actor is null)
            {
                Snackbar.Add("Your session has ended; sign in again.", Severity.Error);
                return;
            }

            var result = await command(actor, CancellationToken.None);
            _errors = new Dictionary<string, string>(result.Errors);
            if (result.Succeeded)
            {
                Snackbar.Add(result.Message, Severity.Success);
                await LoadAsync();
            }
            else if (result.Errors.Count == 0)
            {
                Snackbar.Add(result.Message, Severity.Error);
            }
        }
        finally
        {
            _busy = false;
        }
    }
}
