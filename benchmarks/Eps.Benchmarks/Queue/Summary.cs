namespace Eps.Benchmarks.Queue;

/// <summary>Milliseconds over a set of samples; percentiles by nearest rank.</summary>
internal sealed record Summary(int Count, double P50, double P95, double Max, double Mean)
{
    public static Summary Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0)
        {
            return new Summary(0, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = samples.Order().ToArray();
        return new Summary(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.95), sorted[^1], sorted.Average());
    }

    private static double Rank(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
