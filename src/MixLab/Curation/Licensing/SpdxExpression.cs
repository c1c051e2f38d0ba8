using System.Text;
using MixLab.Documents;

namespace MixLab.Curation.Licensing;

/// <summary>
/// A parsed SPDX licence expression (SPDX spec Annex D; curation spec §5.1): licence ids (optionally with "+"),
/// LicenseRef-/DocumentRef- references, WITH exceptions, AND, OR and parentheses. Precedence, tightest first:
/// "+", WITH, AND, OR. Ids are matched case-insensitively and written in canonical case; deprecated ids are
/// replaced (GPL-2.0 -> GPL-2.0-only, GPL-2.0+ -> GPL-2.0-or-later). <see cref="Tier"/> resolves the family by
/// the §5.4 rules: OR takes the most permissive branch, AND the most restrictive, WITH does not upgrade.
/// </summary>
public abstract record SpdxExpression
{
    /// <summary>The licence family of the whole expression.</summary>
    public abstract LicenseTier Tier { get; }

    /// <summary>Canonical text of the expression.</summary>
    public abstract override string ToString();

    internal virtual int Precedence => 3;

    /// <summary>Parses an expression; throws <see cref="FormatException"/> with the position on bad input.</summary>
    public static SpdxExpression Parse(string text) =>
        TryParse(text, out var e, out var error) ? e! : throw new FormatException(error);

    /// <summary>Parses an expression; on failure returns false and says why.</summary>
    public static bool TryParse(string text, out SpdxExpression? expression, out string? error)
    {
        var p = new SpdxParser(text);
        expression = p.Run(out error);
        return expression is not null;
    }

    internal static string Wrap(SpdxExpression e, int minPrecedence) =>
        e.Precedence < minPrecedence ? "(" + e + ")" : e.ToString();
}

/// <summary>One SPDX licence id, optionally "or later" ("+", kept only when no "-or-later" id exists).</summary>
public sealed record SpdxLicenseId(string Id, bool OrLater, bool Known) : SpdxExpression
{
    public override LicenseTier Tier => SpdxLicenseTable.TierOf(Id);

    public override string ToString() => OrLater ? Id + "+" : Id;
}

/// <summary>A LicenseRef-… (optionally DocumentRef-…:LicenseRef-…) user-defined licence reference.</summary>
public sealed record SpdxLicenseRef(string? DocumentRef, string LicenseRef) : SpdxExpression
{
    /// <summary>Families of the LicenseRef- names MixLab itself emits (curation spec §5.4); others are unknown.</summary>
    public static readonly IReadOnlyDictionary<string, LicenseTier> KnownRefs = new Dictionary<string, LicenseTier>(StringComparer.OrdinalIgnoreCase)
    {
        ["LicenseRef-Public-Domain"] = LicenseTier.PublicDomain,
        ["LicenseRef-US-Gov-PD"] = LicenseTier.PublicDomain,
        ["LicenseRef-PD-expired"] = LicenseTier.PublicDomain,
        ["LicenseRef-OPL"] = LicenseTier.Permissive,
        ["LicenseRef-Government-Work"] = LicenseTier.Government,
        ["LicenseRef-All-Rights-Reserved"] = LicenseTier.AllRightsReserved,
        ["LicenseRef-NonCommercial"] = LicenseTier.NonCommercial,
        ["LicenseRef-NoDerivatives"] = LicenseTier.NoDerivatives,
    };

    public override LicenseTier Tier =>
        DocumentRef is null && KnownRefs.TryGetValue(LicenseRef, out var t) ? t : LicenseTier.Unknown;

    public override string ToString() => DocumentRef is null ? LicenseRef : DocumentRef + ":" + LicenseRef;
}

/// <summary>license WITH exception; the exception never changes the family.</summary>
public sealed record SpdxWith(SpdxExpression License, string Exception) : SpdxExpression
{
    public override LicenseTier Tier => License.Tier;

    internal override int Precedence => 2;

    public override string ToString() => License + " WITH " + Exception;
}

/// <summary>Conjunction: all terms apply, so the most restrictive family wins.</summary>
public sealed record SpdxAnd(SpdxExpression Left, SpdxExpression Right) : SpdxExpression
{
    public override LicenseTier Tier => TierOrder.MostRestrictive(Left.Tier, Right.Tier);

    internal override int Precedence => 1;

    public override string ToString() => Wrap(Left, 1) + " AND " + Wrap(Right, 1);
}

/// <summary>Disjunction: the user may choose, so the most permissive family wins.</summary>
public sealed record SpdxOr(SpdxExpression Left, SpdxExpression Right) : SpdxExpression
{
    public override LicenseTier Tier => TierOrder.MostPermissive(Left.Tier, Right.Tier);

    internal override int Precedence => 0;

    public override string ToString() => Wrap(Left, 0) + " OR " + Wrap(Right, 0);
}

/// <summary>Recursive-descent parser for <see cref="SpdxExpression"/>.</summary>
internal sealed class SpdxParser(string text)
{
    private int _pos;
    private string? _error;

    public SpdxExpression? Run(out string? error)
    {
        var e = ParseOr();
        SkipSpace();
        if (e is not null && _pos < text.Length && _error is null)
            Fail($"unexpected '{text[_pos]}'");
        error = _error;
        return _error is null ? e : null;
    }

    private SpdxExpression? ParseOr()
    {
        var left = ParseAnd();
        while (left is not null && TryKeyword("OR"))
        {
            var right = ParseAnd();
            if (right is null) return null;
            left = new SpdxOr(left, right);
        }
        return left;
    }

    private SpdxExpression? ParseAnd()
    {
        var left = ParseWith();
        while (left is not null && TryKeyword("AND"))
        {
            var right = ParseWith();
            if (right is null) return null;
            left = new SpdxAnd(left, right);
        }
        return left;
    }

    private SpdxExpression? ParseWith()
    {
        var left = ParsePrimary();
        if (left is null || !TryKeyword("WITH")) return left;
        var id = ReadId();
        if (id is null) return Fail("expected an exception id after WITH");
        var canonical = SpdxLicenseTable.CanonicalException(id) ?? id;
        return new SpdxWith(left, canonical);
    }

    private SpdxExpression? ParsePrimary()
    {
        SkipSpace();
        if (_pos >= text.Length) return Fail("unexpected end of expression");
        if (text[_pos] == '(')
        {
            _pos++;
            var inner = ParseOr();
            if (inner is null) return null;
            SkipSpace();
            if (_pos >= text.Length || text[_pos] != ')') return Fail("expected ')'");
            _pos++;
            return inner;
        }
        var id = ReadId();
        if (id is null) return Fail($"expected a licence id at '{text[_pos]}'");
        var plus = _pos < text.Length && text[_pos] == '+';
        if (plus) _pos++;
        return MakeLeaf(id, plus);
    }

    private SpdxExpression? MakeLeaf(string id, bool plus)
    {
        var colon = id.IndexOf(':');
        if (id.StartsWith("DocumentRef-", StringComparison.OrdinalIgnoreCase))
        {
            if (colon < 0 || !id.AsSpan(colon + 1).StartsWith("LicenseRef-", StringComparison.OrdinalIgnoreCase))
                return Fail($"DocumentRef without ':LicenseRef-' in '{id}'");
            return new SpdxLicenseRef("DocumentRef-" + id[12..colon], "LicenseRef-" + id[(colon + 12)..]);
        }
        if (id.StartsWith("LicenseRef-", StringComparison.OrdinalIgnoreCase))
        {
            var name = "LicenseRef-" + id[11..];
            foreach (var k in SpdxLicenseRef.KnownRefs.Keys)
                if (string.Equals(k, name, StringComparison.OrdinalIgnoreCase)) name = k;
            return new SpdxLicenseRef(null, name);
        }
        if (colon >= 0) return Fail($"unexpected ':' in '{id}'");
        if (plus && SpdxLicenseTable.TryGet(StripOnly(id) + "-or-later", out var later, out _, out _))
            return new SpdxLicenseId(later, false, true);
        var replacement = SpdxLicenseTable.Replacement(id);
        if (replacement is not null && !plus)
            return new SpdxParser(replacement).Run(out _);
        var known = SpdxLicenseTable.TryGet(id, out var canonical, out _, out _);
        return new SpdxLicenseId(canonical, plus, known);
    }

    private static string StripOnly(string id) =>
        id.EndsWith("-only", StringComparison.OrdinalIgnoreCase) ? id[..^5] : id;

    private string? ReadId()
    {
        SkipSpace();
        var start = _pos;
        while (_pos < text.Length && (char.IsAsciiLetterOrDigit(text[_pos]) || text[_pos] is '-' or '.' or ':'))
            _pos++;
        return _pos > start ? text[start.._pos] : null;
    }

    private bool TryKeyword(string keyword)
    {
        SkipSpace();
        var end = _pos + keyword.Length;
        if (end > text.Length || !text.AsSpan(_pos, keyword.Length).Equals(keyword, StringComparison.OrdinalIgnoreCase))
            return false;
        if (end < text.Length && !char.IsWhiteSpace(text[end]) && text[end] != '(') return false;
        _pos = end;
        return true;
    }

    private void SkipSpace()
    {
        while (_pos < text.Length && char.IsWhiteSpace(text[_pos])) _pos++;
    }

    private SpdxExpression? Fail(string message)
    {
        _error ??= $"SPDX expression '{text}': {message} (position {_pos})";
        return null;
    }
}
