namespace MixLab.Curation.Licensing;

/// <summary>
/// Options of the "licensing" step (curation spec §1.4, §5), bound from config with snake_case names
/// (keep_tiers, keep_licenses, license_ref_tiers, preset, public_suffix_list, extra_allow_list, mixturevitae_allow_list,
/// max_text_chars, redetect).
/// </summary>
public sealed class LicensingOptions
{
    /// <summary>Tier names kept (LicenseTiers names); default public-domain, permissive, government.</summary>
    public List<string> KeepTiers { get; init; } = ["public-domain", "permissive", "government"];

    /// <summary>SPDX expressions kept whatever their tier, exactly or by a prefix ending in '*' (e.g. "CC-BY-SA-*" keeps
    /// share-alike text without keeping GPL code).</summary>
    public List<string> KeepLicenses { get; init; } = [];

    /// <summary>Tiers for LicenseRef-… identifiers MixLab cannot know (e.g. "LicenseRef-WordNet-3.0": "permissive"); applied
    /// when detection left such a reference at tier unknown.</summary>
    public Dictionary<string, string> LicenseRefTiers { get; init; } = new();

    /// <summary>Named policy that replaces <see cref="KeepTiers"/> when set: "mixturevitae" (PD, permissive, government).</summary>
    public string? Preset { get; init; }

    /// <summary>Path of public_suffix_list.dat; null uses /usr/share/publicsuffix/… or the built-in fallback.</summary>
    public string? PublicSuffixList { get; init; }

    /// <summary>Extra allow-listed domains (host or registered domain, optional /path prefix) with their SPDX id or null.</summary>
    public Dictionary<string, string?> ExtraAllowList { get; init; } = new();

    /// <summary>Include MixtureVitae's §1.4 permissive site list (government patterns are always on).</summary>
    public bool MixturevitaeAllowList { get; init; } = true;

    /// <summary>At most this many characters of a text are scanned (first and last halves of longer texts).</summary>
    public int MaxTextChars { get; init; } = 200_000;

    /// <summary>Detect again even when the input document already carries a licence record.</summary>
    public bool Redetect { get; init; } = true;
}
