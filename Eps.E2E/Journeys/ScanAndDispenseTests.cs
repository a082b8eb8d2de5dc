using System.Text.RegularExpressions;
using Eps.Core.Data;
using Eps.Core.Tokens;
using Eps.E2E.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Eps.E2E.Journeys;

[Collection(BrowserCollection.Name)]
public sealed partial class ScanAndDispenseTests(BrowserFixture fixture)
{
    private const string Pharmacist = "pharmacist.lagos@eps.test";

    [Fact]
    public async Task A_token_held_to_the_webcam_is_verified_and_dispensed_and_a_colleagues_queue_updates_live()
    {
        var rxNumber = await fixture.IssueForDemoPatientAsync();
        var clip = FakeWebcam.Write(TokenQr.RenderPng(await TokenOfAsync(rxNumber)));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchWithCameraAsync(playwright, clip);
        try
        {
            var desk = await OpenQueueAsync(browser);

            var colleague = await fixture.NewPageAsync();
            await new SignInPage(colleague).SignInAsync(Pharmacist);
            await colleague.OpenAsync("/pharmacy/queue");
            await Expect(RowOf(colleague, rxNumber)).ToBeVisibleAsync();

            await desk.GetByRole(AriaRole.Button, new() { Name = "Scan token" }).ClickAsync();
            await desk.ShotOnFailureAsync("scan-verified",
                () => desk.GetByText("Prescription verified successfully").WaitForAsync(new() { Timeout = 20_000 }));
            await Expect(desk.Locator("video")).ToHaveCountAsync(0); // the scanner closed
            await desk.GetByRole(AriaRole.Button, new() { Name = "Dispense" }).ClickAsync();
            await Expect(desk.Locator(".mud-snackbar")).ToContainTextAsync($"{rxNumber} dispensed");

            // Pushed to the colleague's open queue: gone from Pending, listed under Dispensed, no reload.
            await Expect(RowOf(colleague, rxNumber)).ToHaveCountAsync(0);
            await colleague.GetByRole(AriaRole.Tab, new() { Name = "Dispensed" }).ClickAsync();
            await Expect(RowOf(colleague, rxNumber)).ToBeVisibleAsync();
        }
        finally
        {
            File.Delete(clip);
        }
    }

    [Fact]
    public async Task Without_a_camera_the_pharmacist_types_the_ID_and_is_asked_for_the_HPN()
    {
        var rxNumber = await fixture.IssueForDemoPatientAsync();

        // The shared chromium has no fake camera: getUserMedia fails as on a desk PC without a webcam.
        var desk = await fixture.NewPageAsync();
        await new SignInPage(desk).SignInAsync(Pharmacist);
        await desk.OpenAsync("/pharmacy/queue");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Scan token" }).ClickAsync();

        await Expect(desk.GetByTestId("camera-problem")).ToContainTextAsync(CameraProblem());
        var id = desk.GetByLabel("Prescription ID");
        await id.FillAsync("PHB-RX-1234");
        await desk.GetByRole(AriaRole.Button, new() { Name = "Look up" }).ClickAsync();
        await Expect(desk.GetByText("Enter a prescription ID like PHB-RX-12345678, or its eight digits.")).ToBeVisibleAsync();

        await id.FillAsync($"  {rxNumber[^8..]} "); // the eight digits printed under the barcode are enough
        await desk.GetByRole(AriaRole.Button, new() { Name = "Look up" }).ClickAsync();

        await Expect(desk.GetByLabel("Patient's HPN")).ToBeVisibleAsync();
        await Expect(desk.GetByLabel("Patient's HPN")).ToBeFocusedAsync(); // typing can start at once
        await Expect(desk.GetByRole(AriaRole.Button, new() { Name = "Continue" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_photo_of_the_token_is_verified_and_a_photo_without_a_code_is_explained()
    {
        var rxNumber = await fixture.IssueForDemoPatientAsync();
        var png = TokenQr.RenderPng(await TokenOfAsync(rxNumber), pixelsPerModule: 6);

        var desk = await fixture.NewPageAsync();
        await new SignInPage(desk).SignInAsync(Pharmacist);
        await desk.OpenAsync("/pharmacy/queue");
        var noCode = await desk.GetByRole(AriaRole.Heading, new() { Name = "Queue" }).ScreenshotAsync(); // a real PNG, no code in it
        await desk.GetByRole(AriaRole.Button, new() { Name = "Scan token" }).ClickAsync();

        var upload = desk.GetByRole(AriaRole.Button, new() { Name = "Upload photo of token" });
        var chooser = await desk.RunAndWaitForFileChooserAsync(() => upload.ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = "heading.png", MimeType = "image/png", Buffer = noCode });
        await Expect(desk.GetByTestId("photo-problem")).ToContainTextAsync("No QR code or barcode found in that photo");

        chooser = await desk.RunAndWaitForFileChooserAsync(() => upload.ClickAsync());
        await chooser.SetFilesAsync(new FilePayload { Name = "token.png", MimeType = "image/png", Buffer = png });
        await Expect(desk.GetByText("Prescription verified successfully")).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await Expect(desk.GetByText(rxNumber).First).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_camera_seeing_no_code_shows_a_hint_and_closing_the_scanner_releases_the_camera()
    {
        var clip = FakeWebcam.WriteEmpty();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await LaunchWithCameraAsync(playwright, clip);
        try
        {
            var desk = await OpenQueueAsync(browser);
            foreach (var close in new Func<Task>[]
            {
                () => desk.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync(),
                () => desk.Keyboard.PressAsync("Escape"),
            })
            {
                await desk.GetByRole(AriaRole.Button, new() { Name = "Scan token" }).ClickAsync();
                await Expect(desk.GetByTestId("scanner-status")).ToHaveTextAsync("Hold the token flat, a little closer, out of glare.");
                await desk.EvaluateAsync("() => window.scannerStream = document.querySelector('video').srcObject");
                await Expect(desk.GetByTestId("camera-problem")).ToHaveCountAsync(0);

                await close();

                await Expect(desk.Locator("video")).ToHaveCountAsync(0);
                await desk.WaitForFunctionAsync("() => window.scannerStream.getTracks().every(t => t.readyState === 'ended')");
            }
        }
        finally
        {
            File.Delete(clip);
        }
    }

    // A chromium of its own: the fake camera and the clip it films are chosen at launch.
    private static Task<IBrowser> LaunchWithCameraAsync(IPlaywright playwright, string clip) =>
        playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserFixture.ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", $"--use-file-for-fake-video-capture={clip}"],
        });

    private async Task<IPage> OpenQueueAsync(IBrowser browser)
    {
        // BypassCSP lets the test's own WaitForFunction probes run under the app's strict CSP (no 'unsafe-eval');
        // the smoke test checks that the app itself raises no CSP violations.
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = fixture.App.BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 }, BypassCSP = true,
        });
        var desk = await context.NewPageAsync();
        await new SignInPage(desk).SignInAsync(Pharmacist);
        await desk.OpenAsync("/pharmacy/queue");
        return desk;
    }

    private static ILocator RowOf(IPage page, string rxNumber) =>
        page.GetByTestId("queue-table").GetByRole(AriaRole.Row).Filter(new() { HasText = rxNumber });

    private async Task<string> TokenOfAsync(string rxNumber)
    {
        await using var db = await fixture.App.Services.GetRequiredService<IDbContextFactory<EpsDbContext>>().CreateDbContextAsync();
        return await db.Prescriptions.Where(p => p.RxNumber == rxNumber).Select(p => p.Token).SingleAsync();
    }

    [GeneratedRegex("Camera access was denied|No camera found")]
    private static partial Regex CameraProblem();
}
