using DaysOfClusters.Web.Features.Editions;

namespace DaysOfClusters.UnitTests.Editions;

public sealed class EditionRulesTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Start = new(2027, 10, 14);

    private static EditionInput Valid() => new()
    {
        Ordinal = 8, Title = "Clusters for resilience", Slug = "8th-days-of-clusters", HostCity = "Belgrade", CountryCode = "RS",
        StartDate = Start, EndDate = Start.AddDays(1), TimeZoneId = "Europe/Belgrade",
        RegistrationOpens = Start.AddDays(-60), RegistrationCloses = Start.AddDays(-1).AddHours(23), Capacity = 400,
    };

    private static Dictionary<string, List<string>> Validate(EditionInput input) =>
        EditionRules.Validate(input, code => code is "RS" or "TR", Now);

    private static Dictionary<string, List<string>> Validate(Action<EditionInput> change)
    {
        var input = Valid();
        change(input);
        return Validate(input);
    }

    [Fact]
    public void Validate_When_InputIsValid_ReturnsNoErrors() => Assert.Empty(Validate(Valid()));

    [Fact]
    public void Validate_When_EndIsBeforeStart_FlagsEndDate()
    {
        var errors = Validate(i => i.EndDate = Start.AddDays(-1));
        Assert.Equal([nameof(EditionInput.EndDate)], errors.Keys);
    }

    [Fact]
    public void Validate_When_OneDayEdition_IsValid() => Assert.Empty(Validate(i => i.EndDate = Start));

    [Fact]
    public void Validate_When_EditionLastsMoreThanFourteenDays_FlagsEndDate()
    {
        Assert.Empty(Validate(i => i.EndDate = Start.AddDays(EditionRules.MaxEditionDays - 1)));
        Assert.Contains(nameof(EditionInput.EndDate), Validate(i => i.EndDate = Start.AddDays(EditionRules.MaxEditionDays)).Keys);
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2037)]
    public void Validate_When_StartYearIsOutOfBounds_FlagsStartDate(int year)
    {
        var errors = Validate(i => { i.StartDate = new DateTime(year, 5, 1); i.EndDate = new DateTime(year, 5, 2); i.RegistrationOpens = null; i.RegistrationCloses = null; });
        Assert.Contains(nameof(EditionInput.StartDate), errors.Keys);
    }

    [Fact]
    public void Validate_When_DatesAreMissing_FlagsBoth()
    {
        var errors = Validate(i => { i.StartDate = null; i.EndDate = null; });
        Assert.Contains(nameof(EditionInput.StartDate), errors.Keys);
        Assert.Contains(nameof(EditionInput.EndDate), errors.Keys);
    }

    [Fact]
    public void Validate_When_RegistrationClosesAfterLastDay_FlagsRegistrationCloses()
    {
        Assert.Empty(Validate(i => i.RegistrationCloses = Start.AddDays(1).AddHours(23).AddMinutes(59)));
        Assert.Equal([nameof(EditionInput.RegistrationCloses)], Validate(i => i.RegistrationCloses = Start.AddDays(2)).Keys);
    }

    [Fact]
    public void Validate_When_RegistrationClosesBeforeItOpens_FlagsRegistrationCloses()
    {
        var errors = Validate(i => { i.RegistrationOpens = Start.AddDays(-10); i.RegistrationCloses = Start.AddDays(-20); });
        Assert.Equal([nameof(EditionInput.RegistrationCloses)], errors.Keys);
        Assert.Contains(nameof(EditionInput.RegistrationCloses), Validate(i => i.RegistrationCloses = i.RegistrationOpens).Keys);
    }

    [Fact]
    public void Validate_When_RegistrationOpensAfterEditionStarts_FlagsRegistrationOpens()
    {
        var errors = Validate(i => { i.RegistrationOpens = Start.AddDays(1); i.RegistrationCloses = Start.AddDays(1).AddHours(5); });
        Assert.Equal([nameof(EditionInput.RegistrationOpens)], errors.Keys);
    }

    [Fact]
    public void Validate_When_RegistrationWindowIsOpenEnded_IsValid() =>
        Assert.Empty(Validate(i => { i.RegistrationOpens = null; i.RegistrationCloses = null; }));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Validate_When_TitleIsBlank_FlagsTitle(string title) =>
        Assert.Equal([nameof(EditionInput.Title)], Validate(i => i.Title = title).Keys);

    [Fact]
    public void Validate_When_TitleIsTooLong_FlagsTitle()
    {
        Assert.Empty(Validate(i => i.Title = new string('x', EditionRules.TitleMaxLength)));
        Assert.Equal([nameof(EditionInput.Title)], Validate(i => i.Title = new string('x', 10_000)).Keys);
    }

    [Theory]
    [InlineData("Europe/Atlantis")]
    [InlineData("")]
    [InlineData("Belgrade")]
    public void Validate_When_TimeZoneIsUnknown_FlagsTimeZone(string zone) =>
        Assert.Equal([nameof(EditionInput.TimeZoneId)], Validate(i => i.TimeZoneId = zone).Keys);

    [Theory]
    [InlineData("8th-days-of-clusters")]
    [InlineData("dc2027")]
    [InlineData("a")]
    public void Validate_When_SlugIsWellFormed_Accepts(string slug) => Assert.Empty(Validate(i => i.Slug = slug));

    [Theory]
    [InlineData("")]
    [InlineData("Upper-Case")]
    [InlineData("double--hyphen")]
    [InlineData("-leading")]
    [InlineData("trailing-")]
    [InlineData("with space")]
    [InlineData("šđč")]
    [InlineData("a/b")]
    public void Validate_When_SlugIsMalformed_FlagsSlug(string slug) =>
        Assert.Equal([nameof(EditionInput.Slug)], Validate(i => i.Slug = slug).Keys);

    [Fact]
    public void Validate_When_SlugIsLongerThanSixty_FlagsSlug()
    {
        Assert.Empty(Validate(i => i.Slug = new string('a', EditionRules.SlugMaxLength)));
        Assert.Equal([nameof(EditionInput.Slug)], Validate(i => i.Slug = new string('a', EditionRules.SlugMaxLength + 1)).Keys);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    public void Validate_When_OrdinalIsOutOfRange_FlagsOrdinal(int ordinal) =>
        Assert.Equal([nameof(EditionInput.Ordinal)], Validate(i => i.Ordinal = ordinal).Keys);

    [Theory]
    [InlineData(0)]
    [InlineData(100_001)]
    public void Validate_When_CapacityIsOutOfRange_FlagsCapacity(int capacity) =>
        Assert.Equal([nameof(EditionInput.Capacity)], Validate(i => i.Capacity = capacity).Keys);

    [Fact]
    public void Validate_When_CountryIsUnknown_FlagsCountry() =>
        Assert.Equal([nameof(EditionInput.CountryCode)], Validate(i => i.CountryCode = "QQ").Keys);

    [Theory]
    [InlineData(1, "1st")]
    [InlineData(2, "2nd")]
    [InlineData(3, "3rd")]
    [InlineData(4, "4th")]
    [InlineData(8, "8th")]
    [InlineData(11, "11th")]
    [InlineData(12, "12th")]
    [InlineData(13, "13th")]
    [InlineData(21, "21st")]
    [InlineData(22, "22nd")]
    [InlineData(23, "23rd")]
    [InlineData(101, "101st")]
    [InlineData(111, "111th")]
    [InlineData(112, "112th")]
    public void Ordinal_When_Formatted_UsesTheEnglishSuffix(int n, string expected) => Assert.Equal(expected, EditionRules.Ordinal(n));

    [Fact]
    public void OrdinalTitle_When_Formatted_NamesTheConference() => Assert.Equal("8th Days of Clusters", EditionRules.OrdinalTitle(8));

    [Theory]
    [InlineData("8th Days of Clusters", "8th-days-of-clusters")]
    [InlineData("  Beograd — Đerdap 2027!  ", "beograd-derdap-2027")]
    [InlineData("Niš & Čačak", "nis-cacak")]
    public void SlugFrom_When_GivenText_MakesAValidSlug(string text, string expected)
    {
        Assert.Equal(expected, EditionRules.SlugFrom(text));
        Assert.Empty(Validate(i => i.Slug = EditionRules.SlugFrom(text)));
    }

    [Fact]
    public void SlugFrom_When_TextIsVeryLong_CutsToSixtyWithoutTrailingHyphen()
    {
        var slug = EditionRules.SlugFrom(string.Join(' ', Enumerable.Repeat("cluster", 30)));
        Assert.True(slug.Length <= EditionRules.SlugMaxLength);
        Assert.False(slug.EndsWith('-'));
    }

    [Fact]
    public void ToUtc_When_SummerTimeInBelgrade_SubtractsTwoHours() =>
        Assert.Equal(new DateTime(2027, 7, 1, 7, 0, 0), EditionRules.ToUtc(new DateTime(2027, 7, 1, 9, 0, 0), "Europe/Belgrade"));

    [Fact]
    public void ToUtc_When_WinterTimeInBelgrade_SubtractsOneHour() =>
        Assert.Equal(new DateTime(2027, 1, 15, 8, 0, 0), EditionRules.ToUtc(new DateTime(2027, 1, 15, 9, 0, 0), "Europe/Belgrade"));

    [Fact]
    public void ToUtc_When_IstanbulWithoutDaylightSaving_SubtractsThreeHoursAllYear()
    {
        Assert.Equal(new DateTime(2027, 1, 15, 6, 0, 0), EditionRules.ToUtc(new DateTime(2027, 1, 15, 9, 0, 0), "Europe/Istanbul"));
        Assert.Equal(new DateTime(2027, 7, 15, 6, 0, 0), EditionRules.ToUtc(new DateTime(2027, 7, 15, 9, 0, 0), "Europe/Istanbul"));
    }

    [Fact]
    public void ToLocal_When_RoundTripped_ReturnsTheTypedTime()
    {
        var local = new DateTime(2027, 10, 13, 23, 0, 0);
        var utc = EditionRules.ToUtc(local, "Europe/Belgrade");
        Assert.Equal(DateTimeKind.Utc, utc.Kind);
        Assert.Equal(local, EditionRules.ToLocal(utc, "Europe/Belgrade"));
    }

    [Fact]
    public void IsRegistrationOpen_When_OpenAndInsideWindow_IsTrueOnlyInsideIt()
    {
        var edition = new Edition
        {
            Title = "t", Slug = "s", HostCity = "c", CountryCode = "RS", TimeZoneId = "Europe/Belgrade", Status = EditionStatus.Open,
            RegistrationOpensUtc = Now.AddDays(-1), RegistrationClosesUtc = Now.AddDays(1),
        };
        Assert.True(EditionRules.IsRegistrationOpen(edition, Now));
        Assert.False(EditionRules.IsRegistrationOpen(edition, Now.AddDays(-2)));
        Assert.False(EditionRules.IsRegistrationOpen(edition, Now.AddDays(1)));
        edition.Status = EditionStatus.Closed;
        Assert.False(EditionRules.IsRegistrationOpen(edition, Now));
    }
}
