using System.Globalization;

namespace MixLab.Curation.Licensing;

/// <summary>
/// The Public Suffix List (publicsuffix.org; Debian package `publicsuffix`) with the standard algorithm: the
/// longest matching rule wins, "*." wildcards and "!" exceptions, default rule "*". Used to find a host's public
/// suffix and registered domain, so that allow-lists never match on substrings (curation spec §1.13 item 2, §7.6).
/// When the list file is absent a small built-in list of the suffixes the allow-lists need is used.
/// </summary>
public sealed class PublicSuffixList
{
    /// <summary>Where Debian installs the list.</summary>
    public const string DefaultPath = "/usr/share/publicsuffix/public_suffix_list.dat";

    private readonly HashSet<string> _rules = new(StringComparer.Ordinal);
    private readonly HashSet<string> _wildcards = new(StringComparer.Ordinal);
    private readonly HashSet<string> _exceptions = new(StringComparer.Ordinal);

    private static readonly Lazy<PublicSuffixList> DefaultList = new(() => Load(null));

    /// <summary>Built-in fallback: generic TLDs plus the country and government suffixes of the allow-lists.</summary>
    internal static readonly string[] FallbackRules =
    [
        "com", "org", "net", "edu", "gov", "mil", "int", "info", "io", "co", "ai", "app", "dev", "law", "eu", "un",
        "uk", "co.uk", "org.uk", "ac.uk", "gov.uk", "ca", "gc.ca", "fr", "gouv.fr", "ch", "de", "se", "nl", "es",
        "gob.es", "jp", "go.jp", "co.jp", "ac.jp", "kr", "go.kr", "mx", "gob.mx", "cl", "gob.cl", "ec", "gob.ec",
        "pe", "gob.pe", "ar", "gob.ar", "gt", "gob.gt", "hn", "gob.hn", "pa", "gob.pa", "uy", "gub.uy", "th",
        "go.th", "id", "go.id", "tz", "go.tz", "au", "gov.au", "com.au", "nz", "govt.nz", "in", "gov.in", "ru",
        "mk", "cz", "hu", "it", "pt", "pl", "br", "gov.br", "za", "gov.za", "ie", "be", "at", "gv.at", "dk", "no",
        "fi", "us", "cn", "gov.cn", "tw", "gov.tw", "sg", "gov.sg",
    ];

    /// <summary>True when the rules came from a list file rather than the built-in fallback.</summary>
    public bool FromFile { get; private set; }

    /// <summary>Number of rules loaded.</summary>
    public int RuleCount => _rules.Count + _wildcards.Count + _exceptions.Count;

    /// <summary>The list at <see cref="DefaultPath"/>, or the fallback; loaded once.</summary>
    public static PublicSuffixList Default => DefaultList.Value;

    /// <summary>Loads the list from <paramref name="path"/> (null: the Debian path); the fallback when the file is absent.</summary>
    public static PublicSuffixList Load(string? path)
    {
        var file = string.IsNullOrEmpty(path) ? DefaultPath : path;
        var list = new PublicSuffixList();
        if (File.Exists(file))
        {
            foreach (var raw in File.ReadLines(file)) list.AddRule(raw);
            list.FromFile = true;
        }
        else if (!string.IsNullOrEmpty(path))
        {
            throw new FileNotFoundException($"public suffix list not found: {path}", path);
        }
        else
        {
            foreach (var r in FallbackRules) list.AddRule(r);
        }
        return list;
    }

    /// <summary>A list from explicit rule lines (PSL syntax), for tests and custom lists.</summary>
    public static PublicSuffixList FromRules(IEnumerable<string> rules)
    {
        var list = new PublicSuffixList();
        foreach (var r in rules) list.AddRule(r);
        return list;
    }

    private void AddRule(string raw)
    {
        var line = raw.AsSpan().Trim();
        var space = line.IndexOfAny(' ', '\t');
        if (space >= 0) line = line[..space];
        if (line.IsEmpty || line.StartsWith("//")) return;
        var rule = line.ToString().ToLowerInvariant();
        if (rule.StartsWith('!')) _exceptions.Add(rule[1..]);
        else if (rule.StartsWith("*.")) _wildcards.Add(rule[2..]);
        else _rules.Add(rule);
    }

    /// <summary>The public suffix of a normalised host (lower case, no trailing dot), e.g. "gov.uk" for "data.gov.uk".</summary>
    public string PublicSuffix(string host)
    {
        // Walk suffixes from longest to shortest; the first (longest) matching rule wins, exceptions first.
        var start = 0;
        while (true)
        {
            var suffix = host[start..];
            if (_exceptions.Contains(suffix))
            {
                var dot = suffix.IndexOf('.');
                return dot < 0 ? suffix : suffix[(dot + 1)..];
            }
            if (_rules.Contains(suffix)) return suffix;
            var firstDot = suffix.IndexOf('.');
            if (firstDot > 0 && _wildcards.Contains(suffix[(firstDot + 1)..])) return suffix;
            if (firstDot < 0) return suffix; // default rule "*": the last label
            start += firstDot + 1;
        }
    }

    /// <summary>The registered domain (public suffix plus one label), or null when the host is itself a public suffix.</summary>
    public string? RegisteredDomain(string host)
    {
        if (host.Length == 0) return null;
        var suffix = PublicSuffix(host);
        if (suffix.Length >= host.Length) return null;
        var head = host.AsSpan(0, host.Length - suffix.Length - 1);
        var dot = head.LastIndexOf('.');
        return host[(dot + 1)..];
    }

    /// <summary>Lower-cases a host and converts punycode labels to Unicode so that it matches the list's spelling.</summary>
    public static string NormalizeHost(string host)
    {
        var h = host.Trim().TrimEnd('.').ToLowerInvariant();
        if (!h.Contains("xn--", StringComparison.Ordinal)) return h;
        try
        {
            return new IdnMapping().GetUnicode(h).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return h;
        }
    }
}
