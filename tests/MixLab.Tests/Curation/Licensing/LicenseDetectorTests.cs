using System.Text.Json.Nodes;
using MixLab.Curation.Licensing;
using MixLab.Documents;

namespace MixLab.Tests.Curation.Licensing;

public class LicenseDetectorTests
{
    private static readonly LicenseDetector Detector = new();

    [Fact]
    public void FooterRelLicenseGivesCcBy()
    {
        // §7.6: <a rel="license" href=".../licenses/by/4.0/"> in the footer -> CC-BY-4.0.
        var r = Detector.Detect(LicensingFixtures.Doc(LicensingFixtures.Read("footer-cc-by.html")));
        Assert.Equal("CC-BY-4.0", r.Spdx);
        Assert.Equal(LicenseTier.Permissive, r.Tier);
        Assert.False(r.Disagreement);
        Assert.Contains(r.Evidence, e => e.Kind == "text" && e.Match.Contains("creativecommons.org/licenses/by/4.0/"));
    }

    [Fact]
    public void FigureCaptionLicenceIsNotATextLicence()
    {
        // §7.6: the same link inside a <figure> caption near "photo" is media-scoped.
        var r = Detector.Detect(LicensingFixtures.Doc(LicensingFixtures.Read("figure-cc-by.html")));
        Assert.Equal(LicenseTier.Unknown, r.Tier);
        Assert.Null(r.Spdx);
        Assert.Contains(r.Evidence, e => e.Kind == "media");
        Assert.DoesNotContain(r.Evidence, e => e.Kind == "text");
    }

    [Fact]
    public void MetaByNcSaIsNonCommercial()
    {
        var r = Detector.Detect(LicensingFixtures.Doc(LicensingFixtures.Read("meta-by-nc-sa.html")));
        Assert.Equal("CC-BY-NC-SA-4.0", r.Spdx);
        Assert.Equal(LicenseTier.NonCommercial, r.Tier);
    }

    [Fact]
    public void TwoLicencesSetTheDisagreementFlag()
    {
        var r = Detector.Detect(LicensingFixtures.Doc(LicensingFixtures.Read("two-licences.html")));
        Assert.True(r.Disagreement);
        Assert.Equal("CC-BY-4.0", r.Spdx); // equal precedence: the higher dolma confidence (first match) wins
        Assert.Equal(1.0 * 0.75, r.Confidence, 6);
    }

    [Fact]
    public void LicenceInTheLastHundredCharsIsAccepted()
    {
        var body = string.Concat(Enumerable.Repeat("The council met on Tuesday to discuss the budget. ", 20));
        var text = body + "\nLicensed under CC BY 4.0";
        Assert.True(text.Length - text.IndexOf("Licensed", StringComparison.Ordinal) <= 100);
        var r = Detector.Detect(LicensingFixtures.Doc(text));
        Assert.Equal("CC-BY-4.0", r.Spdx);
        Assert.Equal(LicenseTier.Permissive, r.Tier);
    }

    [Fact]
    public void AllRightsReservedAloneIsRejected()
    {
        var r = Detector.Detect(LicensingFixtures.Doc("Copyright 2021 ACME. All rights reserved."));
        Assert.Equal(LicenseTier.AllRightsReserved, r.Tier);
        Assert.Equal("LicenseRef-All-Rights-Reserved", r.Spdx);
        var e = Assert.Single(r.Evidence);
        Assert.Equal("All rights reserved", e.Match);
    }

    [Fact]
    public void CopyrightLinePlusCcByIsAccepted()
    {
        // Pinned policy (§7.6, §1.13 item 3): MixtureVitae rejects this on the ©; MixLab accepts it as CC-BY-4.0.
        const string text = "© 2020 Author. This work is licensed under CC BY 4.0";
        var r = Detector.Detect(LicensingFixtures.Doc(text));
        Assert.Equal("CC-BY-4.0", r.Spdx);
        Assert.Equal(LicenseTier.Permissive, r.Tier);
        Assert.False(r.Disagreement);
        var e = Assert.Single(r.Evidence);
        Assert.Equal("CC BY 4.0", text.Substring(e.Start, e.End - e.Start));
    }

    [Fact]
    public void NonCommercialPhraseOverridesCcBy()
    {
        var r = Detector.Detect(LicensingFixtures.Doc("Licensed under CC BY 4.0. Nur für nicht-kommerzielle Zwecke."));
        Assert.Equal(LicenseTier.NonCommercial, r.Tier);
        Assert.True(r.Disagreement);
    }

    [Fact]
    public void NoLicenceIsUnknown()
    {
        var r = Detector.Detect(LicensingFixtures.Doc("Just a paragraph about gardening and nothing else."));
        Assert.Equal(LicenseTier.Unknown, r.Tier);
        Assert.Null(r.Spdx);
        Assert.Empty(r.Evidence);
        Assert.Equal(0.0, r.Confidence);
    }

    [Theory]
    [InlineData("license", "MIT", "MIT", LicenseTier.Permissive)]
    [InlineData("licence", "cc-by-sa-4.0", "CC-BY-SA-4.0", LicenseTier.Copyleft)]
    [InlineData("license", "CC BY 4.0", "CC-BY-4.0", LicenseTier.Permissive)]
    [InlineData("spdx", "MIT OR GPL-3.0-only", "MIT OR GPL-3.0-only", LicenseTier.Permissive)]
    [InlineData("license", "https://creativecommons.org/licenses/by-nd/4.0/", "CC-BY-ND-4.0", LicenseTier.NoDerivatives)]
    [InlineData("license", "Public Domain", "LicenseRef-Public-Domain", LicenseTier.PublicDomain)]
    [InlineData("license", "Apache License, Version 2.0", "Apache-2.0", LicenseTier.Permissive)]
    [InlineData("oa_license", "CC0", "CC0-1.0", LicenseTier.PublicDomain)]
    public void TopLevelMetadata(string field, string value, string spdx, LicenseTier tier)
    {
        var d = LicensingFixtures.Doc("Plain text.");
        d.Metadata[field] = value;
        var r = Detector.Detect(d);
        Assert.Equal(spdx, r.Spdx);
        Assert.Equal(tier, r.Tier);
        var e = Assert.Single(r.Evidence);
        Assert.Equal("metadata", e.Kind);
        Assert.Equal(field, e.Field);
        Assert.Equal((-1, -1), (e.Start, e.End));
    }

    [Theory]
    [InlineData("meta")]
    [InlineData("metadata")]
    public void NestedCommonPileMetadata(string outer)
    {
        var d = LicensingFixtures.Doc("Plain text.");
        d.Metadata[outer] = new JsonObject { ["license"] = "CC BY-SA 4.0", ["url"] = "https://example.com/a" };
        var r = Detector.Detect(d);
        Assert.Equal("CC-BY-SA-4.0", r.Spdx);
        Assert.Equal(outer + ".license", Assert.Single(r.Evidence).Field);
    }

    [Fact]
    public void MetadataArraysAndObjects()
    {
        var d = LicensingFixtures.Doc("Plain text.");
        d.Metadata["licenses"] = new JsonArray(new JsonObject { ["spdx"] = "MIT" }, "CC-BY-NC-4.0");
        var r = Detector.Detect(d);
        Assert.Equal(2, r.Evidence.Count);
        Assert.Equal(LicenseTier.NonCommercial, r.Tier); // NC anywhere overrides
        Assert.Equal("licenses.spdx", r.Evidence[0].Field);
    }

    [Fact]
    public void MetadataOutranksTextAndFlagsDisagreement()
    {
        var d = LicensingFixtures.Doc("Text. Licensed under CC BY-SA 4.0");
        d.Metadata["license"] = "CC-BY-4.0";
        var r = Detector.Detect(d);
        Assert.Equal("CC-BY-4.0", r.Spdx);
        Assert.True(r.Disagreement);
    }

    [Fact]
    public void UnparsableMetadataIsKeptButUnknown()
    {
        var d = LicensingFixtures.Doc("Text.");
        d.Metadata["license"] = "see website";
        var r = Detector.Detect(d);
        Assert.Equal(LicenseTier.Unknown, r.Tier);
        Assert.Equal("see website", Assert.Single(r.Evidence).Match);
    }

    [Fact]
    public void UnclassifiedLicenseRefIsUnknownWithItsId()
    {
        var d = LicensingFixtures.Doc("Code.");
        d.Metadata["license"] = "LicenseRef-OpenRAIL-M";
        var r = Detector.Detect(d);
        Assert.Equal(LicenseTier.Unknown, r.Tier);
        Assert.Equal("LicenseRef-OpenRAIL-M", r.Spdx);
    }

    [Theory]
    [InlineData("https://www.gov.uk/guidance/x", LicenseTier.Government, null)]
    [InlineData("https://data.gov.uk/dataset/x", LicenseTier.Government, null)]
    [InlineData("https://www.regeringen.se/pressmeddelanden/", LicenseTier.Government, null)]
    [InlineData("https://www.gov.evil.com/x", LicenseTier.Unknown, null)]
    [InlineData("https://www.govt.example.com/x", LicenseTier.Unknown, null)]
    [InlineData("https://regeringen.example.com/x", LicenseTier.Unknown, null)]
    [InlineData("docs.python.org/3/library/os.html", LicenseTier.Permissive, "PSF-2.0")]
    [InlineData("https://en.wikipedia.org/wiki/River", LicenseTier.Permissive, null)]
    public void UrlEvidence(string url, LicenseTier tier, string? spdx)
    {
        var r = Detector.Detect(LicensingFixtures.Doc("Plain page text.", url));
        Assert.Equal(tier, r.Tier);
        Assert.Equal(spdx, r.Spdx);
        if (tier != LicenseTier.Unknown) Assert.Equal("url-allowlist", Assert.Single(r.Evidence).Kind);
    }

    [Fact]
    public void AllRightsReservedOnAGovernmentPageIsRejected()
    {
        // Restrictive text beats domain-level evidence (the paper filters government pages with copyright keywords).
        var r = Detector.Detect(LicensingFixtures.Doc("Annual report. All rights reserved.", "https://www.example.gov/r"));
        Assert.Equal(LicenseTier.AllRightsReserved, r.Tier);
        var r2 = Detector.Detect(LicensingFixtures.Doc("Annual report. CC BY-NC 4.0.", "https://www.example.gov/r"));
        Assert.Equal(LicenseTier.NonCommercial, r2.Tier);
    }

    [Fact]
    public void AllowListedSiteIsNotOverriddenByAllRightsReserved()
    {
        // The §1.4 site list was checked by hand (CP: a verified domain-level licence beats a page claim).
        var r = Detector.Detect(LicensingFixtures.Doc("Docs. Copyright 2024 PSF. All rights reserved.", "https://docs.python.org/3/"));
        Assert.Equal("PSF-2.0", r.Spdx);
        Assert.True(r.Disagreement);
    }

    [Fact]
    public void TextLicenceOutranksGovernmentDomainWithoutDisagreement()
    {
        var r = Detector.Detect(LicensingFixtures.Doc("Report. Licensed under CC BY 4.0", "https://www.example.gov/r"));
        Assert.Equal("CC-BY-4.0", r.Spdx);
        Assert.False(r.Disagreement);
    }
}
