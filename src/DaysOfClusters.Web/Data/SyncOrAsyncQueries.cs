using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace DaysOfClusters.Web.Data;

/// <summary>
/// EF's terminal operators with a <c>sync</c> switch, for code that serves both a request (asynchronous) and the group
/// commit's own thread (synchronous: it must not hand each round trip back through the thread pool). With
/// <c>sync: true</c> the returned task is already complete, so the caller's whole method completes synchronously.
/// </summary>
public static class SyncOrAsyncQueries
{
    public static Task<List<T>> ToListAsync<T>(this IQueryable<T> query, bool sync, CancellationToken ct) =>
        sync ? Task.FromResult(query.ToList()) : query.ToListAsync(ct);

    public static Task<int> ExecuteUpdateAsync<T>(this IQueryable<T> query, Action<UpdateSettersBuilder<T>> setters, bool sync, CancellationToken ct) =>
        sync ? Task.FromResult(query.ExecuteUpdate(setters)) : query.ExecuteUpdateAsync(setters, ct);
}
