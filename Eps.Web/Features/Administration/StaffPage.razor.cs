using Eps.Core.Administration;
using Eps.Web.Features.Accounts;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Eps.Web.Features.Administration;

/// <summary>The admin's list of accounts: search by name or email, filter by role, page, and invite new staff.</summary>
public sealed partial class StaffPage
{
    [Inject] private StaffDirectory Staff { get; set; } = null!;
    [Inject] private CurrentActor Current { get; set; } = null!;
    [Inject] private IDialogService Dialogs { get; set; } = null!;

    private MudTable<StaffRow>? _table;
    private string? _search;
    private string? _role;

    private async Task<TableData<StaffRow>> LoadAsync(TableState state, CancellationToken cancellationToken)
    {
        var actor = await Current.GetAsync(cancellationToken);
        if (actor is null)
        {
            return new TableData<StaffRow> { Items = [], TotalItems = 0 };
        }

        var page = await Staff.SearchAsync(actor, new StaffQuery(_search, _role, state.Page * state.PageSize, state.PageSize), cancellationToken);
        return new TableData<StaffRow> { Items = page.Rows, TotalItems = page.Total };
    }

    private Task OnSearchChanged(string? search)
    {
        _search = search;
        return ReloadAsync();
    }

    private Task OnRoleChanged(string? role)
    {
        _role = role;
        return ReloadAsync();
    }

    private Task ReloadAsync() => _table?.ReloadServerData() ?? Task.CompletedTask;

    private async Task InviteAsync()
    {
        var dialog = await Dialogs.ShowAsync<InviteStaffDialog>("Invite staff", new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            await ReloadAsync();
        }
    }
}
