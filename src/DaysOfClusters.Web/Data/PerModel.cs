using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DaysOfClusters.Web.Data;

/// <summary>
/// A compiled query per EF model. A compiled query is bound to the model it first ran with, and one process can hold two
/// (the SQLite and the PostgreSQL context, as the test suite's PostgreSQL pass does with its SQLite-only tests).
/// </summary>
public sealed class PerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext db) => _byModel.GetValue(db.Model, _ => compile());
}
