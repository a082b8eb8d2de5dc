using Eps.Core.Accounts;
using Eps.Core.Drugs;
using Eps.Core.Prescribing;
using Eps.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;

namespace Eps.Web.Features.Drugs;

/// <summary>The admin's drug catalogue: search, add/edit, retire/restore behind a confirmation, CSV export and import.</summary>
public sealed partial class DrugsPage
{
    /// <summary>An upload larger than the import accepts is refused before it is read.</summary>
    public const long MaxUploadBytes = CatalogueCsv.MaxChars;

    [Inject] private CatalogueAdministration Administration { get; set; } = null!;
    [Inject] private CatalogueTransfer Transfer { get; set; } = null!;
    [Inject] private CurrentActor Current { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    private IReadOnlyList<Drug> _drugs = [];
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private DrugFormModel? _form;
    private CatalogueImportResult? _import;
    private string? _search;
    private bool _showRetired;
    private bool _loading = true;
    private bool _saving;

    private IEnumerable<Drug> Shown => _drugs
        .Where(d => _showRetired || d.RetiredAt is null)
        .Where(d => string.IsNullOrWhiteSpace(_search)
            || d.GenericName.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase)
            || d.Category.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase));

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            _drugs = await Current.GetAsync() is { } actor ? await Administration.ListAsync(actor, CancellationToken.None) : [];
        }
        finally
        {
            _loading = false;
        }
    }

    private void StartAdding() => Open(new DrugFormModel());

    private void StartEditing(Drug drug) => Open(DrugFormModel.Of(drug));

    private void Open(DrugFormModel form)
    {
        _errors = new Dictionary<string, string>();
        _form = form;
    }

    private void Cancel()
    {
        _form = null;
        _errors = new Dictionary<string, string>();
    }

    private async Task SaveAsync()
    {
        if (_form is null)
        {
            return;
        }

        var form = _form;
        var result = await RunAsync(actor => form.Id is { } id
            ? Administration.UpdateAsync(actor, id, form.Draft, CancellationToken.None)
            : Administration.AddAsync(actor, form.Draft, CancellationToken.None), announceFailure: false);
        _errors = result?.Errors ?? new Dictionary<string, string>();
        if (result is { Succeeded: true })
        {
            _form = null;
        }
        else if (result is { Errors.Count: 0 })
        {
            Snackbar.Add(result.Message, Severity.Error);
        }
    }

    private async Task RetireAsync(Drug drug)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Retire {drug.GenericName}?",
            $"{drug.GenericName} will no longer be offered to patients, and open requests for it cannot be approved. "
            + "Prescriptions already issued keep working. You can restore it later; the change is recorded in the audit trail.",
            yesText: "Retire", cancelText: "Cancel");
        if (confirmed == true)
        {
            await RunAsync(actor => Administration.RetireAsync(actor, drug.Id, CancellationToken.None));
        }
    }

    private async Task RestoreAsync(Drug drug) => await RunAsync(actor => Administration.RestoreAsync(actor, drug.Id, CancellationToken.None));

    private async Task ImportAsync(InputFileChangeEventArgs e)
    {
        _import = null;
        if (e.File.Size > MaxUploadBytes)
        {
            _import = new CatalogueImportResult(false, $"That file is larger than {MaxUploadBytes / 1_000_000} MB; nothing was imported.", 0, 0, 0, []);
            return;
        }

        if (await Current.GetAsync() is not { } actor)
        {
            Snackbar.Add("Your session has ended; sign in again.", Severity.Error);
            return;
        }

        _saving = true;
        try
        {
            string text;
            await using (var stream = e.File.OpenReadStream(MaxUploadBytes))
            using (var reader = new StreamReader(stream))
            {
                text = await reader.ReadToEndAsync();
            }

            _import = await Transfer.ImportAsync(actor, text, CancellationToken.None);
            await LoadAsync();
        }
        finally
        {
            _saving = false;
        }
    }

    private async Task<CommandResult?> RunAsync(Func<Actor, Task<CommandResult>> command, bool announceFailure = true)
    {
        if (await Current.GetAsync() is not { } actor)
        {
            Snackbar.Add("Your session has ended; sign in again.", Severity.Error);
            return null;
        }

        _saving = true;
        try
        {
            var result = await command(actor);
            if (result.Succeeded || announceFailure)
            {
                Snackbar.Add(result.Message, result.Succeeded ? Severity.Success : Severity.Error);
            }

            if (result.Succeeded)
            {
                await LoadAsync();
            }

            return result;
        }
        finally
        {
            _saving = false;
        }
    }
}
