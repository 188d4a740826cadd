// The check-in dashboard's hub connection: scans recorded on other app instances reach this page's circuit
// (why the browser is the hub client: Features/CheckIn/CheckInLiveUpdates.cs). It never gives up: after a drop it
// reconnects with growing pauses, re-joins the edition's group and asks the circuit to catch up once.
let loading;

function loadSignalR() {
  if (window.signalR) return Promise.resolve();
  loading ??= new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = "lib/signalr/signalr.min.js";
    script.onload = resolve;
    script.onerror = () => { loading = undefined; reject(new Error("signalr.min.js did not load")); };
    document.head.appendChild(script);
  });
  return loading;
}

const delay = attempt => Math.min(30000, 1000 * 2 ** Math.min(attempt, 5));

export function watch(circuit, hubUrl, editionId) {
  let stopped = false;
  let connection;
  let attempt = 0;
  const tell = (method, ...args) => circuit.invokeMethodAsync(method, ...args).catch(() => { /* circuit gone: the page is closing */ });

  async function start() {
    if (stopped) return;
    try {
      await loadSignalR();
      if (!connection) {
        connection = new window.signalR.HubConnectionBuilder()
          .withUrl(hubUrl)
          .withAutomaticReconnect({ nextRetryDelayInMilliseconds: c => delay(c.previousRetryCount) })
          .configureLogging(window.signalR.LogLevel.Warning)
          .build();
        connection.on("ScanRecorded", (edition, origin) => tell("OnRemoteScan", edition, origin));
        connection.onreconnecting(() => tell("OnLiveState", false));
        connection.onreconnected(async () => {
          try { await connection.invoke("Watch", editionId); } catch { /* the next drop retries */ }
          tell("OnLiveState", true, true);
        });
        // Automatic reconnects gave up (or the first start failed later): start again from scratch.
        connection.onclose(() => { if (!stopped) { tell("OnLiveState", false); setTimeout(start, delay(attempt++)); } });
      }
      await connection.start();
      await connection.invoke("Watch", editionId);
      attempt = 0;
      tell("OnLiveState", true, false);
    } catch {
      tell("OnLiveState", false);
      if (stopped) return;
      // Connected but not in the group (Watch failed): drop it, onclose starts again.
      if (connection && connection.state !== "Disconnected") connection.stop();
      else setTimeout(start, delay(attempt++));
    }
  }

  start();
  return {
    stop() {
      stopped = true;
      return connection ? connection.stop() : Promise.resolve();
    },
  };
}
