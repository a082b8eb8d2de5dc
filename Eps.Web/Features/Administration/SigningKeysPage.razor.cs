using Eps.Core.Administration;
using Eps.Core.Tokens;
using Eps.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using MudBlazor;

namespace Eps.Web.Features.Administration;

/// <summary>The admin's view of the key ring, with rotation behind a confirmation.</summary>
public sealed partial class SigningKeysPage
{
    [Inject] private KeyRing Keys { get; set; } = null!;
    [Inject] private KeyAdministration Administration { get; set; } = null!;
    [Inject] private IOptions<TokenOptions> Options { get; set; } = null!;
    [Inject] private CurrentActor Current { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    private IReadOnlyList<SigningKey> _keys = [];
    private string? _activeKid;
    private bool _rotating;

    protected override void OnInitialized() => Load();

    private void Load()
    {
        // Newest first: the active key heads the table.
        _keys = [.. Keys.Keys.Reverse()];
        _activeKid = _keys.FirstOrDefault(k => !k.IsRetired)?.Kid;
    }

    private async Task RotateAsync()
    {
        var algorithm = Options.Value.Algorithm;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Rotate the signing key?",
            "New tokens will be signed with a new key. Tokens already printed keep verifying: the current key is retired, " +
            $"not deleted, and stays published for offline checks. The new key uses {algorithm}; the rotation is recorded in the audit trail.",
            yesText: "Rotate key", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        _rotating = true;
        try
        {
            var actor = await Current.GetAsync();
            if (actor is null)
            {
                Snackbar.Add("Your session has ended; sign in again to rotate the key.", Severity.Error);
                return;
            }

            var result = await Administration.RotateAsync(actor, algorithm, CancellationToken.None);
            Snackbar.Add(result.Message, result.Succeeded ? Severity.Success : Severity.Error);
            Load();
        }
        finally
        {
            _rotating = false;
        }
    }
}
