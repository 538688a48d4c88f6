using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace ClaimTracker.Benchmarks;

/// <summary>
/// The <c>--startup &lt;published ClaimTracker.Web.dll&gt; &lt;database&gt; [runs]</c> mode: starts the published app in
/// Production on the database, as an operator would, and times it from the process start to the line that says it
/// listens, and to the first page served (<c>/claims</c>, status 200). Each run stops the app before the next.
/// </summary>
public static class StartupTiming
{
    public static async Task<int> RunAsync(string dll, string databasePath, int runs, TextWriter output)
    {
        if (!File.Exists(dll) || !File.Exists(databasePath))
        {
            await output.WriteLineAsync($"Need the published app ({dll}) and a database ({databasePath}).");
            return 2;
        }
        await output.WriteLineAsync($"Start-up of {dll} on {databasePath} ({new FileInfo(databasePath).Length / 1024 / 1024:N0} MiB), Production; load average {ScaleBenchmark.LoadAverage()}");
        await output.WriteLineAsync("| run | listening after | first page (/claims) after |");
        await output.WriteLineAsync("|---:|---:|---:|");
        var listening = new List<double>();
        var firstPage = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
            start.ArgumentList.Add(dll);
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add($"http://127.0.0.1:{port}");
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            start.Environment["ConnectionStrings__ClaimTracker"] = $"Data Source={databasePath}";
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var ready = new TaskCompletionSource<double>(TaskCreationOptions.RunContinuationsAsynchronously);
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data?.StartsWith("ClaimTracker is running", StringComparison.Ordinal) == true)
                {
                    ready.TrySetResult(clock.Elapsed.TotalMilliseconds);
                }
            };
            var errors = new List<string>();
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (errors) { errors.Add(e.Data); } } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                var done = await Task.WhenAny(ready.Task, process.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(120)));
                if (done != ready.Task)
                {
                    await output.WriteLineAsync($"run {run}: the app did not say it was running; standard error:\n{string.Join('\n', errors.TakeLast(20))}");
                    return 1;
                }
                listening.Add(await ready.Task);
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
                using var response = await http.GetAsync($"http://127.0.0.1:{port}/claims");
                firstPage.Add(clock.Elapsed.TotalMilliseconds);
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    await output.WriteLineAsync($"run {run}: /claims answered {(int)response.StatusCode}");
                    return 1;
                }
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"| {run} | {listening[^1]:N0} ms | {firstPage[^1]:N0} ms |"));
            }
            finally
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
        }
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"| median | {Median(listening):N0} ms | {Median(firstPage):N0} ms |"));
        await output.WriteLineAsync($"Load average at the end: {ScaleBenchmark.LoadAverage()}");
        return 0;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
