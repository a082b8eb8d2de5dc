using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Eps.E2E.Infrastructure;
using Eps.E2E.Pages;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Eps.E2E.Journeys;

[Collection(BrowserCollection.Name)]
public sealed class PrescribingJourneyTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_request_travels_from_patient_to_pharmacist_to_doctor_and_back_as_a_verifiable_token()
    {
        var reason = $"Repeat of my usual medicines {Guid.NewGuid():N}"[..48];

        // Patient asks for two medicines, collected at the default (Lagos) pharmacy.
        var patient = await fixture.NewPageAsync();
        await new SignInPage(patient).SignInAsync("patient@eps.test");
        var form = new RequestPrescriptionPage(patient);
        await form.OpenAsync();
        await form.AddMedicineAsync(0, "Amox", "Amoxicillin", "500 mg", 21);
        await form.AddMedicineAsync(1, "Metf", "Metformin", "500 mg", 56);
        await form.ReasonAsync(reason);
        await Assertions.Expect(patient.GetByLabel("Nominated pharmacy")).ToHaveValueAsync("Marina Community Pharmacy, Lagos");
        await form.SendAsync();
        // Blazor navigates in the page (history.pushState, no load event), sometimes before a navigation wait could
        // subscribe: poll the page's own location instead, then wait for the list.
        await patient.ShotOnFailureAsync("request-sent", () => patient.WaitForFunctionAsync(
            "() => location.pathname.endsWith('/requests')", null, new() { Timeout = 30_000 }));
        await Assertions.Expect(patient.GetByTestId("request").First.GetByText("Submitted").First).ToBeVisibleAsync();

        // The Lagos pharmacist forwards it.
        var pharmacist = await fixture.NewPageAsync();
        await new SignInPage(pharmacist).SignInAsync("pharmacist.lagos@eps.test");
        await pharmacist.OpenAsync("/pharmacy/triage");
        var card = pharmacist.GetByTestId("triage-request").Filter(new() { HasText = reason });
        await card.GetByRole(AriaRole.Button, new() { Name = "Forward to doctor" }).ClickAsync();
        await Assertions.Expect(pharmacist.GetByText("Forwarded to a doctor.")).ToBeVisibleAsync();

        // The doctor edits a dose and approves both items.
        var doctor = await fixture.NewPageAsync();
        await new SignInPage(doctor).SignInAsync("doctor@eps.test");
        await doctor.OpenAsync("/doctor/reviews");
        await doctor.GetByRole(AriaRole.Row).Filter(new() { HasText = "Amoxicillin 500 mg" }).Last
            .GetByRole(AriaRole.Link, new() { Name = "Review" }).ClickAsync();
        await doctor.WaitForSelectorAsync("#eps-interactive[data-ready='true']", new() { State = WaitForSelectorState.Attached });
        var items = doctor.GetByTestId("review-item");
        await items.Nth(0).GetByLabel("Dose instructions").FillAsync("Take one capsule three times a day for 7 days");
        await items.Nth(0).GetByLabel("Frequency").FillAsync("Three times daily");
        await items.Nth(1).GetByLabel("Dose instructions").FillAsync("Take one tablet twice a day with meals");
        await items.Nth(1).GetByLabel("Frequency").FillAsync("Twice daily");
        await doctor.GetByRole(AriaRole.Button, new() { Name = "Approve selected (2)" }).ClickAsync();
        var result = doctor.GetByTestId("approval-result");
        await Assertions.Expect(result).ToContainTextAsync("PHB-RX-");
        output.WriteLine(await result.InnerTextAsync());

        // The patient opens the token page; the QR on screen decodes to a token the verify API accepts.
        await patient.OpenAsync("/prescriptions");
        await patient.GetByTestId("prescription").Filter(new() { HasText = "Amoxicillin 500 mg" }).First
            .GetByRole(AriaRole.Link, new() { Name = "Print token" }).ClickAsync();
        var qr = patient.GetByRole(AriaRole.Img, new() { Name = "QR code of the signed prescription token" });
        await Assertions.Expect(qr).ToBeVisibleAsync();
        await Assertions.Expect(patient.GetByText("Take one capsule three times a day for 7 days")).ToBeVisibleAsync();
        await patient.ScreenshotAsync(new() { Path = Path.Combine(AppContext.BaseDirectory, "token-page.png"), FullPage = true });

        var stopwatch = Stopwatch.StartNew();
        var token = QrDecoder.Decode(await qr.ScreenshotAsync());
        output.WriteLine($"QR decoded in {stopwatch.ElapsedMilliseconds} ms: {token?.Length} characters");
        Assert.NotNull(token);
        Assert.StartsWith("EPS1:", token, StringComparison.Ordinal);

        using var http = new HttpClient { BaseAddress = new Uri(fixture.App.BaseUrl) };
        var response = await http.PostAsJsonAsync("/api/prescriptions/verify/", new { token, pharmacy_code = "PHB-PH-100101" });
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(json.GetProperty("valid").GetBoolean(), json.ToString());
        Assert.Equal("Amoxicillin 500 mg", json.GetProperty("details").GetProperty("medication").GetString());
        Assert.Equal("Take one capsule three times a day for 7 days", json.GetProperty("details").GetProperty("dosage").GetString());
    }

    [Fact]
    public async Task A_patient_cannot_open_another_patients_token()
    {
        var owner = await fixture.NewPageAsync();
        await new SignInPage(owner).SignInAsync("patient@eps.test");
        var rxNumber = await fixture.IssueForDemoPatientAsync();

        var stranger = await fixture.NewPageAsync();
        await new SignInPage(stranger).SignInAsync("patient2@eps.test");
        await stranger.OpenAsync($"/prescriptions/{rxNumber}/token");

        await Assertions.Expect(stranger.GetByText("not found", new() { Exact = false }).First).ToBeVisibleAsync();
        await Assertions.Expect(stranger.GetByRole(AriaRole.Img, new() { Name = "QR code of the signed prescription token" })).ToHaveCountAsync(0);

        await owner.OpenAsync($"/prescriptions/{rxNumber}/token");
        await Assertions.Expect(owner.GetByRole(AriaRole.Img, new() { Name = "QR code of the signed prescription token" })).ToBeVisibleAsync();
    }
}
