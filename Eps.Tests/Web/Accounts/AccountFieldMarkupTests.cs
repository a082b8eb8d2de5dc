using Bunit;
using Eps.Tests.Web.Markup;
using Eps.Web.Components.Account.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using static Eps.Tests.Web.Markup.LeanMarkup;

namespace Eps.Tests.Web.Accounts;

/// <summary>
/// The account forms' field (AccountTextField: Blazor's InputText, posted without a circuit) against the MudTextField it
/// copies, outlined with its label raised: the same classes element by element, with and without a validation error.
/// </summary>
public sealed class AccountFieldMarkupTests
{
    private static readonly string[] Parts =
    [
        ".mud-input-control", ".mud-input-control-input-container", ".mud-input", "fieldset", "label",
        ".mud-input-control-helper-container", ".mud-input-helper-text",
    ];

    [Fact]
    public async Task A_field_with_helper_text_has_MudTextField_classes()
    {
        await using var markup = new LeanMarkup();
        var mud = markup.Mud<MudTextField<string>>(p => p.Add(x => x.Label, "Email").Add(x => x.Variant, Variant.Outlined)
            .Add(x => x.ShrinkLabel, true).Add(x => x.Required, true).Add(x => x.HelperText, "You sign in with it.").Add(x => x.Value, "a@example.com"));
        var lean = markup.Lean(Field(new EditContext(new Model()), helper: "You sign in with it."));

        foreach (var part in Parts)
        {
            SameClasses(mud, lean, part);
        }

        // InputText adds Blazor's field state class ("valid") beside MudBlazor's.
        SameClasses(mud, lean, "input", leanAdds: ["valid"]);
        Assert.Equal(Find(lean, "input", "lean").Id, Find(lean, "label", "lean").GetAttribute("for"));
    }

    [Fact]
    public async Task A_field_with_a_validation_message_has_the_classes_of_a_MudTextField_in_error()
    {
        await using var markup = new LeanMarkup();
        var mud = markup.Mud<MudTextField<string>>(p => p.Add(x => x.Label, "Email").Add(x => x.Variant, Variant.Outlined)
            .Add(x => x.ShrinkLabel, true).Add(x => x.Required, true).Add(x => x.Error, true).Add(x => x.ErrorText, "Enter your email."));
        var model = new Model();
        var context = new EditContext(model);
        var messages = new ValidationMessageStore(context);
        messages.Add(context.Field(nameof(Model.Email)), "Enter your email.");
        var lean = markup.Lean(Field(context));

        foreach (var part in Parts)
        {
            SameClasses(mud, lean, part);
        }

        SameClasses(mud, lean, "input", leanAdds: ["invalid"]);
        var input = Find(lean, "input", "lean");
        Assert.Equal("true", input.GetAttribute("aria-invalid"));
        Assert.Equal("Enter your email.", lean.Find("#" + input.GetAttribute("aria-describedby")!.Replace(".", "\\.", StringComparison.Ordinal)).TextContent.Trim());
    }

    private static RenderFragment Field(EditContext context, string? helper = null) => builder =>
    {
        var model = (Model)context.Model;
        builder.OpenComponent<CascadingValue<EditContext>>(0);
        builder.AddComponentParameter(1, "Value", context);
        builder.AddComponentParameter(2, "IsFixed", true);
        builder.AddComponentParameter(3, "ChildContent", (RenderFragment)(field =>
        {
            field.OpenComponent<AccountTextField>(0);
            field.AddComponentParameter(1, nameof(AccountTextField.Id), "Input.Email");
            field.AddComponentParameter(2, nameof(AccountTextField.Label), "Email");
            field.AddComponentParameter(3, nameof(AccountTextField.Required), true);
            field.AddComponentParameter(4, nameof(AccountTextField.HelperText), helper);
            field.AddComponentParameter(5, nameof(AccountTextField.ValueExpression), (System.Linq.Expressions.Expression<Func<string?>>)(() => model.Email));
            field.AddComponentParameter(6, nameof(AccountTextField.Value), model.Email);
            field.CloseComponent();
        }));
        builder.CloseComponent();
    };

    private sealed class Model
    {
        public string? Email { get; set; } = "a@example.com";
    }
}
