using Eps.Core.Accounts;
using Eps.Core.Drugs;
using Eps.Core.Pharmacies;
using Eps.Core.Prescribing;
using Eps.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Eps.Web.Features.Prescribing;

/// <summary>The patient's request form: medicines from the catalogue, a reason, a nominated pharmacy.</summary>
public sealed partial class RequestPrescription
{
    [Inject] private CurrentActor Current { get; set; } = null!;
    [Inject] private Catalogue Catalogue { get; set; } = null!;
    [Inject] private PatientRequests Requests { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;

    private readonly List<ItemRow> _items = [new()];
    private Dictionary<string, string> _errors = [];
    private Actor? _actor;
    private Pharmacy? _pharmacy;
    private string? _reason;
    private bool _loading = true;
    private bool _submitting;

    protected override async Task OnInitializedAsync()
    {
        _actor = await Current.GetAsync();
        if (_actor is not null)
        {
            _pharmacy = await Requests.NominatedPharmacyAsync(_actor, CancellationToken.None);
        }

        _loading = false;
    }

    private async Task<IEnumerable<Drug>> SearchDrugsAsync(string? term, CancellationToken cancellationToken) =>
        await Catalogue.SearchAsync(term, 20, cancellationToken);

    private async Task<IEnumerable<Pharmacy>> SearchPharmaciesAsync(string? term, CancellationToken cancellationToken) =>
        await Requests.SearchPharmaciesAsync(term, 20, cancellationToken);

    private static void OnDrugChanged(ItemRow row, Drug? drug)
    {
        row.Drug = drug;
        var strengths = drug?.StrengthList.ToList() ?? [];
        row.Strength = strengths.Count == 1 ? strengths[0] : strengths.Contains(row.Strength ?? "") ? row.Strength : null;
    }

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.GetValueOrDefault(field);

    private async Task SubmitAsync()
    {
        if (_actor is null)
        {
            return;
        }

        _submitting = true;
        try
        {
            var request = new NewRequest(_pharmacy?.Id ?? 0, _reason ?? "",
                [.. _items.Select(r => new RequestedItem(r.Drug?.Id ?? 0, r.Strength ?? "", r.Quantity, r.Notes))]);
            var (result, reference) = await Requests.SubmitAsync(_actor, request, CancellationToken.None);
            _errors = new Dictionary<string, string>(result.Errors);
            if (result.Succeeded)
            {
                Snackbar.Add($"Request {reference} sent. We will let you know when a doctor has decided.", Severity.Success);
                Navigation.NavigateTo("/requests");
            }
            else
            {
                Snackbar.Add(result.Message, Severity.Warning);
            }
        }
        finally
        {
            _submitting = false;
        }
    }

    private sealed class ItemRow
    {
        public Drug? Drug { get; set; }
        public string? Strength { get; set; }
        public int Quantity { get; set; } = 28;
        public string? Notes { get; set; }
    }
}
