namespace DaysOfClusters.Web.Features.Registration;

/// <summary>Every minute: expired seat offers pass on, seats freed by a raised capacity are offered, and editions past their retention date are anonymised.</summary>
public sealed class RegistrationWorker(RegistrationService registrations, RegistrationSeats seats, RegistrationPrivacy privacy, TimeProvider clock, ILogger<RegistrationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), clock);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Registration housekeeping failed; it will run again in a minute.");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        await seats.ProcessExpiredOffersAsync(ct);
        foreach (var editionId in await registrations.OpenEditionIdsAsync(ct))
            await seats.OfferFreeSeatsAsync(editionId, "system", ct);
        await privacy.AnonymiseExpiredEditionsAsync(ct);
    }
}
