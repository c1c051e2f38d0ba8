using System.Buffers;
using System.Text;
using MixLab.Documents;

namespace MixLab.Curation.Licensing;

/// <summary>
/// Finds licence notices in a document's text (curation spec §5.3, §1.4 steps 5–6, §7.6): CC licence URLs
/// (dolma cc_re confidences 0.5 + 0.5/(i+1) for the i-th match), HTML rel="license" links and licence meta tags,
/// CC badges and long names, SPDX-License-Identifier lines, the Apache/MIT/GPL notice wordings, public-domain
/// statements, "all rights reserved" and multilingual non-commercial / no-derivatives phrases. One multi-string
/// <see cref="SearchValues{T}"/> pass finds candidate positions; each is examined locally. CC marks inside
/// &lt;figure&gt;/&lt;figcaption&gt; or right after a photo/image credit are reported as media-scoped.
/// Spans are UTF-16 offsets into the text.
/// </summary>
public sealed class TextLicenseFinder
{
    private enum Handler { CcUrl, Badge, LongName, SpdxLine, Fixed, Gpl, Restriction }

    private sealed record Needle(string Text, Handler Handler, string? Spdx = null, LicenseTier Tier = LicenseTier.Unknown, double Confidence = 0);

    private static readonly Needle[] Needles = BuildNeedles();
    // Two searches whose leftmost hits are merged: the ASCII needles (a trigram-filtered scan, AsciiPhraseSearch) and
    // the others (the slower Unicode automaton), which can only match where the text has a non-ASCII char unless one
    // of them is made of chars that case-fold to ASCII.
    private static readonly string[] NeedleTexts = Needles.Select(n => n.Text).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    private static readonly AsciiPhraseSearch AsciiSearch = new(NeedleTexts.Where(t => Ascii.IsValid(t)));
    private static readonly SearchValues<string> OtherSearch = SearchValues.Create(NeedleTexts.Where(t => !Ascii.IsValid(t)).ToArray(), StringComparison.OrdinalIgnoreCase);
    private static readonly int OtherMaxLength = NeedleTexts.Where(t => !Ascii.IsValid(t)).Select(t => t.Length).DefaultIfEmpty(1).Max();
    private static readonly bool OtherMayMatchAscii = NeedleTexts.Any(t => !Ascii.IsValid(t) && t.All(FoldsToAscii));

    private static bool FoldsToAscii(char c) => c < 0x80 || char.ToUpperInvariant(c) < 0x80 || char.ToLowerInvariant(c) < 0x80;

    private readonly int _maxChars;

    /// <summary>Scans at most <paramref name="maxChars"/> characters: all of a shorter text, else the first and last halves.</summary>
    public TextLicenseFinder(int maxChars = 200_000) => _maxChars = Math.Max(1000, maxChars);

    public List<LicenseFinding> Find(string text)
    {
        var found = new List<LicenseFinding>();
        var ccCount = 0;
        if (text.Length <= _maxChars)
        {
            Scan(text, 0, text.Length, found, ref ccCount);
        }
        else
        {
            var half = _maxChars / 2;
            Scan(text, 0, half, found, ref ccCount);
            Scan(text, text.Length - half, text.Length, found, ref ccCount);
        }
        return found;
    }

    private static void Scan(string text, int from, int to, List<LicenseFinding> found, ref int ccCount)
    {
        var pos = from;
        var searchOther = OtherMayMatchAscii || !Ascii.IsValid(text.AsSpan(from, to - from));
        int nextAscii = -2, nextOther = searchOther ? -2 : -1; // -2: to be searched, -1: none left
        while (pos < to)
        {
            if (nextAscii == -2 || (nextAscii >= 0 && nextAscii < pos)) nextAscii = AsciiSearch.IndexOf(text, pos, to);
            if (nextOther == -2 || (nextOther >= 0 && nextOther < pos))
                nextOther = OtherMayMatchAscii ? NextHit(text, pos, to, OtherSearch) : NextOtherHit(text, pos, to);
            if (nextAscii < 0 && nextOther < 0) return;
            var at = nextAscii < 0 ? nextOther : nextOther < 0 ? nextAscii : Math.Min(nextAscii, nextOther);
            var next = at + 1;
            foreach (var n in Needles)
            {
                if (!text.AsSpan(at).StartsWith(n.Text, StringComparison.OrdinalIgnoreCase)) continue;
                if (n.Handler != Handler.CcUrl && char.IsLetter(n.Text[0]) && n.Text[0] < '\u3000' && at > 0 && char.IsLetterOrDigit(text[at - 1]))
                    continue;
                var end = Handle(text, at, n, found, ref ccCount);
                if (end > at)
                {
                    next = Math.Max(next, end);
                    break;
                }
            }
            pos = next;
        }
    }

    private static int NextHit(string text, int pos, int to, SearchValues<string> search)
    {
        var rel = text.AsSpan(pos, to - pos).IndexOfAny(search);
        return rel < 0 ? -1 : pos + rel;
    }

    /// <summary>Leftmost hit of the non-ASCII needles in [pos, to). Each of them has a char that only matches a non-ASCII
    /// char, so a hit lies within <see cref="OtherMaxLength"/> of a non-ASCII char of the text: only the windows around
    /// those chars (merged where they overlap, left to right) are searched.</summary>
    private static int NextOtherHit(string text, int pos, int to)
    {
        var span = text.AsSpan();
        int p = pos;
        while (p < to)
        {
            int rel = span[p..to].IndexOfAnyExceptInRange('\0', '\x7f');
            if (rel < 0) return -1;
            int last = p + rel;
            int ws = Math.Max(pos, last - OtherMaxLength + 1);
            int we = Math.Min(to, last + OtherMaxLength);
            while (last + 1 < to)
            {
                int nextRel = span[(last + 1)..to].IndexOfAnyExceptInRange('\0', '\x7f');
                if (nextRel < 0) break;
                int next = last + 1 + nextRel;
                if (next - OtherMaxLength + 1 >= we) break;
                last = next;
                we = Math.Min(to, next + OtherMaxLength);
            }
            int hit = span[ws..we].IndexOfAny(OtherSearch);
            if (hit >= 0) return ws + hit;
            p = we;
        }
        return -1;
    }

    private static int Handle(string text, int at, Needle n, List<LicenseFinding> found, ref int ccCount)
    {
        var span = text.AsSpan();
        switch (n.Handler)
        {
            case Handler.CcUrl:
            {
                var pathStart = at + n.Text.Length;
                if (!CcLicense.TryParseUrlPath(span[pathStart..], out var spdx, out var tier, out var len)) return -1;
                var start = UrlStart(text, at);
                var end = pathStart + len;
                var confidence = 0.5 + 0.5 / (ccCount + 1);
                ccCount++;
                var precedence = InLicenseTag(text, start) ? LicensePrecedence.HtmlLicenseTag : LicensePrecedence.CcUrl;
                found.Add(Finding(text, start, end, spdx, tier, confidence, precedence, IsMediaScoped(text, start)));
                return end;
            }
            case Handler.Badge:
            {
                if (!CcLicense.TryParseBadge(span[at..], out var spdx, out var tier, out var len)) return -1;
                found.Add(Finding(text, at, at + len, spdx, tier, 0.8, LicensePrecedence.Phrase, IsMediaScoped(text, at)));
                return at + len;
            }
            case Handler.LongName:
            {
                var p = at + n.Text.Length;
                while (p < text.Length && text[p] is ' ' or '-' or '\u00a0' or '(') p++;
                if (!CcLicense.TryParseLongName(span[p..], out var spdx, out var tier, out var len)) return -1;
                found.Add(Finding(text, at, p + len, spdx, tier, 0.8, LicensePrecedence.Phrase, IsMediaScoped(text, at)));
                return p + len;
            }
            case Handler.SpdxLine:
            {
                var p = at + n.Text.Length;
                var lineEnd = span[p..].IndexOfAny('\n', '\r');
                var end = lineEnd < 0 ? text.Length : p + lineEnd;
                var value = text[p..end];
                foreach (var closer in new[] { "*/", "-->", "\"", "'" })
                {
                    var c = value.IndexOf(closer, StringComparison.Ordinal);
                    if (c >= 0) value = value[..c];
                }
                if (!SpdxExpression.TryParse(value.Trim(), out var expr, out _)) return -1;
                found.Add(Finding(text, at, p + value.TrimEnd().Length, expr!.ToString(), expr.Tier, 0.95, LicensePrecedence.SpdxLine, false));
                return end;
            }
            case Handler.Gpl:
            {
                var end = at + n.Text.Length;
                var back = span[Math.Max(0, at - 800)..at];
                var version = n.Spdx!;
                string family = back.Contains("affero", StringComparison.OrdinalIgnoreCase) ? "AGPL"
                    : back.Contains("lesser general public", StringComparison.OrdinalIgnoreCase) || back.Contains("library general public", StringComparison.OrdinalIgnoreCase) ? "LGPL"
                    : "GPL";
                var id = $"{family}-{version}-or-later";
                if (!SpdxLicenseTable.TryGet(id, out var canonical, out var tier, out _)) return -1;
                found.Add(Finding(text, at, end, canonical, tier, 0.85, LicensePrecedence.Phrase, false));
                return end;
            }
            default:
            {
                var end = at + n.Text.Length;
                found.Add(Finding(text, at, end, n.Spdx, n.Tier, n.Confidence, LicensePrecedence.Phrase, false));
                return end;
            }
        }
    }

    private static LicenseFinding Finding(string text, int start, int end, string? spdx, LicenseTier tier, double confidence, int precedence, bool media) =>
        new(new LicenseEvidence(media ? "media" : "text", start, end, text[start..end], null, spdx), tier, confidence, precedence, media);

    /// <summary>Backs up over "https://", "http://", "//" and "www." before "creativecommons.org/".</summary>
    private static int UrlStart(string text, int at)
    {
        var s = at;
        if (s >= 4 && text.AsSpan(s - 4, 4).Equals("www.", StringComparison.OrdinalIgnoreCase)) s -= 4;
        if (s >= 2 && text[s - 1] == '/' && text[s - 2] == '/')
        {
            s -= 2;
            if (s >= 6 && text.AsSpan(s - 6, 6).Equals("https:", StringComparison.OrdinalIgnoreCase)) s -= 6;
            else if (s >= 5 && text.AsSpan(s - 5, 5).Equals("http:", StringComparison.OrdinalIgnoreCase)) s -= 5;
        }
        return s;
    }

    /// <summary>True when the URL is the href of an a/link tag with rel containing "license", or the content of a licence meta tag.</summary>
    private static bool InLicenseTag(string text, int urlStart)
    {
        var windowStart = Math.Max(0, urlStart - 400);
        var lt = text.AsSpan(windowStart, urlStart - windowStart).LastIndexOf('<');
        if (lt < 0) return false;
        lt += windowStart;
        var gt = text.IndexOf('>', urlStart);
        if (text.AsSpan(lt, urlStart - lt).Contains('>')) return false;
        var tag = text.AsSpan(lt, (gt < 0 ? Math.Min(text.Length, urlStart + 400) : gt) - lt);
        if (tag.StartsWith("<a ", StringComparison.OrdinalIgnoreCase) || tag.StartsWith("<link ", StringComparison.OrdinalIgnoreCase))
            return tag.Contains("rel=\"license\"", StringComparison.OrdinalIgnoreCase) || tag.Contains("rel='license'", StringComparison.OrdinalIgnoreCase)
                || tag.Contains("rel=license", StringComparison.OrdinalIgnoreCase) || tag.Contains("license\"", StringComparison.OrdinalIgnoreCase) && tag.Contains("rel=", StringComparison.OrdinalIgnoreCase);
        if (tag.StartsWith("<meta ", StringComparison.OrdinalIgnoreCase))
            return tag.Contains("license", StringComparison.OrdinalIgnoreCase) || tag.Contains("dc.rights", StringComparison.OrdinalIgnoreCase);
        return false;
    }

    /// <summary>
    /// Media scope: inside an unclosed &lt;figure&gt; or &lt;figcaption&gt; within the last 3,000 characters, or a media
    /// word (photo, image, …) in the 80 characters before the mark on the same line.
    /// </summary>
    private static bool IsMediaScoped(string text, int at)
    {
        var w0 = Math.Max(0, at - 3000);
        var back = text.AsSpan(w0, at - w0);
        if (Unclosed(back, "<figure", "</figure") || Unclosed(back, "<figcaption", "</figcaption")) return true;
        var l0 = Math.Max(0, at - 80);
        var line = text.AsSpan(l0, at - l0);
        var nl = line.LastIndexOf('\n');
        if (nl >= 0) line = line[(nl + 1)..];
        foreach (var w in LicensePhrases.MediaWords)
            if (line.Contains(w, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }

    private static bool Unclosed(ReadOnlySpan<char> s, string open, string close)
    {
        var o = s.LastIndexOf(open, StringComparison.OrdinalIgnoreCase);
        return o >= 0 && s.LastIndexOf(close, StringComparison.OrdinalIgnoreCase) < o;
    }

    private static Needle[] BuildNeedles()
    {
        var list = new List<Needle>
        {
            new("creativecommons.org/", Handler.CcUrl),
            new("creative commons", Handler.LongName), new("creative-commons", Handler.LongName),
            new("spdx-license-identifier:", Handler.SpdxLine),
            new("free and unencumbered software released into the public domain", Handler.Fixed, "Unlicense", LicenseTier.PublicDomain, 0.9),
            new("licensed under the apache license, version 2.0", Handler.Fixed, "Apache-2.0", LicenseTier.Permissive, 0.9),
            new("apache license, version 2.0", Handler.Fixed, "Apache-2.0", LicenseTier.Permissive, 0.85),
            new("apache license version 2.0", Handler.Fixed, "Apache-2.0", LicenseTier.Permissive, 0.85),
            new("apache license 2.0", Handler.Fixed, "Apache-2.0", LicenseTier.Permissive, 0.8),
            new("permission is hereby granted, free of charge, to any person obtaining a copy", Handler.Fixed, "MIT", LicenseTier.Permissive, 0.85),
            new("released under the mit license", Handler.Fixed, "MIT", LicenseTier.Permissive, 0.8),
            new("licensed under the mit license", Handler.Fixed, "MIT", LicenseTier.Permissive, 0.8),
            new("either version 2 of the license", Handler.Gpl, "2.0"),
            new("either version 2.1 of the license", Handler.Gpl, "2.1"),
            new("either version 3 of the license", Handler.Gpl, "3.0"),
            new("released into the public domain", Handler.Fixed, "LicenseRef-Public-Domain", LicenseTier.PublicDomain, 0.7),
            new("dedicated to the public domain", Handler.Fixed, "LicenseRef-Public-Domain", LicenseTier.PublicDomain, 0.7),
            new("placed in the public domain", Handler.Fixed, "LicenseRef-Public-Domain", LicenseTier.PublicDomain, 0.7),
            new("this work is in the public domain", Handler.Fixed, "LicenseRef-Public-Domain", LicenseTier.PublicDomain, 0.75),
            new("is in the public domain", Handler.Fixed, "LicenseRef-Public-Domain", LicenseTier.PublicDomain, 0.65),
        };
        foreach (var b in new[] { "cc by", "cc-by", "cc_by", "cc0", "cc-0", "cc zero" }) list.Add(new(b, Handler.Badge));
        foreach (var p in LicensePhrases.NonCommercial) list.Add(new(p, Handler.Restriction, "LicenseRef-NonCommercial", LicenseTier.NonCommercial, 0.9));
        foreach (var p in LicensePhrases.NoDerivatives) list.Add(new(p, Handler.Restriction, "LicenseRef-NoDerivatives", LicenseTier.NoDerivatives, 0.9));
        foreach (var p in LicensePhrases.AllRightsReserved) list.Add(new(p, Handler.Restriction, "LicenseRef-All-Rights-Reserved", LicenseTier.AllRightsReserved, 0.9));
        // Longest first, so that at one position the most specific wording wins.
        return list.OrderByDescending(n => n.Text.Length).ToArray();
    }
}
