using System.Globalization;
using Eps.Core.Accounts;
using Eps.Core.Audit;
using Eps.Core.Reporting;
using Eps.Web.Components.Shared;
using Eps.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;

namespace Eps.Web.Features.Audit;

/// <summary>The admin's audit browser: filter the hash-chained trail, page through it, export it, check the chain.</summary>
public sealed partial class AuditTrailPage
{
    public const int PageSize = 50;

    [Inject] private CurrentActor Current { get; set; } = null!;
    [Inject] private AuditBrowser Browser { get; set; } = null!;
    [Inject] private AuditVerifier Verifier { get; set; } = null!;

    private Actor? _actor;
    private IReadOnlyList<string> _kinds = [];
    private ReportPeriod? _period;
    private string _kind = "";
    private string? _actorText;
    private string? _subject;
    private int _pageNumber = 1;
    private AuditPage? _page;
    private string? _problem;
    private string? _csvUrl;
    private ChainReport? _chain;
    private bool _checking;

    private int PageCount => _page is null ? 0 : (int)Math.Ceiling(_page.Total / (double)PageSize);

    private string Summary => string.Create(CultureInfo.InvariantCulture,
        $"{_page!.Total:N0} entries · showing {(_pageNumber - 1) * PageSize + 1:N0}–{(_pageNumber - 1) * PageSize + _page.Rows.Count:N0}");

    protected override async Task OnInitializedAsync()
    {
        _actor = await Current.GetAsync();
        if (_actor is not null)
        {
            _kinds = await Browser.KindsAsync(_actor, CancellationToken.None);
        }
    }

    private Task OnPeriodChanged(ReportSelection selection)
    {
        _period = selection.Period;
        _problem = selection.Problem;
        return ReloadAsync(firstPage: true);
    }

    private Task OnKindChanged(string? kind)
    {
        _kind = kind ?? "";
        return ReloadAsync(firstPage: true);
    }

    private Task OnActorChanged(string? actor)
    {
        _actorText = actor;
        return ReloadAsync(firstPage: true);
    }

    private Task OnSubjectChanged(string? subject)
    {
        _subject = subject;
        return ReloadAsync(firstPage: true);
    }

    private Task OnPageChanged(int page)
    {
        _pageNumber = page;
        return ReloadAsync(firstPage: false);
    }

    private async Task ReloadAsync(bool firstPage)
    {
        if (firstPage)
        {
            _pageNumber = 1;
        }

        _csvUrl = null;
        if (_period is not { } period)
        {
            _problem = "Choose both dates of the period.";
            return;
        }

        if (!AuditFilter.TryCreate(period, _kind, _actorText, _subject, out var filter, out var error))
        {
            _problem = error.Message;
            return;
        }

        _problem = null;
        _csvUrl = AuditEndpoints.CsvUrl(filter);
        _actor ??= await Current.GetAsync();
        _page = _actor is null ? new([], 0) : await Browser.PageAsync(_actor, filter, (_pageNumber - 1) * PageSize, PageSize, CancellationToken.None);
    }

    private async Task CheckChainAsync()
    {
        _checking = true;
        try
        {
            _chain = await Verifier.VerifyAsync(CancellationToken.None);
        }
        finally
        {
            _checking = false;
        }
    }
}
