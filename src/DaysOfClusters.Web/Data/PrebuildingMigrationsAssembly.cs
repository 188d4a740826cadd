using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Internal;

namespace DaysOfClusters.Web.Data;

/// <summary>
/// Builds the target models of the migrations to apply on a second thread, last migration first, while Migrate works
/// forward through them. Migrate builds each migration's target model (its Designer file's whole model) before it makes
/// that migration's SQL, one after the other: on a fresh database that was about half of the migrations' time, with
/// the other core idle (issue 19). The migrations, their SQL and their order are EF's own; only the models are ready
/// sooner. Where the two threads meet, a model may be built twice: each thread uses the one it built or found.
/// </summary>
#pragma warning disable EF1001 // MigrationsAssembly is EF's own implementation, extended rather than rewritten.
public sealed class PrebuildingMigrationsAssembly(
    ICurrentDbContext currentContext, IDbContextOptions options, IMigrationsIdGenerator idGenerator, IDiagnosticsLogger<DbLoggerCategory.Migrations> logger)
    : MigrationsAssembly(currentContext, options, idGenerator, logger)
{
    private readonly Stack<Migration> _pending = new();
    private readonly Lock _lock = new();
    private bool _working;

    /// <summary>Migrate creates every migration it is about to apply up front, in order; each is queued for its model.</summary>
    public override Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = base.CreateMigration(migrationClass, activeProvider);
        lock (_lock)
        {
            _pending.Push(migration);
            if (!_working)
            {
                _working = true;
                _ = Task.Run(BuildPendingModels);
            }
        }
        return migration;
    }

    /// <summary>The most recently created first: Migrate starts from the oldest, so the two rarely want the same one.</summary>
    private void BuildPendingModels()
    {
        while (true)
        {
            Migration migration;
            lock (_lock)
            {
                if (!_pending.TryPop(out migration!))
                {
                    _working = false;
                    return;
                }
            }
            try
            {
                _ = migration.TargetModel;
            }
            catch (Exception)
            {
                // Only a head start: Migrate builds the model itself and reports what is wrong with it.
            }
        }
    }
}
#pragma warning restore EF1001
