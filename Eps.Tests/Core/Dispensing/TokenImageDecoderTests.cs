using Eps.Core.Dispensing;
using Eps.Core.Tokens;
using Eps.Tests.Core.Tokens;
using StbImageSharp;
using ZXing;
using ZXing.Common;

namespace Eps.Tests.Core.Dispensing;

public sealed class TokenImageDecoderTests
{
    private const int FrameWidth = 1280;
    private const int FrameHeight = 720;
    private const string RxNumber = "PHB-RX-12345678";

    [Fact]
    public void A_token_QR_decodes_as_a_token()
    {
        var token = IssueToken();
        var qr = ImageResult.FromMemory(TokenQr.RenderPng(token), ColorComponents.Grey);

        var code = TokenImageDecoder.DecodeGray(qr.Data, qr.Width, qr.Height);

        Assert.Equal(new ScannedCode(ScannedKind.Token, token), code);
    }

    [Fact]
    public void An_uploaded_PNG_of_the_token_decodes()
    {
        var token = IssueToken();

        Assert.Equal(new ScannedCode(ScannedKind.Token, token), TokenImageDecoder.DecodeImage(TokenQr.RenderPng(token, pixelsPerModule: 4)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void A_CODE128_of_the_prescription_ID_decodes_as_an_ID(bool rotated)
    {
        var (gray, width, height) = Code128(RxNumber);
        if (rotated)
        {
            (gray, width, height) = Rotate90(gray, width, height);
        }

        var code = TokenImageDecoder.DecodeGray(gray, width, height);

        Assert.Equal(new ScannedCode(ScannedKind.PrescriptionId, RxNumber), code);
    }

    [Fact]
    public void A_noisy_blurred_unevenly_lit_camera_frame_still_decodes()
    {
        var token = IssueToken();
        var frame = CameraFrame(TokenQr.RenderPng(token, pixelsPerModule: 5), black: 40, white: 215);
        Shade(frame, from: 0.55, to: 1.0);
        AddNoise(frame, amplitude: 30, seed: 7);
        frame = BoxBlur(frame);

        var code = TokenImageDecoder.DecodeGray(frame, FrameWidth, FrameHeight);

        Assert.Equal(new ScannedCode(ScannedKind.Token, token), code);
    }

    [Fact]
    public void A_washed_out_frame_is_rescued_by_the_global_histogram_pass()
    {
        // Glare or a faded print: 24 grey levels between "black" and "white", below the hybrid binarizer's minimum.
        var token = IssueToken();
        var frame = BoxBlur(CameraFrame(TokenQr.RenderPng(token, pixelsPerModule: 5), black: 119, white: 143));

        var hybridOnly = new BarcodeReaderGeneric
        {
            AutoRotate = true,
            Options = new DecodingOptions { TryHarder = true, PossibleFormats = [BarcodeFormat.QR_CODE, BarcodeFormat.CODE_128] },
        }.Decode(new RGBLuminanceSource(frame, FrameWidth, FrameHeight, RGBLuminanceSource.BitmapFormat.Gray8));
        var code = TokenImageDecoder.DecodeGray(frame, FrameWidth, FrameHeight);

        Assert.Null(hybridOnly);
        Assert.Equal(new ScannedCode(ScannedKind.Token, token), code);
    }

    [Theory]
    [InlineData(0, 480)]
    [InlineData(640, 0)]
    [InlineData(-640, 480)]
    [InlineData(640, -480)]
    [InlineData(-1, -1)]
    [InlineData(65_536, 65_536)]
    public void Impossible_sizes_return_null(int width, int height)
    {
        Assert.Null(TokenImageDecoder.DecodeGray(new byte[640 * 480], width, height));
    }

    [Fact]
    public void Garbage_pixels_and_short_buffers_return_null()
    {
        var random = new byte[640 * 480];
        new Random(42).NextBytes(random);

        Assert.Null(TokenImageDecoder.DecodeGray(random, 640, 480));
        Assert.Null(TokenImageDecoder.DecodeGray(new byte[640 * 480], 640, 480));
        Assert.Null(TokenImageDecoder.DecodeGray(new byte[100], 640, 480));
        Assert.Null(TokenImageDecoder.DecodeGray([], 1, 1));
    }

    [Fact]
    public void Uploads_that_are_not_images_return_null()
    {
        var png = TokenQr.RenderPng(IssueToken());
        var random = new byte[4096];
        new Random(42).NextBytes(random);

        Assert.Null(TokenImageDecoder.DecodeImage([]));
        Assert.Null(TokenImageDecoder.DecodeImage(random));
        Assert.Null(TokenImageDecoder.DecodeImage("%PDF-1.7 not a photo"u8.ToArray()));
        Assert.Null(TokenImageDecoder.DecodeImage(png[..(png.Length / 2)]));
        Assert.Null(TokenImageDecoder.DecodeImage([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]));
    }

    private static string IssueToken()
    {
        using var ring = TokenTestKit.NewRing();
        return new PrescriptionTokenCodec(ring).Issue(TokenTestKit.Typical());
    }

    private static (byte[] Gray, int Width, int Height) Code128(string text)
    {
        var writer = new BarcodeWriterPixelData
        {
            Format = BarcodeFormat.CODE_128,
            Options = new EncodingOptions { Width = 400, Height = 100, Margin = 10 },
        };
        var pixels = writer.Write(text);
        var gray = new byte[pixels.Width * pixels.Height];
        for (var i = 0; i < gray.Length; i++)
        {
            gray[i] = pixels.Pixels[i * 4]; // BGRA, black or white: any channel is the luminance
        }

        return (gray, pixels.Width, pixels.Height);
    }

    private static (byte[] Gray, int Width, int Height) Rotate90(byte[] gray, int width, int height)
    {
        var rotated = new byte[gray.Length];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                rotated[(x * height) + (height - 1 - y)] = gray[(y * width) + x];
            }
        }

        return (rotated, height, width);
    }

    /// <summary>The picture centred in a 1280×720 frame, its black and white mapped to the given grey levels.</summary>
    private static byte[] CameraFrame(byte[] png, byte black, byte white)
    {
        var image = ImageResult.FromMemory(png, ColorComponents.Grey);
        var frame = new byte[FrameWidth * FrameHeight];
        Array.Fill(frame, white);
        var left = (FrameWidth - image.Width) / 2;
        var top = (FrameHeight - image.Height) / 2;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                frame[((top + y) * FrameWidth) + left + x] = image.Data[(y * image.Width) + x] < 128 ? black : white;
            }
        }

        return frame;
    }

    /// <summary>Light falling off from right to left, as from a desk lamp on one side.</summary>
    private static void Shade(byte[] frame, double from, double to)
    {
        for (var y = 0; y < FrameHeight; y++)
        {
            for (var x = 0; x < FrameWidth; x++)
            {
                var i = (y * FrameWidth) + x;
                frame[i] = (byte)(frame[i] * (from + ((to - from) * x / (FrameWidth - 1))));
            }
        }
    }

    private static void AddNoise(byte[] frame, int amplitude, int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < frame.Length; i++)
        {
            frame[i] = (byte)Math.Clamp(frame[i] + random.Next(-amplitude, amplitude + 1), 0, 255);
        }
    }

    /// <summary>A 3×3 box blur: a slightly out-of-focus lens.</summary>
    private static byte[] BoxBlur(byte[] frame)
    {
        var blurred = new byte[frame.Length];
        for (var y = 0; y < FrameHeight; y++)
        {
            for (var x = 0; x < FrameWidth; x++)
            {
                int sum = 0, count = 0;
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var (sx, sy) = (x + dx, y + dy);
                        if (sx >= 0 && sx < FrameWidth && sy >= 0 && sy < FrameHeight)
                        {
                            sum += frame[(sy * FrameWidth) + sx];
                            count++;
                        }
                    }
                }

                blurred[(y * FrameWidth) + x] = (byte)(sum / count);
            }
        }

        return blurred;
    }
}
