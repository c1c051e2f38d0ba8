namespace MixLab.Curation.Licensing;

/// <summary>
/// MixtureVitae's URL allow-lists (curation spec §1.4 step 4): the "OSS / permissive" sites with the SPDX ids of
/// its appendix table where given, and the government/IGO patterns. Unlike MixtureVitae (substring tests, §1.13
/// item 2) an entry matches only the host itself or its subdomains, judged on label boundaries against the host's
/// registered domain from the Public Suffix List: "www.gov.uk" and "www.regeringen.se" match, "www.gov.evil.com",
/// "www.govt.example.com" and "regeringen.example.com" do not (§7.6).
/// </summary>
public sealed class DomainAllowList
{
    /// <summary>One allow-listed site: a domain (registered domain or exact host), an optional path prefix, the SPDX id if known.</summary>
    public sealed record Entry(string Domain, string? PathPrefix, string? Spdx);

    /// <summary>§1.4 permissive sites; SPDX from MixtureVitae's appendix table where it gives one.</summary>
    public static readonly IReadOnlyList<Entry> MixtureVitaeSites = BuildSites();

    /// <summary>§1.4 government / IGO patterns, written as domains (public suffixes or registered domains).</summary>
    public static readonly IReadOnlyList<string> GovernmentDomains =
    [
        "gov", "mil", "gov.uk", "gouv.fr", "govt.nz", "gc.ca", "admin.ch", "bund.de", "bundesregierung.de",
        "regeringen.se", "regeringen.no", "regeringen.dk", "rijksoverheid.nl", "government.nl", "government.ru",
        "vlada.mk", "vlada.cz", "kormany.hu", "gob.es", "gob.mx", "gob.cl", "gob.ec", "gob.pe", "argentina.gob.ar",
        "guatemala.gob.gt", "presidencia.gob.hn", "presidencia.gob.pa", "gub.uy", "go.jp", "go.kr", "thailand.go.th",
        "indonesia.go.id", "tanzania.go.tz", "gov.au", "gov.in", "gov.br", "gov.za", "gov.sg", "europa.eu", "un.org",
        "int",
    ];

    /// <summary>Hosts under a government pattern that are not government (MixtureVitae's exception ymca.int).</summary>
    public static readonly IReadOnlyList<string> GovernmentExceptions = ["ymca.int"];

    private readonly PublicSuffixList _psl;
    private readonly Dictionary<string, List<Entry>> _sites = new(StringComparer.Ordinal);
    private readonly HashSet<string> _government;

    /// <summary>The §1.4 lists plus <paramref name="extraSites"/> (domain -> SPDX id or null), over the given suffix list.</summary>
    public DomainAllowList(PublicSuffixList psl, IReadOnlyDictionary<string, string?>? extraSites = null, bool includeMixtureVitaeSites = true)
    {
        _psl = psl;
        if (includeMixtureVitaeSites)
            foreach (var e in MixtureVitaeSites) Add(e);
        if (extraSites is not null)
            foreach (var (domain, spdx) in extraSites) Add(ParseEntry(domain, string.IsNullOrWhiteSpace(spdx) ? null : spdx));
        _government = new HashSet<string>(GovernmentDomains, StringComparer.Ordinal);
    }

    /// <summary>The allow-listed site a URL belongs to, or null. Longer (more specific) entries win.</summary>
    public Entry? MatchSite(string host, string path)
    {
        // Walk the host's suffixes on label boundaries: the host itself, then each parent down to the registered domain.
        var registered = _psl.RegisteredDomain(host) ?? host;
        var h = host;
        while (true)
        {
            if (_sites.TryGetValue(h, out var entries))
            {
                Entry? best = null;
                foreach (var e in entries)
                    if ((e.PathPrefix is null || path.StartsWith(e.PathPrefix, StringComparison.OrdinalIgnoreCase)) &&
                        (best is null || (e.PathPrefix?.Length ?? 0) > (best.PathPrefix?.Length ?? 0)))
                        best = e;
                if (best is not null) return best;
            }
            if (h.Length <= registered.Length) return null;
            var dot = h.IndexOf('.');
            if (dot < 0) return null;
            h = h[(dot + 1)..];
        }
    }

    /// <summary>
    /// The government pattern a host falls under, or null. A pattern matches when it is the host's public suffix
    /// (or a parent of it) or the host's registered domain: never a label in the middle of someone else's domain.
    /// </summary>
    public string? MatchGovernment(string host)
    {
        foreach (var ex in GovernmentExceptions)
            if (UrlHost.IsAtOrBelow(host, ex)) return null;
        var registered = _psl.RegisteredDomain(host);
        var scope = registered ?? host;
        // Candidate patterns are the suffixes of the registered domain (which contains the public suffix).
        var h = scope;
        while (true)
        {
            if (_government.Contains(h)) return h;
            var dot = h.IndexOf('.');
            if (dot < 0) return null;
            h = h[(dot + 1)..];
        }
    }

    private void Add(Entry e)
    {
        if (!_sites.TryGetValue(e.Domain, out var list)) _sites[e.Domain] = list = new List<Entry>();
        list.Add(e);
    }

    private static Entry ParseEntry(string text, string? spdx)
    {
        var slash = text.IndexOf('/');
        var domain = PublicSuffixList.NormalizeHost(slash < 0 ? text : text[..slash]);
        return new Entry(domain, slash < 0 ? null : text[slash..], spdx);
    }

    private static List<Entry> BuildSites()
    {
        string?[][] table =
        [
            ["wikipedia.org", null], ["wikisource.org", null], ["wikibooks.org", null], ["wiktionary.org", null],
            ["wikinews.org", null], ["wikiquote.org", null], ["wikivoyage.org", null], ["wikidata.org", null],
            ["wikifunctions.org", null], ["wikimedia.org", null], ["mediawiki.org", null], ["elifesciences.org", null],
            ["biodiversitylibrary.org", null], ["free.law", null], ["courtlistener.com", null], ["case.law", null],
            ["europeana.eu", null], ["publicdomainreview.org", null], ["wisdomcommons.org", null], ["intratext.com", null],
            ["gutenberg.org", null], ["pressbooks.oer.hawaii.edu", null], ["opencourselibrary.org", null],
            ["doabooks.org", null], ["bccampus.ca", null], ["open.umn.edu/opentextbooks", null],
            ["medbiq.org", "LicenseRef-MedBiquitous"], ["python.org", "PSF-2.0"], ["pytorch.org", "BSD-3-Clause"],
            ["numpy.org", null], ["scipy.org", "BSD-3-Clause"], ["scikit-learn.org", "BSD-3-Clause"],
            ["pydata.org", "BSD-3-Clause"], ["matplotlib.org", "BSD-3-Clause"], ["palletsprojects.com", "BSD-3-Clause"],
            ["sqlalchemy.org", "MIT"], ["pypi.org", null], ["sympy.org", "BSD-3-Clause"], ["nltk.org", "Apache-2.0"],
            ["scrapy.org", "BSD-3-Clause"], ["opencv.org", "Apache-2.0"], ["apache.org", "Apache-2.0"],
            ["mozilla.org", "MPL-2.0"], ["eclipse.org", "EPL-2.0"], ["huggingface.co/docs", null], ["owasp.org", null],
            ["attack.mitre.org", null], ["creativecommons.org", null], ["stackexchange.com", null],
            ["stackoverflow.com", null], ["superuser.com", null], ["serverfault.com", null], ["askubuntu.com", null],
            ["mathoverflow.net", null], ["fandom.com", null], ["wikia.com", null], ["foodista.com", null],
        ];
        var list = new List<Entry>(table.Length);
        foreach (var row in table) list.Add(ParseEntry(row[0]!, row[1]));
        return list;
    }
}
