using System.Diagnostics;
using MixLab.Documents;

namespace MixLab.Curation.Pipeline;

/// <summary>
/// Runs an ordered list of steps over one stream of documents: each document goes through the steps until one drops
/// it (written, with <c>metadata.filter_reason</c>, to that step's exclusion folder) or all keep it (written to the kept
/// writer). Rejected records go to the rejects file. Counts everything into a <see cref="CurationStats"/>.
/// </summary>
internal sealed class InputProcessor(
    IReadOnlyList<IPipelineStep> steps,
    Func<string, IDocumentWriter>? openExclusion,
    Action<RejectedRecord> reject,
    Action<CurationProgress>? progress,
    Func<long> bytesRead)
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromSeconds(1);

    /// <summary>Processes the stream; <paramref name="keep"/> receives every document that all steps kept.</summary>
    public CurationStats Run(IEnumerable<ReadItem> items, Action<Document> keep, CurationProgress baseProgress, CancellationToken cancel)
    {
        var stats = new CurationStats();
        var counters = steps.Select(s => stats.Step(s.Name)).ToArray();
        var exclusions = new IDocumentWriter?[steps.Count];
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        try
        {
            using var stream = items.GetEnumerator();
            long t0 = Stopwatch.GetTimestamp();
            while (stream.MoveNext())
            {
                var item = stream.Current;
                long t = Stopwatch.GetTimestamp();
                stats.ReadSeconds += Stopwatch.GetElapsedTime(t0, t).TotalSeconds;
                if (item.Reject is { } r)
                {
                    stats.Rejected++;
                    reject(r);
                    t0 = Stopwatch.GetTimestamp();
                    continue;
                }
                var doc = item.Document!;
                stats.DocumentsRead++;
                stats.InputChars += doc.Text.Length;
                bool kept = true;
                for (int i = 0; i < steps.Count; i++)
                {
                    counters[i].In++;
                    var result = steps[i].Process(doc);
                    long after = Stopwatch.GetTimestamp();
                    counters[i].Seconds += Stopwatch.GetElapsedTime(t, after).TotalSeconds;
                    t = after;
                    if (result.Keep) { counters[i].Kept++; continue; }
                    string reason = result.Reason ?? steps[i].Name;
                    counters[i].Dropped[reason] = counters[i].Dropped.GetValueOrDefault(reason) + 1;
                    if (openExclusion is not null)
                    {
                        doc.Metadata["filter_reason"] = reason;
                        (exclusions[i] ??= openExclusion(steps[i].Name)).Write(doc);
                        long written = Stopwatch.GetTimestamp();
                        counters[i].ExclusionWriteSeconds += Stopwatch.GetElapsedTime(t, written).TotalSeconds;
                    }
                    kept = false;
                    break;
                }
                if (kept)
                {
                    stats.Kept++;
                    stats.KeptChars += doc.Text.Length;
                    string tier = doc.License?.Tier.Name() ?? "none";
                    stats.KeptByTier[tier] = stats.KeptByTier.GetValueOrDefault(tier) + 1;
                    string source = doc.Source ?? "";
                    stats.KeptBySource[source] = stats.KeptBySource.GetValueOrDefault(source) + 1;
                    keep(doc);
                    stats.WriteSeconds += Stopwatch.GetElapsedTime(t).TotalSeconds;
                }
                if ((stats.DocumentsRead & 255) == 0)
                {
                    cancel.ThrowIfCancellationRequested();
                    if (progress is not null && clock.Elapsed - lastReport >= ProgressInterval)
                    {
                        lastReport = clock.Elapsed;
                        progress(baseProgress with { DocumentsRead = baseProgress.DocumentsRead + stats.DocumentsRead, BytesRead = baseProgress.BytesRead + bytesRead() });
                    }
                }
                t0 = Stopwatch.GetTimestamp();
            }
            cancel.ThrowIfCancellationRequested();
            for (int i = 0; i < steps.Count; i++)
                foreach (var (k, v) in steps[i].Stats) counters[i].Extra[k] = counters[i].Extra.GetValueOrDefault(k) + v;
            foreach (var w in exclusions) w?.Complete();
            return stats;
        }
        finally
        {
            foreach (var w in exclusions) w?.Dispose();
        }
    }
}
