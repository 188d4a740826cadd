using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace DaysOfClusters.Bench;

/// <summary>What a bench person types into a form: a unique e-mail and plausible values for the usual registration fields.</summary>
public sealed record PersonValues(int Index, string Email);

/// <summary>
/// A server-rendered HTML form read from the page (inputs, selects, textareas, the datalists their inputs use) and filled the
/// way a person's browser submits it: hidden fields and prefilled values as they are, empty optional fields sent empty, every
/// required field filled by its name or type, unchecked boxes not sent. Regex-based: enough for Blazor's generated markup.
/// </summary>
public sealed partial class HtmlForm
{
    private readonly string _formHtml;
    private readonly string _pageHtml;

    private HtmlForm(string formHtml, string pageHtml, string? action)
    {
        _formHtml = formHtml;
        _pageHtml = pageHtml;
        Action = action;
    }

    public string? Action { get; }

    /// <summary>The form posting the Blazor form <paramref name="formName"/> (hidden `_handler`) with an antiforgery token; null if the page has none.</summary>
    public static HtmlForm? Find(string html, string formName)
    {
        foreach (Match form in FormPattern().Matches(html))
        {
            var inner = form.Groups[2].Value;
            var inputs = Elements(InputPattern(), inner).ToList();
            var handler = inputs.Any(a => Attr(a, "name") == "_handler" && Attr(a, "value") == formName);
            var token = inputs.Any(a => Attr(a, "name") == "__RequestVerificationToken");
            if (handler && token) return new HtmlForm(inner, html, Attr(Attributes(form.Groups[1].Value), "action"));
        }
        return null;
    }

    /// <summary>The name/value pairs the browser would post (a name may repeat: several checked boxes of one list).</summary>
    public List<KeyValuePair<string, string>> Fill(PersonValues person)
    {
        var fields = new List<KeyValuePair<string, string>>();
        var radioGroups = new Dictionary<string, List<Dictionary<string, string?>>>();
        foreach (var input in Elements(InputPattern(), _formHtml))
        {
            var name = Attr(input, "name");
            if (string.IsNullOrEmpty(name) || input.ContainsKey("disabled")) continue;
            var type = (Attr(input, "type") ?? "text").ToLowerInvariant();
            var value = WebUtility.HtmlDecode(Attr(input, "value") ?? "");
            var key = KeyOf(name);
            switch (type)
            {
                case "submit" or "button" or "reset" or "image" or "file":
                    continue;
                case "hidden":
                    fields.Add(new(name, value));
                    continue;
                case "checkbox":
                    // Days attending (at least one is required) and the privacy consent are what a person ticks to register.
                    if (input.ContainsKey("checked") || input.ContainsKey("required") || key is "daysattending" || key.Contains("privacyconsent", StringComparison.Ordinal))
                        fields.Add(new(name, value.Length > 0 ? value : "on"));
                    continue;
                case "radio":
                    if (!radioGroups.TryGetValue(name, out var group)) radioGroups[name] = group = [];
                    group.Add(input);
                    continue;
            }
            if (key == "website") { fields.Add(new(name, "")); continue; } // the honeypot: people never fill it
            if (value.Length == 0) value = TextFor(input, type, key, person);
            fields.Add(new(name, value));
        }
        foreach (var (name, group) in radioGroups)
        {
            var chosen = group.FirstOrDefault(r => r.ContainsKey("checked"))
                ?? (group.Any(r => r.ContainsKey("required")) ? group[0] : null);
            if (chosen is not null) fields.Add(new(name, WebUtility.HtmlDecode(Attr(chosen, "value") ?? "on")));
        }
        foreach (Match select in SelectPattern().Matches(_formHtml))
        {
            var attributes = Attributes(select.Groups[1].Value);
            if (Attr(attributes, "name") is not { Length: > 0 } name || attributes.ContainsKey("disabled")) continue;
            var options = OptionPattern().Matches(select.Groups[2].Value)
                .Select(o => (Attributes: Attributes(o.Groups[1].Value), Text: WebUtility.HtmlDecode(o.Groups[2].Value.Trim())))
                .Select(o => (Value: WebUtility.HtmlDecode(Attr(o.Attributes, "value") ?? o.Text), o.Attributes))
                .ToList();
            var selected = options.Where(o => o.Attributes.ContainsKey("selected") && o.Value.Length > 0).Select(o => o.Value).FirstOrDefault();
            // Serbia for a country list (the host country), otherwise the first real choice.
            selected ??= options.Select(o => o.Value).FirstOrDefault(v => v == "RS") ?? options.Select(o => o.Value).FirstOrDefault(v => v.Length > 0);
            if (selected is not null) fields.Add(new(name, selected));
            else if (options.Count > 0) fields.Add(new(name, options[0].Value));
        }
        foreach (Match area in TextAreaPattern().Matches(_formHtml))
        {
            var attributes = Attributes(area.Groups[1].Value);
            if (Attr(attributes, "name") is not { Length: > 0 } name || attributes.ContainsKey("disabled")) continue;
            var text = WebUtility.HtmlDecode(area.Groups[2].Value);
            fields.Add(new(name, text.Length == 0 && attributes.ContainsKey("required") ? "Bench answer" : text));
        }
        return fields;
    }

    /// <summary>Texts the page shows as errors: Blazor's validation messages, the app's field errors and error alerts.</summary>
    public static List<string> ErrorTexts(string html) =>
        ErrorPattern().Matches(html).Select(m => WebUtility.HtmlDecode(TagPattern().Replace(m.Groups[1].Value, " ")).Trim())
            .Where(t => t.Length > 0).Distinct().ToList();

    private string TextFor(Dictionary<string, string?> input, string type, string key, PersonValues person)
    {
        if (type == "email" || key.Contains("email", StringComparison.Ordinal)) return person.Email;
        // A country field with suggestions (<input list>): the datalist's Serbia, else its first entry.
        if (Attr(input, "list") is { Length: > 0 } listId
            && Regex.Match(_pageHtml, $"<datalist[^>]*id=\"{Regex.Escape(listId)}\"[^>]*>(.*?)</datalist>", RegexOptions.Singleline) is { Success: true } list)
        {
            var values = OptionPattern().Matches(list.Groups[1].Value)
                .Select(o => WebUtility.HtmlDecode(Attr(Attributes(o.Groups[1].Value), "value") ?? o.Groups[2].Value.Trim())).Where(v => v.Length > 0).ToList();
            var serbia = values.FirstOrDefault(v => v is "RS" or "Serbia" or "Srbija");
            if ((serbia ?? values.FirstOrDefault()) is { } pick) return pick;
        }
        var known = key switch
        {
            "firstname" => "Bench",
            "lastname" => $"Person {person.Index.ToString(CultureInfo.InvariantCulture)}",
            "organisation" => "Bench Cluster Association",
            "jobtitle" => "Tester",
            "countrycode" or "country" => "RS",
            _ => null,
        };
        if (known is not null) return known;
        if (!input.ContainsKey("required")) return ""; // optional: left empty, sent empty
        return type switch
        {
            "tel" => "+381 11 123 4567",
            "number" or "range" => Attr(input, "min") ?? "1",
            "date" => Attr(input, "min") ?? DateTime.UtcNow.AddMonths(1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "url" => "https://example.org",
            _ => "Bench answer",
        };
    }

    /// <summary>The field's own name, lower case, without the model prefix or index: `Input.Answers[3].Value` → `value`, `Input.FirstName` → `firstname`.</summary>
    private static string KeyOf(string name) => IndexPattern().Replace(name.Split('.')[^1], "").ToLowerInvariant();

    private static IEnumerable<Dictionary<string, string?>> Elements(Regex pattern, string html) =>
        pattern.Matches(html).Select(m => Attributes(m.Groups[1].Value));

    // A bare attribute is an empty value: Blazor writes value="" as a bare `value` (the "—" placeholder option).
    private static Dictionary<string, string?> Attributes(string tagInside)
    {
        var attributes = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (Match a in AttributePattern().Matches(tagInside))
        {
            var value = a.Groups[2].Success ? a.Groups[2].Value : a.Groups[3].Success ? a.Groups[3].Value : a.Groups[4].Success ? a.Groups[4].Value : "";
            attributes.TryAdd(a.Groups[1].Value, value);
        }
        return attributes;
    }

    private static string? Attr(Dictionary<string, string?> attributes, string name) => attributes.GetValueOrDefault(name);

    [GeneratedRegex(@"<form\b([^>]*)>(.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormPattern();

    [GeneratedRegex(@"<input\b([^>]*)/?>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex InputPattern();

    [GeneratedRegex(@"<select\b([^>]*)>(.*?)</select>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex SelectPattern();

    [GeneratedRegex(@"<option\b([^>]*)>(.*?)</option>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex OptionPattern();

    [GeneratedRegex(@"<textarea\b([^>]*)>(.*?)</textarea>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex TextAreaPattern();

    [GeneratedRegex(@"([^\s=/>""']+)(?:\s*=\s*(?:""([^""]*)""|'([^']*)'|([^\s>]+)))?")]
    private static partial Regex AttributePattern();

    [GeneratedRegex(@"<(?:div|span|p)\b[^>]*(?:class=""[^""]*(?:validation-message|mud-alert-message)[^""]*""|data-error=""[^""]*""|data-testid=""form-errors"")[^>]*>(.*?)</(?:div|span|p)>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ErrorPattern();

    [GeneratedRegex(@"<[^>]+>")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex IndexPattern();
}
