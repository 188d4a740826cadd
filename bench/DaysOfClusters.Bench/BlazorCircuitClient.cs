using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DaysOfClusters.Bench;

/// <summary>
/// One interactive Blazor Server page opened the way blazor.web.js (.NET 10) opens it, without a browser: the prerendered page
/// is fetched, a SignalR connection to /_blazor (WebSockets, "blazorpack" protocol) starts a circuit (`StartCircuit` with no
/// initial components), answers the server's interop calls, adds the page's server component markers (`UpdateRootComponents`)
/// and acknowledges every render batch (`OnRenderCompleted`), as the browser must or the server stops rendering.
/// </summary>
public sealed partial class BlazorCircuitClient : IAsyncDisposable
{
    private readonly HubConnection _hub;
    private readonly TaskCompletionSource _rendererAttached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _batchLock = new();
    private TaskCompletionSource<long> _nextBatch = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _renderBatches;
    private int _jsCalls;

    /// <summary>JSON results for the interop calls MudBlazor's layout makes that expect a value type (null would not bind).</summary>
    private static readonly Dictionary<string, string> BrowserAnswers = new(StringComparer.Ordinal)
    {
        ["mudpopoverHelper.countProviders"] = "1",
        ["window.hasOwnProperty"] = "true",
        ["mudResizeListener.getBrowserWindowSize"] = "{\"height\":800,\"width\":1280}",
    };

    private readonly byte[]? _expected;
    private int _sawExpected;

    private BlazorCircuitClient(HubConnection hub, string? expectedText)
    {
        _hub = hub;
        _expected = expectedText is null ? null : System.Text.Encoding.UTF8.GetBytes(expectedText);
    }

    /// <summary>Whether a render batch carried the expected text (proof that the circuit rendered the page, not a login redirect).</summary>
    public bool RenderedExpected => Volatile.Read(ref _sawExpected) == 1;

    public string? CircuitSecret { get; private set; }
    public int RenderBatches => Volatile.Read(ref _renderBatches);
    public int JsCalls => Volatile.Read(ref _jsCalls);
    /// <summary>What the server reported through `JS.Error` (a circuit that failed), if anything.</summary>
    public string? Error { get; private set; }
    public ConcurrentDictionary<string, int> JsIdentifiers { get; } = new();

    /// <summary>GETs <paramref name="path"/> with the client's cookies and makes its interactive server components live in a new circuit; returns once the first render batch arrived.</summary>
    public static async Task<BlazorCircuitClient> OpenAsync(HttpClient http, CookieContainer cookies, string path, TimeSpan timeout, string? expectedText = null, ILoggerFactory? logging = null)
    {
        using var page = await http.GetAsync(new Uri(path, UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        if (page.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"GET {path} answered {(int)page.StatusCode}.");
        var markers = ServerMarkers(html);
        if (markers.Count == 0) throw new InvalidOperationException($"{path} has no interactive server component marker (<!--Blazor:{{\"type\":\"server\",…}}-->): not an interactive page, or not logged in.");
        var state = StatePattern().Match(html) is { Success: true } m ? m.Groups[1].Value : "";

        var baseUri = http.BaseAddress!;
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(baseUri, "_blazor"), options =>
            {
                options.Cookies = cookies;
                options.Transports = HttpTransportType.WebSockets;
            });
        builder.Services.AddSingleton<IHubProtocol, BlazorPackHubProtocol>();
        if (logging is not null) builder.Services.AddSingleton(logging);
        var client = new BlazorCircuitClient(builder.Build(), expectedText);
        client.RegisterHandlers();
        try
        {
            await client._hub.StartAsync();
            var firstBatch = client.NextBatch();
            // Blazor Web Apps start the circuit empty and add the page's components afterwards, as blazor.web.js does.
            client.CircuitSecret = await client._hub.InvokeAsync<string?>("StartCircuit", baseUri.ToString(), new Uri(baseUri, path).ToString(), "[]", state)
                .WaitAsync(timeout);
            if (string.IsNullOrEmpty(client.CircuitSecret)) throw new InvalidOperationException($"StartCircuit refused the circuit ({client.Error}).");
            // The browser adds root components only once the server has attached its renderer (an interop call to the page).
            await client._rendererAttached.Task.WaitAsync(timeout);
            var operations = new JsonObject
            {
                ["batchId"] = 1,
                ["operations"] = new JsonArray(markers.Select((marker, i) => (JsonNode)new JsonObject
                {
                    ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = marker,
                }).ToArray()),
            };
            await client._hub.SendAsync("UpdateRootComponents", operations.ToJsonString(), state);
            await firstBatch.WaitAsync(timeout);
            if (client.Error is not null) throw new InvalidOperationException($"The circuit failed: {client.Error}");
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>A UI round trip on the open circuit: the browser's in-app navigation message, until the server's next render batch arrives.</summary>
    public async Task<double> NavigateAsync(string absoluteUri, TimeSpan timeout)
    {
        var batch = NextBatch();
        var start = Stopwatch.GetTimestamp();
        await _hub.SendAsync("OnLocationChanged", absoluteUri, null, false);
        await batch.WaitAsync(timeout);
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    public bool IsConnected => _hub.State == HubConnectionState.Connected;

    private Task<long> NextBatch()
    {
        lock (_batchLock)
        {
            if (_nextBatch.Task.IsCompleted) _nextBatch = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
            return _nextBatch.Task;
        }
    }

    private void RegisterHandlers()
    {
        _hub.On<long, byte[]>("JS.RenderBatch", async (batchId, batch) =>
        {
            Interlocked.Increment(ref _renderBatches);
            // The batch's string table holds the page's texts and attribute values as UTF-8.
            if (_expected is not null && batch.AsSpan().IndexOf(_expected) >= 0) Volatile.Write(ref _sawExpected, 1);
            await _hub.SendAsync("OnRenderCompleted", batchId, null);
            lock (_batchLock) _nextBatch.TrySetResult(batchId);
        });
        // (asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType), as blazor.web.js receives it.
        _hub.On<long, string, string, int, long, int>("JS.BeginInvokeJS", async (asyncHandle, identifier, _, _, _, _) =>
        {
            Interlocked.Increment(ref _jsCalls);
            JsIdentifiers.AddOrUpdate(identifier, 1, (_, n) => n + 1);
            // No DOM here: every call succeeds, with what a desktop browser answers where the caller expects a value, else with
            // no value (what a void JS function returns).
            if (asyncHandle != 0)
            {
                var result = BrowserAnswers.GetValueOrDefault(identifier, "null");
                await _hub.SendAsync("EndInvokeJSFromDotNet", asyncHandle, true, $"[{asyncHandle},true,{result}]");
            }
            if (identifier.EndsWith("attachWebRendererInterop", StringComparison.Ordinal)) _rendererAttached.TrySetResult();
        });
        _hub.On<string>("JS.Error", error =>
        {
            Error = error;
            _rendererAttached.TrySetException(new InvalidOperationException($"The server reported: {error}"));
            lock (_batchLock) _nextBatch.TrySetException(new InvalidOperationException($"The server reported: {error}"));
        });
        // Messages a page may get that need no answer from a client without a DOM.
        _hub.On<int, string>("JS.AttachComponent", (_, _) => { });
        _hub.On<long>("JS.EndUpdateRootComponents", _ => { });
        _hub.On<string, bool, string>("JS.EndInvokeDotNet", (_, _, _) => { });
    }

    /// <summary>The page's server component start markers, as blazor.web.js sends them back (its marker JSON plus a uniqueId).</summary>
    internal static List<JsonNode> ServerMarkers(string html)
    {
        var markers = new List<(int Sequence, JsonNode Marker)>();
        var uniqueId = 0;
        foreach (Match match in MarkerPattern().Matches(html))
        {
            if (JsonNode.Parse(match.Groups[1].Value) is not JsonObject marker) continue;
            if (marker["type"]?.GetValue<string>() != "server") continue; // end markers carry only the prerenderId
            marker["uniqueId"] = uniqueId++;
            markers.Add((marker["sequence"]?.GetValue<int>() ?? 0, marker));
        }
        return markers.OrderBy(m => m.Sequence).Select(m => m.Marker).ToList();
    }

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:([a-zA-Z0-9+/=]+)-->")]
    private static partial Regex StatePattern();
}

/// <summary>Blazor's circuit hub accepts only the protocol named "blazorpack": MessagePack, as the browser's client sends it under that name.</summary>
public sealed class BlazorPackHubProtocol : IHubProtocol
{
    private readonly MessagePackHubProtocol _messagePack = new();

    public string Name => "blazorpack";
    public int Version => _messagePack.Version;
    public TransferFormat TransferFormat => _messagePack.TransferFormat;
    public bool IsVersionSupported(int version) => _messagePack.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
        _messagePack.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _messagePack.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _messagePack.GetMessageBytes(message);
}
