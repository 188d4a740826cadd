using System.Globalization;
using DaysOfClusters.Web.Infrastructure.Mail;
using MimeKit;

namespace DaysOfClusters.Web.Features.Registration.Mail;

public enum RegistrationMailKind
{
    Confirmed,
    Waitlisted,
    Pending,
    Offer,
    Approved,
    Rejected,
    Cancelled,
    ManageLink,
}

/// <summary>What a message needs to know; built by the service after its transaction commits.</summary>
public sealed record RegistrationMailData(
    RegistrationMailKind Kind, string Language, string ToEmail, string FullName, string EditionTitle, string ManageLink,
    RegistrationStatus Status, int? WaitlistPosition, DateTime? OfferExpiresLocal);

/// <summary>Plain-text messages in English and Serbian (Latin); plain text, so nothing the attendee typed can become markup.</summary>
public static class RegistrationMails
{
    public static MimeMessage Build(RegistrationMailData data, MailOptions from)
    {
        var serbian = data.Language == "sr-Latn";
        var (subject, body) = serbian ? Serbian(data) : English(data);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(from.FromName, from.FromAddress));
        message.To.Add(new MailboxAddress(data.FullName, data.ToEmail));
        message.Subject = $"{data.EditionTitle}: {subject}";
        var greeting = serbian ? $"Poštovani/a {data.FullName}," : $"Dear {data.FullName},";
        var manage = serbian
            ? $"Vašu prijavu možete pogledati, izmeniti ili otkazati ovde:\n{data.ManageLink}\n\nOvaj link je lični; ne prosleđujte ga."
            : $"You can view, change or cancel your registration here:\n{data.ManageLink}\n\nThis link is personal; please do not forward it.";
        message.Body = new TextPart("plain") { Text = $"{greeting}\n\n{body}\n\n{manage}\n\n{data.EditionTitle}\n" };
        return message;
    }

    private static string When(DateTime? local, string culture) =>
        local?.ToString("f", CultureInfo.GetCultureInfo(culture)) ?? "";

    private static (string Subject, string Body) English(RegistrationMailData d) => d.Kind switch
    {
        RegistrationMailKind.Confirmed => ("registration confirmed", $"Your registration for {d.EditionTitle} is confirmed. We look forward to seeing you."),
        RegistrationMailKind.Waitlisted => ("you are on the waiting list", $"The event is full at the moment, so you are on the waiting list at position {d.WaitlistPosition}. If a seat frees up, we will e-mail you an offer."),
        RegistrationMailKind.Pending => ("registration received", "We have received your registration. Your category needs an organiser's approval; we will e-mail you when it is decided."),
        RegistrationMailKind.Offer => ("a seat is free for you", $"A seat has become free and is held for you until {When(d.OfferExpiresLocal, "en")} (local time of the event). Open the link below and accept the offer to confirm your registration. If you do not, it passes to the next person on the waiting list."),
        RegistrationMailKind.Approved => d.Status == RegistrationStatus.Confirmed
            ? ("registration approved", "Your registration has been approved and is confirmed.")
            : ("registration approved", $"Your registration has been approved. The event is full at the moment, so you are on the waiting list at position {d.WaitlistPosition}."),
        RegistrationMailKind.Rejected => ("registration not approved", "We are sorry: the organisers could not approve your registration in the requested category."),
        RegistrationMailKind.Cancelled => ("registration cancelled", "Your registration has been cancelled. If this was a mistake, you can register again while registration is open."),
        _ => ("your manage link", $"Here is your personal link to your registration (status: {StatusEn(d)})."),
    };

    private static (string Subject, string Body) Serbian(RegistrationMailData d) => d.Kind switch
    {
        RegistrationMailKind.Confirmed => ("prijava potvrđena", $"Vaša prijava za {d.EditionTitle} je potvrđena. Radujemo se vašem dolasku."),
        RegistrationMailKind.Waitlisted => ("nalazite se na listi čekanja", $"Trenutno su sva mesta popunjena, pa ste na listi čekanja na poziciji {d.WaitlistPosition}. Ako se mesto oslobodi, poslaćemo vam ponudu e-poštom."),
        RegistrationMailKind.Pending => ("prijava primljena", "Primili smo vašu prijavu. Za vašu kategoriju potrebno je odobrenje organizatora; javićemo vam odluku e-poštom."),
        RegistrationMailKind.Offer => ("oslobodilo se mesto za vas", $"Oslobodilo se mesto i čuva se za vas do {When(d.OfferExpiresLocal, "sr-Latn")} (lokalno vreme događaja). Otvorite link ispod i prihvatite ponudu da biste potvrdili prijavu. U suprotnom, mesto prelazi na sledeću osobu sa liste čekanja."),
        RegistrationMailKind.Approved => d.Status == RegistrationStatus.Confirmed
            ? ("prijava odobrena", "Vaša prijava je odobrena i potvrđena.")
            : ("prijava odobrena", $"Vaša prijava je odobrena. Trenutno su sva mesta popunjena, pa ste na listi čekanja na poziciji {d.WaitlistPosition}."),
        RegistrationMailKind.Rejected => ("prijava nije odobrena", "Nažalost, organizatori nisu mogli da odobre vašu prijavu u traženoj kategoriji."),
        RegistrationMailKind.Cancelled => ("prijava otkazana", "Vaša prijava je otkazana. Ako je to greška, možete se ponovo prijaviti dok su prijave otvorene."),
        _ => ("vaš link za prijavu", $"Ovo je vaš lični link za prijavu (status: {StatusSr(d)})."),
    };

    private static string StatusEn(RegistrationMailData d) => d.Status switch
    {
        RegistrationStatus.Waitlisted => $"waiting list, position {d.WaitlistPosition}",
        RegistrationStatus.Offered => "a seat is offered to you",
        _ => d.Status.ToString().ToLowerInvariant(),
    };

    private static string StatusSr(RegistrationMailData d) => d.Status switch
    {
        RegistrationStatus.Confirmed => "potvrđena",
        RegistrationStatus.Waitlisted => $"lista čekanja, pozicija {d.WaitlistPosition}",
        RegistrationStatus.Offered => "ponuđeno vam je mesto",
        RegistrationStatus.Pending => "čeka odobrenje",
        RegistrationStatus.Cancelled => "otkazana",
        RegistrationStatus.Rejected => "nije odobrena",
        _ => d.Status.ToString(),
    };
}
