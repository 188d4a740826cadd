using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Matchmaking;

/// <summary>After-event feedback per meeting and the organiser's matchmaking statistics.</summary>
public sealed class MatchmakingInsights(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// One side's feedback on one of its published meetings, accepted once the meeting's slot has ended; sending again replaces it.
    /// </summary>
    public async Task<MatchmakingResult> SubmitFeedbackAsync(int registrationId, int requestId, FeedbackInput input, CancellationToken ct = default)
    {
        if (input.Happened && input.Usefulness is not (>= 1 and <= 5)) return MatchmakingResult.Refused("Please rate how useful the meeting was (1 to 5).", "Mm_Err_RateUsefulness");
        if (!Enum.IsDefined(input.FollowUp)) return MatchmakingResult.Refused("Unknown follow-up.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var meeting = await (
            from a in db.MeetingAssignments
            join m in db.MeetingRequests on a.RequestId equals m.Id
            where m.Id == requestId && a.Published && m.Status == MeetingRequestStatus.Accepted
                && (m.FromRegistrationId == registrationId || m.ToRegistrationId == registrationId)
            select new { m.EditionId, a.SlotStartUtc }).FirstOrDefaultAsync(ct);
        if (meeting is null) return MatchmakingResult.Refused("Meeting not found.", "Mm_Err_MeetingNotFound");
        var blocks = await db.MatchmakingBlocks.AsNoTracking().Where(b => b.EditionId == meeting.EditionId).ToListAsync(ct);
        var end = MatchmakingSetup.SlotsOf(blocks).Where(s => s.Start == meeting.SlotStartUtc).Select(s => (DateTime?)s.End).FirstOrDefault()
            ?? meeting.SlotStartUtc;
        if (end > Now) return MatchmakingResult.Refused("Feedback opens when the meeting is over.", "Mm_Err_FeedbackNotYet");

        var comment = input.Comment?.Trim() is { Length: > 0 } c ? (c.Length <= 1000 ? c : c[..1000]) : null;
        for (var attempt = 0; ; attempt++)
        {
            var feedback = await db.MeetingFeedback.FirstOrDefaultAsync(f => f.RequestId == requestId && f.RegistrationId == registrationId, ct);
            if (feedback is null) db.Add(feedback = new MeetingFeedback { RequestId = requestId, RegistrationId = registrationId, EditionId = meeting.EditionId });
            feedback.Happened = input.Happened;
            feedback.Usefulness = input.Happened ? input.Usefulness : null;
            feedback.FollowUp = input.Happened ? input.FollowUp : ExpectedFollowUp.None;
            feedback.Comment = comment;
            feedback.SubmittedUtc = Now;
            try
            {
                await db.SaveChangesAsync(ct);
                return MatchmakingResult.Success(feedback.Id);
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // A parallel first submission of the same person won the unique index: update that row instead.
                db.ChangeTracker.Clear();
            }
        }
    }

    public async Task<IReadOnlyDictionary<int, MeetingFeedback>> FeedbackOfAsync(int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.MeetingFeedback.AsNoTracking().Where(f => f.RegistrationId == registrationId).ToDictionaryAsync(f => f.RequestId, ct);
    }

    public async Task<MatchmakingStatistics> StatisticsAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var people = await (
            from p in db.MatchmakingProfiles
            join r in db.Registrations on p.RegistrationId equals r.Id
            join c in db.Countries on r.CountryCode equals c.Code into countries
            from c in countries.DefaultIfEmpty()
            where p.EditionId == editionId && p.OptedIn && r.AnonymisedUtc == null
            select new { r.Id, r.CountryCode, CountryName = c == null ? r.CountryCode : c.Name, Continent = c == null ? (Continent?)null : c.Continent })
            .ToListAsync(ct);
        var requests = await db.MeetingRequests.AsNoTracking().Where(m => m.EditionId == editionId)
            .Select(m => new { m.Id, m.FromRegistrationId, m.ToRegistrationId, m.Status }).ToListAsync(ct);
        var assignments = await db.MeetingAssignments.AsNoTracking().Where(a => a.EditionId == editionId)
            .Select(a => new { a.RequestId, a.Published }).ToListAsync(ct);
        var scheduledIds = assignments.Select(a => a.RequestId).ToHashSet();
        var scheduled = requests.Where(m => m.Status == MeetingRequestStatus.Accepted && scheduledIds.Contains(m.Id)).ToList();

        var byStatus = Enum.GetValues<MeetingRequestStatus>().Select(s => (s, requests.Count(m => m.Status == s))).ToList();
        var perPerson = people.ToDictionary(p => p.Id, _ => 0);
        foreach (var m in scheduled)
        {
            if (perPerson.TryGetValue(m.FromRegistrationId, out var a)) perPerson[m.FromRegistrationId] = a + 1;
            if (perPerson.TryGetValue(m.ToRegistrationId, out var b)) perPerson[m.ToRegistrationId] = b + 1;
        }
        var histogram = perPerson.Values.GroupBy(n => n).OrderBy(g => g.Key).Select(g => new MeetingsPerParticipantRow(g.Key, g.Count())).ToList();

        var personById = people.ToDictionary(p => p.Id);
        List<MatchmakingGroupRow> Group(Func<int, (string Key, string Label)?> keyOf)
        {
            var rows = new Dictionary<string, (string Label, int People, int Requests, int Accepted, int Scheduled)>();
            void Add(string key, string label, int people, int req, int acc, int sch)
            {
                var row = rows.TryGetValue(key, out var r) ? r : (label, 0, 0, 0, 0);
                rows[key] = (label, row.Item2 + people, row.Item3 + req, row.Item4 + acc, row.Item5 + sch);
            }
            foreach (var p in people) if (keyOf(p.Id) is { } k) Add(k.Key, k.Label, 1, 0, 0, 0);
            foreach (var m in requests)
            {
                // A meeting counts once for a group even when both sides belong to it.
                var keys = new[] { keyOf(m.FromRegistrationId), keyOf(m.ToRegistrationId) }.Where(k => k is not null).Select(k => k!.Value).DistinctBy(k => k.Key);
                foreach (var k in keys)
                    Add(k.Key, k.Label, 0, 1, m.Status == MeetingRequestStatus.Accepted ? 1 : 0,
                        m.Status == MeetingRequestStatus.Accepted && scheduledIds.Contains(m.Id) ? 1 : 0);
            }
            return rows.Select(r => new MatchmakingGroupRow(r.Key, r.Value.Label, r.Value.People, r.Value.Requests, r.Value.Accepted, r.Value.Scheduled))
                .OrderByDescending(r => r.Scheduled).ThenByDescending(r => r.Participants).ThenBy(r => r.Label).ToList();
        }
        var byCountry = Group(id => personById.TryGetValue(id, out var p) ? (p.CountryCode, p.CountryName) : null);
        var byContinent = Group(id => personById.TryGetValue(id, out var p) ? (p.Continent?.ToString() ?? "Unknown", p.Continent is { } c ? c.DisplayName() : "Unknown") : null);

        var feedback = await db.MeetingFeedback.AsNoTracking().Where(f => f.EditionId == editionId).ToListAsync(ct);
        var rated = feedback.Where(f => f.Happened && f.Usefulness is not null).Select(f => f.Usefulness!.Value).ToList();
        var summary = new FeedbackSummary(feedback.Count, feedback.Count(f => f.Happened), rated.Count == 0 ? null : rated.Average(),
            feedback.Where(f => f.Happened && f.FollowUp != ExpectedFollowUp.None).GroupBy(f => f.FollowUp)
                .Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ToList());

        return new MatchmakingStatistics(people.Count, byStatus, requests.Count(m => m.Status == MeetingRequestStatus.Accepted), scheduled.Count,
            assignments.Count(a => a.Published), histogram, perPerson.Count == 0 ? 0 : perPerson.Values.Average(),
            perPerson.Count == 0 ? 0 : perPerson.Values.Max(), byCountry, byContinent, summary);
    }
}
