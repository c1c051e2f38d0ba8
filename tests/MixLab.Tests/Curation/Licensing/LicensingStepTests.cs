using MixLab.Curation;
using MixLab.Curation.Licensing;
using MixLab.Documents;

namespace MixLab.Tests.Curation.Licensing;

public class LicensingStepTests
{
    [Theory]
    [InlineData("Licensed under CC BY 4.0", true, null)]
    [InlineData("Released as CC0.", true, null)]
    [InlineData("Licensed under CC BY-SA 4.0", false, "license_copyleft")]
    [InlineData("Licensed under CC BY-NC 4.0", false, "license_non-commercial")]
    [InlineData("Licensed under CC BY-ND 4.0", false, "license_no-derivatives")]
    [InlineData("Copyright 2021 ACME. All rights reserved.", false, "license_all-rights-reserved")]
    [InlineData("No licence statement here.", false, "license_unknown")]
    public void DefaultPolicyKeepsPdPermissiveGovernment(string text, bool keep, string? reason)
    {
        var step = new LicensingStep();
        var doc = LicensingFixtures.Doc(text);
        var result = step.Process(doc);
        Assert.Equal(keep, result.Keep);
        Assert.Equal(reason, result.Reason);
        Assert.NotNull(doc.License);
    }

    [Fact]
    public void KeptDocumentsCarryTierSpdxAndEvidence()
    {
        var step = new LicensingStep();
        var doc = LicensingFixtures.Doc("Article. Licensed under CC BY 4.0");
        Assert.True(step.Process(doc).Keep);
        Assert.Equal(LicenseTier.Permissive, doc.License!.Tier);
        Assert.Equal("CC-BY-4.0", doc.License.Spdx);
        Assert.NotEmpty(doc.License.Evidence);
        Assert.InRange(doc.License.Confidence, 0.0, 1.0);
    }

    [Fact]
    public void GovernmentPageIsKept()
    {
        var step = new LicensingStep();
        Assert.True(step.Process(LicensingFixtures.Doc("Guidance text.", "https://www.gov.uk/x")).Keep);
        Assert.False(step.Process(LicensingFixtures.Doc("Guidance text.", "https://www.gov.evil.com/x")).Keep);
    }

    [Fact]
    public void StatsCountTiers()
    {
        IPipelineStep step = new LicensingStep();
        Assert.Equal("licensing", step.Name);
        step.Process(LicensingFixtures.Doc("CC BY 4.0"));
        step.Process(LicensingFixtures.Doc("CC BY 3.0"));
        step.Process(LicensingFixtures.Doc("CC BY-NC 4.0"));
        step.Process(LicensingFixtures.Doc("nothing"));
        Assert.Equal(2, step.Stats["tier_permissive"]);
        Assert.Equal(1, step.Stats["tier_non-commercial"]);
        Assert.Equal(1, step.Stats["tier_unknown"]);
        Assert.Equal(0, step.Stats["tier_copyleft"]);
    }

    [Fact]
    public void KeepTiersOptionAddsCopyleft()
    {
        var step = new LicensingStep(new LicensingOptions { KeepTiers = ["public-domain", "permissive", "copyleft"] });
        Assert.True(step.Process(LicensingFixtures.Doc("Licensed under CC BY-SA 4.0")).Keep);
        Assert.Equal("license_government", step.Process(LicensingFixtures.Doc("Text.", "https://www.nasa.gov/a")).Reason);
    }

    [Fact]
    public void MixtureVitaePresetKeepsPdPermissiveGovernmentOnly()
    {
        var policy = LicensePolicy.FromOptions(new LicensingOptions { Preset = "mixturevitae", KeepTiers = ["copyleft"] });
        Assert.Equal(new HashSet<LicenseTier> { LicenseTier.PublicDomain, LicenseTier.Permissive, LicenseTier.Government }, policy.KeepTiers.ToHashSet());
    }

    [Fact]
    public void UnknownTierNameIsAClearError()
    {
        var ex = Assert.Throws<ArgumentException>(() => new LicensingStep(new LicensingOptions { KeepTiers = ["permisive"] }));
        Assert.Contains("permisive", ex.Message);
        Assert.Throws<ArgumentException>(() => LicensePolicy.FromPreset("nope"));
    }

    [Fact]
    public void DropReasonsFollowTierNames()
    {
        foreach (var name in LicenseTiers.AllNames)
        {
            Assert.True(LicenseTiers.TryParse(name, out var t));
            Assert.Equal("license_" + name, LicensePolicy.DropReason(t));
        }
    }

    [Fact]
    public void ExtraAllowListAndPslPathOptions()
    {
        var psl = Path.Combine(Path.GetTempPath(), $"psl-{Guid.NewGuid():N}.dat");
        File.WriteAllLines(psl, ["// test list", "com", "org"]);
        try
        {
            var step = new LicensingStep(new LicensingOptions
            {
                PublicSuffixList = psl,
                ExtraAllowList = new Dictionary<string, string?> { ["example.org"] = "CC-BY-4.0" },
            });
            var doc = LicensingFixtures.Doc("Text.", "https://blog.example.org/p");
            Assert.True(step.Process(doc).Keep);
            Assert.Equal("CC-BY-4.0", doc.License!.Spdx);
            Assert.Throws<FileNotFoundException>(() => new LicensingStep(new LicensingOptions { PublicSuffixList = psl + ".missing" }));
        }
        finally
        {
            File.Delete(psl);
        }
    }

    [Fact]
    public void ExistingRecordIsKeptWhenRedetectIsOff()
    {
        var step = new LicensingStep(new LicensingOptions { Redetect = false });
        var doc = LicensingFixtures.Doc("Licensed under CC BY-NC 4.0");
        doc.License = new LicenseRecord("MIT", LicenseTier.Permissive, [], 1.0);
        Assert.True(step.Process(doc).Keep);
        Assert.Equal("MIT", doc.License!.Spdx);
    }
}
