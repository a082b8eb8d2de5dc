using StbImageSharp;
using ZXing;
using ZXing.Common;

namespace Eps.E2E.Infrastructure;

/// <summary>Decodes a QR code from a PNG screenshot, as a pharmacy scanner would.</summary>
public static class QrDecoder
{
    public static string? Decode(byte[] png)
    {
        var image = ImageResult.FromMemory(png, ColorComponents.Grey);
        var reader = new BarcodeReaderGeneric
        {
            AutoRotate = true,
            Options = new DecodingOptions { TryHarder = true, PossibleFormats = [BarcodeFormat.QR_CODE] },
        };
        return reader.Decode(new RGBLuminanceSource(image.Data, image.Width, image.Height, RGBLuminanceSource.BitmapFormat.Gray8))?.Text;
    }
}
