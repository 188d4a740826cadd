using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.CheckIn;

/// <summary>The real app on a fresh SQLite file in a temp folder, no demo data.</summary>
public sealed class CheckInAppFactory : WebApplicationFactory<Program>
{
    public CheckInAppFactory() => Database = TestDatabase.ForFolder(DataFolder, owner: true);

    public string DataFolder { get; } = Directory.CreateTempSubdirectory("doc-checkin-tests-").FullName;
    public TestDatabase Database { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        AppFactory.ApplyTestDefaults(builder);
        builder.UseSetting("Data:Folder", DataFolder);
        builder.UseSetting("Demo:Disabled", "true");
        Database.ApplyTo(builder);
    }

    public IDbContextFactory<AppDbContext> Db => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Database.Dispose();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
