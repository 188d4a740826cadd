namespace DaysOfClusters.Web.Features.Registration;

/// <summary>
/// Who a person is, as every form that registers someone asks it (<see cref="Pages.PersonFields"/>): the public form, the
/// manage page, the organisers' dialog (<see cref="RegistrationInput"/>) and the walk-in desk (CheckIn's WalkInInput).
/// </summary>
public interface IPersonInput
{
    string FirstName { get; set; }
    string LastName { get; set; }
    string Email { get; set; }
    string? Phone { get; set; }
    string Organisation { get; set; }
    OrganisationType? OrganisationType { get; set; }
    string JobTitle { get; set; }
    string CountryCode { get; set; }
}
