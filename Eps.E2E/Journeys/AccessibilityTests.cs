using System.Net.Http.Json;
using Eps.E2E.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Eps.E2E.Journeys;

/// <summary>
/// The main pages of every role, signed in once per role and visited in turn, have no critical or serious WCAG 2.1
/// A/AA violation as axe-core finds them. A failure lists each violation's page, rule, impact and element.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    private readonly AxeAudit _axe = new();

    [Fact]
    public async Task The_home_page_has_no_serious_accessibility_violations()
    {
        var page = await fixture.NewPageAsync();
        await VisitAsync(page, "home (signed out)", "/");
        _axe.AssertClean();
    }

    [Fact]
    public async Task The_first_tab_offers_a_skip_link_that_moves_focus_past_the_menu_to_the_page()
    {
        var page = await SignedInAsync("pharmacist.lagos@eps.test");
        await page.OpenAsync("/pharmacy/triage");
        await Expect(page.GetByRole(AriaRole.Main)).ToHaveCountAsync(1);
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" })).ToBeVisibleAsync();

        // Blazor moves focus to the heading once navigation settles (FocusOnNavigate), which on a loaded machine can come
        // after the first Tab: start again from the top of the page until the Tab lands after it.
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to main content" });
        for (var attempt = 0; ; attempt++)
        {
            await page.EvaluateAsync("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }");
            await page.Keyboard.PressAsync("Tab");
            if (await skip.EvaluateAsync<bool>("e => e === document.activeElement") || attempt == 4)
            {
                break;
            }

            await page.WaitForTimeoutAsync(500);
        }

        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeInViewportAsync(); // shown while focused
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Main)).ToBeFocusedAsync();
        Assert.EndsWith("/pharmacy/triage#main-content", page.Url, StringComparison.Ordinal); // still on the same page
    }

    // The account pages are static (no circuit): no wait for interactivity.
    [Fact]
    public async Task The_sign_in_page_has_no_serious_accessibility_violations()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/Account/Login");
        await _axe.CheckAsync(page, "sign-in");
        _axe.AssertClean();
    }

    [Fact]
    public async Task The_register_page_has_no_serious_accessibility_violations()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync("/Account/Register");
        await _axe.CheckAsync(page, "register");
        _axe.AssertClean();
    }

    [Fact]
    public async Task The_patients_pages_have_no_serious_accessibility_violations()
    {
        var rxNumber = await fixture.IssueForDemoPatientAsync();
        var page = await SignedInAsync("patient@eps.test");

        await VisitAsync(page, "home (patient)", "/");
        await VisitAsync(page, "request form", "/requests/new");
        await VisitAsync(page, "my requests", "/requests", page.GetByTestId("request").First);
        await VisitAsync(page, "my prescriptions", "/prescriptions", page.GetByTestId("prescription").First);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change pharmacy" }).ClickAsync();
        await Expect(page.GetByLabel("New pharmacy")).ToBeVisibleAsync();
        await _axe.CheckAsync(page, "my prescriptions (changing pharmacy)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Collect elsewhere" }).First.ClickAsync();
        await Expect(page.GetByTestId("move-panel")).ToBeVisibleAsync();
        await _axe.CheckAsync(page, "my prescriptions (moving a prescription)");
        await VisitAsync(page, "token page", $"/prescriptions/{rxNumber}/token",
            page.GetByRole(AriaRole.Img, new() { Name = "QR code of the signed prescription token" }));
        _axe.AssertClean();
    }

    [Fact]
    public async Task The_pharmacists_pages_have_no_serious_accessibility_violations()
    {
        var reason = $"Accessibility check {Guid.NewGuid():N}"[..32];
        await fixture.SubmitForDemoPatientAsync(reason);
        var page = await SignedInAsync("pharmacist.lagos@eps.test");

        var card = page.GetByTestId("triage-request").Filter(new() { HasText = reason });
        await VisitAsync(page, "triage", "/pharmacy/triage", card);
        await card.GetByRole(AriaRole.Button, new() { Name = "Escalate" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await _axe.CheckAsync(page, "escalate dialog", ".mud-dialog");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Back" }).ClickAsync();

        await VisitAsync(page, "controlled drugs register", "/pharmacy/register");
        await VisitAsync(page, "analytics (pharmacy)", "/pharmacy/analytics");
        _axe.AssertClean();
    }

    [Fact]
    public async Task The_pharmacy_queue_has_no_serious_accessibility_violations()
    {
        await fixture.IssueForDemoPatientAsync();
        var page = await SignedInAsync("pharmacist.lagos@eps.test");
        await VisitAsync(page, "queue", "/pharmacy/queue", page.GetByTestId("queue-table").GetByText("PHB-RX-").First);
        _axe.AssertClean();
    }

    [Fact]
    public async Task The_scanner_and_verify_dialogs_have_no_serious_accessibility_violations()
    {
        var rxNumber = await fixture.IssueForDemoPatientAsync();
        var page = await SignedInAsync("pharmacist.lagos@eps.test");
        await page.OpenAsync("/pharmacy/queue");

        // The shared chromium has no camera: the scanner explains that and offers the typed ID and a photo.
        await page.GetByRole(AriaRole.Button, new() { Name = "Scan token" }).ClickAsync();
        await Expect(page.GetByTestId("camera-problem")).ToBeVisibleAsync();
        await _axe.CheckAsync(page, "scanner dialog", ".mud-dialog");

        await page.GetByLabel("Prescription ID").FillAsync("PHB-RX-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Look up" }).ClickAsync();
        await Expect(page.GetByText("Enter a prescription ID like")).ToBeVisibleAsync();
        await _axe.CheckAsync(page, "scanner dialog (wrong ID)", ".mud-dialog");

        await page.GetByLabel("Prescription ID").FillAsync(rxNumber);
        await page.GetByRole(AriaRole.Button, new() { Name = "Look up" }).ClickAsync();
        await Expect(page.GetByLabel("Patient's HPN")).ToBeFocusedAsync();
        await _axe.CheckAsync(page, "verify dialog (HPN)", ".mud-dialog");

        await page.GetByLabel("Patient's HPN").FillAsync("123 456 7890");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.GetByTestId("verify-outcome")).ToContainTextAsync("verified");
        await _axe.CheckAsync(page, "verify dialog (verified)", ".mud-dialog");
        _axe.AssertClean();
    }

    [Fact]
    public async Task The_doctors_pages_have_no_serious_accessibility_violations()
    {
        var requestId = await fixture.SubmitForDemoPatientAsync("Accessibility check for review");
        await fixture.IssueForDemoPatientAsync();
        var page = await SignedInAsync("doctor@eps.test");

        await VisitAsync(page, "reviews", "/doctor/reviews", page.GetByRole(AriaRole.Link, new() { Name = "Review" }).First);
        await VisitAsync(page, "review", $"/doctor/reviews/{requestId}", page.GetByTestId("review-item").First);
        await VisitAsync(page, "issued prescriptions", "/doctor/prescriptions");
        _axe.AssertClean();
    }

    [Fact]
    public async Task The_admin_pages_have_no_serious_accessibility_violations()
    {
        await fixture.IssueForDemoPatientAsync();
        var doctorId = await fixture.UserIdAsync("doctor@eps.test");
        var page = await SignedInAsync("admin@eps.test");

        // A forged token: the monitor lists a failed verification and raises an alert.
        using (var http = new HttpClient { BaseAddress = new Uri(fixture.App.BaseUrl) })
        {
            (await http.PostAsJsonAsync("/api/prescriptions/verify/", new { token = "EPS1:FORGED-TOKEN", pharmacy_code = "PHB-PH-100101" })).EnsureSuccessStatusCode();
        }

        await VisitAsync(page, "security monitor", "/admin/security", page.GetByTestId("failures").GetByText("PHB-PH-100101").First);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check audit chain" }).ClickAsync();
        await Expect(page.GetByTestId("chain-report")).ToBeVisibleAsync();
        await _axe.CheckAsync(page, "security monitor (chain checked)");
        await VisitAsync(page, "analytics", "/admin/analytics");
        await VisitAsync(page, "compliance register", "/admin/compliance");
        await VisitAsync(page, "outbox", "/admin/outbox");
        await VisitAsync(page, "staff", "/admin/staff", page.GetByText("doctor@eps.test").First);
        await page.GetByTestId("invite-staff").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Dialog)).ToBeVisibleAsync();
        await _axe.CheckAsync(page, "invite staff dialog", ".mud-dialog");
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await VisitAsync(page, "staff detail", $"/admin/staff/{doctorId}", page.GetByText("doctor@eps.test").First);
        await VisitAsync(page, "pharmacies", "/admin/pharmacies", page.GetByText("PHB-PH-100101").First);
        await page.GetByTestId("add-pharmacy").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeVisibleAsync();
        await _axe.CheckAsync(page, "pharmacies (adding)");
        await VisitAsync(page, "drug catalogue", "/admin/drugs", page.GetByText("Paracetamol").First);
        await page.GetByTestId("add-drug").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Cancel" })).ToBeVisibleAsync();
        await _axe.CheckAsync(page, "drug catalogue (adding)");
        await VisitAsync(page, "audit trail", "/admin/audit");
        await VisitAsync(page, "signing keys", "/admin/keys");
        _axe.AssertClean();
    }

    private async Task<IPage> SignedInAsync(string email)
    {
        var page = await fixture.NewPageAsync();
        await new SignInPage(page).SignInAsync(email);
        return page;
    }

    /// <summary>Opens a page, waits for its heading (and <paramref name="loaded"/>, when its data matters), then checks it.</summary>
    private async Task VisitAsync(IPage page, string name, string url, ILocator? loaded = null)
    {
        await page.OpenAsync(url);
        await Expect(page.Locator("h1").First).ToBeVisibleAsync();
        if (loaded is not null)
        {
            await Expect(loaded).ToBeVisibleAsync();
        }

        await Expect(page.Locator(".mud-progress-linear")).ToHaveCountAsync(0);
        await _axe.CheckAsync(page, name);
    }
}
