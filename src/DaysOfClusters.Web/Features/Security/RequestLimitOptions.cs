using System.ComponentModel.DataAnnotations;

namespace DaysOfClusters.Web.Features.Security;

/// <summary>Section <c>Limits</c>: what one request may carry.</summary>
public sealed class RequestLimitOptions
{
    public const string Section = "Limits";

    /// <summary>Larger request bodies are refused with 413 (the server's body size limit takes the same value).</summary>
    [Range(typeof(long), "0", "9223372036854775807")] public long MaxRequestBodyBytes { get; set; } = 1024L * 1024;
}
