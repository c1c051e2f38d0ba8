using System.IO.Hashing;
using System.Text;
using System.Text.Json.Nodes;
using MixLab.Documents;
using MixLab.OnlineMixing;

namespace MixLab.Training.Data;

/// <summary>Token counts of one domain after the split (for the run summary).</summary>
public sealed record DomainStats(string Domain, int Documents, long TrainTokens, long ValidationTokens, long TestTokens, int ValidationSequences, int TestSequences);

/// <summary>
/// Per-domain token streams (Aioli spec §3 "Data"): documents grouped by a metadata field (or <c>source</c>), split into
/// train / validation / test by document with a seeded hash of the document id, tokenised and concatenated with an
/// end-of-text token after each document. Training windows of context+1 tokens are drawn at uniformly random offsets
/// of a domain's training stream; validation and test sets are fixed, non-overlapping windows (no oversampling).
/// </summary>
public sealed class DomainCorpus
{
    private readonly int[][] _train;

    private DomainCorpus(string[] domains, int[][] train, int[][][] validation, int[][][] test, DomainStats[] stats, int windowLength)
    {
        Domains = domains; _train = train; Validation = validation; Test = test; Stats = stats; WindowLength = windowLength;
    }

    /// <summary>Domain names in the order of every per-domain array.</summary>
    public IReadOnlyList<string> Domains { get; }
    /// <summary>Fixed validation windows per domain: [domain][sequence][context+1].</summary>
    public int[][][] Validation { get; }
    /// <summary>Fixed test windows per domain.</summary>
    public int[][][] Test { get; }
    public IReadOnlyList<DomainStats> Stats { get; }
    /// <summary>Tokens per window: context + 1 (inputs and shifted targets).</summary>
    public int WindowLength { get; }

    /// <summary>Training tokens of a domain.</summary>
    public int TrainTokens(int domain) => _train[domain].Length;

    /// <summary>Copies a random training window of <paramref name="domain"/> into <paramref name="destination"/> (length <see cref="WindowLength"/>).</summary>
    public void SampleWindow(int domain, PolicyRandom random, Span<long> destination)
    {
        var s = _train[domain];
        int start = random.NextInt(s.Length - WindowLength + 1);
        for (int i = 0; i < WindowLength; i++) destination[i] = s[start + i];
    }

    /// <summary>Reads, groups, splits and tokenises the documents of <paramref name="options"/>.</summary>
    public static DomainCorpus Load(DataOptions options, ITextTokenizer tokenizer, int context, ulong seed, CancellationToken cancel = default)
    {
        IReadOnlyList<DocumentInput> inputs;
        try { inputs = InputDiscovery.Expand(options.Inputs); }
        catch (DocumentInputException e) { throw new TrainingConfigException($"data.inputs: {e.Message}", e); }
        var wanted = options.Domains.Count > 0 ? new HashSet<string>(options.Domains, StringComparer.Ordinal) : null;
        var docs = new SortedDictionary<string, List<Document>>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var input in inputs)
            foreach (var item in DocumentReaders.Open(input).Read(cancel))
            {
                if (item.Document is not { } doc) continue;
                var group = GroupOf(doc, options.GroupBy);
                if (group is null) continue;
                seen[group] = seen.GetValueOrDefault(group) + 1;
                if (wanted is not null && !wanted.Contains(group)) continue;
                if (!docs.TryGetValue(group, out var list)) docs[group] = list = [];
                if (options.MaxDocumentsPerDomain == 0 || list.Count < options.MaxDocumentsPerDomain) list.Add(doc);
            }
        string found = seen.Count == 0 ? "none" : string.Join(", ", seen.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} ({k.Value})"));
        string[] domains = options.Domains.Count > 0 ? [.. options.Domains] : [.. docs.Keys];
        if (domains.Length == 0) throw new TrainingConfigException($"data: no document has a '{options.GroupBy}' value; domains found: {found}");
        foreach (var d in domains)
            if (!docs.ContainsKey(d)) throw new TrainingConfigException($"data: domain '{d}' has no documents with {options.GroupBy} = '{d}' in data.inputs; domains found: {found}");

        int window = context + 1;
        var train = new int[domains.Length][];
        var val = new int[domains.Length][][];
        var test = new int[domains.Length][][];
        var stats = new DomainStats[domains.Length];
        for (int j = 0; j < domains.Length; j++)
        {
            var tr = new List<int>(); var va = new List<int>(); var te = new List<int>();
            foreach (var doc in docs[domains[j]])
            {
                double u = Unit(doc.Id, seed);
                var target = u < options.ValidationFraction ? va : u < options.ValidationFraction + options.TestFraction ? te : tr;
                tokenizer.Encode(doc.Text, target);
                target.Add(tokenizer.EndOfText);
            }
            if (tr.Count < window)
                throw new TrainingConfigException($"data: domain '{domains[j]}' has {tr.Count} training tokens, fewer than context + 1 = {window}; add documents or lower the held-out fractions");
            if (va.Count < window)
                throw new TrainingConfigException($"data: domain '{domains[j]}' has {va.Count} validation tokens, fewer than context + 1 = {window}; raise data.validation_fraction or add documents");
            train[j] = [.. tr];
            val[j] = Windows(va, window, options.ValidationSequences);
            test[j] = te.Count >= window ? Windows(te, window, options.TestSequences) : [];
            stats[j] = new DomainStats(domains[j], docs[domains[j]].Count, tr.Count, va.Count, te.Count, val[j].Length, test[j].Length);
        }
        return new DomainCorpus(domains, train, val, test, stats, window);
    }

    /// <summary>The domain of a document: the string value of <c>metadata.&lt;key&gt;</c> or the <c>source</c> field; null when absent.</summary>
    public static string? GroupOf(Document doc, string groupBy)
    {
        if (groupBy == "source") return string.IsNullOrEmpty(doc.Source) ? null : doc.Source;
        var node = doc.Metadata[groupBy["metadata.".Length..]];
        if (node is null) return null;
        var text = node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node.ToJsonString();
        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    /// <summary>A seeded uniform number in [0, 1) from the document id (xxHash64), so the split ignores file order.</summary>
    public static double Unit(string id, ulong seed)
    {
        var h = XxHash64.HashToUInt64(Encoding.UTF8.GetBytes(id), unchecked((long)seed));
        return (h >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>Up to <paramref name="max"/> non-overlapping windows, spread evenly over the stream.</summary>
    private static int[][] Windows(List<int> stream, int window, int max)
    {
        int available = stream.Count / window;
        int n = Math.Min(available, max);
        var result = new int[n][];
        for (int i = 0; i < n; i++)
        {
            int block = (int)((long)i * available / n);
            result[i] = stream.GetRange(block * window, window).ToArray();
        }
        return result;
    }
}
