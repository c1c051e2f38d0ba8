using System.Text.Json.Nodes;

namespace MixLab.OnlineMixing;

/// <summary>
/// Skill-It as in Aioli's <c>skillit_trainer.py</c> (spec §6.2; LMO: A^t_ij = G[j][i]·L_i^t, windowed non-cumulative EGD).
/// Initial p ∝ exp(η·G·1); every <see cref="SkillItOptions.UpdateSteps"/> steps the trainer reports per-group validation
/// losses, and p ∝ exp(η·G·Σ_window L), summing the last <see cref="SkillItOptions.Window"/> loss vectors.
/// </summary>
public sealed class SkillItPolicy : MixingPolicyBase
{
    private readonly SkillItOptions _o;
    private readonly double[][] _g;
    private List<double[]> _window = [];

    /// <summary>Checks the graph (m×m, finite) and the options.</summary>
    public SkillItPolicy(IReadOnlyList<string> domains, SkillItOptions options) : base(MixingPolicies.SkillIt, domains, options.Seed)
    {
        _o = options;
        var g = options.Graph ?? throw new ArgumentException("skill_it: a skills graph is required (graph: m×m, rows = trained group); estimate it with SkillGraph.FromSingleGroupRuns");
        if (g.Length != M || g.Any(r => r is null || r.Length != M)) throw new ArgumentException($"skill_it: the graph must be {M}×{M}");
        if (g.Any(r => r.Any(v => !double.IsFinite(v)))) throw new ArgumentException("skill_it: the graph has a non-finite entry");
        if (_o.Window < 1 || _o.UpdateSteps < 1 || !double.IsFinite(_o.Eta)) throw new ArgumentException("skill_it: window and update_steps must be ≥ 1 and eta finite");
        _g = SkillGraph.Prepare(g);
        Current = Weights(Enumerable.Repeat(1.0, M).ToArray());
    }

    protected override string ExtraRuns => "m (one single-group run per group for the graph)";

    private double[] Weights(double[] lsum)
    {
        var x = new double[M];
        for (int j = 0; j < M; j++)
            for (int e = 0; e < M; e++) x[j] += _o.Eta * _g[j][e] * lsum[e];
        return MixingMath.Softmax(x);
    }

    protected override MixingDecision Decide() => new(MixingDecisionKind.Train, Current, _o.UpdateSteps, MixingFeedbackKind.ValidationLosses, Note: "skill_it interval");

    protected override void Apply(MixingDecision decision, MixingFeedback f)
    {
        var l = f.ValidationLosses!;
        if (!MixingMath.AllFinite(l)) { SkipUpdate($"non-finite validation loss ({NonFinite(l)})"); return; }
        _window.Add((double[])l.Clone());
        if (_window.Count > _o.Window) _window.RemoveAt(0);
        var sum = new double[M];
        foreach (var v in _window) for (int e = 0; e < M; e++) sum[e] += v[e];
        Current = Weights(sum);
        CountUpdate();
    }

    protected override void SaveMethodState(JsonObject s) => s["window"] = JsonState.Matrix([.. _window]);

    protected override void RestoreMethodState(JsonObject s) => _window = [.. JsonState.ReadMatrix(s["window"], "window") ?? []];
}
