using System.Diagnostics;
using ClaimTracker.Tests.Data;

namespace ClaimTracker.Tests.Infrastructure;

/// <summary>
/// The test assembly's entry point (the project sets <c>GenerateProgramFile</c> to false; test runners load the assembly
/// and never call it). A test that needs a second process, one it can kill, starts this same assembly in a named mode:
/// the child gets the app and the test infrastructure exactly as the tests have them, with no second project to build.
/// </summary>
public static class ChildProcess
{
    public static async Task<int> Main(string[] args)
    {
        switch (args)
        {
            case [CrashWriter.Mode, .. var rest]:
                return await CrashWriter.RunAsync(rest);
            case [NoteSaveTiming.Mode, .. var rest]:
                return await NoteSaveTiming.RunAsync(rest);
            default:
                await Console.Error.WriteLineAsync($"Usage: dotnet ClaimTracker.Tests.dll {CrashWriter.Mode}|{NoteSaveTiming.Mode} …");
                return 2;
        }
    }

    /// <summary>How to start this assembly in <paramref name="args"/>[0]'s mode, with the same dotnet host as this process.</summary>
    public static ProcessStartInfo StartInfo(params string[] args)
    {
        var assembly = typeof(ChildProcess).Assembly.Location;
        var start = new ProcessStartInfo(DotnetHost()) { UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(assembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        return start;
    }

    /// <summary>The dotnet executable: the SDK tells test processes where it is; else this process's own host; else PATH.</summary>
    public static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } hostPath && File.Exists(hostPath))
        {
            return hostPath;
        }
        var self = Environment.ProcessPath;
        return self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self : "dotnet";
    }
}
