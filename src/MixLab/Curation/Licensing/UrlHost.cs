namespace MixLab.Curation.Licensing;

/// <summary>
/// Host and path extraction from URLs as found in corpus metadata: with or without a scheme, with userinfo,
/// ports, IPv6 literals, query and fragment; the host is lower-cased and IDN labels made Unicode
/// (curation spec §1.4 step 2, done without MixtureVitae's 80-character truncation).
/// </summary>
public static class UrlHost
{
    /// <summary>Splits a URL into normalised host and path ("/..."); false when no host can be found.</summary>
    public static bool TryParse(string? url, out string host, out string path)
    {
        host = "";
        path = "/";
        if (string.IsNullOrWhiteSpace(url)) return false;
        var s = url.AsSpan().Trim();
        var scheme = s.IndexOf("://", StringComparison.Ordinal);
        if (scheme >= 0 && scheme < 16) s = s[(scheme + 3)..];
        else if (s.StartsWith("//")) s = s[2..];
        var end = s.IndexOfAny('/', '?', '#');
        var authority = end < 0 ? s : s[..end];
        if (end >= 0)
        {
            var rest = s[end..];
            var q = rest.IndexOfAny('?', '#');
            path = (q < 0 ? rest : rest[..q]).ToString();
            if (path.Length == 0) path = "/";
        }
        var at = authority.LastIndexOf('@');
        if (at >= 0) authority = authority[(at + 1)..];
        if (authority.StartsWith("["))
        {
            var close = authority.IndexOf(']');
            if (close < 0) return false;
            authority = authority[..(close + 1)];
        }
        else
        {
            var colon = authority.IndexOf(':');
            if (colon >= 0) authority = authority[..colon];
        }
        if (authority.IsEmpty || authority.ContainsAny(' ', '\t', '\\')) return false;
        host = PublicSuffixList.NormalizeHost(authority.ToString());
        return host.Length > 0;
    }

    /// <summary>The normalised host of a URL, or null.</summary>
    public static string? Host(string? url) => TryParse(url, out var h, out _) ? h : null;

    /// <summary>True when <paramref name="host"/> equals <paramref name="domain"/> or is a subdomain of it (label boundary, never a substring).</summary>
    public static bool IsAtOrBelow(string host, string domain) =>
        host.Length == domain.Length
            ? host == domain
            : host.Length > domain.Length && host.EndsWith(domain, StringComparison.Ordinal) && host[host.Length - domain.Length - 1] == '.';
}
