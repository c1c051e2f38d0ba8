using MixLab.Documents;

namespace MixLab.Curation.Licensing;

/// <summary>
/// Which licence tiers a curation run keeps (curation spec §1.2 tiers, §5.4 classes). Default and the
/// "mixturevitae" preset keep public-domain, permissive and government documents only.
/// </summary>
public sealed class LicensePolicy
{
    public LicensePolicy(IEnumerable<LicenseTier> keepTiers) => KeepTiers = new HashSet<LicenseTier>(keepTiers);

    public IReadOnlySet<LicenseTier> KeepTiers { get; }

    /// <summary>MixtureVitae's policy: public domain, permissive and government works.</summary>
    public static LicensePolicy MixtureVitae => new([LicenseTier.PublicDomain, LicenseTier.Permissive, LicenseTier.Government]);

    public static LicensePolicy Default => MixtureVitae;

    /// <summary>The policy named by a preset ("mixturevitae"); throws for unknown names.</summary>
    public static LicensePolicy FromPreset(string preset) => preset.Trim().ToLowerInvariant() switch
    {
        "mixturevitae" or "mixture-vitae" or "default" => MixtureVitae,
        _ => throw new ArgumentException($"licensing: unknown preset '{preset}' (known: mixturevitae)"),
    };

    /// <summary>The policy of the options: the preset if set, else keep_tiers; throws on an unknown tier name.</summary>
    public static LicensePolicy FromOptions(LicensingOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.Preset)) return FromPreset(options.Preset);
        var tiers = new List<LicenseTier>();
        foreach (var name in options.KeepTiers)
        {
            if (!LicenseTiers.TryParse(name, out var t))
                throw new ArgumentException($"licensing: unknown tier '{name}' in keep_tiers (known: {string.Join(", ", LicenseTiers.AllNames)})");
            tiers.Add(t);
        }
        return new LicensePolicy(tiers);
    }

    public bool Keeps(LicenseTier tier) => KeepTiers.Contains(tier);

    /// <summary>Drop reason for a tier: "license_" + tier name, e.g. "license_non-commercial".</summary>
    public static string DropReason(LicenseTier tier) => "license_" + tier.Name();
}
