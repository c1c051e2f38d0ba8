using MixLab.Curation.Licensing;
using MixLab.Documents;

namespace MixLab.Tests.Curation.Licensing;

public class SpdxExpressionTests
{
    [Theory]
    // §7.6 SPDX fixtures: canonical text after parsing and normalising.
    [InlineData("MIT OR Apache-2.0", "MIT OR Apache-2.0")]
    [InlineData("GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0")]
    [InlineData("(MIT AND BSD-3-Clause)", "MIT AND BSD-3-Clause")]
    [InlineData("LicenseRef-foo", "LicenseRef-foo")]
    [InlineData("GPL-2.0+", "GPL-2.0-or-later")]
    [InlineData("GPL-2.0", "GPL-2.0-only")]
    [InlineData("mit or apache-2.0", "MIT OR Apache-2.0")]
    [InlineData("gpl-2.0-only with classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0")]
    [InlineData("DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2", "DocumentRef-spdx-tool-1.2:LicenseRef-MIT-Style-2")]
    [InlineData("(MIT OR Apache-2.0) AND BSD-2-Clause", "(MIT OR Apache-2.0) AND BSD-2-Clause")]
    [InlineData("MIT OR Apache-2.0 AND BSD-2-Clause", "MIT OR Apache-2.0 AND BSD-2-Clause")]
    [InlineData("GPL-2.0-with-classpath-exception", "GPL-2.0-only WITH Classpath-exception-2.0")]
    public void ParsesAndNormalises(string input, string expected) =>
        Assert.Equal(expected, SpdxExpression.Parse(input).ToString());

    [Fact]
    public void AndBindsTighterThanOr()
    {
        var e = SpdxExpression.Parse("MIT OR Apache-2.0 AND BSD-2-Clause");
        var or = Assert.IsType<SpdxOr>(e);
        Assert.IsType<SpdxAnd>(or.Right);
    }

    [Fact]
    public void WithBindsTighterThanAnd()
    {
        var e = Assert.IsType<SpdxAnd>(SpdxExpression.Parse("MIT AND GPL-2.0-only WITH Classpath-exception-2.0"));
        Assert.IsType<SpdxWith>(e.Right);
    }

    [Theory]
    [InlineData("MIT OR Apache-2.0", LicenseTier.Permissive)]
    [InlineData("GPL-3.0-only OR MIT", LicenseTier.Permissive)] // OR -> most permissive branch
    [InlineData("GPL-3.0-only AND MIT", LicenseTier.Copyleft)] // AND -> most restrictive
    [InlineData("CC0-1.0 OR CC-BY-4.0", LicenseTier.PublicDomain)]
    [InlineData("CC-BY-4.0 AND CC-BY-NC-4.0", LicenseTier.NonCommercial)]
    [InlineData("CC-BY-NC-4.0 OR CC-BY-SA-4.0", LicenseTier.Copyleft)]
    [InlineData("GPL-2.0-only WITH Classpath-exception-2.0", LicenseTier.Copyleft)] // WITH does not upgrade
    [InlineData("LicenseRef-foo", LicenseTier.Unknown)]
    [InlineData("MIT AND LicenseRef-foo", LicenseTier.Unknown)]
    [InlineData("GPL-2.0+", LicenseTier.Copyleft)]
    public void ResolvesTiers(string input, LicenseTier expected) =>
        Assert.Equal(expected, SpdxExpression.Parse(input).Tier);

    [Theory]
    [InlineData("")]
    [InlineData("MIT OR")]
    [InlineData("(MIT AND BSD-3-Clause")]
    [InlineData("MIT Apache-2.0")]
    [InlineData("MIT WITH")]
    [InlineData("DocumentRef-x")]
    public void RejectsMalformed(string input)
    {
        Assert.False(SpdxExpression.TryParse(input, out _, out var error));
        Assert.Contains("SPDX expression", error);
    }

    [Theory]
    // §5.4 rule-table rows, each family with ids named in the spec.
    [InlineData("CC0-1.0", LicenseTier.PublicDomain)]
    [InlineData("CC-PDDC", LicenseTier.PublicDomain)]
    [InlineData("CC-PDM-1.0", LicenseTier.PublicDomain)]
    [InlineData("Unlicense", LicenseTier.PublicDomain)]
    [InlineData("0BSD", LicenseTier.PublicDomain)]
    [InlineData("PDDL-1.0", LicenseTier.PublicDomain)]
    [InlineData("DL-DE-ZERO-2.0", LicenseTier.PublicDomain)]
    [InlineData("CC-BY-4.0", LicenseTier.Permissive)]
    [InlineData("CC-BY-2.5", LicenseTier.Permissive)]
    [InlineData("ODC-By-1.0", LicenseTier.Permissive)]
    [InlineData("CDLA-Permissive-2.0", LicenseTier.Permissive)]
    [InlineData("OGL-UK-3.0", LicenseTier.Permissive)]
    [InlineData("etalab-2.0", LicenseTier.Permissive)]
    [InlineData("MIT", LicenseTier.Permissive)]
    [InlineData("Apache-2.0", LicenseTier.Permissive)]
    [InlineData("BSD-3-Clause", LicenseTier.Permissive)]
    [InlineData("ISC", LicenseTier.Permissive)]
    [InlineData("Zlib", LicenseTier.Permissive)]
    [InlineData("PSF-2.0", LicenseTier.Permissive)]
    [InlineData("BlueOak-1.0.0", LicenseTier.Permissive)]
    [InlineData("Artistic-2.0", LicenseTier.Permissive)]
    [InlineData("CC-BY-SA-4.0", LicenseTier.Copyleft)]
    [InlineData("GFDL-1.3-only", LicenseTier.Copyleft)]
    [InlineData("ODbL-1.0", LicenseTier.Copyleft)]
    [InlineData("MPL-2.0", LicenseTier.Copyleft)]
    [InlineData("EPL-2.0", LicenseTier.Copyleft)]
    [InlineData("LGPL-2.1-only", LicenseTier.Copyleft)]
    [InlineData("AGPL-3.0-only", LicenseTier.Copyleft)]
    [InlineData("CC-BY-NC-4.0", LicenseTier.NonCommercial)]
    [InlineData("CC-BY-NC-SA-4.0", LicenseTier.NonCommercial)]
    [InlineData("CC-BY-ND-4.0", LicenseTier.NoDerivatives)]
    [InlineData("CC-BY-NC-ND-4.0", LicenseTier.NoDerivatives)]
    [InlineData("SSPL-1.0", LicenseTier.Unknown)]
    [InlineData("BUSL-1.1", LicenseTier.Unknown)]
    public void RuleTableFamilies(string id, LicenseTier expected)
    {
        Assert.True(SpdxLicenseTable.TryGet(id.ToLowerInvariant(), out var canonical, out var tier, out _));
        Assert.Equal(id, canonical);
        Assert.Equal(expected, tier);
    }

    [Fact]
    public void TableHoldsTheWholeList()
    {
        // spdx-license-ids 3.0.24 (708 current + 26 deprecated); the spec's 819 counts a later list, so only a floor.
        Assert.True(SpdxLicenseTable.Count >= 700, $"only {SpdxLicenseTable.Count} ids");
        Assert.Equal("Classpath-exception-2.0", SpdxLicenseTable.CanonicalException("CLASSPATH-EXCEPTION-2.0"));
    }

    [Fact]
    public void CommittedCsvMatchesGeneratedData()
    {
        var csv = Path.Combine(TestRepo.Root, "tools", "spdx", "spdx-families.csv");
        var lines = File.ReadAllLines(csv).Skip(1).Where(l => l.Length > 0).ToList();
        Assert.Equal(lines.Count, SpdxLicenseTable.Count);
        foreach (var line in lines)
        {
            var f = line.Split(',');
            Assert.True(SpdxLicenseTable.TryGet(f[0], out _, out var tier, out _));
            Assert.Equal(f[1], tier.Name());
        }
    }
}

internal static class TestRepo
{
    public static string Root
    {
        get
        {
            var d = new DirectoryInfo(AppContext.BaseDirectory);
            while (d is not null && !File.Exists(Path.Combine(d.FullName, "MixLab.sln")) && !Directory.Exists(Path.Combine(d.FullName, "tools", "spdx")))
                d = d.Parent;
            return d?.FullName ?? throw new DirectoryNotFoundException("repository root not found");
        }
    }
}
