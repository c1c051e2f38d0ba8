using MixLab.Documents;

namespace MixLab.Curation.Licensing;

/// <summary>
/// Parsing of Creative Commons licences from URLs (creativecommons.org/licenses/by-nc-sa/4.0/…, /publicdomain/zero
/// and /mark; dolma cc_re and Common Pile's from_string, curation spec §2.5, §5.3) and from badge and name forms
/// ("CC BY-SA 4.0", "CC-BY-4.0", "CC0", "Creative Commons Attribution-NonCommercial 4.0"). A licence without a
/// version becomes LicenseRef-CC-BY… with the tier of its elements.
/// </summary>
public static class CcLicense
{
    /// <summary>SPDX id and tier for CC elements (NC, ND, SA flags) and an optional version and jurisdiction.</summary>
    public static (string Spdx, LicenseTier Tier) FromElements(bool nc, bool nd, bool sa, string? version, string? jurisdiction = null)
    {
        var name = "CC-BY" + (nc ? "-NC" : "") + (nd ? "-ND" : "") + (sa && !nd ? "-SA" : "");
        var tier = nd ? LicenseTier.NoDerivatives : nc ? LicenseTier.NonCommercial : sa ? LicenseTier.Copyleft : LicenseTier.Permissive;
        if (version is null) return ("LicenseRef-" + name, tier);
        if (jurisdiction is not null && SpdxLicenseTable.TryGet($"{name}-{version}-{jurisdiction}", out var j, out _, out _))
            return (j, tier);
        return SpdxLicenseTable.TryGet($"{name}-{version}", out var id, out _, out _) ? (id, tier) : ($"LicenseRef-{name}-{version}", tier);
    }

    /// <summary>
    /// Parses the path after "creativecommons.org/" (e.g. "licenses/by-nc/3.0/de/"); returns the number of characters
    /// consumed. False when the path is not a licence (e.g. "about").
    /// </summary>
    public static bool TryParseUrlPath(ReadOnlySpan<char> s, out string spdx, out LicenseTier tier, out int length)
    {
        spdx = "";
        tier = LicenseTier.Unknown;
        length = 0;
        var pos = 0;
        if (StartsWith(s, "licenses/", ref pos))
        {
            var typeStart = pos;
            while (pos < s.Length && (char.IsAsciiLetter(s[pos]) || s[pos] == '-')) pos++;
            var type = s[typeStart..pos].ToString().ToLowerInvariant();
            if (!TryElements(type, out var nc, out var nd, out var sa)) return false;
            var version = ReadSegment(s, ref pos, requireDigit: true);
            var juris = version is null ? null : ReadSegment(s, ref pos, requireDigit: false);
            if (juris is not null && (juris.StartsWith("deed", StringComparison.OrdinalIgnoreCase) || juris.StartsWith("legalcode", StringComparison.OrdinalIgnoreCase)))
                juris = null;
            (spdx, tier) = FromElements(nc, nd, sa, version, juris?.ToUpperInvariant());
            length = pos;
            return true;
        }
        if (StartsWith(s, "publicdomain/", ref pos))
        {
            if (StartsWith(s, "zero", ref pos)) spdx = "CC0-1.0";
            else if (StartsWith(s, "mark", ref pos)) spdx = "CC-PDM-1.0";
            else if (StartsWith(s, "certification", ref pos)) spdx = "CC-PDDC";
            else return false;
            ReadSegment(s, ref pos, requireDigit: true);
            tier = LicenseTier.PublicDomain;
            length = pos;
            return true;
        }
        return false;
    }

    /// <summary>
    /// Parses a badge at the start of <paramref name="s"/> ("cc by-nc-sa 4.0", "CC-BY-4.0", "cc0 1.0", "CC BY");
    /// returns the characters consumed. The caller checks the word boundary before "cc".
    /// </summary>
    public static bool TryParseBadge(ReadOnlySpan<char> s, out string spdx, out LicenseTier tier, out int length)
    {
        spdx = "";
        tier = LicenseTier.Unknown;
        length = 0;
        if (s.Length < 3 || !s.StartsWith("cc", StringComparison.OrdinalIgnoreCase)) return false;
        var pos = 2;
        if (pos < s.Length && s[pos] is ' ' or '-' or '_' or '\u00a0') pos++;
        if (StartsWith(s, "0", ref pos) || StartsWith(s, "zero", ref pos))
        {
            if (pos < s.Length && char.IsAsciiLetterOrDigit(s[pos]) && s[pos] != '1') return false;
            var save = pos;
            if (pos < s.Length && s[pos] is ' ' or '-') pos++;
            if (!StartsWith(s, "1.0", ref pos)) pos = save;
            (spdx, tier, length) = ("CC0-1.0", LicenseTier.PublicDomain, pos);
            return true;
        }
        if (!StartsWith(s, "by", ref pos)) return false;
        bool nc = false, nd = false, sa = false;
        while (true)
        {
            var p = pos;
            if (p < s.Length && s[p] is ' ' or '-' or '_') p++;
            if (StartsWith(s, "nc", ref p)) nc = true;
            else if (StartsWith(s, "nd", ref p)) nd = true;
            else if (StartsWith(s, "sa", ref p)) sa = true;
            else break;
            pos = p;
        }
        if (pos < s.Length && char.IsAsciiLetter(s[pos])) return false;
        string? version = null;
        var v = pos;
        if (v < s.Length && s[v] is ' ' or '-' or '_') v++;
        if (v + 2 < s.Length + 0 && char.IsAsciiDigit(s[v]) && s[v + 1] == '.' && char.IsAsciiDigit(s[v + 2]))
        {
            version = s.Slice(v, 3).ToString();
            pos = v + 3;
        }
        (spdx, tier) = FromElements(nc, nd, sa, version);
        length = pos;
        return true;
    }

    /// <summary>
    /// Parses "Attribution[-NonCommercial][-ShareAlike|-NoDerivatives|-NoDerivs] [version]" (the words after
    /// "Creative Commons "), or "Zero"/"CC0"; returns the characters consumed.
    /// </summary>
    public static bool TryParseLongName(ReadOnlySpan<char> s, out string spdx, out LicenseTier tier, out int length)
    {
        spdx = "";
        tier = LicenseTier.Unknown;
        length = 0;
        var pos = 0;
        if (StartsWith(s, "zero", ref pos) || StartsWith(s, "cc0", ref pos))
        {
            (spdx, tier, length) = ("CC0-1.0", LicenseTier.PublicDomain, pos);
            return true;
        }
        if (TryParseBadge(s, out spdx, out tier, out length)) return true;
        if (!StartsWith(s, "attribution", ref pos)) return false;
        bool nc = false, nd = false, sa = false;
        while (true)
        {
            var p = pos;
            while (p < s.Length && s[p] is ' ' or '-' or '\u2010' or '\u2013' or '\u2014') p++;
            if (StartsWith(s, "noncommercial", ref p) || StartsWith(s, "non-commercial", ref p) || StartsWith(s, "non commercial", ref p)) nc = true;
            else if (StartsWith(s, "noderivatives", ref p) || StartsWith(s, "noderivs", ref p) || StartsWith(s, "no derivatives", ref p) || StartsWith(s, "no derivative works", ref p)) nd = true;
            else if (StartsWith(s, "sharealike", ref p) || StartsWith(s, "share alike", ref p) || StartsWith(s, "share-alike", ref p)) sa = true;
            else break;
            pos = p;
        }
        string? version = null;
        var v = pos;
        while (v < s.Length && s[v] == ' ') v++;
        if (v + 2 < s.Length && char.IsAsciiDigit(s[v]) && s[v + 1] == '.' && char.IsAsciiDigit(s[v + 2]))
        {
            version = s.Slice(v, 3).ToString();
            pos = v + 3;
        }
        (spdx, tier) = FromElements(nc, nd, sa, version);
        length = pos;
        return true;
    }

    private static bool TryElements(string type, out bool nc, out bool nd, out bool sa)
    {
        nc = nd = sa = false;
        var parts = type.Split('-', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0 || parts[0] != "by") return false;
        foreach (var p in parts.AsSpan(1))
        {
            if (p == "nc") nc = true;
            else if (p == "nd") nd = true;
            else if (p == "sa") sa = true;
            else return false;
        }
        return true;
    }

    private static string? ReadSegment(ReadOnlySpan<char> s, ref int pos, bool requireDigit)
    {
        if (pos < s.Length && s[pos] == '/') pos++;
        var start = pos;
        while (pos < s.Length && (char.IsAsciiLetterOrDigit(s[pos]) || s[pos] is '.' or '-' or '_')) pos++;
        if (pos == start || (requireDigit && !char.IsAsciiDigit(s[start])))
        {
            pos = start;
            return null;
        }
        var seg = s[start..pos].ToString();
        if (pos < s.Length && s[pos] == '/') pos++;
        return seg;
    }

    private static bool StartsWith(ReadOnlySpan<char> s, string word, ref int pos)
    {
        if (pos + word.Length > s.Length || !s.Slice(pos, word.Length).Equals(word, StringComparison.OrdinalIgnoreCase)) return false;
        pos += word.Length;
        return true;
    }
}
