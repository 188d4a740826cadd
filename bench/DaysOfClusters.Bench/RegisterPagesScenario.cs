using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Bench;

/// <summary>
/// `register-pages --clients 10 --count 200 [--capacity N] [--path /e/…/register] [--form register] [--provider PostgreSQL --connection "…"]`: the built app (fresh data
/// folder, an open edition seeded beside it), N anonymous clients, each with its own cookies, each registration a GET of the
/// public form `/e/{slug}/register` and a plain POST of it (form-urlencoded, antiforgery token and the form's hidden fields,
/// every field read from the page's HTML and filled as a person would, a unique e-mail each). Counts what the database stored;
/// exits 1 when no registration was stored (the form does not take a plain POST).
/// </summary>
public static class RegisterPagesScenario
{
    private const string EmailDomain = "register-pages.bench.example";

    public static async Task<Dictionary<string, object?>> RunAsync(BenchOptions options)
    {
        var clients = options.GetInt("clients", 10);
        var count = options.GetInt("count", 200);
        var capacity = options.GetInt("capacity", count);
        var formName = options.Get("form", "register");
        await using var database = await BenchDatabase.CreateAsync(options);
        // Every client comes from 127.0.0.1: the per-IP page and registration limits (meant for one person) are lifted.
        await using var app = BenchApp.Start("register-pages", database, new Dictionary<string, string>
        {
            ["Demo:Disabled"] = "true", ["Logging:LogLevel:Default"] = "Warning",
            ["RateLimits:Pages"] = "100000000", ["Registration:RateLimit:PermitsPerMinute"] = "100000000",
        });
        await app.WaitForHealthAsync(TimeSpan.FromSeconds(90));
        var db = database.FactoryFor(app.DataFolder);
        var (editionId, slug) = await SeedOpenEditionAsync(db, capacity);
        // --path: another page with the same form (e.g. an invitation link's `?invitation=…`).
        var path = options.Get("path", $"/e/{slug}/register");
        await Console.Error.WriteLineAsync($"register-pages: {count} registrations through GET+POST {path}, {clients} clients, capacity {capacity}, {database.Label}");

        var latencies = new ConcurrentBag<double>();
        var accepted = 0;
        var errors = 0;
        var firstFailure = (string?)null;
        var next = -1;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            // One browser per client: its own antiforgery cookie.
            using var http = BenchHttp.CreateClient(app);
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                var start = Stopwatch.GetTimestamp();
                string? failure;
                try { failure = await RegisterOnceAsync(http, path, formName, i); }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { failure = $"{e.GetType().Name}: {e.Message}"; }
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (failure is null) Interlocked.Increment(ref accepted);
                else
                {
                    Interlocked.Increment(ref errors);
                    if (Interlocked.CompareExchange(ref firstFailure, failure, null) is null) await Console.Error.WriteLineAsync($"  first failure: {failure}");
                }
                if ((i + 1) % 100 == 0) await Console.Error.WriteLineAsync($"  {i + 1}/{count}");
            }
        })));
        total.Stop();

        await using var check = await db.CreateDbContextAsync();
        var stored = await check.Registrations.Where(r => r.EditionId == editionId && r.EmailNormalized.EndsWith("@" + EmailDomain))
            .Select(r => new { r.Status, r.EmailNormalized }).ToListAsync();
        await Console.Error.WriteLineAsync($"posted {count}: {accepted} answered as registered, {errors} errors; stored {stored.Count}");
        if (stored.Count == 0)
            throw new BenchFailedException($"No registration was stored: POST {path} (form \"{formName}\") did not register anyone. " +
                $"First failure: {firstFailure?.TrimEnd('.') ?? "none (the answers looked fine, yet nothing reached the database)"}. " +
                "The scenario needs the static SSR registration form (EditForm FormName=\"register\", plain POST with antiforgery).");

        var sorted = latencies.Order().ToList();
        return new Dictionary<string, object?>
        {
            ["scenario"] = "register-pages",
            ["provider"] = database.Label,
            ["count"] = count,
            ["clients"] = clients,
            ["capacity"] = capacity,
            ["accepted"] = accepted,
            ["stored"] = stored.Count,
            ["confirmed"] = stored.Count(r => r.Status == RegistrationStatus.Confirmed),
            ["waitlisted"] = stored.Count(r => r.Status == RegistrationStatus.Waitlisted),
            ["lost"] = accepted - stored.Count,
            ["duplicates"] = stored.Count - stored.Select(r => r.EmailNormalized).Distinct().Count(),
            ["errors"] = errors,
            ["per_s"] = Math.Round(stored.Count / total.Elapsed.TotalSeconds, 1),
            ["p50_ms"] = Math.Round(CircuitsScenario.Percentile(sorted, 0.50), 1),
            ["p99_ms"] = Math.Round(CircuitsScenario.Percentile(sorted, 0.99), 1),
        };
    }

    /// <summary>One person: GET the form, fill it from its own HTML, POST it. Null when the answer says registered, else why not.</summary>
    private static async Task<string?> RegisterOnceAsync(HttpClient http, string path, string formName, int index)
    {
        using var page = await http.GetAsync(new Uri(path, UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != HttpStatusCode.OK) return $"GET {path} answered {(int)page.StatusCode}";
        var form = HtmlForm.Find(html, formName);
        if (form is null) return $"GET {path}: no <form> with the hidden _handler \"{formName}\" and an antiforgery token (still the interactive form?)";
        var fields = form.Fill(new PersonValues(index, $"bench{index:D6}@{EmailDomain}"));
        if (index == 0) // what the form asked for and what the bench answers, once, to see how it adapted to the form
            await Console.Error.WriteLineAsync("  posting: " + string.Join(" & ", fields.Where(f => f.Key != "__RequestVerificationToken").Select(f => $"{f.Key}={f.Value}")));
        var target = string.IsNullOrEmpty(form.Action) ? path : WebUtility.HtmlDecode(form.Action);
        using var content = new FormUrlEncodedContent(fields);
        using var response = await http.PostAsync(new Uri(http.BaseAddress!, target), content);
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        if (status is >= 300 and < 400) return null; // post-redirect-get to a thank-you page
        if (status != 200) return $"POST {target} answered {status}";
        if (body.Contains("data-testid=\"registration-result\"", StringComparison.Ordinal) || HtmlForm.Find(body, formName) is null) return null;
        var problems = HtmlForm.ErrorTexts(body);
        return $"POST {target} answered the form again{(problems.Count > 0 ? ": " + string.Join(" | ", problems.Take(5)) : " (no field error shown)")}";
    }

    private static async Task<(int Id, string Slug)> SeedOpenEditionAsync(IDbContextFactory<AppDbContext> factory, int capacity)
    {
        await using var db = await factory.CreateDbContextAsync();
        var start = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(6);
        var edition = new Edition
        {
            Ordinal = 90, Title = "Register pages bench", Slug = "bench-register", HostCity = "Niš", CountryCode = "RS", StartDate = start,
            EndDate = start.AddDays(1), TimeZoneId = "Europe/Belgrade", Capacity = capacity, Status = EditionStatus.Open, CreatedUtc = DateTime.UtcNow,
        };
        db.Editions.Add(edition);
        await db.SaveChangesAsync();
        db.RegistrationCategories.AddRange(DefaultCategories.For(edition.Id));
        await db.SaveChangesAsync();
        return (edition.Id, edition.Slug);
    }
}
