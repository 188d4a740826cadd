using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace DaysOfClusters.Web.Infrastructure;

/// <summary>The configuration section an options class is bound to (registered by <see cref="Settings.AddSettings{T}"/>).</summary>
public sealed record SettingsSection(Type OptionsType, string Section);

/// <summary>
/// Typed settings: each options class binds one configuration section and is checked by its data annotations; a bad value
/// stops the start with one line naming the setting (<see cref="StartupError"/>).
/// </summary>
public static class Settings
{
    /// <summary>Binds <typeparamref name="T"/> to <paramref name="section"/>, validated by its data annotations at start.</summary>
    public static OptionsBuilder<T> AddSettings<T>(this IServiceCollection services, string section) where T : class
    {
        services.AddSingleton(new SettingsSection(typeof(T), section));
        return services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
    }

    /// <summary>
    /// Why the app cannot start with these settings, one line per bad value, or null when every registered section is valid:
    /// the sections' data annotations checked over the configuration before the app is built. (ValidateOnStart checks the
    /// same when the host starts, but only after the start-up tasks ran, and as an exception with its stack trace.)
    /// </summary>
    public static string? StartupError(IServiceCollection services, IConfiguration configuration)
    {
        var lines = new List<string>();
        foreach (var registered in services.Where(d => d.ServiceType == typeof(SettingsSection)).Select(d => d.ImplementationInstance).OfType<SettingsSection>())
        {
            try
            {
                lines.AddRange(Problems(registered.OptionsType, registered.Section, configuration));
            }
            catch (InvalidOperationException e)
            {
                // The binder's own words name the key and the value: "Failed to convert configuration value 'x' at 'RateLimits:Pages' to type 'System.Int32'."
                lines.Add(e.Message.ReplaceLineEndings(" "));
            }
        }
        return lines.Count == 0 ? null : string.Join(Environment.NewLine, lines);
    }

    /// <summary>The section bound afresh and checked property by property, so each line can name its key and value.</summary>
    private static IEnumerable<string> Problems(Type optionsType, string section, IConfiguration configuration)
    {
        var options = Activator.CreateInstance(optionsType)!;
        configuration.GetSection(section).Bind(options);
        foreach (var property in optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var key = $"{section}:{property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name}";
            var value = property.GetValue(options);
            foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>(inherit: true).Where(a => !a.IsValid(value)))
            {
                yield return attribute is RangeAttribute range
                    ? string.Create(CultureInfo.InvariantCulture, $"{key} must be between {range.Minimum} and {range.Maximum} (was {value}).")
                    : attribute.FormatErrorMessage(key);
            }
        }
        // Checks over the whole section write their own message, naming the key (and never echoing a secret).
        if (options is IValidatableObject validatable)
        {
            foreach (var result in validatable.Validate(new ValidationContext(options)))
                if (result.ErrorMessage is { } message) yield return message;
        }
    }
}
