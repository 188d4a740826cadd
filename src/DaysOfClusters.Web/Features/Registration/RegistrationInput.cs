using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DaysOfClusters.Web.Features.Editions;

namespace DaysOfClusters.Web.Features.Registration;

/// <summary>What a person (or an organiser, or an import row) types for a registration, before it is saved.</summary>
public sealed class RegistrationInput : IPersonInput
{
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string Email { get; set; } = "";
    public string Organisation { get; set; } = "";
    /// <summary>The directory organisation picked from the form's suggestions (Features/Network); null: found or created by name.</summary>
    public int? OrganisationId { get; set; }
    public OrganisationType? OrganisationType { get; set; }
    public string JobTitle { get; set; } = "";
    public string CountryCode { get; set; } = "";
    public string? Phone { get; set; }
    public int? CategoryId { get; set; }
    public List<DateOnly> DaysAttending { get; set; } = [];
    public string? DietaryNeeds { get; set; }
    public string? AccessibilityNeeds { get; set; }
    public bool PrivacyConsent { get; set; }
    public bool NetworkingConsent { get; set; }

    /// <summary>"I agree to hear from the Days of Clusters network about future editions" (optional; Features/Network reads it).</summary>
    public bool NetworkNewsConsent { get; set; }
    public string Language { get; set; } = "en";

    /// <summary>The off-screen field people never see; anything in it means a bot.</summary>
    public string? Website { get; set; }

    /// <summary>The token from an invitation link, if the person came through one.</summary>
    public string? InvitationToken { get; set; }

    /// <summary>Answers to the edition's own questions, by question id.</summary>
    public Dictionary<int, AnswerInput> Answers { get; set; } = [];

    public static RegistrationInput From(Registration r) => new()
    {
        FirstName = r.FirstName, LastName = r.LastName, Email = r.Email, Organisation = r.Organisation, OrganisationType = r.OrganisationType,
        JobTitle = r.JobTitle ?? "", CountryCode = r.CountryCode, Phone = r.Phone, CategoryId = r.CategoryId,
        DaysAttending = RegistrationRules.ParseDays(r.DaysAttending), DietaryNeeds = r.DietaryNeeds, AccessibilityNeeds = r.AccessibilityNeeds,
        PrivacyConsent = true, NetworkingConsent = r.NetworkingConsent, Language = r.Language,
    };
}

/// <summary>Field rules shared by the form, the manage page, the desk and the import.</summary>
public static partial class RegistrationRules
{
    public const int NameMaxLength = 100;
    public const int EmailMaxLength = 254;
    public const int OrganisationMaxLength = 200;
    public const int JobTitleMaxLength = 150;
    public const int PhoneMaxLength = 40;
    public const int NeedsMaxLength = 500;

    public static readonly string[] Languages = ["en", "sr-Latn"];

    [GeneratedRegex(@"^[^@\s<>()\[\]\\,;:""]+@[^@\s<>()\[\]\\,;:""]+\.[^@\s<>()\[\]\\,;:"".]{2,}$")]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"^\+?[0-9][0-9 ()\-./]{4,39}$")]
    private static partial Regex PhonePattern();

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public static bool IsEmail(string email) => EmailPattern().IsMatch(email);

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>A 256-bit random token for a link (manage or invitation), URL-safe.</summary>
    public static string NewToken() => Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static List<DateOnly> ParseDays(string? days) =>
        string.IsNullOrWhiteSpace(days) ? [] : days.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd")).ToList();

    public static string FormatDays(IEnumerable<DateOnly> days) =>
        string.Join(',', days.Distinct().Order().Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));

    public static IEnumerable<DateOnly> DaysOf(Edition edition)
    {
        for (var d = edition.StartDate; d <= edition.EndDate; d = d.AddDays(1)) yield return d;
    }

    /// <summary>Trims the text fields in place so what is checked is what is stored.</summary>
    public static void Normalize(RegistrationInput input)
    {
        input.FirstName = (input.FirstName ?? "").Trim();
        input.LastName = (input.LastName ?? "").Trim();
        input.Email = (input.Email ?? "").Trim();
        input.Organisation = (input.Organisation ?? "").Trim();
        input.JobTitle = (input.JobTitle ?? "").Trim();
        input.CountryCode = (input.CountryCode ?? "").Trim().ToUpperInvariant();
        input.Phone = string.IsNullOrWhiteSpace(input.Phone) ? null : input.Phone.Trim();
        input.DietaryNeeds = string.IsNullOrWhiteSpace(input.DietaryNeeds) ? null : input.DietaryNeeds.Trim();
        input.AccessibilityNeeds = string.IsNullOrWhiteSpace(input.AccessibilityNeeds) ? null : input.AccessibilityNeeds.Trim();
        if (!Languages.Contains(input.Language)) input.Language = "en";
    }

    /// <summary>Every field's rules; the category, consent and edition checks that need the database are in the service.</summary>
    public static Dictionary<string, List<string>> Validate(RegistrationInput input, Func<string, bool> countryExists, Edition edition)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list)) errors[field] = list = [];
            list.Add(message);
        }

        CheckLine(nameof(input.FirstName), input.FirstName, NameMaxLength, required: true, Add);
        CheckLine(nameof(input.LastName), input.LastName, NameMaxLength, required: true, Add);
        if (CheckLine(nameof(input.Email), input.Email, EmailMaxLength, required: true, Add) && !EmailPattern().IsMatch(input.Email))
            Add(nameof(input.Email), "Enter a valid e-mail address, like name@example.org.");
        CheckLine(nameof(input.Organisation), input.Organisation, OrganisationMaxLength, required: true, Add);
        if (input.OrganisationType is not { } type || !Enum.IsDefined(type)) Add(nameof(input.OrganisationType), "Choose the type of your organisation.");
        CheckLine(nameof(input.JobTitle), input.JobTitle, JobTitleMaxLength, required: true, Add);
        if (string.IsNullOrEmpty(input.CountryCode)) Add(nameof(input.CountryCode), "Choose your country.");
        else if (!countryExists(input.CountryCode)) Add(nameof(input.CountryCode), "Choose a country from the list.");
        if (input.Phone is { } phone && CheckLine(nameof(input.Phone), phone, PhoneMaxLength, required: false, Add) && !PhonePattern().IsMatch(phone))
            Add(nameof(input.Phone), "Enter a phone number with digits only, optionally starting with +.");
        CheckText(nameof(input.DietaryNeeds), input.DietaryNeeds, NeedsMaxLength, Add);
        CheckText(nameof(input.AccessibilityNeeds), input.AccessibilityNeeds, NeedsMaxLength, Add);

        var days = DaysOf(edition).ToHashSet();
        if (input.DaysAttending.Count == 0) Add(nameof(input.DaysAttending), "Choose at least one day.");
        else if (input.DaysAttending.Any(d => !days.Contains(d))) Add(nameof(input.DaysAttending), "Choose days of the edition only.");
        if (!input.PrivacyConsent) Add(nameof(input.PrivacyConsent), "Please accept the privacy notice to register.");
        return errors;
    }

    /// <summary>One-line fields: names in any script are fine, but no control characters and no angle brackets (markup).</summary>
    private static bool CheckLine(string field, string? value, int maxLength, bool required, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) add(field, "This field is required.");
            return false;
        }
        if (value.Length > maxLength) { add(field, $"At most {maxLength} characters."); return false; }
        if (value.Any(char.IsControl)) { add(field, "Remove the control characters."); return false; }
        if (value.Contains('<') || value.Contains('>')) { add(field, "The characters < and > are not allowed."); return false; }
        return true;
    }

    /// <summary>Free text (several lines allowed): length and control characters other than line breaks and tabs.</summary>
    private static void CheckText(string field, string? value, int maxLength, Action<string, string> add)
    {
        if (value is null) return;
        if (value.Length > maxLength) add(field, $"At most {maxLength} characters.");
        else if (value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'))) add(field, "Remove the control characters.");
    }
}
