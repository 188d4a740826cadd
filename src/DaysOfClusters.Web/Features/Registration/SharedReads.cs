namespace DaysOfClusters.Web.Features.Registration;

/// <summary>
/// Group read, the counterpart of the writer's group commit: callers that arrive together for the same key share one
/// read. A caller joins the queued read of its key if that read has not started yet, else queues one that starts when
/// the running read ends. So every caller gets data read after it arrived, exactly as if it had read alone a moment
/// later, while fifty concurrent registrations of one edition cost a handful of reads instead of fifty.
/// </summary>
internal sealed class SharedReads<TKey, TValue> where TKey : notnull
{
    /// <summary>A key whose read runs; present in the map exactly while it does.</summary>
    private sealed class Key
    {
        public TaskCompletionSource<TValue>? Queued;
    }

    private readonly Dictionary<TKey, Key> _keys = [];

    private int _readsStarted;

    /// <summary>Keys with a read running or queued (for tests).</summary>
    internal int KeysHeld
    {
        get
        {
            lock (_keys) return _keys.Count;
        }
    }

    /// <summary>Reads started so far (for tests).</summary>
    internal int ReadsStarted => Volatile.Read(ref _readsStarted);

    /// <summary>The value read after this call (by <paramref name="read"/> when this call starts the read); the caller's token ends only its own wait, never the shared read.</summary>
    public Task<TValue> ReadAsync(TKey key, Func<TKey, Task<TValue>> read, CancellationToken ct = default)
    {
        TaskCompletionSource<TValue> completion;
        lock (_keys)
        {
            if (_keys.TryGetValue(key, out var running))
            {
                running.Queued ??= new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
                return running.Queued.Task.WaitAsync(ct);
            }
            var state = _keys[key] = new Key();
            completion = new TaskCompletionSource<TValue>(TaskCreationOptions.RunContinuationsAsynchronously);
            // Shared by everyone who joins: it must not carry this caller's context along.
            using (ExecutionContext.SuppressFlow())
                _ = Task.Run(() => PumpAsync(key, read, state, completion), CancellationToken.None);
        }
        return completion.Task.WaitAsync(ct);
    }

    /// <summary>Runs the key's reads one after another while callers queue for them.</summary>
    private async Task PumpAsync(TKey key, Func<TKey, Task<TValue>> read, Key state, TaskCompletionSource<TValue> completion)
    {
        while (true)
        {
            Interlocked.Increment(ref _readsStarted);
            try
            {
                completion.TrySetResult(await read(key));
            }
            catch (Exception e)
            {
                completion.TrySetException(e);
            }
            lock (_keys)
            {
                if (state.Queued is not { } next)
                {
                    // Forgotten when idle: edition ids come from requests, so keeping every key would grow without bound.
                    _keys.Remove(key);
                    return;
                }
                state.Queued = null;
                completion = next;
            }
        }
    }
}
