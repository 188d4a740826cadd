using System.Data.Common;

namespace DaysOfClusters.Web.Features.CheckIn;

/// <summary>
/// Runs the scan path's plain SQL on one connection. Kept (<paramref name="keep"/>: the SQLite scan writer's own connection,
/// for its whole life) every statement is prepared once and then only re-bound: SQLite otherwise compiles each one again
/// for every scan, the statistics triggers on <c>Presences</c> with it, and that was most of a scan's database time.
/// Not kept (one request on a server database) each command is built for its one use and disposed.
/// </summary>
internal sealed class ScanStatements(DbConnection connection, bool keep) : IAsyncDisposable
{
    private readonly Dictionary<string, DbCommand> _kept = new(StringComparer.Ordinal);

    /// <summary>The transaction commands join, if the caller opened one through ADO.NET (server databases).</summary>
    public DbTransaction? Transaction { get; set; }

    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        var command = Command(sql, parameters);
        try
        {
            return await command.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            if (!keep) await command.DisposeAsync();
        }
    }

    public async Task<object?> ScalarAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        var command = Command(sql, parameters);
        try
        {
            return await command.ExecuteScalarAsync(ct) is var value and not DBNull ? value : null;
        }
        finally
        {
            if (!keep) await command.DisposeAsync();
        }
    }

    /// <summary>Reads every row with <paramref name="read"/>; a kept statement is reset for its next use when the reader closes.</summary>
    public async Task<List<T>> ReadAsync<T>(string sql, Func<DbDataReader, T> read, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        var command = Command(sql, parameters);
        try
        {
            var rows = new List<T>(2);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) rows.Add(read(reader));
            return rows;
        }
        finally
        {
            if (!keep) await command.DisposeAsync();
        }
    }

    private DbCommand Command(string sql, (string Name, object? Value)[] parameters)
    {
        if (keep && _kept.TryGetValue(sql, out var kept))
        {
            // Same SQL, so the same parameters in the same order: only their values change.
            for (var i = 0; i < parameters.Length; i++) kept.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
            kept.Transaction = Transaction;
            return kept;
        }
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = Transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
        if (keep)
        {
            command.Prepare();
            _kept.Add(sql, command);
        }
        return command;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _kept.Values) await command.DisposeAsync();
        _kept.Clear();
    }
}
