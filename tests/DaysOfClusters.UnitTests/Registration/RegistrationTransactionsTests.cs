using DaysOfClusters.Web.Features.Registration;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DaysOfClusters.UnitTests.Registrations;

public sealed class RegistrationTransactionsTests
{
    [Theory]
    [InlineData(5)] // SQLITE_BUSY
    [InlineData(6)] // SQLITE_LOCKED
    public void IsBusy_WhenSqliteIsBusyOrLocked_IsTrue(int code) =>
        Assert.True(RegistrationTransactions.IsBusy(new SqliteException("busy", code)));

    [Fact]
    public void IsBusy_WhenSqliteFailsOtherwise_IsFalse() =>
        Assert.False(RegistrationTransactions.IsBusy(new SqliteException("constraint", 19)));

    [Theory]
    [InlineData(PostgresErrorCodes.DeadlockDetected, true)]
    [InlineData(PostgresErrorCodes.SerializationFailure, true)]
    [InlineData(PostgresErrorCodes.UniqueViolation, false)]
    public void IsBusy_WhenPostgreSqlRollsBack_IsTrueOnlyForDeadlockOrSerialization(string sqlState, bool expected) =>
        Assert.Equal(expected, RegistrationTransactions.IsBusy(new PostgresException("failed", "ERROR", "ERROR", sqlState)));

    [Fact]
    public void IsBusy_WhenTheBusyErrorIsWrappedByEfCore_LooksInside() =>
        Assert.True(RegistrationTransactions.IsBusy(new DbUpdateException("save failed", new InvalidOperationException("x", new SqliteException("busy", 5)))));

    [Fact]
    public void IsBusy_WhenNothingInsideIsADatabaseError_IsFalse() =>
        Assert.False(RegistrationTransactions.IsBusy(new InvalidOperationException("x", new TimeoutException())));
}
