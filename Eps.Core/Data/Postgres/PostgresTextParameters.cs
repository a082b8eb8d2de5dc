using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Eps.Core.Data.Postgres;

/// <summary>
/// PostgreSQL's text cannot hold U+0000 and refuses a parameter containing one ("invalid byte sequence for encoding
/// UTF8: 0x00"), where SQLite and SQL Server store or compare it like any character. Hostile input (a user name, an
/// email confirmation link) may carry one, and must get a normal answer, not a server error: the character is replaced
/// with U+FFFD, which no stored identifier contains, so a lookup finds nothing and a stored note keeps a visible mark.
/// </summary>
internal sealed class PostgresTextParameters : DbCommandInterceptor
{
    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Clean(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Clean(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Clean(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Clean(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Clean(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Clean(command);
        return ValueTask.FromResult(result);
    }

    private static void Clean(DbCommand command)
    {
        foreach (DbParameter parameter in command.Parameters)
        {
            if (parameter.Value is string text && text.Contains('\0', StringComparison.Ordinal))
            {
                parameter.Value = text.Replace('\0', '\uFFFD');
            }
        }
    }
}
