using System.Diagnostics;
using MixLab.Laws;
using Spectre.Console;

namespace MixLab.Cli;

/// <summary>
/// Shows progress of long work: a Spectre progress bar on an interactive ANSI terminal, plain lines on stderr
/// every few seconds otherwise (CI, Slurm logs), because Spectre's bar prints nothing without a terminal
/// (environment.md).
/// </summary>
internal static class ProgressDisplay
{
    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="work"/> on a worker thread while showing its progress.</summary>
    public static async Task<T> RunAsync<T>(string title, Func<IProgress<FitProgress>, T> work, CancellationToken cancel)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        if (console.Profile.Capabilities.Interactive && console.Profile.Capabilities.Ansi && !Console.IsErrorRedirected)
        {
            T result = default!;
            await console.Progress()
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .StartAsync(async ctx =>
                {
                    var tasks = new Dictionary<string, ProgressTask>();
                    var progress = new Progress<FitProgress>(p =>
                    {
                        string key = $"{p.Group}: {p.Phase}";
                        if (!tasks.TryGetValue(key, out var task)) tasks[key] = task = ctx.AddTask(Markup.Escape(key), maxValue: p.Total);
                        task.Value = p.Done;
                    });
                    result = await Task.Run(() => work(progress), cancel);
                });
            return result;
        }

        var clock = Stopwatch.StartNew();
        var last = TimeSpan.Zero;
        var plain = new SyncProgress(p =>
        {
            if (clock.Elapsed - last < PlainInterval && p.Done != p.Total) return;
            last = clock.Elapsed;
            Console.Error.WriteLine($"{title}: {p.Group} {p.Phase} {p.Done}/{p.Total} ({clock.Elapsed.TotalSeconds:F1} s)");
        });
        return await Task.Run(() => work(plain), cancel);
    }

    /// <summary>Reports on the calling thread (no synchronisation context needed for plain lines).</summary>
    private sealed class SyncProgress(Action<FitProgress> report) : IProgress<FitProgress>
    {
        private readonly Lock _gate = new();
        public void Report(FitProgress value) { lock (_gate) report(value); }
    }
}
