using Microsoft.Extensions.Logging;

namespace Eps.Tests.Infrastructure;

/// <summary>A logger provider that counts EF Core's "command executed" events.</summary>
public sealed class CommandCounter : ILoggerProvider
{
    private const int CommandExecutedEventId = 20101;
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public void Reset() => Interlocked.Exchange(ref _count, 0);

    public ILogger CreateLogger(string categoryName) =>
        categoryName == "Microsoft.EntityFrameworkCore.Database.Command" ? new Counter(this) : NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class Counter(CommandCounter owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == CommandExecutedEventId)
            {
                Interlocked.Increment(ref owner._count);
            }
        }
    }

    private sealed class NullLogger : ILogger
    {
        public static readonly NullLogger Instance = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => false;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
        }
    }
}
