using Eps.Web.Components.Shared;

namespace Eps.Web.Components.Account.Shared;

/// <summary>
/// MudTextField's classes (outlined, label raised) for the account pages' fields. Those pages are static server
/// rendering, posted as plain forms, so their inputs are Blazor's InputText with MudBlazor's look rather than
/// MudTextField (which binds over a circuit); Eps.Tests/Web/Accounts compares these lists with MudTextField's.
/// </summary>
internal static class AccountMarkup
{
    public static string Control(bool required, bool error) => LeanCss.Join(
        "mud-input-control mud-input-outlined-with-label mud-input-input-control mud-input-sizing-fixed" + (required ? " mud-input-required" : ""),
        error ? "mud-input-error" : null);

    public static string Input(bool error) => LeanCss.Join(
        "mud-input mud-input-outlined mud-input-outlined-with-label mud-shrink mud-typography-subtitle1 mud-input-sizing-fixed",
        error ? "mud-input-error" : null);

    public const string Slot = "mud-input-slot mud-input-root mud-input-root-outlined";

    public static string Label(bool error) => LeanCss.Join(
        "mud-input-label mud-input-label-animated mud-input-label-outlined mud-input-label-inputcontrol",
        error ? "mud-input-error" : null);

    public const string HelperContainer = "mud-input-control-helper-container px-2";

    public static string Helper(bool error) => LeanCss.Join("d-flex mud-input-helper-text", error ? "mud-input-error" : null);
}
