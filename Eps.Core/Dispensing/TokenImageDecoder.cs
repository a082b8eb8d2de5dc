using StbImageSharp;
using ZXing;
using ZXing.Common;

namespace Eps.Core.Dispensing;

/// <summary>Which kind of code was read from an image.</summary>
public enum ScannedKind
{
    /// <summary>A QR holding the signed token.</summary>
    Token,

    /// <summary>A CODE128 barcode holding the prescription ID.</summary>
    PrescriptionId,
}

/// <summary>A code read from a camera frame or photo.</summary>
public sealed record ScannedCode(ScannedKind Kind, string Text);

/// <summary>
/// Reads the token's QR or the ID's CODE128 from grayscale pixels. A hybrid binarizer with auto-rotation first, then
/// the global-histogram binarizer, which rescues noisy and unevenly lit frames for a few milliseconds more.
/// </summary>
public static class TokenImageDecoder
{
    public const int MaxPixels = 4096 * 4096;

    private static readonly DecodingOptions Options = new()
    {
        TryHarder = true,
        PossibleFormats = [BarcodeFormat.QR_CODE, BarcodeFormat.CODE_128],
    };

    public static ScannedCode? DecodeGray(byte[] gray, int width, int height)
    {
        if (width <= 0 || height <= 0 || (long)width * height > MaxPixels || gray.Length < width * height)
        {
            return null;
        }

        var source = new RGBLuminanceSource(gray, width, height, RGBLuminanceSource.BitmapFormat.Gray8);
        var hybrid = new BarcodeReaderGeneric { AutoRotate = true, Options = Options };
        var result = hybrid.Decode(source)
            ?? new BarcodeReaderGeneric(null, l => new GlobalHistogramBinarizer(l), null) { AutoRotate = true, Options = Options }.Decode(source);
        return result is null
            ? null
            : new ScannedCode(result.BarcodeFormat == BarcodeFormat.QR_CODE ? ScannedKind.Token : ScannedKind.PrescriptionId, result.Text);
    }

    /// <summary>Decodes an uploaded PNG or JPEG photo; null when it is not an image or holds no readable code.</summary>
    public static ScannedCode? DecodeImage(byte[] file)
    {
        try
        {
            var info = ImageInfo.FromStream(new MemoryStream(file));
            if (info is null || (long)info.Value.Width * info.Value.Height > MaxPixels)
            {
                return null;
            }

            var image = ImageResult.FromMemory(file, ColorComponents.Grey);
            return DecodeGray(image.Data, image.Width, image.Height);
        }
#pragma warning disable CA1031 // Any undecodable upload is "no code found", never an error page.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}
