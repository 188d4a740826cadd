using System.Collections.Concurrent;

namespace DaysOfClusters.Web.Features.Badges;

public enum BadgePrintJobState
{
    Running,
    Completed,
    Failed,
}

/// <summary>A print run rendering in the background; the page polls it for progress and then offers the download.</summary>
public sealed class BadgePrintJob
{
    private volatile BadgeProgress _progress;

    internal BadgePrintJob(Guid id, string owner, int editionId, string description, DateTime createdUtc)
    {
        Id = id;
        Owner = owner;
        EditionId = editionId;
        Description = description;
        CreatedUtc = createdUtc;
        _progress = new BadgeProgress("Starting", 0, 0);
    }

    public Guid Id { get; }

    /// <summary>User name of the organiser who started it; only they may download the result.</summary>
    public string Owner { get; }

    public int EditionId { get; }
    public string Description { get; }
    public DateTime CreatedUtc { get; }
    public BadgeProgress Progress => _progress;
    public BadgePrintJobState State { get; private set; } = BadgePrintJobState.Running;
    public string? Error { get; private set; }
    public BadgePdf? Result { get; private set; }

    internal void Report(BadgeProgress progress) => _progress = progress;

    internal void Complete(BadgePdf pdf)
    {
        Result = pdf;
        State = BadgePrintJobState.Completed;
    }

    internal void Fail(string error)
    {
        Error = error;
        State = BadgePrintJobState.Failed;
    }
}

/// <summary>
/// In-memory registry of background print runs, so a batch of a whole edition does not hold up the page's circuit.
/// Results are kept for an hour (in memory: a 1,500-badge PDF is a few MB); a restart loses them, and the organiser prints again.
/// </summary>
public sealed class BadgePrintJobs(BadgeService service, TimeProvider clock, ILogger<BadgePrintJobs> logger)
{
    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<Guid, BadgePrintJob> _jobs = new();

    public BadgePrintJob Start(string owner, int editionId, BadgeSelection selection, BadgePrintOptions options, string description)
    {
        Sweep();
        var job = new BadgePrintJob(Guid.NewGuid(), owner, editionId, description, clock.GetUtcNow().UtcDateTime);
        _jobs[job.Id] = job;
        _ = Task.Run(async () =>
        {
            try
            {
                var pdf = await service.RenderAsync(editionId, selection, options, markPrinted: true, new Progress(job));
                if (pdf is null) job.Fail("The edition does not exist.");
                else job.Complete(pdf);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Badge print job {JobId} for edition {EditionId} failed", job.Id, editionId);
                job.Fail("Printing failed; see the server log.");
            }
        });
        return job;
    }

    public BadgePrintJob? Find(Guid id) => _jobs.TryGetValue(id, out var job) ? job : null;

    private void Sweep()
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - KeepFor;
        foreach (var (id, job) in _jobs)
        {
            if (job.CreatedUtc < cutoff && job.State != BadgePrintJobState.Running) _jobs.TryRemove(id, out _);
        }
    }

    private sealed class Progress(BadgePrintJob job) : IProgress<BadgeProgress>
    {
        public void Report(BadgeProgress value) => job.Report(value);
    }
}
