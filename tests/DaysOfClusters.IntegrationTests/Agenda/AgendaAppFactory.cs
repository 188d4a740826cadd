using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Agenda;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Agenda;

/// <summary>The shared test host, without demo data; seats are released by the tests themselves.</summary>
public sealed class AgendaAppFactory() : AppFactory(settings: new Dictionary<string, string?>
{
    ["Agenda:SeatReleaseMinutes"] = "600", // the tests release seats themselves
})
{
    public async Task<Edition> CreateEditionAsync(string? slug = null, EditionStatus status = EditionStatus.Open)
    {
        await using var db = await DbAsync();
        var edition = new Edition
        {
            Ordinal = 9, Title = "Test edition", Slug = slug ?? "test-" + Guid.NewGuid().ToString("N")[..8], HostCity = "Niš", CountryCode = "RS",
            StartDate = new DateOnly(2027, 9, 22), EndDate = new DateOnly(2027, 9, 23), TimeZoneId = "Europe/Belgrade", Status = status,
            CreatedUtc = DateTime.UtcNow,
        };
        db.Editions.Add(edition);
        await db.SaveChangesAsync();
        db.RegistrationCategories.AddRange(DefaultCategories.For(edition.Id));
        await db.SaveChangesAsync();
        return edition;
    }

    /// <summary>Confirmed registrations; returns (id, manage token) pairs.</summary>
    public async Task<List<(int Id, string Token)>> CreateRegistrationsAsync(int editionId, int count, RegistrationStatus status = RegistrationStatus.Confirmed)
    {
        await using var db = await DbAsync();
        var category = await db.RegistrationCategories.FirstAsync(c => c.EditionId == editionId);
        var made = new List<(Registration Registration, string Token)>();
        for (var i = 0; i < count; i++)
        {
            var token = Guid.NewGuid().ToString("N");
            var email = $"person{i}-{Guid.NewGuid():N}@example.test";
            var r = new Registration
            {
                EditionId = editionId, CategoryId = category.Id, FirstName = "Test", LastName = $"Person {i:000}", Email = email, EmailNormalized = email,
                EmailHash = email, Organisation = "Test Cluster", CountryCode = "RS", PrivacyNoticeVersion = "1", Status = status,
                ManageTokenHash = DaysOfClusters.Web.Features.Registration.RegistrationRules.Sha256Hex(token), CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow,
            };
            db.Registrations.Add(r);
            made.Add((r, token));
        }
        await db.SaveChangesAsync();
        return made.Select(m => (m.Registration.Id, m.Token)).ToList();
    }

    public static DateTime Local(int day, int hour, int minute = 0) =>
        EditionRules.ToUtc(new DateTime(2027, 9, day, hour, minute, 0), "Europe/Belgrade");

    public async Task<Room> AddRoomAsync(int editionId, string name, int capacity)
    {
        await using var db = await DbAsync();
        var room = new Room { EditionId = editionId, Name = name, Capacity = capacity };
        db.Rooms.Add(room);
        await db.SaveChangesAsync();
        return room;
    }

    public async Task<Session> AddSessionAsync(int editionId, string title, int? roomId, DateTime startUtc, int minutes,
        SessionKind kind = SessionKind.Panel, int? seats = null, int? capacity = null)
    {
        await using var db = await DbAsync();
        var session = new Session
        {
            EditionId = editionId, Title = title, RoomId = roomId, StartUtc = startUtc, EndUtc = startUtc.AddMinutes(minutes), Kind = kind,
            SeatCapacity = seats, Capacity = capacity, UpdatedUtc = DateTime.UtcNow,
        };
        db.Sessions.Add(session);
        await db.SaveChangesAsync();
        return session;
    }
}
