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
    private readonly Dictionary<string, long> _stats = new();

    public LicensingStep(LicensingOptions options)
    {
        var psl = string.IsNullOrEmpty(options.PublicSuffixList) ? PublicSuffixList.Default : PublicSuffixList.Load(options.PublicSuffixList);
        var allow = new DomainAllowList(psl, options.ExtraAllowList, options.MixturevitaeAllowList);
        _detector = new LicenseDetector(allow, options.MaxTextChars);
        _policy = LicensePolicy.FromOptions(options);
        _redetect = options.Redetect;
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
        document.License = record;
        _stats["tier_" + record.Tier.Name()]++;
        if (record.Disagreement) _stats["disagreements"]++;
        return _policy.Keeps(record.Tier) ? StepResult.Kept : StepResult.Drop(LicensePolicy.DropReason(record.Tier));
    }
}
