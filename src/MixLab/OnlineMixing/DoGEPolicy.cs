using System.Text.Json.Nodes;

namespace MixLab.OnlineMixing;

/// <summary>
/// DoGE as in Aioli's <c>doge_trainer.py</c> (spec §1.4, §6.3; LMO: A^t_ij = ⟨∇L^val_i, ∇L^train_j⟩, EGD). Each decision is
/// one proxy step: sample stratified, form the model gradient Σ α_j g_j (loss weights α), and report per training domain
/// the alignment ⟨g_j, g_val⟩ (or the full product matrix, whose column means are used), ‖g_j‖ and the learning rate.
/// Score s_j = lr·⟨g_j, g_val⟩ / (mean_j ‖g_j‖ + 1e-6), clipped to [0, 5·lr]; α ← softmax(log α + s/μ).
/// <see cref="AverageProportions"/> is the static mixture for the final run.
/// </summary>
public sealed class DoGEPolicy : MixingPolicyBase
{
    private readonly DoGEOptions _o;
    private double[] _sum;
    private long _count;

    /// <summary>Checks μ.</summary>
    public DoGEPolicy(IReadOnlyList<string> domains, DoGEOptions? options = null) : base(MixingPolicies.DoGE, domains, (options ??= new()).Seed)
    {
        _o = options;
        if (!(_o.Mu > 0) || !double.IsFinite(_o.Mu)) throw new ArgumentException($"doge: mu must be > 0, got {_o.Mu}");
        if (!(_o.ClipMultiple > 0)) throw new ArgumentException($"doge: clip_multiple must be > 0, got {_o.ClipMultiple}");
        _sum = new double[M];
    }

    /// <summary>Mean of α over all updates so far.</summary>
    public IReadOnlyList<double> AverageProportions => _count == 0 ? Current : _sum.Select(s => s / _count).ToArray();

    /// <summary>The last scores s_j.</summary>
    public IReadOnlyList<double> LastScores { get; private set; } = [];

    protected override string ExtraRuns => "1 (proxy run)";

    protected override MixingDecision Decide() => new(MixingDecisionKind.Train, MixingMath.Uniform(M), 1,
        MixingFeedbackKind.GradientAlignment, Current, "doge proxy step");

    /// <summary>DoGE's score from alignments, gradient norms and the learning rate (before the 1/μ step).</summary>
    public static double[] Scores(IReadOnlyList<double> alignment, IReadOnlyList<double> norms, double learningRate, double clipMultiple = 5, double normEpsilon = 1e-6)
    {
        double meanNorm = norms.Average();
        return alignment.Select(a => Math.Clamp(learningRate * a / (meanNorm + normEpsilon), 0, clipMultiple * learningRate)).ToArray();
    }

    protected override void Apply(MixingDecision decision, MixingFeedback f)
    {
        var align = f.GradientAlignment ?? ColumnMeans(f.GradientProducts!);
        double lr = f.LearningRate!.Value;
        if (!MixingMath.AllFinite(align) || !MixingMath.AllFinite(f.GradientNorms!) || !double.IsFinite(lr))
        {
            SkipUpdate($"non-finite gradient feedback (alignment: {NonFinite(align)}; norms: {NonFinite(f.GradientNorms!)}; lr {lr})");
            return;
        }
        var s = Scores(align, f.GradientNorms!, lr, _o.ClipMultiple, _o.NormEpsilon);
        LastScores = s;
        Current = MixingMath.ExponentiatedGradient(Current, s, 1 / _o.Mu);
        for (int i = 0; i < M; i++) _sum[i] += Current[i];
        _count++;
        CountUpdate();
    }

    private static double[] ColumnMeans(double[][] a)
    {
        var c = MixingMath.ColumnSums(a);
        for (int j = 0; j < c.Length; j++) c[j] /= a.Length;
        return c;
    }

    protected override void SaveMethodState(JsonObject s)
    {
        s["sum"] = JsonState.Vector(_sum);
        s["count"] = _count;
    }

    protected override void RestoreMethodState(JsonObject s)
    {
        _sum = JsonState.ReadVector(s["sum"], "sum");
        _count = JsonState.Read<long>(s, "count");
    }
}
