using Eps.Core.Dispensing;
using Eps.Core.Tokens;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.JSInterop;
using MudBlazor;

namespace Eps.Web.Features.Dispensing;

/// <summary>
/// Reads a token QR or an ID barcode from the webcam: the browser grabs grayscale frames, the server decodes them off
/// the circuit's thread, one frame at a time. Typing the ID and uploading a photo always stay available.
/// </summary>
public sealed partial class ScannerDialog : IAsyncDisposable
{
    private const long MaxPhotoBytes = 10 * 1024 * 1024;
    private const long MaxFrameBytes = 8_000_000;
    private static readonly TimeSpan FrameInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan HintAfter = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _closing = new();
    private IJSObjectReference? _module;
    private ElementReference _video;
    private CameraState _camera = CameraState.Starting;
    private string? _cameraProblem;
    private bool _startPending;
    private int _renderWaits;
    private bool _showHint;
    private bool _closed;
    private Task? _scanning;
    private string? _typedId;
    private string? _idError;
    private bool _readingPhoto;
    private string? _photoError;

    private enum CameraState { Starting, Live, Unavailable }

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = null!;

    [Inject] private IJSRuntime JS { get; set; } = null!;

    [Inject] private TimeProvider Time { get; set; } = null!;
    [Inject] private Microsoft.Extensions.Options.IOptions<TokenOptions> TokenSettings { get; set; } = null!;

    private string StatusText => (_camera, _showHint) switch
    {
        (CameraState.Starting, _) => "Starting the camera…",
        (_, true) => "Hold the token flat, a little closer, out of glare.",
        _ => "Point the camera at the QR code or the barcode on the token.",
    };

    /// <summary>Shows the scanner; returns what was scanned, typed or read from a photo, or null when cancelled.</summary>
    public static async Task<ScannedCode?> ShowAsync(IDialogService dialogs)
    {
        var options = new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true, BackdropClick = false, CloseOnEscapeKey = true };
        var dialog = await dialogs.ShowAsync<ScannerDialog>("Scan a prescription token", options);
        var result = await dialog.Result;
        return result is { Canceled: false, Data: ScannedCode code } ? code : null;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        _startPending |= firstRender;
        if (!_startPending || _closed)
        {
            return;
        }

        // MudDialog may render its content a batch after this component: give the video element a few renders to appear.
        if (string.IsNullOrEmpty(_video.Id) && _renderWaits++ < 5)
        {
            StateHasChanged();
            return;
        }

        _startPending = false;
        await StartCameraAsync();
    }

    private async Task StartCameraAsync()
    {
        CameraStart started;
        try
        {
            _module = await JS.InvokeAsync<IJSObjectReference>("import", _closing.Token, "./js/scanner.js");
            started = await _module.InvokeAsync<CameraStart>("start", _closing.Token, _video);
        }
        catch (JSException e)
        {
            started = new CameraStart(false, "other", e.Message);
        }
        catch (Exception e) when (e is OperationCanceledException or JSDisconnectedException)
        {
            return;
        }

        if (_closed)
        {
            return;
        }

        if (!started.Ok)
        {
            ShowCameraProblem(started.Error, started.Message);
            return;
        }

        _camera = CameraState.Live;
        StateHasChanged();
        _scanning = ScanAsync(_closing.Token);
    }

    // At most one frame in flight: the next grab waits for the previous decode, and missed ticks are skipped.
    private async Task ScanAsync(CancellationToken cancel)
    {
        var since = Time.GetTimestamp();
        using var timer = new PeriodicTimer(FrameInterval, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancel))
            {
                var code = Usable(await ReadFrameAsync(cancel));
                if (code is not null)
                {
                    await FinishAsync(code);
                    return;
                }

                if (!_showHint && Time.GetElapsedTime(since) >= HintAfter)
                {
                    _showHint = true;
                    StateHasChanged();
                }
            }
        }
        catch (JSException e)
        {
            await StopCameraAsync();
            ShowCameraProblem("other", e.Message);
        }
        catch (Exception e) when (e is OperationCanceledException or JSDisconnectedException)
        {
            // Closed, or the circuit went away.
        }
    }

    private async Task<ScannedCode?> ReadFrameAsync(CancellationToken cancel)
    {
        var frame = await _module!.InvokeAsync<CameraFrame?>("grab", cancel, _video);
        await using var data = frame?.Data;
        if (frame is not { Width: > 0, Height: > 0 } || (long)frame.Width * frame.Height > MaxFrameBytes)
        {
            return null;
        }

        var pixels = new byte[frame.Width * frame.Height];
        await using var stream = await frame.Data.OpenReadStreamAsync(MaxFrameBytes, cancel);
        await stream.ReadExactlyAsync(pixels, cancel);
        return await Task.Run(() => TokenImageDecoder.DecodeGray(pixels, frame.Width, frame.Height), cancel);
    }

    private async Task LookUpAsync()
    {
        var id = NormalizeId(_typedId);
        if (!PrescriptionIds.IsValid(id, Prefix))
        {
            _idError = $"Enter a prescription ID like {Prefix}12345678, or its eight digits.";
            return;
        }

        _idError = null;
        await FinishAsync(new ScannedCode(ScannedKind.PrescriptionId, id));
    }

    private async Task UploadPhotoAsync(InputFileChangeEventArgs e)
    {
        _photoError = null;
        if (e.File.Size > MaxPhotoBytes)
        {
            _photoError = "That photo is larger than 10 MB — upload a smaller PNG or JPEG.";
            return;
        }

        _readingPhoto = true;
        StateHasChanged();
        try
        {
            using var buffer = new MemoryStream();
            await using (var stream = e.File.OpenReadStream(MaxPhotoBytes, _closing.Token))
            {
                await stream.CopyToAsync(buffer, _closing.Token);
            }

            var bytes = buffer.ToArray();
            var code = Usable(await Task.Run(() => TokenImageDecoder.DecodeImage(bytes), _closing.Token));
            if (code is not null)
            {
                await FinishAsync(code);
                return;
            }

            _photoError = "No QR code or barcode found in that photo — try a sharper, well-lit photo.";
        }
        catch (Exception ex) when (ex is IOException or JSException)
        {
            _photoError = "The photo could not be read. Try again, or type the prescription ID.";
        }
        catch (Exception ex) when (ex is OperationCanceledException or JSDisconnectedException)
        {
            // Closed while reading.
        }
        finally
        {
            _readingPhoto = false;
        }
    }

    private async Task CancelAsync()
    {
        await ShutDownAsync();
        Dialog.Cancel();
    }

    private async Task FinishAsync(ScannedCode code)
    {
        if (!_closed)
        {
            await ShutDownAsync();
            Dialog.Close(DialogResult.Ok(code));
        }
    }

    private async Task ShutDownAsync()
    {
        _closed = true;
        await _closing.CancelAsync();
        await StopCameraAsync();
    }

    private void ShowCameraProblem(string? error, string? message)
    {
        _camera = CameraState.Unavailable;
        _cameraProblem = error switch
        {
            "denied" => "Camera access was denied. Allow the camera in the browser's site settings, or use the options below.",
            "notfound" => "No camera found on this device. Type the prescription ID or upload a photo of the token below.",
            "insecure" => "The camera only works over a secure (https) connection. Type the prescription ID or upload a photo of the token below.",
            _ => $"The camera could not be started ({message}). Type the prescription ID or upload a photo of the token below.",
        };
        StateHasChanged();
    }

    // Stopping also covers a start still waiting for permission: the browser drops the stream when it arrives.
    private async Task StopCameraAsync()
    {
        try
        {
            await (_module?.InvokeVoidAsync("stop", _video) ?? ValueTask.CompletedTask);
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or TaskCanceledException)
        {
            // The page or the circuit is already gone, and the browser releases the camera with it.
        }
    }

    // The token source is never disposed: handlers still in flight may read its (cancelled) token after disposal.
    public async ValueTask DisposeAsync()
    {
        await ShutDownAsync();
        await (_scanning ?? Task.CompletedTask);
        try
        {
            await (_module?.DisposeAsync() ?? ValueTask.CompletedTask);
        }
        catch (JSDisconnectedException)
        {
            // Circuit teardown.
        }
    }

    /// <summary>A QR goes to verification as it is; a barcode counts only when it holds a prescription ID.</summary>
    private ScannedCode? Usable(ScannedCode? code) => code switch
    {
        { Kind: ScannedKind.Token } => code,
        { Kind: ScannedKind.PrescriptionId } when PrescriptionIds.IsValid(NormalizeId(code.Text), Prefix) => code with { Text = NormalizeId(code.Text) },
        _ => null,
    };

    private string Prefix => TokenSettings.Value.PrescriptionIdPrefix;

    private string NormalizeId(string? text) => PrescriptionIds.Normalize(text, Prefix);

    private sealed record CameraStart(bool Ok, string? Error = null, string? Message = null);

    private sealed record CameraFrame(int Width, int Height, IJSStreamReference Data);
}
