namespace MixLab.Laws;

/// <summary>The laws <c>mixlab fit --law</c> knows, by name.</summary>
public static class LawCatalog
{
    /// <summary>Every registered law.</summary>
    public static IReadOnlyList<LawDefinition> All { get; } =
    [
        new ChinchillaLaw(),
        new PowerLaw(),
        new DataMixingLaw(),
        new DcptLaw(),
        new OffsetPowerLaw(OffsetPowerLaw.Kind.CmrRatio),
        new OffsetPowerLaw(OffsetPowerLaw.Kind.CmrToken),
        new TwoTermPowerLaw(),
    ];

    /// <summary>Finds a law by name (case-insensitive), or null.</summary>
    public static LawDefinition? Find(string name) =>
        All.FirstOrDefault(l => string.Equals(l.Name, name, StringComparison.OrdinalIgnoreCase));
}
