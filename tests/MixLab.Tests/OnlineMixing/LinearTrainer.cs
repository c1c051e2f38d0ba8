using MixLab.OnlineMixing;

namespace MixLab.Tests.OnlineMixing;

/// <summary>
/// A synthetic "trainer" with the dynamic linear law of spec §1.2: per unit of steps on mixture p, L_i drops by
/// Σ_j A_ij p_j plus a drift shared by all groups (drawn per decision from <see cref="Drift"/>).
/// </summary>
internal sealed class LinearTrainer(double[][] a, double[] initialLosses, int unitSteps)
{
    public double[] Losses { get; } = (double[])initialLosses.Clone();
    public Func<double>? Drift { get; init; }
    public List<MixingDecision> Decisions { get; } = [];

    public MixingFeedback Execute(MixingDecision d)
    {
        Decisions.Add(d);
        if (d.Steps > 0)
        {
            double units = (double)d.Steps / unitSteps;
            double drift = Drift?.Invoke() ?? 0;
            for (int i = 0; i < Losses.Length; i++)
            {
                double drop = drift;
                for (int j = 0; j < Losses.Length; j++) drop += a[i][j] * d.Proportions[j];
                Losses[i] -= drop * units;
            }
        }
        return new MixingFeedback { ValidationLosses = (double[])Losses.Clone() };
    }

    /// <summary>Drives the policy until <paramref name="steps"/> steps are acknowledged.</summary>
    public void Run(IMixingPolicy policy, long steps)
    {
        while (policy.Step < steps) policy.Observe(Execute(policy.Next()));
    }
}
