using MixLab.OnlineMixing;

namespace MixLab.Tests.OnlineMixing;

/// <summary>Stratified, static, grid-search and Data-Mixing-Law policies, the factory and the stratified sampler.</summary>
public class FixedPolicyTests
{
    [Fact]
    public void StratifiedIsUniformAndAsksForNothing()
    {
        var p = MixingPolicies.Create("stratified", ["a", "b", "c", "d"]);
        var d = p.Next();
        Assert.All(d.Proportions, v => Assert.Equal(0.25, v));
        Assert.Equal(MixingFeedbackKind.None, d.Feedback);
        p.Observe(new MixingFeedback());
        Assert.Equal(250, p.Step);
    }

    [Fact]
    public void StaticWeightsAreCheckedAndRenormalisedWithAWarning()
    {
        var p = new StaticPolicy(["a", "b"], new StaticOptions { Weights = new() { ["a"] = 3, ["b"] = 1 } });
        Assert.Equal([0.75, 0.25], p.Proportions);
        Assert.Contains(p.Warnings, w => w.Contains("sum to 4"));
        Assert.Contains("'c'", Assert.Throws<ArgumentException>(() => new StaticPolicy(["a", "b"], new StaticOptions { Weights = new() { ["a"] = 1, ["c"] = 0 } })).Message);
        Assert.Contains("no weight for domain 'b'", Assert.Throws<ArgumentException>(() => new StaticPolicy(["a", "b"], new StaticOptions { Weights = new() { ["a"] = 1 } })).Message);
        Assert.Throws<ArgumentException>(() => new StaticPolicy(["a", "b"], new StaticOptions { Weights = new() { ["a"] = -0.2, ["b"] = 1.2 } }));
        Assert.Throws<ArgumentException>(() => new StaticPolicy(["a", "b"], new StaticOptions { Weights = new() { ["a"] = double.NaN, ["b"] = 1 } }));
        Assert.Throws<ArgumentException>(() => new StaticPolicy(["a", "b"], new StaticOptions { Weights = new() { ["a"] = 0, ["b"] = 0 } }));
    }

    [Fact]
    public void DomainsMustBeUniqueAndNamed()
    {
        Assert.Contains("twice", Assert.Throws<ArgumentException>(() => MixingPolicies.Create("stratified", ["a", "a"])).Message);
        Assert.Throws<ArgumentException>(() => MixingPolicies.Create("stratified", ["a", " "]));
        Assert.Throws<ArgumentException>(() => MixingPolicies.Create("stratified", []));
    }

    [Fact]
    public void GridSearchM2SweepsPointOneToPointNine()
    {
        var grid = GridSearchPolicy.DefaultGrid(2, 9, 1, 0);
        Assert.Equal(9, grid.Count);
        for (int i = 0; i < 9; i++) Assert.Equal(0.1 * (i + 1), grid[i][0], 12);
        var p = new GridSearchPolicy(["a", "b"], new GridSearchOptions { Run = 2 });
        Assert.Equal(0.3, p.Proportions[0], 12);
        Assert.Equal(1, GridSearchPolicy.Best([2.0, 1.5, double.NaN, 1.7]));
        Assert.Throws<ArgumentException>(() => new GridSearchPolicy(["a", "b"], new GridSearchOptions { Run = 9 }));
    }

    [Fact]
    public void DirichletCoverGivesNDeterministicSimplexPoints()
    {
        var a = DirichletCover.Points(3, 9, 1.0, 5);
        var b = DirichletCover.Points(3, 9, 1.0, 5);
        Assert.Equal(9, a.Length);
        Assert.Equal(a, b);
        Assert.All(a, p => { Assert.Equal(1, p.Sum(), 12); Assert.All(p, v => Assert.True(v > 0)); });
        Assert.NotEqual(a, DirichletCover.Points(3, 9, 1.0, 6));
    }

    [Fact]
    public void DataMixingLawPolicyFindsTheClosedFormOptimum()
    {
        // Spec §1.4 (m = 2 notebook): L_i = c_i + exp(k_i p_i + b_i), optimum p_1* = (k_2 + b_2 − b_1 + ln(k_2/k_1)) / (k_1 + k_2).
        double k1 = -2.6, b1 = -0.6, k2 = -2.5, b2 = -0.1;
        var options = new DataMixingLawOptions
        {
            Laws =
            [
                new() { Domain = "arxiv", C = 2.64, K = Math.Exp(b1), T = new() { ["arxiv"] = k1 } },
                new() { Domain = "se", C = 3.0, K = Math.Exp(b2), T = new() { ["se"] = k2 } },
            ],
        };
        var p = (DataMixingLawPolicy)MixingPolicies.Create("dml", ["arxiv", "se"], options);
        double expected = (k2 + b2 - b1 + Math.Log(k2 / k1)) / (k1 + k2);
        Assert.Equal(expected, p.Proportions[0], 5);
    }

    [Fact]
    public void FactoryKnowsEveryPolicyAndChecksOptionTypes()
    {
        foreach (var name in new[] { "stratified", "grid_search", "doremi", "doge", "aioli" })
            Assert.Equal(name, MixingPolicies.Create(name, ["a", "b"]).Name);
        Assert.Equal("skill_it", MixingPolicies.Create("Skill-It", ["a", "b"], new SkillItOptions { Graph = [[1, 0], [0, 1]] }).Name);
        Assert.Contains("takes AioliOptions", Assert.Throws<ArgumentException>(() => MixingPolicies.Create("aioli", ["a", "b"], new DoReMiOptions())).Message);
        Assert.Contains("known:", Assert.Throws<ArgumentException>(() => MixingPolicies.Create("odm", ["a", "b"])).Message);
        Assert.Throws<ArgumentException>(() => MixingPolicies.Create("static", ["a", "b"]));
        Assert.Equal(typeof(AioliOptions), MixingPolicies.OptionsType("aioli"));
    }

    [Theory]
    // Spec §2.5 item 3 / §7 A.3: realized counts must match p_{t,j}; the reference sampler's m = 7 path gave [6,1,1,1,1,1,−3].
    [InlineData(2, 0.625, 8, 1, new[] { 5, 3 })]
    [InlineData(3, 0.5, 8, 1, new[] { 4, 2, 2 })]
    public void SamplerRealisesPerturbedMixturesExactly(int m, double ohf, int batch, int steps, int[] expected)
    {
        var s = StratifiedSampler.Schedule(LearnParams.PerturbedMixture(m, 0, ohf), steps, batch, 1);
        Assert.Equal(expected, s.Counts);
        Assert.Empty(s.Warnings);
    }

    [Fact]
    public void SamplerOnSevenGroupsDrawsEveryGroupWithFullBatches()
    {
        var p = LearnParams.PerturbedMixture(7, 6, 0.75);
        var s = StratifiedSampler.Schedule(p, 10, 8, 3);
        Assert.Equal(10, s.Batches.Length);
        Assert.All(s.Batches, b => Assert.Equal(8, b.Length));
        Assert.Equal(80, s.Counts.Sum());
        for (int l = 0; l < 7; l++) Assert.InRange(s.Counts[l], p[l] * 80 - 1, p[l] * 80 + 1);
        Assert.Equal(60, s.Counts[6]);
        var realized = new int[7];
        foreach (var b in s.Batches) foreach (var d in b) realized[d]++;
        Assert.Equal(s.Counts, realized);
        Assert.Equal(s.Batches, StratifiedSampler.Schedule(p, 10, 8, 3).Batches);
        Assert.NotEqual(s.Batches, StratifiedSampler.Schedule(p, 10, 8, 4).Batches);
    }

    [Fact]
    public void SamplerWarnsWhenAGroupCannotBeDrawn()
    {
        var s = StratifiedSampler.Schedule([0.98, 0.01, 0.01], 1, 8, 0, ["a", "b", "c"]);
        Assert.Equal(8, s.Counts.Sum());
        Assert.Contains(s.Warnings, w => w.Contains("b has proportion"));
    }
}
