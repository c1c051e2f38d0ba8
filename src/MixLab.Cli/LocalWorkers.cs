using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using MixLab.Curation.Pipeline;

namespace MixLab.Cli;

/// <summary>
/// Runs the ranks of a curation run as local child processes, at most K at a time (datatrove's local executor with
/// <c>workers</c>). Each child is this same program with <c>--rank</c> and <c>--stage</c>; a two-stage pipeline runs
/// all stage-one ranks before any stage-two rank. Progress comes from the children's progress files.
/// </summary>
internal sealed class LocalWorkers(IReadOnlyList<string> baseArguments, int tasks, int workers, OutputLayout layout)
{
    public void Run(bool twoStages, CancellationToken cancel)
    {
        if (twoStages)
        {
            RunAll("one", cancel);
            ClearProgress();
            RunAll("two", cancel);
        }
        else RunAll(null, cancel);
    }

    /// <summary>Sum of the children's latest progress files.</summary>
    public CurationProgress? Snapshot()
    {
        long docs = 0, bytes = 0, total = 0;
        int done = 0, inputs = 0;
        string stage = "curate";
        for (int r = 0; r < tasks; r++)
        {
            try
            {
                var p = JsonSerializer.Deserialize<CurationProgress>(File.ReadAllText(layout.Progress(r)));
                if (p is null) continue;
                docs += p.DocumentsRead; bytes += p.BytesRead; total += p.BytesTotal; done += p.InputsDone; inputs += p.InputsTotal; stage = p.Stage;
            }
            catch (Exception e) when (e is IOException or JsonException) { }
        }
        return inputs == 0 ? null : new CurationProgress(docs, bytes, done, inputs, total, stage);
    }

    private void ClearProgress()
    {
        string dir = Path.GetDirectoryName(layout.Progress(0))!;
        if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
    }

    private void RunAll(string? stage, CancellationToken cancel)
    {
        var pending = new Queue<int>(Enumerable.Range(0, tasks));
        var running = new List<(int Rank, Process Process, Task<string> Errors)>();
        try
        {
            while (pending.Count > 0 || running.Count > 0)
            {
                while (running.Count < workers && pending.Count > 0)
                {
                    int rank = pending.Dequeue();
                    var p = Start(rank, stage);
                    running.Add((rank, p, p.StandardError.ReadToEndAsync(cancel)));
                }
                int finished = Task.WaitAny(running.Select(r => r.Process.WaitForExitAsync(cancel)).ToArray(), cancel);
                var (doneRank, process, errors) = running[finished];
                running.RemoveAt(finished);
                process.WaitForExit();
                if (process.ExitCode != 0)
                {
                    string last = errors.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
                    throw new IOException($"task {doneRank} of {tasks} failed (exit {process.ExitCode}): {last.Trim()}; re-run the same command to resume");
                }
                process.Dispose();
            }
        }
        finally
        {
            foreach (var (_, p, _) in running)
            {
                try { if (!p.HasExited) p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
                p.Dispose();
            }
        }
    }

    private Process Start(int rank, string? stage)
    {
        var info = new ProcessStartInfo(Environment.ProcessPath!) { RedirectStandardError = true, RedirectStandardOutput = false, UseShellExecute = false };
        // Under "dotnet mixlab.dll" the process is dotnet itself: pass the program's path first.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet") info.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
        foreach (var a in baseArguments) info.ArgumentList.Add(a);
        info.ArgumentList.Add("--rank");
        info.ArgumentList.Add(rank.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (stage is not null) { info.ArgumentList.Add("--stage"); info.ArgumentList.Add(stage); }
        info.Environment["MIXLAB_WORKER"] = "1";
        // A worker lives for one task and one stage: with tiered compilation its hot loops run long in unoptimised and
        // instrumented code before they are rejitted, which doubled the CPU time of 4 tasks on 2 workers (47 vs 25
        // CPU-s on the 600 MB benchmark; bench/RESULTS.md). Fully optimised JIT from the start pays within a second.
        if (Environment.GetEnvironmentVariable("DOTNET_TieredCompilation") is null) info.Environment["DOTNET_TieredCompilation"] = "0";
        return Process.Start(info) ?? throw new IOException("could not start a worker process");
    }
}
