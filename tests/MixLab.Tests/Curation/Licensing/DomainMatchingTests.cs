using MixLab.Curation.Licensing;

namespace MixLab.Tests.Curation.Licensing;

public class DomainMatchingTests
{
    private static readonly PublicSuffixList Fallback = PublicSuffixList.FromRules(PublicSuffixList.FallbackRules);

    public static TheoryData<string> Lists() => new() { "file", "fallback" };

    private static PublicSuffixList Psl(string which) => which == "file" ? PublicSuffixList.Default : Fallback;

    [Theory]
    [InlineData("https://data.gov.uk/dataset/x", "data.gov.uk")]
    [InlineData("www.gov.uk/guidance", "www.gov.uk")]
    [InlineData("http://user:pw@Example.COM:8080/a?b#c", "example.com")]
    [InlineData("//cdn.example.org/x.js", "cdn.example.org")]
    [InlineData("HTTPS://WWW.Regeringen.SE./", "www.regeringen.se")]
    [InlineData("http://xn--bcher-kva.example/", "bücher.example")]
    [InlineData("http://[2001:db8::1]:80/", "[2001:db8::1]")]
    public void ExtractsHosts(string url, string host) => Assert.Equal(host, UrlHost.Host(url));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("http:///nohost")]
    public void RejectsUrlsWithoutHost(string url) => Assert.Null(UrlHost.Host(url));

    [Fact]
    public void PslFollowsTheStandardRules()
    {
        // The publicsuffix.org algorithm on a tiny list: wildcard *.ck with exception !www.ck.
        var psl = PublicSuffixList.FromRules(["com", "uk", "co.uk", "ck", "*.ck", "!www.ck", "// comment"]);
        Assert.Equal("example.com", psl.RegisteredDomain("a.b.example.com"));
        Assert.Equal("bbc.co.uk", psl.RegisteredDomain("www.bbc.co.uk"));
        Assert.Equal("foo.bar.ck", psl.RegisteredDomain("x.foo.bar.ck"));
        Assert.Equal("www.ck", psl.RegisteredDomain("www.ck"));
        Assert.Null(psl.RegisteredDomain("co.uk"));
        Assert.Equal("example.zz", psl.RegisteredDomain("example.zz")); // default rule "*"
    }

    [Fact]
    public void DebianListIsInstalled()
    {
        // The brief requires the `publicsuffix` package on CI; the loader falls back when it is missing.
        var psl = PublicSuffixList.Default;
        Assert.Equal(File.Exists(PublicSuffixList.DefaultPath), psl.FromFile);
        if (psl.FromFile) Assert.True(psl.RuleCount > 5000);
    }

    [Fact]
    public void ExplicitMissingPathIsAnError() =>
        Assert.Throws<FileNotFoundException>(() => PublicSuffixList.Load("/nonexistent/psl.dat"));

    [Theory]
    // §7.6: accepted government hosts, and look-alikes that MixtureVitae's substring tests accept but must be rejected.
    [InlineData("file", "data.gov.uk", true)]
    [InlineData("file", "www.gov.uk", true)]
    [InlineData("file", "www.regeringen.se", true)]
    [InlineData("file", "www.gov.evil.com", false)]
    [InlineData("file", "www.govt.example.com", false)]
    [InlineData("file", "regeringen.example.com", false)]
    [InlineData("file", "www.nasa.gov", true)]
    [InlineData("file", "www.army.mil", true)]
    [InlineData("file", "www.canada.gc.ca", true)]
    [InlineData("file", "www.service-public.gouv.fr", true)]
    [InlineData("file", "www.admin.ch", true)]
    [InlineData("file", "www.bund.de", true)]
    [InlineData("file", "www.mhlw.go.jp", true)]
    [InlineData("file", "ec.europa.eu", true)]
    [InlineData("file", "www.who.int", true)]
    [InlineData("file", "www.ymca.int", false)]
    [InlineData("file", "gov.example.com", false)]
    [InlineData("file", "mygov.uk", false)]
    [InlineData("file", "admin.ch.evil.net", false)]
    [InlineData("file", "notgov", false)]
    [InlineData("fallback", "data.gov.uk", true)]
    [InlineData("fallback", "www.gov.uk", true)]
    [InlineData("fallback", "www.regeringen.se", true)]
    [InlineData("fallback", "www.gov.evil.com", false)]
    [InlineData("fallback", "www.govt.example.com", false)]
    [InlineData("fallback", "regeringen.example.com", false)]
    public void GovernmentMatchingUsesRegisteredDomains(string list, string host, bool government)
    {
        var allow = new DomainAllowList(Psl(list));
        Assert.Equal(government, allow.MatchGovernment(host) is not null);
    }

    [Theory]
    [InlineData("en.wikipedia.org", "/wiki/X", "wikipedia.org", null)]
    [InlineData("docs.python.org", "/3/", "python.org", "PSF-2.0")]
    [InlineData("docs.scipy.org", "/doc/", "scipy.org", "BSD-3-Clause")]
    [InlineData("developer.mozilla.org", "/en-US/", "mozilla.org", "MPL-2.0")]
    [InlineData("huggingface.co", "/docs/transformers", "huggingface.co", null)]
    [InlineData("open.umn.edu", "/opentextbooks/textbooks/1", "open.umn.edu", null)]
    public void AllowListMatchesSites(string host, string path, string domain, string? spdx)
    {
        var site = new DomainAllowList(PublicSuffixList.Default).MatchSite(host, path);
        Assert.NotNull(site);
        Assert.Equal(domain, site.Domain);
        Assert.Equal(spdx, site.Spdx);
    }

    [Theory]
    [InlineData("wikipedia.org.evil.com", "/")]
    [InlineData("notwikipedia.org", "/")]
    [InlineData("python.org-mirror.net", "/")]
    [InlineData("huggingface.co", "/models")] // only /docs is allow-listed
    [InlineData("umn.edu", "/opentextbooks")] // the entry is the host open.umn.edu
    [InlineData("evilapache.org", "/")]
    public void AllowListRejectsLookAlikes(string host, string path) =>
        Assert.Null(new DomainAllowList(PublicSuffixList.Default).MatchSite(host, path));

    [Fact]
    public void ExtraSitesAreAdded()
    {
        var allow = new DomainAllowList(PublicSuffixList.Default, new Dictionary<string, string?> { ["Example.ORG"] = "CC-BY-4.0" }, includeMixtureVitaeSites: false);
        Assert.Equal("CC-BY-4.0", allow.MatchSite("blog.example.org", "/")?.Spdx);
        Assert.Null(allow.MatchSite("en.wikipedia.org", "/"));
    }
}
