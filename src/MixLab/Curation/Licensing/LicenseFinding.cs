using MixLab.Documents;

namespace MixLab.Curation.Licensing;

/// <summary>
/// One piece of licence evidence as a finder reports it, before combination: the evidence written to the record,
/// the tier it implies, the finder's confidence, the precedence of its kind (<see cref="LicensePrecedence"/>), and
/// whether it is media-scoped (a CC mark on a figure or photo credit, which says nothing about the text; spec §5.4).
/// </summary>
public sealed record LicenseFinding(LicenseEvidence Evidence, LicenseTier Tier, double Confidence, int Precedence, bool MediaScoped = false);

/// <summary>
/// Precedence of evidence kinds when they disagree (curation spec §5.3 ordering, adapted to corpora): explicit
/// metadata &gt; SPDX-License-Identifier line &gt; HTML rel="license"/meta licence &gt; CC licence URL &gt;
/// allow-listed domain &gt; phrases and badges in the text &gt; government domain (a fallback when no licence is stated).
/// </summary>
public static class LicensePrecedence
{
    public const int Metadata = 60;
    public const int SpdxLine = 50;
    public const int HtmlLicenseTag = 40;
    public const int CcUrl = 30;
    public const int Domain = 20;
    public const int Phrase = 10;
    public const int Government = 5;
}
