using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using MixLab.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MixLab.Cli.Commands;

/// <summary>
/// <c>mixlab train</c>: trains a small GPT (dense or MoE) with TorchSharp while an online mixing policy steers the domain
/// proportions (<see cref="Trainer"/>, Aioli spec §3); writes runlog.csv, proportions.csv, summary.json and a checkpoint.
/// </summary>
public sealed class TrainCommand : AsyncCommand<TrainSettings>
{
    internal const string Description = "Train a small GPT (dense or MoE) while an online mixing policy (aioli, doremi, ...) steers the domain proportions.";

    internal static readonly string[][] Examples =
    [
        ["train", "samples/train/tiny.yaml", "--policy", "aioli", "--out", "out/tiny-aioli"],
        ["train", "samples/train/tiny.yaml", "--out", "out/tiny-aioli", "--policy", "aioli", "--resume"],
    ];

    private static readonly TimeSpan PlainInterval = TimeSpan.FromSeconds(5);

    /// <inheritdoc/>
    public override async Task<int> ExecuteAsync(CommandContext context, TrainSettings s, CancellationToken cancel)
    {
        TrainingRuntime.Initialize();
        TrainConfig config;
        try
        {
            config = TrainConfigLoader.Load(s.Config, new TrainOverrides { Policy = s.Policy, Seed = s.Seed, Steps = s.MaxSteps, Threads = s.Threads });
        }
        catch (TrainingConfigException e) { throw new UserInputException(e.Message); }
        string outDir = s.Out ?? Path.Combine("out", "train", config.Run!);
        var errorConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        bool interactive = errorConsole.Profile.Capabilities.Interactive && errorConsole.Profile.Capabilities.Ansi && !Console.IsErrorRedirected;

        TrainResult result;
        try
        {
            result = interactive ? await RunWithBar(config, outDir, s.Resume, errorConsole, cancel) : await RunPlain(config, outDir, s.Resume, cancel);
        }
        catch (TrainingConfigException e) { throw new UserInputException(e.Message); }

        if (s.Json)
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(result, new JsonSerializerOptions { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true }));
            return ExitCodes.Success;
        }
        Show(result, outDir);
        return ExitCodes.Success;
    }

    private static Task<TrainResult> RunPlain(TrainConfig config, string outDir, bool resume, CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        TimeSpan? last = null;
        var gate = new Lock();
        var progress = new SyncProgress<TrainProgress>(p =>
        {
            lock (gate)
            {
                if (last is { } l && clock.Elapsed - l < PlainInterval && p.Step != p.TotalSteps) return;
                last = clock.Elapsed;
                Console.Error.WriteLine($"train: {Line(p)} ({clock.Elapsed.TotalSeconds:F1} s)");
            }
        });
        var options = new TrainerOptions { Resume = resume, Progress = progress, Warn = w => Console.Error.WriteLine($"mixlab: warning: {w}") };
        return Task.Run(() => { using var trainer = new Trainer(config, outDir, options); return trainer.Run(cancel); }, cancel);
    }

    private static async Task<TrainResult> RunWithBar(TrainConfig config, string outDir, bool resume, IAnsiConsole console, CancellationToken cancel)
    {
        TrainResult result = null!;
        await console.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape($"train {config.Run}"), maxValue: config.Training.Steps);
                var progress = new SyncProgress<TrainProgress>(p => { task.Value = p.Step; task.Description = Markup.Escape(Line(p)); });
                var options = new TrainerOptions
                {
                    Resume = resume, Progress = progress,
                    Warn = w => console.MarkupLine($"[yellow]warning:[/] {Markup.Escape(w)}"),
                };
                result = await Task.Run(() => { using var trainer = new Trainer(config, outDir, options); return trainer.Run(cancel); }, cancel);
            });
        return result;
    }

    private static string Line(TrainProgress p)
    {
        var inv = CultureInfo.InvariantCulture;
        string val = p.ValidationLoss is double v ? $", val {v.ToString("F3", inv)}" : "";
        string mix = string.Join("/", p.Proportions.Select(x => x.ToString("F2", inv)));
        return $"step {p.Step}/{p.TotalSteps}, {p.TokensPerSecond.ToString("F0", inv)} tok/s, loss {p.TrainLoss.ToString("F3", inv)}{val}, mix {mix}";
    }

    private static void Show(TrainResult r, string outDir)
    {
        var inv = CultureInfo.InvariantCulture;
        AnsiConsole.MarkupLine(Markup.Escape($"{r.Run}: policy {r.Policy}, {r.Steps} steps, {r.Tokens.ToString("N0", inv)} tokens, {r.Parameters.ToString("N0", inv)} parameters ({r.ActiveParameters.ToString("N0", inv)} active), {r.Seconds.ToString("F1", inv)} s, {r.TokensPerSecond.ToString("F0", inv)} tokens/s")
            + (r.ResumedFromStep > 0 ? $" (resumed at step {r.ResumedFromStep})" : ""));
        var t = new Table().Border(TableBorder.Rounded).AddColumn("domain").AddColumn("trained tokens").AddColumn("final proportion")
            .AddColumn("val loss").AddColumn("val ppl").AddColumn("test loss").AddColumn("test ppl");
        foreach (var d in r.Domains)
            t.AddRow(Markup.Escape(d.Domain), d.TrainedTokens.ToString("N0", inv), d.FinalProportion.ToString("F3", inv), d.ValidationLoss.ToString("F4", inv),
                Math.Exp(d.ValidationLoss).ToString("F2", inv), d.TestLoss is double tl ? tl.ToString("F4", inv) : "-", d.TestLoss is double tp ? Math.Exp(tp).ToString("F2", inv) : "-");
        if (r.Domains.Count > 0)
        {
            double meanVal = r.Domains.Average(d => d.ValidationLoss);
            var tests = r.Domains.Where(d => d.TestLoss is not null).Select(d => d.TestLoss!.Value).ToArray();
            t.AddRow("[bold]mean[/]", r.Domains.Sum(d => d.TrainedTokens).ToString("N0", inv), "", meanVal.ToString("F4", inv), Math.Exp(meanVal).ToString("F2", inv),
                tests.Length == r.Domains.Count ? tests.Average().ToString("F4", inv) : "-", tests.Length == r.Domains.Count ? Math.Exp(tests.Average()).ToString("F2", inv) : "-");
        }
        AnsiConsole.Write(t);
        var c = r.Cost;
        AnsiConsole.MarkupLine(Markup.Escape($"policy cost: {c.PerturbationSteps} perturbation steps, {c.ValidationPasses} validation passes, {c.Updates} updates ({c.SkippedUpdates} skipped), extra runs {c.ExtraRuns}; {r.SkippedSteps} steps skipped for non-finite losses; {r.Warnings.Count} warnings"));
        AnsiConsole.MarkupLine(Markup.Escape($"wrote {r.RunLogPath}, {r.ProportionsPath}, {Path.Combine(outDir, "summary.json")}, {r.CheckpointPath}"));
    }

    /// <summary>Reports on the calling thread (the trainer's thread), no synchronisation context needed.</summary>
    private sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
