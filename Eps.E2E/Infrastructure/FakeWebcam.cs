using System.Text;
using StbImageSharp;

namespace Eps.E2E.Infrastructure;

/// <summary>
/// Writes a YUV4MPEG2 (.y4m) clip for chromium's <c>--use-file-for-fake-video-capture</c>: a picture held in front of
/// a 1280×720 camera, centred on white. No ffmpeg: the Y plane is the picture's luminance, U and V are neutral grey.
/// </summary>
public static class FakeWebcam
{
    public const int Width = 1280;
    public const int Height = 720;
    private const int Frames = 20;

    /// <summary>Writes the clip to a new temporary file and returns its path.</summary>
    /// <param name="png">The picture (e.g. a token QR from <c>TokenQr.RenderPng</c>).</param>
    /// <param name="size">The picture's longer side on the camera image, in pixels (about 300–400 is realistic).</param>
    public static string Write(byte[] png, int size = 360) => WriteFrames(Compose(png, size));

    /// <summary>A camera looking at a blank white desk: nothing to decode.</summary>
    public static string WriteEmpty()
    {
        var luma = new byte[Width * Height];
        Array.Fill(luma, (byte)255);
        return WriteFrames(luma);
    }

    private static string WriteFrames(byte[] luma)
    {
        var path = Path.Combine(Path.GetTempPath(), "eps-e2e", $"webcam-{Guid.NewGuid():N}.y4m");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        using var file = File.Create(path);
        file.Write(Encoding.ASCII.GetBytes($"YUV4MPEG2 W{Width} H{Height} F10:1 Ip A1:1 C420jpeg\n"));
        var chroma = new byte[Width / 2 * (Height / 2)];
        Array.Fill(chroma, (byte)128);
        var frameHeader = Encoding.ASCII.GetBytes("FRAME\n");
        for (var i = 0; i < Frames; i++)
        {
            file.Write(frameHeader);
            file.Write(luma);
            file.Write(chroma);
            file.Write(chroma);
        }

        return path;
    }

    /// <summary>The picture scaled (bilinear) so its longer side is <paramref name="size"/>, centred on white.</summary>
    private static byte[] Compose(byte[] png, int size)
    {
        var image = ImageResult.FromMemory(png, ColorComponents.Grey);
        var scale = (double)size / Math.Max(image.Width, image.Height);
        var w = Math.Min(Width, (int)Math.Round(image.Width * scale));
        var h = Math.Min(Height, (int)Math.Round(image.Height * scale));
        var left = (Width - w) / 2;
        var top = (Height - h) / 2;

        var frame = new byte[Width * Height];
        Array.Fill(frame, (byte)255);
        for (var y = 0; y < h; y++)
        {
            var sy = Math.Clamp(((y + 0.5) / scale) - 0.5, 0, image.Height - 1);
            var y0 = (int)sy;
            var y1 = Math.Min(y0 + 1, image.Height - 1);
            var fy = sy - y0;
            for (var x = 0; x < w; x++)
            {
                var sx = Math.Clamp(((x + 0.5) / scale) - 0.5, 0, image.Width - 1);
                var x0 = (int)sx;
                var x1 = Math.Min(x0 + 1, image.Width - 1);
                var fx = sx - x0;
                var top0 = Lerp(Pixel(image, x0, y0), Pixel(image, x1, y0), fx);
                var bottom = Lerp(Pixel(image, x0, y1), Pixel(image, x1, y1), fx);
                frame[((top + y) * Width) + left + x] = (byte)Math.Round(Lerp(top0, bottom, fy));
            }
        }

        return frame;
    }

    private static double Pixel(ImageResult image, int x, int y) => image.Data[(y * image.Width) + x];

    private static double Lerp(double a, double b, double t) => a + ((b - a) * t);
}
