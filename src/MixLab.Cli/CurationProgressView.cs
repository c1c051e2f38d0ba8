using System.Diagnostics;
using System.Globalization;
using MixLab.Curation.Pipeline;
using Spectre.Console;

namespace MixLab.Cli;

/// <summary>
/// Progress of a curation run: a Spectre bar over input bytes with documents/s, MB/s and ETA on an interactive
/// terminal; a plain line every five seconds on stderr otherwise (CI, Slurm logs; environment.md). It polls a snapshot
/// function, so it serves a run in this process and local worker processes alike.
/// </summary>
internal static class CurationProgressView
{
    public static async Task<T> RunAsync<T>(Func<CurationProgress?> snapshot, Func<T> work, CancellationToken cancel)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        var clock = Stopwatch.StartNew();
        var job = Task.Run(work, cancel);
        if (console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi && !Console.IsErrorRedirected)
        {
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var task = ctx.AddTask("curate", maxValue: 1);
                    while (!job.IsCompleted)
                    {
                        await Task.WhenAny(job, Task.Delay(500, CancellationToken.None));
                        if (snapshot() is { } p)
                        {
                            task.MaxValue = Math.Max(1, p.BytesTotal);
                            task.Value = Math.Min(p.BytesRead, task.MaxValue);
                            task.Description = Markup.Escape(Line(p, clock.Elapsed, withEta: false));
                        }
                    }
                    task.Value = task.MaxValue;
                });
            return await job;
        }
        while (!job.IsCompleted)
        {
            await Task.WhenAny(job, Task.Delay(TimeSpan.FromSeconds(5), CancellationToken.None));
            if (!job.IsCompleted && snapshot() is { } p) Console.Error.WriteLine("curate: " + Line(p, clock.Elapsed, withEta: true));
        }
        return await job;
    }

    public static string Line(CurationProgress p, TimeSpan elapsed, bool withEta)
    {
        var inv = CultureInfo.InvariantCulture;
        double s = Math.Max(elapsed.TotalSeconds, 1e-3);
        double mb = p.BytesRead / 1e6, total = p.BytesTotal / 1e6;
        string line = $"{p.Stage}: {p.DocumentsRead.ToString("N0", inv)} docs, {mb.ToString("F1", inv)}/{total.ToString("F1", inv)} MB, {(p.DocumentsRead / s).ToString("N0", inv)} docs/s, {(mb / s).ToString("F1", inv)} MB/s";
        if (withEta && p.BytesRead > 0 && p.BytesTotal > p.BytesRead)
            line += $", ETA {TimeSpan.FromSeconds(s * (p.BytesTotal - p.BytesRead) / p.BytesRead):hh\\:mm\\:ss}";
        return line;
    }
}
