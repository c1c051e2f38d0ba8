using System.Buffers;
using System.Net;
using System.Net.Sockets;

namespace MixLab.Curation.Safety;

/// <summary>
/// Finds e-mail addresses, IPv4/IPv6 addresses and phone numbers in a text without backtracking regexes (curation
/// spec §2.1, §2.2): it jumps to anchors ('@' for e-mails, ':' for IPv6, digits for IPv4, digits/'+'/'(' for
/// phones), grows the candidate over the characters it may contain, and validates it locally. Passes run in that
/// order and a later pass never claims characters an earlier one found, so an IP is never read as a phone number.
/// Dotted quads right after "version", "ver", "release", "build" or "v" are versions, not addresses.
/// Phone rules: "+CC" international numbers with 8-15 digits; national numbers with separators (space, '-', '.',
/// parentheses), 10-11 digits in 2-5 groups of 2-5 digits (a leading "1" group allowed for +1 numbers), ending in
/// a group of 3 or more digits, or the French "0x xx xx xx xx" shape. Plain digit runs, dates (8 digits), dotted
/// quads, versions and ISBNs (groups of one digit, or "ISBN" just before) are not phone numbers.
/// </summary>
public sealed class PiiScanner
{
    private readonly PiiOptions _o;

    public PiiScanner(PiiOptions? options = null) => _o = options ?? new PiiOptions();

    /// <summary>All spans found, sorted by start, non-overlapping.</summary>
    public List<PiiMatch> Scan(ReadOnlySpan<char> s)
    {
        var found = new List<PiiMatch>();
        if (s.IsEmpty) return found;
        bool[] claimed = ArrayPool<bool>.Shared.Rent(s.Length);
        Array.Clear(claimed, 0, s.Length);
        try
        {
            if (_o.RedactEmails) ScanEmails(s, found, claimed);
            if (_o.RedactIPv6) ScanIPv6(s, found, claimed);
            ScanIPv4(s, found, claimed);
            if (_o.RedactPhones) ScanPhones(s, found, claimed);
        }
        finally
        {
            ArrayPool<bool>.Shared.Return(claimed);
        }
        found.Sort((a, b) => a.Start.CompareTo(b.Start));
        return found;
    }

    private static void Claim(List<PiiMatch> found, bool[] claimed, PiiMatch m)
    {
        found.Add(m);
        Array.Fill(claimed, true, m.Start, m.Length);
    }

    private static bool Free(bool[] claimed, int start, int length) =>
        Array.IndexOf(claimed, true, start, length) < 0;

    private static bool IsAsciiLetterOrDigit(char c) => char.IsAsciiLetterOrDigit(c);

    // ---- e-mail -------------------------------------------------------------------------------------------

    private static bool IsLocalChar(char c) => IsAsciiLetterOrDigit(c) || c is '.' or '_' or '%' or '+' or '-';

    private static bool IsDomainChar(char c) => IsAsciiLetterOrDigit(c) || c is '.' or '-';

    private void ScanEmails(ReadOnlySpan<char> s, List<PiiMatch> found, bool[] claimed)
    {
        int from = 0;
        while (from < s.Length)
        {
            int rel = s[from..].IndexOf('@');
            if (rel < 0) break;
            int at = from + rel;
            from = at + 1;
            int start = at;
            while (start > 0 && IsLocalChar(s[start - 1])) start--;
            while (start < at && s[start] == '.') start++;
            if (start == at) continue;
            int end = at + 1;
            while (end < s.Length && IsDomainChar(s[end])) end++;
            while (end > at + 1 && (s[end - 1] == '.' || s[end - 1] == '-')) end--;
            var domain = s[(at + 1)..end];
            if (!ValidDomain(domain)) continue;
            if (_o.KeepExampleDomains && IsExampleDomain(domain)) { from = end; continue; }
            Claim(found, claimed, new PiiMatch(start, end - start, PiiKind.Email, true));
            from = end;
        }
    }

    private static bool ValidDomain(ReadOnlySpan<char> d)
    {
        int lastDot = d.LastIndexOf('.');
        if (lastDot <= 0 || d.Contains("..", StringComparison.Ordinal) || d[0] == '-' || d[0] == '.') return false;
        var tld = d[(lastDot + 1)..];
        if (tld.Length < 2) return false;
        foreach (char c in tld)
            if (!char.IsAsciiLetter(c)) return false;
        return true;
    }

    private static bool IsExampleDomain(ReadOnlySpan<char> d)
    {
        foreach (var ex in (ReadOnlySpan<string>)["example.com", "example.org", "example.net"])
        {
            if (d.Equals(ex, StringComparison.OrdinalIgnoreCase)) return true;
            if (d.Length > ex.Length && d[^(ex.Length + 1)] == '.' && d.EndsWith(ex, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    // ---- IPv6 ---------------------------------------------------------------------------------------------

    private static bool IsV6Char(char c) => char.IsAsciiHexDigit(c) || c is ':' or '.';

    private static bool IsWordChar(char c) => char.IsLetterOrDigit(c) || c == '_';

    private void ScanIPv6(ReadOnlySpan<char> s, List<PiiMatch> found, bool[] claimed)
    {
        int from = 0;
        while (from < s.Length)
        {
            int rel = s[from..].IndexOf(':');
            if (rel < 0) break;
            int colon = from + rel;
            int l = colon;
            while (l > 0 && IsV6Char(s[l - 1])) l--;
            int r = colon + 1;
            while (r < s.Length && IsV6Char(s[r])) r++;
            from = r;
            // Trim a lone leading ':' (as in "ip:2001:...") and trailing '.' or lone ':' (sentence punctuation).
            if (r - l >= 2 && s[l] == ':' && s[l + 1] != ':') l++;
            while (r > l && s[r - 1] == '.') r--;
            if (r - l >= 2 && s[r - 1] == ':' && s[r - 2] != ':') r--;
            if (r - l < 3) continue;
            if (l > 0 && IsWordChar(s[l - 1])) continue;
            if (r < s.Length && IsWordChar(s[r])) continue;
            var cand = s[l..r];
            if (cand.Count(':') < 2) continue;
            if (!IPAddress.TryParse(cand, out var ip) || ip.AddressFamily != AddressFamily.InterNetworkV6) continue;
            if (!Free(claimed, l, r - l)) continue;
            Claim(found, claimed, new PiiMatch(l, r - l, PiiKind.IPv6, !_o.OnlyPublicIps || PublicIp.IsPublic(ip)));
        }
    }

    // ---- IPv4 ---------------------------------------------------------------------------------------------

    private void ScanIPv4(ReadOnlySpan<char> s, List<PiiMatch> found, bool[] claimed)
    {
        int i = 0;
        Span<int> oct = stackalloc int[4];
        while (i < s.Length)
        {
            if (!char.IsAsciiDigit(s[i])) { i++; continue; }
            int start = i;
            bool boundary = start == 0 || !(IsWordChar(s[start - 1]) || s[start - 1] == '.');
            int pos = i;
            int n = 0;
            bool ok = true;
            while (n < 4)
            {
                int ds = pos;
                int v = 0;
                while (pos < s.Length && char.IsAsciiDigit(s[pos]) && pos - ds < 4) { v = v * 10 + (s[pos] - '0'); pos++; }
                int len = pos - ds;
                if (len == 0 || len > 3 || v > 255 || (len > 1 && s[ds] == '0')) { ok = false; break; }
                oct[n++] = v;
                if (n < 4)
                {
                    if (pos < s.Length && s[pos] == '.') pos++;
                    else { ok = false; break; }
                }
            }
            if (ok && pos < s.Length && (IsWordChar(s[pos]) || (s[pos] == '.' && pos + 1 < s.Length && char.IsAsciiDigit(s[pos + 1]))))
                ok = false;
            if (ok && boundary && !AfterVersionWord(s, start) && Free(claimed, start, pos - start))
            {
                bool pub = PublicIp.IsPublicV4((byte)oct[0], (byte)oct[1], (byte)oct[2], (byte)oct[3]);
                Claim(found, claimed, new PiiMatch(start, pos - start, PiiKind.IPv4, _o.RedactIPv4 && (!_o.OnlyPublicIps || pub)));
                i = pos;
                continue;
            }
            // Skip the rest of this digit run so that the scan stays linear.
            i++;
            while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
        }
    }

    /// <summary>True when the word before <paramref name="start"/> is "version", "ver", "release", "build" or "v"
    /// (so that "Version 1.2.3.4" is not read as an address).</summary>
    private static bool AfterVersionWord(ReadOnlySpan<char> s, int start)
    {
        int e = start;
        while (e > 0 && s[e - 1] is ' ' or ':' or '=') e--;
        if (e > 0 && s[e - 1] == '.') e--;
        int b = e;
        while (b > 0 && char.IsLetter(s[b - 1])) b--;
        var word = s[b..e];
        foreach (var w in (ReadOnlySpan<string>)["version", "ver", "release", "build", "v"])
            if (word.Equals(w, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    // ---- phone numbers ------------------------------------------------------------------------------------

    private static bool BlocksPhoneStart(char c) => IsWordChar(c) || "_.-+/=#$%&@,".Contains(c);

    private static void ScanPhones(ReadOnlySpan<char> s, List<PiiMatch> found, bool[] claimed)
    {
        Span<int> groups = stackalloc int[8];
        int i = 0;
        while (i < s.Length)
        {
            char c = s[i];
            bool startable = char.IsAsciiDigit(c)
                || ((c == '+' || c == '(') && i + 1 < s.Length && char.IsAsciiDigit(s[i + 1]));
            if (!startable || claimed[i] || (i > 0 && BlocksPhoneStart(s[i - 1])))
            {
                i++;
                if (char.IsAsciiDigit(c)) while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
                continue;
            }
            int end = TryPhone(s, i, groups, claimed);
            if (end > i)
            {
                Claim(found, claimed, new PiiMatch(i, end - i, PiiKind.Phone, true));
                i = end;
            }
            else
            {
                i++;
                while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
            }
        }
    }

    /// <summary>Returns the end of a phone number starting at <paramref name="start"/>, or <paramref name="start"/> when there is none.</summary>
    private static int TryPhone(ReadOnlySpan<char> s, int start, Span<int> groups, bool[] claimed)
    {
        int pos = start;
        bool intl = s[pos] == '+';
        if (intl) pos++;
        int nGroups = 0, digits = 0, lastEnd = pos;
        bool onlyDots = true, anySep = false;
        char firstDigit = '\0';
        while (pos < s.Length && nGroups < groups.Length)
        {
            bool paren = s[pos] == '(';
            int p = paren ? pos + 1 : pos;
            int ds = p;
            while (p < s.Length && char.IsAsciiDigit(s[p])) p++;
            int len = p - ds;
            if (len == 0) break;
            if (paren)
            {
                if (p < s.Length && s[p] == ')') p++;
                else break;
                onlyDots = false;
            }
            if (firstDigit == '\0') firstDigit = s[ds];
            groups[nGroups++] = len;
            digits += len;
            lastEnd = p;
            pos = p;
            if (pos >= s.Length) break;
            // One separator: ' ', '-', '.', or " - "; after ')' a space or nothing.
            int q = pos;
            if (s[q] == ' ' && q + 2 < s.Length && s[q + 1] == '-' && s[q + 2] == ' ') q += 3;
            else if (s[q] is ' ' or '-' or '.') q++;
            else if (paren && (s[q] == '(' || char.IsAsciiDigit(s[q]))) { }
            else break;
            if (q < s.Length && (char.IsAsciiDigit(s[q]) || s[q] == '('))
            {
                if (q > pos) { anySep = true; if (s[pos] != '.') onlyDots = false; }
                pos = q;
            }
            else break;
        }
        int end = lastEnd;
        if (end < s.Length && (IsWordChar(s[end]) || s[end] == '@')) return start;
        for (int k = start; k < end; k++)
            if (claimed[k]) return start;
        var g = groups[..nGroups];
        if (intl)
            return digits is >= 8 and <= 15 && firstDigit != '0' ? end : start;
        if (!anySep && nGroups == 1) return start;
        if (digits is < 10 or > 11 || nGroups is < 2 or > 5) return start;
        if (onlyDots && nGroups == 4) return start;
        if (PrecededByIsbn(s, start)) return start;
        bool french = nGroups == 5 && firstDigit == '0' && AllEqual(g, 2);
        if (!french)
        {
            for (int k = 0; k < nGroups; k++)
            {
                bool leadingOne = k == 0 && g[0] == 1 && firstDigit == '1' && nGroups == 4;
                if ((g[k] < 2 && !leadingOne) || g[k] > 5) return start;
            }
            if (g[nGroups - 1] < 3) return start;
            if (digits == 11 && firstDigit != '0' && firstDigit != '1') return start;
        }
        return end;
    }

    private static bool AllEqual(ReadOnlySpan<int> g, int v)
    {
        foreach (var x in g) if (x != v) return false;
        return true;
    }

    private static bool PrecededByIsbn(ReadOnlySpan<char> s, int start)
    {
        int from = Math.Max(0, start - 12);
        return s[from..start].Contains("isbn", StringComparison.OrdinalIgnoreCase);
    }
}
