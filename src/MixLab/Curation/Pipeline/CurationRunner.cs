using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using MixLab.Curation.Dedup;
using MixLab.Documents;

namespace MixLab.Curation.Pipeline;

/// <summary>
/// Executes a curation run (datatrove's local executor model, DESIGN.md "Scale out"): inputs are split over N tasks by
/// position, each input is processed into its own output, exclusion, rejects and stats files (written temporary-then-
/// rename) and marked complete, so a re-run repeats only unfinished inputs, with any task count. A global exact-dedup
/// step splits the pipeline into two stages with a barrier between them when tasks run as ranks, and runs in one pass
/// when one process runs every input (CurationRunner.OnePass.cs). When the last input completes, per-input statistics
/// are merged into stats.json and manifest.json records inputs, configuration, versions and outputs.
/// </summary>
public sealed partial class CurationRunner
{
    public const string DedupStepName = "exact_dedup";

    private readonly CurationRunOptions _options;
    private readonly StepRegistry _registry;
    private readonly OutputLayout _layout;
    private readonly IReadOnlyList<StepSpec> _stageOneSteps;
    private readonly IReadOnlyList<StepSpec> _stageTwoSteps;
    private readonly bool _twoStages;
    private readonly ExactDedupOptions _dedupOptions = new();

    public CurationRunner(CurationRunOptions options, StepRegistry registry)
    {
        if (options.Tasks < 1) throw new ArgumentException("--tasks must be at least 1");
        if (options.Rank is int r && (r < 0 || r >= options.Tasks)) throw new ArgumentException($"--rank must be in [0, {options.Tasks - 1}]");
        _options = options;
        _registry = registry;
        _layout = new OutputLayout(options.OutputDirectory);
        var steps = options.Config.Steps;
        int dedupAt = -1;
        for (int i = 0; i < steps.Count; i++)
        {
            if (steps[i].Name != DedupStepName) continue;
            if (dedupAt >= 0) throw new CurationConfigException($"{steps[i].Where}: step '{DedupStepName}' appears twice");
            if (steps[i].Options.ContainsKey("only_if") || steps[i].Options.ContainsKey("skip_if"))
                throw new CurationConfigException($"{steps[i].Where}: step '{DedupStepName}': only_if/skip_if are not supported (dedup is global over all documents that reach it)");
            dedupAt = i;
        }
        _twoStages = dedupAt >= 0;
        _stageOneSteps = _twoStages ? steps.Take(dedupAt).ToList() : steps;
        _stageTwoSteps = _twoStages ? steps.Skip(dedupAt + 1).ToList() : [];
        // Validate the whole configuration before touching any file.
        foreach (var s in steps) if (s.Name != DedupStepName) _registry.Build(s);
        if (_twoStages) _dedupOptions = StepRegistry.BindOptions<ExactDedupOptions>(steps[dedupAt]);
        Inputs = CurationIo.ExpandInputs(options.Inputs)
            .Select((input, i) => new CurationInput(i, input, InputSize(input.Path))).ToList();
        if (Inputs.Count == 0) throw new DocumentInputException("no input files found in " + string.Join(", ", options.Inputs));
    }

    public IReadOnlyList<CurationInput> Inputs { get; }

    public OutputLayout Layout => _layout;

    public bool HasTwoStages => _twoStages;

    /// <summary>Runs this process's share (one rank, or all ranks in order); returns true when the whole run is complete.</summary>
    public bool Run(Action<CurationProgress>? progress = null, CancellationToken cancel = default)
    {
        Prepare();
        var ranks = _options.Rank is int r ? [r] : Enumerable.Range(0, _options.Tasks).ToArray();
        foreach (var rank in ranks)
        {
            AtomicFile.DeleteStaleTemps(_layout.Progress(rank));
            AtomicFile.DeleteStaleTemps(_layout.TaskCompletion(rank, _options.Tasks));
        }
        var stage = _options.Stage;
        if (_twoStages && stage == CurationStage.All && _options.Rank is null && !HalfDoneTwoStageInputs())
            RunOnePass(progress, cancel);
        else if (!_twoStages || stage is CurationStage.All or CurationStage.One)
            foreach (var rank in ranks) RunStage(rank, progress, cancel);
        if (_twoStages && stage is CurationStage.All or CurationStage.Two && !_onePassDone)
        {
            if (stage == CurationStage.All && _options.Rank is not null) WaitForStageOne(cancel);
            else if (!StageOneComplete()) throw new CurationConfigException($"{_layout.Root}: --stage two needs every input to have finished stage one (run --stage one for every rank first)");
            // Loaded only when this process has an unfinished input: after the last input completes the work folder is gone.
            var duplicates = new Lazy<DuplicateTable>(() => DuplicateResolver.Resolve(Inputs.Select(i => _layout.WorkHashes(i.Stem))));
            foreach (var rank in ranks) RunStageTwo(rank, duplicates, progress, cancel);
        }
        foreach (var rank in ranks)
        {
            if (!_twoStages || stage != CurationStage.One)
                AtomicFile.WriteAllText(_layout.TaskCompletion(rank, _options.Tasks), "");
        }
        return FinishIfComplete();
    }

    /// <summary>Creates the folders and pins the configuration; refuses to continue a run made with another configuration.</summary>
    public void Prepare()
    {
        string pinned = PinnedConfiguration();
        if (File.Exists(_layout.ConfigLock))
        {
            string existing = File.ReadAllText(_layout.ConfigLock);
            if (existing != pinned)
            {
                if (!_options.Overwrite)
                    throw new CurationConfigException($"{_layout.Root}: holds a run with another configuration or other inputs; choose a new --out or pass --overwrite");
                foreach (var dir in new[] { "output", "excluded", "rejects", "stats", "completions", "work", "progress" })
                {
                    string path = Path.Combine(_layout.Root, dir);
                    if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
                }
                foreach (var file in new[] { _layout.StatsJson, _layout.Manifest, _layout.ConfigLock }) File.Delete(file);
            }
        }
        Directory.CreateDirectory(_layout.Root);
        if (!File.Exists(_layout.ConfigLock)) AtomicFile.WriteAllText(_layout.ConfigLock, pinned);
        AtomicFile.DeleteStaleTemps(_layout.ConfigLock, TimeSpan.FromMinutes(10));
        Directory.CreateDirectory(Path.Combine(_layout.Root, "completions"));
    }

    private IEnumerable<CurationInput> InputsOf(int rank) => Inputs.Where(i => i.TaskOf(_options.Tasks) == rank);

    private void RunStage(int rank, Action<CurationProgress>? progress, CancellationToken cancel)
    {
        var mine = InputsOf(rank).ToList();
        long bytesTotal = mine.Sum(i => i.Bytes);
        long docs = 0, bytes = 0;
        int done = 0;
        var report = ProgressSink(rank, progress);
        foreach (var input in mine)
        {
            string marker = _twoStages ? _layout.StageOneCompletion(input.Stem) : _layout.Completion(input.Stem);
            if (File.Exists(marker) || (_twoStages && File.Exists(_layout.Completion(input.Stem)))) { done++; bytes += input.Bytes; continue; }
            var baseProgress = new CurationProgress(docs, bytes, done, mine.Count, bytesTotal, _twoStages ? "stage 1" : "curate");
            var stats = FirstStage(input, report, baseProgress, cancel);
            docs += stats.DocumentsRead;
            bytes += input.Bytes;
            done++;
            AtomicFile.WriteAllText(marker, "");
            report?.Invoke(new CurationProgress(docs, bytes, done, mine.Count, bytesTotal, baseProgress.Stage));
        }
    }

    /// <summary>Removes what a killed run left of this input's small files (stats, markers); the input belongs to this task.</summary>
    private void DeleteStaleTemps(CurationInput input)
    {
        foreach (var path in new[] { _layout.StatsFor(input.Stem), _layout.Completion(input.Stem), _layout.StageOneCompletion(input.Stem), _layout.WorkStats(input.Stem) })
            AtomicFile.DeleteStaleTemps(path);
    }

    /// <summary>
    /// Runs the steps before dedup (all steps when there is no dedup) over one input. Without dedup the survivors are the
    /// final output; with dedup they go to the work folder with one hash record each, and their counts are intermediate.
    /// </summary>
    private CurationStats FirstStage(CurationInput input, Action<CurationProgress>? report, CurationProgress baseProgress, CancellationToken cancel)
    {
        DeleteStaleTemps(input);
        var steps = _registry.Build(_stageOneSteps);
        using var reader = new OwnedReader(CurationIo.OpenInput(input.Input, _options.MaxDocumentBytes));
        using var writer = _twoStages
            ? CurationIo.CreateWriter(DocumentOutputFormat.Jsonl, _layout.Work, input.Stem, long.MaxValue)
            : CurationIo.CreateWriter(_options.Config.Format, _layout.Output, input.Stem, _options.Config.MaxShardBytes, _options.Config.ZstdLevel);
        using var hashes = _twoStages ? new HashRecordWriter(_layout.WorkHashes(input.Stem)) : null;
        long ordinal = 0;
        using var rejects = new LazyRejects(_layout.Rejects(input.Stem));
        var processor = new InputProcessor(steps, ExclusionOpener(input), rejects.Write, report, () => reader.Reader.BytesRead);
        var stats = processor.Run(reader.Reader.Read(cancel), doc =>
        {
            hashes?.Write(new HashRecord(_dedupOptions.HashOf(doc.Text), input.Index, ordinal++));
            writer.Write(doc);
        }, baseProgress, cancel);
        writer.Complete();
        hashes?.Complete();
        rejects.Complete();
        if (!_twoStages)
        {
            AtomicFile.WriteAllText(_layout.StatsFor(input.Stem), stats.ToJson());
            return stats;
        }
        // Kept counts of stage one are intermediate: stage two's are final.
        stats.Kept = 0;
        stats.KeptChars = 0;
        stats.KeptByTier.Clear();
        stats.KeptBySource.Clear();
        AtomicFile.WriteAllText(_layout.WorkStats(input.Stem), stats.ToJson());
        return stats;
    }

    private void RunStageTwo(int rank, Lazy<DuplicateTable> duplicates, Action<CurationProgress>? progress, CancellationToken cancel)
    {
        var mine = InputsOf(rank).ToList();
        long bytesTotal = mine.Sum(i => i.Bytes);
        long docs = 0, bytes = 0;
        int done = 0;
        var report = ProgressSink(rank, progress);
        foreach (var input in mine)
        {
            if (File.Exists(_layout.Completion(input.Stem))) { done++; bytes += input.Bytes; continue; }
            DeleteStaleTemps(input);
            var baseProgress = new CurationProgress(docs, bytes, done, mine.Count, bytesTotal, "stage 2");
            var steps = new List<IPipelineStep> { new GlobalDedupStep(duplicates.Value, HashRecordReader.Read(_layout.WorkHashes(input.Stem)).GetEnumerator(), input.Index) };
            steps.AddRange(_registry.Build(_stageTwoSteps));
            var workFiles = Directory.Exists(_layout.Work)
                ? Directory.GetFiles(_layout.Work, input.Stem + "_*.jsonl").Order(StringComparer.Ordinal).ToList()
                : [];
            using var writer = CurationIo.CreateWriter(_options.Config.Format, _layout.Output, input.Stem, _options.Config.MaxShardBytes, _options.Config.ZstdLevel);
            using var rejects = new LazyRejects(_layout.Rejects(input.Stem) + ".stage2");
            long workBytes = 0;
            var processor = new InputProcessor(steps, ExclusionOpener(input), rejects.Write, report, () => workBytes);
            var stats = processor.Run(ReadAll(workFiles, cancel), writer.Write, baseProgress, cancel);
            writer.Complete();
            rejects.Complete();
            var stageOne = CurationStats.FromJson(File.ReadAllText(_layout.WorkStats(input.Stem)));
            var total = new CurationStats();
            total.Add(stageOne);
            total.Add(stats, countDocumentsRead: false);
            AtomicFile.WriteAllText(_layout.StatsFor(input.Stem), total.ToJson());
            AtomicFile.WriteAllText(_layout.Completion(input.Stem), "");
            docs += stageOne.DocumentsRead;
            bytes += input.Bytes;
            done++;
            report?.Invoke(new CurationProgress(docs, bytes, done, mine.Count, bytesTotal, "stage 2"));
        }
    }

    private IEnumerable<ReadItem> ReadAll(List<string> files, CancellationToken cancel)
    {
        foreach (var f in files)
        {
            using var reader = new OwnedReader(CurationIo.OpenInput(new DocumentInput(f, DocumentInputKind.Jsonl), int.MaxValue / 2));
            foreach (var item in reader.Reader.Read(cancel)) yield return item;
        }
    }

    private Func<string, IDocumentWriter>? ExclusionOpener(CurationInput input) => _options.Config.WriteExclusions
        ? step => CurationIo.CreateWriter(_options.Config.Format, _layout.Excluded(step), input.Stem, _options.Config.MaxShardBytes, _options.Config.ExclusionsZstdLevel)
        : null;

    private Action<CurationProgress>? ProgressSink(int rank, Action<CurationProgress>? progress)
    {
        string path = _layout.Progress(rank);
        var clock = Stopwatch.StartNew();
        var last = TimeSpan.FromDays(-1);
        return p =>
        {
            progress?.Invoke(p);
            if (clock.Elapsed - last < TimeSpan.FromSeconds(1) && p.InputsDone < p.InputsTotal) return;
            last = clock.Elapsed;
            AtomicFile.WriteAllText(path, JsonSerializer.Serialize(p));
        };
    }

    private bool StageOneComplete() =>
        Inputs.All(i => File.Exists(_layout.StageOneCompletion(i.Stem)) || File.Exists(_layout.Completion(i.Stem)));

    private void WaitForStageOne(CancellationToken cancel)
    {
        var clock = Stopwatch.StartNew();
        while (!StageOneComplete())
        {
            if (clock.Elapsed > _options.BarrierTimeout)
                throw new TimeoutException($"waited {_options.BarrierTimeout.TotalMinutes:F0} min for the other tasks to finish stage one (missing markers in {_layout.Root}/completions)");
            Task.Delay(TimeSpan.FromSeconds(2), cancel).Wait(cancel);
        }
    }

    /// <summary>When every input is complete: merges stats into stats.json, writes manifest.json, removes work files.</summary>
    public bool FinishIfComplete()
    {
        if (!Inputs.All(i => File.Exists(_layout.Completion(i.Stem)))) return false;
        var total = new CurationStats();
        foreach (var input in Inputs) total.Add(CurationStats.FromJson(File.ReadAllText(_layout.StatsFor(input.Stem))));
        AtomicFile.WriteAllText(_layout.StatsJson, total.ToJson());
        CurationManifest.Write(_layout, Inputs, JsonNode.Parse(PinnedConfiguration())!, total);
        // Several tasks may finish at once and write these two: only temporaries too old to be theirs are removed.
        foreach (var shared in new[] { _layout.StatsJson, _layout.Manifest })
            AtomicFile.DeleteStaleTemps(shared, TimeSpan.FromMinutes(10));
        // Two tasks finishing at once may both get here: the merged files are identical, and the one that loses the race
        // to delete the work folder has nothing left to do.
        try { if (Directory.Exists(_layout.Work)) Directory.Delete(_layout.Work, recursive: true); }
        catch (Exception e) when (e is DirectoryNotFoundException or IOException) { }
        return true;
    }

    /// <summary>The resolved configuration and inputs as stable JSON: what a resumed run must match.</summary>
    private string PinnedConfiguration()
    {
        var o = new JsonObject
        {
            ["preset"] = _options.Config.PresetName,
            ["format"] = PipelineConfig.FormatName(_options.Config.Format),
            ["max_shard_bytes"] = _options.Config.MaxShardBytes,
            ["exclusions"] = _options.Config.WriteExclusions,
            ["zstd_level"] = _options.Config.ZstdLevel,
            ["exclusions_zstd_level"] = _options.Config.ExclusionsZstdLevel,
            ["steps"] = new JsonArray(_options.Config.Steps.Select(s => (JsonNode)new JsonObject { ["step"] = s.Name, ["options"] = s.Options.DeepClone() }).ToArray()),
            ["inputs"] = new JsonArray(Inputs.Select(i => (JsonNode)JsonValue.Create(i.Path)!).ToArray()),
        };
        return o.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    private static long InputSize(string path) => Directory.Exists(path)
        ? Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length)
        : new FileInfo(path).Length;

    /// <summary>Disposes a reader that is disposable (readers own open files).</summary>
    private sealed class OwnedReader(IDocumentReader reader) : IDisposable
    {
        public IDocumentReader Reader { get; } = reader;
        public void Dispose() => (Reader as IDisposable)?.Dispose();
    }
}
