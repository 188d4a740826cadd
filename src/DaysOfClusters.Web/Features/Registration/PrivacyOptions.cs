using System.ComponentModel.DataAnnotations;

namespace DaysOfClusters.Web.Features.Registration;

/// <summary>Section <c>Privacy</c>.</summary>
public sealed class PrivacyOptions : IValidatableObject
{
    public const string Section = "Privacy";

    /// <summary>
    /// Base64 secret (at least 32 bytes) of the keyed e-mail hash (<see cref="EmailHasher"/>); without it the key file
    /// &lt;Data:Folder&gt;/email-hash.key, generated on the first start.
    /// </summary>
    public string? EmailHashKey { get; set; }

    /// <summary>The configured key's bytes, or null when none is set.</summary>
    public byte[]? EmailHashKeyBytes() => EmailHashKey is { Length: > 0 } configured ? Convert.FromBase64String(configured) : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (EmailHashKey is not { Length: > 0 } configured) yield break;
        // The messages name the setting but never echo the secret.
        byte[]? key = null;
        try { key = Convert.FromBase64String(configured); }
        catch (FormatException) { }
        if (key is null)
            yield return new ValidationResult($"{Section}:{nameof(EmailHashKey)} must be base64 (e.g. `openssl rand -base64 32`).", [nameof(EmailHashKey)]);
        else if (key.Length < 32)
            yield return new ValidationResult($"{Section}:{nameof(EmailHashKey)} must hold at least 32 bytes (e.g. `openssl rand -base64 32`).", [nameof(EmailHashKey)]);
    }
}
