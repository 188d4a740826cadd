using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Data.Seeding;
using DaysOfClusters.Web.Features.Accounts;
using DaysOfClusters.Web.Features.Agenda;
using DaysOfClusters.Web.Features.CheckIn;
using DaysOfClusters.Web.Features.Matchmaking;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Infrastructure.Mail;
using DaysOfClusters.Web.Features.Security;
using DaysOfClusters.Web.Infrastructure;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DaysOfClusters.UnitTests.Infrastructure;

public sealed class SettingsTests
{
    /// <summary>Some options classes registered as the app registers them, over the given settings.</summary>
    private static (ServiceCollection Services, IConfiguration Configuration) Registered(params (string Key, string? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSettings<RateLimitOptions>(RateLimitOptions.Section);
        services.AddSettings<MailOptions>(MailOptions.Section);
        services.AddSettings<PrivacyOptions>(PrivacyOptions.Section);
        services.AddSettings<MatchmakingOptions>(MatchmakingOptions.Section);
        services.AddSettings<RegistrationOptions>(RegistrationOptions.Section);
        services.AddSettings<AccountsOptions>(AccountsOptions.Section);
        return (services, configuration);
    }

    private static string? StartupError(params (string Key, string? Value)[] settings)
    {
        var (services, configuration) = Registered(settings);
        return Settings.StartupError(services, configuration);
    }

    [Fact]
    public void StartupError_When_EverySettingHasItsDefault_IsNull()
    {
        Assert.Null(StartupError());
    }

    [Fact]
    public void StartupError_When_ANumberIsOutOfRange_NamesTheSettingAndValueInOneLine()
    {
        Assert.Equal("RateLimits:CheckInFailures must be between 1 and 2147483647 (was 0).", StartupError(("RateLimits:CheckInFailures", "0")));
    }

    [Fact]
    public void StartupError_When_ANestedKeyIsOutOfRange_NamesItsFullKey()
    {
        Assert.Equal("Mail:Smtp:Port must be between 0 and 65535 (was 70000).", StartupError(("Mail:Smtp:Port", "70000")));
    }

    [Fact]
    public void StartupError_When_TwoSectionsHaveBadValues_GivesOneLineForEach()
    {
        var lines = StartupError(("Accounts:CircuitRevalidationSeconds", "61"), ("Matchmaking:Worker:IntervalSeconds", "0"))!.Split(Environment.NewLine);
        Assert.Equal(["Accounts:CircuitRevalidationSeconds must be between 1 and 60 (was 61).", "Matchmaking:Worker:IntervalSeconds must be between 1 and 3600 (was 0)."],
            lines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void StartupError_When_AValueIsNoNumber_NamesTheSettingInOneLine()
    {
        var error = StartupError(("RateLimits:Pages", "many"));
        Assert.NotNull(error);
        Assert.Contains("'RateLimits:Pages'", error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error);
    }

    [Theory]
    [InlineData("not base64!", "Privacy:EmailHashKey must be base64 (e.g. `openssl rand -base64 32`).")]
    [InlineData("c2hvcnQ=", "Privacy:EmailHashKey must hold at least 32 bytes (e.g. `openssl rand -base64 32`).")]
    public void StartupError_When_EmailHashKeyIsBad_NamesItWithoutShowingTheSecret(string key, string expected)
    {
        var error = StartupError(("Privacy:EmailHashKey", key));
        Assert.Equal(expected, error);
        Assert.DoesNotContain(key, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateOnStart_When_ANumberIsOutOfRange_StopsTheHostStartToo()
    {
        // The host's own check at start (after the start-up tasks), behind the one Program.cs makes before building the app.
        using var services = Registered(("RateLimits:Pages", "0")).Services.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Equal(typeof(RateLimitOptions), error.OptionsType);
    }

    [Fact]
    public void Bind_When_NestedKeysAreSet_FillsTheOptionsProperties()
    {
        using var services = Registered(("Matchmaking:Worker:IntervalSeconds", "5"), ("Registration:Worker:Disabled", "true"),
            ("Registration:RateLimit:PermitsPerMinute", "3"), ("Mail:From:Address", "desk@doc.example"), ("Mail:From:Name", "Desk"),
            ("Mail:Smtp:Host", "smtp.doc.example"), ("Mail:Smtp:Security", "starttls"), ("Mail:Smtp:User", "u"), ("Mail:Smtp:Password", "p"))
            .Services.BuildServiceProvider();
        Assert.Equal(5, services.GetRequiredService<IOptions<MatchmakingOptions>>().Value.WorkerIntervalSeconds);
        var registration = services.GetRequiredService<IOptions<RegistrationOptions>>().Value;
        Assert.Equal((true, 3), (registration.WorkerDisabled, registration.RateLimitPermitsPerMinute));
        var mail = services.GetRequiredService<IOptions<MailOptions>>().Value;
        Assert.Equal(("desk@doc.example", "Desk", "smtp.doc.example", 25, SecureSocketOptions.StartTls, "u", "p"),
            (mail.FromAddress, mail.FromName, mail.SmtpHost, mail.SmtpPort, mail.SmtpSecurity, mail.SmtpUser, mail.SmtpPassword));
    }

    [Fact]
    public void ReadmeSettingsTable_When_Read_ListsEveryOptionsClassWithItsSectionAndKeys()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DaysOfClusters.sln"))) directory = directory.Parent;
        Assert.NotNull(directory);
        var readme = File.ReadAllText(Path.Combine(directory.FullName, "README.md"));
        var optionsTypes = typeof(Settings).Assembly.GetTypes()
            .Where(t => t.Name.EndsWith("Options", StringComparison.Ordinal) && t.GetField("Section")?.IsLiteral == true).ToList();
        Assert.True(optionsTypes.Count >= 13, string.Join(", ", optionsTypes.Select(t => t.Name)));
        foreach (var type in optionsTypes)
        {
            var row = readme.Split('\n').FirstOrDefault(l => l.StartsWith($"| `{type.Name}`", StringComparison.Ordinal));
            Assert.True(row is not null, $"README has no settings row for {type.Name}.");
            Assert.Contains($"| `{type.GetField("Section")!.GetRawConstantValue()}` |", row, StringComparison.Ordinal);
            foreach (var property in type.GetProperties().Where(p => p.SetMethod?.IsPublic == true))
            {
                var key = property.GetCustomAttributes(typeof(ConfigurationKeyNameAttribute), false).Cast<ConfigurationKeyNameAttribute>().FirstOrDefault()?.Name ?? property.Name;
                Assert.Contains($"`{key}`", readme, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Defaults_When_NothingIsConfigured_AreTheDocumentedOnes()
    {
        var limits = new RateLimitOptions();
        Assert.Equal((300, 60, 600, 6000, 30, 10, 5, 5), (limits.PublicApi, limits.TokenLinks, limits.Pages, limits.CheckInDevice,
            limits.CheckInFailures, limits.LoginPerIp, limits.LoginPerAccount, limits.ManageLinkResend));
        Assert.Equal(1024L * 1024, new RequestLimitOptions().MaxRequestBodyBytes);
        Assert.Equal(("organiser@daysofclusters.local", 30), (new AccountsOptions().FirstOrganiserEmail, new AccountsOptions().CircuitRevalidationSeconds));
        Assert.Equal(10, new CheckInOptions().DashboardRefreshSeconds);
        Assert.Equal("DaysOfClusters", new BackplaneOptions().ChannelPrefix);
        Assert.Equal(1, new AgendaOptions().SeatReleaseMinutes);
        Assert.Equal(60, new MatchmakingOptions().WorkerIntervalSeconds);
        Assert.Equal((10, false), (new RegistrationOptions().RateLimitPermitsPerMinute, new RegistrationOptions().WorkerDisabled));
        Assert.Null(new PrivacyOptions().EmailHashKey);
        var mail = new MailOptions();
        Assert.Equal(("registration@daysofclusters.example", "Days of Clusters", null, 25, SecureSocketOptions.Auto),
            (mail.FromAddress, mail.FromName, mail.SmtpHost, mail.SmtpPort, mail.SmtpSecurity));
        Assert.Null(new AppOptions().PublicBaseUrl);
        Assert.Equal("data", new DataOptions().Folder);
        Assert.False(new DemoOptions().Disabled);
    }
}
