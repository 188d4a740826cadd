using Microsoft.Extensions.Localization;

namespace DaysOfClusters.Web.Features.Registration.Pages;

/// <summary>
/// The ids and errors of a form's fields: a field's element id, its error's id (for aria-describedby) and its messages
/// in the page's language. The prefix keeps ids unique when a dialog's fields sit over a page's.
/// </summary>
public sealed class FieldNaming(string prefix, IReadOnlyDictionary<string, List<string>> errors, IStringLocalizer localizer)
{
    public string Id(string field) => $"{prefix}-{field}";

    public string ErrId(string field) => $"{prefix}-{field}-error";

    public string? Invalid(string field) => errors.ContainsKey(field) ? "true" : null;

    /// <summary>Service messages are English; the Serbian resource file translates them by their English text.</summary>
    public string? ErrorOf(string field) => errors.TryGetValue(field, out var list) ? string.Join(" ", list.Select(m => localizer[m].Value)) : null;
}
