using MixLab.Curation.Dedup;

namespace MixLab.Curation.Pipeline;

/// <summary>
/// The one-pass path of <see cref="CurationRunner"/>: a pipeline with global exact dedup, run by one process (no
/// --rank) over every input in index order, deduplicates with a set of the hashes seen so far instead of two stages.
/// </summary>
public sealed partial class CurationRunner
{
    private bool _onePassDone;

    /// <summary>True when some input finished stage one of a run with ranks but not stage two: that run is finished
    /// the two-stage way.</summary>
    private bool HalfDoneTwoStageInputs() =>
        Inputs.Any(i => File.Exists(_layout.StageOneCompletion(i.Stem)) && !File.Exists(_layout.Completion(i.Stem)));

    /// <summary>
    /// A pipeline with global exact dedup, run by one process over all inputs in index order: each input goes through
    /// every step in one pass, and the dedup step keeps a set of the hashes seen so far (<see cref="SeenSetDedupStep"/>),
    /// which gives the decisions of the two-stage path without writing and re-reading the survivors of stage one.
    /// Inputs finished by an earlier run contribute their recorded hashes first.
    /// </summary>
    private void RunOnePass(Action<CurationProgress>? progress, CancellationToken cancel)
    {
        long bytesTotal = Inputs.Sum(i => i.Bytes);
        long docs = 0, bytes = 0;
        int done = 0;
        var report = ProgressSink(0, progress);
        var seen = new HashSet<ulong>();
        _onePassDone = true;
        // A finished run has no work folder left (and nothing to do).
        if (Inputs.All(i => File.Exists(_layout.Completion(i.Stem)))) return;
        foreach (var input in Inputs)
        {
            if (File.Exists(_layout.Completion(input.Stem)))
            {
                string recorded = _layout.WorkHashes(input.Stem);
                if (!File.Exists(recorded))
                    throw new CurationConfigException($"{_layout.Root}: input {input.Path} is complete but its dedup hashes ({recorded}) are gone; choose a new --out or pass --overwrite");
                foreach (var record in HashRecordReader.Read(recorded)) seen.Add(record.Hash);
                done++;
                bytes += input.Bytes;
                continue;
            }
            var baseProgress = new CurationProgress(docs, bytes, done, Inputs.Count, bytesTotal, "curate");
            var stats = OnePass(input, seen, report, baseProgress, cancel);
            docs += stats.DocumentsRead;
            bytes += input.Bytes;
            done++;
            report?.Invoke(new CurationProgress(docs, bytes, done, Inputs.Count, bytesTotal, "curate"));
        }
    }

    private CurationStats OnePass(CurationInput input, HashSet<ulong> seen, Action<CurationProgress>? report, CurationProgress baseProgress, CancellationToken cancel)
    {
        DeleteStaleTemps(input);
        using var reader = new OwnedReader(CurationIo.OpenInput(input.Input, _options.MaxDocumentBytes));
        using var writer = CurationIo.CreateWriter(_options.Config.Format, _layout.Output, input.Stem, _options.Config.MaxShardBytes, _options.Config.ZstdLevel);
        using var hashes = new HashRecordWriter(_layout.WorkHashes(input.Stem));
        using var rejects = new LazyRejects(_layout.Rejects(input.Stem));
        var steps = new List<IPipelineStep>(_registry.Build(_stageOneSteps))
        {
            new SeenSetDedupStep(seen, _dedupOptions.HashOf, hashes, input.Index),
        };
        steps.AddRange(_registry.Build(_stageTwoSteps));
        var processor = new InputProcessor(steps, ExclusionOpener(input), rejects.Write, report, () => reader.Reader.BytesRead);
        var stats = processor.Run(reader.Reader.Read(cancel), writer.Write, baseProgress, cancel);
        writer.Complete();
        hashes.Complete();
        rejects.Complete();
        AtomicFile.WriteAllText(_layout.StatsFor(input.Stem), stats.ToJson());
        AtomicFile.WriteAllText(_layout.Completion(input.Stem), "");
        return stats;
    }
}
