namespace MixLab.Curation.Safety;

/// <summary>Kinds of secrets <see cref="SecretScanner"/> finds.</summary>
public enum SecretKind
{
    PrivateKey,
    AwsAccessKeyId,
    GitHubToken,
    SlackToken,
    GoogleApiKey,
    OpenAiKey,
    GenericAssignment,
}

/// <summary>One secret span found in a text.</summary>
public readonly record struct SecretMatch(int Start, int Length, SecretKind Kind);

/// <summary>
/// Finds secrets in code and text (curation spec §2.2, code_secrets): private key blocks, AWS access key ids
/// (AKIA/ASIA + 16), GitHub tokens (ghp_/gho_/ghu_/ghs_/ghr_ + 36, github_pat_ + 22 or more), Slack tokens
/// (xoxb-/xoxa-/xoxp-/xoxr-/xoxs-), Google API keys (AIza + 35), OpenAI-style keys (sk- or sk-proj- + 20 or more),
/// and generic assignments whose name ends in api_key, secret, token, password, access_key, private_key
/// ("name = 'value'", "name: value", JSON "name": "value"), whose value passes an entropy check. Prefixes are found
/// with vectorised IndexOf; the generic rule anchors on '=' and ':'; nothing backtracks.
/// </summary>
public sealed class SecretScanner
{
    private static readonly string[] GenericNames =
        ["apikey", "secret", "secretkey", "clientsecret", "token", "accesstoken", "authtoken", "password", "passwd",
         "accesskey", "privatekey", "apisecret"];

    private readonly SecretsOptions _o;

    public SecretScanner(SecretsOptions? options = null) => _o = options ?? new SecretsOptions();

    /// <summary>All secrets found, sorted by start, non-overlapping (an earlier-listed kind wins an overlap).</summary>
    public List<SecretMatch> Scan(string text)
    {
        var found = new List<SecretMatch>();
        ReadOnlySpan<char> s = text;
        ScanPrivateKeys(s, found);
        ScanPrefixed(s, found, "AKIA", SecretKind.AwsAccessKeyId, 16, 16, static c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));
        ScanPrefixed(s, found, "ASIA", SecretKind.AwsAccessKeyId, 16, 16, static c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));
        foreach (var p in (ReadOnlySpan<string>)["ghp_", "gho_", "ghu_", "ghs_", "ghr_"])
            ScanPrefixed(s, found, p, SecretKind.GitHubToken, 36, 255, char.IsAsciiLetterOrDigit);
        ScanPrefixed(s, found, "github_pat_", SecretKind.GitHubToken, 22, 255, static c => char.IsAsciiLetterOrDigit(c) || c == '_');
        foreach (var p in (ReadOnlySpan<string>)["xoxb-", "xoxa-", "xoxp-", "xoxr-", "xoxs-"])
            ScanPrefixed(s, found, p, SecretKind.SlackToken, 10, 255, static c => char.IsAsciiLetterOrDigit(c) || c == '-');
        ScanPrefixed(s, found, "AIza", SecretKind.GoogleApiKey, 35, 35, static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        ScanPrefixed(s, found, "sk-", SecretKind.OpenAiKey, 20, 255, static c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
        ScanGeneric(s, found);
        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    /// <summary>Shannon entropy of the characters of <paramref name="s"/>, in bits per character.</summary>
    public static double Entropy(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty) return 0;
        Span<int> counts = stackalloc int[128];
        counts.Clear();
        int other = 0;
        foreach (char c in s)
        {
            if (c < 128) counts[c]++;
            else other++;
        }
        double h = 0;
        foreach (int n in counts)
            if (n > 0) { double p = (double)n / s.Length; h -= p * Math.Log2(p); }
        if (other > 0) { double p = (double)other / s.Length; h -= p * Math.Log2(p); }
        return h;
    }

    private static bool Overlaps(List<SecretMatch> found, int start, int end)
    {
        foreach (var m in found)
            if (start < m.Start + m.Length && m.Start < end) return true;
        return false;
    }

    private static void ScanPrivateKeys(ReadOnlySpan<char> s, List<SecretMatch> found)
    {
        const string begin = "-----BEGIN ";
        int from = 0;
        while (from < s.Length)
        {
            int rel = s[from..].IndexOf(begin, StringComparison.Ordinal);
            if (rel < 0) return;
            int start = from + rel;
            int lineEnd = s[start..].IndexOf('\n');
            var header = lineEnd < 0 ? s[start..] : s.Slice(start, lineEnd);
            from = start + begin.Length;
            if (!header.Contains("PRIVATE KEY-----", StringComparison.Ordinal)) continue;
            int endRel = s[from..].IndexOf("-----END ", StringComparison.Ordinal);
            int end;
            if (endRel < 0) end = s.Length;
            else
            {
                int e = from + endRel;
                int close = s[(e + 9)..].IndexOf("-----", StringComparison.Ordinal);
                end = close < 0 ? s.Length : e + 9 + close + 5;
            }
            found.Add(new SecretMatch(start, end - start, SecretKind.PrivateKey));
            from = end;
        }
    }

    private void ScanPrefixed(ReadOnlySpan<char> s, List<SecretMatch> found, string prefix, SecretKind kind,
        int minBody, int maxBody, Func<char, bool> bodyChar)
    {
        int from = 0;
        while (from < s.Length)
        {
            int rel = s[from..].IndexOf(prefix, StringComparison.Ordinal);
            if (rel < 0) return;
            int start = from + rel;
            int p = start + prefix.Length;
            from = p;
            if (start > 0 && (char.IsLetterOrDigit(s[start - 1]) || s[start - 1] == '_')) continue;
            int q = p;
            while (q < s.Length && q - p < maxBody + 1 && bodyChar(s[q])) q++;
            int body = q - p;
            if (body < minBody || body > maxBody) continue;
            if (q < s.Length && (char.IsLetterOrDigit(s[q]) || s[q] == '_')) continue;
            if (Entropy(s[p..q]) < _o.MinTokenEntropy) continue;
            if (Overlaps(found, start, q)) continue;
            found.Add(new SecretMatch(start, q - start, kind));
            from = q;
        }
    }

    private static bool IsNameChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.';

    private static bool IsValueChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '+' or '/' or '_' or '-' or '.' or '=' or '~';

    private void ScanGeneric(ReadOnlySpan<char> s, List<SecretMatch> found)
    {
        Span<char> name = stackalloc char[64];
        int from = 0;
        while (from < s.Length)
        {
            int rel = s[from..].IndexOfAny('=', ':');
            if (rel < 0) return;
            int op = from + rel;
            from = op + 1;
            // The name: back over spaces and one closing quote, then over name characters.
            int l = op - 1;
            while (l >= 0 && s[l] == ' ') l--;
            if (l >= 0 && s[l] is '"' or '\'') l--;
            int nameEnd = l + 1;
            while (l >= 0 && IsNameChar(s[l]) && nameEnd - l <= 64) l--;
            int nameStart = l + 1;
            if (nameEnd - nameStart is 0 or > 64) continue;
            int n = 0;
            foreach (char c in s[nameStart..nameEnd])
                if (char.IsAsciiLetterOrDigit(c)) name[n++] = char.ToLowerInvariant(c);
            if (!EndsWithGenericName(name[..n])) continue;
            // The value: after "=" / ":" (also "==" or ":="), spaces, an optional quote.
            int v = op + 1;
            if (v < s.Length && s[v] == '=') v++;
            while (v < s.Length && s[v] == ' ') v++;
            char quote = v < s.Length && s[v] is '"' or '\'' or '`' ? s[v] : '\0';
            if (quote != '\0') v++;
            int ve = v;
            while (ve < s.Length && IsValueChar(s[ve])) ve++;
            if (quote != '\0' && (ve >= s.Length || s[ve] != quote)) continue;
            var value = s[v..ve];
            if (value.Length < _o.MinGenericLength || !LooksRandom(value)) continue;
            if (Overlaps(found, v, ve)) continue;
            found.Add(new SecretMatch(v, ve - v, SecretKind.GenericAssignment));
            from = ve;
        }
    }

    private static bool EndsWithGenericName(ReadOnlySpan<char> name)
    {
        foreach (var g in GenericNames)
            if (name.EndsWith(g, StringComparison.Ordinal)) return true;
        return false;
    }

    private bool LooksRandom(ReadOnlySpan<char> v)
    {
        int classes = (v.IndexOfAnyInRange('a', 'z') >= 0 ? 1 : 0) + (v.IndexOfAnyInRange('A', 'Z') >= 0 ? 1 : 0)
            + (v.IndexOfAnyInRange('0', '9') >= 0 ? 1 : 0);
        return classes >= 2 && Entropy(v) >= _o.MinGenericEntropy;
    }
}
