using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Network;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Features.Sectors;
using Microsoft.EntityFrameworkCore;
using static DaysOfClusters.Web.Features.Matchmaking.MatchmakingText;

namespace DaysOfClusters.Web.Features.Matchmaking;

/// <summary>Attendees' matchmaking profiles (opting in and out) and the marketplace that lists them.</summary>
public sealed class MatchmakingProfiles(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<MatchmakingResult> OptInAsync(int registrationId, ProfileInput input, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var registration = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == registrationId, ct);
        if (registration is null) return MatchmakingResult.Refused("Registration not found.", "Mm_Err_RegistrationNotFound");
        if (registration.Status != RegistrationStatus.Confirmed) return MatchmakingResult.Refused("Only confirmed registrations can take part in matchmaking.", "Mm_Err_NotConfirmed");
        if (!registration.NetworkingConsent) return MatchmakingResult.Refused("Matchmaking needs your consent to networking.", "Mm_Err_NoConsent");
        if (registration.AnonymisedUtc is not null) return MatchmakingResult.Refused("Registration erased.", "Mm_Err_Erased");
        // One transaction from reading the profile to storing its sectors: two saves at once (a double click, two tabs)
        // then run one after the other, so neither creates a second profile nor mixes its sectors with the other's.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // SQLite has one writer at a time; PostgreSQL lets both read "no profile" unless they queue on the registration's row.
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"Registrations\" WHERE \"Id\" = {registrationId} FOR UPDATE", ct);
        var profile = await db.MatchmakingProfiles.FirstOrDefaultAsync(p => p.RegistrationId == registrationId, ct);
        var current = profile is null ? [] : await db.MatchmakingProfileSectors.Where(x => x.ProfileId == profile.Id).Select(x => x.SectorId).ToListAsync(ct);
        var (sectorIds, sectorError) = await SectorService.CheckPickAsync(db, input.SectorIds, current, ct);
        if (sectorError is not null) return MatchmakingResult.Refused(sectorError, "Mm_Err_Sectors");
        if (profile is null)
        {
            profile = new MatchmakingProfile { RegistrationId = registrationId, EditionId = registration.EditionId };
            db.Add(profile);
        }
        profile.Pillar = OrganisationTypes.PillarOf(registration.OrganisationType);
        profile.OrganisationType = registration.OrganisationType;
        profile.Offer = Clip(input.Offer, 2000);
        profile.Seek = Clip(input.Seek, 2000);
        profile.CooperationTypes = input.CooperationTypes;
        profile.ShortText = Clip(input.ShortText, 1000);
        profile.Languages = Clip(input.Languages, 200);
        profile.OptedIn = true;
        profile.UpdatedUtc = Now;
        await db.SaveChangesAsync(ct);
        db.RemoveRange(await db.MatchmakingProfileSectors.Where(x => x.ProfileId == profile.Id && !sectorIds.Contains(x.SectorId)).ToListAsync(ct));
        db.AddRange(sectorIds.Except(current).Select(id => new MatchmakingProfileSector { ProfileId = profile.Id, SectorId = id }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return MatchmakingResult.Success(profile.Id);
    }

    public async Task OptOutAsync(int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.MatchmakingProfiles.Where(p => p.RegistrationId == registrationId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.OptedIn, false), ct);
    }

    public async Task<MatchmakingProfile?> ProfileAsync(int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.MatchmakingProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.RegistrationId == registrationId, ct);
    }

    /// <summary>The profile's sectors (ids of the organisers' list).</summary>
    public async Task<IReadOnlyList<int>> ProfileSectorIdsAsync(int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (from x in db.MatchmakingProfileSectors
                      join p in db.MatchmakingProfiles on x.ProfileId equals p.Id
                      where p.RegistrationId == registrationId
                      select x.SectorId).ToListAsync(ct);
    }

    // Who the marketplace shows: a confirmed registration whose person agreed to networking and has not been erased.
    private static readonly System.Linq.Expressions.Expression<Func<Features.Registration.Registration, bool>> ListedInMarketplace =
        r => r.Status == RegistrationStatus.Confirmed && r.NetworkingConsent && r.AnonymisedUtc == null;

    /// <summary>
    /// The countries the edition's marketplace has profiles from, with how many, for its country filter: a list of every
    /// country would mostly lead to empty results, and a typed code was something a person had to know.
    /// </summary>
    public async Task<IReadOnlyList<MarketplaceCountry>> MarketplaceCountriesAsync(int editionId, int? excludeRegistrationId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var counts = await (from p in db.MatchmakingProfiles.Where(p => p.EditionId == editionId && p.OptedIn)
                            join r in db.Registrations.Where(ListedInMarketplace) on p.RegistrationId equals r.Id
                            where r.Id != excludeRegistrationId
                            group r by r.CountryCode into g
                            select new { Code = g.Key, Profiles = g.Count() }).ToListAsync(ct);
        var codes = counts.Select(c => c.Code).ToList();
        var countries = await db.Countries.AsNoTracking().Where(c => codes.Contains(c.Code)).ToDictionaryAsync(c => c.Code, ct);
        // Registration validates its country code against this table, so every code is found.
        return counts.Where(c => countries.ContainsKey(c.Code)).Select(c => new MarketplaceCountry(countries[c.Code], c.Profiles))
            .OrderBy(c => c.Country.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>Opted-in, confirmed profiles of the edition that match the filter (the caller excluded).</summary>
    public async Task<IReadOnlyList<ProfileCard>> SearchAsync(int editionId, MarketplaceFilter filter, int? excludeRegistrationId = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query =
            from p in db.MatchmakingProfiles.Where(p => p.EditionId == editionId && p.OptedIn)
            join r in db.Registrations.Where(ListedInMarketplace) on p.RegistrationId equals r.Id
            join c in db.Countries on r.CountryCode equals c.Code into countries
            from c in countries.DefaultIfEmpty()
            select new { p, r, c };
        if (excludeRegistrationId is { } me) query = query.Where(x => x.r.Id != me);
        if (!string.IsNullOrWhiteSpace(filter.CountryCode)) query = query.Where(x => x.r.CountryCode == filter.CountryCode);
        if (filter.Continent is { } continent) query = query.Where(x => x.c != null && x.c.Continent == continent);
        if (filter.Pillar is { } pillar) query = query.Where(x => x.p.Pillar == pillar);
        if (filter.CooperationType != CooperationTypes.None)
        {
            var wanted = filter.CooperationType;
            query = query.Where(x => (x.p.CooperationTypes & wanted) != 0);
        }
        var profileSectors = db.MatchmakingProfileSectors;
        if (filter.SectorId is { } sectorId) query = query.Where(x => profileSectors.Any(s => s.ProfileId == x.p.Id && s.SectorId == sectorId));
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim().ToLower();
            var sectorNames = from s in profileSectors join n in db.Sectors on s.SectorId equals n.Id select new { s.ProfileId, Name = n.Name.ToLower() };
            var directory = from l in db.RegistrationOrganisations join o in db.Organisations on l.OrganisationId equals o.Id
                            select new { l.RegistrationId, Name = o.Name.ToLower() };
            query = query.Where(x => x.r.Organisation.ToLower().Contains(text) || x.r.FirstName.ToLower().Contains(text) || x.r.LastName.ToLower().Contains(text)
                || sectorNames.Any(n => n.ProfileId == x.p.Id && n.Name.Contains(text)) || directory.Any(d => d.RegistrationId == x.r.Id && d.Name.Contains(text))
                || (x.p.Offer != null && x.p.Offer.ToLower().Contains(text))
                || (x.p.Seek != null && x.p.Seek.ToLower().Contains(text)) || (x.p.ShortText != null && x.p.ShortText.ToLower().Contains(text)));
        }
        var rows = await query.OrderBy(x => x.r.Organisation).ThenBy(x => x.r.LastName).Take(500)
            .Select(x => new { x.p, x.r.Id, Name = x.r.FirstName + " " + x.r.LastName, x.r.CountryCode, Continent = x.c == null ? (Geography.Continent?)null : x.c.Continent })
            .ToListAsync(ct);
        var profileIds = rows.Select(x => x.p.Id).ToList();
        var names = (await (from s in profileSectors
                            join n in db.Sectors on s.SectorId equals n.Id
                            where profileIds.Contains(s.ProfileId)
                            orderby n.SortOrder, n.Name
                            select new { s.ProfileId, n.Name }).ToListAsync(ct))
            .GroupBy(x => x.ProfileId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(x => x.Name).ToList());
        var sides = await MeetingSides.OfAsync(db, rows.Select(x => x.Id), ct);
        return rows.Select(x => new ProfileCard(x.Id, x.Name, sides[x.Id].Organisation, x.CountryCode, x.Continent, x.p.Pillar,
                names.GetValueOrDefault(x.p.Id) ?? [], x.p.Offer, x.p.Seek, x.p.CooperationTypes, x.p.ShortText, x.p.Languages, sides[x.Id].Kind))
            .OrderBy(c => c.Organisation, StringComparer.CurrentCultureIgnoreCase).ThenBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }
}
