using System.Net;
using Eps.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Eps.Tests.Api.Accounts;

/// <summary>Self-registration of a patient through the real form.</summary>
[Collection(ApiCollection.Name)]
public sealed class RegistrationTests(EpsApp app)
{
    [Theory]
    [InlineData("")]
    [InlineData("+234 803 555 0100")]
    public async Task A_patient_registers_with_or_without_a_phone_and_gets_an_hpn(string phone)
    {
        var email = $"new.patient.{Guid.NewGuid():N}@example.com";

        using var client = app.NewClient();
        var response = await RegisterAsync(client, email, phone);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var db = await app.NewDbAsync();
        var patient = await db.Patients.SingleAsync(p => p.Email == email);
        Assert.Matches("^[0-9]{10}$", patient.Hpn);
        Assert.Equal(phone.Length == 0 ? null : phone, patient.Phone);

        // Signed in at once: the home page and the account page show the new HPN before any token exists.
        var printed = Eps.Core.Accounts.Hpn.Format(patient.Hpn);
        Assert.Contains(printed, await client.GetStringAsync("/"), StringComparison.Ordinal);
        Assert.Contains(printed, await client.GetStringAsync("/Account/Manage"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_phone_that_is_not_a_number_is_refused_in_the_form_and_nothing_is_saved()
    {
        var email = $"new.patient.{Guid.NewGuid():N}@example.com";

        using var client = app.NewClient();
        var response = await RegisterAsync(client, email, "call me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Enter a phone number like", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var db = await app.NewDbAsync();
        Assert.False(await db.Users.AnyAsync(u => u.Email == email));
    }

    private static async Task<HttpResponseMessage> RegisterAsync(HttpClient client, string email, string phone)
    {
        var page = await client.GetStringAsync("/Account/Register");
        var token = Login.AntiforgeryTokenIn(page) ?? throw new InvalidOperationException("The register page rendered no antiforgery token.");
        return await client.PostAsync("/Account/Register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "register",
            ["Input.FullName"] = "Chiamaka Obi",
            ["Input.Phone"] = phone,
            ["Input.Email"] = email,
            ["Input.Password"] = "Registr8tion!",
            ["Input.ConfirmPassword"] = "Registr8tion!",
        }));
    }
}
