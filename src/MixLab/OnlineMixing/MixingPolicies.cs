namespace MixLab.OnlineMixing;

/// <summary>
/// The policy catalogue (Aioli spec §1.4): names, option types and a factory. Names are snake_case; <c>dml</c>, <c>skillit</c>
/// and <c>grid</c> are accepted as aliases.
/// </summary>
public static class MixingPolicies
{
    public const string Stratified = "stratified";
    public const string Static = "static";
    public const string GridSearch = "grid_search";
    public const string DataMixingLaw = "data_mixing_law";
    public const string DoReMi = "doremi";
    public const string SkillIt = "skill_it";
    public const string DoGE = "doge";
    public const string Aioli = "aioli";

    /// <summary>All policy names.</summary>
    public static IReadOnlyList<string> Names { get; } = [Stratified, Static, GridSearch, DataMixingLaw, DoReMi, SkillIt, DoGE, Aioli];

    /// <summary>The canonical name for a name or alias (case-insensitive, '-' read as '_'); throws for unknown names.</summary>
    public static string Canonical(string name)
    {
        var n = name.Trim().ToLowerInvariant().Replace('-', '_');
        return n switch
        {
            "dml" => DataMixingLaw,
            "skillit" => SkillIt,
            "grid" or "gs" => GridSearch,
            _ when Names.Contains(n) => n,
            _ => throw new ArgumentException($"unknown mixing policy '{name}'; known: {string.Join(", ", Names)}"),
        };
    }

    /// <summary>The options class a policy takes (for binding config sections).</summary>
    public static Type OptionsType(string name) => Canonical(name) switch
    {
        Static => typeof(StaticOptions),
        GridSearch => typeof(GridSearchOptions),
        DataMixingLaw => typeof(DataMixingLawOptions),
        DoReMi => typeof(DoReMiOptions),
        SkillIt => typeof(SkillItOptions),
        DoGE => typeof(DoGEOptions),
        Aioli => typeof(AioliOptions),
        _ => typeof(MixingPolicyOptions),
    };

    /// <summary>Creates a policy; <paramref name="options"/> must be of <see cref="OptionsType"/> (null gives the defaults where a policy has them).</summary>
    public static IMixingPolicy Create(string name, IReadOnlyList<string> domains, MixingPolicyOptions? options = null)
    {
        var canonical = Canonical(name);
        var type = OptionsType(canonical);
        if (options is not null && !type.IsInstanceOfType(options))
            throw new ArgumentException($"mixing policy '{canonical}' takes {type.Name}, not {options.GetType().Name}");
        return canonical switch
        {
            Stratified => new StratifiedPolicy(domains, options),
            Static => new StaticPolicy(domains, (StaticOptions?)options ?? throw Required(canonical, "weights")),
            GridSearch => new GridSearchPolicy(domains, (GridSearchOptions?)options ?? new GridSearchOptions()),
            DataMixingLaw => new DataMixingLawPolicy(domains, (DataMixingLawOptions?)options ?? throw Required(canonical, "laws")),
            DoReMi => new DoReMiPolicy(domains, (DoReMiOptions?)options),
            SkillIt => new SkillItPolicy(domains, (SkillItOptions?)options ?? throw Required(canonical, "graph")),
            DoGE => new DoGEPolicy(domains, (DoGEOptions?)options),
            _ => new AioliPolicy(domains, (AioliOptions?)options),
        };
    }

    private static ArgumentException Required(string name, string what) => new($"mixing policy '{name}' needs options with {what}");
}
