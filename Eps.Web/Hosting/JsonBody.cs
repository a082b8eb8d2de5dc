using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Eps.Web.Hosting;

/// <summary>
/// Reads a JSON request body with a size cap and turns every kind of bad input into a 400 problem naming the field,
/// so that malformed, oversized or wrongly typed input never reaches a 500.
/// </summary>
internal static class JsonBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problem("body", "Send the request body as JSON (Content-Type: application/json)."));
        }

        if (request.ContentLength > MaxBytes)
        {
            return (null, Problem("body", $"The request body is larger than {MaxBytes / 1024} KB."));
        }

        // One pooled buffer, grown only for bodies without a Content-Length: a verification body is ~300 bytes, and the
        // endpoint is hot enough that per-request buffers show up as garbage-collection time.
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Min(request.ContentLength ?? 4096, MaxBytes) + 1);
        try
        {
            var read = 0;
            int n;
            try
            {
                while ((n = await request.Body.ReadAsync(buffer.AsMemory(read), cancellationToken)) > 0)
                {
                    read += n;
                    if (read > MaxBytes)
                    {
                        return (null, Problem("body", $"The request body is larger than {MaxBytes / 1024} KB."));
                    }

                    if (read == buffer.Length)
                    {
                        var larger = ArrayPool<byte>.Shared.Rent(Math.Min(buffer.Length * 2, MaxBytes + 1));
                        buffer.AsSpan(0, read).CopyTo(larger);
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = larger;
                    }
                }
            }
            catch (BadHttpRequestException)
            {
                // The client sent less than its Content-Length (or went away mid-body): nothing was read, nothing changes.
                return (null, Problem("body", "The request body ended early; send it again."));
            }

            var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            try
            {
                var value = JsonSerializer.Deserialize<T>(buffer.AsSpan(0, read), options);
                return value is null ? (null, Problem("body", "The request body must be a JSON object.")) : (value, null);
            }
            catch (JsonException e)
            {
                var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "body" : e.Path.TrimStart('$', '.');
                return (null, Problem(field, $"'{field}' is not valid JSON of the expected type."));
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static ProblemHttpResult Problem(string field, string message) =>
        TypedResults.Problem(new Microsoft.AspNetCore.Mvc.ProblemDetails
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is not valid",
            Detail = message,
            Extensions = { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } },
        });
}
