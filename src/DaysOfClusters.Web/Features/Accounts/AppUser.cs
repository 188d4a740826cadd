using Microsoft.AspNetCore.Identity;

namespace DaysOfClusters.Web.Features.Accounts;

public static class Roles
{
    public const string Organiser = "Organiser";
    public const string Staff = "Staff";

    /// <summary>Pages on site (scanning) are open to both roles.</summary>
    public const string StaffOrOrganiser = Staff + "," + Organiser;
}

public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>Set for the bootstrap organiser and after a reset; the app sends the user to change-password first.</summary>
    public bool MustChangePassword { get; set; }

    public bool IsDisabled { get; set; }
    public DateTime CreatedUtc { get; set; }
}
