using System.Buffers;
using System.IO.Hashing;
using System.Runtime.InteropServices;
using MixLab.Documents;

namespace MixLab.Curation.Dedup;

/// <summary>
/// "mv_sentence_dedup": MixtureVitae's in-process dedup (curation spec §1.6, check MV2) with stable hashes.
/// (1) Document fingerprint: lower-cased whitespace tokens 20-219, punctuation and symbols removed, tokens of
/// length &gt; 1 cut to their first 4 characters, concatenated and hashed; a fingerprint seen before drops the
/// document ("seen_fingerprint"). Unlike the released code (spec §1.13 item 8), a fingerprint of fewer than
/// <see cref="MvSentenceDedupOptions.MinFingerprintTokens"/> tokens (short documents) is not used at all, so short
/// documents do not collide.
/// (2) Sentences: split after ". ", "? ", "! ", "; ", "| ", at line breaks and after "。"; trimmed sentences longer
/// than <see cref="MvSentenceDedupOptions.MinSentenceChars"/> count; when at least
/// <see cref="MvSentenceDedupOptions.SeenFraction"/> of the document's unique counted sentences were seen in earlier
/// documents, it is dropped ("seen_sentences"). Every document's sentences are then added to the seen set.
/// Hashes are XxHash64 (seed <see cref="ExactDedupSignature.Seed"/>) of the UTF-16 bytes. Order dependent by design:
/// the decisions depend on which documents one task saw before, so presets leave this step off.
/// </summary>
public sealed class MvSentenceDedupStep : IPipelineStep
{
    private readonly MvSentenceDedupOptions _options;
    private readonly HashSet<ulong> _seenSentences = new();
    private readonly HashSet<ulong> _seenFingerprints = new();
    private readonly HashSet<ulong> _docSentences = new();
    private readonly Dictionary<string, long> _stats = new() { ["code_like_skipped"] = 0, ["empty_fingerprint"] = 0 };

    public MvSentenceDedupStep(MvSentenceDedupOptions? options = null) => _options = options ?? new MvSentenceDedupOptions();

    public string Name => "mv_sentence_dedup";

    public IReadOnlyDictionary<string, long> Stats => _stats;

    public StepResult Process(Document document)
    {
        string text = document.Text;
        if (_options.DocumentFingerprint)
        {
            ulong? fp = Fingerprint(text, _options.MinFingerprintTokens);
            if (fp is null) _stats["empty_fingerprint"]++;
            else if (!_seenFingerprints.Add(fp.Value)) return StepResult.Drop("seen_fingerprint");
        }
        if (_options.SkipCodeLike && IsCodeLike(text))
        {
            _stats["code_like_skipped"]++;
            return StepResult.Kept;
        }
        _docSentences.Clear();
        foreach (var range in SplitSentences(text))
        {
            var sentence = text.AsSpan(range.Start, range.Length);
            if (sentence.Length > _options.MinSentenceChars)
                _docSentences.Add(Hash(sentence));
        }
        if (_docSentences.Count == 0) return StepResult.Kept;
        int seen = 0;
        foreach (var h in _docSentences)
            if (_seenSentences.Contains(h)) seen++;
        _seenSentences.UnionWith(_docSentences);
        return seen >= _options.SeenFraction * _docSentences.Count
            ? StepResult.Drop("seen_sentences")
            : StepResult.Kept;
    }

    /// <summary>MixtureVitae's code-like test: "{", "\ndef ", "):" or "${" in the text.</summary>
    public static bool IsCodeLike(string text) =>
        text.Contains('{') || text.Contains("\ndef ", StringComparison.Ordinal)
        || text.Contains("):", StringComparison.Ordinal) || text.Contains("${", StringComparison.Ordinal);

    /// <summary>Trimmed, non-empty sentence ranges (start, length) of <paramref name="text"/>.</summary>
    public static List<(int Start, int Length)> SplitSentences(string text)
    {
        var result = new List<(int, int)>();
        int start = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            int cut = -1; // exclusive end of the sentence
            int next = -1; // start of the next one
            if (c is '\n' or '\r') { cut = i; next = i + 1; }
            else if (c == '。') { cut = i + 1; next = i + 1; }
            else if (c is '.' or '?' or '!' or ';' or '|' && i + 1 < text.Length && text[i + 1] == ' ') { cut = i + 1; next = i + 2; }
            if (cut < 0) continue;
            AddTrimmed(text, start, cut, result);
            start = next;
            i = next - 1;
        }
        AddTrimmed(text, start, text.Length, result);
        return result;
    }

    private static void AddTrimmed(string text, int start, int end, List<(int, int)> result)
    {
        while (start < end && char.IsWhiteSpace(text[start])) start++;
        while (end > start && char.IsWhiteSpace(text[end - 1])) end--;
        if (end > start) result.Add((start, end - start));
    }

    /// <summary>The MixtureVitae fingerprint hash, or null when fewer than <paramref name="minTokens"/> (at least 1)
    /// tokens survive (the short-document case).</summary>
    public static ulong? Fingerprint(string text, int minTokens = 1)
    {
        char[] buffer = ArrayPool<char>.Shared.Rent(4 * 200);
        try
        {
            int n = 0, token = 0, i = 0, used = 0;
            Span<char> head = stackalloc char[4];
            while (i < text.Length && token < 220)
            {
                while (i < text.Length && char.IsWhiteSpace(text[i])) i++;
                if (i >= text.Length) break;
                int s = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i])) i++;
                if (token++ < 20) continue;
                int kept = 0;
                for (int k = s; k < i; k++)
                {
                    char c = text[k];
                    if (char.IsPunctuation(c) || char.IsSymbol(c)) continue;
                    if (kept < 4) head[kept] = char.ToLowerInvariant(c);
                    kept++;
                }
                if (kept <= 1) continue;
                int take = Math.Min(kept, 4);
                head[..take].CopyTo(buffer.AsSpan(n));
                n += take;
                used++;
            }
            return used == 0 || used < minTokens ? null : Hash(buffer.AsSpan(0, n));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    private static ulong Hash(ReadOnlySpan<char> s) =>
        XxHash64.HashToUInt64(MemoryMarshal.AsBytes(s), ExactDedupSignature.Seed);
}
