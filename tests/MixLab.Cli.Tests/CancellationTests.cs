using System.Diagnostics;

namespace MixLab.Cli.Tests;

/// <summary>Ctrl+C (SIGINT) stops a long fit cleanly: exit code 130, one line on stderr, no partial outputs.</summary>
public class CancellationTests
{
    [Fact]
    public void Sigint_during_a_long_bootstrap_exits_130_and_writes_nothing()
    {
        using var tmp = new TempDir();
        var outDir = tmp.Path;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = MixlabRunner.RepoRoot,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var a in new[] { MixlabRunner.MixlabDll, "fit", MixlabRunner.ChinchillaRuns, "--law", "chinchilla", "--bootstrap", "5000000", "--no-plots", "--out", outDir })
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stderr = new System.Text.StringBuilder();
        var started = new ManualResetEventSlim();
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stderr) stderr.AppendLine(e.Data);
            if (e.Data.Contains("starts")) started.Set();   // the multi-start phase is done: the bootstrap is running
        };
        process.BeginErrorReadLine();
        process.StandardOutput.ReadToEndAsync();
        Assert.True(started.Wait(TimeSpan.FromSeconds(60)), "the fit did not reach its bootstrap");
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString()])) kill!.WaitForExit();
        Assert.True(process.WaitForExit(30_000), "the process did not stop within 30 s of SIGINT");
        process.WaitForExit();
        Assert.Equal(130, process.ExitCode);
        string err;
        lock (stderr) err = stderr.ToString();
        Assert.Contains("mixlab: cancelled", err);
        Assert.DoesNotContain("   at ", err);
        Assert.False(File.Exists(tmp["fit.json"]), "a cancelled fit must not leave a fit.json");
    }
}
