using System.Text.Json.Nodes;

namespace MixLab.OnlineMixing;

/// <summary>
/// DoReMi as in Aioli's <c>doremi_trainer.py</c> (spec §6.1; LMO: diagonal A^t_ii = max(ℓ_i − ℓ_ref,i, 0), EGD). Each
/// decision is one proxy step: sample stratified, weight the per-domain losses by α, and report the proxy's and the
/// reference model's per-domain losses on the batch. Then α ← (1 − c)·softmax(log α + μ·e) + c/m. A domain absent from
/// the batch (<see cref="MixingFeedback.Present"/>) reuses its previous excess loss. <see cref="AverageProportions"/>
/// (the mean α over all updates) is the static mixture for the final run.
/// </summary>
public sealed class DoReMiPolicy : MixingPolicyBase
{
    private readonly DoReMiOptions _o;
    private double[] _excess;
    private double[] _sum;
    private long _count;

    /// <summary>Checks μ and c.</summary>
    public DoReMiPolicy(IReadOnlyList<string> domains, DoReMiOptions? options = null) : base(MixingPolicies.DoReMi, domains, (options ??= new()).Seed)
    {
        _o = options;
        if (!(_o.Mu > 0) || !double.IsFinite(_o.Mu)) throw new ArgumentException($"doremi: mu must be > 0, got {_o.Mu}");
        if (!(_o.Smoothing >= 0 && _o.Smoothing <= 1)) throw new ArgumentException($"doremi: smoothing must be in [0, 1], got {_o.Smoothing}");
        _excess = new double[M];
        _sum = new double[M];
    }

    /// <summary>Mean of α over all updates so far (the current α before the first update).</summary>
    public IReadOnlyList<double> AverageProportions => _count == 0 ? Current : _sum.Select(s => s / _count).ToArray();

    /// <summary>The clipped excess losses used in the last update (the diagonal of A^t).</summary>
    public IReadOnlyList<double> ExcessLoss => _excess;

    protected override string ExtraRuns => "2 (reference run + proxy run)";

    protected override MixingDecision Decide() => new(MixingDecisionKind.Train, MixingMath.Uniform(M), 1,
        MixingFeedbackKind.TrainingLosses | MixingFeedbackKind.ReferenceLosses, Current, "doremi proxy step");

    protected override void Apply(MixingDecision decision, MixingFeedback f)
    {
        var l = f.TrainingLosses!;
        var r = f.ReferenceLosses!;
        if (!MixingMath.AllFinite(l, f.Present) || !MixingMath.AllFinite(r, f.Present))
        {
            SkipUpdate($"non-finite loss (proxy: {NonFinite(l)}; reference: {NonFinite(r)})");
            return;
        }
        var e = (double[])_excess.Clone();
        for (int i = 0; i < M; i++)
            if (f.Present is null || f.Present[i]) e[i] = Math.Max(l[i] - r[i], 0);
        var a = MixingMath.ExponentiatedGradient(Current, e, _o.Mu);
        for (int i = 0; i < M; i++) a[i] = (1 - _o.Smoothing) * a[i] + _o.Smoothing / M;
        _excess = e;
        Current = a;
        for (int i = 0; i < M; i++) _sum[i] += a[i];
        _count++;
        CountUpdate();
    }

    protected override void SaveMethodState(JsonObject s)
    {
        s["excess"] = JsonState.Vector(_excess);
        s["sum"] = JsonState.Vector(_sum);
        s["count"] = _count;
    }

    protected override void RestoreMethodState(JsonObject s)
    {
        _excess = JsonState.ReadVector(s["excess"], "excess");
        _sum = JsonState.ReadVector(s["sum"], "sum");
        _count = JsonState.Read<long>(s, "count");
    }
}
