using MixLab.Numerics;

namespace MixLab.Tests.Numerics;

public sealed class LogSumExpTests
{
    [Fact]
    public void ValueAndWeights_IsStableForLargeAndSmallTerms()
    {
        Span<double> t = [1000.0, 1000.0, 1000.0 - Math.Log(2)];
        double v = LogSumExp.ValueAndWeights(t);
        Assert.Equal(1000 + Math.Log(2.5), v, 1e-12);
        // 1000 − log 2 is itself rounded to ~1e-13, so the weights are exact only to ~1e-13.
        Assert.Equal(0.4, t[0], 1e-12);
        Assert.Equal(0.4, t[1], 1e-12);
        Assert.Equal(0.2, t[2], 1e-12);
        Assert.Equal(1.0, t[0] + t[1] + t[2], 1e-15);

        Span<double> small = [-1000.0, -1001.0];
        Assert.Equal(-1000 + Math.Log(1 + Math.Exp(-1)), LogSumExp.ValueAndWeights(small), 1e-12);
    }

    [Fact]
    public void ValueAndWeights_NegativeInfinityTermsGetZeroWeight()
    {
        Span<double> t = [double.NegativeInfinity, Math.Log(3.0)];
        Assert.Equal(Math.Log(3.0), LogSumExp.ValueAndWeights(t), 1e-15);
        Assert.Equal(0.0, t[0]);
        Assert.Equal(1.0, t[1]);

        Span<double> all = [double.NegativeInfinity, double.NegativeInfinity];
        Assert.Equal(double.NegativeInfinity, LogSumExp.ValueAndWeights(all));
        Assert.Equal(0.0, all[0]);
        Assert.Equal(0.0, all[1]);
    }

    [Fact]
    public void Weights_AreTheGradientOfTheValue()
    {
        double[] x = [0.3, -1.2, 2.0, 0.0];
        Span<double> w = x.ToArray();
        double v = LogSumExp.ValueAndWeights(w);
        Assert.Equal(Math.Log(x.Sum(Math.Exp)), v, 1e-14);
        for (int k = 0; k < x.Length; k++)
        {
            double h = 1e-6;
            var p = x.ToArray(); p[k] += h;
            var m = x.ToArray(); m[k] -= h;
            double fd = (Math.Log(p.Sum(Math.Exp)) - Math.Log(m.Sum(Math.Exp))) / (2 * h);
            Assert.Equal(fd, w[k], 1e-9);
        }
    }
}
