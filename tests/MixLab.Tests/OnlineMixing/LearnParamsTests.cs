using MathNet.Numerics.LinearAlgebra;
using MixLab.OnlineMixing;

namespace MixLab.Tests.OnlineMixing;

/// <summary>Spec §7 A.1: the LearnParams algebra on synthetic linear dynamics.</summary>
public class LearnParamsTests
{
    private static readonly double[][] A3 = [[0.595, 0.130, 0.228], [0.005, 0.459, 0.033], [0.161, 0.113, 0.800]];

    [Fact]
    public void OneHotFactorMatchesTheScripts()
    {
        // Spec §2.3: ε = 0.75 gives 0.625 for m = 2 and 0.5 for m = 3.
        Assert.Equal(0.625, LearnParams.OneHotFactor(0.75, 2), 12);
        Assert.Equal(0.5, LearnParams.OneHotFactor(0.75, 3), 12);
        Assert.Equal([0.5, 0.25, 0.25], LearnParams.PerturbedMixture(3, 0, 0.5));
    }

    [Fact]
    public void SolveAgreesWithAGeneralLinearSolve()
    {
        var rng = new PolicyRandom(7);
        foreach (var (m, ohf) in new[] { (2, 0.625), (3, 0.5), (7, 0.75) })
        {
            var beta = Enumerable.Range(0, m).Select(_ => Enumerable.Range(0, m).Select(_ => rng.NextGaussian()).ToArray()).ToArray();
            var p = Matrix<double>.Build.DenseOfRowArrays(Enumerable.Range(0, m).Select(j => LearnParams.PerturbedMixture(m, j, ohf)));
            var a = LearnParams.Solve(beta, ohf);
            for (int i = 0; i < m; i++)
            {
                var expected = p.Solve(Vector<double>.Build.DenseOfArray(beta[i]));
                for (int j = 0; j < m; j++) Assert.Equal(expected[j], a[i][j], 10);
            }
        }
    }

    [Fact]
    public void PureOneHotAndDiagonalVariants()
    {
        double[][] beta = [[1, 2], [3, 4]];
        Assert.Equal(beta, LearnParams.Solve(beta, 1.0));
        var d = LearnParams.Solve(beta, 0.625, diagonal: true);
        Assert.Equal(1 / 0.625, d[0][0], 12);
        Assert.Equal(4 / 0.625, d[1][1], 12);
        Assert.Equal(0, d[0][1]);
    }

    [Fact]
    public void SweepOrderIsKPermutations()
    {
        var order = LearnParams.SweepOrder(3, 4, new PolicyRandom(1));
        Assert.Equal(12, order.Length);
        for (int s = 0; s < 4; s++) Assert.Equal([0, 1, 2], order.Skip(3 * s).Take(3).Order());
    }

    [Fact]
    public void AioliRecoversAExactlyWithoutNoise()
    {
        var policy = new AioliPolicy(["arxiv", "book", "se"], new AioliOptions { LpRounds = 2, LpSteps = 6, UpdateSteps = 250, NormalizeA = false, Seed = 3 });
        var trainer = new LinearTrainer(A3, [4, 4, 4], unitSteps: 6);
        trainer.Run(policy, 250);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) Assert.Equal(A3[i][j], policy.LastA![i][j], 9);
    }

    [Fact]
    public void ConstantDriftShiftsEveryEntryEquallySoColumnSumOrderIsKept()
    {
        // β/k = P·a_i + d·1 and P·1 = 1, so the solve gives a_i + d·1 (derived).
        var policy = new AioliPolicy(["a", "b", "c"], new AioliOptions { LpRounds = 1, LpSteps = 6, NormalizeA = false });
        var trainer = new LinearTrainer(A3, [4, 4, 4], 6) { Drift = () => 0.3 };
        trainer.Run(policy, 250);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++) Assert.Equal(A3[i][j] + 0.3, policy.LastA![i][j], 9);
    }

    [Fact]
    public void MoreSweepsShrinkTheDriftError()
    {
        double Error(int k)
        {
            double total = 0;
            for (ulong seed = 0; seed < 30; seed++)
            {
                var noise = new PolicyRandom(1000 + seed);
                var policy = new AioliPolicy(["a", "b", "c"], new AioliOptions { LpRounds = k, LpSteps = 2, UpdateSteps = 100, NormalizeA = false, Seed = seed });
                var trainer = new LinearTrainer(A3, [4, 4, 4], 2) { Drift = () => 0.5 * noise.NextGaussian() };
                trainer.Run(policy, 100);
                for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) total += Math.Pow(policy.LastA![i][j] - A3[i][j], 2);
            }
            return total;
        }
        double e1 = Error(1), e8 = Error(8);
        Assert.True(e8 < 0.5 * e1, $"k=8 squared error {e8} should be well below k=1 error {e1}");
    }

    [Fact]
    public void IdenticalGroupsHaveEqualColumnSumsOnAverage()
    {
        double[][] same = [[0.2, 0.2], [0.2, 0.2]];
        var sums = new double[2];
        var noise = new PolicyRandom(5);
        var policy = new AioliPolicy(["x", "y"], new AioliOptions { LpRounds = 4, LpSteps = 4, NormalizeA = false, Seed = 9 });
        var trainer = new LinearTrainer(same, [5, 5], 4) { Drift = () => 0.02 * noise.NextGaussian() };
        for (int r = 1; r <= 200; r++)
        {
            trainer.Run(policy, 250L * r);
            var c = MixingMath.ColumnSums(policy.LastA!);
            sums[0] += c[0]; sums[1] += c[1];
        }
        Assert.True(Math.Abs(sums[0] - sums[1]) / 200 < 0.02, $"mean column sums {sums[0] / 200} vs {sums[1] / 200}");
        Assert.Equal(0.4, sums[0] / 200, 1);
    }
}
