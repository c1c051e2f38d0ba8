using MixLab.Planning.Moe;
using Xunit.Abstractions;
using static MixLab.Tests.Planning.Moe.MoeTestData;

namespace MixLab.Tests.Planning.Moe;

/// <summary>
/// The planner's contract: every candidate respects the limits and the minimum activation, is sized to the allocation
/// law's M* (within 25 %), carries the EL law's value for its own A and G, and the list is ranked by EL; impossible
/// limits give no candidates and a warning; compute outside the fitted range gives a warning with the decades.
/// </summary>
public sealed class MoePlannerTests(ITestOutputHelper output)
{
    private static readonly Lazy<MoePlan> At1e21 = new(() => MoePlanner.Plan(new MoePlanOptions { Compute = 1e21, MaxTotalParams = 20e9 }));

    [Fact]
    public void Candidates_at_1e21_under_20B_total_params()
    {
        var plan = At1e21.Value;
        foreach (var c in plan.Candidates)
            output.WriteLine($"{c.El:F3} {c.Config.Name} total {c.Counts.Total / 1e9:F2}B M {c.Flops.PerToken:G3}");
        Assert.NotEmpty(plan.Candidates);
        Assert.True(plan.Candidates.Count <= plan.Options.Top);
        Assert.True(plan.Searched > plan.Candidates.Count);
        Assert.Equal(ScaleAllocationLaw.Moe(1e21), plan.Allocation);
        var law = EfficiencyLeverageLaw.Paper;
        foreach (var c in plan.Candidates)
        {
            string who = c.Config.Name;
            Assert.Empty(c.Config.Problems());
            Assert.True(c.Config.IsMoe, who);
            Assert.Equal(ParameterCounter.Count(c.Config), c.Counts);
            Assert.Equal(FlopCounter.Count(c.Config, plan.Options.Convention), c.Flops);
            Assert.Equal(MoeRatios.Of(c.Config), c.Ratios);
            Assert.True(c.Counts.Total <= 20e9, $"{who}: {c.Counts.Total} total parameters exceed 20e9");
            Assert.True(c.Ratios.ActivationRouted >= plan.Options.MinActivation - 1e-12, $"{who}: A = {c.Ratios.ActivationRouted} below the minimum");
            Assert.True(Math.Abs(c.Flops.PerToken / plan.Allocation.ModelScale - 1) <= 0.25,
                $"{who}: M = {c.Flops.PerToken:G4} is not within 25 % of M* = {plan.Allocation.ModelScale:G4}");
            Rel(law.At(c.Ratios.ActivationRouted, c.Ratios.Granularity, 1e21), c.El, 1e-12, $"{who}: EL");
            Assert.Equal(c.Config.ExpertSize * (double)c.Ratios.Granularity, 2.0 * c.Config.DModel, 9);
            Rel(1e21 / c.Flops.PerToken, c.Tokens, 1e-12, $"{who}: D = C / M");
            Rel(1e21 * c.El, c.DenseEquivalentCompute, 1e-9, $"{who}: dense-equivalent compute");
            Rel(HyperParameterLaws.LearningRate(1e21), c.LearningRate, 1e-12, $"{who}: η");
            Rel(HyperParameterLaws.BatchTokens(1e21), c.BatchTokens, 1e-12, $"{who}: B");
            Rel(plan.Allocation.ModelScale, c.TargetScale, 1e-12, $"{who}: target M");
        }
        for (int i = 1; i < plan.Candidates.Count; i++)
            Assert.True(plan.Candidates[i].El <= plan.Candidates[i - 1].El + 1e-6, $"candidate {i + 1} has a higher EL than candidate {i}");
    }

    [Fact]
    public void Compute_just_above_the_fitted_range_warns_with_the_decades()
    {
        var warnings = At1e21.Value.Warnings;
        Assert.Contains(warnings, w => w.Contains("0.2 decades"));
    }

    [Fact]
    public void Tighter_total_limit_lowers_or_keeps_the_best_EL()
    {
        var loose = MoePlanner.Plan(new MoePlanOptions { Compute = 1e20, Top = 1 });
        var tight = MoePlanner.Plan(new MoePlanOptions { Compute = 1e20, MaxTotalParams = 5e9, Top = 1 });
        Assert.NotEmpty(loose.Candidates);
        Assert.NotEmpty(tight.Candidates);
        Assert.True(tight.Candidates[0].Counts.Total <= 5e9);
        Assert.True(tight.Candidates[0].El <= loose.Candidates[0].El + 1e-9);
        Assert.DoesNotContain(loose.Warnings, w => w.Contains("decades"));   // 1e20 is inside 1e18–6e20
    }

    [Fact]
    public void Active_limit_and_minimum_activation_are_respected()
    {
        var plan = MoePlanner.Plan(new MoePlanOptions { Compute = 1e20, MaxActiveParams = 2e9, MinActivation = 0.05 });
        Assert.NotEmpty(plan.Candidates);
        Assert.All(plan.Candidates, c =>
        {
            Assert.True(c.Counts.Active <= 2e9, $"{c.Config.Name}: {c.Counts.Active} active");
            Assert.True(c.Ratios.ActivationRouted >= 0.05 - 1e-12, $"{c.Config.Name}: A = {c.Ratios.ActivationRouted}");
        });
    }

    [Fact]
    public void Impossible_limit_gives_no_candidates_and_a_warning()
    {
        var plan = MoePlanner.Plan(new MoePlanOptions { Compute = 1e21, MaxTotalParams = 1e6 });
        Assert.Empty(plan.Candidates);
        Assert.Contains(plan.Warnings, w => w.Contains("no config", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData(1e17, "1.0 decades")]
    [InlineData(6e21, "1.0 decades")]
    public void Compute_outside_the_fitted_range_warns_how_far(double compute, string decades)
    {
        var plan = MoePlanner.Plan(new MoePlanOptions { Compute = compute, Top = 3 });
        output.WriteLine(string.Join("\n", plan.Warnings));
        Assert.Contains(plan.Warnings, w => w.Contains(decades) && w.Contains("fitted"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1e21)]
    [InlineData(double.NaN)]
    public void Non_positive_compute_throws(double compute) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => MoePlanner.Plan(new MoePlanOptions { Compute = compute }));
}
