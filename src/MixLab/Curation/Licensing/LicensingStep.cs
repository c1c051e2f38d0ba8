using MixLab.Documents;

namespace MixLab.Curation.Licensing;

/// <summary>
/// Pipeline step "licensing" (curation spec §1.4, §5; DESIGN.md licence record): detects each document's licence,
/// stores it in <see cref="Document.License"/>, and keeps the document when the policy keeps its tier, else drops
/// it with reason "license_&lt;tier&gt;". Counts documents per tier ("tier_&lt;name&gt;") and disagreements.
/// </summary>
public sealed class LicensingStep : IPipelineStep
{
    private readonly LicenseDetector _detector;
    private readonly LicensePolicy _policy;
    private readonly bool _redetect;
    private readonly string[] _keepExact;
    private readonly string[] _keepPrefixes;
    private readonly Dictionary<string, LicenseTier> _refTiers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, long> _stats = new();

    public LicensingStep(LicensingOptions options)
    {
        var psl = string.IsNullOrEmpty(options.PublicSuffixList) ? PublicSuffixList.Default : PublicSuffixList.Load(options.PublicSuffixList);
        var allow = new DomainAllowList(psl, options.ExtraAllowList, options.MixturevitaeAllowList);
        _detector = new LicenseDetector(allow, options.MaxTextChars);
        _policy = LicensePolicy.FromOptions(options);
        _redetect = options.Redetect;
        _keepExact = options.KeepLicenses.Where(k => !k.EndsWith('*')).ToArray();
        _keepPrefixes = options.KeepLicenses.Where(k => k.EndsWith('*')).Select(k => k[..^1]).ToArray();
        foreach (var (reference, tierName) in options.LicenseRefTiers)
        {
            if (!LicenseTiers.TryParse(tierName, out var tier))
                throw new ArgumentException($"license_ref_tiers: '{tierName}' for {reference} is not a tier ({string.Join(", ", LicenseTiers.AllNames)})");
            _refTiers[reference] = tier;
        }
        foreach (var name in LicenseTiers.AllNames) _stats["tier_" + name] = 0;
        _stats["disagreements"] = 0;
    }

    public LicensingStep() : this(new LicensingOptions()) { }

    public string Name => "licensing";

    public LicensePolicy Policy => _policy;

    public IReadOnlyDictionary<string, long> Stats => _stats;

    public StepResult Process(Document document)
    {
        var record = document.License is { } existing && !_redetect ? existing : _detector.Detect(document);
        if (record.Tier == LicenseTier.Unknown && record.Spdx is { } reference && _refTiers.TryGetValue(reference, out var mapped))
            record = record with { Tier = mapped };
        document.License = record;
        _stats["tier_" + record.Tier.Name()]++;
        if (record.Disagreement) _stats["disagreements"]++;
        return _policy.Keeps(record.Tier) || KeptByName(record.Spdx) ? StepResult.Kept : StepResult.Drop(LicensePolicy.DropReason(record.Tier));
    }

    private bool KeptByName(string? spdx)
    {
        if (spdx is null) return false;
        foreach (var k in _keepExact) if (string.Equals(k, spdx, StringComparison.OrdinalIgnoreCase)) return true;
        foreach (var p in _keepPrefixes) if (spdx.StartsWith(p, StringComparison.OrdinalIgnoreCase)) return true;
        return false;
    }
}
