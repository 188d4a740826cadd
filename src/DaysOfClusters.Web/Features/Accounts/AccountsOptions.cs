using System.ComponentModel.DataAnnotations;

namespace DaysOfClusters.Web.Features.Accounts;

/// <summary>Section <c>Accounts</c>.</summary>
public sealed class AccountsOptions
{
    public const string Section = "Accounts";

    /// <summary>E-mail of the organiser created on the first start.</summary>
    public string FirstOrganiserEmail { get; set; } = "organiser@daysofclusters.local";

    /// <summary>How often an open page (Blazor circuit) re-checks its account.</summary>
    [Range(1, 60)] public int CircuitRevalidationSeconds { get; set; } = 30;
}
