using MixLab.Documents;

namespace MixLab.Curation.Safety;

/// <summary>
/// The "flagged_words" pipeline step: MixtureVitae's keyword safety screen (curation spec §1.5, check MV1). Drop
/// reasons, checked in this order: "csam_rule" (flagged &gt; 0.05 and minor &gt; 0.05), "flagged_words_ratio"
/// (flagged &gt; 0.2, or &gt; 0.25 for Wikipedia), "hate_words_ratio" (hate &gt; 0.1) and "flagged_and_hate_words"
/// (flagged &gt; 0.05 and hate &gt; 0.05). Documents whose url matches an exemption are kept unscreened.
/// </summary>
public sealed class FlaggedWordsStep : IPipelineStep
{
    private readonly FlaggedWordsOptions _options;
    private readonly FlaggedWordScorer _scorer;
    private readonly Dictionary<string, long> _stats = new() { ["exempt_url"] = 0 };

    public FlaggedWordsStep(FlaggedWordsOptions? options = null)
    {
        _options = options ?? new FlaggedWordsOptions();
        _scorer = new FlaggedWordScorer(
            Load(_options.FlaggedWordsFile, FlaggedWordLists.Flagged),
            Load(_options.MinorWordsFile, FlaggedWordLists.Minor),
            Load(_options.HateWordsFile, FlaggedWordLists.Hate),
            Load(_options.StopwordsFile, FlaggedWordLists.Stopwords),
            _options.WindowChars);
    }

    public string Name => "flagged_words";

    public IReadOnlyDictionary<string, long> Stats => _stats;

    public StepResult Process(Document document)
    {
        string? url = document.Metadata["url"] is { } u && u.GetValueKind() == System.Text.Json.JsonValueKind.String
            ? u.GetValue<string>() : null;
        if (url is not null)
        {
            foreach (var exempt in _options.ExemptUrlSubstrings)
            {
                if (url.Contains(exempt, StringComparison.OrdinalIgnoreCase))
                {
                    _stats["exempt_url"]++;
                    return StepResult.Kept;
                }
            }
        }
        bool wikipedia = Contains(document.Source, _options.WikipediaMarker) || Contains(url, _options.WikipediaMarker);
        var reason = Decide(_scorer.Score(document.Text), wikipedia, _options);
        return reason is null ? StepResult.Kept : StepResult.Drop(reason);
    }

    /// <summary>The rule of §1.5 on computed scores; null keeps the document.</summary>
    public static string? Decide(FlaggedWordScores s, bool wikipedia, FlaggedWordsOptions o)
    {
        double f = s.FlaggedRatio;
        if (f > o.CsamFlaggedRatio && s.MinorRatio > o.CsamMinorRatio) return "csam_rule";
        if (f > o.MaxFlaggedRatioWikipedia || (!wikipedia && f > o.MaxFlaggedRatio)) return "flagged_words_ratio";
        if (s.HateRatio > o.MaxHateRatio) return "hate_words_ratio";
        if (f > o.CombinedFlaggedRatio && s.HateRatio > o.CombinedHateRatio) return "flagged_and_hate_words";
        return null;
    }

    private static bool Contains(string? s, string marker) =>
        s is not null && marker.Length > 0 && s.Contains(marker, StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> Load(string? path, string[] builtIn)
    {
        if (path is null) return builtIn;
        if (!File.Exists(path)) throw new FileNotFoundException($"word list not found: {path}", path);
        return File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
    }
}
