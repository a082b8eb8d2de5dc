using Eps.Core.Accounts;
using Eps.Core.Pharmacies;
using Eps.Core.Prescribing;
using Eps.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Eps.Web.Features.Pharmacies;

/// <summary>The admin's pharmacies: the list with staff and pending counts, the add/edit form, deactivation behind a confirmation.</summary>
public sealed partial class PharmaciesPage
{
    [Inject] private PharmacyAdministration Administration { get; set; } = null!;
    [Inject] private CurrentActor Current { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    private IReadOnlyList<PharmacyRow> _rows = [];
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private PharmacyForm? _form;
    private bool _loading = true;
    private bool _saving;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        _loading = true;
        try
        {
            _rows = await Current.GetAsync() is { } actor ? await Administration.ListAsync(actor, CancellationToken.None) : [];
        }
        finally
        {
            _loading = false;
        }
    }

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.GetValueOrDefault(field);

    private void StartAdding() => Open(new PharmacyForm { Code = PharmacyRules.CodePrefix });

    private void StartEditing(PharmacyRow row) => Open(PharmacyForm.Of(row));

    private void Open(PharmacyForm form)
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
        if (_form is null || await Current.GetAsync() is not { } actor)
        {
            return;
        }

        _saving = true;
        try
        {
            var draft = _form.Draft;
            var result = _form.Id is { } id
                ? await Administration.UpdateAsync(actor, id, draft, CancellationToken.None)
                : await Administration.CreateAsync(actor, draft, CancellationToken.None);
            _errors = result.Errors;
            if (result.Succeeded)
            {
                _form = null;
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
            _saving = false;
        }
    }

    private async Task DeactivateAsync(PharmacyRow row)
    {
        var pending = row.PendingCount == 1 ? "1 pending prescription stays" : $"{row.PendingCount} pending prescriptions stay";
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Deactivate {row.Name}?",
            $"Patients will no longer be able to nominate {row.Name}. {pending} in its queue and can still be dispensed. "
            + "You can reactivate it later; the change is recorded in the audit trail.",
            yesText: "Deactivate", cancelText: "Cancel");
        if (confirmed == true)
        {
            await RunAsync(actor => Administration.DeactivateAsync(actor, row.Id, CancellationToken.None));
        }
    }

    private Task ReactivateAsync(PharmacyRow row) =>
        RunAsync(actor => Administration.ReactivateAsync(actor, row.Id, CancellationToken.None));

    private async Task RunAsync(Func<Actor, Task<CommandResult>> command)
    {
        if (await Current.GetAsync() is not { } actor)
        {
            Snackbar.Add("Your session has ended; sign in again.", Severity.Error);
            return;
        }

        _saving = true;
        try
        {
            var result = await command(actor);
            Snackbar.Add(result.Message, result.Succeeded ? Severity.Success : Severity.Error);
            await LoadAsync();
        }
        finally
        {
            _saving = false;
        }
    }

    /// <summary>The form's fields, owned by the page while the form is open.</summary>
    private sealed class PharmacyForm
    {
        public int? Id { get; init; }
        public string Original { get; init; } = "";
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public string Address { get; set; } = "";
        public string City { get; set; } = "";
        public string Postcode { get; set; } = "";
        public string Phone { get; set; } = "";
        public string Email { get; set; } = "";
        public string? OpeningHours { get; set; }

        public PharmacyDraft Draft => new(Code, Name, Address, City, Postcode, Phone, Email, OpeningHours);

        public static PharmacyForm Of(PharmacyRow row) => new()
        {
            Id = row.Id, Original = row.Name, Code = row.Code, Name = row.Name, Address = row.Address, City = row.City,
            Postcode = row.Postcode, Phone = row.Phone, Email = row.Email, OpeningHours = row.OpeningHours,
        };
    }
}
