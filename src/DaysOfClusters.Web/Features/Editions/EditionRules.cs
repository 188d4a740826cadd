using System.Globalization;
using System.Text.RegularExpressions;

namespace DaysOfClusters.Web.Features.Editions;

/// <summary>The values an organiser types for an edition, before they are saved.</summary>
public sealed class EditionInput
{
    public int SeriesId { get; set; } = SeriesCatalogue.DaysOfClustersId;
    public EventKind Kind { get; set; } = EventKind.Conference;
    public int Ordinal { get; set; }
    public string Title { get; set; } = "";
    public string Slug { get; set; } = "";
    public string HostCity { get; set; } = "";
    public string CountryCode { get; set; } = "RS";
    public string? Venue { get; set; }
    public DateTime? StartDate { get; set; }
    public DateTime? EndDate { get; set; }
    public string TimeZoneId { get; set; } = "Europe/Belgrade";
    public DateTime? RegistrationOpens { get; set; }
    public DateTime? RegistrationCloses { get; set; }
    public int? Capacity { get; set; }
    public string? Description { get; set; }
    public int OfferHoldHours { get; set; } = 48;
    public bool PublicHeadline { get; set; }
    public bool InvitationOnly { get; set; }
    public int? SeatsPerOrganisation { get; set; }
    public int? CertificateThresholdPercent { get; set; }

    /// <summary>What a kind of event starts with; every value stays editable.</summary>
    public void ApplyKindDefaults()
    {
        InvitationOnly = Kind == EventKind.RoundTable;
        SeatsPerOrganisation = Kind == EventKind.RoundTable ? 1 : null;
        CertificateThresholdPercent = Kind == EventKind.Training ? EditionRules.DefaultCertificateThresholdPercent : null;
    }
}

/// <summary>Validation of editions, shared by the form, the service and the tests. Field names match <see cref="EditionInput"/>.</summary>
public static partial class EditionRules
{
    public const int TitleMaxLength = 200;
    public const int SlugMaxLength = 60;
    public const int DescriptionMaxLength = 4000;
    public const int MaxEditionDays = 14;
    public const int DefaultCertificateThresholdPercent = 75;

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$")]
    private static partial Regex SlugPattern();

    public static string OrdinalTitle(int ordinal) => $"{Ordinal(ordinal)} Days of Clusters";

    /// <summary>"3rd Cluster Round Table": the number within its series.</summary>
    public static string OrdinalTitle(int ordinal, int seriesId) => $"{Ordinal(ordinal)} {SeriesCatalogue.NameOf(seriesId)}";

    /// <summary>An event's days in the current culture ("D" or "d"): one date for a one-day event, a range otherwise.</summary>
    public static string Dates(DateOnly start, DateOnly end, string format = "D") => start == end
        ? start.ToString(format, System.Globalization.CultureInfo.CurrentCulture)
        : $"{start.ToString(format, System.Globalization.CultureInfo.CurrentCulture)} – {end.ToString(format, System.Globalization.CultureInfo.CurrentCulture)}";

    public static string Ordinal(int n)
    {
        var suffix = (n % 100) is 11 or 12 or 13 ? "th" : (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
        return n.ToString(CultureInfo.InvariantCulture) + suffix;
    }

    public static bool IsKnownTimeZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    public static string SlugFrom(string text)
    {
        var normalized = text.Normalize(System.Text.NormalizationForm.FormD);
        var chars = normalized.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            .Select(c => c == 'đ' || c == 'Đ' ? 'd' : char.ToLowerInvariant(c))
            .Select(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' ? c : '-');
        var slug = Regex.Replace(new string(chars.ToArray()), "-{2,}", "-").Trim('-');
        return slug.Length > SlugMaxLength ? slug[..SlugMaxLength].Trim('-') : slug;
    }

    /// <summary>Field errors keyed by <see cref="EditionInput"/> property name; empty when the input is valid.</summary>
    public static Dictionary<string, List<string>> Validate(EditionInput input, Func<string, bool> countryExists, DateTime utcNow)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        if (input.Ordinal is < 1 or > 999) Add(nameof(input.Ordinal), "The edition number must be between 1 and 999.");
        if (!Enum.IsDefined(input.Kind)) Add(nameof(input.Kind), "Choose the kind of event from the list.");
        if (string.IsNullOrWhiteSpace(input.Title)) Add(nameof(input.Title), "The title is required.");
        else if (input.Title.Length > TitleMaxLength) Add(nameof(input.Title), $"The title must be at most {TitleMaxLength} characters.");
        if (string.IsNullOrWhiteSpace(input.Slug)) Add(nameof(input.Slug), "The URL slug is required.");
        else if (input.Slug.Length > SlugMaxLength || !SlugPattern().IsMatch(input.Slug))
            Add(nameof(input.Slug), $"The URL slug may hold lower-case letters, digits and single hyphens (at most {SlugMaxLength}).");
        if (string.IsNullOrWhiteSpace(input.HostCity)) Add(nameof(input.HostCity), "The host city is required.");
        else if (input.HostCity.Length > 100) Add(nameof(input.HostCity), "The host city must be at most 100 characters.");
        if (string.IsNullOrWhiteSpace(input.CountryCode) || !countryExists(input.CountryCode)) Add(nameof(input.CountryCode), "Choose a country from the list.");
        if (input.Venue is { Length: > 200 }) Add(nameof(input.Venue), "The venue must be at most 200 characters.");
        if (input.Description is { Length: > DescriptionMaxLength }) Add(nameof(input.Description), $"The description must be at most {DescriptionMaxLength} characters.");
        if (!IsKnownTimeZone(input.TimeZoneId)) Add(nameof(input.TimeZoneId), "Unknown time zone; use an IANA name such as Europe/Belgrade.");
        if (input.Capacity is < 1 or > 100_000) Add(nameof(input.Capacity), "Capacity must be between 1 and 100,000, or empty for no limit.");
        if (input.OfferHoldHours is < 1 or > 720) Add(nameof(input.OfferHoldHours), "A seat offer must be held between 1 and 720 hours.");
        if (input.SeatsPerOrganisation is < 1 or > 1000) Add(nameof(input.SeatsPerOrganisation), "Seats per organisation must be between 1 and 1,000, or empty for no limit.");
        if (input.CertificateThresholdPercent is < 1 or > 100)
            Add(nameof(input.CertificateThresholdPercent), "The attendance needed for a certificate must be between 1 and 100 per cent, or empty for no certificates.");

        if (input.StartDate is null) Add(nameof(input.StartDate), "The start date is required.");
        if (input.EndDate is null) Add(nameof(input.EndDate), "The end date is required.");
        if (input.StartDate is { } start && input.EndDate is { } end)
        {
            if (end.Date < start.Date) Add(nameof(input.EndDate), "The edition cannot end before it starts.");
            else if ((end.Date - start.Date).TotalDays + 1 > MaxEditionDays) Add(nameof(input.EndDate), $"An edition lasts at most {MaxEditionDays} days.");
            if (start.Year < 2000 || start.Year > utcNow.Year + 10) Add(nameof(input.StartDate), "The start date must be between 2000 and ten years from now.");

            // Registration times are typed in the edition's own time zone, like every other time of the edition.
            if (input.RegistrationCloses is { } closes && closes.Date > end.Date)
                Add(nameof(input.RegistrationCloses), "Registration must close by the last day of the edition.");
        }
        if (input.RegistrationOpens is { } opens && input.RegistrationCloses is { } closing && closing <= opens)
            Add(nameof(input.RegistrationCloses), "Registration must close after it opens.");
        if (input.RegistrationOpens is { } o && input.StartDate is { } s && o.Date > s.Date)
            Add(nameof(input.RegistrationOpens), "Registration must open before the edition starts.");
        return errors;
    }

    /// <summary>Converts a wall-clock time typed in the edition's zone to UTC.</summary>
    public static DateTime ToUtc(DateTime local, string timeZoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        return TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), zone);
    }

    public static DateTime ToLocal(DateTime utc, string timeZoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
    }

    /// <summary>Whether the public form accepts registrations now.</summary>
    /// <summary>Whether anybody may use the public form: registration is open and the event is not by invitation only.</summary>
    public static bool IsPublicFormOpen(Edition edition, DateTime utcNow) => !edition.InvitationOnly && IsRegistrationOpen(edition, utcNow);

    public static bool IsRegistrationOpen(Edition edition, DateTime utcNow) =>
        edition.Status == EditionStatus.Open
        && (edition.RegistrationOpensUtc is null || edition.RegistrationOpensUtc <= utcNow)
        && (edition.RegistrationClosesUtc is null || utcNow < edition.RegistrationClosesUtc);
}
