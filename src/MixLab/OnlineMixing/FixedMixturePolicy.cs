using System.Text.Json.Nodes;

namespace MixLab.OnlineMixing;

/// <summary>
/// Base of the policies whose mixture is fixed for the whole run (stratified, static, grid search, Data Mixing Law):
/// every decision trains <see cref="MixingPolicyOptions.IntervalSteps"/> steps on the same proportions and asks for nothing.
/// </summary>
public abstract class FixedMixturePolicy : MixingPolicyBase
{
    private readonly int _interval;

    /// <summary>Checks the interval length.</summary>
    protected FixedMixturePolicy(string name, IReadOnlyList<string> domains, MixingPolicyOptions options) : base(name, domains, options.Seed)
    {
        if (options.IntervalSteps < 1) throw new ArgumentException($"{name}: interval_steps must be ≥ 1, got {options.IntervalSteps}");
        _interval = options.IntervalSteps;
    }

    protected override MixingDecision Decide() => new(MixingDecisionKind.Train, Current, _interval, MixingFeedbackKind.None, Note: Name);
    protected override void Apply(MixingDecision decision, MixingFeedback feedback) { }
    protected override void SaveMethodState(JsonObject state) { }
    protected override void RestoreMethodState(JsonObject state) { }
}

/// <summary>Stratified sampling: p_j = 1/m for the whole run (spec §1.4, the StaticTrainer default).</summary>
public sealed class StratifiedPolicy(IReadOnlyList<string> domains, MixingPolicyOptions? options = null)
    : FixedMixturePolicy(MixingPolicies.Stratified, domains, options ?? new MixingPolicyOptions())
{
    protected override string ExtraRuns => "0";
}

/// <summary>Fixed given proportions (e.g. a mixture JSON from <c>mixlab fit</c>, or DoReMi/DoGE averaged weights).</summary>
public sealed class StaticPolicy : FixedMixturePolicy
{
    /// <summary>Checks and normalises the weights (warning when they do not sum to 1).</summary>
    public StaticPolicy(IReadOnlyList<string> domains, StaticOptions options) : base(MixingPolicies.Static, domains, options)
    {
        var w = new List<string>();
        Current = MixingMath.FromMap(Domains, options.Weights, "static weights", w);
        foreach (var m in w) Warn(m);
    }

    protected override string ExtraRuns => "0";
}
