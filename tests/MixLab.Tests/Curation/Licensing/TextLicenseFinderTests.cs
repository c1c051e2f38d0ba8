using MixLab.Curation.Licensing;
using MixLab.Documents;

namespace MixLab.Tests.Curation.Licensing;

public class TextLicenseFinderTests
{
    private static readonly TextLicenseFinder Finder = new();

    public static TheoryData<string> NonCommercialPhrases() => new(LicensePhrases.NonCommercial);

    public static TheoryData<string> NoDerivativesPhrases() => new(LicensePhrases.NoDerivatives);

    public static TheoryData<string> ReservedPhrases() => new(LicensePhrases.AllRightsReserved);

    private static void AssertSpan(string text, LicenseFinding f, string expectedMatch)
    {
        var e = f.Evidence;
        Assert.InRange(e.Start, 0, text.Length);
        Assert.InRange(e.End, e.Start + 1, text.Length);
        Assert.Equal(text.Substring(e.Start, e.End - e.Start), e.Match);
        Assert.Contains(expectedMatch, e.Match, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("see https://creativecommons.org/licenses/by-nc-sa/4.0/ for terms", "CC-BY-NC-SA-4.0", LicenseTier.NonCommercial)]
    [InlineData("see http://creativecommons.org/licenses/by/3.0/de/deed.de", "CC-BY-3.0-DE", LicenseTier.Permissive)]
    [InlineData("see //creativecommons.org/licenses/by-sa/2.5/", "CC-BY-SA-2.5", LicenseTier.Copyleft)]
    [InlineData("see https://creativecommons.org/licenses/by-nd/4.0/", "CC-BY-ND-4.0", LicenseTier.NoDerivatives)]
    [InlineData("see https://creativecommons.org/licenses/by-nc-nd/3.0/", "CC-BY-NC-ND-3.0", LicenseTier.NoDerivatives)]
    [InlineData("see https://creativecommons.org/publicdomain/zero/1.0/", "CC0-1.0", LicenseTier.PublicDomain)]
    [InlineData("see https://creativecommons.org/publicdomain/mark/1.0/", "CC-PDM-1.0", LicenseTier.PublicDomain)]
    [InlineData("see https://creativecommons.org/licenses/by/", "LicenseRef-CC-BY", LicenseTier.Permissive)]
    public void CcUrls(string text, string spdx, LicenseTier tier)
    {
        var f = Assert.Single(Finder.Find(text));
        Assert.Equal(spdx, f.Evidence.Spdx);
        Assert.Equal(tier, f.Tier);
        AssertSpan(text, f, "creativecommons.org/");
    }

    [Fact]
    public void NonLicenceCcPagesAreIgnored() =>
        Assert.Empty(Finder.Find("read https://creativecommons.org/about/ and https://creativecommons.org/faq"));

    [Fact]
    public void DolmaConfidencesForSuccessiveMatches()
    {
        // §5.3/§7.6: dolma cc_re gives 0.5 + 0.5/(i+1) to the i-th match: 1.0, 0.75, 0.667.
        var html = LicensingFixtures.Read("three-cc-links.html");
        var found = Finder.Find(html);
        Assert.Equal(3, found.Count);
        Assert.Equal(1.0, found[0].Confidence, 3);
        Assert.Equal(0.75, found[1].Confidence, 3);
        Assert.Equal(0.667, found[2].Confidence, 3);
        Assert.Equal(["CC-BY-4.0", "CC-BY-3.0", "CC-BY-2.0"], found.Select(f => f.Evidence.Spdx));
        foreach (var f in found) AssertSpan(html, f, "creativecommons.org/licenses/by/");
    }

    [Theory]
    [InlineData("Licensed under CC BY 4.0", "CC BY 4.0", "CC-BY-4.0", LicenseTier.Permissive)]
    [InlineData("License: CC BY-SA 4.0.", "CC BY-SA 4.0", "CC-BY-SA-4.0", LicenseTier.Copyleft)]
    [InlineData("(cc-by-nc-sa-4.0)", "cc-by-nc-sa-4.0", "CC-BY-NC-SA-4.0", LicenseTier.NonCommercial)]
    [InlineData("CC BY-NC-ND 4.0 applies", "CC BY-NC-ND 4.0", "CC-BY-NC-ND-4.0", LicenseTier.NoDerivatives)]
    [InlineData("Released as CC0.", "CC0", "CC0-1.0", LicenseTier.PublicDomain)]
    [InlineData("Released as CC0 1.0.", "CC0 1.0", "CC0-1.0", LicenseTier.PublicDomain)]
    [InlineData("under a CC BY licence", "CC BY", "LicenseRef-CC-BY", LicenseTier.Permissive)]
    [InlineData("under the Creative Commons Attribution-ShareAlike 3.0 Unported license", "Creative Commons Attribution-ShareAlike 3.0", "CC-BY-SA-3.0", LicenseTier.Copyleft)]
    [InlineData("Creative Commons Attribution-NonCommercial-NoDerivatives 4.0 International", "Creative Commons Attribution-NonCommercial-NoDerivatives 4.0", "CC-BY-NC-ND-4.0", LicenseTier.NoDerivatives)]
    [InlineData("Creative Commons Attribution 4.0 International", "Creative Commons Attribution 4.0", "CC-BY-4.0", LicenseTier.Permissive)]
    [InlineData("Creative Commons Zero", "Creative Commons Zero", "CC0-1.0", LicenseTier.PublicDomain)]
    public void BadgesAndNames(string text, string match, string spdx, LicenseTier tier)
    {
        var f = Assert.Single(Finder.Find(text));
        Assert.Equal(spdx, f.Evidence.Spdx);
        Assert.Equal(tier, f.Tier);
        AssertSpan(text, f, match);
        Assert.Equal(match, f.Evidence.Match);
    }

    [Theory]
    [InlineData("The cc: line lists Bob.")]
    [InlineData("Club bylaws; cc bylaws@example.org")]
    [InlineData("The ACC BY-law.")]
    public void BadgeLookAlikesAreIgnored(string text) => Assert.Empty(Finder.Find(text));

    [Theory]
    [InlineData("// SPDX-License-Identifier: MIT OR Apache-2.0\nint x;", "MIT OR Apache-2.0", LicenseTier.Permissive)]
    [InlineData("/* SPDX-License-Identifier: GPL-2.0+ */", "GPL-2.0-or-later", LicenseTier.Copyleft)]
    [InlineData("# spdx-license-identifier: (mit AND bsd-3-clause)\n", "MIT AND BSD-3-Clause", LicenseTier.Permissive)]
    public void SpdxLines(string text, string spdx, LicenseTier tier)
    {
        var f = Assert.Single(Finder.Find(text));
        Assert.Equal(spdx, f.Evidence.Spdx);
        Assert.Equal(tier, f.Tier);
        Assert.Equal(LicensePrecedence.SpdxLine, f.Precedence);
        AssertSpan(text, f, "SPDX-License-Identifier:");
    }

    [Theory]
    [InlineData("Licensed under the Apache License, Version 2.0 (the \"License\");", "Apache-2.0")]
    [InlineData("Permission is hereby granted, free of charge, to any person obtaining a copy of this software", "MIT")]
    [InlineData("GNU General Public License as published by the Free Software Foundation; either version 2 of the License, or", "GPL-2.0-or-later")]
    [InlineData("GNU Lesser General Public License as published by the Free Software Foundation; either version 2.1 of the License, or", "LGPL-2.1-or-later")]
    [InlineData("GNU Affero General Public License as published by the Free Software Foundation, either version 3 of the License, or", "AGPL-3.0-or-later")]
    [InlineData("This is free and unencumbered software released into the public domain.", "Unlicense")]
    [InlineData("This work is in the public domain.", "LicenseRef-Public-Domain")]
    [InlineData("The author has released into the public domain all of it.", "LicenseRef-Public-Domain")]
    public void NoticeWordings(string text, string spdx)
    {
        var found = Finder.Find(text);
        Assert.NotEmpty(found);
        Assert.Equal(spdx, found[0].Evidence.Spdx);
        Assert.Equal(SpdxExpression.Parse(spdx).Tier, found[0].Tier);
        Assert.Equal(text.Substring(found[0].Evidence.Start, found[0].Evidence.End - found[0].Evidence.Start), found[0].Evidence.Match);
    }

    [Theory]
    [MemberData(nameof(NonCommercialPhrases))]
    public void EachNonCommercialPhrase(string phrase)
    {
        var text = "Some article text.\n" + Cap(phrase) + ".\nMore text.";
        var f = Assert.Single(Finder.Find(text), x => x.Tier == LicenseTier.NonCommercial);
        AssertSpan(text, f, phrase);
    }

    [Theory]
    [MemberData(nameof(NoDerivativesPhrases))]
    public void EachNoDerivativesPhrase(string phrase)
    {
        var text = "Some article text.\n" + Cap(phrase) + ".\nMore text.";
        var f = Assert.Single(Finder.Find(text), x => x.Tier == LicenseTier.NoDerivatives);
        AssertSpan(text, f, phrase);
    }

    [Theory]
    [MemberData(nameof(ReservedPhrases))]
    public void EachAllRightsReservedPhrase(string phrase)
    {
        var text = "© 2021 ACME. " + Cap(phrase) + ".";
        var f = Assert.Single(Finder.Find(text));
        Assert.Equal(LicenseTier.AllRightsReserved, f.Tier);
        AssertSpan(text, f, phrase);
    }

    [Fact]
    public void PhraseListsCoverTheRequiredLanguages()
    {
        // The spec asks for about 40 NC and 40 ND strings.
        Assert.True(LicensePhrases.NonCommercial.Count >= 40);
        Assert.True(LicensePhrases.NoDerivatives.Count >= 40);
    }

    [Fact]
    public void PhrasesInsideWordsAreIgnored() =>
        Assert.Empty(Finder.Find("the xnoderivativesy token and preall rights reserved"));

    [Fact]
    public void FigureCaptionIsMediaScoped()
    {
        var html = LicensingFixtures.Read("figure-cc-by.html");
        var f = Assert.Single(Finder.Find(html), x => x.Evidence.Spdx == "CC-BY-4.0" && x.Precedence >= LicensePrecedence.CcUrl);
        Assert.True(f.MediaScoped);
        Assert.Equal("media", f.Evidence.Kind);
    }

    [Fact]
    public void PhotoCreditIsMediaScoped()
    {
        var f = Assert.Single(Finder.Find("Text of the article.\nPhoto: Jane Doe, CC BY-SA 2.0\nMore."));
        Assert.True(f.MediaScoped);
    }

    [Fact]
    public void RelLicenseLinkOutranksPlainUrl()
    {
        var html = LicensingFixtures.Read("footer-cc-by.html");
        var found = Finder.Find(html);
        var link = Assert.Single(found, f => f.Evidence.Match.Contains("creativecommons.org"));
        Assert.Equal(LicensePrecedence.HtmlLicenseTag, link.Precedence);
        Assert.False(link.MediaScoped);
        Assert.Equal("CC-BY-4.0", link.Evidence.Spdx);
        var plain = Assert.Single(Finder.Find("see https://creativecommons.org/licenses/by/4.0/"));
        Assert.Equal(LicensePrecedence.CcUrl, plain.Precedence);
    }

    [Fact]
    public void LongTextsScanHeadAndTailOnly()
    {
        var filler = new string('x', 300_000);
        var text = "CC BY 4.0 " + filler + " All rights reserved " + filler + " CC0";
        var found = new TextLicenseFinder(maxChars: 100_000).Find(text);
        Assert.Equal(["CC-BY-4.0", "CC0-1.0"], found.Select(f => f.Evidence.Spdx));
        Assert.Equal(text.Length - 3, found[1].Evidence.Start);
    }

    private static string Cap(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}
