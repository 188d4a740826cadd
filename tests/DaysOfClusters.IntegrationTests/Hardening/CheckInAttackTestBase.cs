using System.Net.Http.Headers;
using DaysOfClusters.IntegrationTests.CheckIn;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.CheckIn;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Hardening;

/// <summary>What the check-in attack tests share: one app with logged-in clients, fresh editions and device tokens.</summary>
public abstract class CheckInAttackTestBase(WalkInFixture fixture)
{
    protected AppFactory App { get; } = fixture.App;

    protected IDbContextFactory<AppDbContext> Db => App.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    protected T Get<T>() where T : notnull => App.Services.GetRequiredService<T>();

    protected async Task<SeededEdition> EditionAsync(int people)
    {
        App.Started();
        return await CheckInSeed.EditionAsync(Db, "a" + Guid.NewGuid().ToString("N")[..10], people);
    }

    protected async Task<HttpClient> DeviceClientAsync(int editionId)
    {
        var device = (await Get<CheckInAdminService>().IssueDeviceAsync(editionId, "Door phone", null))!;
        var client = App.CreateBrowserlikeClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", device.Token);
        return client;
    }
}
