using System.Diagnostics;

namespace Eps.Benchmarks.Reporting;

/// <summary>Starts this benchmark program again with other arguments (a worker, a client, one suite section).</summary>
internal static class SelfProcess
{
    /// <summary>
    /// Under `dotnet run` the process is the apphost; under `dotnet Eps.Benchmarks.dll` it is the muxer, which needs the
    /// assembly named again before the arguments.
    /// </summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(start.FileName) == "dotnet")
        {
            start.ArgumentList.Add(typeof(SelfProcess).Assembly.Location);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
