using Bunit;
using DaysOfClusters.ComponentTests.Infrastructure;
using DaysOfClusters.Web;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Features.Matchmaking;
using DaysOfClusters.Web.Features.Matchmaking.Pages;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;
using MudBlazor.Services;
using RegistrationEntity = DaysOfClusters.Web.Features.Registration.Registration;

namespace DaysOfClusters.ComponentTests.Matchmaking;

/// <summary>
/// The organiser's matchmaking page on a real (SQLite file) database: each panel loads its own data, and an action in one
/// panel shows in the others that display what it changed.
/// </summary>
public sealed class OrganiserMatchmakingPageTests : BunitContext, IAsyncLifetime
{
    private static readonly DateTime BlockStart = new(2026, 9, 24, 12, 0, 0, DateTimeKind.Utc);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"doc-mm-page-{Guid.NewGuid():N}");
    private IDbContextFactory<AppDbContext> _dbFactory = default!;

    public OrganiserMatchmakingPageTests()
    {
        Directory.CreateDirectory(_folder);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o => o.PopoverOptions.CheckForPopoverProvider = false);
        Services.AddLogging();
        Services.AddAppLocalization();
        Services.AddSingleton<TimeProvider>(new FixedTimeProvider(MudComponentTestBase.Now));
        Services.AddDbContextFactory<AppDbContext>(o => DatabaseSetup.Configure(o, $"Data Source={Path.Combine(_folder, "mm.db")};Pooling=False"));
        Services.AddSingleton<EditionService>();
        Services.AddSingleton<MatchmakingProfiles>();
        Services.AddSingleton<MatchmakingSetup>();
        Services.AddSingleton<MeetingSchedule>();
        Services.AddSingleton<MatchmakingInsights>();
        // The page sends no mail: the requests it changes here only change priority. Mail needs the whole registration feature.
        Services.AddSingleton(sp => new MeetingRequests(sp.GetRequiredService<IDbContextFactory<AppDbContext>>(), sp.GetRequiredService<TimeProvider>(),
            new MatchmakingNotifier(sp.GetRequiredService<IDbContextFactory<AppDbContext>>(), null!, null!, null!, null!, NullLogger<MatchmakingNotifier>.Instance)));
    }

    public async Task InitializeAsync()
    {
        _dbFactory = Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await _dbFactory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await base.DisposeAsync();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    private MatchmakingSetup Setup => Services.GetRequiredService<MatchmakingSetup>();

    /// <summary>An edition with one block of two 30-minute slots, and an accepted meeting whose two sides can meet in the second slot only.</summary>
    private async Task<(int Edition, int Request)> AcceptedMeetingAsync(int tables)
    {
        await using var db = await _dbFactory.CreateDbContextAsync();
        // The app seeds the countries at start-up; the edition and its people need theirs.
        db.Countries.Add(new Country { Code = "RS", Name = "Serbia", Continent = Continent.Europe });
        var edition = new Edition
        {
            Ordinal = 1, Title = "Matchmaking", Slug = "mm-page", HostCity = "Belgrade", CountryCode = "RS", StartDate = new DateOnly(2026, 9, 24),
            EndDate = new DateOnly(2026, 9, 25), TimeZoneId = "Europe/Belgrade", Status = EditionStatus.Open, CreatedUtc = BlockStart,
        };
        db.Editions.Add(edition);
        await db.SaveChangesAsync();
        db.RegistrationCategories.AddRange(DefaultCategories.For(edition.Id));
        await db.SaveChangesAsync();
        var category = await db.RegistrationCategories.FirstAsync(c => c.EditionId == edition.Id);
        RegistrationEntity Person(string name)
        {
            var email = $"{name}@example.org";
            return new RegistrationEntity
            {
                EditionId = edition.Id, CategoryId = category.Id, FirstName = name, LastName = "Test", Email = email, EmailNormalized = email,
                EmailHash = RegistrationRules.Sha256Hex(email), Organisation = $"{name} Ltd", OrganisationType = OrganisationType.CompanySme, CountryCode = "RS",
                PrivacyConsentUtc = BlockStart, PrivacyNoticeVersion = "1", NetworkingConsent = true, Status = RegistrationStatus.Confirmed,
                CreatedUtc = BlockStart, UpdatedUtc = BlockStart, ManageTokenHash = RegistrationRules.Sha256Hex(name),
            };
        }
        var (ana, bojan) = (Person("Ana"), Person("Bojan"));
        db.Registrations.AddRange(ana, bojan);
        await db.SaveChangesAsync();
        var request = new MeetingRequest
        {
            EditionId = edition.Id, FromRegistrationId = ana.Id, ToRegistrationId = bojan.Id, Status = MeetingRequestStatus.Accepted, CreatedUtc = BlockStart,
        };
        db.Add(request);
        await db.SaveChangesAsync();
        Assert.True((await Setup.AddBlockAsync(edition.Id, BlockStart, BlockStart.AddMinutes(60), 30)).Ok);
        if (tables > 0) await Setup.AddTablesAsync(edition.Id, tables);
        var second = (await Setup.SlotsAsync(edition.Id))[1].Start;
        await Setup.SetAvailabilityAsync(ana.Id, [second]);
        await Setup.SetAvailabilityAsync(bojan.Id, [second]);
        return (edition.Id, request.Id);
    }

    private IRenderedComponent<OrganiserMatchmaking> RenderPage(int editionId)
    {
        Render<MudPopoverProvider>();
        var page = Render<OrganiserMatchmaking>(p => p.Add(x => x.Id, editionId));
        page.WaitForElement("[data-testid=mm-stats]");
        return page;
    }

    [Fact]
    public async Task AddTables_WhenClicked_TheGridAppearsWithTheirColumns()
    {
        var (edition, _) = await AcceptedMeetingAsync(tables: 0);
        var page = RenderPage(edition);
        page.WaitForAssertion(() => Assert.Contains("Add at least one block and one table to see the grid.", page.Markup, StringComparison.Ordinal));

        await page.InvokeAsync(() => page.Find("[data-testid=mm-add-tables]").Click());

        page.WaitForAssertion(() => Assert.Equal(1 + 10, page.FindAll("[data-testid=mm-grid] thead th").Count));
        Assert.Equal(10, page.FindAll("[data-testid=mm-table-row]").Count);
    }

    [Fact]
    public async Task ScheduleAll_WhenAMeetingIsAccepted_GridRequestsAndStatisticsShowItScheduled()
    {
        var (edition, _) = await AcceptedMeetingAsync(tables: 2);
        var page = RenderPage(edition);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=mm-unscheduled-meeting]")));
        Assert.Contains("not yet", page.Find("[data-testid=mm-org-request]").TextContent, StringComparison.Ordinal);

        await page.InvokeAsync(() => page.Find("[data-testid=mm-schedule-all]").Click());

        page.WaitForAssertion(() => Assert.Contains("Scheduled 1 of 1 accepted (upper bound 1", page.Find("[data-testid=mm-outcome]").TextContent, StringComparison.Ordinal));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=mm-cell-1-1] [data-testid=mm-meeting]")));
        Assert.Empty(page.FindAll("[data-testid=mm-unscheduled-meeting]"));
        Assert.Contains("scheduled", page.Find("[data-testid=mm-org-request]").TextContent, StringComparison.Ordinal);
        Assert.Contains("Scheduled 1 of 1 accepted", page.Find("[data-testid=mm-stat-scheduled]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PriorityOnTheGrid_WhenClicked_TheRequestListShowsIt()
    {
        var (edition, _) = await AcceptedMeetingAsync(tables: 2);
        await Services.GetRequiredService<MeetingSchedule>().ScheduleAllAsync(edition, 0.5);
        var page = RenderPage(edition);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=mm-meeting]")));
        Assert.Equal("Mark Ana Test – Bojan Test as priority", page.Find("[data-testid=mm-org-request] [data-testid=mm-priority-toggle]").GetAttribute("aria-label"));

        await page.InvokeAsync(() => page.Find("[data-testid=mm-meeting] [data-testid=mm-priority-toggle]").Click());

        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=mm-meeting] [data-testid=mm-priority-mark]")));
        page.WaitForAssertion(() => Assert.StartsWith("Unmark priority",
            page.Find("[data-testid=mm-org-request] [data-testid=mm-priority-toggle]").GetAttribute("aria-label"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task MoveHere_WhenBothSidesAreBusyInThatSlot_ShowsTheRefusalAndKeepsTheMeeting()
    {
        var (edition, _) = await AcceptedMeetingAsync(tables: 2);
        await Services.GetRequiredService<MeetingSchedule>().ScheduleAllAsync(edition, 0.5);
        var page = RenderPage(edition);
        page.WaitForAssertion(() => Assert.Single(page.FindAll("[data-testid=mm-cell-1-1] [data-testid=mm-meeting]")));

        await page.InvokeAsync(() => page.Find("[data-testid=mm-meeting] button[aria-label=Move]").Click());
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=mm-cell-0-2] button")));
        await page.InvokeAsync(() => page.Find("[data-testid=mm-cell-0-2] button").Click());

        page.WaitForAssertion(() => Assert.Contains("Refused: Both sides must be available in that slot.", page.Find("[data-testid=mm-move-error]").TextContent, StringComparison.Ordinal));
        Assert.Single(page.FindAll("[data-testid=mm-cell-1-1] [data-testid=mm-meeting]"));
        // The refused move ended the move: no cell offers “Move here” any more.
        Assert.DoesNotContain("Move here", page.Find("[data-testid=mm-grid]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RemoveBlock_WhenItWasTheOnlyOne_TheGridGoesAndTheBlockListEmpties()
    {
        var (edition, _) = await AcceptedMeetingAsync(tables: 1);
        var page = RenderPage(edition);
        page.WaitForElement("[data-testid=mm-grid]");

        await page.InvokeAsync(() => page.Find("button[aria-label='Remove block']").Click());

        page.WaitForAssertion(() => Assert.Empty(page.FindAll("[data-testid=mm-grid]")));
        Assert.Empty(page.FindAll("button[aria-label='Remove block']"));
        Assert.Empty(await Setup.BlocksAsync(edition));
    }
}
