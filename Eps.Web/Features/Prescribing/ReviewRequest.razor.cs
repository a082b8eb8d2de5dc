using Eps.Core.Accounts;
using Eps.Core.Drugs;
using Eps.Core.Prescribing;
using Eps.Web.Components.Shared;
using Eps.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Eps.Web.Features.Prescribing;

/// <summary>The doctor's review of one request: edit each item, approve the selected ones or reject with a reason.</summary>
public sealed partial class ReviewRequest
{
    [Parameter] public int RequestId { get; set; }

    [Inject] private CurrentActor Current { get; set; } = null!;
    [Inject] private Reviews Reviews { get; set; } = null!;
    [Inject] private ControlledSigning Signing { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;
    [Inject] private ISnackbar Snackbar { get; set; } = null!;

    private Actor? _actor;
    private ReviewView? _review;
    private List<ItemRow> _rows = [];
    private Dictionary<string, string> _errors = [];
    private IReadOnlyList<string> _approvedIds = [];
    private string? _clinicalNotes;
    private string? _totpCode;
    private bool _twoFactorEnabled;
    private bool _loading = true;
    private bool _busy;

    private bool IsOpen => _review is not null && RequestRules.CanDecide(_review.Request.Status);

    // Approving a Schedule 2/3 item is a legal signature: the page asks for the authenticator code only then.
    private bool NeedsSignature => _rows.Any(r => r.Approve && r.Item.Priority == Priority.Controlled);

    protected override async Task OnParametersSetAsync()
    {
        _actor ??= await Current.GetAsync();
        _twoFactorEnabled = _actor is not null && await Signing.IsEnabledAsync(_actor);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _loading = true;
        _review = _actor is null ? null : await Reviews.GetAsync(_actor, RequestId, CancellationToken.None);
        _rows = _review?.Request.Items.Select(i => new ItemRow(i)).ToList() ?? [];
        _approvedIds = _review?.Request.PrescriptionIds ?? [];
        _loading = false;
    }

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.GetValueOrDefault(field);

    private async Task ApproveAsync()
    {
        if (_busy || _actor is null)
        {
            return;
        }

        _busy = true;
        try
        {
            var decisions = _rows.Select(r => new ItemDecision(r.Item.Id, r.Approve, r.Dosage ?? "", r.Frequency ?? "", r.Quantity, r.Refills)).ToList();
            var result = await Reviews.ApproveAsync(_actor, RequestId, decisions, _clinicalNotes, NeedsSignature ? _totpCode : null,
                CancellationToken.None);
            _totpCode = null; // codes are single-use and expire within a minute, so none is left in the form
            _errors = result.Errors is null ? [] : new Dictionary<string, string>(result.Errors);
            Snackbar.Add(result.Message, result.Succeeded ? Severity.Success : Severity.Error);
            if (result.Succeeded)
            {
                await LoadAsync();
                _approvedIds = result.PrescriptionIds;
            }
        }
        finally
        {
            _busy = false;
        }
    }

    private async Task RejectAsync()
    {
        var reason = await ReasonDialog.AskAsync(Dialogs, "Reject this request", "Reason for the patient", "Reject",
            "The patient sees this reason.", Color.Error);
        if (reason is null || _actor is null)
        {
            return;
        }

        _busy = true;
        try
        {
            var result = await Reviews.RejectAsync(_actor, RequestId, reason, CancellationToken.None);
            Snackbar.Add(result.Message, result.Succeeded ? Severity.Success : Severity.Warning);
            await LoadAsync();
        }
        finally
        {
            _busy = false;
        }
    }

    private sealed class ItemRow(RequestItemView item)
    {
        public RequestItemView Item { get; } = item;
        public bool Approve { get; set; } = item.Approved ?? true;
        public string? Dosage { get; set; } = item.ApprovedDosage;
        public string? Frequency { get; set; } = item.ApprovedFrequency;
        public int Quantity { get; set; } = item.ApprovedQuantity ?? item.QuantityRequested;
        public int Refills { get; set; } = item.Refills;
    }
}
