using QRCoder;

namespace Eps.Core.Tokens;

/// <summary>A rendered token QR: the SVG markup and the QR version it needed.</summary>
public sealed record QrImage(string Svg, int Version);

/// <summary>Renders tokens as QR codes at ECC M, the level the webcam size limit (version 12) was measured at.</summary>
public static class TokenQr
{
    /// <summary>Renders an SVG (white background, 4-module quiet zone, viewBox sizing so the page decides the size).</summary>
    public static QrImage Render(string token, int pixelsPerModule = 8)
    {
        using var data = Create(token);
        using var svg = new SvgQRCode(data);
        var markup = svg.GetGraphic(pixelsPerModule, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
        return new QrImage(markup, data.Version);
    }

    /// <summary>Renders a PNG (for mail attachments, printing pipelines and tests that decode the image back).</summary>
    public static byte[] RenderPng(string token, int pixelsPerModule = 8)
    {
        using var data = Create(token);
        using var png = new PngByteQRCode(data);
        return png.GetGraphic(pixelsPerModule, drawQuietZones: true);
    }

    /// <summary>The QR version a token needs at ECC M.</summary>
    public static int VersionOf(string token)
    {
        using var data = Create(token);
        return data.Version;
    }

    // QRCoder picks alphanumeric mode by itself when every character is in that set, which Base45 guarantees;
    // forceUtf8 would switch to byte mode and cost about 4 versions.
    private static QRCodeData Create(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        using var generator = new QRCodeGenerator();
        return generator.CreateQrCode(token, QRCodeGenerator.ECCLevel.M, forceUtf8: false);
    }
}
