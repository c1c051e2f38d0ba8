using System.Diagnostics;
using System.Globalization;
using MixLab.Curation;
using MixLab.Curation.Pipeline;
using Spectre.Console;
using Spectre.Console.Cli;

namespace MixLab.Cli.Commands;

/// <summary>
/// <c>mixlab curate</c>: licence-aware corpus curation (MixtureVitae, with datatrove's filters and execution model):
/// reads documents, runs the configured steps, writes kept documents, what each step dropped, rejects, stats.json and
/// manifest.json (<see cref="CurationRunner"/>).
/// </summary>
public sealed class CurateCommand : AsyncCommand<CurateSettings>
{
    internal const string Description = "Licence-aware corpus curation: licence tiers with evidence, quality and safety filters, exact dedup; resumable, split into tasks.";

    internal static readonly string[][] Examples =
    [
        ["curate", "samples/corpus/", "--preset", "mixturevitae", "--out", "out/curated"],
        ["curate", "data/shards/", "--config", "pipeline.yaml", "--tasks", "8", "--workers", "2", "--format", "parquet", "--out", "out/run1"],
    ];

    public override async Task<int> ExecuteAsync(CommandContext context, CurateSettings s, CancellationToken cancel)
    {
        bool worker = Environment.GetEnvironmentVariable("MIXLAB_WORKER") is not null;
        if (s.ReadOnly) return ReadOnlyPass.Run(s.Inputs, (int)Math.Min(int.MaxValue / 2, s.MaxDocumentMb * (1 << 20)), s.Json, cancel);

        var config = s.Config is not null ? PipelineConfigLoader.Load(s.Config) : CurationPresets.Get(s.Preset ?? "mixturevitae")!;
        if (s.Format is not null && PipelineConfig.TryParseFormat(s.Format, out var format)) config = config with { Format = format };
        if (s.NoExclusions) config = config with { WriteExclusions = false };
        var options = new CurationRunOptions(s.Inputs, s.Out!, config)
        {
            Tasks = s.Tasks,
            Rank = s.Rank,
            Stage = s.Stage switch { "one" => CurationStage.One, "two" => CurationStage.Two, _ => CurationStage.All },
            MaxDocumentBytes = (int)Math.Min(int.MaxValue / 2, s.MaxDocumentMb * (1 << 20)),
            Overwrite = s.Overwrite && !worker,
        };
        var runner = new CurationRunner(options, BuiltInSteps.Create());
        var clock = Stopwatch.StartNew();
        bool complete;
        if (s.Workers > 1 && s.Rank is null)
        {
            runner.Prepare();
            var workers = new LocalWorkers(ChildArguments(s), s.Tasks, s.Workers, runner.Layout);
            complete = await CurationProgressView.RunAsync(workers.Snapshot, () => { workers.Run(runner.HasTwoStages, cancel); return runner.FinishIfComplete(); }, cancel);
        }
        else if (worker)
        {
            complete = runner.Run(null, cancel);
        }
        else
        {
            CurationProgress? latest = null;
            complete = await CurationProgressView.RunAsync(() => latest, () => runner.Run(p => latest = p, cancel), cancel);
        }
        if (worker) return ExitCodes.Success;
        if (!complete)
        {
            Console.Error.WriteLine($"mixlab: task {s.Rank} of {s.Tasks} finished; stats.json and manifest.json are written when every task has finished");
            return ExitCodes.Success;
        }
        var stats = CurationStats.FromJson(File.ReadAllText(runner.Layout.StatsJson));
        if (s.Json) Console.Out.Write(File.ReadAllText(runner.Layout.StatsJson));
        else Show(stats, runner, clock.Elapsed);
        return ExitCodes.Success;
    }

    private static List<string> ChildArguments(CurateSettings s)
    {
        var a = new List<string> { "curate" };
        a.AddRange(s.Inputs);
        a.AddRange(["--out", s.Out!, "--tasks", s.Tasks.ToString(CultureInfo.InvariantCulture)]);
        if (s.Config is not null) a.AddRange(["--config", s.Config]);
        if (s.Preset is not null) a.AddRange(["--preset", s.Preset]);
        if (s.Format is not null) a.AddRange(["--format", s.Format]);
        if (s.NoExclusions) a.Add("--no-exclusions");
        a.AddRange(["--max-document-mb", s.MaxDocumentMb.ToString("R", CultureInfo.InvariantCulture)]);
        return a;
    }

    private static void Show(CurationStats stats, CurationRunner runner, TimeSpan elapsed)
    {
        var inv = CultureInfo.InvariantCulture;
        double secs = Math.Max(elapsed.TotalSeconds, 1e-3);
        double mb = runner.Inputs.Sum(i => i.Bytes) / 1e6;
        AnsiConsole.MarkupLine($"{stats.DocumentsRead.ToString("N0", inv)} documents read from {runner.Inputs.Count} input(s), {mb.ToString("F1", inv)} MB: kept [green]{stats.Kept.ToString("N0", inv)}[/], dropped {stats.Dropped.ToString("N0", inv)}, rejected records {stats.Rejected.ToString("N0", inv)} ({secs.ToString("F1", inv)} s, {(stats.DocumentsRead / secs).ToString("N0", inv)} docs/s, {(mb / secs).ToString("F1", inv)} MB/s)");
        var t = new Table().Border(TableBorder.Rounded).AddColumn("step").AddColumn(new TableColumn("in").RightAligned()).AddColumn(new TableColumn("dropped").RightAligned()).AddColumn("top reasons");
        foreach (var step in stats.Steps)
        {
            string reasons = string.Join(", ", step.Dropped.OrderByDescending(d => d.Value).Take(3).Select(d => $"{d.Key} {d.Value.ToString("N0", inv)}"));
            t.AddRow(Markup.Escape(step.Name), step.In.ToString("N0", inv), step.DroppedTotal.ToString("N0", inv), Markup.Escape(reasons));
        }
        AnsiConsole.Write(t);
        if (stats.KeptByTier.Count > 0)
            AnsiConsole.MarkupLine("kept by licence tier: " + Markup.Escape(string.Join(", ", stats.KeptByTier.Select(k => $"{k.Key} {k.Value.ToString("N0", inv)}"))));
        if (stats.Rejected > 0)
            AnsiConsole.MarkupLine($"[yellow]{stats.Rejected.ToString("N0", inv)} records could not be read[/]: see {Markup.Escape(Path.Combine(runner.Layout.Root, "rejects"))}");
        AnsiConsole.MarkupLine($"wrote {Markup.Escape(runner.Layout.Output)}, {Markup.Escape(runner.Layout.StatsJson)}, {Markup.Escape(runner.Layout.Manifest)}");
    }
}
