using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Features.Registration.Mail;
using DaysOfClusters.Web.Infrastructure.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace DaysOfClusters.UnitTests.Registrations;

public sealed class RegistrationRulesTests
{
    private static readonly Edition Edition = new()
    {
        Title = "T", Slug = "t", HostCity = "Niš", CountryCode = "RS", TimeZoneId = "Europe/Belgrade",
        StartDate = new DateOnly(2027, 10, 14), EndDate = new DateOnly(2027, 10, 16),
    };

    private static RegistrationInput Valid() => new()
    {
        FirstName = "Stefan", LastName = "Nikolić", Email = "stefan@example.rs", Organisation = "Klaster", OrganisationType = OrganisationType.CompanySme,
        JobTitle = "CEO", CountryCode = "RS", DaysAttending = [new DateOnly(2027, 10, 15)], PrivacyConsent = true,
    };

    private static Dictionary<string, List<string>> Validate(RegistrationInput input)
    {
        RegistrationRules.Normalize(input);
        return RegistrationRules.Validate(input, c => c is "RS" or "GR" or "XK", Edition);
    }

    [Fact]
    public void Validate_WhenEverythingFilledIn_ReturnsNoErrors() => Assert.Empty(Validate(Valid()));

    [Theory]
    [InlineData("Đorđe", "Šćepanović")]
    [InlineData("Ђорђе", "Шћепановић")]
    [InlineData("Γιώργος", "Παπαδόπουλος")]
    [InlineData("Zoë", "O'Neil-Smith Jr.")]
    [InlineData("明", "王")]
    public void Validate_WhenNamesInAnyScript_Accepts(string first, string last)
    {
        var input = Valid();
        (input.FirstName, input.LastName) = (first, last);
        Assert.Empty(Validate(input));
    }

    [Theory]
    [InlineData("a@b.co", true)]
    [InlineData("first.last+tag@sub.example.org", true)]
    [InlineData("plain", false)]
    [InlineData("a@b", false)]
    [InlineData("a@b.c", false)]
    [InlineData("a b@c.org", false)]
    [InlineData("a@@c.org", false)]
    [InlineData("<a>@c.org", false)]
    public void Validate_Email_AcceptsOnlyWellFormedAddresses(string email, bool ok)
    {
        var input = Valid();
        input.Email = email;
        Assert.Equal(ok, !Validate(input).ContainsKey(nameof(RegistrationInput.Email)));
    }

    [Fact]
    public void Validate_WhenTextHasControlCharactersOrMarkup_ReportsEachField()
    {
        var input = Valid();
        input.FirstName = "A\u001b[31m";
        input.Organisation = "<iframe>";
        input.DietaryNeeds = "no\u0000nuts";
        input.AccessibilityNeeds = "line one\r\nline two\twith tab";
        var errors = Validate(input);
        Assert.Equal(["DietaryNeeds", "FirstName", "Organisation"], errors.Keys.Order());
    }

    [Fact]
    public void Validate_WhenDayOutsideEdition_ReportsDays()
    {
        var input = Valid();
        input.DaysAttending = [new DateOnly(2027, 10, 17)];
        Assert.True(Validate(input).ContainsKey(nameof(RegistrationInput.DaysAttending)));
    }

    [Fact]
    public void Normalize_WhenSpacesAndCase_TrimsAndUppercasesCountryAndFixesLanguage()
    {
        var input = Valid();
        input.FirstName = "  Ana ";
        input.CountryCode = " gr ";
        input.Phone = "   ";
        input.Language = "de";
        RegistrationRules.Normalize(input);
        Assert.Equal(("Ana", "GR", null, "en"), (input.FirstName, input.CountryCode, input.Phone, input.Language));
        Assert.Equal("mixed@case.org", RegistrationRules.NormalizeEmail("  MiXeD@Case.ORG "));
    }

    [Fact]
    public void NewToken_Always_Has256RandomBitsAndIsUrlSafe()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => RegistrationRules.NewToken()).ToList();
        Assert.Equal(100, tokens.Distinct().Count());
        Assert.All(tokens, t =>
        {
            Assert.Equal(43, t.Length);
            Assert.Matches("^[A-Za-z0-9_-]+$", t);
        });
        Assert.Equal(64, RegistrationRules.Sha256Hex(tokens[0]).Length);
    }

    [Fact]
    public void FormatDays_WhenUnorderedWithDuplicates_RoundTrips()
    {
        var text = RegistrationRules.FormatDays([new DateOnly(2027, 10, 15), new DateOnly(2027, 10, 14), new DateOnly(2027, 10, 15)]);
        Assert.Equal("2027-10-14,2027-10-15", text);
        Assert.Equal([new DateOnly(2027, 10, 14), new DateOnly(2027, 10, 15)], RegistrationRules.ParseDays(text));
    }
}

public sealed class RegistrationMailsTests
{
    private static RegistrationMailData Data(RegistrationMailKind kind, string language, RegistrationStatus status = RegistrationStatus.Confirmed, int? position = null) =>
        new(kind, language, "ana@example.org", "Ana <b>Anić</b>", "9th Days of Clusters – Niš", "https://doc.example/manage/TOKEN", status, position, new DateTime(2027, 9, 1, 18, 0, 0));

    [Fact]
    public void Build_WhenSerbian_UsesSerbianTextAndCarriesTheManageLink()
    {
        var message = RegistrationMails.Build(Data(RegistrationMailKind.Waitlisted, "sr-Latn", RegistrationStatus.Waitlisted, 7), new MailOptions("reg@doc.example", "Days of Clusters"));
        Assert.Contains("listi čekanja", message.Subject);
        Assert.Contains("poziciji 7", message.TextBody);
        Assert.Contains("https://doc.example/manage/TOKEN", message.TextBody);
        Assert.Null(message.HtmlBody);
    }

    [Theory]
    [InlineData(RegistrationMailKind.Confirmed, "confirmed")]
    [InlineData(RegistrationMailKind.Offer, "seat is free")]
    [InlineData(RegistrationMailKind.Approved, "approved")]
    [InlineData(RegistrationMailKind.Rejected, "not approved")]
    [InlineData(RegistrationMailKind.Cancelled, "cancelled")]
    [InlineData(RegistrationMailKind.ManageLink, "manage link")]
    [InlineData(RegistrationMailKind.Pending, "received")]
    public void Build_WhenEnglish_SubjectSaysWhatHappened(RegistrationMailKind kind, string expected)
    {
        var message = RegistrationMails.Build(Data(kind, "en"), new MailOptions("reg@doc.example", "Days of Clusters"));
        Assert.Contains(expected, message.Subject);
        Assert.Equal("ana@example.org", message.To.Mailboxes.Single().Address);
        Assert.Contains("https://doc.example/manage/TOKEN", message.TextBody);
    }
}

public sealed class RegistrationRateLimiterTests
{
    [Fact]
    public void TryAcquire_WhenOverTheLimit_RefusesThatIpOnly()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Registration:RateLimit:PermitsPerMinute"] = "3" }).Build();
        using var limiter = new RegistrationRateLimiter(Options.Create(config.GetSection(RegistrationOptions.Section).Get<RegistrationOptions>()!));
        var results = Enumerable.Range(0, 5).Select(_ => limiter.TryAcquire("192.0.2.1")).ToList();
        Assert.Equal([true, true, true, false, false], results);
        Assert.True(limiter.TryAcquire("192.0.2.2"));
    }
}
