namespace MixLab.Curation.Quality;

/// <summary>
/// A hand-written equivalent of spaCy's <c>URL_MATCH</c> (used by <see cref="WordTokenizer"/> so that URLs, e-mail
/// addresses and host names stay one token): optional scheme <c>[\w+\-.]{2,}://</c>, optional <c>user[:pass]@</c>,
/// then a host of one or more labels ending in "." followed by a top-level domain of 2-63 lower-case letters (or a
/// dotted IPv4 address), optional <c>:port</c> of 2-5 digits, optional path starting with / ? or #, then the end.
/// Deviation: spaCy's exclusion of private IPv4 ranges is not reproduced.
/// </summary>
public static class UrlMatcher
{
    public static bool IsMatch(ReadOnlySpan<char> s)
    {
        if (s.Length < 4) return false;
        int p = 0;
        int scheme = s.IndexOf("://");
        if (scheme >= 2 && IsSchemeChars(s[..scheme])) p = scheme + 3;

        // Greedy user-info: try the last '@' first, then earlier ones, then none.
        var rest = s[p..];
        int at = rest.LastIndexOf('@');
        while (at > 0)
        {
            if (MatchHostPortPath(rest[(at + 1)..])) return true;
            at = rest[..at].LastIndexOf('@');
        }
        return MatchHostPortPath(rest);
    }

    private static bool IsSchemeChars(ReadOnlySpan<char> s)
    {
        foreach (char c in s)
            if (!(char.IsLetterOrDigit(c) || c == '_' || c == '+' || c == '-' || c == '.')) return false;
        return true;
    }

    private static bool IsHostChar(char c) => (c < 0x80 && char.IsAsciiLetterOrDigit(c)) || (c >= '\u00a1');

    private static bool MatchHostPortPath(ReadOnlySpan<char> s)
    {
        int end = 0;
        while (end < s.Length && (IsHostChar(s[end]) || s[end] == '_' || s[end] == '-' || s[end] == '.')) end++;
        if (end == 0) return false;
        var host = s[..end];
        if (!IsIPv4(host) && !IsDomain(host)) return false;
        var tail = s[end..];
        if (tail.Length > 0 && tail[0] == ':')
        {
            int d = 1;
            while (d < tail.Length && char.IsAsciiDigit(tail[d])) d++;
            if (d - 1 < 2 || d - 1 > 5) return false;
            tail = tail[d..];
        }
        return tail.Length == 0 || tail[0] == '/' || tail[0] == '?' || tail[0] == '#';
    }

    private static bool IsDomain(ReadOnlySpan<char> host)
    {
        int lastDot = host.LastIndexOf('.');
        if (lastDot <= 0) return false;
        var tld = host[(lastDot + 1)..];
        if (tld.Length < 2 || tld.Length > 63) return false;
        foreach (char c in tld)
            if (!char.IsLower(c)) return false;
        var labels = host[..lastDot];
        while (labels.Length > 0)
        {
            int dot = labels.IndexOf('.');
            var label = dot < 0 ? labels : labels[..dot];
            if (label.Length == 0 || label.Length > 64 || !IsHostChar(label[0]) || !IsHostChar(label[^1])) return false;
            labels = dot < 0 ? [] : labels[(dot + 1)..];
            if (dot >= 0 && labels.Length == 0) return false;
        }
        return true;
    }

    private static bool IsIPv4(ReadOnlySpan<char> host)
    {
        int parts = 0;
        foreach (var range in host.Split('.'))
        {
            var part = host[range];
            if (part.Length == 0 || part.Length > 3 || !int.TryParse(part, out int v) || v > 255) return false;
            foreach (char c in part) if (!char.IsAsciiDigit(c)) return false;
            parts++;
        }
        return parts == 4 && host[0] != '0';
    }
}
