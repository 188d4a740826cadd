using System.Net.Http.Json;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Maintenance;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DaysOfClusters.IntegrationTests.Hardening;

/// <summary>With the shipped log configuration, registering and using a manage link logs no personal data and no token.</summary>
public sealed class LogPrivacyTests
{
    [Fact]
    public async Task RegistrationAndManageLinks_When_Used_LeaveNoPersonalDataOrTokenInTheLogs()
    {
        var logs = new CapturingLoggerProvider();
        await using var baseApp = new AppFactory();
        await using var app = baseApp.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        var edition = await WithDb(app, db => HardeningSeed.CreateOpenEditionAsync(db, capacity: 1));
        using var client = app.CreateClient();

        var viaApi = await client.PostAsJsonAsync(new Uri($"/api/editions/{edition.Slug}/registrations", UriKind.Relative), HardeningSeed.Json("dragana.secret@example.org", edition));
        Assert.Equal(System.Net.HttpStatusCode.Created, viaApi.StatusCode);
        var input = HardeningSeed.Input("milos.private@example.org", edition);
        input.LastName = "Unikatnović";
        var result = await app.Services.GetRequiredService<RegistrationWriter>().RegisterAsync(edition.Id, input, RegistrationCaller.Attendee("203.0.113.7"));
        Assert.True(result.Succeeded);
        var token = result.ManageToken!;
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync(new Uri($"/manage/{token}/data.json", UriKind.Relative))).StatusCode);
        await client.GetAsync(new Uri($"/manage/{token}", UriKind.Relative));
        await client.GetAsync(new Uri($"/manage/{token}/badge.pdf", UriKind.Relative));
        await app.Services.GetRequiredService<ManageLinkResender>().ResendManageLinkAsync(edition.Id, "milos.private@example.org");
        // The online backup is SQLite's (PostgreSQL installations use pg_dump).
        var backup = app.Services.GetRequiredService<DatabaseBackup>();
        var sqlite = await backup.IsSqliteAsync(CancellationToken.None);
        Assert.Equal(!TestDatabase.SuiteIsPostgreSql, sqlite);
        if (sqlite) await (await backup.CreateAsync(CancellationToken.None)).DisposeAsync();

        var lines = logs.Lines.ToList();
        if (sqlite) Assert.Contains(lines, l => l.Contains("Database backup made", StringComparison.Ordinal));
        foreach (var secret in new[] { "dragana.secret", "milos.private", "Unikatnović", token, "203.0.113.7" })
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.OrdinalIgnoreCase));
    }

    private static async Task<T> WithDb<T>(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> app, Func<DaysOfClusters.Web.Data.AppDbContext, Task<T>> action)
    {
        var factory = app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<DaysOfClusters.Web.Data.AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await action(db);
    }
}
