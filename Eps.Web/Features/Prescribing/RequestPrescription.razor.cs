using Eps.Core.Accounts;
using Eps.Core.Drugs;
using Eps.Core.Pharmacies;
using Eps.Core.Prescribing;
using Eps.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Eps.Web.Features.Prescribing;

/// <summary>
/// The patient's request form: medicines from the catalogue, a reason, a nominated pharmacy. Opened from an earlier
/// request or prescription ("Request again") it starts filled in with those medicines and that pharmacy; the patient
/// still reviews and sends it.
/// </summary>
public sealed partial class RequestPrescription
{
    public const string FromRequestQuery = "from-request";
    public const string FromPrescriptionQuery = "from-prescription";

    /// <summary>The form prefilled from the patient's request <paramref name="reference"/>.</summary>
    public static string AgainFromRequest(string reference) => $"/requests/new?{FromRequestQuery}={Uri.EscapeDataString(reference)}";

    /// <summary>The form prefilled from the patient's prescription <paramref name="rxNumber"/>.</summary>
    public static string AgainFromPrescription(string rxNumber) => $"/requests/new?{FromPrescriptionQuery}={Uri.EscapeDataString(rxNumber)}";

    [Inject] private CurrentActor Current { get; set; } = null!;
    [Inject] private Catalogue Catalogue { get; set; } = null!;
    [Inject] private PatientRequests Requests { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;
    [Inject] private NavigationManager Navigation { get; set; } = null!;
    [Inject] private RequestAgain Again { get; set; } = null!;

    [SupplyParameterFromQuery(Name = FromRequestQuery)]
    public string? FromRequest { get; set; }

    [SupplyParameterFromQuery(Name = FromPrescriptionQuery)]
    public string? FromPrescription { get; set; }

    private readonly List<ItemRow> _items = [new()];
    private Dictionary<string, string> _errors = [];
    private Actor? _actor;
    private Pharmacy? _pharmacy;
    private string? _reason;
    private bool _loading = true;
    private bool _submitting;

    /// <summary>What the form was copied from, what could not be copied, or that the source was not found.</summary>
    private string? _copiedFrom;
    private IReadOnlyList<string> _leftOut = [];
    private bool _sourceMissing;

    protected override async Task OnInitializedAsync()
    {
        _actor = await Current.GetAsync();
        if (_actor is not null)
        {
            _pharmacy = await Requests.NominatedPharmacyAsync(_actor, CancellationToken.None);
            await CopyAsync(_actor);
        }

        _loading = false;
    }

    /// <summary>Fills the form from the earlier request or prescription named in the address, if any; never sends it.</summary>
    private async Task CopyAsync(Actor actor)
    {
        var draft = !string.IsNullOrWhiteSpace(FromRequest) ? await Again.FromRequestAsync(actor, FromRequest.Trim(), CancellationToken.None)
            : !string.IsNullOrWhiteSpace(FromPrescription) ? await Again.FromPrescriptionAsync(actor, FromPrescription.Trim(), CancellationToken.None)
            : null;
        if (draft is null)
        {
            _sourceMissing = !string.IsNullOrWhiteSpace(FromRequest) || !string.IsNullOrWhiteSpace(FromPrescription);
            return;
        }

        _copiedFrom = draft.Source;
        _leftOut = draft.LeftOut;
        _pharmacy = draft.Pharmacy;
        if (draft.Items.Count > 0)
        {
            _items.Clear();
            _items.AddRange(draft.Items.Select(i => new ItemRow { Drug = i.Drug, Strength = i.Strength, Quantity = i.Quantity }));
        }
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
