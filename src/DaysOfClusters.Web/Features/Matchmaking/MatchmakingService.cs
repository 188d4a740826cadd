using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Matchmaking.Scheduling;
using DaysOfClusters.Web.Features.Network;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Features.Sectors;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Matchmaking;

/// <summary>Profiles, marketplace, meeting requests, availability, tables and the schedule of one edition's matchmaking.</summary>
public sealed class MatchmakingService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, MatchmakingNotifier notifier)
{
    public static readonly int[] AllowedSlotMinutes = [15, 20, 30];
    private static readonly MeetingRequestStatus[] Open = [MeetingRequestStatus.Pending, MeetingRequestStatus.Accepted];

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // ---------------------------------------------------------------- profiles

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
        var profile = await db.Set<MatchmakingProfile>().FirstOrDefaultAsync(p => p.RegistrationId == registrationId, ct);
        var current = profile is null ? [] : await db.Set<MatchmakingProfileSector>().Where(x => x.ProfileId == profile.Id).Select(x => x.SectorId).ToListAsync(ct);
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
        db.RemoveRange(await db.Set<MatchmakingProfileSector>().Where(x => x.ProfileId == profile.Id && !sectorIds.Contains(x.SectorId)).ToListAsync(ct));
        db.AddRange(sectorIds.Except(current).Select(id => new MatchmakingProfileSector { ProfileId = profile.Id, SectorId = id }));
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return MatchmakingResult.Success(profile.Id);
    }

    public async Task OptOutAsync(int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Set<MatchmakingProfile>().Where(p => p.RegistrationId == registrationId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.OptedIn, false), ct);
    }

    public async Task<MatchmakingProfile?> ProfileAsync(int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<MatchmakingProfile>().AsNoTracking().FirstOrDefaultAsync(p => p.RegistrationId == registrationId, ct);
    }

    /// <summary>The profile's sectors (ids of the organisers' list).</summary>
    public async Task<IReadOnlyList<int>> ProfileSectorIdsAsync(int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await (from x in db.Set<MatchmakingProfileSector>()
                      join p in db.Set<MatchmakingProfile>() on x.ProfileId equals p.Id
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
        var counts = await (from p in db.Set<MatchmakingProfile>().Where(p => p.EditionId == editionId && p.OptedIn)
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
            from p in db.Set<MatchmakingProfile>().Where(p => p.EditionId == editionId && p.OptedIn)
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
        var profileSectors = db.Set<MatchmakingProfileSector>();
        if (filter.SectorId is { } sectorId) query = query.Where(x => profileSectors.Any(s => s.ProfileId == x.p.Id && s.SectorId == sectorId));
        if (!string.IsNullOrWhiteSpace(filter.Text))
        {
            var text = filter.Text.Trim().ToLower();
            var sectorNames = from s in profileSectors join n in db.Set<Sector>() on s.SectorId equals n.Id select new { s.ProfileId, Name = n.Name.ToLower() };
            var directory = from l in db.Set<RegistrationOrganisation>() join o in db.Set<Organisation>() on l.OrganisationId equals o.Id
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
                            join n in db.Set<Sector>() on s.SectorId equals n.Id
                            where profileIds.Contains(s.ProfileId)
                            orderby n.SortOrder, n.Name
                            select new { s.ProfileId, n.Name }).ToListAsync(ct))
            .GroupBy(x => x.ProfileId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(x => x.Name).ToList());
        var sides = await SidesAsync(db, rows.Select(x => x.Id), ct);
        return rows.Select(x => new ProfileCard(x.Id, x.Name, sides[x.Id].Organisation, x.CountryCode, x.Continent, x.p.Pillar,
                names.GetValueOrDefault(x.p.Id) ?? [], x.p.Offer, x.p.Seek, x.p.CooperationTypes, x.p.ShortText, x.p.Languages, sides[x.Id].Kind))
            .OrderBy(c => c.Organisation, StringComparer.CurrentCultureIgnoreCase).ThenBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase).ToList();
    }

    /// <summary>
    /// Each registration's organisation as the directory knows it (name and kind), falling back to what was typed at
    /// registration when the registration is not linked to a directory organisation.
    /// </summary>
    private static async Task<Dictionary<int, (string Organisation, OrganisationType Kind)>> SidesAsync(AppDbContext db, IEnumerable<int> registrationIds, CancellationToken ct)
    {
        var ids = registrationIds.Distinct().ToList();
        if (ids.Count == 0) return [];
        var rows = await (
            from r in db.Registrations
            where ids.Contains(r.Id)
            join l in db.Set<RegistrationOrganisation>() on r.Id equals l.RegistrationId into links
            from l in links.DefaultIfEmpty()
            join o in db.Set<Organisation>() on (l == null ? 0 : l.OrganisationId) equals o.Id into organisations
            from o in organisations.DefaultIfEmpty()
            select new { r.Id, Typed = r.Organisation, r.OrganisationType, Directory = o == null ? null : o.Name, Kind = o == null ? (OrganisationType?)null : o.Kind })
            .ToListAsync(ct);
        return rows.GroupBy(x => x.Id).ToDictionary(g => g.Key, g =>
        {
            var x = g.First();
            return (x.Directory ?? x.Typed, x.Kind ?? x.OrganisationType);
        });
    }

    // ---------------------------------------------------------------- settings

    public async Task<MatchmakingSettings> SettingsAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<MatchmakingSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.EditionId == editionId, ct)
            ?? new MatchmakingSettings { EditionId = editionId };
    }

    public async Task SaveSettingsAsync(int editionId, int? maxMeetings, int expiryHours, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = await db.Set<MatchmakingSettings>().FirstOrDefaultAsync(s => s.EditionId == editionId, ct);
        if (settings is null) db.Add(settings = new MatchmakingSettings { EditionId = editionId });
        settings.MaxMeetingsPerParticipant = maxMeetings is > 0 ? maxMeetings : null;
        settings.RequestExpiryHours = Math.Clamp(expiryHours, 1, 24 * 60);
        await db.SaveChangesAsync(ct);
    }

    // ---------------------------------------------------------------- requests

    public async Task<MatchmakingResult> SendRequestAsync(int fromRegistrationId, int toRegistrationId, string? message, bool priority = false, CancellationToken ct = default)
    {
        if (fromRegistrationId == toRegistrationId) return MatchmakingResult.Refused("You cannot request a meeting with yourself.", "Mm_Err_Self");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var profiles = await db.Set<MatchmakingProfile>().AsNoTracking()
            .Where(p => (p.RegistrationId == fromRegistrationId || p.RegistrationId == toRegistrationId) && p.OptedIn).ToListAsync(ct);
        var from = profiles.FirstOrDefault(p => p.RegistrationId == fromRegistrationId);
        var to = profiles.FirstOrDefault(p => p.RegistrationId == toRegistrationId);
        if (from is null) return MatchmakingResult.Refused("Opt in to matchmaking first.", "Mm_Err_OptInFirst");
        if (to is null || to.EditionId != from.EditionId) return MatchmakingResult.Refused("That participant is not in the matchmaking.", "Mm_Err_OtherNotIn");
        var duplicate = await db.Set<MeetingRequest>().AnyAsync(m => Open.Contains(m.Status)
            && ((m.FromRegistrationId == fromRegistrationId && m.ToRegistrationId == toRegistrationId)
                || (m.FromRegistrationId == toRegistrationId && m.ToRegistrationId == fromRegistrationId)), ct);
        if (duplicate) return MatchmakingResult.Refused("There is already an open request between you.", "Mm_Err_Duplicate");
        var settings = await db.Set<MatchmakingSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.EditionId == from.EditionId, ct)
            ?? new MatchmakingSettings { EditionId = from.EditionId };
        if (settings.MaxMeetingsPerParticipant is { } cap)
        {
            if (await OpenCountAsync(db, fromRegistrationId, ct) >= cap) return MatchmakingResult.Refused($"You have reached the limit of {cap} meetings.", "Mm_Err_Cap", cap);
            if (await OpenCountAsync(db, toRegistrationId, ct) >= cap) return MatchmakingResult.Refused("That participant has reached the meeting limit.", "Mm_Err_OtherCap");
        }
        var request = new MeetingRequest
        {
            EditionId = from.EditionId, FromRegistrationId = fromRegistrationId, ToRegistrationId = toRegistrationId, Message = Clip(message, 1000),
            Priority = priority, Status = MeetingRequestStatus.Pending, CreatedUtc = Now, ExpiresUtc = Now.AddHours(settings.RequestExpiryHours),
        };
        db.Add(request);
        await db.SaveChangesAsync(ct);
        await notifier.NotifyAsync(MatchmakingMailKind.Requested, request.Id, toRegistrationId, ct);
        return MatchmakingResult.Success(request.Id);
    }

    private static Task<int> OpenCountAsync(AppDbContext db, int registrationId, CancellationToken ct) =>
        db.Set<MeetingRequest>().CountAsync(m => Open.Contains(m.Status) && (m.FromRegistrationId == registrationId || m.ToRegistrationId == registrationId), ct);

    /// <summary>
    /// The receiver accepts or declines a pending request. The change is one conditional update (still pending, not expired),
    /// so of an answer, a cancellation and the expiry job racing for the same request exactly one wins and one e-mail goes out.
    /// </summary>
    public async Task<MatchmakingResult> RespondAsync(int registrationId, int requestId, bool accept, CancellationToken ct = default)
    {
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.Set<MeetingRequest>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == requestId, ct);
        if (request is null || request.ToRegistrationId != registrationId) return MatchmakingResult.Refused("Request not found.", "Mm_Err_RequestNotFound");
        if (request.Status != MeetingRequestStatus.Pending) return MatchmakingResult.Refused("The request is no longer pending.", "Mm_Err_NotPending");
        if (request.ExpiresUtc is { } expires && expires <= now)
        {
            await ExpireAsync(db, requestId, now, ct);
            return MatchmakingResult.Refused("The request has expired.", "Mm_Err_Expired");
        }
        if (accept)
        {
            var settings = await db.Set<MatchmakingSettings>().AsNoTracking().FirstOrDefaultAsync(s => s.EditionId == request.EditionId, ct);
            if (settings?.MaxMeetingsPerParticipant is { } cap)
            {
                var accepted = await db.Set<MeetingRequest>().CountAsync(m => m.Status == MeetingRequestStatus.Accepted
                    && (m.FromRegistrationId == registrationId || m.ToRegistrationId == registrationId), ct);
                if (accepted >= cap) return MatchmakingResult.Refused($"You have reached the limit of {cap} meetings.", "Mm_Err_Cap", cap);
            }
        }
        var status = accept ? MeetingRequestStatus.Accepted : MeetingRequestStatus.Declined;
        var changed = await db.Set<MeetingRequest>()
            .Where(m => m.Id == requestId && m.Status == MeetingRequestStatus.Pending && (m.ExpiresUtc == null || m.ExpiresUtc > now))
            .ExecuteUpdateAsync(x => x.SetProperty(m => m.Status, status).SetProperty(m => m.RespondedUtc, now), ct);
        if (changed == 0) return MatchmakingResult.Refused("The request is no longer pending.", "Mm_Err_NotPending");
        await notifier.NotifyAsync(accept ? MatchmakingMailKind.Accepted : MatchmakingMailKind.Declined, requestId, request.FromRegistrationId, ct);
        return MatchmakingResult.Success(requestId);
    }

    /// <summary>Either side cancels a pending or accepted request; its scheduled meeting goes with it; the other side is told.</summary>
    public async Task<MatchmakingResult> CancelAsync(int registrationId, int requestId, CancellationToken ct = default)
    {
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.Set<MeetingRequest>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == requestId, ct);
        if (request is null || (request.FromRegistrationId != registrationId && request.ToRegistrationId != registrationId))
            return MatchmakingResult.Refused("Request not found.", "Mm_Err_RequestNotFound");
        if (!Open.Contains(request.Status)) return MatchmakingResult.Refused("The request is already closed.", "Mm_Err_Closed");
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var changed = await db.Set<MeetingRequest>().Where(m => m.Id == requestId && Open.Contains(m.Status))
                .ExecuteUpdateAsync(x => x.SetProperty(m => m.Status, MeetingRequestStatus.Cancelled).SetProperty(m => m.RespondedUtc, now), ct);
            if (changed == 0) return MatchmakingResult.Refused("The request is already closed.", "Mm_Err_Closed");
            await db.Set<MeetingAssignment>().Where(a => a.RequestId == requestId).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
        }
        var other = request.FromRegistrationId == registrationId ? request.ToRegistrationId : request.FromRegistrationId;
        await notifier.NotifyAsync(MatchmakingMailKind.Cancelled, requestId, other, ct);
        return MatchmakingResult.Success(requestId);
    }

    private async Task<bool> ExpireAsync(AppDbContext db, int requestId, DateTime now, CancellationToken ct)
    {
        var changed = await db.Set<MeetingRequest>()
            .Where(m => m.Id == requestId && m.Status == MeetingRequestStatus.Pending && m.ExpiresUtc != null && m.ExpiresUtc <= now)
            .ExecuteUpdateAsync(x => x.SetProperty(m => m.Status, MeetingRequestStatus.Expired).SetProperty(m => m.RespondedUtc, now), ct);
        if (changed == 0) return false;
        var from = await db.Set<MeetingRequest>().Where(m => m.Id == requestId).Select(m => m.FromRegistrationId).FirstAsync(ct);
        await notifier.NotifyAsync(MatchmakingMailKind.Expired, requestId, from, ct);
        return true;
    }

    /// <summary>Marks pending requests past their expiry as expired; returns how many.</summary>
    /// <remarks>Called by <see cref="MatchmakingWorker"/> every minute and by the organiser's button; each sender is told once.</remarks>
    public async Task<int> ExpirePendingAsync(CancellationToken ct = default)
    {
        var now = Now;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var due = await db.Set<MeetingRequest>().AsNoTracking()
            .Where(m => m.Status == MeetingRequestStatus.Pending && m.ExpiresUtc != null && m.ExpiresUtc <= now).Select(m => m.Id).ToListAsync(ct);
        var count = 0;
        foreach (var id in due)
        {
            if (await ExpireAsync(db, id, now, ct)) count++;
        }
        return count;
    }

    public async Task<IReadOnlyList<RequestView>> RequestsOfAsync(int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await RequestViewsAsync(db, db.Set<MeetingRequest>().Where(m => m.FromRegistrationId == registrationId || m.ToRegistrationId == registrationId), ct);
    }

    /// <summary>The edition's requests for organisers, priority ones first, optionally of one status and matching a name or organisation.</summary>
    public async Task<IReadOnlyList<RequestView>> EditionRequestsAsync(int editionId, MeetingRequestStatus? status = null, string? text = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Set<MeetingRequest>().Where(m => m.EditionId == editionId);
        if (status is { } st) query = query.Where(m => m.Status == st);
        if (!string.IsNullOrWhiteSpace(text))
        {
            var t = text.Trim().ToLower();
            query = query.Where(m => db.Registrations.Any(r => (r.Id == m.FromRegistrationId || r.Id == m.ToRegistrationId)
                && (r.FirstName.ToLower().Contains(t) || r.LastName.ToLower().Contains(t) || r.Organisation.ToLower().Contains(t))));
        }
        var rows = await RequestViewsAsync(db, query, ct);
        return rows.OrderByDescending(r => r.Priority).ThenByDescending(r => r.CreatedUtc).Take(1000).ToList();
    }

    private static async Task<IReadOnlyList<RequestView>> RequestViewsAsync(AppDbContext db, IQueryable<MeetingRequest> requests, CancellationToken ct)
    {
        var rows = await (
            from m in requests
            join f in db.Registrations on m.FromRegistrationId equals f.Id
            join t in db.Registrations on m.ToRegistrationId equals t.Id
            orderby m.CreatedUtc descending
            select new { m, FromName = f.FirstName + " " + f.LastName, ToName = t.FirstName + " " + t.LastName,
                Scheduled = db.Set<MeetingAssignment>().Any(a => a.RequestId == m.Id) }).ToListAsync(ct);
        var sides = await SidesAsync(db, rows.SelectMany(x => new[] { x.m.FromRegistrationId, x.m.ToRegistrationId }), ct);
        return rows.Select(x => new RequestView(x.m.Id, x.m.FromRegistrationId, x.FromName, sides[x.m.FromRegistrationId].Organisation, x.m.ToRegistrationId, x.ToName,
            sides[x.m.ToRegistrationId].Organisation, x.m.Message, x.m.Status, x.m.Priority, x.m.CreatedUtc, x.m.ExpiresUtc,
            sides[x.m.FromRegistrationId].Kind, sides[x.m.ToRegistrationId].Kind, x.Scheduled)).ToList();
    }

    /// <summary>
    /// Marks or unmarks a pending or accepted request as priority (EC officers, delegations…): Schedule all places priority
    /// meetings before any others.
    /// </summary>
    public async Task<MatchmakingResult> SetPriorityAsync(int requestId, bool priority, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var n = await db.Set<MeetingRequest>().Where(m => m.Id == requestId && Open.Contains(m.Status))
            .ExecuteUpdateAsync(x => x.SetProperty(m => m.Priority, priority), ct);
        if (n > 0) return MatchmakingResult.Success(requestId);
        return await db.Set<MeetingRequest>().AnyAsync(m => m.Id == requestId, ct)
            ? MatchmakingResult.Refused("Only pending or accepted requests can be marked as priority.")
            : MatchmakingResult.Refused("Request not found.", "Mm_Err_RequestNotFound");
    }

    // ---------------------------------------------------------------- blocks, slots, tables, availability

    public async Task<IReadOnlyList<MatchmakingBlock>> BlocksAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<MatchmakingBlock>().AsNoTracking().Where(b => b.EditionId == editionId).OrderBy(b => b.StartUtc).ToListAsync(ct);
    }

    public async Task<MatchmakingResult> AddBlockAsync(int editionId, DateTime startUtc, DateTime endUtc, int slotMinutes, CancellationToken ct = default)
    {
        if (!AllowedSlotMinutes.Contains(slotMinutes)) return MatchmakingResult.Refused("Slots last 15, 20 or 30 minutes.");
        if (endUtc < startUtc.AddMinutes(slotMinutes)) return MatchmakingResult.Refused("The block must hold at least one slot.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Set<MatchmakingBlock>().AnyAsync(b => b.EditionId == editionId && b.StartUtc < endUtc && startUtc < b.EndUtc, ct))
            return MatchmakingResult.Refused("The block overlaps another one.");
        var block = new MatchmakingBlock { EditionId = editionId, StartUtc = startUtc, EndUtc = endUtc, SlotMinutes = slotMinutes };
        db.Add(block);
        await db.SaveChangesAsync(ct);
        return MatchmakingResult.Success(block.Id);
    }

    public async Task RemoveBlockAsync(int blockId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Set<MatchmakingBlock>().Where(b => b.Id == blockId).ExecuteDeleteAsync(ct);
    }

    /// <summary>Slots of the edition, each as (start, end) in UTC, in time order.</summary>
    public async Task<IReadOnlyList<(DateTime Start, DateTime End)>> SlotsAsync(int editionId, CancellationToken ct = default) =>
        SlotsOf(await BlocksAsync(editionId, ct));

    public static IReadOnlyList<(DateTime Start, DateTime End)> SlotsOf(IEnumerable<MatchmakingBlock> blocks)
    {
        var slots = new List<(DateTime, DateTime)>();
        foreach (var block in blocks.OrderBy(b => b.StartUtc))
        {
            for (var start = block.StartUtc; start.AddMinutes(block.SlotMinutes) <= block.EndUtc; start = start.AddMinutes(block.SlotMinutes))
                slots.Add((start, start.AddMinutes(block.SlotMinutes)));
        }
        return slots;
    }

    public async Task<IReadOnlyList<MatchmakingTable>> TablesAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<MatchmakingTable>().AsNoTracking().Where(t => t.EditionId == editionId).OrderBy(t => t.Number).ToListAsync(ct);
    }

    /// <summary>Adds <paramref name="count"/> numbered tables after the highest number.</summary>
    public async Task AddTablesAsync(int editionId, int count, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var max = await db.Set<MatchmakingTable>().Where(t => t.EditionId == editionId).MaxAsync(t => (int?)t.Number, ct) ?? 0;
        for (var i = 1; i <= Math.Clamp(count, 0, 500); i++) db.Add(new MatchmakingTable { EditionId = editionId, Number = max + i });
        await db.SaveChangesAsync(ct);
    }

    public async Task<MatchmakingResult> UpdateTableAsync(int tableId, string? name, int? fixedRegistrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var table = await db.Set<MatchmakingTable>().FirstOrDefaultAsync(t => t.Id == tableId, ct);
        if (table is null) return MatchmakingResult.Refused("Table not found.");
        if (fixedRegistrationId is { } rid && !await db.Registrations.AnyAsync(r => r.Id == rid && r.EditionId == table.EditionId, ct))
            return MatchmakingResult.Refused("No such registration in this edition.");
        table.Name = Clip(name, 100);
        table.FixedRegistrationId = fixedRegistrationId;
        await db.SaveChangesAsync(ct);
        return MatchmakingResult.Success(table.Id);
    }

    public async Task RemoveTableAsync(int tableId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Set<MatchmakingTable>().Where(t => t.Id == tableId).ExecuteDeleteAsync(ct);
    }

    public async Task<IReadOnlySet<DateTime>> AvailabilityAsync(int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.Set<MatchmakingAvailability>().Where(a => a.RegistrationId == registrationId).Select(a => a.SlotStartUtc).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>Replaces the participant's availability with the given slot starts (those that are not slots of the edition are ignored).</summary>
    public async Task<MatchmakingResult> SetAvailabilityAsync(int registrationId, IEnumerable<DateTime> slotStartsUtc, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var editionId = await db.Registrations.Where(r => r.Id == registrationId).Select(r => (int?)r.EditionId).FirstOrDefaultAsync(ct);
        if (editionId is null) return MatchmakingResult.Refused("Registration not found.", "Mm_Err_RegistrationNotFound");
        var valid = (await SlotsAsync(editionId.Value, ct)).Select(s => s.Start).ToHashSet();
        var wanted = slotStartsUtc.Select(s => DateTime.SpecifyKind(s, DateTimeKind.Utc)).Where(valid.Contains).ToHashSet();
        var existing = await db.Set<MatchmakingAvailability>().Where(a => a.RegistrationId == registrationId).ToListAsync(ct);
        db.RemoveRange(existing.Where(a => !wanted.Contains(a.SlotStartUtc)));
        foreach (var start in wanted.Where(w => existing.All(a => a.SlotStartUtc != w)))
            db.Add(new MatchmakingAvailability { RegistrationId = registrationId, SlotStartUtc = start });
        await db.SaveChangesAsync(ct);
        return MatchmakingResult.Success();
    }

    // ---------------------------------------------------------------- scheduling

    private sealed record Context(IReadOnlyList<DateTime> Slots, IReadOnlyList<MatchmakingTable> Tables, List<MeetingRequest> Accepted,
        Dictionary<int, HashSet<DateTime>> Availability, List<MeetingAssignment> Assignments);

    private static async Task<Context> LoadAsync(AppDbContext db, int editionId, CancellationToken ct)
    {
        var blocks = await db.Set<MatchmakingBlock>().AsNoTracking().Where(b => b.EditionId == editionId).ToListAsync(ct);
        var tables = await db.Set<MatchmakingTable>().AsNoTracking().Where(t => t.EditionId == editionId).OrderBy(t => t.Number).ToListAsync(ct);
        var accepted = await db.Set<MeetingRequest>().AsNoTracking()
            .Where(m => m.EditionId == editionId && m.Status == MeetingRequestStatus.Accepted).OrderBy(m => m.Id).ToListAsync(ct);
        var people = accepted.SelectMany(m => new[] { m.FromRegistrationId, m.ToRegistrationId }).Distinct().ToList();
        var availability = (await db.Set<MatchmakingAvailability>().AsNoTracking().Where(a => people.Contains(a.RegistrationId)).ToListAsync(ct))
            .GroupBy(a => a.RegistrationId).ToDictionary(g => g.Key, g => g.Select(a => a.SlotStartUtc).ToHashSet());
        var assignments = await db.Set<MeetingAssignment>().Where(a => a.EditionId == editionId).ToListAsync(ct);
        return new Context(SlotsOf(blocks).Select(s => s.Start).ToList(), tables, accepted, availability, assignments);
    }

    /// <summary>
    /// Schedules every accepted meeting it can: locked assignments stay, the others are placed afresh by <see cref="MeetingScheduler"/>.
    /// The result is checked by <see cref="ScheduleValidator"/> and stored only when valid.
    /// </summary>
    public async Task<ScheduleOutcome> ScheduleAllAsync(int editionId, double seconds, int seed = 1, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await LoadAsync(db, editionId, ct);
        var slotIndex = c.Slots.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
        var tableIndex = c.Tables.Select((t, i) => (t.Id, i + 1)).ToDictionary(x => x.Id, x => x.Item2);
        var locked = c.Assignments.Where(a => a.Locked).ToDictionary(a => a.RequestId);
        var fixedTables = c.Tables.Where(t => t.FixedRegistrationId != null).ToList();

        var participants = c.Accepted.SelectMany(m => new[] { m.FromRegistrationId, m.ToRegistrationId }).Distinct()
            .Select(id => new SchedulingParticipant(id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                c.Availability.TryGetValue(id, out var set) ? set.Where(slotIndex.ContainsKey).Select(s => slotIndex[s]).Order().ToList() : []))
            .ToList();
        var meetings = c.Accepted.Select(m =>
        {
            int? fixedTable = fixedTables.FirstOrDefault(t => t.FixedRegistrationId == m.FromRegistrationId || t.FixedRegistrationId == m.ToRegistrationId) is { } ft
                ? tableIndex[ft.Id] : null;
            MeetingPlacement? pinned = locked.TryGetValue(m.Id, out var a) && slotIndex.TryGetValue(a.SlotStartUtc, out var si) && tableIndex.TryGetValue(a.TableId, out var ti)
                ? new MeetingPlacement(si, ti) : null;
            return new SchedulingMeeting(Key(m.Id), Key(m.FromRegistrationId), Key(m.ToRegistrationId), m.Priority ? 1 : 0, fixedTable, pinned);
        }).ToList();
        var problem = new SchedulingProblem(c.Slots.Count, c.Tables.Count, participants, meetings, fixedTables.Select(t => tableIndex[t.Id]).ToList());

        if (c.Slots.Count == 0 || c.Tables.Count == 0 || meetings.Count == 0)
            return new ScheduleOutcome(0, c.Accepted.Count, 0, [], TimeSpan.Zero);

        var result = new MeetingScheduler().Schedule(problem, TimeSpan.FromSeconds(Math.Clamp(seconds, 0.1, 60)), seed);
        var violations = ScheduleValidator.Violations(problem, result);
        if (violations.Count > 0) return new ScheduleOutcome(0, c.Accepted.Count, result.UpperBound, violations, result.Elapsed);

        var tableIds = c.Tables.Select(t => t.Id).ToList();
        db.RemoveRange(c.Assignments.Where(a => !a.Locked || !result.Assignments.ContainsKey(Key(a.RequestId))));
        foreach (var (key, placement) in result.Assignments)
        {
            var requestId = int.Parse(key, System.Globalization.CultureInfo.InvariantCulture);
            if (locked.TryGetValue(requestId, out var kept) && kept.SlotStartUtc == c.Slots[placement.Slot] && kept.TableId == tableIds[placement.Table - 1]) continue;
            var wasLocked = locked.TryGetValue(requestId, out var moved);
            if (moved is not null) db.Remove(moved);
            db.Add(new MeetingAssignment
            {
                RequestId = requestId, EditionId = editionId, SlotStartUtc = c.Slots[placement.Slot], TableId = tableIds[placement.Table - 1],
                Locked = wasLocked,
            });
        }
        await db.SaveChangesAsync(ct);
        return new ScheduleOutcome(result.Scheduled, c.Accepted.Count, result.UpperBound, [], result.Elapsed);
    }

    private static string Key(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Moves a meeting to another slot and table, refused when someone is busy or unavailable or the table is taken.</summary>
    public async Task<MatchmakingResult> MoveAsync(int assignmentId, DateTime slotStartUtc, int tableId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assignment = await db.Set<MeetingAssignment>().FirstOrDefaultAsync(a => a.Id == assignmentId, ct);
        if (assignment is null) return MatchmakingResult.Refused("Meeting not found.", "Mm_Err_MeetingNotFound");
        var error = await ConflictAsync(db, assignment.EditionId, assignment.RequestId, slotStartUtc, tableId, assignmentId, ct);
        if (error is not null) return MatchmakingResult.Refused(error);
        assignment.SlotStartUtc = slotStartUtc;
        assignment.TableId = tableId;
        await db.SaveChangesAsync(ct);
        return MatchmakingResult.Success(assignment.Id);
    }

    /// <summary>Places an accepted, unscheduled meeting by hand (same checks as a move).</summary>
    public async Task<MatchmakingResult> PlaceAsync(int requestId, DateTime slotStartUtc, int tableId, bool locked = true, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.Set<MeetingRequest>().AsNoTracking().FirstOrDefaultAsync(m => m.Id == requestId, ct);
        if (request is null || request.Status != MeetingRequestStatus.Accepted) return MatchmakingResult.Refused("Only accepted meetings can be scheduled.");
        if (await db.Set<MeetingAssignment>().AnyAsync(a => a.RequestId == requestId, ct)) return MatchmakingResult.Refused("The meeting is already scheduled.");
        var error = await ConflictAsync(db, request.EditionId, requestId, slotStartUtc, tableId, null, ct);
        if (error is not null) return MatchmakingResult.Refused(error);
        var assignment = new MeetingAssignment { RequestId = requestId, EditionId = request.EditionId, SlotStartUtc = slotStartUtc, TableId = tableId, Locked = locked };
        db.Add(assignment);
        await db.SaveChangesAsync(ct);
        return MatchmakingResult.Success(assignment.Id);
    }

    private static async Task<string?> ConflictAsync(AppDbContext db, int editionId, int requestId, DateTime slotStartUtc, int tableId, int? ignoreAssignmentId, CancellationToken ct)
    {
        var request = await db.Set<MeetingRequest>().AsNoTracking().FirstAsync(m => m.Id == requestId, ct);
        var slots = SlotsOf(await db.Set<MatchmakingBlock>().AsNoTracking().Where(b => b.EditionId == editionId).ToListAsync(ct));
        if (slots.All(s => s.Start != slotStartUtc)) return "That is not a matchmaking slot.";
        var table = await db.Set<MatchmakingTable>().AsNoTracking().FirstOrDefaultAsync(t => t.Id == tableId && t.EditionId == editionId, ct);
        if (table is null) return "Table not found.";
        int[] sides = [request.FromRegistrationId, request.ToRegistrationId];
        if (table.FixedRegistrationId is { } owner && !sides.Contains(owner)) return "That table is reserved for another participant.";
        var available = await db.Set<MatchmakingAvailability>().CountAsync(a => sides.Contains(a.RegistrationId) && a.SlotStartUtc == slotStartUtc, ct);
        if (available < 2) return "Both sides must be available in that slot.";
        var inSlot = db.Set<MeetingAssignment>().Where(a => a.EditionId == editionId && a.SlotStartUtc == slotStartUtc && a.Id != (ignoreAssignmentId ?? 0));
        if (await inSlot.AnyAsync(a => a.TableId == tableId, ct)) return "The table is taken in that slot.";
        var busy = await (from a in inSlot
                          join m in db.Set<MeetingRequest>() on a.RequestId equals m.Id
                          where sides.Contains(m.FromRegistrationId) || sides.Contains(m.ToRegistrationId)
                          select a.Id).AnyAsync(ct);
        return busy ? "One of the participants already has a meeting in that slot." : null;
    }

    public async Task<MatchmakingResult> SetLockedAsync(int assignmentId, bool locked, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var n = await db.Set<MeetingAssignment>().Where(a => a.Id == assignmentId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Locked, locked), ct);
        return n == 0 ? MatchmakingResult.Refused("Meeting not found.", "Mm_Err_MeetingNotFound") : MatchmakingResult.Success(assignmentId);
    }

    public async Task<MatchmakingResult> UnscheduleAsync(int assignmentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var n = await db.Set<MeetingAssignment>().Where(a => a.Id == assignmentId).ExecuteDeleteAsync(ct);
        return n == 0 ? MatchmakingResult.Refused("Meeting not found.", "Mm_Err_MeetingNotFound") : MatchmakingResult.Success();
    }

    /// <summary>Makes the current schedule visible to participants; returns how many meetings were published.</summary>
    public async Task<int> PublishAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Set<MeetingAssignment>().Where(a => a.EditionId == editionId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Published, true), ct);
    }

    public async Task<IReadOnlyList<GridMeeting>> GridAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (
            from a in db.Set<MeetingAssignment>()
            join t in db.Set<MatchmakingTable>() on a.TableId equals t.Id
            join m in db.Set<MeetingRequest>() on a.RequestId equals m.Id
            join f in db.Registrations on m.FromRegistrationId equals f.Id
            join o in db.Registrations on m.ToRegistrationId equals o.Id
            where a.EditionId == editionId
            orderby a.SlotStartUtc, t.Number
            select new { a, t.Number, m.FromRegistrationId, m.ToRegistrationId, m.Priority, AName = f.FirstName + " " + f.LastName, BName = o.FirstName + " " + o.LastName })
            .ToListAsync(ct);
        var sides = await SidesAsync(db, rows.SelectMany(x => new[] { x.FromRegistrationId, x.ToRegistrationId }), ct);
        return rows.Select(x => new GridMeeting(x.a.Id, x.a.RequestId, x.a.SlotStartUtc, x.a.TableId, x.Number, x.AName, sides[x.FromRegistrationId].Organisation,
            x.BName, sides[x.ToRegistrationId].Organisation, x.a.Locked, x.a.Published, x.Priority, sides[x.FromRegistrationId].Kind, sides[x.ToRegistrationId].Kind)).ToList();
    }

    /// <summary>Accepted meetings without a slot and table yet (the grid offers them for placing by hand).</summary>
    public async Task<IReadOnlyList<UnscheduledMeeting>> UnscheduledAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (
            from m in db.Set<MeetingRequest>()
            join f in db.Registrations on m.FromRegistrationId equals f.Id
            join o in db.Registrations on m.ToRegistrationId equals o.Id
            where m.EditionId == editionId && m.Status == MeetingRequestStatus.Accepted && !db.Set<MeetingAssignment>().Any(a => a.RequestId == m.Id)
            orderby m.Priority descending, m.Id
            select new { m.Id, m.FromRegistrationId, m.ToRegistrationId, m.Priority, AName = f.FirstName + " " + f.LastName, BName = o.FirstName + " " + o.LastName })
            .ToListAsync(ct);
        var sides = await SidesAsync(db, rows.SelectMany(x => new[] { x.FromRegistrationId, x.ToRegistrationId }), ct);
        return rows.Select(x => new UnscheduledMeeting(x.Id, x.AName, sides[x.FromRegistrationId].Organisation, x.BName, sides[x.ToRegistrationId].Organisation, x.Priority,
            sides[x.FromRegistrationId].Kind, sides[x.ToRegistrationId].Kind)).ToList();
    }

    /// <summary>The participant's published meetings, in time order.</summary>
    public async Task<IReadOnlyList<MyMeeting>> MyScheduleAsync(int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (
            from a in db.Set<MeetingAssignment>()
            join t in db.Set<MatchmakingTable>() on a.TableId equals t.Id
            join m in db.Set<MeetingRequest>() on a.RequestId equals m.Id
            join other in db.Registrations on (m.FromRegistrationId == registrationId ? m.ToRegistrationId : m.FromRegistrationId) equals other.Id
            where a.Published && m.Status == MeetingRequestStatus.Accepted && (m.FromRegistrationId == registrationId || m.ToRegistrationId == registrationId)
            orderby a.SlotStartUtc
            select new { a.EditionId, a.SlotStartUtc, t.Number, t.Name, Other = other.FirstName + " " + other.LastName, OtherId = other.Id, RequestId = m.Id,
                other.CountryCode }).ToListAsync(ct);
        if (rows.Count == 0) return [];
        var slots = SlotsOf(await db.Set<MatchmakingBlock>().AsNoTracking().Where(b => b.EditionId == rows[0].EditionId).ToListAsync(ct))
            .ToDictionary(s => s.Start, s => s.End);
        var sides = await SidesAsync(db, rows.Select(r => r.OtherId).Append(registrationId), ct);
        var me = sides.GetValueOrDefault(registrationId, (Organisation: "", Kind: OrganisationType.Other));
        return rows.Select(r => new MyMeeting(r.SlotStartUtc, slots.GetValueOrDefault(r.SlotStartUtc, r.SlotStartUtc), r.Number, r.Name, r.Other,
            sides[r.OtherId].Organisation, r.RequestId, r.CountryCode, C2C.Of(me.Kind, sides[r.OtherId].Kind))).ToList();
    }

    /// <summary>The registration's organisation as the directory knows it (else as typed), for the personal schedule's heading.</summary>
    public async Task<(string Organisation, OrganisationType Kind)?> OrganisationOfAsync(int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await SidesAsync(db, [registrationId], ct)).TryGetValue(registrationId, out var side) ? side : null;
    }

    private static string? Clip(string? value, int max)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) return null;
        return trimmed.Length <= max ? trimmed : trimmed[..max];
    }
}
