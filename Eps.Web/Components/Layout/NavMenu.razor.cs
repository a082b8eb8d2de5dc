using Eps.Core.Accounts;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;

namespace Eps.Web.Components.Layout;

/// <summary>The drawer's links for the signed-in user's roles, the current page's link marked active.</summary>
public sealed partial class NavMenu : IDisposable
{
    [Inject] private NavigationManager Navigation { get; set; } = null!;

    [CascadingParameter] private Task<AuthenticationState>? AuthenticationState { get; set; }

    private Task<AuthenticationState>? _readFrom;
    private RoleSet _roles;
    private string _path = "";

    protected override void OnInitialized()
    {
        _path = PathOf(Navigation.Uri);
        Navigation.LocationChanged += OnLocationChanged;
    }

    protected override async Task OnParametersSetAsync()
    {
        if (AuthenticationState is { } state && !ReferenceEquals(state, _readFrom))
        {
            _readFrom = state;
            var user = (await state).User;
            _roles = new RoleSet(user.IsInRole(Roles.Patient), user.IsInRole(Roles.Pharmacist), user.IsInRole(Roles.Doctor), user.IsInRole(Roles.Admin));
        }
    }

    /// <summary>As NavLink matches: the whole path (<paramref name="exact"/>) or the path and anything below it.</summary>
    private bool IsActive(string href, bool exact)
    {
        var target = href.AsSpan().Trim('/');
        var path = _path.AsSpan();
        if (path.Equals(target, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return !exact && target.Length > 0 && path.Length > target.Length && path[target.Length] == '/'
            && path.StartsWith(target, StringComparison.OrdinalIgnoreCase);
    }

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        var path = PathOf(e.Location);
        if (path != _path)
        {
            _path = path;
            _ = InvokeAsync(StateHasChanged);
        }
    }

    private string PathOf(string uri)
    {
        var relative = Navigation.ToBaseRelativePath(uri);
        var end = relative.AsSpan().IndexOfAny('?', '#');
        return (end < 0 ? relative : relative[..end]).TrimEnd('/');
    }

    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;

    private readonly record struct RoleSet(bool Patient, bool Pharmacist, bool Doctor, bool Admin);
}
