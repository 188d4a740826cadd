using System.Collections.Concurrent;
using System.IO.Compression;
using PdfSharp.Pdf.Advanced;

namespace DaysOfClusters.Web.Features.Badges;

/// <summary>
/// The CPU work of one render that need not happen on the drawing thread: QR encoding (claimed in badge order, so the
/// page being drawn gets its codes first) and compressing finished page content streams. Helper threads take QRs
/// first, then compression; the drawing thread encodes the next unclaimed QR itself instead of waiting for one,
/// so on a 2-core box both cores stay busy until the last page instead of one spinning while the other encodes.
/// </summary>
internal sealed class BadgeRenderWork : IDisposable
{
    private readonly IReadOnlyList<BadgeData> _badges;
    private readonly TaskCompletionSource<QrMatrix>[] _qrs;
    private readonly ConcurrentQueue<PageContent> _pending = new();
    private readonly List<PageContent> _pages = [];
    private readonly SemaphoreSlim _wake = new(0);
    private readonly Task[] _helpers;
    private int _nextQr = -1;
    private volatile bool _drawingDone;
    private volatile bool _cancelled;

    public BadgeRenderWork(IReadOnlyList<BadgeData> badges, int helpers)
    {
        _badges = badges;
        _qrs = new TaskCompletionSource<QrMatrix>[badges.Count];
        for (var i = 0; i < _qrs.Length; i++) _qrs[i] = new TaskCompletionSource<QrMatrix>(TaskCreationOptions.RunContinuationsAsynchronously);
        // Dedicated threads: a busy thread pool (a web server's) must not delay the codes the drawing thread needs.
        _helpers = new Task[Math.Max(0, helpers)];
        for (var i = 0; i < _helpers.Length; i++) _helpers[i] = Task.Factory.StartNew(Help, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The QR of badge <paramref name="index"/>; encodes unclaimed ones on this thread while it is not ready.</summary>
    public QrMatrix Qr(int index)
    {
        var task = _qrs[index].Task;
        while (!task.IsCompleted && TryEncodeNext())
        {
        }
        return task.GetAwaiter().GetResult();
    }

    /// <summary>Queues a page's finished content for compression; <see cref="Finish"/> puts the result in place.</summary>
    public void Compress(PdfContent target, byte[] content)
    {
        var page = new PageContent(target, content);
        _pages.Add(page);
        _pending.Enqueue(page);
        _wake.Release();
    }

    /// <summary>Called after the last page: helps compress what is left, waits for the helpers, then swaps every page's
    /// stream for its compressed bytes (on this thread: PDFsharp objects are not thread-safe).</summary>
    public void Finish()
    {
        _drawingDone = true;
        _wake.Release(_helpers.Length);
        while (_pending.TryDequeue(out var page)) page.Run();
        Task.WaitAll(_helpers);
        foreach (var page in _pages) page.Apply();
    }

    /// <summary>Stops the helpers after a drawing failure; a document nobody will read needs no more codes.</summary>
    public void Dispose()
    {
        _cancelled = true;
        _drawingDone = true;
        _wake.Release(_helpers.Length);
        try
        {
            Task.WaitAll(_helpers);
        }
        catch (AggregateException)
        {
            // Helpers report their errors through the QRs and pages they were working on.
        }
        _wake.Dispose();
    }

    private bool TryEncodeNext()
    {
        if (_cancelled) return false;
        var i = Interlocked.Increment(ref _nextQr);
        if (i >= _qrs.Length) return false;
        try
        {
            _qrs[i].SetResult(QrMatrix.Create(_badges[i].QrText));
        }
        catch (Exception e)
        {
            _qrs[i].SetException(e);
        }
        return true;
    }

    private void Help()
    {
        while (!_cancelled)
        {
            if (TryEncodeNext()) continue;
            if (_pending.TryDequeue(out var page))
            {
                page.Run();
                continue;
            }
            if (_drawingDone) return;
            _wake.Wait();
        }
    }

    private sealed class PageContent(PdfContent target, byte[] content)
    {
        private byte[]? _compressed;
        private Exception? _error;

        public void Run()
        {
            try
            {
                // Optimal, like PDFsharp's default, so the file stays the size it was; the cost is now off the drawing thread.
                using var buffer = new MemoryStream(content.Length / 3 + 64);
                using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
                {
                    zlib.Write(content);
                }
                _compressed = buffer.ToArray();
            }
            catch (Exception e)
            {
                _error = e;
            }
        }

        public void Apply()
        {
            if (_error is not null) throw new InvalidOperationException("Compressing a badge page failed.", _error);
            // Already filtered: PDFsharp's save then writes the bytes as they are instead of compressing them again.
            target.Stream!.Value = _compressed ?? throw new InvalidOperationException("A badge page was never compressed.");
            target.Elements.SetName("/Filter", "/FlateDecode");
        }
    }
}
