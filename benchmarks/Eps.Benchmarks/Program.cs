using Eps.Benchmarks;

switch (args.FirstOrDefault())
{
    case "tokens":
        TokenBenchmark.Run(Console.Out);
        return 0;
    default:
        Console.Error.WriteLine("usage: dotnet run -c Release --project benchmarks/Eps.Benchmarks -- tokens");
        return 2;
}
